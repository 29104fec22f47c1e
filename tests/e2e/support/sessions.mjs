// Scripted user sessions and request accounting for the request-economy tests, kept apart from the
// tests so the same session can be replayed against any build (an older one, to compare):
//
//   node tests/e2e/support/sessions.mjs [path/to/dist]     (default: target/e2e-dist)
//
// prints `TYPICAL_SESSION_REQUESTS <n> <breakdown JSON>` like the test does.
import { beforeEach } from 'node:test';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { choose, clickOn, openApp, shareApp } from './harness.mjs';

/** What an API request (a stand-in log entry) is: list, detail, flights (a spacecraft's logbook),
 *  statuses, configurations, throttle, other. */
export function kindOf(request) {
  const path = request.path.replace(/^\/2\.3\.0\//, '').replace(/\/?$/, '/');
  if (path === 'spacecraft/') return 'list';
  if (/^spacecraft\/[^/]+\/$/.test(path)) return 'detail';
  if (path === 'spacecraft_flights/') return 'flights';
  if (path === 'config/spacecraft_statuses/') return 'statuses';
  if (path.startsWith('spacecraft_configurations/')) return 'configurations';
  if (path === 'api-throttle/') return 'throttle';
  return 'other';
}

/** The requests that spend the LL2 quota: everything but `/api-throttle/`. */
export function spending(requests) {
  return requests.filter((request) => kindOf(request) !== 'throttle');
}

/** `path?query` of a logged request: the API URL it asked for, origin left out. */
export function urlOf(request) {
  return request.query ? `${request.path}?${request.query}` : request.path;
}

/** Requests of one kind (see `kindOf`). */
export function ofKind(requests, kind) {
  return requests.filter((request) => kindOf(request) === kind);
}

/** Counts by kind and by URL, for messages and the session report. */
export function breakdown(requests) {
  const byKind = {};
  const byUrl = {};
  for (const request of requests) {
    const kind = kindOf(request);
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    byUrl[urlOf(request)] = (byUrl[urlOf(request)] ?? 0) + 1;
  }
  return { byKind, byUrl };
}

/** URLs asked for more than once. */
export function repeated(requests) {
  return Object.entries(breakdown(requests).byUrl).filter(([, count]) => count > 1);
}

/**
 * A first-time visitor: leave the app (a same-origin page that is not the app, so nothing of
 * the app is still running), forget what it stored, and empty the stand-in's log and rules.
 */
export async function freshVisitor(app) {
  await app.browser.goto(app.url('/__blank__.txt'));
  await app.browser.exec('sessionStorage.clear(); localStorage.clear();');
  app.standin.reset();
}

/**
 * Makes the stand-in's `/api-throttle/` report `throttle` (e.g. `{ current_use: 3 }`) until the
 * next `reset()`: a rule that matches no request, only its throttle override is active. The
 * stand-in otherwise counts every request since it started, so a long test file would soon look
 * like an exhausted quota to the app. Rules added later with their own `throttle` lose to this one.
 */
export function pinQuota(standin, throttle) {
  standin.failNext({ path: '__no_such_endpoint__/', times: 0, throttle });
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** Moves the mouse onto the middle of the first element matching `css` (hover, no click). */
export async function hover(browser, css) {
  const element = await browser.find(css);
  await browser.cmd('POST', '/actions', {
    actions: [{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [{ type: 'pointerMove', duration: 0, origin: { [ELEMENT]: element }, x: 0, y: 0 }],
    }],
  });
}

/** Moves the mouse to the top-left corner of the viewport, away from every control. */
export async function mouseAway(browser) {
  await browser.cmd('POST', '/actions', {
    actions: [{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [{ type: 'pointerMove', duration: 0, origin: 'viewport', x: 1, y: 1 }],
    }],
  });
}

/**
 * Runs `source` in every document the browser opens from now on, before the page's own scripts
 * (DevTools protocol, so the page's Content-Security-Policy does not apply to it). Returns a
 * function that stops it for documents opened afterwards.
 */
export async function onEveryNewDocument(browser, source) {
  const { identifier } = await browser.cmd('POST', '/goog/cdp/execute', {
    cmd: 'Page.addScriptToEvaluateOnNewDocument', params: { source },
  });
  return () => browser.cmd('POST', '/goog/cdp/execute', {
    cmd: 'Page.removeScriptToEvaluateOnNewDocument', params: { identifier },
  });
}

/**
 * Starts recording, in the page, every distinct text that elements matching `css` show, and
 * whether any element matching `flagCss` ever appears: `seen(browser)` reads both. Texts that
 * are on screen for less than a polling interval are caught too.
 */
export function recordTexts(browser, css, flagCss = null) {
  return browser.exec(
    `const [css, flagCss] = arguments;
     window.__e2eSeen = { texts: [], flagged: false };
     const look = () => {
       for (const el of document.querySelectorAll(css)) {
         const text = el.textContent.replace(/\\s+/g, ' ').trim();
         if (!window.__e2eSeen.texts.includes(text)) window.__e2eSeen.texts.push(text);
       }
       if (flagCss && document.querySelector(flagCss)) window.__e2eSeen.flagged = true;
     };
     window.__e2eObserver?.disconnect();
     window.__e2eObserver = new MutationObserver(look);
     window.__e2eObserver.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
     look();`,
    css, flagCss,
  );
}

export function seen(browser) {
  return browser.exec('return window.__e2eSeen || null;');
}

/**
 * Page-side source that notes, once per animation frame (that is, in what gets painted), whether
 * the grid shows its loading state; `window.__e2ePaintedLoading` becomes true if it ever does.
 * A state that exists only between two frames (never drawn) does not count.
 */
export const WATCH_PAINTED_LOADING = `
  window.__e2ePaintedLoading = false;
  (function frame() {
    if (document.querySelector('[data-testid=grid][aria-busy="true"], [data-testid=grid] [data-testid=loading]')) {
      window.__e2ePaintedLoading = true;
    }
    requestAnimationFrame(frame);
  })();`;

/** Starts `WATCH_PAINTED_LOADING` in the current page. */
export function watchPaintedLoading(browser) {
  return browser.exec(WATCH_PAINTED_LOADING);
}

export function paintedLoading(browser) {
  return browser.exec('return window.__e2ePaintedLoading;');
}

/** Reads a cache entry the app stored for an API URL: `{ storedAt, body }` or null. */
export function cacheEntry(browser, storage, url) {
  return browser.exec(
    `const text = window[arguments[0]].getItem('ll2-cache:' + arguments[1]);
     if (text === null) return null;
     const at = text.indexOf('\\n');
     return { storedAt: Number(text.slice(0, at)), body: text.slice(at + 1) };`,
    storage, url,
  );
}

/** Writes a cache entry the way the app stores it: `"<stored_at ms>\\n<body>"`. */
export function writeCacheEntry(browser, storage, url, storedAt, body) {
  return browser.exec(
    `window[arguments[0]].setItem('ll2-cache:' + arguments[1], arguments[2] + '\\n' + arguments[3]);`,
    storage, url, String(storedAt), body,
  );
}

/** Waits until the grid shows the cards the stand-in answers for the address bar's query. */
async function gridSettled(app, query) {
  await app.waitForSearch(query, 30_000);
  await app.settled(30_000);
  await app.waitForCards(app.expectedIds(query), 30_000);
}

/**
 * The typical session: load `/`, three filter changes, two pages forward with the pager's Next
 * link, Back three times, open one spacecraft, Back. Starts from a fresh visitor.
 * Returns what the stand-in was asked (all requests, and the quota-spending ones), the grid views
 * and detail pages the session looked at, and the per-kind / per-URL breakdown of spending requests.
 */
export async function typicalSession(app) {
  const { browser } = app;
  await freshVisitor(app);
  const views = [];
  const visit = async (query) => {
    await gridSettled(app, query);
    if (!views.includes(query)) views.push(query);
  };

  await app.open('/');
  await visit('');
  // Three filter changes: a sort order, then two filters that still leave three pages.
  const filters = [
    ['select[name=ordering]', '-flights_count'],
    ['select[name=in_space]', 'false'],
    ['select[name=status]', '4'],
  ];
  const history = [''];
  for (const [select, value] of filters) {
    if (select === 'select[name=status]') {
      await browser.waitFor(`return document.querySelector('select[name=status] option[value="4"]') !== null;`,
        { timeout: 30_000, message: 'the status options' });
    }
    const before = await app.search();
    await choose(browser, select, value);
    await browser.waitFor('return location.search.replace(/^\\?/, "") !== arguments[0];',
      { timeout: 30_000, args: [before], message: `the view to change after choosing ${value}` });
    const query = await app.search();
    await visit(query);
    history.push(query);
  }
  // Two pages forward through the pager.
  for (let page = 2; page <= 3; page += 1) {
    const href = await browser.exec(`const a = document.querySelector('a[rel=next]'); return a && a.getAttribute('href');`);
    if (!href) throw new Error(`no Next link on page ${page - 1} of ${await app.search()}`);
    const query = new URL(href, 'http://x').search.replace(/^\?/, '');
    await clickOn(browser, 'a[rel=next]');
    await visit(query);
    history.push(query);
  }
  // Back three times: every view was seen already.
  for (let step = 1; step <= 3; step += 1) {
    await browser.back();
    await gridSettled(app, history[history.length - 1 - step]);
  }
  const gridQuery = history[history.length - 4];
  // Open the first spacecraft and come back.
  const id = (await app.cardIds())[0];
  await clickOn(browser, `[data-spacecraft-id="${id}"] a`);
  await browser.waitFor(`const d = document.querySelector('[data-testid=detail]');
    return d !== null && d.dataset.spacecraftId === String(arguments[0]);`,
  { timeout: 30_000, args: [id], message: `the detail page of ${id}` });
  await browser.back();
  await gridSettled(app, gridQuery);
  // Let anything the app does after settling (quota checks, late writes) reach the stand-in:
  // the count must hold no request still to come, an absence only watching can show.
  await app.quiet();

  const all = app.standin.requests();
  const spent = spending(all);
  return {
    all,
    spent,
    count: spent.length,
    breakdown: breakdown(spent),
    gridViews: views,
    detailPages: [id],
  };
}

/** The line the test and the CLI print. */
export function report(result) {
  return ['TYPICAL_SESSION_REQUESTS', result.count, JSON.stringify(result.breakdown)];
}

async function main() {
  const dist = resolve(process.argv[2] || process.env.E2E_DIST || 'target/e2e-dist');
  const app = await openApp({ dist });
  try {
    const result = await typicalSession(app);
    console.log(...report(result));
  } finally {
    await app.close();
  }
}

const isMain = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

/** `Duration::human()` of src/ui/format.rs: `84d 1h 15m`, `23h 32m 33s`, `25y 113d`, `0m`. */
export function humanDuration(total) {
  if (total === 0) return '0m';
  const days = Math.floor(total / 86_400);
  const [hours, minutes, secs] = [Math.floor(total / 3_600) % 24, Math.floor(total / 60) % 60, total % 60];
  let parts;
  if (days >= 365) parts = [[Math.floor(days / 365), 'y'], [days % 365, 'd']];
  else if (days > 0) parts = [[days, 'd'], [hours, 'h'], [minutes, 'm']];
  else parts = [[hours, 'h'], [minutes, 'm'], [secs, 's']];
  const text = parts.filter(([value]) => value > 0).map(([value, unit]) => `${value}${unit}`);
  return text.length ? text.join(' ') : '0m';
}

/**
 * Before each test of the file: a first-time visitor on a page that is not the app, and a quota
 * report of a comfortable 3 / 15 (see `pinQuota`). `app` is read when each test starts.
 */
export function eachTestAFreshVisitor(appOf) {
  beforeEach(async () => {
    await freshVisitor(appOf());
    pinQuota(appOf().standin, { current_use: 3 });
  });
}

/**
 * `shareApp`, with every test starting as a first-time visitor (see `freshVisitor`) whose quota
 * reads a comfortable 3 / 15: the stand-in counts every request since it started, and a quota
 * that looks spent stops background refreshes and changes what a failure means.
 */
export function shareVisitorApp(options, opened) {
  let app;
  shareApp(options, (value) => {
    app = value;
    opened(value);
  });
  beforeEach(async () => {
    await freshVisitor(app);
    pinQuota(app.standin, { current_use: 3 });
  });
}
