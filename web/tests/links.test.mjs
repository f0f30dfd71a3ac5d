// Internal links resolve, and every page works without JavaScript (except the seminar room).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PAGES, openPage, startSite } from './helpers.mjs';

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

/** Fetch a URL from the static server, following redirects like a browser. */
async function fetchStatus(url) {
  const res = await fetch(url, { redirect: 'follow' });
  await res.arrayBuffer();
  return res.status;
}

describe('internal links resolve', () => {
  test('every same-origin link, anchor and asset on every page works', async () => {
    const checkedUrls = new Map();
    const anchorsByPage = new Map();
    const pending = [];
    for (const { path } of PAGES) {
      const { context, page } = await openPage(site.browser, site.origin + path, { javaScriptEnabled: false });
      try {
        anchorsByPage.set(path, new Set(await page.$$eval('[id]', (els) => els.map((e) => e.id))));
        const refs = await page.$$eval('a[href], link[href], script[src], img[src]', (els) =>
          els.map((e) => ({ tag: e.tagName, ref: e.getAttribute('href') ?? e.getAttribute('src') })),
        );
        for (const { tag, ref } of refs) {
          const url = new URL(ref, site.origin + path);
          if (url.origin !== site.origin) {
            // Only the login link (web app), mail, store and authority links may leave the site.
            assert.ok(tag === 'A', `${path}: ${tag} ${ref} must be served by the site itself`);
            continue;
          }
          pending.push({ from: path, url });
        }
      } finally {
        await context.close();
      }
    }
    assert.ok(pending.length > 30, `found ${pending.length} internal references`);

    for (const { from, url } of pending) {
      const key = url.origin + url.pathname;
      if (!checkedUrls.has(key)) checkedUrls.set(key, await fetchStatus(key));
      assert.equal(checkedUrls.get(key), 200, `${from} links to ${url.pathname}, which answers ${checkedUrls.get(key)}`);
      if (url.hash) {
        const target = url.pathname;
        const ids = anchorsByPage.get(target) ?? anchorsByPage.get(target.endsWith('/') ? target : `${target}/`);
        assert.ok(ids, `${from} links to ${url.pathname}${url.hash}: page is part of the site`);
        assert.ok(ids.has(decodeURIComponent(url.hash.slice(1))), `${from}: anchor ${url.pathname}${url.hash} exists`);
      }
    }
    // The favicon, manifest and every icon the manifest names exist.
    const manifest = await (await fetch(`${site.origin}/manifest.webmanifest`)).json();
    for (const icon of manifest.icons) {
      assert.equal(await fetchStatus(site.origin + icon.src), 200, icon.src);
    }
    assert.equal(await fetchStatus(`${site.origin}/favicon.ico`), 200);
  });

  test('paths without a trailing slash redirect to the page', async () => {
    const res = await fetch(`${site.origin}/privacy`, { redirect: 'manual' });
    assert.equal(res.status, 308);
    assert.equal(res.headers.get('location'), '/privacy/');
  });
});

describe('pages work without JavaScript', () => {
  for (const { path, h1 } of PAGES.filter((p) => p.path !== '/room/')) {
    test(`${path} shows its content with JavaScript off`, async () => {
      const { context, page, requested } = await openPage(site.browser, site.origin + path, {
        javaScriptEnabled: false,
      });
      try {
        assert.match(await page.locator('h1').innerText(), new RegExp(h1));
        assert.ok((await page.locator('main').innerText()).length > 1000, 'main content is in the HTML');
        assert.equal(await page.locator('footer a[href="/privacy/"]').count(), 1);
        // Styles and fonts still load: the body uses the brand background colour.
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.equal(bg, 'rgb(250, 246, 240)');
        assert.ok(requested.some((u) => u.endsWith('.css')), 'the stylesheet is loaded');
      } finally {
        await context.close();
      }
    });
  }

  test('following a footer link works without JavaScript', async () => {
    const { context, page } = await openPage(site.browser, `${site.origin}/`, { javaScriptEnabled: false });
    try {
      await page.locator('footer').getByRole('link', { name: 'Användarvillkor' }).click();
      await page.waitForURL(`${site.origin}/terms/`);
      assert.match(await page.locator('h1').innerText(), /Användarvillkor/);
    } finally {
      await context.close();
    }
  });

  test('/room/ explains that it needs JavaScript', async () => {
    const { context, page } = await openPage(site.browser, `${site.origin}/room/`, { javaScriptEnabled: false });
    try {
      assert.match(await page.locator('body').innerText(), /Seminarierummet behöver JavaScript/);
      assert.equal(await page.locator('h1').count(), 1);
    } finally {
      await context.close();
    }
  });
});
