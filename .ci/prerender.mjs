// The release build's rendering of `/` (run by .ci/trunk-post-build.mjs): asks the page's API
// once for the default view and has the app's own components draw it on the host
// (src/bin/prerender.rs, built with `--features prerender`), then puts that HTML into the page's
// `<template data-prerendered>`, stamped with the request it answers and when. index.html's inline
// script shows it only where it is true (see there). The API is asked here, in Node, so the Rust
// side needs no HTTP or TLS crate: the stand-in and proxies (http) and LL2 (https) alike.
// An API that cannot be reached, or an answer that cannot be read, leaves the loading grid, and
// the build says so in one line.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pagePolicy, pointSiteAt } from './site-config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const PLACEHOLDER = /<template data-prerendered(?:="")?><\/template>/;
const BASE_META = /<meta\b[^>]*\bname="?ll2-api-base"?[^>]*>/i;
/** How long the build waits for the API. */
const TIMEOUT_MS = 20_000;

const attribute = (text) => String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The page's API base, as its meta tag says (after LL2_API_BASE pointed it). */
export function pageApiBase(html) {
  const content = html.match(BASE_META)?.[0].match(/\bcontent=("[^"]*"|[^\s>"]+)/)?.[1];
  return content ? content.replace(/^"|"$/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&') : null;
}

/** The host binary, built once (its own target dir: the host flags differ from the wasm's). */
function binary() {
  const targetDir = `${root}target/prerender`;
  execFileSync('cargo', ['build', '--quiet', '--offline', '--features', 'prerender', '--bin', 'prerender', '--target-dir', targetDir], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    // Type-erased views, as in the wasm build (.cargo/config.toml): far less to compile.
    env: { ...process.env, RUSTFLAGS: '--cfg erase_components' },
  });
  return `${targetDir}/debug/prerender`;
}

/**
 * `html` with `/` rendered into its placeholder, or as it was (and one line on stderr saying
 * why). `fetchImpl` is the HTTP GET (global fetch); `now` the clock.
 */
export async function prerenderHome(html, { publicUrl = '/', fetchImpl = fetch, now = Date.now, log = console.error } = {}) {
  if (!PLACEHOLDER.test(html)) throw new Error('index.html has no <template data-prerendered></template> placeholder');
  const base = pageApiBase(html);
  const bin = binary();
  const url = execFileSync(bin, ['url', base], { encoding: 'utf8' }).trim();
  let body;
  const at = now();
  try {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(TIMEOUT_MS), credentials: 'omit' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.text();
  } catch (error) {
    log(`prerender: ${url} could not be reached (${error.cause?.code || error.message}): / keeps its loading grid`);
    return html;
  }
  let page;
  try {
    page = execFileSync(bin, ['render', base, pagePolicy(html) || '', publicUrl], {
      input: body, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 << 20,
    });
  } catch (error) {
    // A panic (101) is a bug in the components' host rendering (something that touches the
    // browser while a view is built: see IN_BROWSER in src/lib.rs), not the API's fault: loud.
    if (error.status !== 1) throw new Error(`prerender: the host rendering of / failed:\n${error.stderr || error.message}`);
    log(`prerender: ${url}: ${String(error.stderr).trim()}: / keeps its loading grid`);
    return html;
  }
  // Leptos marks where its views may later change (`<!>`, `<!--<() />-->`); this page is never
  // hydrated (the app mounts its own), so they are bytes for nothing.
  page = page.replace(/<!(?:--<\(\) \/>--)?>/g, '');
  const template = `<template data-prerendered data-url="${attribute(url)}" data-at="${at}">${page}</template>`;
  log(`prerender: / drawn from ${url}`);
  return html.replace(PLACEHOLDER, () => template);
}

/**
 * A built page whose rendering of `/` is drawn again from `apiBase` (and the page pointed at
 * it): what a deploy build against that API would have, for a copy served against another API
 * than the one it was built with (the bench, an audit). A page without a rendering is left as it is.
 */
export async function redrawHome(html, apiBase, options = {}) {
  const drawn = /<template data-prerendered[^>]*>[\s\S]*?<\/template>/;
  if (!drawn.test(html)) return html;
  return prerenderHome(pointSiteAt(html.replace(drawn, '<template data-prerendered></template>'), apiBase), options);
}
