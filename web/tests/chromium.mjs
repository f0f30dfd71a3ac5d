// How the tests and scripts start the system Chromium (Debian package `chromium`). Nothing here
// downloads a browser: playwright-core only drives the executable at CHROMIUM_PATH.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
