// One place that sets up what every end-to-end test needs: the LL2 stand-in, the built app on a
// static server pointed at it, and a headless Chromium session over WebDriver.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../../ll2-standin/server.mjs';
import { startStaticServer } from './static-server.mjs';
import { Session, startChromedriver } from './webdriver.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The release build under test (`.ci/test` builds it once before the suite). */
export const DIST = resolve(root, process.env.E2E_DIST || 'target/e2e-dist');
/** Where the suite leaves screenshots for people to look at. */
export const SHOTS = resolve(root, process.env.E2E_SHOTS || 'target/screenshots');

export async function openApp({ prefix = '/', width = 1280, height = 900, dist = DIST } = {}) {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`no build at ${dist}: run .ci/test (or trunk build --release --offline --dist ${dist})`);
  }
  const standin = await startStandin();
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
    /** Opens an app path (e.g. `/?search=x`) and waits for the app to settle. */
    async open(path = '/') {
      await browser.goto(site.url(path));
      await app.settled();
    },
    /** Waits until the app has mounted and nothing is loading. */
    settled(timeout = 20_000) {
      return browser.waitFor(
        `const busy = document.querySelector('[aria-busy="true"]');
         return document.querySelector('main') !== null && busy === null;`,
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
    async close() {
      await browser.quit();
      driver.stop();
      await site.close();
      await standin.close();
    },
  };
  return app;
}

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
