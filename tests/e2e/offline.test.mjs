// Answers that survive the tab (issue #11), as a visitor meets them: a view seen before opens
// from storage in a new tab with no request; offline (DevTools network emulation, which also
// fires the browser's `offline`/`online` events) a stored view shows with its age, a view never
// seen says it needs a connection and loads by itself when the browser is back; an API failure
// behind a stored answer is said too; and storage stays under its 4 MB bound, least recently
// used out. (The app shell offline, from the service worker, is in install.test.mjs.)
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, shareApp, until } from './support/harness.mjs';
import { freshVisitor, pinQuota, writeCacheEntry } from './support/sessions.mjs';

let app;
let browser;

shareApp({ width: 1280, height: 900 }, (opened) => {
  app = opened;
  browser = opened.browser;
});

beforeEach(async () => {
  await online(true);
  await freshVisitor(app);
  pinQuota(app.standin, { current_use: 3 });
});

const MINUTE = 60_000;
const apiListUrl = (query) => `${app.standin.base}/spacecraft/${query ? `?${query}` : ''}`;
const listRequestsFor = (query) => app.listRequests().filter((request) => request.query === query);

/** Takes the page's network away (or gives it back), as a train tunnel would. */
async function online(yes) {
  await browser.cmd('POST', '/goog/cdp/execute', {
    cmd: 'Network.enable', params: {},
  });
  await browser.cmd('POST', '/goog/cdp/execute', {
    cmd: 'Network.emulateNetworkConditions',
    params: { offline: !yes, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
  });
}

const textOf = (css) => browser.exec(
  `const el = document.querySelector(arguments[0]); return el && el.textContent.replace(/\\s+/g, ' ').trim();`,
  css,
);

async function waitForText(css, pattern, message) {
  await browser.waitFor(
    `const el = document.querySelector(arguments[0]);
     return !!el && new RegExp(arguments[1]).test(el.textContent.replace(/\\s+/g, ' '));`,
    { args: [css, pattern.source], message: message ?? `${css} matching ${pattern}` },
  );
}

test('a view seen in a closed tab opens in a new tab from storage, with no request', async () => {
  await app.open('/?ordering=-flights_count');
  await app.waitForCards(app.expectedIds('ordering=-flights_count'));
  // A new tab: the tab's session storage and memory are gone; localStorage stays.
  await browser.goto(app.url('/__blank__.txt'));
  await browser.exec('sessionStorage.clear();');
  app.standin.reset();
  pinQuota(app.standin, { current_use: 3 });
  await app.open('/?ordering=-flights_count');
  await app.waitForCards(app.expectedIds('ordering=-flights_count'));
  await app.quiet(); // "no request" is an absence: watched for a while
  assert.deepEqual(app.listRequests(), [], 'the stored answer was used');
  assert.equal(await browser.exec(`return !!document.querySelector('[data-testid=saved-notice]');`), false,
    'online and fresh: no notice');
});

test('offline, a stored view shows with its age; back online it is refreshed', async () => {
  // An answer saved 12 minutes ago (stale), then a visit to another view.
  await app.open('/');
  await writeCacheEntry(browser, 'localStorage', apiListUrl('ordering=id'), Date.now() - 12 * MINUTE,
    JSON.stringify(app.expectedList('ordering=id').json));
  await app.waitForCards(app.expectedIds(''));
  await online(false);
  await choose(browser, 'select[name=ordering]', 'id');
  await app.waitForSearch('ordering=id');
  await app.waitForCards(app.expectedIds('ordering=id'));
  await waitForText('[data-testid=saved-notice]', /^Offline — showing results saved 12 min ago$/);
  assert.equal(await browser.exec(`return document.querySelector('[data-testid=saved-notice]').getAttribute('role');`),
    'status');
  assert.deepEqual(listRequestsFor('ordering=id'), [], 'offline: nothing was asked');

  await online(true);
  await browser.waitFor(`return !document.querySelector('[data-testid=saved-notice]');`,
    { message: 'the notice goes once the view is refreshed' });
  // The notice may go before the stand-in has logged the refresh (on a busy machine it did).
  await until(() => listRequestsFor('ordering=id').length >= 1, { message: 'the refresh to reach the API' }).catch(() => {});
  await app.quiet(); // and no second one
  assert.equal(listRequestsFor('ordering=id').length, 1, 'refreshed once, when the browser came back');
  await app.waitForCards(app.expectedIds('ordering=id'));
});

test('offline, a view never seen says it needs a connection and loads when the browser is back', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  await online(false);
  await choose(browser, 'select[name=ordering]', '-time_docked');
  await app.waitForSearch('ordering=-time_docked');
  await waitForText('[data-testid=error]', /You are offline.*needs a connection/);
  assert.deepEqual(listRequestsFor('ordering=-time_docked'), []);

  await online(true);
  await app.waitForCards(app.expectedIds('ordering=-time_docked'));
  assert.equal(await browser.exec(`return !!document.querySelector('[data-testid=error]');`), false);
  assert.equal(listRequestsFor('ordering=-time_docked').length, 1, 'asked once, by itself');
});

test('when the API fails behind a stored answer, the answer stays and the notice says why', async () => {
  await writeCacheEntry(browser, 'localStorage', apiListUrl('ordering=id'), Date.now() - 3 * 60 * MINUTE,
    JSON.stringify(app.expectedList('ordering=id').json));
  app.standin.failNext({ path: 'spacecraft/', match_query: 'ordering=id', status: 503, times: 1 });
  await app.open('/?ordering=id');
  await app.waitForCards(app.expectedIds('ordering=id'));
  await waitForText('[data-testid=saved-notice]', /^Launch Library cannot be reached — showing results saved 3 h ago$/);
  assert.equal(await browser.exec(`return !!document.querySelector('[data-testid=error]');`), false,
    'the stored cards are not replaced by an error');
});

test('stored answers stay under 4 MB: the least recently used go first, and the app works on', async () => {
  // Five old answers of ~900,000 characters each (4.5 MB), stored a minute apart.
  const junk = (n) => `${app.standin.base}/spacecraft/?search=junk${n}`;
  await browser.exec(
    `const [urls, size, now] = arguments;
     urls.forEach((url, n) => localStorage.setItem('ll2-cache:' + url,
       (now - (urls.length - n) * 60000) + '\\n' + JSON.stringify({ count: 0, results: [], pad: 'x'.repeat(size) })));`,
    [0, 1, 2, 3, 4].map(junk), 900_000, Date.now(),
  );
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  const kept = await browser.exec(
    `let total = 0; const keys = [];
     for (let i = 0; i < localStorage.length; i++) {
       const key = localStorage.key(i);
       if (!key.startsWith('ll2-cache:')) continue;
       keys.push(key); total += key.length + localStorage.getItem(key).length;
     }
     return { total, keys };`,
  );
  assert.ok(kept.total <= 4_000_000, `stored answers take ${kept.total} characters`);
  assert.ok(!kept.keys.includes(`ll2-cache:${junk(0)}`), 'the oldest answer was dropped');
  assert.ok(kept.keys.includes(`ll2-cache:${junk(4)}`), 'the newest old answer was kept');
  assert.ok(kept.keys.includes(`ll2-cache:${apiListUrl('')}`), 'the new answer is stored');
});
