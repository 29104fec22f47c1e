// Measures what a visitor pays, against the local LL2 stand-in, in headless Chromium. Numbers
// only: nothing here asserts on time. Usage: `bash .ci/bench` (builds first), or
// `node tests/bench/bench.mjs [dist]` after a release build. Env: BENCH_COLD_RUNS (default 7),
// BENCH_CHANGES (default 30). Results also go to target/bench/results.json.
//
// 1. First load of `/` (BENCH_VIEW, e.g. `?limit=20`), truly cold, until all its cards AND the
//    result count (`[data-testid=result-count]`) are in the DOM (performance.now() in the page,
//    i.e. from navigation start), for three pages served side by side from one copy of the build:
//      static  the app's own rendering of that view frozen into HTML (the physical limit);
//      peer    a plain-JS page (peer.html + peer.js here) that reads location.search, fetches
//              the same API URL and renders the same card markup;
//      app     the app.
//    Loads are interleaved (static, peer, app, rotating the order every run). Every load gets a
//    new tab, and before it navigates, the origin's storage (service workers included) and the
//    browser's HTTP cache are wiped over the DevTools protocol. A new tab matters: the app
//    caches API answers in sessionStorage, which belongs to the tab; the protocol's storage
//    types do not name it (Chromium 156 does clear it with `all`, but nothing promises that),
//    and a reload in the same tab would be answered from that cache without any API request.
//    So each load's list requests are counted in the stand-in's log and printed: every cold
//    app or peer load must have made one (more would be duplicates, visible in the counts).
//    Two profiles: loopback without throttling, and a phone (150 ms RTT, 1.6 Mbit/s down,
//    750 kbit/s up, CPU 4× slower, list answers held back 250 ms by the stand-in).
//    The build is served compressed (brotli, else gzip) with Content-Encoding, as static hosts do.
//    For the app it also prints where the time goes: when the wasm had arrived (Resource Timing),
//    when it was instantiated, and the start-up from there to the cards; when its own cards,
//    which the visitor can use, were on screen (the first real cards may be index.html's: the
//    build's rendering of `/`, or a repeat visit's kept rendering); and the longest task and the
//    total blocking time (the part of each task over 50 ms) until then. A build that carries a
//    rendering of `/` has it drawn again from the bench's own stand-in (.ci/prerender.mjs), as a
//    deploy build against that API would.
// 2. A repeat visit on the phone profile: a first visit as in 1 (cold; the service worker
//    installs after it and the app stores the answer), that tab closed, then the same URL in a
//    new tab with nothing wiped, timed the same way. Counted per visit: list requests to the API
//    (0 when a stored answer is fresh and outlives the tab), requests for app files that reached
//    the site over the network (0 when the worker answers them), and the browser's own update
//    checks of sw.js (not app files). The static page is visited the same way, for the ratio.
//    The app's cards may first be its kept rendering of the view (index.html's first paint, see
//    src/prefetch.js); when its own cards, which the visitor can use, follow is printed too.
// 3. A filter change whose answer is cached, until 100 new cards are rendered (p50/p95).
// 4. The release bundle: wasm, js, css, html, raw / gzip / brotli (sw.js apart: fetched after
//    the load, not by it).
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startStandin } from '../ll2-standin/server.mjs';
import { startStaticServer } from '../e2e/support/static-server.mjs';
import { Session, startChromedriver } from '../e2e/support/webdriver.mjs';
import { firstViewFiles, laterChunks } from '../e2e/support/bundle.mjs';
import { pointSiteAt } from '../../.ci/site-config.mjs';
import { redrawHome } from '../../.ci/prerender.mjs';

const root = resolve(import.meta.dirname, '../..');
const DIST = resolve(root, process.argv[2] || process.env.BENCH_DIST || 'target/e2e-dist');
const WORK = resolve(root, 'target/bench');
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 7);
const CHANGES = Number(process.env.BENCH_CHANGES || 30);
const VIEW = process.env.BENCH_VIEW ?? '';
const CARDS = Number(new URLSearchParams(VIEW).get('limit') || 10);

const PROFILES = [
  { name: 'loopback', label: 'loopback, no throttling' },
  {
    name: 'phone',
    label: 'phone: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower, list answered after 250 ms',
    // DevTools throttling adds `latency` to every request (no TCP/TLS handshakes are emulated);
    // throughputs are in bytes per second.
    network: { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
    cpuSlowdown: 4,
    listDelayMs: 250,
  },
];
const PAGES = ['static', 'peer', 'app'];

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
}
const ms = (x) => `${x.toFixed(1)} ms`;
const round = (x, digits = 1) => Number(x.toFixed(digits));
const isListRequest = (entry) => /\/spacecraft\/?$/.test(entry.path);

// Installed in every new document before its own scripts: notes when the view is complete and
// calls back a waiting WebDriver script (so there is no polling while the page loads).
const DONE_WATCH = `(() => {
  // Long tasks (over 50 ms) until the app's own cards: the longest, and the blocking time.
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration])))
      .observe({ type: 'longtask' });
  } catch (e) { /* no long task timing */ }
  // When the wasm is instantiated: what follows, until the cards, is the app's start-up.
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        window.__wasmReadyAt ??= performance.now();
        return result;
      });
    };
  }
  // Done: the cards are on screen. The app's own (its main, not index.html's first paint, which
  // on a repeat visit may be the app's kept rendering) can come later: noted apart.
  const complete = (scope) => document.querySelectorAll(scope + '[data-spacecraft-id]').length >= ${CARDS} &&
    document.querySelector(scope + '[data-testid=result-count]');
  const check = () => {
    if (window.__doneAt === undefined && complete('')) window.__doneAt = performance.now();
    // The app's own cards are in its main, a child of <body>, once nothing of index.html covers them.
    if (window.__appDoneAt === undefined && complete('body > main#main ') && !document.querySelector('#shell[data-prerendered]')) {
      window.__appDoneAt = performance.now();
    }
    if (window.__doneAt !== undefined && window.__appDoneAt !== undefined) {
      observer.disconnect();
      window.__onDone?.();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', check);
})();`;

// Runs in the page once the view is complete: the time, and the bytes the page's own origin sent
// (body bytes as transferred, i.e. compressed; responses from the API origin report 0).
const WAIT_DONE = `const reply = arguments[arguments.length - 1];
  const report = () => {
    const own = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .filter((entry) => entry.name.startsWith(location.origin));
    const wasm = own.find((entry) => entry.name.endsWith('_bg.wasm'));
    const tasks = window.__longTasks.filter(([start]) => start < window.__appDoneAt);
    reply({
      at: window.__doneAt,
      // The first paint: the cards themselves for the static page and index.html's rendering of
      // / (whose cards are in the page before its stylesheet, which paint waits for, has arrived).
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      appAt: window.__appDoneAt,
      longestTask: tasks.reduce((most, [, duration]) => Math.max(most, duration), 0),
      blocking: tasks.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0),
      wasmArrivedAt: wasm ? wasm.responseEnd : null,
      wasmReadyAt: window.__wasmReadyAt ?? null,
      wireBytes: own.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
      // The wasm fetched before the app's own cards were up: the split build's first view only
      // (its other chunks come at idle, after).
      wasmWireBytes: own.filter((entry) => entry.name.endsWith('.wasm') && entry.startTime < window.__appDoneAt)
        .reduce((sum, entry) => sum + entry.encodedBodySize, 0),
      decodedBytes: own.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
      fromCache: own.filter((entry) => entry.transferSize === 0 && entry.decodedBodySize > 0).length,
      // Where each answer came from: '' the network, 'cache' the HTTP cache, 'cache-storage' a
      // service worker's cache.
      delivery: own.reduce((count, entry) => ({ ...count, [entry.deliveryType || 'network']: (count[entry.deliveryType || 'network'] || 0) + 1 }), {}),
    });
  };
  // Reported a moment later: a long task is reported once it has ended, and this runs inside it.
  const later = () => setTimeout(report, 300);
  if (window.__appDoneAt !== undefined) later(); else window.__onDone = later;`;

/** The app's start-up over `runs` (medians): the wasm instantiated, then until its own cards. */
const startUp = (runs) => ({
  wasm_instantiated_ms_median: round(median(runs.map((r) => r.wasmReadyAt))),
  start_up_ms_median: round(median(runs.map((r) => r.appAt - r.wasmReadyAt))),
});

const cdp = (browser, cmd, params = {}) => browser.cmd('POST', '/goog/cdp/execute', { cmd, params });

/**
 * Replaces the current tab by a new one (a new tab has a new sessionStorage and a new document;
 * DevTools emulation is per tab, so it is set again here).
 */
async function freshTab(browser, { network, cpuSlowdown, watch = true } = {}) {
  const { handle } = await browser.cmd('POST', '/window/new', { type: 'tab' });
  await browser.cmd('DELETE', '/window'); // closes the current (previous) tab
  await browser.cmd('POST', '/window', { handle });
  if (network) {
    // Without Network.enable the emulated conditions are not applied reliably (measured: a
    // 191 KB download took 16 ms in one tab, 2.9 s in another, instead of ~1.1 s).
    await cdp(browser, 'Network.enable');
    await cdp(browser, 'Network.emulateNetworkConditions', network);
  }
  if (cpuSlowdown) await cdp(browser, 'Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  if (watch) await cdp(browser, 'Page.addScriptToEvaluateOnNewDocument', { source: DONE_WATCH });
}

/** One truly cold load of `url` in a new tab; the time until the view is complete, and more. */
async function coldLoad(browser, standin, url, profile) {
  await freshTab(browser, profile);
  // Wiped from the new tab (about:blank), by the origin's name: local storage, IndexedDB, Cache
  // Storage, service workers, cookies…; and the whole HTTP cache (with the code caches keyed to it).
  await cdp(browser, 'Storage.clearDataForOrigin', { origin: new URL(url).origin, storageTypes: 'all' });
  await cdp(browser, 'Network.clearBrowserCache');
  const logged = standin.requests().length;
  await browser.goto(url);
  let done;
  try {
    done = await browser.cmd('POST', '/execute/async', { script: WAIT_DONE, args: [] });
  } catch (error) {
    const text = await browser.exec('return document.body.innerText.slice(0, 300)').catch(() => '?');
    throw new Error(`${url} never showed ${CARDS} cards and the result count (${error.message}); page: ${text}`);
  }
  const requests = standin.requests().slice(logged).filter(isListRequest);
  return { ...done, listRequests: requests.length, listQueries: requests.map((r) => r.query) };
}

/** Waits (up to `timeout`) until the page's service worker is activated; false if it has none. */
function workerActivated(browser, timeout = 20_000) {
  return browser.cmd('POST', '/execute/async', {
    script: `const [timeout, done] = arguments;
      // A build that registers none (older ones) has no registration script.
      if (!navigator.serviceWorker || !document.querySelector('script[data-sw-register]')) return done(false);
      setTimeout(() => done(false), timeout);
      navigator.serviceWorker.ready.then((registration) => {
        const worker = registration.active;
        if (worker.state === 'activated') return done(true);
        worker.addEventListener('statechange', () => worker.state === 'activated' && done(true));
      });`,
    args: [timeout],
  });
}

/**
 * A repeat visit of `url`: a cold first visit in a new tab (see `coldLoad`), then, once the
 * service worker (if any) is activated, that tab closed and `url` opened in a new tab, nothing
 * wiped. The second visit's time and what it asked of the API and of the site itself.
 */
async function repeatVisit(browser, standin, site, url, profile, { worker: expectWorker }) {
  await coldLoad(browser, standin, url, profile);
  // The static page has no worker to wait for (a build without one waits the timeout).
  const worker = expectWorker && await workerActivated(browser);
  await freshTab(browser, profile);
  const logged = standin.requests().length;
  const served = site.requests().length;
  await browser.goto(url);
  const done = await browser.cmd('POST', '/execute/async', { script: WAIT_DONE, args: [] });
  // Let requests that are not in the way of the view (the worker's update check) arrive too.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const fromSite = site.requests().slice(served).map((path) => path.split('?')[0]);
  const updateChecks = fromSite.filter((path) => path.endsWith('/sw.js'));
  return {
    ...done,
    worker,
    listRequests: standin.requests().slice(logged).filter(isListRequest).length,
    appFiles: fromSite.filter((path) => !path.endsWith('/sw.js')),
    updateChecks: updateChecks.length,
  };
}

/** Repeat visits of the app and the static page on the phone profile (interleaved). */
async function measureRepeatVisits(browser, standin, site, cold) {
  const profile = PROFILES.find((p) => p.name === 'phone');
  const pages = ['static', 'app'];
  const urls = { static: site.url(`/static.html${VIEW}`), app: site.url(`/${VIEW}`) };
  standin.reset();
  standin.failNext({ path: 'spacecraft/', delay_ms: profile.listDelayMs, times: 0 });
  const visit = (page) => repeatVisit(browser, standin, site, urls[page], profile, { worker: page === 'app' });
  for (const page of pages) await visit(page); // untimed
  const visits = { static: [], app: [] };
  for (let run = 0; run < COLD_RUNS; run++) {
    for (let i = 0; i < pages.length; i++) {
      const page = pages[(run + i) % pages.length];
      visits[page].push(await visit(page));
    }
  }
  standin.reset();
  const result = { label: profile.label };
  for (const page of pages) {
    const runs = visits[page];
    result[page] = {
      median_ms: round(median(runs.map((v) => v.at))),
      runs_ms: runs.map((v) => round(v.at)),
      ...(page === 'app' ? {
        // The cards above may be the app's kept rendering (index.html's first paint); the app's
        // own, which the visitor can use, come once the wasm has started.
        app_own_cards_ms_median: round(median(runs.map((v) => v.appAt))),
        ...startUp(runs),
        longest_task_ms_median: round(median(runs.map((v) => v.longestTask))),
        total_blocking_ms_median: round(median(runs.map((v) => v.blocking))),
      } : {}),
      service_worker: runs.map((v) => v.worker),
      list_requests_per_visit: runs.map((v) => v.listRequests),
      app_file_requests_per_visit: runs.map((v) => v.appFiles.length),
      app_files_requested: [...new Set(runs.flatMap((v) => v.appFiles))],
      sw_update_checks_per_visit: runs.map((v) => v.updateChecks),
      own_origin_delivery: runs.map((v) => v.delivery),
    };
  }
  result.app_over_static_cold = round(result.app.median_ms / cold.phone.static.median_ms, 2);
  result.app_over_static_repeat = round(result.app.median_ms / result.static.median_ms, 2);
  result.app_cold_over_repeat = round(cold.phone.app.median_ms / result.app.median_ms, 2);
  return result;
}

/** The static twin: the app's own rendering of the view, frozen into HTML (no script at all). */
async function freezeApp(browser, url) {
  await freshTab(browser, { watch: false });
  await browser.goto(url);
  await browser.waitFor(`return document.querySelectorAll('[data-spacecraft-id]').length === ${CARDS}
    && document.querySelector('[data-testid=result-count]') && !document.querySelector('[aria-busy="true"]')`);
  return browser.exec(`
    const head = [...document.querySelectorAll('link[rel=stylesheet], style, link[rel=icon]')].map((l) => l.outerHTML).join('');
    return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1"><title>static</title>' + head +
      '</head><body>' + document.querySelector('header').outerHTML + document.querySelector('main').outerHTML + '</body></html>';`);
}

/**
 * peer.html with the app's head: its Content-Security-Policy, <base>, API meta tag, stylesheet
 * (inline, allowed by its hash in that policy) and icon, taken from the built index.html, pointed at `apiBase` like the served index.
 */
async function peerPage(dist, apiBase) {
  const index = await readFile(join(dist, 'index.html'), 'utf8');
  const pick = (pattern) => [...index.matchAll(pattern)].map(([tag]) => tag);
  // Release builds are minified: attribute values lose their quotes where they can.
  const head = [
    ...pick(/<meta\b[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/g),
    ...pick(/<base\b[^>]*>/g),
    ...pick(/<meta\b[^>]*name="?ll2-api-base"?[^>]*>/g),
    ...pick(/<link\b[^>]*\brel="?(?:stylesheet|icon)"?[^>]*>/g),
    ...pick(/<style\b[^>]*>[\s\S]*?<\/style>/g),
  ].join('\n    ');
  const template = await readFile(join(import.meta.dirname, 'peer.html'), 'utf8');
  return pointSiteAt(template.replace(/<!-- APP-HEAD[\s\S]*?-->/, head), apiBase);
}

async function measureColdLoads(browser, standin, site) {
  const urls = { static: site.url(`/static.html${VIEW}`), peer: site.url(`/peer.html${VIEW}`), app: site.url(`/${VIEW}`) };
  const out = {};
  for (const profile of PROFILES) {
    standin.reset();
    if (profile.listDelayMs) {
      standin.failNext({ path: 'spacecraft/', delay_ms: profile.listDelayMs, times: 0 }); // 0: until reset
    }
    // One untimed round first: the browser's own first-run work, and the server's compression.
    for (const page of PAGES) await coldLoad(browser, standin, urls[page], profile);
    const loads = Object.fromEntries(PAGES.map((page) => [page, []]));
    for (let run = 0; run < COLD_RUNS; run++) {
      for (let i = 0; i < PAGES.length; i++) {
        const page = PAGES[(run + i) % PAGES.length];
        loads[page].push(await coldLoad(browser, standin, urls[page], profile));
      }
    }
    standin.reset();
    const result = { label: profile.label };
    for (const page of PAGES) {
      const runs = loads[page];
      result[page] = {
        median_ms: round(median(runs.map((l) => l.at))),
        runs_ms: runs.map((l) => round(l.at)),
        first_paint_ms_median: round(median(runs.map((l) => l.firstPaint ?? NaN))),
        list_requests_per_load: runs.map((l) => l.listRequests),
        list_queries: [...new Set(runs.flatMap((l) => l.listQueries))],
        // The app's phases: the wasm downloaded, then instantiated, then the start-up until the
        // cards (V8 compiles each function on its first call, then it runs).
        ...(page === 'app' ? {
          app_own_cards_ms_median: round(median(runs.map((l) => l.appAt))),
          wasm_arrived_ms_median: round(median(runs.map((l) => l.wasmArrivedAt))),
          ...startUp(runs),
          longest_task_ms_median: round(median(runs.map((l) => l.longestTask))),
          total_blocking_ms_median: round(median(runs.map((l) => l.blocking))),
        } : {}),
        own_origin_wire_bytes_median: median(runs.map((l) => l.wireBytes)),
        first_view_wasm_wire_bytes_median: median(runs.map((l) => l.wasmWireBytes)),
        own_origin_decoded_bytes_median: median(runs.map((l) => l.decodedBytes)),
        responses_from_cache: runs.reduce((sum, l) => sum + l.fromCache, 0),
      };
    }
    result.app_over_peer = round(result.app.median_ms / result.peer.median_ms, 2);
    result.app_over_static = round(result.app.median_ms / result.static.median_ms, 2);
    out[profile.name] = result;
  }
  return out;
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

/** Cached filter changes with 100 cards: both orderings answered once, then toggled. */
async function measureFilterChanges(browser, standin, site) {
  const records = JSON.parse(await (await fetch(`${standin.base}/spacecraft/?limit=100`)).text()).results;
  standin.reset();
  standin.failNext([
    { path: 'spacecraft/', match_query: 'ordering=-id', times: 0, body: bigPage(records, 100, true) },
    { path: 'spacecraft/', match_query: 'ordering=id', times: 0, body: bigPage(records, 100, false) },
  ]);
  await freshTab(browser, { watch: false });
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
  for (let i = 0; i < CHANGES; i++) changes.push(await change(i % 2 === 0 ? 'id' : '-id'));
  const listRequests = standin.requests().filter(isListRequest).length;
  standin.reset();
  return {
    p50: round(quantile(changes, 0.5)), p95: round(quantile(changes, 0.95)), runs: changes.length,
    runs_ms: changes.map((x) => round(x)), list_requests_total: listRequests,
  };
}

async function bundleSizes(dist) {
  const sizes = async (files) => {
    const byKind = {};
    for (const file of files) {
      const bytes = await readFile(join(dist, file));
      const k = (byKind[file.split('.').pop()] ||= { files: 0, raw: 0, gzip: 0, brotli: 0 });
      k.files += 1;
      k.raw += bytes.length;
      k.gzip += gzipSync(bytes, { level: 9 }).length;
      k.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    }
    const total = { files: 0, raw: 0, gzip: 0, brotli: 0 };
    for (const k of Object.values(byKind)) for (const key of Object.keys(total)) total[key] += k[key];
    return { by_kind: byKind, total };
  };
  // What the first view fetches, and apart the split build's chunks, each by name.
  const later = {};
  for (const file of await laterChunks(dist)) later[file] = (await sizes([file])).total;
  return { first_view: await sizes(await firstViewFiles(dist)), later_chunks: later };
}

function report(results) {
  const { cold_load: cold, repeat_visit: repeat, cached_filter_change_100_cards_ms: changes, bundle_bytes: bundle } = results;
  const col = (text, width) => String(text).padStart(width);
  console.log(`cold load of /${VIEW} until all ${CARDS} cards and the result count are in the DOM`);
  console.log(`(${results.chromium}; median of ${COLD_RUNS} interleaved loads per page, each in a new tab with`);
  console.log(' storage, service workers and HTTP cache wiped; dist served brotli-compressed):');
  console.log(`  ${'profile'.padEnd(9)}${col('static', 10)}${col('peer', 10)}${col('app', 10)}${col('app/peer', 10)}${col('app/static', 12)}`);
  for (const [name, p] of Object.entries(cold)) {
    console.log(`  ${name.padEnd(9)}${col(ms(p.static.median_ms), 10)}${col(ms(p.peer.median_ms), 10)}${col(ms(p.app.median_ms), 10)}` +
      `${col(`${p.app_over_peer.toFixed(2)}x`, 10)}${col(`${p.app_over_static.toFixed(2)}x`, 12)}`);
  }
  for (const [name, p] of Object.entries(cold)) {
    console.log(`  ${name}: ${p.label}`);
    for (const page of PAGES) {
      const q = p[page];
      console.log(`    ${page.padEnd(6)} runs (ms) ${q.runs_ms.map((x) => x.toFixed(0)).join(' ')}` +
        ` | first paint ${ms(q.first_paint_ms_median)}` +
        ` | list requests per load: ${q.list_requests_per_load.join(' ')}${q.list_queries.length ? ` (${q.list_queries.map((x) => `?${x}`).join(', ')})` : ''}` +
        ` | own origin: ${(q.own_origin_wire_bytes_median / 1024).toFixed(0)} KB over the wire` +
        ` (wasm before the cards: ${(q.first_view_wasm_wire_bytes_median / 1024).toFixed(1)} KB), ${(q.own_origin_decoded_bytes_median / 1024).toFixed(0)} KB decoded` +
        `${q.responses_from_cache ? `, ${q.responses_from_cache} responses from cache` : ''}`);
    }
  }
  for (const [name, p] of Object.entries(cold)) {
    const a = p.app;
    console.log(`  app phases, ${name} (medians): first real cards ${ms(a.median_ms)}, the app's own cards ${ms(a.app_own_cards_ms_median)};` +
      ` wasm arrived ${ms(a.wasm_arrived_ms_median)}, instantiated ${ms(a.wasm_instantiated_ms_median)},` +
      ` start-up until its cards ${ms(a.start_up_ms_median)}; longest task ${ms(a.longest_task_ms_median)},` +
      ` total blocking time ${ms(a.total_blocking_ms_median)}`);
  }
  console.log(`  coldness check (each app and peer load made its list request, the static page none): ${results.checks.cold_loads_ok ? 'ok' : 'FAILED'}`);
  console.log(`repeat visit of /${VIEW} on the phone profile (a cold first visit in a tab, the tab closed, a new tab;`);
  console.log(' nothing wiped), until all cards and the result count are in the DOM:');
  console.log(`  app ${ms(repeat.app.median_ms)} = ${repeat.app_over_static_cold.toFixed(2)}x the static page cold` +
    ` (${ms(cold.phone.static.median_ms)}), ${repeat.app_over_static_repeat.toFixed(2)}x the static page's repeat visit` +
    ` (${ms(repeat.static.median_ms)}); the app's cold load is ${repeat.app_cold_over_repeat.toFixed(2)}x this`);
  console.log(`  the app's own cards (it has started; before, its kept rendering) at ${ms(repeat.app.app_own_cards_ms_median)}:` +
    ` wasm instantiated ${ms(repeat.app.wasm_instantiated_ms_median)}, start-up ${ms(repeat.app.start_up_ms_median)},` +
    ` longest task ${ms(repeat.app.longest_task_ms_median)}, total blocking time ${ms(repeat.app.total_blocking_ms_median)} (medians)`);
  for (const page of ['static', 'app']) {
    const q = repeat[page];
    console.log(`    ${page.padEnd(6)} runs (ms) ${q.runs_ms.map((x) => x.toFixed(0)).join(' ')}` +
      ` | service worker: ${q.service_worker.map((x) => (x ? 'yes' : 'no')).join(' ')}` +
      ` | list requests: ${q.list_requests_per_visit.join(' ')}` +
      ` | app files from the network: ${q.app_file_requests_per_visit.join(' ')}` +
      `${q.app_files_requested.length ? ` (${q.app_files_requested.join(', ')})` : ''}` +
      ` | sw.js update checks: ${q.sw_update_checks_per_visit.join(' ')}` +
      ` | own origin answered from: ${JSON.stringify(q.own_origin_delivery.at(-1))}`);
  }
  console.log(`cached filter change until 100 new cards (${changes.runs} changes, loopback, no throttling):`);
  console.log(`  p50 ${ms(changes.p50)}  p95 ${ms(changes.p95)}  (list requests in that phase, incl. the first visit of each ordering: ${changes.list_requests_total})`);
  console.log('release bundle, the first view of / (bytes):');
  console.log(`  ${'kind'.padEnd(6)}${col('files', 6)}${col('raw', 10)}${col('gzip', 10)}${col('brotli', 10)}`);
  const first = bundle.first_view;
  for (const [kind, k] of [...Object.entries(first.by_kind), ['total', first.total]]) {
    console.log(`  ${kind.padEnd(6)}${col(k.files, 6)}${col(k.raw, 10)}${col(k.gzip, 10)}${col(k.brotli, 10)}`);
  }
  const chunks = Object.entries(bundle.later_chunks);
  if (chunks.length) console.log('later chunks (fetched at idle after the first view; bytes):');
  for (const [file, k] of chunks) console.log(`  ${file.padEnd(36)}${col(k.raw, 10)}${col(k.gzip, 10)}${col(k.brotli, 10)}`);
  console.log(`(written to ${join(WORK, 'results.json')})`);
}

async function main() {
  // Everything is served from a copy of the build, with the static and peer pages beside the app.
  await rm(WORK, { recursive: true, force: true });
  await mkdir(WORK, { recursive: true });
  const dist = join(WORK, 'dist');
  await cp(DIST, dist, { recursive: true });
  const standin = await startStandin();
  await writeFile(join(dist, 'index.html'), await redrawHome(await readFile(join(dist, 'index.html'), 'utf8'), standin.base));
  const driver = await startChromedriver();
  const site = await startStaticServer({ dist, apiBase: standin.base, compress: true });
  let browser;
  try {
    await writeFile(join(dist, 'peer.html'), await peerPage(dist, standin.base));
    await cp(join(import.meta.dirname, 'peer.js'), join(dist, 'peer.js'));
    browser = await Session.create(driver.url, { width: 1280, height: 900 });
    const { product } = await cdp(browser, 'Browser.getVersion');
    await writeFile(join(dist, 'static.html'), await freezeApp(browser, site.url(`/${VIEW}`)));

    const cold = await measureColdLoads(browser, standin, site);
    const repeat = await measureRepeatVisits(browser, standin, site, cold);
    const changes = await measureFilterChanges(browser, standin, site);
    const bundle = await bundleSizes(DIST);

    const coldLoadsOk = Object.values(cold).every((p) =>
      p.static.list_requests_per_load.every((n) => n === 0) &&
      p.peer.list_requests_per_load.every((n) => n >= 1) &&
      p.app.list_requests_per_load.every((n) => n >= 1));
    const results = {
      measured_at: new Date().toISOString(),
      chromium: product,
      dist: DIST,
      cold_load: cold,
      repeat_visit: repeat,
      cached_filter_change_100_cards_ms: changes,
      bundle_bytes: bundle,
      checks: { cold_loads_ok: coldLoadsOk },
    };
    await writeFile(join(WORK, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    report(results);
    // Not a timing assertion: numbers from warm loads would be wrong, so say so in the exit code.
    if (!coldLoadsOk) process.exitCode = 1;
  } finally {
    await browser?.quit();
    await site.close();
    driver.stop();
    await standin.close();
  }
}

await main();
