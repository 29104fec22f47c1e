// Edits a built index.html the way a deployer would: point it at another API (the meta tag
// and the Content-Security-Policy that must allow it) and allow the inline scripts (Trunk's
// bootstrap, the prefetch) by their hashes, so the policy needs no 'unsafe-inline'. Release
// builds are minified first, so tags are matched in either form.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

/** A `<meta>` by one attribute's value, in the written or the minified form (any attribute
 *  order, quotes only where needed). */
const metaTag = (attribute, value) => new RegExp(`<meta\\b[^>]*\\b${attribute}="?${value}"?(?=[\\s/>])[^>]*>`, 'i');
const CONTENT = /(\bcontent=)("[^"]*"|[^\s>"]+)/;

/** Replaces the `content` of the `<meta>` matching `tag` with `edit(content)`. */
function editMeta(html, tag, edit) {
  return html.replace(tag, (meta) => meta.replace(CONTENT, (_, name, value) => {
    const next = edit(value.replace(/^"|"$/g, ''));
    return `${name}"${next.replace(/"/g, '&quot;')}"`;
  }));
}

const CSP = metaTag('http-equiv', 'Content-Security-Policy');

function editPolicy(html, edit) {
  if (!CSP.test(html)) return html; // no policy to keep in step
  return editMeta(html, CSP, (policy) => {
    const directives = new Map(
      policy.split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name, values];
      }),
    );
    edit(directives);
    return [...directives].map(([name, values]) => [name, ...values].join(' ')).join('; ');
  });
}

function allow(directives, name, source) {
  const values = directives.get(name) ?? [];
  if (!values.includes(source)) values.push(source);
  directives.set(name, values);
}

/** Points the page at `apiBase`: the meta tag, connect-src, and img-src (for its media). */
export function pointSiteAt(html, apiBase) {
  const origin = new URL(apiBase).origin;
  const pointed = editMeta(html, metaTag('name', 'll2-api-base'), () => apiBase);
  return editPolicy(pointed, (directives) => {
    allow(directives, 'connect-src', origin);
    allow(directives, 'img-src', origin);
  });
}

/** Adds the sha256 of every inline <script> to script-src. */
export function allowInlineScripts(html) {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  return editPolicy(html, (directives) => hashes.forEach((hash) => allow(directives, 'script-src', hash)));
}

/**
 * An inline script (src/prefetch.js, src/sw-register.js) as the page carries it: comment lines,
 * indentation and blank lines dropped (the source keeps its comments on lines of their own for
 * this), then, with `minify` (the default) and where esbuild is installed (.ci/tools.sh),
 * minified: ~0.2 KB less after brotli on every first load. The same source always gives the
 * same text, so its hash in the policy is stable.
 */
export function compactScript(source, { minify = true } = {}) {
  let text = source.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('//')).join('\n');
  // Inside a <script> element these would end it or change how it is parsed.
  if (/<\/script|<!--/i.test(text)) throw new Error('an inline script must not contain "</script" or "<!--"');
  if (!minify) return text;
  try {
    text = execFileSync('esbuild', ['--minify', '--log-level=warning'], { input: text, encoding: 'utf8' }).trim();
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  return text;
}

const PREFETCH_PLACEHOLDER = /<script data-prefetch(?:="")?>[\s\S]*?<\/script>/;

/**
 * Puts the prefetch script into its placeholder, `<script data-prefetch></script>` (which must
 * come before Trunk's loader); run before `allowInlineScripts` so its hash reaches the policy.
 */
export function inlinePrefetch(html, source) {
  if (!PREFETCH_PLACEHOLDER.test(html)) throw new Error('index.html has no <script data-prefetch></script> placeholder');
  // A function, not a string: `$` in the script must not be read as a replacement pattern.
  return html.replace(PREFETCH_PLACEHOLDER, () => `<script data-prefetch>${compactScript(source)}</script>`);
}

const REGISTRATION_PLACEHOLDER = /<script data-sw-register(?:="")?>[\s\S]*?<\/script>/;

/**
 * Puts the service worker's registration (src/sw-register.js) into its placeholder,
 * `<script data-sw-register></script>`; with no `source` (debug builds: no worker while
 * developing) removes the placeholder. Run before `allowInlineScripts`, like `inlinePrefetch`.
 */
export function inlineRegistration(html, source) {
  if (!REGISTRATION_PLACEHOLDER.test(html)) throw new Error('index.html has no <script data-sw-register></script> placeholder');
  return html.replace(REGISTRATION_PLACEHOLDER, () => (source == null ? '' : `<script data-sw-register>${compactScript(source)}</script>`));
}

const STYLESHEET = /<link\b[^>]*\brel="?stylesheet"?[^>]*>/g;
const HREF = /\bhref="?([^"\s>]+\.css)"?/;

/**
 * Puts the page's stylesheets, joined in their order, into the page itself as one `<style>`
 * (allowed by its hash, see `allowInlineStyles`): the source keeps a stylesheet per concern
 * (style/); a first visit fetches none. A stylesheet of its own is a second round trip before
 * anything paints, and blocks the inline script that shows the rendering of `/` until it has
 * come: inlined, the first cards were on screen at 0.38× the plain-JS peer's time instead of
 * 0.57× (phone profile, 2026-12-03, tests/bench/README.md). Every visit of the site is this
 * one page, so the CSS would not be cached for another; the service worker keeps the page.
 * `dir` holds the built files; returns the new html.
 */
export async function inlineStylesheets(html, dir, { readFile, rm }) {
  const links = [...html.matchAll(STYLESHEET)].map(([tag]) => ({ tag, href: tag.match(HREF)?.[1] }));
  if (!links.length) return html;
  if (links.some((link) => !link.href)) throw new Error(`a stylesheet link names no .css file: ${links.map((l) => l.tag)}`);
  const names = links.map((link) => link.href.slice(link.href.lastIndexOf('/') + 1));
  const css = (await Promise.all(names.map((name) => readFile(`${dir}/${name}`, 'utf8')))).join('\n');
  // The one sequence that would end the element early.
  if (/<\/style/i.test(css)) throw new Error('a stylesheet contains "</style", which cannot be inlined');
  await Promise.all(names.map((name) => rm(`${dir}/${name}`)));
  const [first, ...rest] = links;
  let inlined = html.replace(first.tag, () => `<style>${css}</style>`);
  for (const link of rest) inlined = inlined.replace(link.tag, '');
  return inlined;
}

/** Adds the sha256 of every `<style>` element to style-src. */
export function allowInlineStyles(html) {
  const hashes = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  return editPolicy(html, (directives) => hashes.forEach((hash) => allow(directives, 'style-src', hash)));
}

const MODULE_PRELOAD = /<link\b[^>]*\brel="?modulepreload"?[^>]*>/g;

/**
 * Minifies the JS modules the page preloads (the wasm-bindgen glue and the split build's chunk
 * loader) in place with `minify(path)` and updates their integrity in the page: Trunk's own
 * minifier gives up on the glue, and the minified one is 1.6 KB less after brotli.
 */
export async function minifyModules(html, dir, { readFile, minify }) {
  const tags = [...html.matchAll(MODULE_PRELOAD)].map(([tag]) => tag);
  if (!tags.length) throw new Error('index.html preloads no JS glue to minify');
  for (const tag of tags) {
    const href = tag.match(/\bhref="?([^"\s>]+\.js)"?/)?.[1];
    if (!href) throw new Error(`a module preload names no JS file: ${tag}`);
    const file = `${dir}/${href.slice(href.lastIndexOf('/') + 1)}`;
    await minify(file);
    const integrity = `sha384-${createHash('sha384').update(await readFile(file)).digest('base64')}`;
    html = html.replace(tag, tag.replace(/\bintegrity="?[^"\s>]+"?/, `integrity="${integrity}"`));
  }
  return html;
}

/** The page's Content-Security-Policy as its meta tag says it (decoded), or null. */
export function pagePolicy(html) {
  const content = html.match(CSP)?.[0].match(CONTENT)?.[2];
  return content ? content.replace(/^"|"$/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&') : null;
}

/**
 * The policy as a response header: the page's own, plus `frame-ancestors 'none'`, which a meta
 * tag cannot carry (browsers ignore it there) and which refuses every frame: no clickjacking.
 */
export function headerPolicy(html) {
  const policy = pagePolicy(html);
  if (!policy) throw new Error('index.html has no Content-Security-Policy to send as a header');
  return /(^|;)\s*frame-ancestors\b/.test(policy) ? policy : `${policy}; frame-ancestors 'none'`;
}

/** The site's base path from `<base href>` (Trunk's --public-url), `/` when it has none. */
export function siteBase(html) {
  const href = html.match(/<base\b[^>]*\bhref="?([^"\s>]+)"?/i)?.[1] ?? '/';
  const path = href.startsWith('/') ? href : new URL(href, 'http://x/').pathname;
  return path.endsWith('/') ? path : `${path}/`;
}

/** Trunk's hashed names (name-<hex>[_bg].ext: its 64-bit hash without leading zeros, so 16
 * digits or a few fewer): their content never changes. */
export const HASHED = /-[0-9a-f]{8,16}(_bg)?\.\w+$/;

/** Host files, written by the build beside the site; never part of the app shell. */
export const HOST_FILES = new Set(['_headers', '_redirects', '404.html']);
/** Precompressed copies (`file.br`, `file.gz`) for hosts that serve them (nginx gzip_static). */
export const PRECOMPRESSED = /\.(br|gz)$/;
/** Files worth precompressing: text and wasm (images other than SVG are compressed already). */
const COMPRESSIBLE = /\.(html|js|css|wasm|svg|json|webmanifest)$/;

/** Moves a `public/` template's paths under `base` (lines that start with `/`). */
const underBase = (text, base) => text.replace(/^\/(\S*)/gm, (_, rest) => `${base}${rest}`);

/**
 * `public/_headers` filled in for a site: paths under `base`, the header policy, and a rule per
 * hashed asset (`files`, paths relative to the site) that lets every cache keep it for a year.
 */
export function hostHeaders(template, { base, policy, files }) {
  const hashed = files.filter((path) => HASHED.test(path))
    .map((path) => `${base}${path}\n  Cache-Control: public, max-age=31536000, immutable`).join('\n');
  return underBase(template, base)
    .replace(/^(\s*Content-Security-Policy:) POLICY$/m, (_, name) => `${name} ${policy}`)
    .replace(/^HASHED_ASSETS$/m, () => hashed);
}

/** Where the host files' templates live: the repository's `public/`. */
const TEMPLATES = new URL('../public/', import.meta.url);

/**
 * Writes the host files at the root of a built site `dir` (release builds): `_headers` and
 * `_redirects` from their templates in `public/` (a host reads them only at the root, so the
 * copies Trunk put in `dir/public/` are removed), and `404.html`, a copy of the page, which
 * GitHub Pages serves for any path without a file, so deep links open the app there too. Run
 * when the page is final (its policy), and again after editing it (tests/deploy/site.mjs).
 */
export async function writeHostFiles(dir, { readFile, writeFile, rm, readdir }) {
  const html = await readFile(`${dir}/index.html`, 'utf8');
  const base = siteBase(html);
  const files = (await readdir(dir, { recursive: true })).map((path) => path.split('\\').join('/'));
  const template = (name) => readFile(new URL(name, TEMPLATES), 'utf8');
  await writeFile(`${dir}/_headers`, hostHeaders(await template('_headers'), { base, policy: headerPolicy(html), files }));
  await writeFile(`${dir}/_redirects`, underBase(await template('_redirects'), base));
  await removeTemplateCopies(dir, { rm });
  await writeFile(`${dir}/404.html`, html);
}

/** Removes Trunk's copies of the host files' templates (`dir/public/_headers`, `_redirects`). */
export function removeTemplateCopies(dir, { rm }) {
  return Promise.all(['_headers', '_redirects'].map((name) => rm(`${dir}/public/${name}`, { force: true })));
}

/**
 * Writes `file.br` (brotli 11) and `file.gz` (gzip 9) beside each compressible file of `dir`, so
 * hosts that serve precompressed files (nginx `brotli_static`/`gzip_static`) send the smallest
 * answer without compressing on each request. Returns the files compressed.
 */
export async function precompress(dir, { readFile, writeFile, readdir }) {
  const { brotliCompressSync, constants, gzipSync } = await import('node:zlib');
  const files = (await readdir(dir, { recursive: true })).map((path) => path.split('\\').join('/'))
    .filter((path) => COMPRESSIBLE.test(path));
  for (const path of files) {
    const bytes = await readFile(`${dir}/${path}`);
    await writeFile(`${dir}/${path}.br`, brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }));
    await writeFile(`${dir}/${path}.gz`, gzipSync(bytes, { level: 9 }));
  }
  return files;
}
