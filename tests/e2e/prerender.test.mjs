// The release build renders `/` with the app's own components from one answer of the API it
// names (.ci/prerender.mjs, src/bin/prerender.rs): a first visit sees the real first page of
// cards before the wasm has arrived, as a working page (plain links, a GET form), only where it
// is true (the base path, no query, the API it was drawn from), and the app then takes its place
// without a shift and with the one API request of any first view.
//
// This file makes that build itself, exactly as a deployer would, against a stand-in it starts:
//   LL2_API_BASE=http://127.0.0.1:PORT/2.3.0 trunk build --release --offline --dist …
// (E2E_PRERENDER_DIST names a build already made that way against a stand-in on E2E_STANDIN_PORT,
// to rerun the checks without building.)
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from './support/harness.mjs';
import { startStandin } from '../ll2-standin/server.mjs';
import { freshVisitor, ofKind, spending, urlOf } from './support/sessions.mjs';
import { prerenderHome } from '../../.ci/prerender.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = resolve(ROOT, process.env.E2E_PRERENDER_DIST || 'target/e2e-dist-prerender');
const cdp = (browser, cmd, params = {}) => browser.cmd('POST', '/goog/cdp/execute', { cmd, params });

/** The cards of index.html's first paint a visitor can see, in page order. */
const SHELL_CARDS = `return [...document.querySelectorAll('#shell article[data-spacecraft-id]')]
  .filter((el) => el.getClientRects().length > 0).map((el) => Number(el.dataset.spacecraftId));`;

describe('the build renders / with the app\'s components', () => {
  let standin;
  let app;
  let browser;
  let buildLog = '';

  before(async () => {
    standin = await startStandin({ port: Number(process.env.E2E_STANDIN_PORT || 0) });
    if (!process.env.E2E_PRERENDER_DIST) {
      // Not spawnSync: the stand-in answering the build runs in this very process.
      const build = spawn('trunk', ['build', '--release', '--offline', '--dist', DIST], {
        cwd: ROOT, env: { ...process.env, LL2_API_BASE: standin.base },
      });
      build.stdout.on('data', (chunk) => { buildLog += chunk; });
      build.stderr.on('data', (chunk) => { buildLog += chunk; });
      const status = await new Promise((done) => build.on('close', done));
      assert.equal(status, 0, `the build failed:\n${buildLog.slice(-3000)}`);
    }
    app = await openApp({ dist: DIST, standin });
    browser = app.browser;
  });
  after(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    await cdp(browser, 'Network.enable');
    await cdp(browser, 'Network.setBlockedURLs', { urls: [] });
    await freshVisitor(app);
  });

  test('dist/index.html holds the stand-in\'s first page: its cards in order, the count and the pager', async () => {
    if (buildLog) assert.match(buildLog, /prerender: \/ drawn from http:\/\/127\.0\.0\.1:\d+\/2\.3\.0\/spacecraft\//);
    const html = await readFile(join(DIST, 'index.html'), 'utf8');
    const template = html.match(/<template data-prerendered data-url="([^"]+)" data-at="(\d+)">([\s\S]*?)<\/template>/);
    assert.ok(template, 'the page carries the rendering of /');
    assert.equal(template[1], `${standin.base}/spacecraft/`, 'drawn from the grid\'s first request');
    const expected = app.expectedList('');
    const ids = [...template[3].matchAll(/<article data-spacecraft-id="(\d+)" class="card"/g)].map((m) => Number(m[1]));
    assert.deepEqual(ids, expected.json.results.map((craft) => craft.id));
    const count = expected.json.count.toLocaleString('en-US');
    assert.match(template[3], new RegExp(`data-testid="result-count"[^>]*>1–10 of ${count} spacecraft<`));
    assert.match(template[3], /<nav aria-label="Pages" class="pager">/);
    assert.match(template[3], /<nav aria-label="Quick views" class="quick-views">/);
    assert.match(template[3], /<form role="search"[^>]*action="\/" method="get" class="filters">/);
    for (const name of ['search', 'ordering', 'status', 'spacecraft_config', 'in_space', 'is_placeholder', 'limit', 'mode']) {
      assert.match(template[3], new RegExp(`name="${name}"`), `the form has the API's field ${name}`);
    }
  });

  test('with the wasm blocked, / shows the real first page, and a card link opens that spacecraft', async () => {
    await cdp(browser, 'Network.setBlockedURLs', { urls: ['*.wasm'] });
    await browser.goto(app.url('/'));
    const expected = app.expectedIds('');
    assert.deepEqual(await browser.exec(SHELL_CARDS), expected);
    assert.equal(await browser.exec('return document.querySelector("#shell").matches("[inert], [aria-hidden]");'), false, 'a page to use, not a picture');
    // Nothing said yet, so no status box shows (its text is empty in the app's own page too;
    // the announcer's 1 px box is visually hidden).
    const statuses = await browser.exec(`return [...document.querySelectorAll('#shell [role=status]')]
      .filter((el) => el.textContent.trim() === '' && el.getBoundingClientRect().width > 1).map((el) => el.className);`);
    assert.deepEqual(statuses, [], 'an empty status is not drawn');
    await app.shot('prerender-no-wasm-desktop');
    await browser.setSize(375, 812);
    await app.shot('prerender-no-wasm-mobile');
    // The narrow screen folds the fields away: its Filters button unfolds them without the app.
    const folded = 'return getComputedStyle(document.querySelector("#shell #filter-fields")).display === "none";';
    assert.equal(await browser.exec(folded), true);
    await browser.click(await browser.find('#shell .filters-toggle'));
    assert.equal(await browser.exec(folded), false);
    assert.equal(await browser.exec('return document.querySelector("#shell .filters-toggle").getAttribute("aria-expanded");'), 'true');
    await browser.setSize(1280, 900);
    await browser.exec('document.querySelector("#shell article[data-spacecraft-id] a.card-link").click();');
    await browser.waitFor(`return location.pathname === '/spacecraft/' + arguments[0];`, {
      args: [expected[0]], message: 'the spacecraft\'s page',
    });
    // Not the grid's rendering there: the loading grid.
    assert.deepEqual(await browser.exec(SHELL_CARDS), []);
  });

  test('with the wasm blocked, searching lands on the URL the app would make', async () => {
    await cdp(browser, 'Network.setBlockedURLs', { urls: ['*.wasm'] });
    await browser.goto(app.url('/'));
    const input = await browser.find('#shell input[name=search]');
    await browser.type(input, 'Dragon\uE007');
    await app.waitForSearch('search=Dragon');
    assert.equal(new URL(await browser.url()).pathname, '/');
    // A query: the loading grid, not the unfiltered cards.
    assert.deepEqual(await browser.exec(SHELL_CARDS), []);
    await browser.goto(app.url('/'));
    await browser.exec(`const s = document.querySelector('#shell select[name=ordering]');
      s.value = '-flights_count'; s.dispatchEvent(new Event('change', { bubbles: true }));`);
    await app.waitForSearch('ordering=-flights_count');
  });

  test('only where it is true: a query, another page or another API shows the loading grid', async () => {
    await cdp(browser, 'Network.setBlockedURLs', { urls: ['*.wasm'] });
    for (const path of ['/?search=x', '/?view=chart', '/spacecraft/95', '/configurations']) {
      await browser.goto(app.url(path));
      assert.deepEqual(await browser.exec(SHELL_CARDS), [], path);
      assert.equal(await browser.exec('return document.querySelector("#shell .card-skeleton") !== null;'), true, `${path}: the loading grid`);
    }
    // The visitor chose LL2's production host: the app will not show these cards.
    await browser.goto(app.url('/'));
    await browser.exec(`localStorage.setItem('spacecraft-explorer.settings', '{"host":"production","api_key":""}');`);
    await browser.goto(app.url('/'));
    assert.deepEqual(await browser.exec(SHELL_CARDS), []);
  });

  test('the app takes its place: its own cards, no layout shift, one API request', async () => {
    await browser.goto(app.url('/'));
    const expected = app.expectedIds('');
    await app.waitForCards(expected);
    await browser.waitFor('return document.getElementById("shell") === null;', { message: 'the first paint to make way' });
    await app.quiet();
    const spent = spending(app.standin.requests());
    assert.deepEqual(ofKind(spent, 'list').map(urlOf), ['/2.3.0/spacecraft/']);
    const shift = await browser.exec(`return new Promise((done) => new PerformanceObserver((list) => done(
      list.getEntries().filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0))).observe({ type: 'layout-shift', buffered: true })
      || setTimeout(() => done(0), 500));`);
    assert.equal(shift, 0, 'cumulative layout shift');
    await app.shot('prerender-taken-over-desktop');
  });

  test('a kept rendering of a newer answer is preferred, and stays inert as before', async () => {
    await browser.goto(app.url('/'));
    await app.waitForCards(app.expectedIds(''));
    // Leaving the page keeps the app's rendering, stamped with its answer (newer than the build).
    await browser.goto(app.url('/__blank__.txt'));
    await cdp(browser, 'Network.setBlockedURLs', { urls: ['*.wasm'] });
    await browser.goto(app.url('/'));
    assert.deepEqual(await browser.exec(SHELL_CARDS), app.expectedIds(''));
    assert.equal(await browser.exec('return document.querySelector("#shell").matches("[inert]:not([data-prerendered])");'), true,
      'the kept rendering, not the build\'s');
  });

  test('under a sub-path the rendering links within it', async () => {
    const html = await readFile(join(ROOT, 'index.html'), 'utf8');
    const lines = [];
    const out = await prerenderHome(html.replace(/(name="ll2-api-base" content=")[^"]*/, `$1${standin.base}`).replace('<base data-trunk-public-url />', '<base href="/explorer/" />'),
      { publicUrl: '/explorer/', log: (line) => lines.push(line) });
    const page = out.match(/<template data-prerendered[^>]*>([\s\S]*?)<\/template>/)?.[1];
    assert.ok(page, lines.join('\n'));
    const hrefs = [...page.matchAll(/ (?:href|action)="([^"]*)"/g)].map((m) => m[1]).filter((href) => !/^(https?:|#)/.test(href));
    assert.ok(hrefs.length > 20);
    assert.deepEqual(hrefs.filter((href) => !href.startsWith('/explorer/')), []);
  });

  test('API text is escaped into the rendering, never read as markup', async () => {
    const answer = app.expectedList('').json;
    const hostile = '<img src=x onerror="window.__ran=1">&amp;"\'</template><script>window.__ran=1</script>';
    answer.results[0] = { ...answer.results[0], name: hostile, description: hostile };
    const html = (await readFile(join(ROOT, 'index.html'), 'utf8')).replace(/(name="ll2-api-base" content=")[^"]*/, `$1${standin.base}`);
    const out = await prerenderHome(html, { fetchImpl: async () => ({ ok: true, text: async () => JSON.stringify(answer) }), log: () => {} });
    const page = out.match(/<template data-prerendered[^>]*>([\s\S]*?)<\/template>/)[1];
    assert.ok(!/<script|<img src=x|<\/template/i.test(page), 'nothing of it is markup');
    assert.match(page, /class="card-link">&lt;img src=x onerror="window.__ran=1"&gt;&amp;amp;"'&lt;\/template&gt;&lt;script&gt;/);
    assert.match(page, /alt="&lt;img src=x onerror=&quot;window.__ran=1&quot;&gt;/);
  });

  test('an API the build cannot reach leaves the loading grid, said in one line', async () => {
    const html = await readFile(join(ROOT, 'index.html'), 'utf8');
    const unreachable = html.replace(/(name="ll2-api-base" content=")[^"]*/, '$1http://127.0.0.1:9/2.3.0');
    const lines = [];
    const out = await prerenderHome(unreachable, { log: (line) => lines.push(line) });
    assert.equal(out, unreachable);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^prerender: http:\/\/127\.0\.0\.1:9\/2\.3\.0\/spacecraft\/ could not be reached \(.+\): \/ keeps its loading grid$/);
    // An answer that is not a page of spacecraft: the same, said as such.
    lines.length = 0;
    const odd = async () => ({ ok: true, text: async () => '{"count": 1, "results": "nope"}' });
    assert.equal(await prerenderHome(unreachable, { fetchImpl: odd, log: (line) => lines.push(line) }), unreachable);
    assert.deepEqual(lines, ['prerender: http://127.0.0.1:9/2.3.0/spacecraft/: the API\'s answer is not a page of spacecraft: / keeps its loading grid']);
  });
});
