// Generates every brand asset under public/ from the logo geometry below and app/tokens.css:
//   public/brand/*.svg            logo mark (light and dark variants), app icon sources
//   public/brand/*.png            icons for browsers, Android, iOS and the Flet client app
//   public/favicon.ico            16, 32 and 48 px (PNG-compressed ICO entries)
//   public/brand/colors.json      the colour tokens, for the client app
// PNGs are rendered by the system Chromium (/usr/bin/chromium) through playwright-core, so no
// image library is needed. Run with `npm run brand`; the outputs are committed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pub = join(root, 'public');
const brandDir = join(pub, 'brand');

/** Parse `--color-name: #RRGGBB;` declarations from app/tokens.css. */
export async function readTokens() {
  const css = await readFile(join(root, 'app', 'tokens.css'), 'utf8');
  const tokens = {};
  for (const m of css.matchAll(/--color-([a-z-]+):\s*(#[0-9A-Fa-f]{6});\s*\/\*\s*([^*]+?)\s*\*\//g)) {
    tokens[m[1]] = { hex: m[2].toUpperCase(), usage: m[3] };
  }
  return tokens;
}

// The mark, drawn on a 64x64 grid: a lotus of three petals rising from a calm horizon, with a
// golden spark of insight above it.
const PETAL_CENTER =
  'M32 15c6.4 7.6 8.6 15.8 6.6 24.6-1.2 5.1-3.4 8.6-6.6 11.4-3.2-2.8-5.4-6.3-6.6-11.4-2-8.8.2-17 6.6-24.6z';
const PETAL_LEFT =
  'M29.6 50.6c-6.9-.6-12.6-3.6-16.4-8.6-2.4-3.1-3.7-6.8-4-10.8 5.6.9 10.2 3.2 13.6 6.9 3.3 3.5 5.5 7.7 6.8 12.5z';
const PETAL_RIGHT =
  'M34.4 50.6c6.9-.6 12.6-3.6 16.4-8.6 2.4-3.1 3.7-6.8 4-10.8-5.6.9-10.2 3.2-13.6 6.9-3.3 3.5-5.5 7.7-6.8 12.5z';
const HORIZON = 'M14 56.5c12 3.2 24 3.2 36 0';

function markGroup({ center, sides, gold }) {
  return [
    `<path fill="${center}" d="${PETAL_CENTER}"/>`,
    `<path fill="${sides}" d="${PETAL_LEFT}"/>`,
    `<path fill="${sides}" d="${PETAL_RIGHT}"/>`,
    `<circle cx="32" cy="8.5" r="3.5" fill="${gold}"/>`,
    `<path fill="none" stroke="${gold}" stroke-width="2.4" stroke-linecap="round" d="${HORIZON}"/>`,
  ].join('\n    ');
}

function markSvg(colors) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="Wisdom">
  <title>Wisdom</title>
  <g>
    ${markGroup(colors)}
  </g>
</svg>
`;
}

/**
 * An app icon: a background (rounded square or full bleed) with the mark centred.
 * @param {{ t: Record<string, {hex: string}>, radius: number, markScale: number, background: boolean }} o
 */
function iconSvg({ t, radius, markScale, background }) {
  const size = 64 * markScale;
  const offset = (64 - size) / 2;
  const bg = background
    ? `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${t.ametist.hex}"/><stop offset="1" stop-color="${t['ametist-djup'].hex}"/>
    </linearGradient></defs>
  <rect width="64" height="64" rx="${radius}" fill="url(#bg)"/>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  ${bg}
  <g transform="translate(${offset.toFixed(3)} ${(offset + 0.6 * markScale).toFixed(3)}) scale(${markScale})">
    ${markGroup({ center: t.linne.hex, sides: '#C9BCE6', gold: t['guld-ljus'].hex })}
  </g>
</svg>
`;
}

/** An ICO file whose entries are PNG images (supported by every current browser and Windows). */
export function buildIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, data } of pngs) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

async function fontFace(family, file, weight) {
  const data = await readFile(join(root, 'node_modules', '@fontsource', file));
  return `@font-face{font-family:'${family}';font-weight:${weight};src:url(data:font/woff2;base64,${data.toString('base64')}) format('woff2');}`;
}

async function main() {
  const t = await readTokens();
  await mkdir(brandDir, { recursive: true });

  const svgs = {
    'logo-mark.svg': markSvg({ center: t.ametist.hex, sides: '#8C7BB8', gold: t.guld.hex }),
    'logo-mark-light.svg': markSvg({ center: t.linne.hex, sides: '#C9BCE6', gold: t['guld-ljus'].hex }),
    // Rounded square with transparent corners: favicons, Android/PWA "any" icons.
    'icon-rounded.svg': iconSvg({ t, radius: 14, markScale: 0.7, background: true }),
    // Full-bleed square: iOS (which applies its own mask), maskable PWA icons, app stores.
    'icon-full.svg': iconSvg({ t, radius: 0, markScale: 0.62, background: true }),
    // Android adaptive icon foreground: transparent, mark inside the 66/108 safe zone.
    'icon-adaptive-foreground.svg': iconSvg({ t, radius: 0, markScale: 0.5, background: false }),
  };
  for (const [name, svg] of Object.entries(svgs)) await writeFile(join(brandDir, name), svg);
  await writeFile(join(pub, 'favicon.svg'), svgs['icon-rounded.svg']);

  const pngs = [
    // [file, source svg, size]
    ['favicon-16.png', 'icon-rounded.svg', 16],
    ['favicon-32.png', 'icon-rounded.svg', 32],
    ['favicon-48.png', 'icon-rounded.svg', 48],
    ['apple-touch-icon.png', 'icon-full.svg', 180],
    ['android-chrome-192.png', 'icon-rounded.svg', 192],
    ['android-chrome-512.png', 'icon-rounded.svg', 512],
    ['maskable-192.png', 'icon-full.svg', 192],
    ['maskable-512.png', 'icon-full.svg', 512],
    ['icon-1024.png', 'icon-full.svg', 1024],
    ['icon-adaptive-foreground-432.png', 'icon-adaptive-foreground.svg', 432],
    ['logo-mark-512.png', 'logo-mark.svg', 512],
    ['logo-mark-light-512.png', 'logo-mark-light.svg', 512],
  ];

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const rendered = {};
    for (const [file, source, size] of pngs) {
      await page.setViewportSize({ width: size, height: size });
      const svg = svgs[source].replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
      const data = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      rendered[file] = data;
      await writeFile(join(brandDir, file), data);
    }
    await writeFile(
      join(pub, 'favicon.ico'),
      buildIco([16, 32, 48].map((size) => ({ size, data: rendered[`favicon-${size}.png`] }))),
    );
    await writeFile(join(pub, 'apple-touch-icon.png'), rendered['apple-touch-icon.png']);

    // Horizontal logos (mark + wordmark) as PNG, for documents and the client app.
    const faces =
      (await fontFace('Lora', 'lora/files/lora-latin-600-normal.woff2', 600)) +
      (await fontFace('Nunito Sans', 'nunito-sans/files/nunito-sans-latin-600-normal.woff2', 600));
    for (const [file, mark, ink, sub] of [
      ['logo-horizontal.png', 'logo-mark.svg', t.natt.hex, t.skymning.hex],
      ['logo-horizontal-light.png', 'logo-mark-light.svg', t.linne.hex, '#D9D2E3'],
    ]) {
      await page.setViewportSize({ width: 1200, height: 400 });
      await page.setContent(`<html><head><style>${faces}
        body{margin:0;background:transparent}
        .l{display:inline-flex;align-items:center;gap:28px;padding:24px 32px}
        .w{font:600 112px/1 'Lora',serif;color:${ink};letter-spacing:-1px}
        .s{font:600 30px/1 'Nunito Sans',sans-serif;color:${sub};letter-spacing:3px;text-transform:uppercase;margin-top:10px}
        </style></head><body><div class="l">${svgs[mark].replace('<svg ', '<svg width="160" height="160" ')}
        <div><div class="w">Wisdom</div><div class="s">by SoulWisdom</div></div></div></body></html>`);
      await page.evaluate(() => document.fonts.ready);
      const box = await page.locator('.l').boundingBox();
      const data = await page.screenshot({ omitBackground: true, clip: box });
      await writeFile(join(brandDir, file), data);
    }
  } finally {
    await browser.close();
  }

  const colors = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v]));
  await writeFile(join(brandDir, 'colors.json'), `${JSON.stringify(colors, null, 2)}\n`);
  console.log(`brand: wrote ${Object.keys(svgs).length} SVGs, ${pngs.length + 2} PNGs, favicon.ico, colors.json`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
