// Which of a release build's files the first view of `/` needs, and which the split build
// (.ci/split-wasm.mjs) leaves for later: the chunks, fetched at idle or when their page opens.
import { readdir } from 'node:fs/promises';

/** The split build's chunks: one per page (`split_<page>-<hash>.wasm`) and the code they share. */
export const CHUNK = /^(split|chunk)_[A-Za-z0-9_]+-[0-9a-f]{16}\.wasm$/;

/** Files not fetched by any first load: the service worker, and the page again for GitHub Pages. */
const NOT_LOADED = new Set(['sw.js', '404.html']);

/** The code and page files (wasm, js, css, html) a first view of `/` fetches. */
export async function firstViewFiles(dist) {
  return (await readdir(dist)).filter((file) => /\.(wasm|js|css|html)$/.test(file) && !NOT_LOADED.has(file) && !CHUNK.test(file));
}

/** The chunks fetched after the first view. */
export async function laterChunks(dist) {
  return (await readdir(dist)).filter((file) => CHUNK.test(file));
}
