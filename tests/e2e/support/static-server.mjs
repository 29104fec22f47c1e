// Serves a built dist/ like a static host with an SPA fallback, optionally under a sub-path,
// pointing the page at a given API base by rewriting <meta name="ll2-api-base"> on the way out:
// exactly what a deployer does to a built site, so tests exercise the same mechanism.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { pointSiteAt } from '../../../.ci/site-config.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

export async function startStaticServer({ dist, apiBase, prefix = '/', port = 0, headers = {}, compress = false }) {
  const index = pointSiteAt(await readFile(join(dist, 'index.html'), 'utf8'), apiBase);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const sendIndex = () => {
      response.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store', ...headers });
      response.end(index);
    };
    if (!path.startsWith(prefix)) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      return response.end('outside the app');
    }
    const relative = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
    if (relative === '' || relative === '.' || relative === 'index.html') return sendIndex();
    const file = join(dist, relative);
    try {
      if ((await stat(file)).isFile()) {
        const type = TYPES[extname(file)] || 'application/octet-stream';
        const body = await readFile(file);
        // Like a CDN: text and wasm go out compressed when the browser accepts it.
        if (compress && /^(text|application)\//.test(type) && /\bbr\b/.test(request.headers['accept-encoding'] || '')) {
          response.writeHead(200, { 'content-type': type, 'content-encoding': 'br', 'cache-control': 'max-age=31536000, immutable', ...headers });
          return response.end(brotliCompressSync(body));
        }
        response.writeHead(200, { 'content-type': type, ...headers });
        return response.end(body);
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
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
