// Shared fixtures: the static export served on 127.0.0.1 and the system Chromium.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nextEnv from '@next/env';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/serve.mjs';
import { resolveSiteConfig } from '../site-config.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

export const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(WEB_ROOT, 'out');

// Read .env* files the way `next build` does, then resolve the configuration like
// next.config.mjs: siteConfig is what the built pages must show.
nextEnv.loadEnvConfig(WEB_ROOT, false, { info() {}, error: console.error });
export const siteConfig = resolveSiteConfig(process.env);

/** Every page of the site, with the words its h1 must contain. */
export const PAGES = [
  { path: '/', h1: 'Väx i din egen takt' },
  { path: '/privacy/', h1: 'Integritetspolicy' },
  { path: '/terms/', h1: 'Användarvillkor' },
  { path: '/gdpr/', h1: 'Dina rättigheter enligt GDPR' },
  { path: '/room/', h1: 'Seminarium' },
];

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
};

/** Start the static server (records every request path) and Chromium. */
export async function startSite() {
  const requests = [];
  const server = await startStaticServer({ root: OUT_DIR, onRequest: (req) => requests.push(req.url) });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    origin: server.url,
    requests,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Open a page in a fresh context and record every request it makes and every console error.
 * @param {import('playwright-core').Browser} browser
 */
export async function openPage(browser, url, { viewport = VIEWPORTS.desktop, javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport, javaScriptEnabled, locale: 'sv-SE' });
  const page = await context.newPage();
  const requested = [];
  const consoleErrors = [];
  page.on('request', (r) => requested.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const response = await page.goto(url, { waitUntil: 'load' });
  return { context, page, response, requested, consoleErrors };
}

const require = createRequire(import.meta.url);
let axeSource;

/** Run axe-core in the page; returns its violations. */
export async function runAxe(page) {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
}

/** One line per violation, for assertion messages. */
export function axeReport(violations) {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(', ')}`).join('\n');
}
