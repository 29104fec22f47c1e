// Trunk post_build hook (see Trunk.toml): finishes the staged index.html.
// - inlines the API prefetch (src/prefetch.js) into its placeholder;
// - joins the stylesheets into one file (style/ keeps one per concern);
// - in release builds, minifies the wasm-bindgen glue (esbuild, installed by .ci/tools.sh);
// - allows the inline scripts (Trunk's bootstrap, the prefetch) in the Content-Security-Policy
//   by their hashes, computed after inlining;
// - with LL2_API_BASE set, points the page at that API (offline stand-in, a proxy).
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allowInlineScripts, bundleStylesheets, inlinePrefetch, minifyGlue, pointSiteAt } from './site-config.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
const file = join(dir, 'index.html');
let html = await readFile(file, 'utf8');
html = inlinePrefetch(html, await readFile(new URL('../src/prefetch.js', import.meta.url), 'utf8'));
html = await bundleStylesheets(html, dir, { readFile, writeFile, rm });
if (process.env.TRUNK_PROFILE === 'release') {
  const minify = (file) => {
    try {
      execFileSync('esbuild', [file, '--minify', '--format=esm', '--allow-overwrite', `--outfile=${file}`, '--log-level=warning']);
    } catch (error) {
      if (error.code === 'ENOENT') throw new Error('esbuild is missing: source .ci/tools.sh and run ensure_build_tools');
      throw error;
    }
  };
  html = await minifyGlue(html, dir, { readFile, minify });
}
if (process.env.LL2_API_BASE) html = pointSiteAt(html, process.env.LL2_API_BASE);
await writeFile(file, allowInlineScripts(html));
