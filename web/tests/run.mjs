// `npm test`: build the static export (so the tests always see the current code and
// configuration), then run every tests/*.test.mjs with node's test runner against it.
// Set SKIP_BUILD=1 to reuse an existing out/ (it is built anyway when missing).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH } from './chromium.mjs';
import { OUT_DIR, WEB_ROOT } from './helpers.mjs';

const started = Date.now();
if (!existsSync(CHROMIUM_PATH)) {
  console.error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  process.exit(1);
}

if (process.env.SKIP_BUILD !== '1' || !existsSync(join(OUT_DIR, 'index.html'))) {
  console.log('Building the static export (npm run build) ...');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: WEB_ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('Build failed.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const files = readdirSync(join(WEB_ROOT, 'tests'))
  .filter((f) => f.endsWith('.test.mjs'))
  .sort()
  .map((f) => join('tests', f));

const result = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./tests/summary-reporter.mjs',
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { cwd: WEB_ROOT, stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } },
);
console.log(`(web tests took ${((Date.now() - started) / 1000).toFixed(1)} s including the build)`);
process.exit(result.status ?? 1);
