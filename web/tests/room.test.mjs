// The seminar room page: reads url/token/name from the fragment, opens its LiveKit WebSocket to
// that URL with that token, and explains in Swedish when the link is incomplete, expired or the
// connection is refused. A fake LiveKit server on 127.0.0.1 records each attempt and refuses it.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { openPage, startSite } from './helpers.mjs';

/** A LiveKit-style access token (HS256 JWT signed with the dev secret). */
function makeToken({ expiresIn = 600, name = 'Elev Ett' } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = enc({ alg: 'HS256', typ: 'JWT' });
  const payload = enc({
    iss: 'devkey',
    sub: 'elev-1',
    name,
    nbf: now - 60,
    exp: now + expiresIn,
    video: { room: 'seminar-42', roomJoin: true, canPublish: false, canSubscribe: true },
  });
  const signature = createHmac('sha256', 'secret').update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * A stand-in for a LiveKit server that refuses everyone: WebSocket upgrades get `status`, and the
 * client's follow-up HTTP check (/rtc/.../validate) gets `validateStatus`. Every attempt is recorded.
 */
async function startRefusingLiveKit({ status = 401, validateStatus = 401 } = {}) {
  const upgrades = [];
  const httpRequests = [];
  const server = createServer((req, res) => {
    httpRequests.push(req.url);
    res.writeHead(validateStatus, {
      'Content-Type': 'text/plain',
      'Access-Control-Allow-Origin': '*',
    });
    res.end(validateStatus === 401 ? 'invalid authorization token' : 'unavailable');
  });
  server.on('upgrade', (req, socket) => {
    upgrades.push({ url: req.url, headers: req.headers });
    const reason = status === 401 ? 'Unauthorized' : 'Service Unavailable';
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `ws://127.0.0.1:${port}`,
    upgrades,
    httpRequests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

function roomLink(origin, { url, token, name } = {}) {
  const params = new URLSearchParams();
  if (url !== undefined) params.set('url', url);
  if (token !== undefined) params.set('token', token);
  if (name !== undefined) params.set('name', name);
  return `${origin}/room#${params.toString()}`;
}

async function waitUntil(predicate, what, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

async function alertOf(page) {
  const alert = page.locator('[role=alert][data-problem]');
  await alert.waitFor({ timeout: 20_000 });
  return {
    title: await alert.locator('h2').innerText(),
    text: await alert.innerText(),
    problem: await alert.getAttribute('data-problem'),
  };
}

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

describe('seminar room', () => {
  test('connects to the given URL with the token, and explains a refusal', async () => {
    const livekit = await startRefusingLiveKit({ status: 401, validateStatus: 401 });
    const token = makeToken();
    const { context, page, requested } = await openPage(
      site.browser,
      roomLink(site.origin, { url: livekit.url, token, name: 'Fullmåne-meditation' }),
    );
    try {
      // The static page says "Seminarium" until its script has read the link's fragment.
      await page.locator('h1', { hasText: 'Fullmåne-meditation' }).waitFor({ timeout: 20_000 });
      assert.equal(await page.locator('h1').innerText(), 'Fullmåne-meditation');
      const alert = await alertOf(page);
      assert.equal(alert.problem, 'not-allowed');
      assert.equal(alert.title, 'Inbjudan godtogs inte');
      assert.match(alert.text, /Öppna seminariet i Wisdom-appen igen/);

      // The WebSocket attempt reached the fake server, on LiveKit's signalling path, with the token.
      assert.ok(livekit.upgrades.length >= 1, 'a WebSocket upgrade was attempted');
      const attempt = new URL(livekit.upgrades[0].url, livekit.url);
      assert.match(attempt.pathname, /^\/rtc(\/v1)?$/);
      assert.equal(attempt.searchParams.get('access_token'), token);
      assert.equal(livekit.upgrades[0].headers.upgrade.toLowerCase(), 'websocket');

      // Only the site itself and the given LiveKit server were contacted.
      const lkHttp = livekit.url.replace('ws://', 'http://');
      const foreign = requested.filter(
        (u) => !u.startsWith(`${site.origin}/`) && !u.startsWith(livekit.url) && !u.startsWith(lkHttp),
      );
      assert.deepEqual(foreign, []);
      // The fragment (and so the token) never reached the web server.
      assert.ok(site.requests.length > 0);
      assert.ok(!site.requests.some((u) => u.includes('token') || u.includes(token.slice(0, 20))));
      assert.equal(await page.getByTestId('room-status').innerText(), 'Inte ansluten');
    } finally {
      await context.close();
      await livekit.close();
    }
  });

  test('a server that is unavailable gives the connection message and a working retry', async () => {
    const livekit = await startRefusingLiveKit({ status: 503, validateStatus: 503 });
    const token = makeToken();
    const { context, page } = await openPage(site.browser, roomLink(site.origin, { url: livekit.url, token }));
    try {
      const alert = await alertOf(page);
      assert.equal(alert.problem, 'unreachable');
      assert.equal(alert.title, 'Det gick inte att ansluta till seminariet');
      const attempts = livekit.upgrades.length;
      assert.ok(attempts >= 1);

      await page.getByRole('button', { name: 'Försök igen' }).click();
      await waitUntil(() => livekit.upgrades.length > attempts, 'retry opened a new WebSocket');
      assert.equal((await alertOf(page)).problem, 'unreachable');
      assert.equal(new URL(livekit.upgrades.at(-1).url, livekit.url).searchParams.get('access_token'), token);
    } finally {
      await context.close();
      await livekit.close();
    }
  });

  test('nothing listening at the URL gives the connection message', async () => {
    const port = await closedPort();
    const { context, page } = await openPage(
      site.browser,
      roomLink(site.origin, { url: `ws://127.0.0.1:${port}`, token: makeToken() }),
    );
    try {
      const alert = await alertOf(page);
      assert.equal(alert.problem, 'unreachable');
      assert.match(alert.text, /Kontrollera din internetanslutning/);
    } finally {
      await context.close();
    }
  });

  test('a link without token says the invitation is missing, and connects nowhere', async () => {
    const livekit = await startRefusingLiveKit();
    const { context, page } = await openPage(site.browser, roomLink(site.origin, { url: livekit.url }));
    try {
      const alert = await alertOf(page);
      assert.equal(alert.problem, 'missing');
      assert.equal(alert.title, 'Länken saknar inbjudan');
      assert.equal(await page.getByRole('link', { name: 'Öppna Wisdom' }).count(), 1);
      assert.equal(livekit.upgrades.length, 0);
    } finally {
      await context.close();
      await livekit.close();
    }
  });

  test('no fragment at all says the invitation is missing', async () => {
    const { context, page } = await openPage(site.browser, `${site.origin}/room/`);
    try {
      assert.equal((await alertOf(page)).problem, 'missing');
      assert.equal(await page.locator('h1').innerText(), 'Seminarium');
    } finally {
      await context.close();
    }
  });

  test('an expired token is recognised before connecting', async () => {
    const livekit = await startRefusingLiveKit();
    const { context, page } = await openPage(
      site.browser,
      roomLink(site.origin, { url: livekit.url, token: makeToken({ expiresIn: -30 }) }),
    );
    try {
      const alert = await alertOf(page);
      assert.equal(alert.problem, 'expired');
      assert.equal(alert.title, 'Inbjudan har gått ut');
      assert.equal(livekit.upgrades.length, 0, 'no connection with an expired token');
    } finally {
      await context.close();
      await livekit.close();
    }
  });

  test('an unreadable token or a non-WebSocket URL is rejected with its own message', async () => {
    const cases = [
      [{ url: 'ws://127.0.0.1:9', token: 'inte-en-token' }, 'bad-token', 'Inbjudan är ogiltig'],
      [{ url: 'ftp://127.0.0.1/', token: makeToken() }, 'bad-url', 'Länken är ogiltig'],
    ];
    for (const [params, problem, title] of cases) {
      const { context, page } = await openPage(site.browser, roomLink(site.origin, params));
      try {
        const alert = await alertOf(page);
        assert.equal(alert.problem, problem);
        assert.equal(alert.title, title);
      } finally {
        await context.close();
      }
    }
  });

  test('changing the fragment re-reads the link', async () => {
    const livekit = await startRefusingLiveKit();
    const { context, page } = await openPage(site.browser, `${site.origin}/room/`);
    try {
      assert.equal((await alertOf(page)).problem, 'missing');
      const token = makeToken();
      await page.evaluate(
        (hash) => {
          window.location.hash = hash;
        },
        new URL(roomLink(site.origin, { url: livekit.url, token })).hash,
      );
      await page.waitForFunction(() => document.querySelector('[data-problem="not-allowed"]') !== null, null, {
        timeout: 20_000,
      });
      assert.equal(new URL(livekit.upgrades[0].url, livekit.url).searchParams.get('access_token'), token);
    } finally {
      await context.close();
      await livekit.close();
    }
  });
});
