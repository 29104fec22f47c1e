// Measures what a visitor pays, against the local LL2 stand-in, in headless Chromium:
//   1. cold load of `/?limit=20` (HTTP cache off and wiped, storage wiped) until all 20 cards are in the
//      DOM, for the app and for a static HTML page holding the same 20 cards (the physical
//      limit), median of N runs each, interleaved;
//   2. a filter change whose answer is cached, until 100 new cards are rendered (p50/p95);
//   3. the release bundle: wasm, js, css, html, raw / gzip / brotli.
// Numbers only: nothing here asserts on time. Usage: bash .ci/bench  (builds first), or
// node tests/bench/bench.mjs [dist] after a release build.
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startStandin } from '../ll2-standin/server.mjs';
import { startStaticServer } from '../e2e/support/static-server.mjs';
import { Session, startChromedriver } from '../e2e/support/webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const DIST = resolve(root, process.argv[2] || 'target/e2e-dist');
const WORK = resolve(root, 'target/bench');
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 9);
const CHANGES = Number(process.env.BENCH_CHANGES || 30);

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
}
const ms = (x) => `${x.toFixed(1)} ms`;

// Records, from the very start of every document, when 20 cards are in the DOM.
const CARD_WATCH = `(() => {
  const check = () => {
    if (window.__cardsAt === undefined && document.querySelectorAll('[data-spacecraft-id]').length >= 20) {
      window.__cardsAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

async function cdp(browser, cmd, params = {}) {
  return browser.cmd('POST', '/goog/cdp/execute', { cmd, params });
}

/**
 * One browser for all cold loads (a new browser per load mostly measures process start-up):
 * before each load the HTTP cache and the origin's storage are wiped and caching stays off.
 */
async function coldLoader(driverUrl) {
  const browser = await Session.create(driverUrl, { width: 1280, height: 900 });
  await cdp(browser, 'Network.enable');
  await cdp(browser, 'Network.setCacheDisabled', { cacheDisabled: true });
  await cdp(browser, 'Page.addScriptToEvaluateOnNewDocument', { source: CARD_WATCH });
  return {
    async load(url) {
      await browser.goto('about:blank');
      await cdp(browser, 'Network.clearBrowserCache');
      await cdp(browser, 'Storage.clearDataForOrigin', { origin: new URL(url).origin, storageTypes: 'all' });
      await browser.goto(url);
      return browser.waitFor('return window.__cardsAt', { timeout: 30_000, message: `20 cards at ${url}` });
    },
    close: () => browser.quit(),
  };
}

async function bundleSizes(dist) {
  const rows = [];
  for (const file of (await readdir(dist)).filter((f) => /\.(wasm|js|css|html)$/.test(f))) {
    const bytes = await readFile(join(dist, file));
    rows.push({
      file,
      kind: file.split('.').pop(),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}

/** A page of `count` spacecraft built from the stand-in's data, for a 100-card grid. */
function bigPage(records, count, reverse) {
  const results = Array.from({ length: count }, (_, i) => {
    const base = records[i % records.length];
    return { ...base, id: 10_000 + i, name: `${base.name} #${i + 1}` };
  });
  if (reverse) results.reverse();
  return JSON.stringify({ count, next: null, previous: null, results });
}

async function main() {
  const standin = await startStandin();
  const driver = await startChromedriver();
  // The static page is served beside the app, from a copy of the build.
  await rm(WORK, { recursive: true, force: true });
  await mkdir(WORK, { recursive: true });
  const dist = join(WORK, 'dist');
  await cp(DIST, dist, { recursive: true });
  let site = await startStaticServer({ dist, apiBase: standin.base });
  try {
    // The static twin: the app's own rendering of /?limit=20, frozen into HTML.
    const probe = await Session.create(driver.url);
    await probe.goto(site.url('/?limit=20'));
    await probe.waitFor(`return document.querySelectorAll('[data-spacecraft-id]').length === 20 && !document.querySelector('[aria-busy="true"]')`);
    const frozen = await probe.exec(`
      const head = [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.outerHTML).join('');
      return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>static</title>' + head +
        '</head><body>' + document.querySelector('header').outerHTML + document.querySelector('main').outerHTML + '</body></html>';`);
    await probe.quit();
    await writeFile(join(dist, 'static.html'), frozen);
    await site.close();
    site = await startStaticServer({ dist, apiBase: standin.base });

    const app = [];
    const statics = [];
    const loader = await coldLoader(driver.url);
    await loader.load(site.url('/?limit=20')); // warm-up: the browser's own first-run work
    await loader.load(site.url('/static.html'));
    for (let run = 0; run < COLD_RUNS; run++) {
      app.push(await loader.load(site.url('/?limit=20')));
      statics.push(await loader.load(site.url('/static.html')));
    }
    await loader.close();

    // Cached filter changes with 100 cards: both orderings answered once, then toggled.
    const records = JSON.parse(await (await fetch(`${standin.base}/spacecraft/?limit=100`)).text()).results;
    standin.reset();
    standin.failNext([
      { path: 'spacecraft/', match_query: 'ordering=-id', times: 0, body: bigPage(records, 100, true) },
      { path: 'spacecraft/', match_query: 'ordering=id', times: 0, body: bigPage(records, 100, false) },
    ]);
    const browser = await Session.create(driver.url, { width: 1280, height: 900 });
    await browser.goto(site.url('/?ordering=id&limit=100'));
    const settle = `return document.querySelectorAll('[data-spacecraft-id]').length === 100 && !document.querySelector('[aria-busy="true"]')`;
    await browser.waitFor(settle);
    const change = async (value) => browser.cmd('POST', '/execute/async', {
      script: `const [value, done] = arguments;
        const expected = value === '-id' ? '10099' : '10000';
        const select = document.querySelector('select[name=ordering]');
        const ready = () => {
          const cards = document.querySelectorAll('[data-spacecraft-id]');
          return cards.length === 100 && cards[0].dataset.spacecraftId === expected;
        };
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (ready()) { observer.disconnect(); done(performance.now() - t0); }
        });
        observer.observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true });
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));`,
      args: [value],
    });
    await change('-id'); // first visit of -id: a request, not counted
    await browser.waitFor(settle);
    const changes = [];
    for (let i = 0; i < CHANGES; i++) {
      changes.push(await change(i % 2 === 0 ? 'id' : '-id'));
    }
    const listRequests = standin.requests().filter((r) => /\/spacecraft\/$/.test(r.path)).length;
    await browser.quit();

    const sizes = await bundleSizes(DIST);
    const byKind = {};
    for (const row of sizes) {
      const k = (byKind[row.kind] ||= { raw: 0, gzip: 0, brotli: 0 });
      k.raw += row.raw; k.gzip += row.gzip; k.brotli += row.brotli;
    }
    const total = Object.values(byKind).reduce((t, k) => ({ raw: t.raw + k.raw, gzip: t.gzip + k.gzip, brotli: t.brotli + k.brotli }), { raw: 0, gzip: 0, brotli: 0 });

    const results = {
      cold_load_20_cards_ms: { app_median: median(app), static_median: median(statics), ratio: median(app) / median(statics), app, static: statics },
      cached_filter_change_100_cards_ms: { p50: quantile(changes, 0.5), p95: quantile(changes, 0.95), runs: changes.length, list_requests_total: listRequests },
      bundle_bytes: { by_kind: byKind, total },
    };
    await writeFile(join(WORK, 'results.json'), JSON.stringify(results, null, 2));

    console.log(`cold load, all 20 cards in the DOM (median of ${COLD_RUNS}, cache disabled):`);
    console.log(`  app          ${ms(median(app))}`);
    console.log(`  static page  ${ms(median(statics))}`);
    console.log(`  ratio        ${(median(app) / median(statics)).toFixed(2)}x`);
    console.log(`cached filter change until 100 new cards (${changes.length} changes):`);
    console.log(`  p50 ${ms(quantile(changes, 0.5))}  p95 ${ms(quantile(changes, 0.95))}  (list requests in that phase, incl. the first visit of each ordering: ${listRequests})`);
    console.log('release bundle (bytes):');
    console.log('  kind    raw       gzip      brotli');
    for (const [kind, k] of Object.entries(byKind)) {
      console.log(`  ${kind.padEnd(6)}  ${String(k.raw).padEnd(8)}  ${String(k.gzip).padEnd(8)}  ${k.brotli}`);
    }
    console.log(`  total   ${String(total.raw).padEnd(8)}  ${String(total.gzip).padEnd(8)}  ${total.brotli}`);
    console.log(`(written to ${join(WORK, 'results.json')})`);
  } finally {
    await site.close();
    driver.stop();
    await standin.close();
  }
}

await main();
