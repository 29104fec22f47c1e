// Serves a built dist/ like a static host with an SPA fallback, optionally under a sub-path,
// pointing the page at a given API base by rewriting <meta name="ll2-api-base"> on the way out:
// exactly what a deployer does to a built site, so tests exercise the same mechanism.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { pointSiteAt } from '../../../.ci/site-config.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

export async function startStaticServer({ dist, apiBase, prefix = '/', port = 0, headers = {} }) {
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
        response.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', ...headers });
        return response.end(await readFile(file));
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
