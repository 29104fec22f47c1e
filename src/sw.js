// The service worker: keeps the app shell (index.html, the hashed wasm, JS and CSS, the manifest,
// icons and placeholder image) in Cache Storage, so a repeat visit loads no app file from the
// network and the app opens offline, deep links included. Release builds only: the Trunk hook
// (.ci/trunk-post-build.mjs, through .ci/service-worker.mjs) writes it to the site's root with
// SHELL and VERSION filled in, and a new deploy (new hashes) is a new sw.js, byte for byte.
//
// It answers only same-origin GET requests for shell files, and navigations to the app's pages;
// everything else (the LL2 API, which the app caches itself, images from other hosts) goes to
// the network untouched. A new version waits until the page asks it to take over (the update
// notice's Reload button, src/sw-register.js): code is never swapped under a running page.

// Paths relative to this script, which sits at the site's base ('./' is index.html: every static
// host serves it there). Filled in by the build.
const SHELL = [];
const VERSION = 'dev';

const BASE = new URL('./', self.location).href;
// Caches are per origin, not per scope: the name says which app (base) and which version.
const PREFIX = 'shell ' + BASE + ' ';
const CACHE = PREFIX + VERSION;
const INDEX = BASE;
const FILES = new Set(SHELL.map((path) => new URL(path, BASE).href));
// Trunk's hashed names (name-<hex>.ext, 16 digits or a few fewer) never change content: the
// HTTP cache may answer.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.\w+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all([...FILES].map((url) =>
    fetch(url, { cache: HASHED.test(url) ? 'default' : 'no-cache' }).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      // A redirected response may not answer a navigation: keep its body and headers only.
      return cache.put(url, response.redirected ? new Response(response.body, response) : response);
    }),
  // A shell that is not complete is no shell: drop it, the old version stays in charge.
  ))).catch((error) => caches.delete(CACHE).then(() => { throw error; })));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key)),
  )));
});

// The update notice's Reload button: the waiting version takes over, the page then reloads.
self.addEventListener('message', (event) => {
  if (event.data === 'skipWaiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  let key = null;
  if (request.mode === 'navigate') {
    // A page of the app is index.html (the host's SPA fallback, offline too); a path that names
    // a file (a dot in its last segment) is not one of ours, as on the static host.
    const rest = url.href.startsWith(BASE) ? url.pathname.slice(new URL(BASE).pathname.length) : null;
    if (rest !== null && (rest === 'index.html' || !/\.[^/]*$/.test(rest))) key = INDEX;
  } else {
    url.search = '';
    if (FILES.has(url.href)) key = url.href;
  }
  if (key === null) return;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(key, { ignoreVary: true }))
    .then((hit) => hit || fetch(request)));
});
