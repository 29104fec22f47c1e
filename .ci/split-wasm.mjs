// The split release build (issue 23), run by the Trunk hook: Trunk 0.21 has no split step
// (trunk-rs/trunk#1022), so this redoes its wasm step in the order cargo-leptos uses:
//   1. wasm-split-cli cuts cargo's wasm (linked with --emit-relocs, see src/build.rs) into the
//      main module, one chunk per split point (`split_<name>.wasm`), the code several of them
//      share (`chunk_<n>.wasm`) and their loader (`__wasm_split.js`);
//   2. wasm-bindgen writes the glue for the main module (--keep-lld-exports: the chunks import
//      the main module's own functions by their linker names);
//   3. wasm-opt (npm's binaryen 132, never Debian's 108, whose output leaves the page blank)
//      shrinks every module;
//   4. every file of the set is named by one hash of the whole set, and the references between
//      them are patched: a deploy never pairs new code with old chunks, and an old tab asking
//      for its chunks gets its own (from the service worker's cache) or a 404 (the page's
//      "could not be loaded" with Retry), never a mismatched module.
// Trunk's unsplit pair (its glue and wasm) is replaced in place; index.html's preloads follow.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NAME = 'spacecraft-explorer';
// The wasm features the module uses (the stripped target_features section no longer names them).
const WASM_OPT = ['-Os', '--converge', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types'];
const WASM_OPT_VERSION = 'version 132';
const LOADER = '__wasm_split.js';

/** The first `<link>` whose href is `<base><name>` (any attribute order: the page is minified). */
const linkTo = (html, name) => {
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = tag.match(/\bhref="?([^"\s>]+)/)?.[1];
    const match = href?.match(name);
    if (match) return { tag, href, base: href.slice(0, match.index) };
  }
  return null;
};
const GLUE = new RegExp(`${NAME}-[0-9a-f]+\\.js$`);
const WASM = new RegExp(`${NAME}-[0-9a-f]+_bg\\.wasm$`);

const run = (tool, args) => {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if (error.code === 'ENOENT') throw new Error(`${tool} is missing: source .ci/tools.sh and run ensure_build_tools`);
    throw new Error(`${tool} failed: ${error.stderr || error.message}`);
  }
};

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * Splits the release build staged in `dir` whose page is `html`, from cargo's wasm at `raw`;
 * returns the page with its preloads pointing at the split set. A page that preloads no
 * `spacecraft-explorer` glue (the hook run on a test's staged page) is returned as it is; a real
 * release build left unsplit fails tests/e2e/split.test.mjs.
 */
export async function splitWasm(html, dir, { raw }) {
  const glueTag = linkTo(html, GLUE);
  const wasmTag = linkTo(html, WASM);
  if (!glueTag || !wasmTag) return html;
  if (!run('wasm-opt', ['--version']).includes(WASM_OPT_VERSION)) {
    throw new Error(`wasm-opt is not binaryen 132 (Debian's 108 leaves the page blank): source .ci/tools.sh`);
  }
  const { base } = glueTag;
  const work = await mkdtemp(join(tmpdir(), 'split-'));
  try {
    const cut = join(work, 'cut');
    const bound = join(work, 'bound');
    run('wasm-split-cli', [raw, cut, '--target', 'web', '--out-name', NAME]);
    run('wasm-bindgen', [join(cut, `${NAME}.wasm`), '--out-dir', bound, '--out-name', NAME, '--target', 'web',
      '--keep-lld-exports', '--no-demangle', '--no-typescript']);
    const chunks = (await readdir(cut)).filter((file) => /^(split|chunk)_\w+\.wasm$/.test(file)).sort();
    const modules = [[join(bound, `${NAME}_bg.wasm`), `${NAME}_bg.wasm`], ...chunks.map((file) => [join(cut, file), file])];
    for (const [path] of modules) run('wasm-opt', [...WASM_OPT, path, '-o', path]);

    let glue = await readFile(join(bound, `${NAME}.js`), 'utf8');
    let loader = await readFile(join(cut, LOADER), 'utf8');
    const wasm = await Promise.all(modules.map(([path]) => readFile(path)));
    // One hash of the whole set: a change anywhere renames every file of it.
    const hash = createHash('sha256');
    for (const part of [glue, loader, ...wasm]) hash.update(part);
    const tag = hash.digest('hex').slice(0, 16);
    const hashed = (file) => file.replace(/(_bg)?\.(\w+)$/, `-${tag}$1.$2`);

    for (const file of chunks) {
      const quoted = `"./${file}"`;
      if (!loader.includes(quoted)) throw new Error(`${LOADER} does not fetch ${file}`);
      loader = loader.replaceAll(quoted, `"./${hashed(file)}"`);
    }
    loader = patchImport(loader, `./${NAME}.js`, `./${hashed(`${NAME}.js`)}`, LOADER);
    // Only the import statement: the glue's imports object keeps the module's own import name.
    glue = patchImport(glue, `./${LOADER}`, `./${hashed(LOADER)}`, 'the glue');

    await Promise.all([
      writeFile(join(dir, hashed(`${NAME}.js`)), glue),
      writeFile(join(dir, hashed(LOADER)), loader),
      ...modules.map(([, file], i) => writeFile(join(dir, hashed(file)), wasm[i])),
    ]);
    // Trunk's unsplit pair, which nothing refers to any more.
    for (const file of await readdir(dir)) {
      if (new RegExp(`^${NAME}-[0-9a-f]+(_bg\\.wasm|\\.js)$`).test(file) && !file.includes(tag)) await rm(join(dir, file));
    }

    const glueHref = `${base}${hashed(`${NAME}.js`)}`;
    const wasmHref = `${base}${hashed(`${NAME}_bg.wasm`)}`;
    const oldGlue = glueTag.href;
    const oldWasm = wasmTag.href;
    const withIntegrity = (tagText, href, bytes) => tagText.replace(/\bhref="?[^"\s>]+"?/, `href="${href}"`)
      .replace(/\bintegrity="?[^"\s>]+"?/, `integrity="${sri(bytes)}"`);
    // The loader is imported by the glue: preloaded beside it, so it is not a second round trip.
    const loaderTag = withIntegrity(glueTag.tag, `${base}${hashed(LOADER)}`, loader);
    let page = html.replace(wasmTag.tag, withIntegrity(wasmTag.tag, wasmHref, wasm[0]));
    page = page.replace(glueTag.tag, `${withIntegrity(glueTag.tag, glueHref, glue)}${loaderTag}`);
    // Trunk's inline start-up script names the pair too.
    if (!html.includes(oldGlue) || !html.includes(oldWasm)) throw new Error('index.html names no glue or wasm to rename');
    page = page.replaceAll(oldGlue, glueHref).replaceAll(oldWasm, wasmHref);
    return page;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** `source` with its `import … from "<from>"` statement pointing at `to`; `what` for errors. */
function patchImport(source, from, to, what) {
  const statement = new RegExp(`(\\bfrom\\s*)(["'])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\2`, 'g');
  if (!statement.test(source)) throw new Error(`${what} does not import ${from}`);
  return source.replace(statement, `$1"${to}"`);
}
