// Trunk post_build hook (see Trunk.toml): finishes the staged index.html.
// - inlines the API prefetch (src/prefetch.js) into its placeholder;
// - allows the inline scripts (Trunk's bootstrap, the prefetch) in the Content-Security-Policy
//   by their hashes, computed after inlining;
// - with LL2_API_BASE set, points the page at that API (offline stand-in, a proxy).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allowInlineScripts, inlinePrefetch, pointSiteAt } from './site-config.mjs';

const file = join(process.env.TRUNK_STAGING_DIR, 'index.html');
let html = await readFile(file, 'utf8');
html = inlinePrefetch(html, await readFile(new URL('../src/prefetch.js', import.meta.url), 'utf8'));
if (process.env.LL2_API_BASE) html = pointSiteAt(html, process.env.LL2_API_BASE);
await writeFile(file, allowInlineScripts(html));
