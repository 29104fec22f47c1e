// Trunk post_build hook (see Trunk.toml): finishes the staged index.html.
// - inlines the API prefetch (src/prefetch.js) into its placeholder;
// - joins the stylesheets into one file (style/ keeps one per concern);
// - allows the inline scripts (Trunk's bootstrap, the prefetch) in the Content-Security-Policy
//   by their hashes, computed after inlining;
// - with LL2_API_BASE set, points the page at that API (offline stand-in, a proxy).
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allowInlineScripts, bundleStylesheets, inlinePrefetch, pointSiteAt } from './site-config.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
const file = join(dir, 'index.html');
let html = await readFile(file, 'utf8');
html = inlinePrefetch(html, await readFile(new URL('../src/prefetch.js', import.meta.url), 'utf8'));
html = await bundleStylesheets(html, dir, { readFile, writeFile, rm });
if (process.env.LL2_API_BASE) html = pointSiteAt(html, process.env.LL2_API_BASE);
await writeFile(file, allowInlineScripts(html));
