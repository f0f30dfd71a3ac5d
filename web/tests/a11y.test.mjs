// Accessibility beyond the per-page axe run in pages.test.mjs: the seminar room's error states
// (axe's rules include button-name, link-name and label: every control must be labelled).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { VIEWPORTS, axeReport, openPage, runAxe, startSite } from './helpers.mjs';

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

describe('axe finds no violations in the room error states', () => {
  // [problem, link, viewport]: the error box is the same component for every problem; these
  // cover the link-less and the retry variant at both widths.
  const states = [
    ['missing', '/room/', 'phone'],
    ['bad-token', '/room/#url=ws%3A%2F%2F127.0.0.1%3A9&token=abc', 'desktop'],
    ['unreachable', '/room/#url=ws%3A%2F%2F127.0.0.1%3A9&token=x.eyJleHAiOjQxMDI0NDQ4MDB9.x&name=Kv%C3%A4llsmeditation', 'phone'],
    ['unreachable', '/room/#url=ws%3A%2F%2F127.0.0.1%3A9&token=x.eyJleHAiOjQxMDI0NDQ4MDB9.x&name=Kv%C3%A4llsmeditation', 'desktop'],
  ];
  for (const [problem, path, label] of states) {
    test(`${problem} on ${label}`, async () => {
      const { context, page } = await openPage(site.browser, site.origin + path, { viewport: VIEWPORTS[label] });
      try {
        await page.locator(`[data-problem="${problem}"]`).waitFor({ timeout: 20_000 });
        const violations = await runAxe(page);
        assert.equal(axeReport(violations), '', 'axe violations');
      } finally {
        await context.close();
      }
    });
  }
});
