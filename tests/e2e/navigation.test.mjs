// Moving around: paging with real links, Back/Forward restoring whole views, opening pages in
// new tabs, the detail page and the way back to the exact grid, not-found pages, and the same
// app deployed under a sub-path (/explorer/).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { choose, clickOn, shareApp, until } from './support/harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUB_DIST = resolve(ROOT, process.env.E2E_DIST_SUB || 'target/e2e-dist-sub');

const paramsOf = (query) => Object.fromEntries(new URLSearchParams(query));

/** What a view looks like: address bar, cards, count, current page and form. */
async function viewOf(app) {
  return {
    search: await app.search(),
    cards: await app.shownCardIds(),
    count: await app.browser.exec(
      `const el = document.querySelector('[data-testid=result-count]'); return el && el.textContent.trim();`,
    ),
    page: await app.browser.exec(
      `const el = document.querySelector('nav.pager a.pager-page[aria-current=page]'); return el && el.textContent.trim();`,
    ),
    form: await app.formValues(),
  };
}

/** Pager links as { rel, text, href, current }. */
function pagerLinks(browser) {
  return browser.exec(
    `return [...document.querySelectorAll('nav.pager a')].map((a) => ({
       rel: a.getAttribute('rel'), cls: a.className, text: a.textContent.trim(), href: a.getAttribute('href'),
       current: a.getAttribute('aria-current'), target: a.getAttribute('target'), tag: a.tagName }));`,
  );
}

function rangeText(offset, shown, count) {
  return `${offset + 1}–${offset + shown} of ${count} spacecraft`;
}

describe('at the site root', () => {
  let app;
  let browser;

  shareApp({ width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });

  /** Waits for a grid view and checks it against the stand-in. */
  async function expectView(query, { page } = {}) {
    await app.waitForSearch(query);
    const ids = app.expectedIds(query);
    await app.waitForCards(ids);
    const view = await viewOf(app);
    const { count } = app.expectedList(query).json;
    const offset = Number(paramsOf(query).offset ?? 0);
    assert.equal(view.count, rangeText(offset, ids.length, count), `count for "${query}"`);
    if (page !== undefined) assert.equal(view.page, String(page), `current page for "${query}"`);
    return view;
  }

  test('paging forward twice, then Back and Forward restore each view', async () => {
    await app.open('/?ordering=-flights_count');
    const first = await expectView('ordering=-flights_count', { page: 1 });
    assert.equal(await browser.exec(`return document.querySelector('nav.pager a[rel=prev]') === null;`), true,
      'no previous link on the first page');

    await clickOn(browser, 'nav.pager a[rel=next]');
    const second = await expectView('ordering=-flights_count&offset=10', { page: 2 });
    await clickOn(browser, 'nav.pager a[rel=next]');
    const third = await expectView('ordering=-flights_count&offset=20', { page: 3 });
    assert.notDeepEqual(second.cards, first.cards);
    assert.notDeepEqual(third.cards, second.cards);
    for (const view of [first, second, third]) assert.equal(view.form.ordering, '-flights_count');

    await browser.back();
    assert.deepEqual(await expectView('ordering=-flights_count&offset=10', { page: 2 }), second);
    await browser.back();
    assert.deepEqual(await expectView('ordering=-flights_count', { page: 1 }), first);
    await browser.forward();
    assert.deepEqual(await expectView('ordering=-flights_count&offset=10', { page: 2 }), second);
    await browser.forward();
    assert.deepEqual(await expectView('ordering=-flights_count&offset=20', { page: 3 }), third);

    // Every request the paging made asked for exactly the view in the address bar.
    const allowed = new Set(['ordering=-flights_count', 'ordering=-flights_count&offset=10',
      'ordering=-flights_count&offset=20']);
    for (const request of app.listRequests()) assert.ok(allowed.has(request.query), request.query);
  });

  test('every pager link is a real app URL for its page', async () => {
    await app.open('/?in_space=false&ordering=id&limit=20&offset=20');
    const links = await pagerLinks(browser);
    assert.ok(links.length >= 4, JSON.stringify(links));
    for (const link of links) {
      assert.equal(link.tag, 'A');
      assert.match(link.href, /^\/(\?[^#]*)?$/, `a plain app URL: ${link.href}`);
      const query = new URL(link.href, 'http://x').search.slice(1);
      const params = paramsOf(query);
      assert.deepEqual({ ...params, offset: undefined },
        { in_space: 'false', ordering: 'id', limit: '20', offset: undefined }, `filters kept in ${link.href}`);
      if (link.cls.includes('pager-page')) {
        const expectedOffset = (Number(link.text) - 1) * 20;
        assert.equal(Number(params.offset ?? 0), expectedOffset, `page ${link.text} → ${link.href}`);
        if (expectedOffset === 0) assert.equal(params.offset, undefined, 'page 1 has no offset=0');
      }
    }
    assert.equal(links.find((l) => l.rel === 'prev').href, '/?in_space=false&ordering=id&limit=20');
    assert.equal(links.find((l) => l.rel === 'next').href, '/?in_space=false&ordering=id&limit=20&offset=40');
  });

  test('page numbers show where you are and jump to any page', async () => {
    await app.open('/');
    let links = await pagerLinks(browser);
    const pages = links.filter((l) => l.cls.includes('pager-page'));
    assert.deepEqual(pages.map((l) => l.text), ['1', '2', '3', '7'], 'first, neighbours and last');
    assert.deepEqual(pages.filter((l) => l.current === 'page').map((l) => l.text), ['1']);

    await clickOn(browser, 'nav.pager a.pager-page[href="/?offset=60"]');
    await expectView('offset=60', { page: 7 });
    assert.equal((await app.shownCardIds()).length, 6);
    links = await pagerLinks(browser);
    assert.equal(links.find((l) => l.rel === 'next'), undefined, 'no next link on the last page');
    assert.equal(links.find((l) => l.rel === 'prev').href, '/?offset=50');
    assert.deepEqual(links.filter((l) => l.current === 'page').map((l) => l.text), ['7']);

    await clickOn(browser, 'nav.pager a.pager-page[href="/"]');
    await expectView('', { page: 1 });

    await app.open('/?limit=100');
    await expectView('limit=100');
    assert.equal((await app.shownCardIds()).length, 66);
    assert.equal(await browser.exec(`return document.querySelector('nav.pager') === null;`), true,
      'no pager when everything fits on one page');
  });

  test('the next link opens its page in a new tab on middle-click and when opened directly', async () => {
    await app.open('/?search=o');
    const next = (await pagerLinks(browser)).find((l) => l.rel === 'next');
    assert.ok(next, 'there is a next page');
    assert.equal(next.tag, 'A');
    assert.equal(next.href, '/?search=o&offset=10');

    // Middle-click: the browser opens the href in a new tab; this tab stays where it is.
    const original = await browser.cmd('GET', '/window');
    const element = await browser.find('nav.pager a[rel=next]');
    await browser.cmd('POST', '/actions', {
      actions: [{
        type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', origin: { 'element-6066-11e4-a52e-4f735466cecf': element }, x: 0, y: 0 },
          { type: 'pointerDown', button: 1 }, { type: 'pointerUp', button: 1 },
        ],
      }],
    });
    try {
      let handles = [];
      await until(async () => {
        handles = await browser.cmd('GET', '/window/handles');
        return handles.length >= 2;
      }, { timeout: 15_000, message: 'a second tab' }).catch(() => {});
      assert.equal(handles.length, 2, 'middle-click opened a new tab');
      assert.equal(await app.search(), 'search=o', 'the current tab did not navigate');
      const tab = handles.find((handle) => handle !== original);
      await browser.cmd('POST', '/window', { handle: tab });
      await app.waitForSearch('search=o&offset=10');
      await app.settled();
      await app.waitForCards(app.expectedIds('search=o&offset=10'));
      await browser.cmd('DELETE', '/window');
    } finally {
      await browser.cmd('POST', '/window', { handle: original });
    }

    // Opened directly (as a new tab would), the href shows that page.
    await app.forgetStorage();
    await app.open(next.href);
    await expectView('search=o&offset=10', { page: 2 });
  });

  test('opening a card and coming back with the back link restores the exact grid', async () => {
    const grid = 'search=dragon&ordering=-flights_count&limit=5&offset=5';
    await app.open(`/?${grid}`);
    const before = await viewOf(app);
    const [firstId] = before.cards;
    const craft = app.standin.dataset.spacecraft.find((s) => s.id === firstId);
    await clickOn(browser, `article[data-spacecraft-id="${firstId}"] h2 a`);
    await browser.waitFor(`return document.querySelector('[data-testid=detail]') !== null;`,
      { message: 'the detail page' });
    await app.settled();
    assert.equal(await app.path(), `/spacecraft/${firstId}`);
    const detail = await browser.exec(
      `const d = document.querySelector('[data-testid=detail]');
       return { id: d.dataset.spacecraftId, name: d.querySelector('h1').textContent.trim(),
                back: document.querySelector('a[data-testid=back-to-grid]').getAttribute('href') };`,
    );
    assert.equal(detail.id, String(firstId));
    assert.equal(detail.name, craft.name);
    assert.equal(await browser.title(), `${detail.name} — Spacecraft Explorer`);
    assert.equal(detail.back, `/?${grid}`, 'the back link names the grid we came from');

    await clickOn(browser, 'a[data-testid=back-to-grid]');
    await app.waitForSearch(grid);
    assert.equal(new URL(await browser.url()).pathname, '/');
    await app.waitForCards(before.cards);
    assert.deepEqual(await viewOf(app), before);
  });

  test('browser Back from a detail page restores the grid', async () => {
    const grid = 'status=4&ordering=id&offset=10';
    await app.open(`/?${grid}`);
    const before = await viewOf(app);
    const id = before.cards[2];
    const gridTitle = await browser.title();
    assert.match(gridTitle, /page 2/, 'the grid title says which page');
    await clickOn(browser, `article[data-spacecraft-id="${id}"] h2 a`);
    await browser.waitFor(`return document.querySelector('[data-testid=detail]') !== null;`,
      { message: 'the detail page' });
    await browser.back();
    await app.waitForSearch(grid);
    await app.waitForCards(before.cards);
    assert.deepEqual(await viewOf(app), before);
    await browser.waitFor(`return document.title === arguments[0];`,
      { args: [gridTitle], message: 'the grid title back' });
    await browser.forward();
    await browser.waitFor(
      `const d = document.querySelector('[data-testid=detail]'); return d && d.dataset.spacecraftId === arguments[0];`,
      { args: [String(id)], message: `the detail page of ${id} again` },
    );
  });

  test('a detail page shows everything about the spacecraft, including its flights', async () => {
    await app.open('/spacecraft/3');
    await browser.waitFor(`return document.querySelector('[data-testid=detail]') !== null;`,
      { message: 'the detail page' });
    const detail = await browser.exec(
      `const d = document.querySelector('[data-testid=detail]');
       const img = d.querySelector('img');
       return { name: d.querySelector('h1').textContent.trim(), text: d.textContent,
                rows: d.querySelectorAll('[data-testid=flights] tbody tr').length,
                img: img && { alt: img.getAttribute('alt'), src: img.getAttribute('src') },
                back: document.querySelector('a[data-testid=back-to-grid]').getAttribute('href') };`,
    );
    assert.equal(detail.name, 'Discovery');
    assert.equal(detail.rows, 3, 'one row per flight (the stand-in has 3 for Discovery)');
    assert.match(detail.text, /Space Shuttle/, 'the configuration');
    assert.match(detail.text, /364d 22h 39m/, 'time in space for people');
    assert.doesNotMatch(detail.text, /\bP\d+DT/, 'no raw durations');
    assert.equal(detail.img.alt, 'Discovery');
    assert.match(detail.img.src, /^https?:\/\//);
    assert.equal(detail.back, '/', 'a detail page opened directly leads back to the plain grid');
    assert.equal(await browser.title(), 'Discovery — Spacecraft Explorer');
    const detailRequests = app.standin.requests().filter((r) => r.path.replace(/\/+$/, '').endsWith('/spacecraft/3'));
    assert.equal(detailRequests.length, 1);
  });

  test('detail pages show long descriptions in full and non-Latin names in the title', async () => {
    await app.open('/spacecraft/904');
    await browser.waitFor(`return document.querySelector('[data-testid=detail]') !== null;`,
      { message: 'the detail page of 904' });
    assert.match(await browser.exec(`return document.querySelector('[data-testid=detail]').textContent;`),
      /\[END OF DESCRIPTION\]/, 'the whole 3000-character description');
    await app.open('/spacecraft/905');
    await browser.waitFor(`return document.querySelector('[data-testid=detail] h1') !== null;`,
      { message: 'the detail page of 905' });
    assert.equal(await browser.title(), '神舟十二号 — Spacecraft Explorer');
    await app.open('/spacecraft/907');
    await browser.waitFor(`return document.querySelector('[data-testid=detail] h1') !== null;`,
      { message: 'the detail page of 907' });
    assert.equal(await browser.exec(`return document.querySelector('[data-testid=detail] h1').textContent;`),
      'Test a b%25&c+# craft');
  });

  test('a spacecraft with no data at all still gets a readable detail page', async () => {
    await app.open('/spacecraft/900');
    await browser.waitFor(`return document.querySelector('[data-testid=detail]') !== null;`,
      { message: 'the detail page of 900' });
    const text = await browser.exec(`return document.querySelector('[data-testid=detail]').textContent;`);
    assert.match(text, /Nullable Test Craft/);
    assert.doesNotMatch(text, /\b(null|undefined|NaN)\b/);
    assert.equal(await browser.exec(`return document.querySelectorAll('[data-testid=flights] tbody tr').length;`), 0);
    await browser.waitFor(
      `const img = document.querySelector('[data-testid=detail] img'); return img && img.complete && img.naturalWidth > 0;`,
      { message: 'the placeholder image of 900' },
    );
  });

  test('an unknown spacecraft id shows not found', async () => {
    await app.open('/spacecraft/999999');
    await browser.waitFor(`return document.querySelector('[data-testid=not-found]') !== null;`,
      { message: 'the not-found notice' });
    assert.equal(await browser.exec(`return document.querySelector('[data-testid=detail]') === null;`), true);
    assert.equal(await browser.exec(`return document.querySelector('[data-testid=error]') === null;`), true,
      'a missing spacecraft is not an error');
    const asked = app.standin.requests().filter((r) => r.path.includes('/spacecraft/999999'));
    assert.equal(asked.length, 1);
    assert.equal(asked[0].status, 404);
    assert.match(await browser.title(), /Not found/);
  });

  test('a non-numeric spacecraft id shows not found without asking the API', async () => {
    for (const path of ['/spacecraft/abc', '/spacecraft/0', '/spacecraft/-3', '/spacecraft/1e3']) {
      await app.open(path);
      await browser.waitFor(`return document.querySelector('[data-testid=not-found]') !== null;`,
        { message: `not found at ${path}` });
    }
    const detailRequests = app.standin.requests().filter((r) => /\/spacecraft\/[^/]+\/?$/.test(r.path));
    assert.deepEqual(detailRequests.map((r) => r.path), []);
  });

  test('an unknown app path shows not found with a way back', async () => {
    for (const path of ['/nope', '/spacecraft', '/spacecraft/5/extra', '/explorer/']) {
      await app.open(path);
      await browser.waitFor(`return document.querySelector('[data-testid=not-found]') !== null;`,
        { message: `not found at ${path}` });
      assert.equal(await browser.exec(`return document.querySelector('[data-testid=grid]') === null;`), true);
    }
    await clickOn(browser, '[data-testid=not-found] a');
    await app.waitForSearch('');
    assert.equal(new URL(await browser.url()).pathname, '/');
    await app.waitForCards(app.expectedIds(''));
  });

  test('no panics in the browser console', async () => {
    const errors = await app.consoleErrors();
    assert.deepEqual(errors.filter((message) => /panicked|unreachable|RuntimeError/i.test(message)), []);
  });
});

describe('deployed under /explorer/', () => {
  let app;
  let browser;

  // openApp fails with the build command when the sub-path build is missing.
  shareApp({ prefix: '/explorer/', dist: SUB_DIST, width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });

  const pathname = async () => new URL(await browser.url()).pathname;

  test('the grid loads at /explorer/ and its links stay under it', async () => {
    await app.open('/');
    assert.equal(await pathname(), '/explorer/');
    await app.waitForCards(app.expectedIds(''));
    const links = await browser.exec(
      `return [...document.querySelectorAll('article[data-spacecraft-id]')].map((card) =>
         [card.dataset.spacecraftId, card.querySelector('h2 a').getAttribute('href')]);`,
    );
    for (const [id, href] of links) assert.equal(href, `/explorer/spacecraft/${id}`);
    assert.equal(await browser.exec(`return document.querySelector('a.brand').getAttribute('href');`), '/explorer/');
    const failed = await browser.exec(
      `return [...document.querySelectorAll('link[rel=stylesheet]')].filter((l) => !l.sheet).map((l) => l.href);`,
    );
    assert.deepEqual(failed, [], 'every stylesheet loaded');
  });

  test('the placeholder image is found under /explorer/', async () => {
    await app.open('/?search=Missing+Image');
    await app.waitForCards([902]);
    await browser.waitFor(
      `const img = document.querySelector('[data-spacecraft-id="902"] img');
       return img && new URL(img.src).pathname === '/explorer/public/placeholder.svg' && img.complete && img.naturalWidth > 0;`,
      { message: 'the placeholder under /explorer/' },
    );
  });

  test('a deep link to /explorer/spacecraft/95 works', async () => {
    await app.open('/spacecraft/95');
    assert.equal(await pathname(), '/explorer/spacecraft/95');
    await browser.waitFor(`return document.querySelector('[data-testid=detail] h1') !== null;`,
      { message: 'the detail page of 95' });
    assert.equal(await browser.exec(`return document.querySelector('[data-testid=detail] h1').textContent.trim();`),
      'Apollo CSM-118');
    assert.equal(await browser.exec(`return document.querySelector('a[data-testid=back-to-grid]').getAttribute('href');`),
      '/explorer/');
    await clickOn(browser, 'a[data-testid=back-to-grid]');
    await browser.waitFor(`return location.pathname === '/explorer/' && location.search === '';`,
      { message: 'back at /explorer/' });
    await app.waitForCards(app.expectedIds(''));
  });

  test('paging, filtering and opening a card stay under /explorer/', async () => {
    await app.open('/');
    assert.equal(await browser.exec(`return document.querySelector('nav.pager a[rel=next]').getAttribute('href');`),
      '/explorer/?offset=10');
    await clickOn(browser, 'nav.pager a[rel=next]');
    await app.waitForSearch('offset=10');
    assert.equal(await pathname(), '/explorer/');
    await app.waitForCards(app.expectedIds('offset=10'));

    await choose(browser, 'select[name=ordering]', 'id');
    await app.waitForSearch('ordering=id');
    assert.equal(await pathname(), '/explorer/');
    await app.waitForCards(app.expectedIds('ordering=id'));

    const [id] = await app.shownCardIds();
    await clickOn(browser, `article[data-spacecraft-id="${id}"] h2 a`);
    await browser.waitFor(`return document.querySelector('[data-testid=detail]') !== null;`,
      { message: 'the detail page' });
    assert.equal(await pathname(), `/explorer/spacecraft/${id}`);
    await browser.back();
    await app.waitForSearch('ordering=id');
    assert.equal(await pathname(), '/explorer/');
    await app.waitForCards(app.expectedIds('ordering=id'));
  });

  test('bad values are cleaned in place under /explorer/', async () => {
    await app.open('/?limit=abc&ordering=DROP&search=x&foo=1');
    await app.waitForSearch('search=x');
    assert.equal(await pathname(), '/explorer/');
  });
});
