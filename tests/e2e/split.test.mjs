// The split release build (issue 23, .ci/split-wasm.mjs, src/ui/chunk.rs): the first view of
// `/` fetches only its own module; the detail page, compare, configurations and the chart are
// chunks fetched at idle once it is drawn, so a click later waits for no code. A chunk that
// cannot be fetched is a message with Retry on its page, never a dead app, and a deploy never
// pairs an open tab's code with the new build's chunks.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, openApp, until } from './support/harness.mjs';
import { CHUNK, firstViewFiles, laterChunks } from './support/bundle.mjs';
import { freshVisitor, onEveryNewDocument } from './support/sessions.mjs';
import { startStaticServer } from './support/static-server.mjs';
import { startStandin } from '../ll2-standin/server.mjs';
import { Session, startChromedriver } from './support/webdriver.mjs';
import { writeServiceWorker } from '../../.ci/service-worker.mjs';
import { allowInlineScripts } from '../../.ci/site-config.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUB_DIST = resolve(ROOT, process.env.E2E_DIST_SUB || 'target/e2e-dist-sub');
const cdp = (browser, cmd, params = {}) => browser.cmd('POST', '/goog/cdp/execute', { cmd, params });
const BLOCK_CHUNKS = ['*/split_*.wasm', '*/chunk_*.wasm'];

// When the app's own first card is in its main (not index.html's first paint).
const WATCH_FIRST_CARD = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('main#main [data-spacecraft-id]')) {
      window.__firstCardAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;

const openFirstCard = (browser) =>
  browser.exec('document.querySelector("main#main [data-spacecraft-id] a[href*=\'/spacecraft/\']").click();');

/** The wasm the page fetched: file name, and when its request started and ended. */
const WASM_FETCHED = `return performance.getEntriesByType('resource').filter((e) => /\\.wasm$/.test(e.name))
  .map((e) => ({ file: e.name.slice(e.name.lastIndexOf('/') + 1), start: e.startTime, end: e.responseEnd }));`;

describe('the split build', () => {
  let app;
  let browser;
  let stopWatching;

  before(async () => {
    app = await openApp();
    browser = app.browser;
    stopWatching = await onEveryNewDocument(browser, WATCH_FIRST_CARD);
  });
  after(async () => {
    await stopWatching?.();
    await app?.close();
  });
  beforeEach(async () => {
    await cdp(browser, 'Network.enable');
    await cdp(browser, 'Network.setBypassServiceWorker', { bypass: true });
    await cdp(browser, 'Network.setBlockedURLs', { urls: [] });
    await freshVisitor(app);
  });

  test('with every chunk blocked, the grid still loads, filters and pages', async () => {
    await cdp(browser, 'Network.setBlockedURLs', { urls: BLOCK_CHUNKS });
    await app.open('/');
    assert.ok((await app.cardIds()).length > 0, 'cards on screen');
    await app.open('/?search=a&offset=10');
    const expected = app.expectedList({ search: 'a', offset: '10' });
    assert.deepEqual(await app.cardIds(), expected.json.results.map((craft) => craft.id));
    assert.equal(await browser.exec('return document.querySelector("[data-testid=chunk-failed]");'), null);
  });

  test('the first view fetches its own module only; the chunks come after it is drawn; a later page fetches no code', async () => {
    await app.open('/');
    const firstCardAt = await browser.exec('return window.__firstCardAt ?? null;');
    assert.ok(firstCardAt, 'the app drew its own cards');
    const chunks = await laterChunks(DIST);
    assert.ok(chunks.some((file) => file.startsWith('split_detail-')), `a detail chunk in ${chunks}`);
    // All of them, at idle after the first view.
    await browser.waitFor(`const got = new Set(performance.getEntriesByType('resource').map((e) => e.name.slice(e.name.lastIndexOf('/') + 1)));
      return arguments[0].every((file) => got.has(file));`, { args: [chunks], message: 'every chunk fetched at idle' });
    const fetched = await browser.exec(WASM_FETCHED);
    const before = fetched.filter((entry) => entry.start < firstCardAt).map((entry) => entry.file);
    const mainModule = (await firstViewFiles(DIST)).filter((file) => file.endsWith('.wasm'));
    assert.deepEqual(before, mainModule, 'before the first card: the main module only');
    for (const entry of fetched.filter((e) => CHUNK.test(e.file))) {
      assert.ok(entry.start > firstCardAt, `${entry.file} requested after the first card (${entry.start} > ${firstCardAt})`);
    }
    // Opening a spacecraft, then the chart, in the app, asks for no more code.
    await openFirstCard(browser);
    await browser.waitFor('return document.querySelector("article[data-testid=detail]") !== null;', { message: 'the detail page' });
    await app.settled();
    await browser.exec('history.back();');
    await browser.waitFor('return document.querySelector("a[href*=\'view=chart\']") !== null;', { message: 'the grid again' });
    await browser.exec('document.querySelector("a[href*=\'view=chart\']").click();');
    await browser.waitFor('return document.querySelector("[data-testid=chart]") !== null;', { message: 'the chart' });
    assert.deepEqual((await browser.exec(WASM_FETCHED)).map((entry) => entry.file), fetched.map((entry) => entry.file),
      'no code fetched for the detail page or the chart');
  });

  test('a page opened first asks for its data while its code comes: its chunk blocked, the requests are made; Retry makes no more', async () => {
    const ids = app.expectedList('').json.results.slice(0, 2).map((craft) => craft.id);
    const pages = [
      { chunk: 'split_compare', path: `/compare?ids=${ids.join(',')}`, asks: (path) => ids.some((id) => path.endsWith(`/spacecraft/${id}/`)),
        requests: ids.length, drawn: 'table[data-testid=compare] th[data-compare-id]' },
      { chunk: 'split_configurations', path: '/configurations', asks: (path) => path.endsWith('/spacecraft_configurations/'),
        requests: 1, drawn: '.configurations-page .card-grid' }, // at least: a page of them
      // The record by the inline prefetch; the logbook is the page's own, once it is drawn.
      { chunk: 'split_detail', path: `/spacecraft/${ids[0]}`, asks: (path) => path.endsWith(`/spacecraft/${ids[0]}/`),
        requests: 1, drawn: 'article[data-testid=detail]' },
    ];
    for (const page of pages) {
      await freshVisitor(app);
      await cdp(browser, 'Network.setBlockedURLs', { urls: [`*/${page.chunk}-*.wasm`] });
      await browser.goto(app.url(page.path));
      await browser.waitFor('return document.querySelector("[data-testid=chunk-failed]") !== null;', { message: `${page.path}: its chunk failed` });
      const asked = () => app.standin.requests().filter((request) => page.asks(request.path)).length;
      await until(() => asked() >= page.requests, { message: `${page.path}: its data asked for without its code` });
      // All of it (the configurations come in pages, one after the other).
      await app.quiet();
      const before = asked();
      await cdp(browser, 'Network.setBlockedURLs', { urls: [] });
      await browser.exec('document.querySelector("[data-testid=chunk-failed] button").click();');
      await browser.waitFor(`return document.querySelector(arguments[0]) !== null;`, { args: [page.drawn], message: `${page.path} drawn after Retry` });
      await app.settled();
      await app.quiet();
      assert.equal(asked(), before, `${page.path}: the page used the answers already asked for`);
    }
  });

  test('a chunk that cannot be fetched: its page says so with Retry, the app keeps working, Retry loads it', async () => {
    await cdp(browser, 'Network.setBlockedURLs', { urls: ['*/split_detail-*.wasm'] });
    const id = app.expectedList('').json.results[0].id;
    await browser.goto(app.url(`/spacecraft/${id}`));
    await browser.waitFor('return document.querySelector("[data-testid=chunk-failed]") !== null;', { message: 'the chunk failure' });
    const notice = await browser.exec('return document.querySelector("[data-testid=chunk-failed]").textContent;');
    assert.match(notice, /could not be loaded/);
    assert.match(notice, /Retry/);
    await app.shot('split-chunk-failed');
    // The rest of the app is alive: the header's link to the grid works.
    await browser.exec('document.querySelector(".site-nav a[href]").click();');
    await browser.waitFor('return document.querySelectorAll("main#main [data-spacecraft-id]").length > 0;', { message: 'the grid after the failure' });
    await browser.exec('history.back();');
    await browser.waitFor('return document.querySelector("[data-testid=chunk-failed]") !== null;', { message: 'the failure again' });
    await cdp(browser, 'Network.setBlockedURLs', { urls: [] });
    await browser.exec('[...document.querySelectorAll("[data-testid=chunk-failed] button")].find((b) => /Retry/.test(b.textContent)).click();');
    await browser.waitFor('return document.querySelector("article[data-testid=detail]") !== null;', { message: 'the detail page after Retry' });
    await app.settled();
    assert.equal(await browser.exec('return document.querySelector("[data-testid=chunk-failed]");'), null);
  });
});

test('the split set is named by one hash, and the page, the glue, the loader and the worker agree', async () => {
  const files = await readdir(DIST);
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const glue = files.find((file) => /^spacecraft-explorer-[0-9a-f]{16}\.js$/.test(file));
  assert.ok(glue, `a hashed glue in ${files}`);
  const tag = glue.match(/-([0-9a-f]{16})\.js$/)[1];
  const loader = `__wasm_split-${tag}.js`;
  const chunks = await laterChunks(DIST);
  assert.ok(chunks.length >= 4, `the pages' chunks: ${chunks}`);
  for (const file of [loader, `spacecraft-explorer-${tag}_bg.wasm`, ...chunks]) {
    assert.ok(files.includes(file), `${file} is in the build`);
    assert.ok(file.includes(tag), `${file} carries the set's hash`);
  }
  assert.equal(files.filter((file) => /^spacecraft-explorer-.*\.(js|wasm)$/.test(file)).length, 2, 'one glue and one main module');
  const glueSource = await readFile(join(DIST, glue), 'utf8');
  assert.match(glueSource, new RegExp(`from\\s*"\\./__wasm_split-${tag}\\.js"`), 'the glue imports its own loader');
  const loaderSource = await readFile(join(DIST, loader), 'utf8');
  assert.match(loaderSource, new RegExp(`from\\s*"\\./spacecraft-explorer-${tag}\\.js"`), 'the loader imports its own glue');
  for (const chunk of chunks) assert.ok(loaderSource.includes(`"./${chunk}"`), `the loader fetches ${chunk}`);
  const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  for (const file of [glue, loader, `spacecraft-explorer-${tag}_bg.wasm`]) {
    const link = html.match(new RegExp(`<link\\b[^>]*href="?/${file.replace(/\./g, '\\.')}"?[^>]*>`))?.[0];
    assert.ok(link, `index.html preloads ${file}`);
    assert.ok(link.includes(sri(await readFile(join(DIST, file)))), `${file}'s preload has its integrity`);
  }
  const worker = await readFile(join(DIST, 'sw.js'), 'utf8');
  for (const file of [glue, loader, ...chunks]) assert.ok(worker.includes(file), `the worker keeps ${file}`);
});

test('under a sub-path, a deep link loads its chunk from there', async () => {
  const app = await openApp({ dist: SUB_DIST, prefix: '/explorer/' });
  try {
    const id = app.expectedList('').json.results[0].id;
    await app.open(`/spacecraft/${id}`);
    assert.ok(await app.browser.exec('return document.querySelector("article[data-testid=detail]") !== null;'), 'the detail page');
    const fetched = await app.browser.exec(WASM_FETCHED.replace('e.name.slice(e.name.lastIndexOf(\'/\') + 1)', 'new URL(e.name).pathname'));
    assert.ok(fetched.some((entry) => /^\/explorer\/split_detail-[0-9a-f]{16}\.wasm$/.test(entry.file)), JSON.stringify(fetched));
  } finally {
    await app.close();
  }
});

/**
 * A copy of `dist` as the next deploy of a changed build would be: every file of the split set
 * renamed to a new hash (as any change to the code renames them), references and integrity
 * patched, the worker rewritten.
 */
async function nextBuild(dist) {
  const dir = await mkdtemp(join(tmpdir(), 'split-deploy-'));
  await cp(dist, dir, { recursive: true });
  const files = await readdir(dir);
  const tag = files.find((file) => /^spacecraft-explorer-[0-9a-f]{16}\.js$/.test(file)).match(/-([0-9a-f]{16})\./)[1];
  const next = [...tag].reverse().join('') === tag ? 'f'.repeat(16) : [...tag].reverse().join('');
  for (const file of files) {
    if (/\.(br|gz)$/.test(file)) await rm(join(dir, file));
    else if (file.includes(tag)) {
      const bytes = await readFile(join(dir, file));
      const body = file.endsWith('.js') ? Buffer.from(bytes.toString('utf8').replaceAll(tag, next)) : bytes;
      await rm(join(dir, file));
      await writeFile(join(dir, file.replace(tag, next)), body);
    }
  }
  let html = (await readFile(join(dir, 'index.html'), 'utf8')).replaceAll(tag, next);
  const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  for (const [link, href] of html.matchAll(/<link\b[^>]*\bhref="?\/([^"\s>]+)"?[^>]*\bintegrity=[^>]*>/g)) {
    html = html.replace(link, link.replace(/\bintegrity="?[^"\s>]+"?/, `integrity="${sri(await readFile(join(dir, href)))}"`));
  }
  // Trunk's start-up script names the glue: its hash in the policy changes with it.
  await writeFile(join(dir, 'index.html'), allowInlineScripts(html));
  await writeServiceWorker(dir, { release: true });
  return { dir, tag, next };
}

describe('a deploy over an open tab', () => {
  let standin;
  let site;
  let port;
  let driver;
  let browser;
  let deploy;

  before(async () => {
    standin = await startStandin();
    site = await startStaticServer({ dist: DIST, apiBase: standin.base });
    port = Number(new URL(site.origin).port);
    driver = await startChromedriver();
    browser = await Session.create(driver.url, { width: 1280, height: 900 });
    deploy = await nextBuild(DIST);
  });
  after(async () => {
    await browser?.quit();
    driver?.stop();
    await site?.close();
    await standin?.close();
    if (deploy) await rm(deploy.dir, { recursive: true, force: true });
  });

  /** Serves `dist` at the same address: a deploy, or back to the build under test. */
  const serve = async (dist) => {
    await site.close();
    site = await startStaticServer({ dist, apiBase: standin.base, port });
  };
  const redeployed = () => serve(deploy.dir);
  const restore = () => serve(DIST);
  const openGrid = async () => {
    await browser.goto(site.url('/'));
    await browser.waitFor('return document.querySelectorAll("main#main [data-spacecraft-id]").length > 0;', { message: 'the grid' });
  };

  test('a tab whose chunks were not fetched yet asks for its own, never the new build\'s: a message with Retry, not a broken page', async () => {
    await cdp(browser, 'Network.enable');
    await cdp(browser, 'Network.setBypassServiceWorker', { bypass: true });
    await cdp(browser, 'Network.setBlockedURLs', { urls: BLOCK_CHUNKS });
    await openGrid();
    await redeployed();
    await cdp(browser, 'Network.setBlockedURLs', { urls: [] });
    await openFirstCard(browser);
    await browser.waitFor('return document.querySelector("[data-testid=chunk-failed]") !== null;', { message: 'the chunk failure' });
    const asked = site.requests().filter((path) => /\.wasm$/.test(path));
    assert.ok(asked.length > 0 && asked.every((path) => path.includes(deploy.tag)), `the old tab asked for its own chunks only: ${asked}`);
    assert.match(await browser.exec('return document.querySelector("[data-testid=chunk-failed]").textContent;'), /reload the page/);
    // A reload is the new build, whole.
    await openGrid();
    await openFirstCard(browser);
    await browser.waitFor('return document.querySelector("article[data-testid=detail]") !== null;', { message: 'the new build\'s detail page' });
    assert.ok(site.requests().some((path) => path.includes(deploy.next)), 'the new build\'s files after the reload');
    await restore();
  });

  test('a tab the service worker controls keeps its chunks through the deploy', async () => {
    await cdp(browser, 'Network.setBypassServiceWorker', { bypass: false });
    await cdp(browser, 'Network.setBlockedURLs', { urls: [] });
    await browser.goto(site.url('/__blank__.txt'));
    await browser.exec('localStorage.clear(); sessionStorage.clear();');
    await openGrid();
    // The worker has kept every file of the build, chunks included, and controls the next load.
    await browser.waitFor('return navigator.serviceWorker.ready.then(() => true);', { message: 'the worker ready' });
    await browser.goto(site.url('/'));
    await browser.waitFor('return navigator.serviceWorker.controller !== null;', { message: 'a controlled page' });
    await cdp(browser, 'Network.setBlockedURLs', { urls: BLOCK_CHUNKS });
    await openGrid();
    await redeployed();
    await cdp(browser, 'Network.setBlockedURLs', { urls: [] });
    await openFirstCard(browser);
    await browser.waitFor('return document.querySelector("article[data-testid=detail]") !== null;', { message: 'the detail page from the kept chunks' });
    assert.deepEqual(site.requests().filter((path) => /\.(wasm|js)$/.test(path)), [], 'no code from the new build');
    assert.equal(await browser.exec('return document.querySelector("[data-testid=chunk-failed]");'), null);
  });
});
