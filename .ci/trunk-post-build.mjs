// Trunk post_build hook (see Trunk.toml): finishes the staged index.html.
// - allows Trunk's inline bootstrap script in the Content-Security-Policy by its hash;
// - with LL2_API_BASE set, points the page at that API (offline stand-in, a proxy).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allowInlineScripts, pointSiteAt } from './site-config.mjs';

const file = join(process.env.TRUNK_STAGING_DIR, 'index.html');
let html = await readFile(file, 'utf8');
if (process.env.LL2_API_BASE) html = pointSiteAt(html, process.env.LL2_API_BASE);
await writeFile(file, allowInlineScripts(html));
