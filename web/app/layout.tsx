import type { Metadata, Viewport } from 'next';
import '@fontsource/lora/latin-500.css';
import '@fontsource/lora/latin-600.css';
import '@fontsource/lora/latin-500-italic.css';
import '@fontsource/nunito-sans/latin-400.css';
import '@fontsource/nunito-sans/latin-600.css';
import '@fontsource/nunito-sans/latin-700.css';
import './tokens.css';
import './globals.css';

export const metadata: Metadata = {
  title: {
    default: 'Wisdom by SoulWisdom – kurser, vägledning och live-seminarier',
    template: '%s – Wisdom by SoulWisdom',
  },
  description:
    'Wisdom samlar oberoende lärare inom välmående och andlig utveckling i Sverige: kurser, tjänster som readings och coaching, live-seminarier och en varm gemenskap.',
  applicationName: 'Wisdom',
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/favicon.svg', type: 'image/svg+xml' },
      { url: '/brand/favicon-32.png', type: 'image/png', sizes: '32x32' },
      { url: '/brand/favicon-16.png', type: 'image/png', sizes: '16x16' },
    ],
    apple: [{ url: '/apple-touch-icon.png', sizes: '180x180' }],
  },
  manifest: '/manifest.webmanifest',
  formatDetection: { telephone: false, email: false, address: false },
};

export const viewport: Viewport = {
  themeColor: '#47386F',
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="sv">
      <body>
        <a className="skip-link" href="#innehall">
          Hoppa till innehållet
        </a>
        {children}
      </body>
    </html>
  );
}
