// A small static file server for the export in out/: used by the tests and by `npm run serve`.
// It behaves like an ordinary static host: /privacy redirects to /privacy/, a folder serves its
// index.html, unknown paths get out/404.html with status 404. No cookies, no other headers.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

async function fileInfo(path) {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/**
 * Serve `root` on host:port (port 0 picks a free port); onRequest(req) sees every request.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startStaticServer({ root, host = '127.0.0.1', port = 0, onRequest } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    onRequest?.(req);
    const send = async (status, path) => {
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      res.writeHead(status, { 'Content-Type': type });
      if (req.method === 'HEAD') return res.end();
      createReadStream(path).pipe(res);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' });
        return res.end();
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const pathname = decodeURIComponent(url.pathname);
      const target = normalize(join(base, pathname));
      if (target !== base && !target.startsWith(base + sep)) {
        res.writeHead(400);
        return res.end();
      }
      const info = await fileInfo(target);
      if (info?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(308, { Location: `${url.pathname}/${url.search}` });
          return res.end();
        }
        const index = join(target, 'index.html');
        if (await fileInfo(index)) return send(200, index);
      } else if (info?.isFile()) {
        return send(200, target);
      }
      return send(404, join(base, '404.html'));
    } catch {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'out');
  if (!(await fileInfo(join(root, 'index.html')))) {
    console.error('out/ has no export yet: run `npm run build` first.');
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  const { url } = await startStaticServer({ root, port });
  console.log(`Serving out/ on ${url} (Ctrl+C to stop)`);
}
