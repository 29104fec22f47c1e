// One place that sets up what every end-to-end test needs: the LL2 stand-in, the built app on a
// static server pointed at it, and a headless Chromium session over WebDriver.
import { after, afterEach, before, beforeEach } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../../ll2-standin/server.mjs';
import { startStaticServer } from './static-server.mjs';
import { Session, startChromedriver } from './webdriver.mjs';
import { handleApi } from '../../ll2-standin/api.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The release build under test (`.ci/test` builds it once before the suite). */
export const DIST = resolve(root, process.env.E2E_DIST || 'target/e2e-dist');
/** Where the suite leaves screenshots for people to look at. */
export const SHOTS = resolve(root, process.env.E2E_SHOTS || 'target/screenshots');

/**
 * Polls a Node-side `probe` (a condition on the stand-in's log, the window handles, …) until it
 * returns something truthy, and returns that; fails after `timeout` ms saying what it waited for.
 * The page-side counterpart is `browser.waitFor`.
 */
export async function until(probe, { timeout = 10_000, message = 'a condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** How long `quietPeriod` watches for something that must not happen. */
export const QUIET_MS = 500;

/**
 * The suite's one wait by the clock, for checks that something does NOT happen (no extra API
 * request, no late change on screen). An absence has no moment to wait for, so the test watches
 * for a while instead; every other wait in the suite is for a condition. Waits until none of
 * `logs` (anything with `requests()`: the stand-in, the static site) has grown for `ms`, so a
 * request that is still trickling in restarts the watch instead of slipping past it; with
 * `through` (epoch ms) it watches until that moment instead, for a window the app's own timers
 * define (e.g. "no retry within 7 s of a throttle").
 */
export async function quietPeriod({ logs = [], ms = QUIET_MS, through = null, timeout = 15_000 } = {}) {
  const pause = (wait) => new Promise((done) => setTimeout(done, Math.max(0, wait)));
  if (through !== null) {
    await pause(through - Date.now());
    return;
  }
  const size = () => logs.reduce((total, log) => total + log.requests().length, 0);
  const deadline = Date.now() + timeout;
  let [seen, since] = [size(), Date.now()];
  while (Date.now() - since < ms) {
    await pause(Math.min(50, ms - (Date.now() - since)));
    if (size() !== seen) [seen, since] = [size(), Date.now()];
    if (Date.now() > deadline) throw new Error(`the app never stopped asking (${seen} requests after ${timeout} ms)`);
  }
}

/**
 * `standin`: one already started (e.g. the one a build was drawn from), closed with the app;
 * otherwise one is started with `standinOptions` (e.g. `{ bulk: 150 }`).
 */
export async function openApp({ prefix = '/', width = 1280, height = 900, dist = DIST, standin: started = null, standinOptions = {} } = {}) {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`no build at ${dist}: run .ci/test (or trunk build --release --offline --dist ${dist})`);
  }
  const standin = started ?? await startStandin(standinOptions);
  const site = await startStaticServer({ dist, apiBase: standin.base, prefix });
  const driver = await startChromedriver();
  let browser;
  try {
    browser = await Session.create(driver.url, { width, height });
  } catch (error) {
    driver.stop();
    await site.close();
    await standin.close();
    throw error;
  }
  await mkdir(SHOTS, { recursive: true });
  const app = {
    standin,
    site,
    browser,
    /** Watches for `QUIET_MS` in which the stand-in hears nothing (see `quietPeriod`): for
     *  checks that the app asks nothing more, or changes nothing more. */
    quiet(options = {}) {
      return quietPeriod({ logs: [standin], ...options });
    },
    /** Opens an app path (e.g. `/?search=x`) and waits for the app to settle. */
    async open(path = '/') {
      await browser.goto(site.url(path));
      await app.settled();
    },
    /** Waits until the app has mounted (its own main, not index.html's static first paint)
     *  and nothing is loading. */
    settled(timeout = 20_000) {
      return browser.waitFor(
        `const busy = document.querySelector('[aria-busy="true"]');
         return document.querySelector('main#main') !== null && busy === null;`,
        { timeout, message: 'the page to finish loading' },
      );
    },
    cardIds() {
      return browser.exec(
        `return [...document.querySelectorAll('[data-spacecraft-id]')].map((el) => Number(el.dataset.spacecraftId));`,
      );
    },
    /** The query string (without ?) of the page in the address bar. */
    async search() {
      return new URL(await browser.url()).search.replace(/^\?/, '');
    },
    /** API requests the stand-in received for the spacecraft list, as parsed params. */
    listRequests() {
      return standin.requests().filter((request) => request.path.replace(/\/+$/, '').endsWith('/spacecraft'));
    },
    shot(name) {
      return browser.screenshot(join(SHOTS, `${name}.png`));
    },
    /** The file a `shot(name)` writes. */
    shotPath(name) {
      return join(SHOTS, `${name}.png`);
    },
    /** The app URL (origin included) of an app path, e.g. `/?search=x`. */
    url(path = '/') {
      return site.url(path);
    },
    /** The address bar's path and query relative to the app's prefix, e.g. `/?search=x`. */
    async path() {
      const url = new URL(await browser.url());
      const base = new URL(site.url('/'));
      const rest = url.pathname.startsWith(base.pathname) ? url.pathname.slice(base.pathname.length) : url.pathname;
      return `/${rest}${url.search}`;
    },
    historyLength() {
      return browser.exec('return history.length;');
    },
    /** What the stand-in answers for a spacecraft list query (string or object of params). */
    expectedList(params = '') {
      const searchParams = new URLSearchParams(params);
      return handleApi(standin.dataset, {
        apiPath: 'spacecraft/', pathname: '/2.3.0/spacecraft/', origin: standin.origin,
        searchParams, currentUse: 0, throttleOverride: null,
      });
    },
    /** The ids the stand-in answers for a spacecraft list query, in API order. */
    expectedIds(params = '') {
      const answer = app.expectedList(params);
      if (answer.status !== 200) throw new Error(`the stand-in answers ${answer.status} for ${params}`);
      return answer.json.results.map((craft) => craft.id);
    },
    /** Waits until the address bar's query string (without ?) is exactly `query`. */
    waitForSearch(query, timeout = 20_000) {
      return browser.waitFor(
        `return location.search.replace(/^\\?/, '') === arguments[0];`,
        { timeout, args: [query], message: `the address bar query to be ${JSON.stringify(query)}` },
      ).catch(async (error) => {
        error.message += ` (address bar: ${await browser.url()})`;
        throw error;
      });
    },
    /** Ids of the app's cards a user can see (rendered, not hidden), in page order; not those
     *  of index.html's first paint (a repeat visit's kept rendering, inert until the app is up). */
    shownCardIds() {
      return browser.exec(
        `return [...document.querySelectorAll('article[data-spacecraft-id]')]
           .filter((el) => el.getClientRects().length > 0 && !el.closest('#shell'))
           .map((el) => Number(el.dataset.spacecraftId));`,
      );
    },
    /** Waits until the grid shows exactly these card ids (in order) and nothing is loading. */
    async waitForCards(ids, timeout = 20_000) {
      await browser.waitFor(
        `const busy = document.querySelector('[aria-busy="true"]');
         if (busy) return false;
         const shown = [...document.querySelectorAll('article[data-spacecraft-id]')]
           .filter((el) => el.getClientRects().length > 0 && !el.closest('#shell'))
           .map((el) => Number(el.dataset.spacecraftId));
         return JSON.stringify(shown) === JSON.stringify(arguments[0]);`,
        { timeout, args: [ids], message: `the cards ${JSON.stringify(ids)}` },
      ).catch(async (error) => {
        error.message += ` (cards shown: ${JSON.stringify(await app.shownCardIds())})`;
        throw error;
      });
    },
    /** The value of every named control of the search form, by name. */
    formValues() {
      return browser.exec(
        `const form = document.querySelector('form[role=search]');
         if (!form) return null;
         const out = {};
         for (const el of form.querySelectorAll('[name]')) out[el.name] = el.value;
         return out;`,
      );
    },
    /** Forgets what the browser stored for the app (a first-time visitor), if on the app. */
    async forgetStorage() {
      await browser.exec(
        `try { sessionStorage.clear(); localStorage.clear(); } catch (error) { /* not on the app */ }`,
      ).catch(() => {});
    },
    /** The header's quota meter as a person reads it ("3 / 15 requests used"), or null. */
    quotaText() {
      return browser.exec(
        `const el = document.querySelector('.header-tools > [data-testid=quota]');
         return el && el.textContent.replace(/\\s+/g, ' ').trim();`,
      );
    },
    /** Waits until the header's quota meter reads like `pattern`. */
    waitForQuotaText(pattern, timeout = 20_000) {
      return browser.waitFor(
        `const el = document.querySelector('.header-tools > [data-testid=quota]');
         return el !== null && new RegExp(arguments[0]).test(el.textContent.replace(/\\s+/g, ' ').trim());`,
        { timeout, args: [pattern.source], message: `the header's quota meter to match ${pattern}` },
      ).catch(async (error) => {
        error.message += ` (meter: ${JSON.stringify(await app.quotaText())})`;
        throw error;
      });
    },
    /** Browser console messages at SEVERE level seen so far (kept across calls). */
    async consoleErrors() {
      app.console.push(...await browser.consoleErrors());
      return [...app.console];
    },
    console: [],
    async close() {
      await browser.quit();
      driver.stop();
      await site.close();
      await standin.close();
    },
  };
  return app;
}

/**
 * One app for a whole test file (or `describe` block): opened before the first test and closed
 * after the last; before each test the visitor is new (nothing stored) and the stand-in's log
 * and rules are empty; after each, browser console errors are collected. `onOpen(app)` hands
 * the app to the file.
 */
export function shareApp(options, onOpen) {
  let app;
  before(async () => {
    app = await openApp(options);
    onOpen(app);
  });
  after(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    await app.forgetStorage();
    app.standin.reset();
  });
  afterEach(async () => {
    await app.consoleErrors();
  });
}

/** Waits until an element matching `css` is in the page (as a user waits to see it). */
function present(browser, css) {
  return browser.waitFor(`return document.querySelector(arguments[0]) !== null`, {
    args: [css], timeout: 10_000, message: `an element ${css}`,
  });
}

/** Focuses an element, once it is there, and types into it like a user (WebDriver Send Keys). */
export async function typeInto(browser, css, text) {
  await present(browser, css);
  const element = await browser.find(css);
  await browser.type(element, text);
  return element;
}

/** Clicks the first element matching `css`, once it is there (as a user waits to see it). */
export async function clickOn(browser, css) {
  await present(browser, css);
  const element = await browser.find(css);
  await browser.click(element);
  return element;
}

/** Opens the header's settings panel and waits for its form (built on first opening). */
export async function openSettings(browser) {
  await clickOn(browser, 'details.settings > summary');
  await present(browser, 'form[data-testid=settings]');
}

/** Key codes for `browser.keys`. */
export const KEY = { ENTER: '\uE007', ESCAPE: '\uE00C', TAB: '\uE004' };

/** Sets a <select> by value the way a user does (change event and all). */
export async function choose(browser, selectCss, value) {
  await browser.exec(
    `const select = document.querySelector(arguments[0]);
     if (!select) throw new Error('no select ' + arguments[0]);
     select.focus();
     select.value = arguments[1];
     if (select.value !== arguments[1]) throw new Error('no option ' + arguments[1]);
     select.dispatchEvent(new Event('input', { bubbles: true }));
     select.dispatchEvent(new Event('change', { bubbles: true }));`,
    selectCss,
    value,
  );
}
