// Request economy: every visitor has a small LL2 quota (15 requests an hour on production), so
// the app must not spend a request it can do without. Checked against what the local LL2
// stand-in was actually asked: the response cache (memory, localStorage for views,
// localStorage for lookups), stale entries, lazily loaded configurations, shared in-flight
// requests, the debounced search box, the settings panel (API key, quota meter)
// and a typical browsing session, whose request count is printed for comparison.
import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, clickOn, openApp, typeInto, openSettings, until } from './support/harness.mjs';
import {
  WATCH_PAINTED_LOADING, breakdown, cacheEntry, freshVisitor, hover, kindOf, mouseAway, ofKind, onEveryNewDocument,
  paintedLoading, pinQuota, repeated, report, spending, typicalSession, urlOf, watchPaintedLoading, writeCacheEntry,
} from './support/sessions.mjs';

let app;
let browser;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

before(async () => {
  app = await openApp({ width: 1280, height: 900 });
  browser = app.browser;
});

after(async () => {
  await app?.close();
});

/** Empties the stand-in's log and rules, and keeps its quota report at a comfortable 3 / 15. */
function resetStandin(used = 3) {
  app.standin.reset();
  pinQuota(app.standin, { current_use: used });
}

beforeEach(async () => {
  await freshVisitor(app);
  resetStandin();
});

afterEach(async () => {
  await app.consoleErrors();
});

/** Watches until the stand-in has heard nothing for a while (see `quietPeriod`): most checks
 *  here are that the app asks nothing more, an absence no condition can wait for. */
const quiet = () => app.quiet();
/** Quota-spending requests since the last reset. */
const spent = () => spending(app.standin.requests());
/** Spending requests of one kind since the last reset. */
const spentOn = (kind) => ofKind(spent(), kind);
const describeRequests = (requests) => JSON.stringify(breakdown(requests));
const listUrl = (query) => `/2.3.0/spacecraft/${query ? `?${query}` : ''}`;
/** The full API URL the app uses (and caches under) for a list query. */
const apiListUrl = (query) => `${app.standin.base}/spacecraft/${query ? `?${query}` : ''}`;
const STATUSES_URL = () => `${app.standin.base}/config/spacecraft_statuses/?limit=100`;
const CONFIG_URLS = ['/2.3.0/spacecraft_configurations/?ordering=name&limit=100',
  '/2.3.0/spacecraft_configurations/?ordering=name&limit=100&offset=100'];

/** Opens `query` on the grid and waits for its cards. */
async function openGrid(query = '') {
  await app.open(query ? `/?${query}` : '/');
  await app.waitForCards(app.expectedIds(query));
}

/** Picks a value in a filter and waits for the resulting view (its address and cards). */
async function chooseView(select, value, query) {
  await choose(browser, select, value);
  await app.waitForSearch(query);
  await app.waitForCards(app.expectedIds(query));
}

/** Waits for the status filter's options (the statuses lookup) to be there. */
function statusesLoaded() {
  return browser.waitFor(`return document.querySelector('select[name=status] option[value="1"]') !== null;`,
    { timeout: 20_000, message: 'the status options' });
}

/** Waits for the configuration select to offer every configuration of the data set. */
function configurationsLoaded() {
  const count = 130; // the stand-in's configurations (README: 130, two pages of 100)
  return browser.waitFor(
    `return document.querySelectorAll('select[name=spacecraft_config] option[value]:not([value=""])').length >= arguments[0];`,
    { timeout: 20_000, args: [count], message: `${count} configuration options` },
  );
}

/** Asserts each URL was asked for exactly once and nothing else spent the quota. */
function assertSpentExactly(urls, message) {
  const requests = spent();
  assert.deepEqual(requests.map(urlOf).sort(), [...urls].sort(), `${message}: ${describeRequests(requests)}`);
}


test('a first visit asks for the list and the statuses once each, and not for configurations', async () => {
  await mouseAway(browser);
  await openGrid('');
  await statusesLoaded();
  await quiet(); // anything lazy or late would have been sent by now
  assertSpentExactly([listUrl(''), '/2.3.0/config/spacecraft_statuses/?limit=100'], 'a first visit');
  assert.equal(spentOn('configurations').length, 0, 'configurations wait until the user reaches for them');
});

test('configurations load when the user first focuses their filter, each page once, then come from the cache', async () => {
  await mouseAway(browser);
  await openGrid('');
  await statusesLoaded();
  await quiet();
  assert.equal(spentOn('configurations').length, 0, 'not on page load');

  await clickOn(browser, 'input[data-testid=config-filter]');
  await configurationsLoaded();
  assert.deepEqual(spentOn('configurations').map(urlOf).sort(), [...CONFIG_URLS].sort(),
    'both pages of configurations, once each');

  // Reaching for the control again (focus, hover) asks nothing more.
  await clickOn(browser, 'input[name=search]');
  await clickOn(browser, 'input[data-testid=config-filter]');
  await hover(browser, 'select[name=spacecraft_config]');
  await quiet();
  assert.equal(spentOn('configurations').length, 2, describeRequests(spent()));

  // A lookup is kept in localStorage for a day: a reload (or a new tab) does not ask again.
  const stored = await browser.exec(
    `return Object.keys(localStorage).filter((key) => key.startsWith('ll2-cache:') && key.includes('/spacecraft_configurations/'));`,
  );
  assert.equal(stored.length, 2, `both pages are stored in localStorage: ${JSON.stringify(stored)}`);
  await browser.exec('sessionStorage.clear();'); // a new tab: only localStorage remains
  resetStandin();
  await mouseAway(browser);
  await app.open('/');
  await clickOn(browser, 'input[data-testid=config-filter]');
  await configurationsLoaded();
  await quiet();
  assert.equal(spentOn('configurations').length, 0, `configurations came from localStorage: ${describeRequests(spent())}`);
  assert.equal(spentOn('statuses').length, 0, 'so did the statuses');
});

test('configurations load when the mouse first moves over their select', async () => {
  await mouseAway(browser);
  await openGrid('');
  await statusesLoaded();
  await quiet();
  assert.equal(spentOn('configurations').length, 0, 'not on page load');
  await hover(browser, 'select[name=spacecraft_config]');
  await configurationsLoaded();
  assert.equal(await browser.exec(`return document.activeElement?.name ?? null;`) === 'spacecraft_config', false,
    'hovering alone (no focus) was enough');
  assert.deepEqual(spentOn('configurations').map(urlOf).sort(), [...CONFIG_URLS].sort());
});

test('Back, Forward, a link back to a seen page and a reload ask the API nothing', async () => {
  await openGrid('');
  await statusesLoaded();
  await chooseView('select[name=ordering]', 'id', 'ordering=id');
  await clickOn(browser, 'a[rel=next]');
  await app.waitForSearch('ordering=id&offset=10');
  await app.waitForCards(app.expectedIds('ordering=id&offset=10'));
  const seenViews = ['', 'ordering=id', 'ordering=id&offset=10'];
  assertSpentExactly([...seenViews.map(listUrl), '/2.3.0/config/spacecraft_statuses/?limit=100'], 'three views');

  resetStandin();
  // Returning to page 1 through its link (a new history entry, not Back).
  await clickOn(browser, 'a[rel=prev]');
  await app.waitForSearch('ordering=id');
  await app.waitForCards(app.expectedIds('ordering=id'));
  for (const [move, query] of [['back', 'ordering=id&offset=10'], ['back', 'ordering=id'], ['back', ''],
    ['forward', 'ordering=id'], ['forward', 'ordering=id&offset=10']]) {
    await browser[move]();
    await app.waitForSearch(query);
    await app.waitForCards(app.expectedIds(query));
  }
  // A reload: the views and the statuses are in localStorage.
  await browser.refresh();
  await app.settled();
  await app.waitForCards(app.expectedIds('ordering=id&offset=10'));
  await statusesLoaded();
  await browser.back();
  await app.waitForSearch('ordering=id');
  await app.waitForCards(app.expectedIds('ordering=id'));
  await quiet();
  assert.deepEqual(spent().map(urlOf), [], `no request for views already seen: ${describeRequests(spent())}`);
  assert.ok(app.standin.requests().length >= 1, 'the free quota check still runs');
});

test('reopening a spacecraft seen this session, even after a reload, asks the API nothing', async () => {
  await openGrid('');
  const id = (await app.cardIds())[0];
  const openDetail = async () => {
    await clickOn(browser, `[data-spacecraft-id="${id}"] a.card-link`);
    await browser.waitFor(
      `const d = document.querySelector('[data-testid=detail]'); return d && d.dataset.spacecraftId === String(arguments[0]);`,
      { timeout: 20_000, args: [id], message: `the detail page of ${id}` },
    );
  };
  await openDetail();
  await browser.back();
  await app.waitForCards(app.expectedIds(''));
  await openDetail();
  await browser.refresh();
  await app.settled();
  await browser.waitFor(`return document.querySelector('[data-testid=detail]') !== null;`,
    { timeout: 20_000, message: 'the detail page after a reload' });
  await clickOn(browser, '[data-testid=back-to-grid]');
  await app.waitForCards(app.expectedIds(''));
  await quiet();
  const details = spentOn('detail');
  assert.deepEqual(details.map(urlOf), [`/2.3.0/spacecraft/${id}/`], 'one request for the record, ever');
  assert.deepEqual(spentOn('list').map(urlOf), [listUrl('')], 'and one for the grid');
});

test('after a reload a stale view shows at once and is refreshed in the background; a fresh lookup is not', async () => {
  await openGrid('');
  await statusesLoaded();
  const full = app.expectedList('');
  // Age the grid's entry past 10 minutes and make it recognisable (3 cards instead of 10); age
  // the statuses, which keep for 24 hours, by 23 hours.
  const staleIds = full.json.results.slice(0, 3).map((craft) => craft.id);
  const staleBody = JSON.stringify({ ...full.json, results: full.json.results.slice(0, 3) });
  const agedAt = Date.now() - 11 * MINUTE;
  await writeCacheEntry(browser, 'localStorage', apiListUrl(''), agedAt, staleBody);
  const statuses = await cacheEntry(browser, 'localStorage', STATUSES_URL());
  assert.ok(statuses, 'the statuses are cached in localStorage');
  await writeCacheEntry(browser, 'localStorage', STATUSES_URL(), Date.now() - 23 * HOUR, statuses.body);

  resetStandin();
  app.standin.failNext({ path: 'spacecraft/', delay_ms: 3000 });
  const stop = await onEveryNewDocument(browser, WATCH_PAINTED_LOADING);
  try {
    await browser.refresh();
    // The stale cards are on screen while the refresh is still on its way.
    await browser.waitFor(
      `const ids = [...document.querySelectorAll('[data-spacecraft-id]')].map((el) => Number(el.dataset.spacecraftId));
       return JSON.stringify(ids) === JSON.stringify(arguments[0]);`,
      { timeout: 20_000, args: [staleIds], message: `the stale cards ${JSON.stringify(staleIds)}` },
    );
    const pending = spentOn('list');
    assert.equal(pending.length <= 1, true, describeRequests(spent()));
    if (pending.length === 1) assert.equal(pending[0].status, null, 'the stale cards came before the refresh answered');
    // Then the refresh replaces them, without a loading state in between.
    await app.waitForCards(full.json.results.map((craft) => craft.id), 20_000);
    assert.equal(await paintedLoading(browser), false, 'no skeleton or busy grid was shown');
  } finally {
    await stop();
  }
  await statusesLoaded();
  await quiet();
  assert.deepEqual(spentOn('list').map(urlOf), [listUrl('')], 'one background refresh of the stale view');
  assert.equal(spentOn('statuses').length, 0, 'a 23-hour-old lookup is still fresh');
  const refreshed = await cacheEntry(browser, 'localStorage', apiListUrl(''));
  assert.ok(refreshed.storedAt > agedAt + 10 * MINUTE, 'the refreshed answer replaced the stale entry');
  assert.equal(JSON.parse(refreshed.body).results.length, 10);
});

test('a day-old lookup is asked for again', async () => {
  await openGrid('');
  await statusesLoaded();
  const statuses = await cacheEntry(browser, 'localStorage', STATUSES_URL());
  await writeCacheEntry(browser, 'localStorage', STATUSES_URL(), Date.now() - 25 * HOUR, statuses.body);
  resetStandin();
  await browser.refresh();
  await app.settled();
  await statusesLoaded();
  await quiet();
  assert.deepEqual(spentOn('statuses').map(urlOf), ['/2.3.0/config/spacecraft_statuses/?limit=100']);
  assert.equal(spentOn('list').length, 0, 'the grid itself was still fresh');
});

for (const { used, refreshes } of [{ used: 14, refreshes: false }, { used: 3, refreshes: true }]) {
  test(`a stale view is ${refreshes ? '' : 'not '}refreshed in the background when the quota report says ${used} / 15 are used`, async () => {
    resetStandin(used);
    await openGrid('');
    await app.waitForQuotaText(new RegExp(`^${used} / 15 requests used$`));
    // A view the app has not read yet, stored 11 minutes ago with 3 cards.
    const query = 'ordering=id';
    const full = app.expectedList(query);
    const staleIds = full.json.results.slice(0, 3).map((craft) => craft.id);
    await writeCacheEntry(browser, 'localStorage', apiListUrl(query), Date.now() - 11 * MINUTE,
      JSON.stringify({ ...full.json, results: full.json.results.slice(0, 3) }));
    app.standin.failNext({ path: 'spacecraft/', match_query: query, delay_ms: 2000 });
    await watchPaintedLoading(browser);
    await choose(browser, 'select[name=ordering]', 'id');
    await app.waitForSearch(query);
    await browser.waitFor(
      `const ids = [...document.querySelectorAll('[data-spacecraft-id]')].map((el) => Number(el.dataset.spacecraftId));
       return JSON.stringify(ids) === JSON.stringify(arguments[0]);`,
      { timeout: 20_000, args: [staleIds], message: 'the stale cards at once' },
    );
    if (refreshes) {
      await app.waitForCards(full.json.results.map((craft) => craft.id));
      assert.deepEqual(spentOn('list').map(urlOf).filter((url) => url !== listUrl('')), [listUrl(query)], 'one background refresh');
    } else {
      // No refresh goes out (it would be logged as it arrives, answered or not), so nothing can
      // replace the stale cards.
      await quiet();
      assert.deepEqual(await app.cardIds(), staleIds, 'the stale answer stays');
      assert.deepEqual(spentOn('list').map(urlOf).filter((url) => url !== listUrl('')), [], 'the last request of the hour is kept for the user');
    }
    assert.equal(await paintedLoading(browser), false, 'the stale view never showed a loading state');
  });
}

test('a request already on its way is joined, not sent again (saving unchanged settings while loading)', async () => {
  await openGrid('');
  resetStandin();
  app.standin.failNext({ path: 'spacecraft/', match_query: 'ordering=id', delay_ms: 3000 });
  await choose(browser, 'select[name=ordering]', 'id');
  await browser.waitFor(`return document.querySelector('[data-testid=grid] [data-testid=loading]') !== null;`,
    { timeout: 20_000, message: 'the grid to be loading' });
  // While it loads, open the settings and save them unchanged: same API, same URL.
  await openSettings(browser);
  await clickOn(browser, 'form[data-testid=settings] button[type=submit]');
  await browser.waitFor(`return /Saved/.test(document.querySelector('form[data-testid=settings] [role=status]').textContent);`,
    { timeout: 10_000, message: 'the settings to be saved' });
  await app.waitForCards(app.expectedIds('ordering=id'), 20_000);
  await until(() => spentOn('list').every((request) => request.status !== null),
    { timeout: 20_000, message: 'the delayed first request to be answered' });
  await quiet(); // and no second one follows
  const lists = spentOn('list');
  assert.deepEqual(lists.map(urlOf), [listUrl('ordering=id')],
    `one request for the view, got ${lists.length}: ${JSON.stringify(lists.map((r) => [urlOf(r), r.status, r.at - lists[0].at]))}`);
});

test('a stale view whose background refresh is throttled stays on screen without an alarm', async () => {
  await openGrid('');
  const full = app.expectedList('');
  const staleIds = full.json.results.slice(0, 3).map((craft) => craft.id);
  await writeCacheEntry(browser, 'localStorage', apiListUrl(''), Date.now() - 11 * MINUTE,
    JSON.stringify({ ...full.json, results: full.json.results.slice(0, 3) }));
  resetStandin();
  app.standin.failNext({ path: 'spacecraft/', retry_after: 754 });
  await browser.refresh();
  await browser.waitFor(
    `const ids = [...document.querySelectorAll('[data-spacecraft-id]')].map((el) => Number(el.dataset.spacecraftId));
     return JSON.stringify(ids) === JSON.stringify(arguments[0]);`,
    { timeout: 20_000, args: [staleIds], message: 'the stale cards' },
  );
  await until(() => spentOn('list').some((request) => request.status === 429),
    { timeout: 10_000, message: 'the throttled refresh' }).catch(() => {});
  assert.deepEqual(spentOn('list').map((request) => request.status), [429], 'the refresh was tried once, and throttled');
  await quiet(); // the 429 changes nothing on screen
  assert.deepEqual(await app.cardIds(), staleIds, 'the stale cards stay');
  assert.equal(await browser.exec(`return document.querySelector('[role=alert]');`), null, 'no error for a refresh the user did not ask for');
});

test('typing a word in the search box makes at most two list requests and one history entry', async () => {
  await openGrid('');
  resetStandin();
  const historyBefore = await app.historyLength();
  await typeInto(browser, 'input[name=search]', 'shuttle');
  await app.waitForSearch('search=shuttle');
  await app.waitForCards(app.expectedIds('search=shuttle'));
  await quiet(); // a late debounced search would have gone out by now
  const lists = spentOn('list');
  assert.ok(lists.length >= 1 && lists.length <= 2, `list requests while typing: ${JSON.stringify(lists.map(urlOf))}`);
  assert.equal(urlOf(lists.at(-1)), listUrl('search=shuttle'));
  for (const request of lists) {
    assert.ok('shuttle'.startsWith(request.params.search ?? ''), `a prefix of the word: ${urlOf(request)}`);
  }
  assert.equal(await app.historyLength(), historyBefore + 1, 'one history entry for the word');
});

test('a pause in the middle of a word makes two list requests and still one history entry', async () => {
  await openGrid('');
  resetStandin();
  const historyBefore = await app.historyLength();
  await typeInto(browser, 'input[name=search]', 'shu');
  await app.waitForSearch('search=shu');
  // The pause: "shu" has been searched for and shown before the rest is typed.
  await app.waitForCards(app.expectedIds('search=shu'));
  await browser.keys('ttle');
  await app.waitForSearch('search=shuttle');
  await app.waitForCards(app.expectedIds('search=shuttle'));
  await quiet();
  assert.deepEqual(spentOn('list').map(urlOf), [listUrl('search=shu'), listUrl('search=shuttle')]);
  assert.equal(await app.historyLength(), historyBefore + 1, 'the second search replaced the first entry');
  await browser.back();
  await app.waitForSearch('');
  await app.waitForCards(app.expectedIds(''));
});

test('a typical session spends at most one request per distinct view (and a flown spacecraft\'s logbook)', async () => {
  const result = await typicalSession(app);
  console.log(...report(result));
  // A detail page of a spacecraft that has flown asks for its logbook too (`/spacecraft_flights/`).
  const logbooks = ofKind(result.spent, 'flights');
  assert.ok(logbooks.length <= result.detailPages.length, `one logbook per detail page at most: ${JSON.stringify(logbooks.map(urlOf))}`);
  const distinctViews = result.gridViews.length + result.detailPages.length + logbooks.length + 1; // + the statuses lookup
  assert.equal(result.gridViews.length, 6, `grid views: ${JSON.stringify(result.gridViews)}`);
  assert.deepEqual(repeated(result.spent), [], 'no API URL asked for twice');
  assert.ok(result.count <= distinctViews,
    `${result.count} requests for ${distinctViews} distinct views: ${JSON.stringify(result.breakdown)}`);
  assert.equal(ofKind(result.spent, 'configurations').length, 0, 'configurations were never needed');
  assert.equal(result.spent.filter((request) => kindOf(request) === 'other').length, 0);
});

test('an API key is sent as an Authorization header on every request and never in a URL', async () => {
  const KEY = 'e2e-Supporter-Key-7f3a9c';
  await openGrid('');
  await statusesLoaded();
  await openSettings(browser);
  await typeInto(browser, '#api-key', KEY);
  assert.equal(await browser.exec(`return document.querySelector('#api-key').type;`), 'password');
  resetStandin();
  await clickOn(browser, 'form[data-testid=settings] button[type=submit]');
  await browser.waitFor(`return /Saved/.test(document.querySelector('form[data-testid=settings] [role=status]').textContent);`,
    { timeout: 10_000, message: 'the settings to be saved' });
  const stored = JSON.parse(await browser.exec(`return localStorage.getItem('spacecraft-explorer.settings');`));
  assert.equal(stored.api_key, KEY, 'the key is kept in localStorage');

  await chooseView('select[name=ordering]', 'id', 'ordering=id');
  await browser.refresh(); // the key survives a reload
  await app.settled();
  await chooseView('select[name=in_space]', 'true', 'in_space=true&ordering=id');
  await quiet();

  const all = app.standin.requests();
  const lists = ofKind(all, 'list');
  assert.deepEqual(lists.map(urlOf), [listUrl('ordering=id'), listUrl('in_space=true&ordering=id')]);
  for (const request of all) {
    assert.equal(request.authorization, `Token ${KEY}`, `${urlOf(request)} carried the key`);
  }
  const everyUrl = [...all.map(urlOf), await browser.url(),
    ...await browser.exec(`return [...Object.keys(sessionStorage), ...Object.keys(localStorage)];`)];
  for (const url of everyUrl) {
    assert.ok(!url.includes(KEY) && !url.includes(encodeURIComponent(KEY)), `the key is not in ${url}`);
  }
});

test('the quota meter is read once after the first cards, counted here in between, and read again when the settings open', async () => {
  const checks = () => app.standin.requests().filter((request) => request.path.endsWith('/api-throttle/')).length;
  resetStandin(7);
  await openGrid('');
  await statusesLoaded();
  await until(() => checks() >= 1, { timeout: 20_000, message: 'the quota check after the first cards' }).catch(() => {});
  await quiet(); // and no second one
  assert.equal(checks(), 1, 'one quota check, after the first cards: none on the critical path');
  // 7 as reported; 8 when the statuses answer (which follows the first cards) came after it.
  await app.waitForQuotaText(/^[78] \/ 15 requests used$/);
  const before = Number((await app.quotaText()).split(' ')[0]);

  await chooseView('select[name=ordering]', 'id', 'ordering=id');
  await app.waitForQuotaText(new RegExp(`^${before + 1} / 15 requests used$`));
  assert.equal(checks(), 1, 'a request is counted here, not asked about');
  assert.equal(await browser.exec(
    `return document.querySelector('.header-tools > [data-testid=quota] meter').getAttribute('max');`), '15');

  // Opening the settings reads the quota again: spent, the meter says how long to wait.
  app.standin.reset();
  pinQuota(app.standin, { current_use: 15, next_use_secs: 754 });
  await openSettings(browser);
  await app.waitForQuotaText(/next request in 12 min (3[0-4]|[12]\d) s/);
  assert.equal(checks(), 1, 'one more check, when the settings opened');
});
