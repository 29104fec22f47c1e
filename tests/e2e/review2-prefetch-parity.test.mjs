// src/prefetch.js asks for the first view before the wasm arrives, so it re-states what the app's
// Rust code decides (query.rs, encoding.rs, settings.rs, routes.rs, api/endpoints.rs). The app
// adopts the answer only when its own request has the same URL and Authorization. Here the
// script is held to the Rust code itself: `cargo test --test prefetch_cases` writes the app's
// first request for a few thousand generated pages (odd queries, detail paths, a sub-path base,
// API bases, policies, stored settings) to target/prefetch-cases.json, and the script, in the
// form the page carries, runs on each page in node:vm against a fake window. Whenever it asks,
// it must ask for exactly the app's URL with exactly the app's Authorization. Declining (the app
// then asks itself) always agrees, and how often it declines is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { compactScript } from '../../.ci/site-config.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CASES = join(ROOT, 'target/prefetch-cases.json');
/** What the cases are computed from: newer than the file, and it is stale. */
const RUST_SOURCES = ['src/url/grid_query.rs', 'src/url/encoding.rs', 'src/url/routes.rs', 'src/state/settings.rs', 'src/api/endpoints.rs', 'tests/prefetch_cases.rs'];
const SCRIPT = new vm.Script(compactScript(readFileSync(join(ROOT, 'src/prefetch.js'), 'utf8')));
const context = vm.createContext({});

/** The app's first requests as the Rust code computed them; fails, never skips, without them. */
function rustCases() {
  const how = 'run `cargo test --test prefetch_cases` first (bash .ci/test does)';
  assert.ok(existsSync(CASES), `${CASES} is missing: ${how}`);
  const written = statSync(CASES).mtimeMs;
  for (const source of RUST_SOURCES) {
    assert.ok(statSync(join(ROOT, source)).mtimeMs <= written, `${CASES} is older than ${source}: ${how}`);
  }
  return JSON.parse(readFileSync(CASES, 'utf8'));
}

/** Runs the script on one page; returns what it asked for, or null when it left it to the app. */
function prefetchFor(page) {
  const window = {
    location: { pathname: page.pathname, search: page.search },
    document: {
      baseURI: page.baseURI,
      querySelector(selector) {
        const content = { 'meta[name="ll2-api-base"]': page.meta, 'meta[http-equiv="Content-Security-Policy"]': page.policy }[selector];
        return content == null ? null : { getAttribute: (name) => (name === 'content' ? content : null) };
      },
    },
    navigator: { onLine: true },
    localStorage: { getItem: (key) => (key === 'spacecraft-explorer.settings' ? page.settings : null) },
    fetch: () => new Promise(() => {}),
  };
  context.window = window;
  context.Date = { now: () => 1_800_000_000_000 };
  SCRIPT.runInContext(context);
  const asked = window.__ll2Prefetch;
  return asked ? { url: asked.url, authorization: asked.authorization } : null;
}

test('whenever the prefetch asks ahead of the app, it asks for exactly the request the Rust code makes', () => {
  const cases = rustCases();
  assert.ok(cases.length >= 4000, `${cases.length} cases`);
  const diverging = [];
  let asked = 0;
  let declinedWhereTheAppAsks = 0;
  for (const page of cases) {
    const prefetch = prefetchFor(page);
    if (prefetch === null) {
      if (page.url !== null) declinedWhereTheAppAsks += 1;
      continue;
    }
    asked += 1;
    if (prefetch.url !== page.url || prefetch.authorization !== page.authorization) {
      diverging.push({ page, app: { url: page.url, authorization: page.authorization }, prefetch });
    }
  }
  const appAsks = cases.filter((page) => page.url !== null).length;
  console.log(`${cases.length} pages: the app asks on ${appAsks}; the prefetch asked on ${asked}, ` +
    `declined on ${declinedWhereTheAppAsks} (${(100 * declinedWhereTheAppAsks / appAsks).toFixed(1)}% of the app's requests)` +
    `, on ${cases.length - appAsks} the app asks for no spacecraft`);
  assert.deepEqual(diverging.slice(0, 5), [], `${diverging.length} pages where the prefetch asks for another request than the app`);
});

test('the addresses people share most are all prefetched', () => {
  const plain = rustCases().filter((page) => page.plain);
  assert.ok(plain.length > 0);
  for (const page of plain) {
    assert.deepEqual(prefetchFor(page), { url: page.url, authorization: page.authorization }, page.pathname + page.search);
  }
});
