// Screenshots of the built site at phone and desktop widths, for reviewing the design:
//   npm run build && node scripts/screenshots.mjs [outdir]   (default: screenshots/, git-ignored)
// The room is shown in its error state (no LiveKit server is needed for that).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from './serve.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.mjs';
import { OUT_DIR, VIEWPORTS, WEB_ROOT } from '../tests/helpers.mjs';

const outDir = process.argv[2] ?? join(WEB_ROOT, 'screenshots');
await mkdir(outDir, { recursive: true });
const server = await startStaticServer({ root: OUT_DIR });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const shots = [
  ['landing', '/'],
  ['privacy', '/privacy/'],
  ['terms', '/terms/'],
  ['gdpr', '/gdpr/'],
  ['room-missing', '/room/'],
  ['room-refused', '/room/#url=ws%3A%2F%2F127.0.0.1%3A9&token=x.eyJleHAiOjQxMDI0NDQ4MDB9.x&name=Fullm%C3%A5nemeditation'],
];
try {
  for (const [name, path] of shots) {
    for (const [label, viewport] of Object.entries(VIEWPORTS)) {
      const page = await browser.newPage({ viewport });
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      if (name.startsWith('room')) await page.locator('[data-problem]').waitFor();
      const file = join(outDir, `${name}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
