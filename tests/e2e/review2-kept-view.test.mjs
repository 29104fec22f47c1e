// The kept rendering of a grid view (src/prefetch.js keeps it, index.html paints it on a repeat
// visit, see snapshot.test.mjs) is read back from localStorage, which anything able to write this
// origin's storage can fill. The page's policy stops scripts, not markup, so what is painted must
// be what the app itself would have drawn: cards, filters, pager, nothing else. Anything else and
// the visitor sees the loading grid. The rendering is kept per API host too, carries none of the
// tab's own state, and stays inside the 4 MB storage bound.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { shareApp } from './support/harness.mjs';
import { eachTestAFreshVisitor, onEveryNewDocument } from './support/sessions.mjs';

const SUB_DIST = resolve(process.env.E2E_DIST_SUB || 'target/e2e-dist-sub');

let app;
let browser;

/** The tests of a `describe` block share one app, served as `options` say. */
function openedAs(options) {
  shareApp({ width: 1280, height: 900, ...options }, (opened) => {
    app = opened;
    browser = opened.browser;
  });
  eachTestAFreshVisitor(() => app);
}

const QUERY = 'ordering=-flights_count&limit=20';
const DEV_LIST = `https://lldev.thespacedevs.com/2.3.0/spacecraft/?${QUERY}`;
const SETTINGS = 'spacecraft-explorer.settings';
const BOUND = 4_000_000;

/** Markup that something with access to the origin's storage could plant, and how. */
const HOSTILE = {
  'a meta refresh': (html) => `<meta http-equiv="refresh" content="0;url=/__blank__.txt?refreshed">${html}`,
  'a same-origin iframe': (html) => `${html}<iframe src="/__blank__.txt"></iframe>`,
  'a form asking for a password': (html) =>
    `<form action="/" method="get"><label>Password</label><input type="password" name="password"></form>${html}`,
  'a base element': (html) => `<base href="https://evil.example/">${html}`,
  'a stylesheet link': (html) => `<link rel="stylesheet" href="/evil.css">${html}`,
  'a style element': (html) => `<style>.card { display: none }</style>${html}`,
  'an image from a tracking URL': (html) => `${html}<img src="https://tracker.example/pixel.gif" alt="">`,
  'a card image swapped for a tracking URL': (html) => html.replace(/(<img[^>]*? src=")[^"]*/, '$1https://tracker.example/pixel.gif'),
  'an onclick attribute': (html) => html.replace('<article ', '<article onclick="window.__ran = 1" '),
  'a style attribute': (html) => html.replace('<article ', '<article style="display: none" '),
  'a formaction attribute': (html) => html.replace('<button ', '<button formaction="https://evil.example/" '),
  'a javascript: link': (html) => html.replace(/href="[^"]*\/spacecraft\/\d+"/, 'href="javascript:window.__ran=1"'),
  'a link to another site': (html) => html.replace(/href="[^"]*\/spacecraft\/\d+"/, 'href="https://evil.example/login"'),
  'a pressed compare toggle': (html) => html.replace('aria-pressed="false"', 'aria-pressed="true"'),
  'an empty rendering': () => '',
  'cards without the result count': (html) => html.replace(/<p class="result-count"[^]*?<\/p>/, ''),
};

/** What index.html paints of `path` before the app has started (its wasm never instantiates). */
async function beforeTheApp(path) {
  const release = await onEveryNewDocument(browser, `
    WebAssembly.instantiateStreaming = WebAssembly.instantiate = () => new Promise(() => {});`);
  try {
    await browser.goto(app.url(path));
    // The inline scripts run while the page is parsed: once it is, the first paint is decided.
    await browser.waitFor(`return document.readyState !== 'loading';`, { message: 'the page parsed' });
    return await browser.exec(`
      const shell = document.getElementById('shell');
      return {
        at: location.pathname + location.search,
        ids: shell ? [...shell.querySelectorAll('[data-spacecraft-id]')].map((el) => Number(el.dataset.spacecraftId)) : null,
        skeletons: shell ? shell.querySelectorAll('.card-skeleton').length : 0,
        planted: [...document.querySelectorAll('meta[http-equiv=refresh], iframe, input[type=password], base[href*=evil], ' +
          'link[href$="evil.css"], body style, img[src*=tracker], [onclick], #shell [style], [formaction], a[href^=javascript], a[href*=evil]')]
          .map((el) => el.outerHTML.slice(0, 80)),
      };`);
  } finally {
    await release();
  }
}

/** Leaves the page (which keeps its rendering), for a blank page of the same site. */
function leave() {
  return browser.goto(app.url('/__blank__.txt'));
}

/** The kept rendering of `path`: `{ key, stamp, version, html }`, or null. */
function keptView(path) {
  return browser.exec(`
    const page = new URL(arguments[0], location.href);
    const key = Object.keys(localStorage).find((k) => k.startsWith('ll2-cache:view:') && k.endsWith(page.pathname + page.search));
    if (key === undefined) return null;
    const text = localStorage.getItem(key);
    const [stamp, version] = text.split('\\n', 2);
    return { key, stamp, version, html: text.slice(stamp.length + version.length + 2) };`, app.url(path));
}

/** Replaces the kept rendering's markup, keeping its stamp and build. */
function plant(kept, html) {
  return browser.exec('localStorage.setItem(arguments[0], arguments[1] + "\\n" + arguments[2] + "\\n" + arguments[3]);',
    kept.key, kept.stamp, kept.version, html);
}

/** Bytes of this app's entries in localStorage, counted as the bound counts them (UTF-8). */
function storedBytes() {
  return browser.exec(`
    return Object.keys(localStorage).filter((k) => k.startsWith('ll2-cache:'))
      .reduce((total, k) => total + new Blob([k, localStorage.getItem(k)]).size, 0);`);
}

/** A visit that shows the grid and leaves it: its rendering is kept. */
async function visitAndLeave(path = `/?${QUERY}`) {
  await app.open(path);
  await app.waitForCards(app.expectedIds(QUERY));
  await leave();
  const kept = await keptView(path);
  assert.ok(kept, 'the view was kept');
  return kept;
}

describe('a site at the root of its origin', () => {
  openedAs({});

  test('a repeat visit still paints the kept cards, which hold only what the app draws', async () => {
    await visitAndLeave();
    const shown = await beforeTheApp(`/?${QUERY}`);
    assert.deepEqual(shown.ids, app.expectedIds(QUERY));
    assert.deepEqual(shown.planted, []);
  });

  test('planted markup in a kept rendering never paints: the visitor sees the loading grid', async () => {
    const kept = await visitAndLeave();
    const painted = [];
    for (const [what, tamper] of Object.entries(HOSTILE)) {
      const html = tamper(kept.html);
      assert.notEqual(html, kept.html, `${what}: planted`);
      await plant(kept, html);
      const shown = await beforeTheApp(`/?${QUERY}`);
      // The page stays where it is, no kept card is painted but the loading grid, and nothing
      // planted is in the page.
      if (shown.at !== `/?${QUERY}` || shown.ids?.length !== 0 || shown.skeletons === 0 || shown.planted.length) {
        painted.push(`${what}: ${JSON.stringify(shown)}`);
      }
      // A meta refresh may have taken the tab elsewhere: back to the site for the next one.
      await leave();
    }
    assert.deepEqual(painted, []);
    // The untouched rendering, put back, paints again: it was the planted part that was refused.
    await plant(kept, kept.html);
    assert.deepEqual((await beforeTheApp(`/?${QUERY}`)).ids, app.expectedIds(QUERY));
  });

  test('cards kept for one API host are not painted for another host\'s answer', async () => {
    const kept = await visitAndLeave();
    // The visitor switches to LL2's development host, which has a fresh answer for the same view,
    // stored at the very moment as the one the kept cards show.
    const answer = await browser.exec('return localStorage.getItem(arguments[0]);', `ll2-cache:${app.standin.base}/spacecraft/?${QUERY}`);
    await browser.exec(`
      localStorage.setItem(arguments[0], JSON.stringify({ host: 'development', api_key: '' }));
      localStorage.setItem(arguments[1], arguments[2] + '\\n{"count":1,"next":null,"previous":null,"results":[]}');`,
    SETTINGS, `ll2-cache:${DEV_LIST}`, kept.stamp);
    assert.ok(answer.startsWith(`${kept.stamp}\n`), 'the same stamp on both answers');
    const shown = await beforeTheApp(`/?${QUERY}`);
    assert.deepEqual(shown.ids, [], 'the other host\'s cards are not painted');
    assert.ok(shown.skeletons > 0, 'the loading grid');
  });

  test('a tab whose settings another tab changed keeps nothing it cannot vouch for', async () => {
    await app.open(`/?${QUERY}`);
    await app.waitForCards(app.expectedIds(QUERY));
    await browser.exec(`window.__settingsChanged = false;
      addEventListener('storage', (e) => { if (e.key === arguments[0]) window.__settingsChanged = true; });`, SETTINGS);
    const first = await browser.cmd('GET', '/window');
    const stamp = String(Date.now());
    const { handle } = await browser.cmd('POST', '/window/new', { type: 'tab' });
    try {
      // The other tab: switched to the development host, whose answer for this view it has.
      await browser.cmd('POST', '/window', { handle });
      await browser.goto(app.url('/__blank__.txt'));
      await browser.exec(`
        localStorage.setItem(arguments[0], JSON.stringify({ host: 'development', api_key: '' }));
        localStorage.setItem(arguments[1], arguments[2] + '\\n{"count":1,"next":null,"previous":null,"results":[]}');`,
      SETTINGS, `ll2-cache:${DEV_LIST}`, stamp);
    } finally {
      await browser.cmd('DELETE', '/window');
      await browser.cmd('POST', '/window', { handle: first });
    }
    // This tab still shows the stand-in's cards, and hears of the change; then it is left.
    await browser.waitFor('return window.__settingsChanged;', { message: 'the other tab\'s change heard' });
    await leave();
    const stamps = await browser.exec(`return Object.keys(localStorage).filter((k) => k.startsWith('ll2-cache:view:'))
      .map((k) => localStorage.getItem(k).split('\\n', 1)[0]);`);
    assert.ok(!stamps.includes(stamp), 'this tab\'s cards are not stamped with the other host\'s answer');
    const shown = await beforeTheApp(`/?${QUERY}`);
    assert.deepEqual(shown.ids, [], 'the development host\'s visit paints no stand-in card');
  });

  test('a kept rendering carries none of the tab\'s own state: compare toggles, the filter panel, details', async () => {
    await app.open(`/?${QUERY}`);
    await app.waitForCards(app.expectedIds(QUERY));
    await browser.exec(`document.querySelector('[data-compare-toggle]').click(); document.querySelector('.filters-toggle').click();`);
    await browser.waitFor(`return document.querySelector('[data-compare-toggle][aria-pressed="true"]') &&
      document.querySelector('.filters-toggle[aria-expanded="true"]') && document.querySelector('.filter-fields.open');`,
    { message: 'a card in the compare tray and the filter panel open' });
    await leave();
    const kept = await keptView(`/?${QUERY}`);
    assert.ok(kept, 'the view was kept');
    const state = /aria-pressed="true"|aria-expanded="true"|class="[^"]*\bopen\b[^"]*"/;
    assert.equal(kept.html.match(state)?.[0] ?? null, null, 'no pressed toggle, no open panel');
    assert.match(kept.html, /aria-pressed="false"/, 'the toggles are there, unpressed');
    // Another tab (no card in its tray, filters closed) paints it.
    await browser.exec('sessionStorage.clear();');
    assert.deepEqual((await beforeTheApp(`/?${QUERY}`)).ids, app.expectedIds(QUERY));

    // A configuration's grid, with its details opened.
    const config = 36;
    await app.open(`/?spacecraft_config=${config}`);
    await browser.waitFor(`const more = document.querySelector('main#main details'); if (more) more.open = true; return more && more.open;`,
      { message: 'the configuration\'s details open' });
    await leave();
    const configView = await keptView(`/?spacecraft_config=${config}`);
    assert.ok(configView, 'kept');
    assert.equal(configView.html.match(/<details[^>]* open[^>]*>/)?.[0] ?? null, null, 'the details closed');
  });

  test('the kept rendering fits in the 4 MB bound, older renderings making room', async () => {
    await visitAndLeave();
    await app.open(`/?${QUERY}`);
    await app.waitForCards(app.expectedIds(QUERY));
    // Other answers fill the bound but for 30 KB beside this view's rendering (kept on the last
    // visit, replaced when it is kept again), and an older rendering of another view takes 100 KB.
    const filler = BOUND - (await storedBytes()) - 30_000;
    await browser.exec(`
      localStorage.setItem('ll2-cache:https://filler.example/', '1\\n' + 'x'.repeat(arguments[0] - 'll2-cache:https://filler.example/1\\n'.length));
      localStorage.setItem('ll2-cache:view:https://filler.example/ /?old', '1\\nbuild\\n' + 'y'.repeat(100000));`, filler);
    await leave();
    assert.ok(await storedBytes() <= BOUND, 'within the bound');
    const stored = await browser.exec(`return ['ll2-cache:https://filler.example/', 'll2-cache:view:https://filler.example/ /?old']
      .map((k) => localStorage.getItem(k) !== null);`);
    assert.deepEqual(stored, [true, false], 'the answer stayed, the older rendering made room');
    assert.ok(await keptView(`/?${QUERY}`), 'this view was kept');

    // No rendering left to make room: nothing is kept (nor the stale rendering of this view).
    await app.open(`/?${QUERY}`);
    await app.waitForCards(app.expectedIds(QUERY));
    await browser.exec(`localStorage.setItem('ll2-cache:https://filler.example/more', '1\\n' + 'z'.repeat(35000));`);
    await leave();
    assert.ok(await storedBytes() <= BOUND, 'still within the bound');
    assert.equal(await keptView(`/?${QUERY}`), null, 'no room: not kept');
  });
});

describe('a site under a sub-path', () => {
  openedAs({ prefix: '/explorer/', dist: SUB_DIST });

  test('the kept cards are painted, and a link out of the app\'s base is refused', async () => {
    const kept = await visitAndLeave(`/?${QUERY}`);
    assert.match(kept.html, /href="\/explorer\/spacecraft\/\d+"/, 'the app\'s links are under its base');
    assert.deepEqual((await beforeTheApp(`/?${QUERY}`)).ids, app.expectedIds(QUERY));
    await plant(kept, kept.html.replace(/href="\/explorer\/spacecraft\//, 'href="/spacecraft/'));
    const shown = await beforeTheApp(`/?${QUERY}`);
    assert.deepEqual(shown.ids, [], 'a link outside the base: not painted');
    assert.ok(shown.skeletons > 0, 'the loading grid');
  });
});
