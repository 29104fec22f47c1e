// Serves a built dist/ like a static host with an SPA fallback, optionally under a sub-path,
// pointing the page at a given API base by rewriting <meta name="ll2-api-base"> on the way out:
// exactly what a deployer does to a built site, so tests exercise the same mechanism.
//
// With `compress: true` it also answers like a CDN: text, JSON, SVG and wasm go out
// brotli-compressed (else gzip) when the browser accepts it, with `Content-Encoding`,
// `Vary: Accept-Encoding` and a `Content-Length`. Bodies are compressed once, at the highest
// settings (brotli 11, gzip 9, as static hosts precompress), and kept, so no request pays for
// compression after the first one.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { pointSiteAt } from '../../../.ci/site-config.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|manifest\+json)|image\/svg\+xml)/;

const ENCODERS = {
  br: (bytes) => brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }),
  gzip: (bytes) => gzipSync(bytes, { level: 9 }),
};

/** The encoding a static host would pick for this `Accept-Encoding`: brotli, else gzip, else none. */
function pickEncoding(acceptEncoding = '') {
  const accepted = new Map(acceptEncoding.split(',').map((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return [name, q ? Number(q.slice(2)) : 1];
  }));
  return ['br', 'gzip'].find((name) => accepted.get(name) > 0) ?? null;
}

export async function startStaticServer({ dist, apiBase, prefix = '/', port = 0, headers = {}, compress = false }) {
  const index = Buffer.from(pointSiteAt(await readFile(join(dist, 'index.html'), 'utf8'), apiBase));
  // Compressed bodies by encoding and file (the path, its size and mtime: a file rewritten while
  // the server runs is compressed again).
  const compressed = new Map();
  const encode = (key, encoding, bytes) => {
    const cacheKey = `${encoding}\0${key}`;
    if (!compressed.has(cacheKey)) compressed.set(cacheKey, ENCODERS[encoding](bytes));
    return compressed.get(cacheKey);
  };

  /** Sends `body`, compressed when the server compresses and the browser accepts it. */
  const send = (request, response, { type, body, key, extra }) => {
    const encoding = compress && COMPRESSIBLE.test(type) ? pickEncoding(request.headers['accept-encoding']) : null;
    const out = encoding ? encode(key, encoding, body) : body;
    response.writeHead(200, {
      'content-type': type,
      'content-length': out.length,
      ...(compress && COMPRESSIBLE.test(type) ? { vary: 'Accept-Encoding' } : {}),
      ...(encoding ? { 'content-encoding': encoding } : {}),
      ...extra,
      ...headers,
    });
    response.end(out);
  };

  // Every request's path and query, in order: what the browser fetched from the network (a
  // service worker's answers never get here).
  const log = [];
  const server = createServer(async (request, response) => {
    log.push(request.url);
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const sendIndex = () => send(request, response, {
      type: TYPES['.html'], body: index, key: 'index.html', extra: { 'cache-control': 'no-store' },
    });
    if (!path.startsWith(prefix)) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      return response.end('outside the app');
    }
    const relative = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
    if (relative === '' || relative === '.' || relative === 'index.html') return sendIndex();
    const file = join(dist, relative);
    try {
      const info = await stat(file);
      if (info.isFile()) {
        const type = TYPES[extname(file)] || 'application/octet-stream';
        const body = await readFile(file);
        // Like a CDN in front of hashed file names: compressed answers may be kept for good.
        const extra = compress ? { 'cache-control': 'max-age=31536000, immutable' } : {};
        return send(request, response, { type, body, key: `${relative}\0${info.size}\0${info.mtimeMs}`, extra });
      }
    } catch { /* fall through */ }
    // A missing asset is a 404; any other path is a client-side route.
    if (extname(relative)) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      return response.end('not found');
    }
    return sendIndex();
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (path = '') => `${origin}${prefix}${path.replace(/^\//, '')}`,
    /** Paths (with query) the server was asked for since it started. */
    requests: () => [...log],
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
