// Edits a built index.html the way a deployer would: point it at another API (the meta tag
// and the Content-Security-Policy that must allow it) and allow Trunk's inline bootstrap
// script by its hash, so the policy needs no 'unsafe-inline'.
import { createHash } from 'node:crypto';

const CSP = /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/;

function editPolicy(html, edit) {
  if (!CSP.test(html)) return html; // no policy to keep in step
  return html.replace(CSP, (_, open, policy, close) => {
    const directives = new Map(
      policy.split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name, values];
      }),
    );
    edit(directives);
    const text = [...directives].map(([name, values]) => [name, ...values].join(' ')).join('; ');
    return `${open}${text}${close}`;
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
  const pointed = html.replace(/(<meta name="ll2-api-base" content=")[^"]*/, `$1${apiBase}`);
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
 * The prefetch script (src/prefetch.js) as the page carries it: comment lines, indentation and
 * blank lines dropped (the source keeps its comments on lines of their own for this).
 */
export function compactScript(source) {
  const text = source.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('//')).join('\n');
  // Inside a <script> element these would end it or change how it is parsed.
  if (/<\/script|<!--/i.test(text)) throw new Error('the prefetch script must not contain "</script" or "<!--"');
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
