// Brand assets: icons in the sizes platforms need, a valid favicon.ico, colour tokens in sync
// with tokens.css and readable text colour pairs (WCAG AA, 4.5:1).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readTokens } from '../scripts/brand.mjs';
import { WEB_ROOT } from './helpers.mjs';

const PUBLIC = join(WEB_ROOT, 'public');

/** Width, height and colour type from a PNG's IHDR chunk. */
async function pngInfo(path) {
  const b = await readFile(path);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${path} is a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colorType: b[25] };
}

function luminance(hex) {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('icons', () => {
  const SIZES = {
    'brand/favicon-16.png': 16,
    'brand/favicon-32.png': 32,
    'brand/favicon-48.png': 48,
    'apple-touch-icon.png': 180,
    'brand/apple-touch-icon.png': 180,
    'brand/android-chrome-192.png': 192,
    'brand/android-chrome-512.png': 512,
    'brand/maskable-192.png': 192,
    'brand/maskable-512.png': 512,
    'brand/icon-1024.png': 1024,
    'brand/icon-adaptive-foreground-432.png': 432,
    'brand/logo-mark-512.png': 512,
    'brand/logo-mark-light-512.png': 512,
  };
  for (const [file, size] of Object.entries(SIZES)) {
    test(`${file} is ${size}x${size}`, async () => {
      const info = await pngInfo(join(PUBLIC, file));
      assert.deepEqual([info.width, info.height], [size, size]);
    });
  }

  test('iOS and maskable icons are opaque (no alpha channel)', async () => {
    for (const file of ['apple-touch-icon.png', 'brand/icon-1024.png', 'brand/maskable-512.png']) {
      assert.equal((await pngInfo(join(PUBLIC, file))).colorType, 2, `${file} is RGB without alpha`);
    }
  });

  test('favicon.ico holds 16, 32 and 48 px images', async () => {
    const ico = await readFile(join(PUBLIC, 'favicon.ico'));
    assert.equal(ico.readUInt16LE(2), 1, 'type icon');
    const count = ico.readUInt16LE(4);
    const sizes = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      assert.equal(ico.subarray(offset + 1, offset + 4).toString('latin1'), 'PNG');
      assert.ok(offset + length <= ico.length);
      sizes.push(ico[entry]);
    }
    assert.deepEqual(sizes, [16, 32, 48]);
  });

  test('the manifest names existing icons of the declared sizes, including maskable ones', async () => {
    const manifest = JSON.parse(await readFile(join(PUBLIC, 'manifest.webmanifest'), 'utf8'));
    assert.equal(manifest.lang, 'sv');
    for (const icon of manifest.icons) {
      const info = await pngInfo(join(PUBLIC, icon.src));
      assert.equal(`${info.width}x${info.height}`, icon.sizes);
    }
    assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
  });
});

describe('colour tokens', () => {
  test('colors.json matches app/tokens.css', async () => {
    const tokens = await readTokens();
    const json = JSON.parse(await readFile(join(PUBLIC, 'brand', 'colors.json'), 'utf8'));
    assert.deepEqual(json, tokens);
    assert.ok(Object.keys(tokens).length >= 10);
  });

  test('text colour pairs used on the site reach WCAG AA (4.5:1)', async () => {
    const t = Object.fromEntries(Object.entries(await readTokens()).map(([k, v]) => [k, v.hex]));
    const pairs = [
      ['natt', 'linne'],
      ['natt', 'sand'],
      ['natt', 'lavendel'],
      ['skymning', 'linne'],
      ['skymning', 'sand'],
      ['skymning', 'vit'],
      ['ametist', 'linne'],
      ['ametist', 'sand'],
      ['ametist', 'lavendel'],
      ['vit', 'ametist'],
      ['vit', 'ametist-djup'],
      ['terrakotta', 'linne'],
      ['terrakotta', 'vit'],
      ['salvia', 'linne'],
      ['linne', 'natt'],
      ['guld-ljus', 'natt'],
    ];
    for (const [fg, bg] of pairs) {
      const ratio = contrast(t[fg], t[bg]);
      assert.ok(ratio >= 4.5, `${fg} on ${bg}: ${ratio.toFixed(2)}:1`);
    }
  });
});
