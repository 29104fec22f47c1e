// Serves built sites with Debian's nginx the way tests/deploy/*.conf tell a deployer to: a copy
// of a build pointed at another API (as a deploy made with LL2_API_BASE would be), the server
// blocks filled in from the build, and nginx run in the foreground as the current user, its
// pid, logs and temp files in a folder of its own. Used by tests/e2e/deploy-*.test.mjs.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowInlineStyles, pointSiteAt, precompress, writeHostFiles } from '../../.ci/site-config.mjs';
import { writeServiceWorker } from '../../.ci/service-worker.mjs';

const HERE = new URL('./', import.meta.url);
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
/** Whether this nginx can send the build's .br files (Debian: libnginx-mod-http-brotli-static). */
export const HAS_BROTLI_STATIC = existsSync(BROTLI_MODULE);

/**
 * A copy of the build `dist` pointed at `apiBase`, finished as the build finishes a site (host
 * files, service worker, precompressed copies: all depend on the page). Laid out for nginx's
 * `root`: the site itself for `/`, in a folder named after the prefix for a sub-path.
 */
export async function deployCopy(dist, { apiBase, imagesFrom, prefix = '/', into }) {
  const root = await mkdtemp(join(into ?? tmpdir(), 'site-'));
  const dir = join(root, prefix.replace(/^\/|\/$/g, ''));
  await mkdir(dir, { recursive: true });
  await cp(dist, dir, { recursive: true });
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  // Images come from where the records say (the stand-in's /media/), not from a cache in front.
  const pointed = imagesFrom ? pointSiteAt(pointSiteAt(html, imagesFrom), apiBase) : pointSiteAt(html, apiBase);
  await writeFile(join(dir, 'index.html'), pointed);
  const fs = { readFile, writeFile, rm, readdir };
  await writeHostFiles(dir, fs);
  await writeServiceWorker(dir, { release: true });
  await precompress(dir, fs);
  return { root, dir, prefix };
}

/**
 * A copy of the build at `from` as a deploy with one change would make it: a rule added to the
 * page's stylesheet (inline, allowed by its hash), so a new index.html and a new sw.js (written
 * as the build writes it). `rule` is the text of the change; a page that has it applied shows
 * `--e2e-build: "b"` on its root.
 */
export async function redeploy(from) {
  const dir = await mkdtemp(join(tmpdir(), 'sw-deploy-'));
  await cp(from, dir, { recursive: true });
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const rule = ':root{--e2e-build:"b"}';
  if (!/<\/style>/.test(html)) throw new Error(`no inline stylesheet in ${from}/index.html`);
  await writeFile(join(dir, 'index.html'), allowInlineStyles(html.replace('</style>', () => `\n${rule}</style>`)));
  await writeServiceWorker(dir, { release: true });
  return { dir, rule };
}

/**
 * Puts the build at `from` where `site` (a `deployCopy`) is served, as a deployer's upload
 * would: every file replaced, the precompressed copies written again for the new files.
 */
export async function publish(from, site) {
  await rm(site.dir, { recursive: true, force: true });
  await cp(from, site.dir, { recursive: true });
  for (const name of await readdir(site.dir)) {
    if (/\.(br|gz)$/.test(name)) await rm(join(site.dir, name));
  }
  await precompress(site.dir, { readFile, writeFile, rm, readdir });
}

/** The Content-Security-Policy that the site's `_headers` sends. */
export async function headerPolicyOf(dir) {
  const line = (await readFile(join(dir, '_headers'), 'utf8')).match(/^\s*Content-Security-Policy: (.+)$/m);
  if (!line) throw new Error(`no Content-Security-Policy in ${dir}/_headers`);
  return line[1];
}

/** A template of tests/deploy/ with its @NAME@ placeholders filled in from `values`. */
export async function render(name, values) {
  let text = await readFile(new URL(name, HERE), 'utf8');
  text = text.replace(/@([A-Z_]+)@/g, (whole, key) => {
    if (!(key in values)) throw new Error(`${name}: no value for ${whole}`);
    return String(values[key]).replace(/"/g, '\\"');
  });
  // Without the module the directive is unknown to nginx: as the template's comment says.
  return HAS_BROTLI_STATIC ? text : text.replace(/^\s*brotli_static on;\n/gm, '');
}

/** The server block of tests/deploy/nginx.conf for a deployed copy, listening on `port`. */
export async function siteServer(site, port) {
  return render('nginx.conf', { LISTEN: `127.0.0.1:${port}`, ROOT: site.root, PREFIX: site.prefix, POLICY: await headerPolicyOf(site.dir) });
}

/**
 * The shared cache of tests/deploy/ll2-cache.conf in front of `upstream` (an origin such as the
 * stand-in's), listening on `port`, keeping its answers in `cache` (a folder).
 */
export async function cacheServer({ port, upstream, cache, authorization = '' }) {
  const { host } = new URL(upstream);
  return render('ll2-cache.conf', { LISTEN: `127.0.0.1:${port}`, CACHE: cache, UPSTREAM: upstream, UPSTREAM_HOST: host, AUTHORIZATION: authorization });
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts nginx in the foreground with these server blocks (and `http` directives before them),
 * as the current user, everything it writes under a fresh folder. Resolves when every port in
 * `ports` answers; `stop()` ends it and removes the folder.
 */
export async function startNginx({ servers, http = '', ports }) {
  const prefix = await mkdtemp(join(tmpdir(), 'nginx-'));
  await mkdir(join(prefix, 'logs'));
  const modules = HAS_BROTLI_STATIC ? `load_module ${BROTLI_MODULE};` : '';
  const config = `${modules}
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
worker_processes 1;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${prefix}/logs/access.log;
  client_body_temp_path ${prefix}/client;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  ${http.replaceAll('@TEMP@', prefix)}
  ${servers.join('\n')}
}
`;
  const file = join(prefix, 'nginx.conf');
  await writeFile(file, config);
  // Root may run it (the CI machine); nginx would switch its workers to `nobody` otherwise.
  const user = process.getuid?.() === 0 ? '-g' : null;
  const args = ['-p', prefix, '-c', file, '-g', `daemon off;${user ? ' user root;' : ''}`];
  const child = spawn('nginx', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(prefix, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await Promise.all(ports.map(portOpen));
    if (up.every(Boolean)) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = await readFile(join(prefix, 'logs', 'error.log'), 'utf8').catch(() => '');
      await stop();
      throw new Error(`nginx did not start: ${stderr}${log}\n${config}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { prefix, config, stop, log: () => readFile(join(prefix, 'logs', 'error.log'), 'utf8') };
}
