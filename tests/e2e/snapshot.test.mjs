// A repeat visit paints the page as the app last showed it (issue #11: a second visit should not
// wait): when the visitor leaves a grid view, the app's own rendering of it is kept beside the
// stored answer it shows (src/prefetch.js), and when that answer is still fresh and the build is
// the same, index.html shows it, inert, in place of the loading grid until the app starts and
// takes over with the same cards. Nothing in a kept rendering can run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shareApp } from './support/harness.mjs';
import { eachTestAFreshVisitor, onEveryNewDocument, pinQuota } from './support/sessions.mjs';

let app;
let browser;

shareApp({ width: 1280, height: 900 }, (opened) => {
  app = opened;
  browser = opened.browser;
});

eachTestAFreshVisitor(() => app);

const MINUTE = 60_000;
const QUERY = 'ordering=-flights_count&limit=20';
const apiListUrl = (query) => `${app.standin.base}/spacecraft/?${query}`;

/** What index.html shows of `path` before the app has started: the wasm is held back. */
async function beforeTheApp(path) {
  const release = await onEveryNewDocument(browser, `
    // The app never starts: instantiating its wasm never finishes.
    WebAssembly.instantiateStreaming = WebAssembly.instantiate = () => new Promise(() => {});`);
  try {
    await browser.goto(app.url(path));
    // index.html's own script puts the kept rendering in while the page is parsed.
    await browser.waitFor(`return document.readyState === 'complete';`, { timeout: 10_000, message: 'the page to load' });
    return await browser.exec(`
      const shell = document.getElementById('shell');
      return shell && {
        ids: [...shell.querySelectorAll('[data-spacecraft-id]')].map((el) => Number(el.dataset.spacecraftId)),
        count: shell.querySelector('[data-testid=result-count]')?.textContent.replace(/\\s+/g, ' ').trim() ?? null,
        skeletons: shell.querySelectorAll('.card-skeleton').length,
        inert: shell.inert && shell.getAttribute('aria-hidden') === 'true',
        ran: window.__ran ?? null,
      };`);
  } finally {
    await release();
  }
}

/** Leaves the page (which keeps its rendering), for a blank page of the same site. */
function leave() {
  return browser.goto(app.url('/__blank__.txt'));
}

/** The kept rendering of `path` as stored: `{ key, stamp, version, html }`, or null. */
function keptView(path) {
  return browser.exec(`
    // Kept per API URL and page: "ll2-cache:view:<api url> <path><search>".
    const page = ' ' + new URL(arguments[0], location.href).pathname + new URL(arguments[0], location.href).search;
    const key = Object.keys(localStorage).find((k) => k.startsWith('ll2-cache:view:') && k.endsWith(page));
    if (key === undefined) return null;
    const text = localStorage.getItem(key);
    const [stamp, version] = text.split('\\n', 2);
    return { key, stamp, version, html: text.slice(stamp.length + version.length + 2) };`, app.url(path));
}

test('a repeat visit shows the cards the app last showed before the app has started', async () => {
  await app.open(`/?${QUERY}`);
  await app.waitForCards(app.expectedIds(QUERY));
  const count = await browser.exec(`return document.querySelector('main#main [data-testid=result-count]').textContent.replace(/\\s+/g, ' ').trim();`);
  const shown = await beforeTheApp(`/?${QUERY}`);
  assert.deepEqual(shown.ids, app.expectedIds(QUERY), 'the same cards, in the same order');
  assert.equal(shown.count, count, 'the same result count');
  assert.equal(shown.skeletons, 0, 'no loading grid');
  assert.equal(shown.inert, true, 'inert and hidden from assistive technology until the app is there');
});

test('then the app takes over with the same cards, asking nothing and shifting nothing', async () => {
  await app.open(`/?${QUERY}`);
  await app.waitForCards(app.expectedIds(QUERY));
  app.standin.reset();
  pinQuota(app.standin, { current_use: 3 });
  const stop = await onEveryNewDocument(browser, `
    window.__shift = 0;
    window.__shifts = [];
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => {
      window.__shift += entry.value;
      window.__shifts.push(entry.sources.map((s) => [s.node && (s.node.id || s.node.className || s.node.nodeName),
        s.previousRect.y, s.currentRect.y, s.previousRect.height, s.currentRect.height].join(' ')).join(', '));
    }))
      .observe({ type: 'layout-shift', buffered: true });`);
  try {
    await app.open(`/?${QUERY}`);
    await app.waitForCards(app.expectedIds(QUERY));
    await browser.waitFor(`return document.getElementById('shell') === null;`, { timeout: 10_000, message: 'the kept rendering to make way' })
      .catch(() => {});
    // No request and no shift come late: absences, watched for a while.
    await app.quiet();
    assert.equal(await browser.exec(`return document.getElementById('shell');`), null, 'the kept rendering made way');
    assert.equal(await browser.exec(`return document.querySelectorAll('[data-spacecraft-id]').length;`), 20, 'no card twice');
    assert.deepEqual(app.listRequests(), [], 'the stored answer was used');
    assert.equal(await browser.exec('return window.__shift;'), 0,
      `no layout shift (${JSON.stringify(await browser.exec('return window.__shifts;'))})`);
  } finally {
    await stop();
  }
});

test('a stale answer, an answer kept after the rendering or another build shows the loading grid', async () => {
  await app.open(`/?${QUERY}`);
  await app.waitForCards(app.expectedIds(QUERY));
  await leave();
  const kept = await keptView(`/?${QUERY}`);
  assert.ok(kept, 'the view was kept');
  const answerKey = `ll2-cache:${apiListUrl(QUERY)}`;
  const answer = await browser.exec('return localStorage.getItem(arguments[0]);', answerKey);
  assert.equal(answer.split('\n', 1)[0], kept.stamp, 'kept with the stamp of the answer it shows');
  const rewrite = (answerStamp, keptStamp, version) => browser.exec(`
    localStorage.setItem(arguments[0], arguments[1] + arguments[2].slice(arguments[2].indexOf('\\n')));
    localStorage.setItem(arguments[3], arguments[4] + '\\n' + arguments[5] + '\\n' + arguments[6]);`,
  answerKey, answerStamp, answer, kept.key, keptStamp, version, kept.html);

  // Both 11 minutes old: the answer is stale, the app will ask again.
  const old = String(Date.now() - 11 * MINUTE);
  await rewrite(old, old, kept.version);
  let shown = await beforeTheApp(`/?${QUERY}`);
  assert.deepEqual(shown.ids, [], 'a stale answer: no kept cards');
  assert.ok(shown.skeletons > 0, 'the loading grid');

  // A fresher answer than the rendering: the rendering is not what the app will show.
  await rewrite(String(Date.now()), String(Date.now() - MINUTE), kept.version);
  shown = await beforeTheApp(`/?${QUERY}`);
  assert.deepEqual(shown.ids, [], 'a rendering of an older answer: not shown');

  // Another build's rendering.
  const now = String(Date.now());
  await rewrite(now, now, '/spacecraft-explorer-0000000000000000.js');
  shown = await beforeTheApp(`/?${QUERY}`);
  assert.deepEqual(shown.ids, [], "another build's rendering: not shown");

  // The same, as kept: shown.
  await rewrite(now, now, kept.version);
  shown = await beforeTheApp(`/?${QUERY}`);
  assert.deepEqual(shown.ids, app.expectedIds(QUERY));
});

test('the chart is not kept: its bars are sized through the CSSOM, which markup cannot carry', async () => {
  await app.open(`/?${QUERY}&view=chart`);
  await browser.waitFor(`return document.querySelectorAll('[data-bar-id]').length === 20;`, { message: 'the chart' });
  await leave();
  assert.equal(await keptView(`/?${QUERY}&view=chart`), null);
});

test('a view left before it has settled is not kept, nor is a spacecraft page', async () => {
  app.standin.failNext({ path: 'spacecraft/', delay_ms: 4000 });
  await browser.goto(app.url(`/?${QUERY}`));
  await browser.waitFor(`return document.querySelector('main#main [aria-busy="true"]') !== null;`, { message: 'the view loading' });
  await leave();
  assert.equal(await keptView(`/?${QUERY}`), null, 'left while loading: nothing kept');
  const id = app.expectedIds(QUERY)[0];
  await app.open(`/spacecraft/${id}`);
  await leave();
  assert.equal(await keptView(`/spacecraft/${id}`), null, 'a spacecraft page: nothing kept');
});

test('nothing in a kept rendering runs', async () => {
  await app.open(`/?${QUERY}`);
  await app.waitForCards(app.expectedIds(QUERY));
  await leave();
  const kept = await keptView(`/?${QUERY}`);
  await browser.exec(
    `localStorage.setItem(arguments[0], arguments[1] + '\\n' + arguments[2] + '\\n' + arguments[3]);`,
    kept.key, kept.stamp, kept.version,
    `${kept.html}<img src="x:" onerror="window.__ran = 'onerror'"><script>window.__ran = 'script'</script>` +
      `<svg><animate onbegin="window.__ran = 'svg'" attributeName="x" dur="1s"/></svg>`,
  );
  const shown = await beforeTheApp(`/?${QUERY}`);
  // Markup the app never draws: the loading grid instead (review2-kept-view.test.mjs).
  assert.deepEqual(shown.ids, [], 'the tampered rendering is not shown');
  await app.quiet(); // nothing runs, however long one waits: an absence, watched for a while
  assert.equal(await browser.exec('return window.__ran ?? null;'), null, 'no script or handler ran');
});
