import { resolveSiteConfig } from './site-config.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A static export: `next build` writes plain HTML/CSS/JS to out/, servable by any web server.
  output: 'export',
  // /privacy is written as out/privacy/index.html, so every static host serves it as is.
  trailingSlash: true,
  // Resolved NEXT_PUBLIC_* values (defaults filled in) are inlined into the pages at build time.
  env: resolveSiteConfig(),
  images: { unoptimized: true },
  poweredByHeader: false,
  reactStrictMode: true,
  // Hide the development indicator so `next dev` looks like the built site.
  devIndicators: false,
};

export default nextConfig;
