// Trunk post_build hook (see Trunk.toml): finishes the staged site.
// - inlines the API prefetch (src/prefetch.js) into its placeholder;
// - in release builds, inlines the service worker's registration (src/sw-register.js) and writes
//   the worker, sw.js, with the list and version of the site's files (.ci/service-worker.mjs);
//   debug builds (`trunk serve`) register none;
// - joins the stylesheets into one <style> in the page (style/ keeps one per concern), allowed in
//   the Content-Security-Policy by its hash;
// - in release builds, splits the wasm into the first view's module and one chunk per page, and
//   shrinks each with wasm-opt (.ci/split-wasm.mjs);
// - in release builds, minifies the wasm-bindgen glue and the chunk loader (esbuild, installed by
//   .ci/tools.sh);
// - allows the inline scripts (Trunk's bootstrap, the prefetch, the registration) in the
//   Content-Security-Policy by their hashes, computed after inlining;
// - with LL2_API_BASE set, points the page at that API (offline stand-in, a proxy);
// - in release builds, renders `/` with the app's own components from one answer of that API
//   into the page (.ci/prerender.mjs); an API out of reach leaves the loading grid;
// - in release builds, writes the host files (_headers and _redirects from public/, 404.html)
//   and precompressed .br and .gz copies of the site's text and wasm files.
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  allowInlineScripts, allowInlineStyles, inlineStylesheets, inlinePrefetch, inlineRegistration, minifyModules, pointSiteAt, precompress,
  removeTemplateCopies, writeHostFiles,
} from './site-config.mjs';
import { writeServiceWorker } from './service-worker.mjs';
import { prerenderHome } from './prerender.mjs';
import { splitWasm } from './split-wasm.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
// Trunk names the profile; without it (the hook run by hand or by a test), a debug build.
const release = process.env.TRUNK_PROFILE === 'release';
const file = join(dir, 'index.html');
const source = (name) => readFile(new URL(`../src/${name}`, import.meta.url), 'utf8');
let html = await readFile(file, 'utf8');
html = inlinePrefetch(html, await source('prefetch.js'));
html = inlineRegistration(html, release ? await source('sw-register.js') : null);
html = await inlineStylesheets(html, dir, { readFile, rm });
if (release) {
  // cargo's own wasm, before Trunk's wasm-bindgen: the one that still has its relocations.
  const target = process.env.CARGO_TARGET_DIR || join(process.env.TRUNK_SOURCE_DIR || '.', 'target');
  html = await splitWasm(html, dir, { raw: join(target, 'wasm32-unknown-unknown', 'release', 'spacecraft-explorer.wasm') });
  const minify = (file) => {
    try {
      // The split glue names one import module twice as an object key (wasm-bindgen's own output).
      execFileSync('esbuild', [file, '--minify', '--format=esm', '--allow-overwrite', `--outfile=${file}`, '--log-level=warning',
        '--log-override:duplicate-object-key=silent']);
    } catch (error) {
      if (error.code === 'ENOENT') throw new Error('esbuild is missing: source .ci/tools.sh and run ensure_build_tools');
      throw error;
    }
  };
  html = await minifyModules(html, dir, { readFile, minify });
}
if (process.env.LL2_API_BASE) html = pointSiteAt(html, process.env.LL2_API_BASE);
if (release) html = await prerenderHome(html, { publicUrl: html.match(/<base\b[^>]*\bhref="?([^"\s>]+)/)?.[1] || '/' });
await writeFile(file, allowInlineScripts(allowInlineStyles(html)));
if (release) await writeHostFiles(dir, { readFile, writeFile, rm, readdir });
else await removeTemplateCopies(dir, { rm });
// The worker lists the site's files as they will be served.
await writeServiceWorker(dir, { release });
// Last: every file is final.
if (release) await precompress(dir, { readFile, writeFile, readdir });
