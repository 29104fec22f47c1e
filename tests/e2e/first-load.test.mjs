// The first view costs one API request, asked before the wasm arrives: the inline script of
// index.html (src/prefetch.js) starts it, the app adopts its answer instead of asking again.
// Checked in the release build against what the local LL2 stand-in was asked. The script's own
// logic (URLs, keys, cache, failures) is tested without a browser in prefetch.test.mjs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shareApp } from './support/harness.mjs';
import { freshVisitor, ofKind, spending, urlOf } from './support/sessions.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUB_DIST = resolve(ROOT, process.env.E2E_DIST_SUB || 'target/e2e-dist-sub');
const SETTINGS = 'spacecraft-explorer.settings';

/** `{ list, detail }` requests the stand-in received since the last reset, as `path?query`.
 *  Read after `app.quiet()`: "exactly one request" also means no second one comes late, an
 *  absence, which only watching for a while can show. */
function asked(app) {
  const spent = spending(app.standin.requests());
  return { list: ofKind(spent, 'list').map(urlOf), detail: ofKind(spent, 'detail').map(urlOf) };
}

/** Waits for the spacecraft's detail page. */
function detailShown(browser, id) {
  return browser.waitFor(
    `const d = document.querySelector('[data-testid=detail]'); return d !== null && d.dataset.spacecraftId === String(arguments[0]);`,
    { timeout: 20_000, args: [id], message: `the detail page of ${id}` },
  );
}

/** When the API request for `url` started, and when the wasm finished arriving (Resource Timing, ms). */
function timings(browser, url) {
  return browser.exec(
    `const entries = performance.getEntriesByType('resource');
     const api = entries.filter((entry) => entry.name === arguments[0]);
     const wasm = entries.find((entry) => entry.name.endsWith('_bg.wasm'));
     return { apiRequests: api.length, apiStart: api[0] ? api[0].startTime : null, wasmEnd: wasm ? wasm.responseEnd : null };`,
    url,
  );
}

/** Console messages about the Content-Security-Policy (an inline script it refused). */
async function policyComplaints(app) {
  return (await app.consoleErrors()).filter((message) => /Content.Security.Policy|Refused to/i.test(message));
}

describe('a first visit', () => {
  let app;
  let browser;
  shareApp({ width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });

  test('a shared link to a 20-card page costs exactly one list request, asked before the wasm arrived', async () => {
    await freshVisitor(app);
    await app.open('/?limit=20');
    await app.waitForCards(app.expectedIds('limit=20'));
    await app.quiet();
    assert.deepEqual(asked(app), { list: ['/2.3.0/spacecraft/?limit=20'], detail: [] });
    const { apiRequests, apiStart, wasmEnd } = await timings(browser, `${app.standin.base}/spacecraft/?limit=20`);
    assert.equal(apiRequests, 1, 'one fetch of the list in the page');
    assert.ok(wasmEnd !== null && apiStart < wasmEnd, `the list was asked at ${apiStart} ms, the wasm arrived at ${wasmEnd} ms`);
    assert.equal(await browser.exec('return window.__ll2Prefetch;'), null, 'the app took the prefetched answer');
    assert.deepEqual(await policyComplaints(app), [], 'the inline script is allowed by its hash');
  });

  test('the unfiltered grid, opened cold, costs exactly one list request', async () => {
    await freshVisitor(app);
    await app.open('/');
    await app.waitForCards(app.expectedIds(''));
    await app.quiet();
    assert.deepEqual(asked(app), { list: ['/2.3.0/spacecraft/'], detail: [] });
  });

  test('a spacecraft\'s page opened cold costs exactly one request, for its record', async () => {
    await freshVisitor(app);
    await app.open('/spacecraft/95');
    await detailShown(browser, 95);
    await app.quiet();
    assert.deepEqual(asked(app), { list: [], detail: ['/2.3.0/spacecraft/95/'] });
  });

  test('with a saved API key the single request carries "Token <key>", trimmed as the app trims it', async () => {
    const KEY = 'e2e-Supporter-Key-7f3a9c';
    await freshVisitor(app);
    await browser.exec(`localStorage.setItem(arguments[0], arguments[1]);`, SETTINGS,
      JSON.stringify({ host: 'site', api_key: `  ${KEY} ` }));
    await app.open('/?limit=20');
    await app.waitForCards(app.expectedIds('limit=20'));
    await app.quiet();
    const lists = ofKind(spending(app.standin.requests()), 'list');
    assert.deepEqual(lists.map((request) => [urlOf(request), request.authorization]),
      [['/2.3.0/spacecraft/?limit=20', `Token ${KEY}`]]);
  });

  test('opening the same link again within 10 minutes in the same tab costs no request', async () => {
    await freshVisitor(app);
    await app.open('/?search=dragon&ordering=-flights_count');
    await app.waitForCards(app.expectedIds('search=dragon&ordering=-flights_count'));
    // Leave the app (its stored answers stay), then come back by the same link.
    await browser.goto(app.url('/__blank__.txt'));
    app.standin.reset();
    await app.open('/?search=dragon&ordering=-flights_count');
    await app.waitForCards(app.expectedIds('search=dragon&ordering=-flights_count'));
    await app.quiet();
    assert.deepEqual(asked(app), { list: [], detail: [] });
  });

  test('a link the script leaves to the app (a value it rewrites) still costs exactly one request', async () => {
    await freshVisitor(app);
    await app.open('/?in_space=True&limit=10&view=whatever');
    await app.waitForSearch('in_space=true');
    await app.waitForCards(app.expectedIds('in_space=true'));
    await app.quiet();
    assert.deepEqual(asked(app), { list: ['/2.3.0/spacecraft/?in_space=true'], detail: [] });
  });

  test('a stale answer (over 10 minutes old) is asked for once, not twice', async () => {
    await freshVisitor(app);
    const url = `${app.standin.base}/spacecraft/?limit=20`;
    const body = JSON.stringify(app.expectedList('limit=20').json);
    await browser.exec(`localStorage.setItem(arguments[0], arguments[1]);`, `ll2-cache:${url}`,
      `${Date.now() - 11 * 60_000}\n${body}`);
    await app.open('/?limit=20');
    await app.waitForCards(app.expectedIds('limit=20'));
    await app.quiet();
    assert.deepEqual(asked(app), { list: ['/2.3.0/spacecraft/?limit=20'], detail: [] });
  });
});

describe('a first visit under /explorer/', () => {
  let app;
  // openApp fails with the build command when the sub-path build is missing.
  shareApp({ prefix: '/explorer/', dist: SUB_DIST, width: 1280, height: 900 }, (opened) => {
    app = opened;
  });

  test('a spacecraft\'s page under the sub-path costs exactly one request, for its record', async () => {
    await freshVisitor(app);
    await app.open('/spacecraft/95');
    await detailShown(app.browser, 95);
    await app.quiet();
    assert.deepEqual(asked(app), { list: [], detail: ['/2.3.0/spacecraft/95/'] });
  });

  test('a grid link under the sub-path costs exactly one list request', async () => {
    await freshVisitor(app);
    await app.open('/?limit=20');
    await app.waitForCards(app.expectedIds('limit=20'));
    await app.quiet();
    assert.deepEqual(asked(app), { list: ['/2.3.0/spacecraft/?limit=20'], detail: [] });
  });
});
