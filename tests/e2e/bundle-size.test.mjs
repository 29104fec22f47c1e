// The code every visitor downloads must not grow unnoticed. Sizes are deterministic for a given
// build, so unlike timings they make a fair test. The budget is the measured size plus a small
// margin (see README, "Performance"); raise it only on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { DIST } from './support/harness.mjs';

/**
 * Brotli (quality 11) bytes of wasm + js + css + html, the code transfer of a first visit:
 * 250.3 KB measured with the ordered stack (serde, serde_json, gloo-net, Leptos views: 241.0 KB)
 * and the second review's fixes (+9.3 KB); then the logbook (#20, +13.4 KB: its view, models,
 * request and arithmetic), export and share (#21, +12.7 KB), `/` rendered at build time into
 * index.html (#18, +3.1 KB) and the logbook's crews and dockings as CSV (+2.0 KB): 281.5 KB,
 * + 3%. Less of it is to reach the first view by splitting the wasm, not by leaving the stack.
 */
const BROTLI_BUDGET = 289_900;
/** The same in gzip, for hosts that do not serve brotli: 360.7 KB measured, + 3%. */
const GZIP_BUDGET = 371_600;

test('the release bundle stays within its size budget', async () => {
  // sw.js (the service worker) is fetched after the page has loaded, not by the first load;
  // 404.html is the page again, for GitHub Pages (.ci/site-config.mjs writeHostFiles).
  const files = (await readdir(DIST)).filter((file) => /\.(wasm|js|css|html)$/.test(file) && !['sw.js', '404.html'].includes(file));
  assert.ok(files.some((f) => f.endsWith('.wasm')), `no wasm in ${DIST}`);
  let brotli = 0;
  let gzip = 0;
  const rows = [];
  for (const file of files) {
    const bytes = await readFile(join(DIST, file));
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const gz = gzipSync(bytes, { level: 9 }).length;
    brotli += br;
    gzip += gz;
    rows.push(`${file}: ${bytes.length} raw, ${gz} gzip, ${br} brotli`);
  }
  console.log(rows.join('\n'));
  console.log(`total: ${gzip} gzip, ${brotli} brotli`);
  const worker = await readFile(join(DIST, 'sw.js')).catch(() => null);
  if (worker) {
    const br = brotliCompressSync(worker, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(`after load, not counted: sw.js: ${worker.length} raw, ${br} brotli`);
  }
  assert.ok(brotli <= BROTLI_BUDGET, `brotli ${brotli} B is over the budget of ${BROTLI_BUDGET} B`);
  assert.ok(gzip <= GZIP_BUDGET, `gzip ${gzip} B is over the budget of ${GZIP_BUDGET} B`);
});
