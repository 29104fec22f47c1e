// Review 2 (issue 17), item 6: odd addresses of a page are cleaned in the address bar in place
// (no history entry), as the grid already cleans its query: `/spacecraft/0095`,
// `/spacecraft/+95` and `//spacecraft//95/` are `/spacecraft/95`; `/index.html` is the grid
// (also under a sub-path); an offset too large to keep asks for what it says, past the end,
// instead of quietly becoming the first page. Each view still costs exactly one request.
import { before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shareApp } from './support/harness.mjs';
import { freshVisitor, onEveryNewDocument, pinQuota } from './support/sessions.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUB_DIST = resolve(ROOT, process.env.E2E_DIST_SUB || 'target/e2e-dist-sub');

/** How many history entries the tab had when the document started, before the app ran. */
const REMEMBER_HISTORY = 'window.__historyAtStart = history.length;';

/** Spacecraft API requests the stand-in received, as their paths and queries. */
const spacecraftRequests = (app) => app.standin.requests()
  .filter((request) => /\/spacecraft\//.test(request.path))
  .map((request) => `${request.path}${request.query ? `?${request.query}` : ''}`);

describe('at the site root', () => {
  let app;
  let browser;

  shareApp({ width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });

  before(() => onEveryNewDocument(browser, REMEMBER_HISTORY));

  beforeEach(async () => {
    await freshVisitor(app);
    pinQuota(app.standin, { current_use: 3 });
  });

  /** Waits until the address bar, relative to the app, reads `path`. */
  async function waitForPath(path) {
    await browser.waitFor(`return location.pathname + location.search === arguments[0];`, {
      args: [path], message: `the address bar to read ${path}`,
    }).catch(async (error) => {
      error.message += ` (address bar: ${await browser.url()})`;
      throw error;
    });
  }

  const addedHistory = () => browser.exec('return history.length - window.__historyAtStart;');

  for (const odd of ['/spacecraft/0095', '/spacecraft/+95', '//spacecraft//95/']) {
    test(`a link to ${odd} opens spacecraft 95 and the address bar says /spacecraft/95`, async () => {
      await app.open(odd);
      await browser.waitFor(
        `const d = document.querySelector('[data-testid=detail]'); return d && d.dataset.spacecraftId === '95';`,
        { message: 'the page of spacecraft 95' },
      );
      await waitForPath('/spacecraft/95');
      assert.equal(await addedHistory(), 0, 'cleaned in place: no history entry');
      const requests = spacecraftRequests(app);
      assert.deepEqual(requests.filter((path) => /\/spacecraft\/[^/?]+\/?$/.test(path)).length, 1,
        `one request for the record: ${JSON.stringify(requests)}`);
      assert.ok(requests.every((path) => !/0095|\+95|%2B95/i.test(path)), JSON.stringify(requests));
    });
  }

  test('/index.html shows the grid, keeps its query and reads / in the address bar', async () => {
    await app.open('/index.html?limit=5&ordering=id');
    await app.waitForCards(app.expectedIds('limit=5&ordering=id'));
    await waitForPath('/?ordering=id&limit=5');
    assert.equal(await addedHistory(), 0, 'cleaned in place: no history entry');
    assert.equal(await browser.exec(`return document.querySelector('[data-testid=not-found]');`), null);
    assert.deepEqual(app.listRequests().map((request) => request.query), ['ordering=id&limit=5'],
      'one request for the view');
  });

  test('an offset too large to keep asks for rows past the end, and the address bar says so', async () => {
    await app.open('/?ordering=id&offset=99999999999');
    await waitForPath('/?ordering=id&offset=4294967295');
    await browser.waitFor(`return document.querySelector('[data-testid=result-count]') !== null;`,
      { message: 'the result count' });
    assert.match(
      await browser.exec(`return document.querySelector('[data-testid=result-count]').textContent.trim();`),
      /^0 of /, 'past the end of the results, not the first page',
    );
    assert.deepEqual(app.listRequests().map((request) => request.query), ['ordering=id&offset=4294967295'],
      'the request and the address bar agree, in one request');
    assert.equal(await addedHistory(), 0, 'cleaned in place: no history entry');
  });
});

describe('deployed under /explorer/', () => {
  let app;
  let browser;

  shareApp({ prefix: '/explorer/', dist: SUB_DIST, width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });

  test('/explorer/index.html shows the grid and reads /explorer/ in the address bar', async () => {
    await freshVisitor(app);
    pinQuota(app.standin, { current_use: 3 });
    await app.open('/index.html?limit=5');
    await app.waitForCards(app.expectedIds('limit=5'));
    await browser.waitFor(`return location.pathname + location.search === '/explorer/?limit=5';`, {
      message: 'the address bar to read /explorer/?limit=5',
    }).catch(async (error) => {
      error.message += ` (address bar: ${await browser.url()})`;
      throw error;
    });
    assert.deepEqual(app.listRequests().map((request) => request.query), ['limit=5'], 'one request for the view');
  });
});
