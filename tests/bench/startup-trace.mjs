// Where the app's start-up goes, from a Chromium trace: the time from the wasm's instantiation
// to the first 20 cards, how much of it V8 spends compiling functions on their first call (it
// compiles wasm lazily, one function at a time, on the main thread), how many functions and how
// many bytes of code that is, and whether a repeat visit reuses compiled code (V8's code cache:
// were it used, a repeat visit would compile next to nothing on first call).
// Numbers only, like bench.mjs; it explains the bench's "start-up until the cards" row. It also
// prints the long tasks (over 50 ms) from the navigation until the app's own cards: the longest
// and the total blocking time (each one's part over 50 ms), as Lighthouse counts them.
//
//   node --experimental-websocket tests/bench/startup-trace.mjs [dist]     (Node 20; 22 needs no flag)
//   env: RUNS (default 3), CPU (CPU slowdown, default 1; the bench's phone profile uses 4),
//   VIEW (default `/`; the cards it waits for: its `limit`, else 10), TASKS=1 (print each cold
//   run's long tasks as [start, duration] in ms)
//
// It drives Chromium over the DevTools protocol directly, because a trace streams its events,
// which chromedriver does not pass on. Each cold load gets a new tab with the origin's storage
// and the HTTP cache wiped (as in bench.mjs); each repeat visit follows its cold load in a new
// tab after 5 s, with nothing wiped (the service worker answers the app's files).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStandin } from '../ll2-standin/server.mjs';
import { startStaticServer } from '../e2e/support/static-server.mjs';
import { CHROMIUM_ARGS, freePort } from '../e2e/support/webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const DIST = resolve(root, process.argv[2] || 'target/e2e-dist');
const RUNS = Number(process.env.RUNS || 3);
const CPU = Number(process.env.CPU || 1);
const VIEW = process.env.VIEW || '/';
const CARDS = Number(new URLSearchParams(VIEW.split('?')[1] || '').get('limit') || 10);
const CATEGORIES = ['v8.wasm', 'v8', 'devtools.timeline', 'blink'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// Marks the instantiation and the moment the view is complete (as bench.mjs does).
const WATCH = `(() => {
  window.__t = { tasks: [] };
  try {
    new PerformanceObserver((list) => window.__t.tasks.push(...list.getEntries().map((e) => [e.startTime, e.duration])))
      .observe({ type: 'longtask' });
  } catch (e) { /* no long task timing */ }
  const original = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = function (...args) {
    return original.apply(this, args).then((result) => { window.__t.ready ??= performance.now(); return result; });
  };
  window.__done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      // The app's own cards: in its main (a child of <body>), nothing of index.html over them.
      if (document.querySelectorAll('body > main#main [data-spacecraft-id]').length >= ${CARDS}
        && document.querySelector('body > main#main [data-testid=result-count]') && !document.querySelector('#shell[data-prerendered]')) {
        window.__t.done = performance.now();
        observer.disconnect();
        // Read a moment later: a long task is reported once it has ended, and this runs inside it.
        setTimeout(() => resolve(window.__t), 300);
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
})();`;

/** The byte size of each function body in the wasm's code section, by function index. */
function functionSizes(bytes) {
  const leb = (at) => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(byte & 0x80)) return [value, at];
    }
  };
  const sizes = new Map();
  let imported = 0;
  for (let at = 8; at < bytes.length;) {
    const id = bytes[at];
    const [size, body] = leb(at + 1);
    if (id === 2) {
      let [count, p] = leb(body);
      for (let i = 0; i < count; i++) {
        for (let name = 0; name < 2; name++) {
          const [length, next] = leb(p);
          p = next + length;
        }
        const kind = bytes[p++];
        // Function imports are counted; table, memory and global imports only skipped.
        if (kind === 0) [, p] = leb(p), imported++;
        else if (kind === 1) { p++; const limits = bytes[p++]; [, p] = leb(p); if (limits & 1) [, p] = leb(p); }
        else if (kind === 2) { const limits = bytes[p++]; [, p] = leb(p); if (limits & 1) [, p] = leb(p); }
        else p += 2;
      }
    }
    if (id === 10) {
      let [count, p] = leb(body);
      for (let i = 0; i < count; i++) {
        const [length, next] = leb(p);
        sizes.set(imported + i, length);
        p = next + length;
      }
    }
    at = body + size;
  }
  return sizes;
}

/** A DevTools protocol connection to a browser at `url` (its webSocketDebuggerUrl). */
async function connect(url) {
  const socket = new WebSocket(url);
  await new Promise((ready, fail) => {
    socket.addEventListener('open', ready);
    socket.addEventListener('error', fail);
  });
  let id = 0;
  const pending = new Map();
  const listeners = new Set();
  socket.addEventListener('message', ({ data }) => {
    const message = JSON.parse(data);
    const waiting = pending.get(message.id);
    if (waiting) {
      pending.delete(message.id);
      if (message.error) waiting.fail(new Error(`${waiting.method}: ${message.error.message}`));
      else waiting.ok(message.result);
    } else for (const listen of listeners) listen(message);
  });
  return {
    send: (method, params = {}, sessionId) => new Promise((ok, fail) => {
      pending.set(++id, { ok, fail, method });
      socket.send(JSON.stringify({ id, method, params, sessionId }));
    }),
    listen: (listen) => (listeners.add(listen), () => listeners.delete(listen)),
    close: () => socket.close(),
  };
}

/** Opens `url` in a new tab, traced; the page's marks and the renderer main thread's events. */
async function tracedVisit(cdp, url, { wipe }) {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const send = (method, params) => cdp.send(method, params, sessionId);
  // Scripts for new documents are installed only with the Page domain enabled.
  await send('Page.enable');
  if (CPU > 1) await send('Emulation.setCPUThrottlingRate', { rate: CPU });
  await send('Page.addScriptToEvaluateOnNewDocument', { source: WATCH });
  if (wipe) {
    await send('Storage.clearDataForOrigin', { origin: new URL(url).origin, storageTypes: 'all' });
    await send('Network.clearBrowserCache');
  }
  const events = [];
  const complete = new Promise((done) => {
    const stop = cdp.listen((message) => {
      if (message.method === 'Tracing.dataCollected') events.push(...message.params.value);
      if (message.method === 'Tracing.tracingComplete') done(stop());
    });
  });
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  await send('Page.navigate', { url });
  // Until the new document is there, `window` is about:blank's (or going away with it).
  let marks;
  while (!marks) {
    marks = await send('Runtime.evaluate', { expression: 'window.__done', awaitPromise: true, returnByValue: true })
      .then(({ result }) => result.value, () => undefined);
    if (!marks) await new Promise((wait) => setTimeout(wait, 20));
  }
  await cdp.send('Tracing.end');
  await complete;
  return { targetId, marks, events };
}

/** The start-up window (instantiation to cards) on the renderer's main thread, summed. */
function startUp({ marks, events }, sizes) {
  const instantiate = events.find((e) => e.name === 'wasm.SyncInstantiate' || e.name === 'wasm.AsyncInstantiate');
  const thread = events.filter((e) => e.pid === instantiate.pid && e.tid === instantiate.tid && e.ph === 'X');
  const from = instantiate.ts;
  const to = from + (marks.done - marks.ready) * 1000;
  const compiles = thread.filter((e) => e.name === 'wasm.CompileLazy' && e.ts >= from && e.ts <= to);
  const tasks = marks.tasks.filter(([start]) => start < marks.done);
  return {
    window: marks.done - marks.ready,
    longestTask: tasks.reduce((most, [, duration]) => Math.max(most, duration), 0),
    blocking: tasks.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0),
    functions: compiles.length,
    bytes: compiles.reduce((sum, e) => sum + (sizes.get(e.args?.func_index) || 0), 0),
    compileMs: compiles.reduce((sum, e) => sum + e.dur, 0) / 1000,
    // Chromium's own names for the wasm code cache's outcome (v8.wasm.moduleCacheHit, …).
    cacheEvents: [...new Set(events.filter((e) => /wasm/i.test(e.name) && /cache|deserializ/i.test(e.name)).map((e) => e.name))],
  };
}

async function main() {
  const wasmFile = (await readdir(DIST)).find((file) => file.endsWith('_bg.wasm'));
  const sizes = functionSizes(await readFile(join(DIST, wasmFile)));
  const codeBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  const standin = await startStandin();
  const site = await startStaticServer({ dist: DIST, apiBase: standin.base, compress: true });
  const profile = await mkdtemp(join(tmpdir(), 'startup-trace-'));
  const port = await freePort();
  const chromium = spawn(process.env.CHROMIUM || '/usr/bin/chromium',
    [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  let cdp;
  try {
    for (let tries = 0; !cdp; tries++) {
      try {
        const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
        cdp = await connect(webSocketDebuggerUrl);
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((wait) => setTimeout(wait, 100));
      }
    }
    const url = site.url(VIEW);
    const rows = { cold: [], repeat: [] };
    for (let run = 0; run <= RUNS; run++) {
      const cold = await tracedVisit(cdp, url, { wipe: true });
      // Time for the service worker to install and for V8 to decide whether to cache code.
      await new Promise((wait) => setTimeout(wait, 5000));
      await cdp.send('Target.closeTarget', { targetId: cold.targetId });
      const repeat = await tracedVisit(cdp, url, { wipe: false });
      await cdp.send('Target.closeTarget', { targetId: repeat.targetId });
      if (run === 0) continue; // the browser's own first-run work
      if (process.env.TASKS) console.log("ready", cold.marks.ready.toFixed(0), "done", cold.marks.done.toFixed(0), "tasks", JSON.stringify(cold.marks.tasks.map(([s, d]) => [Math.round(s), Math.round(d)])));
      rows.cold.push(startUp(cold, sizes));
      rows.repeat.push(startUp(repeat, sizes));
    }
    console.log(`start-up of ${VIEW} from the wasm's instantiation to the cards, CPU ${CPU}x, medians of ${RUNS}`);
    console.log(`(${wasmFile}: ${sizes.size} functions, ${codeBytes} bytes of code)`);
    for (const [visit, list] of Object.entries(rows)) {
      const m = (key) => median(list.map((row) => row[key]));
      console.log(`  ${visit.padEnd(6)} ${m('window').toFixed(0)} ms, of which compiling on first call ${m('compileMs').toFixed(0)} ms:` +
        ` ${m('functions')} functions, ${(m('bytes') / 1024).toFixed(0)} KB of code` +
        ` | longest task ${m('longestTask').toFixed(0)} ms, total blocking time ${m('blocking').toFixed(0)} ms` +
        ` | wasm code cache events: ${list.map((row) => row.cacheEvents.join('+') || 'none').join(', ')}`);
    }
  } finally {
    cdp?.close();
    const exited = new Promise((done) => chromium.once('exit', done));
    chromium.kill();
    await exited;
    await site.close();
    await standin.close();
    await rm(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}

await main();
