// Writes a built site's service worker, `sw.js` at its root (the widest scope a worker can
// have is its own folder, so not under public/): src/sw.js with its shell (every file of the
// build but sw.js itself, index.html as './') and a version (a hash of those files' names and
// contents) filled in. Any change to a file of the site, a new hash or an edited index.html,
// makes a new sw.js byte for byte, which is what makes visitors' browsers install the update.
//
// Run by the Trunk hook (.ci/trunk-post-build.mjs) on the staged site. After editing a built
// site by hand (dist/index.html pointed at another API, say), write it again:
//   node .ci/service-worker.mjs dist
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compactScript, HOST_FILES, PRECOMPRESSED } from './site-config.mjs';

const TEMPLATE = new URL('../src/sw.js', import.meta.url);
const SHELL = /^const SHELL = \[\];$/m;
const VERSION = /^const VERSION = 'dev';$/m;

/**
 * Debug builds (`trunk serve`) register no worker. This one stands in for sw.js there to retire
 * a worker that a release build served from the same origin left behind (the browser checks
 * sw.js on every visit): it takes over at once, deletes the shell caches, unregisters and
 * reloads the pages it held, so development never runs cached code.
 */
export const RETIRING_WORKER = `// Debug build: retires a release build's worker (.ci/service-worker.mjs).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(caches.keys()
  .then((keys) => Promise.all(keys.filter((key) => key.startsWith('shell ')).map((key) => caches.delete(key))))
  .then(() => self.registration.unregister())
  .then(() => self.clients.matchAll({ type: 'window' }))
  .then((pages) => pages.forEach((page) => page.navigate(page.url)))));
`;

/**
 * The site's files (paths relative to `dir`, '/'-separated, sorted), sw.js left out, and the
 * host's files too (_headers, _redirects, 404.html, the precompressed .br and .gz copies): the
 * browser never asks for them, the host answers with them.
 */
export async function siteFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
    .filter((path) => path !== 'sw.js' && !HOST_FILES.has(path) && !PRECOMPRESSED.test(path))
    .sort();
}

/** The worker for these files (`[{ path, bytes }]`): the shell list and its version filled in. */
export function serviceWorkerSource(template, files) {
  if (!SHELL.test(template) || !VERSION.test(template)) {
    throw new Error("src/sw.js must keep the lines `const SHELL = [];` and `const VERSION = 'dev';` for the build to fill in");
  }
  const version = createHash('sha256');
  for (const { path, bytes } of files) version.update(`${path}\0${createHash('sha256').update(bytes).digest('hex')}\n`);
  const shell = files.map(({ path }) => (path === 'index.html' ? './' : path));
  // Functions, not strings: `$` in the values must not be read as replacement patterns.
  const filled = template
    .replace(SHELL, () => `const SHELL = ${JSON.stringify(shell)};`)
    .replace(VERSION, () => `const VERSION = '${version.digest('hex').slice(0, 16)}';`);
  // Fetched again at every visit (the browser's update check): without its comments.
  return `// Built from src/sw.js by .ci/service-worker.mjs.\n${compactScript(filled, { minify: false })}\n`;
}

/** Writes `dir/sw.js`: the shell worker for a release build, the retiring one for a debug build. */
export async function writeServiceWorker(dir, { release }) {
  if (!release) return writeFile(join(dir, 'sw.js'), RETIRING_WORKER);
  const template = await readFile(TEMPLATE, 'utf8');
  const files = await Promise.all((await siteFiles(dir)).map(async (path) => ({ path, bytes: await readFile(join(dir, path)) })));
  if (!files.some(({ path }) => path === 'index.html')) throw new Error(`no index.html in ${dir}`);
  return writeFile(join(dir, 'sw.js'), serviceWorkerSource(template, files));
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node .ci/service-worker.mjs DIST');
    process.exit(2);
  }
  await writeServiceWorker(dir, { release: true });
  console.log(`wrote ${join(dir, 'sw.js')}`);
}
