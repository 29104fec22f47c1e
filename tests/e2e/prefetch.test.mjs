// The first API request, asked before the wasm arrives (src/prefetch.js, inlined into index.html
// by .ci/trunk-post-build.mjs). The script runs here in node:vm against fake windows, in the
// exact form the page carries; no browser, no build needed. What it must guarantee: when it asks,
// it asks for exactly the URL (and with exactly the Authorization header) the app will ask for,
// so the app can adopt the answer; when it cannot be sure, or a fresh answer is cached, it does
// nothing. A reference of the app's URL rules (src/url/grid_query.rs, src/url/encoding.rs) checks the first
// point on thousands of random addresses. The browser part is in first-load.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { allowInlineScripts, compactScript, inlinePrefetch, pointSiteAt } from '../../.ci/site-config.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = readFileSync(join(ROOT, 'src/prefetch.js'), 'utf8');
/** What the built page carries. */
const INLINED = compactScript(SOURCE);

const SITE = 'http://127.0.0.1:9/2.3.0';
const DEV = 'https://lldev.thespacedevs.com/2.3.0';
const PROD = 'https://ll.thespacedevs.com/2.3.0';
const ORIGIN = 'http://127.0.0.1:8080';
const NOW = 1_800_000_000_000;
const SETTINGS = 'spacecraft-explorer.settings';
const MINUTE = 60_000;

/** A Web Storage stand-in over a plain object; `throws` makes it behave like disabled storage. */
function fakeStorage(items = {}, { throws = false } = {}) {
  return {
    getItem(key) {
      if (throws) throw new Error('SecurityError: storage is disabled');
      return Object.hasOwn(items, key) ? String(items[key]) : null;
    },
  };
}

/** A fetch Response stand-in. */
function fakeResponse({ status = 200, headers = {}, body = '{}' } = {}) {
  return {
    status,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    text: () => Promise.resolve(body),
  };
}

/**
 * Runs the script in a fresh fake page and returns what it left: `prefetch`
 * (`window.__ll2Prefetch`), the fetch `calls`, and the page's window and global.
 * - `at`: the address, e.g. `/?limit=20` (relative to ORIGIN) or a full URL;
 * - `base`: the document's base URI (what Trunk's `<base href>` makes it);
 * - `path`: a raw location pathname, for addresses `new URL` would not take;
 * - `meta`: the `ll2-api-base` content (`null`: no tag, `NO_CONTENT`: a tag without content);
 * - `policy`: the Content-Security-Policy meta tag's content (`null`: no tag);
 * - `settings`: what localStorage holds for the app's settings (an object is stored as JSON);
 * - `cache`: stored answers (localStorage items); `local`/`session`: `'throws'` for disabled
 *   storage;
 * - `respond`: what fetch does (a function of the URL, returning a promise).
 */
function visit({
  at = '/', path, base = `${ORIGIN}/`, meta = SITE, policy = null, settings, cache = {}, local, session, now = NOW,
  respond = () => Promise.resolve(fakeResponse()), source = INLINED, window: extra = {},
} = {}) {
  const location = new URL(at, ORIGIN);
  const calls = [];
  const localItems = {
    ...cache,
    ...(settings === undefined ? {} : { [SETTINGS]: typeof settings === 'string' ? settings : JSON.stringify(settings) }),
  };
  const window = {
    location: { href: location.href, pathname: path ?? location.pathname, search: location.search, hash: location.hash },
    document: {
      baseURI: base,
      querySelector(selector) {
        const content = { 'meta[name="ll2-api-base"]': meta, 'meta[http-equiv="Content-Security-Policy"]': policy }[selector];
        if (content === undefined || content === null) return null;
        return { getAttribute: (name) => (name === 'content' && content !== NO_CONTENT ? content : null) };
      },
    },
    navigator: { onLine: true },
    fetch(url, init) {
      calls.push({ url, init: JSON.parse(JSON.stringify(init)) });
      return respond(url, init);
    },
    ...extra,
  };
  for (const [name, items, mode] of [['localStorage', localItems, local], ['sessionStorage', {}, session]]) {
    if (mode === 'getter throws') {
      Object.defineProperty(window, name, { get() { throw new Error('SecurityError'); }, enumerable: true });
    } else {
      window[name] = fakeStorage(items, { throws: mode === 'throws' });
    }
  }
  // One context for all runs (creating one is slow); each run gets its own window and clock.
  global.window = window;
  global.Date = { now: () => now };
  (source === INLINED ? INLINED_SCRIPT : new vm.Script(source)).runInContext(global);
  return { prefetch: window.__ll2Prefetch, calls, window, global };
}

const global = vm.createContext({});
const INLINED_SCRIPT = new vm.Script(INLINED);
const NO_CONTENT = Symbol('a meta tag without content');

/** The API URL the script asked for, or null when it left the request to the app. */
const urlAsked = (options) => visit(options).prefetch?.url ?? null;
/** A cache entry as the app writes it. */
const entry = (storedAt, body = '{"count":0,"results":[]}') => `${storedAt}\n${body}`;
/** Plain data out of the vm's realm, for deepEqual. */
const plain = (value) => JSON.parse(JSON.stringify(value));

// -- Which URL ------------------------------------------------------------------------------

test('a first visit to the grid asks for the unfiltered list before the app starts', () => {
  const { prefetch, calls } = visit({ at: '/' });
  assert.equal(prefetch.url, `${SITE}/spacecraft/`);
  assert.equal(prefetch.authorization, null);
  assert.deepEqual(calls, [{ url: `${SITE}/spacecraft/`, init: { headers: {}, credentials: 'omit', mode: 'cors' } }]);
  assert.equal(typeof prefetch.response.then, 'function');
});

test('a shared link to page 3 is asked for before the app starts', () => {
  assert.equal(urlAsked({ at: '/?limit=20&offset=40' }), `${SITE}/spacecraft/?limit=20&offset=40`);
});

test('the links people share most are asked for exactly as the app will ask', () => {
  const cases = {
    '/?limit=20': 'limit=20',
    '/?search=dragon&ordering=-flights_count': 'search=dragon&ordering=-flights_count',
    '/?status=1&limit=50&offset=100': 'status=1&limit=50&offset=100',
    '/?mode=detailed': 'mode=detailed',
    '/?limit=100': 'limit=100',
    '/?limit=1': 'limit=1',
    '/?in_space=true&is_placeholder=false': 'in_space=true&is_placeholder=false',
    '/?spacecraft_config=36&ordering=time_docked': 'spacecraft_config=36&ordering=time_docked',
    '/?name=Dragon%20C206': 'name=Dragon+C206',
    '/?status=4294967295&offset=4294967295': 'status=4294967295&offset=4294967295',
    // The chart is the same answer: the app's own keys are never sent.
    '/?ordering=-time_in_space&view=chart': 'ordering=-time_in_space',
    '/?search=x&view=chart&metric=time_docked': 'search=x',
    '/?search=x&name=y&status=4&spacecraft_config=36&in_space=false&is_placeholder=true&ordering=-id&mode=detailed&limit=50&offset=150':
      'search=x&name=y&status=4&spacecraft_config=36&in_space=false&is_placeholder=true&ordering=-id&mode=detailed&limit=50&offset=150',
  };
  for (const [at, query] of Object.entries(cases)) {
    assert.equal(urlAsked({ at }), `${SITE}/spacecraft/?${query}`, at);
  }
});

test('keys in any order are asked for in the app\'s canonical order', () => {
  assert.equal(urlAsked({ at: '/?offset=100&limit=50&status=1' }), `${SITE}/spacecraft/?status=1&limit=50&offset=100`);
  assert.equal(urlAsked({ at: '/?ordering=-flights_count&search=dragon' }),
    `${SITE}/spacecraft/?search=dragon&ordering=-flights_count`);
  assert.equal(urlAsked({ at: '/?mode=detailed&offset=20&in_space=true&search=a' }),
    `${SITE}/spacecraft/?search=a&in_space=true&mode=detailed&offset=20`);
});

test('searches with %, +, &, quotes and CJK reach the API encoded exactly as the app encodes them', () => {
  const cases = {
    '?search=100%25': '100%25',
    '?search=100%': '100%25', // a lone % is kept as a character, like the app's decoder does
    '?search=a%2Bb': 'a%2Bb',
    '?search=a+b': 'a+b',
    '?search=a%20b': 'a+b',
    '?search=R%26D': 'R%26D',
    '?search=%23hash': '%23hash',
    '?search=%E7%A5%9E%E8%88%9F': '%E7%A5%9E%E8%88%9F',
    '?search=%e7%a5%9e%e8%88%9f': '%E7%A5%9E%E8%88%9F',
    '?search=神舟': '%E7%A5%9E%E8%88%9F', // the URL parser of this test encodes it, as browsers do
    "?search=it's(1)!~*-._": 'it%27s%281%29%21%7E*-._',
    '?search=%20dragon%20': '+dragon+', // kept as typed: only blank searches are dropped
    '?search=a%3Db%3Dc': 'a%3Db%3Dc',
    '?search=a=b': 'a%3Db',
    '?search=%zz%4': '%25zz%254',
    '?name=%D0%9F%D1%80%D0%BE%D0%B3%D1%80%D0%B5%D1%81%D1%81': '%D0%9F%D1%80%D0%BE%D0%B3%D1%80%D0%B5%D1%81%D1%81',
  };
  for (const [at, value] of Object.entries(cases)) {
    const key = at.includes('name=') ? 'name' : 'search';
    assert.equal(urlAsked({ at: `/${at}` }), `${SITE}/spacecraft/?${key}=${value}`, at);
  }
});

test('empty pieces of the query string change nothing, as in the app', () => {
  assert.equal(urlAsked({ at: '/?&limit=20&&' }), `${SITE}/spacecraft/?limit=20`);
  assert.equal(urlAsked({ at: '/?' }), `${SITE}/spacecraft/`);
  assert.equal(urlAsked({ at: '/#top' }), `${SITE}/spacecraft/`);
  assert.equal(urlAsked({ at: '/?limit=20#top' }), `${SITE}/spacecraft/?limit=20`);
  // Empty path segments too: the app's router drops them.
  assert.equal(urlAsked({ path: '//', at: '/?limit=20' }), `${SITE}/spacecraft/?limit=20`);
});

test('a spacecraft\'s own page asks for its record', () => {
  assert.equal(urlAsked({ at: '/spacecraft/95' }), `${SITE}/spacecraft/95/`);
  // The app's router drops empty segments and reads the id as u64 does, then writes it plainly.
  for (const at of ['/spacecraft/95/', '/spacecraft/095', '/spacecraft/+95', '/spacecraft//95']) {
    assert.equal(urlAsked({ at }), `${SITE}/spacecraft/95/`, at);
  }
  assert.equal(urlAsked({ path: '//spacecraft/95' }), `${SITE}/spacecraft/95/`);
  assert.equal(urlAsked({ at: '/spacecraft/95?view=whatever' }), `${SITE}/spacecraft/95/`, 'the query is the grid\'s');
  assert.equal(urlAsked({ at: '/spacecraft/18446744073709551615' }), `${SITE}/spacecraft/18446744073709551615/`, 'the largest u64');
});

test('addresses that are not a spacecraft the app would ask for are left to the app', () => {
  for (const at of ['/spacecraft/0', '/spacecraft/00', '/spacecraft/abc', '/spacecraft/-1', '/spacecraft/+-1', '/spacecraft/1.0',
    '/spacecraft/18446744073709551616', '/spacecraft/99999999999999999999', '/spacecraft/', '/spacecraft',
    '/spacecraft/5/extra', '/Spacecraft/95', '/spacecraft/%39%35', '/spacecraft/%2095', '/about', '/index.html', '/explorer/']) {
    assert.equal(urlAsked({ at }), null, at);
  }
});

test('under a sub-path (/explorer/) the same links are asked for, and others are not', () => {
  const base = `${ORIGIN}/explorer/`;
  assert.equal(urlAsked({ base, at: '/explorer/' }), `${SITE}/spacecraft/`);
  assert.equal(urlAsked({ base, at: '/explorer/?limit=20' }), `${SITE}/spacecraft/?limit=20`);
  assert.equal(urlAsked({ base, at: '/explorer/spacecraft/95' }), `${SITE}/spacecraft/95/`);
  assert.equal(urlAsked({ base, at: '/explorer' }), `${SITE}/spacecraft/`, 'the base without its slash is the grid, as in the app');
  for (const at of ['/', '/?limit=20', '/spacecraft/95', '/explorer/index.html', '/explorerx/', '/explorerx/spacecraft/95', '/other/explorer/']) {
    assert.equal(urlAsked({ base, at }), null, at);
  }
  assert.equal(urlAsked({ base: `${ORIGIN}/a/b/`, at: '/a/b/spacecraft/7' }), `${SITE}/spacecraft/7/`, 'two levels deep');
  assert.equal(urlAsked({ base: `${ORIGIN}/explorer//`, at: '/explorer/' }), `${SITE}/spacecraft/`, 'trailing slashes cut like the app');
  // A base URI naming a file (a page without <base>) is no prefix, as in config::router_base.
  assert.equal(urlAsked({ base: `${ORIGIN}/explorer/index.html`, at: '/' }), `${SITE}/spacecraft/`);
  assert.equal(urlAsked({ base: `${ORIGIN}/explorer/?x=1#y`, at: '/explorer/' }), `${SITE}/spacecraft/`);
});

test('links the app would rewrite, or that carry what it does not send, are left to the app', () => {
  const left = [
    // values of our own keys the app drops (so rewrites), and unknown keys
    'view=table', 'view=cards', 'metric=flights', 'metric=id', 'view=chart&view=chart', 'limit=20&view=table', 'foo=bar', 'Search=x', 'search%5B%5D=x',
    // repeated keys (the app keeps the last one; no guessing)
    'limit=20&limit=50', 'search=a&search=b',
    // values the app drops, clamps or rewrites
    'limit=10', 'limit=0', 'limit=101', 'limit=5000', 'limit=020', 'limit=+20', 'limit=abc', 'limit=', 'limit',
    'offset=0', 'offset=-5', 'offset=4294967296', 'offset=99999999999', 'offset=1.5',
    'status=0', 'status=+1', 'status=01', 'status=4294967296', 'status=x', 'spacecraft_config=-1',
    'in_space=True', 'in_space=1', 'in_space=0', 'in_space=maybe', 'is_placeholder=FALSE',
    'ordering=DROP', 'ordering=--id', 'ordering=-', 'ordering=Flights_count', 'ordering=id%20',
    'mode=normal', 'mode=list', 'mode=Detailed',
    'search=', 'search', 'search=%20%20', 'search=+', 'search=%09%0A', 'name=%E3%80%80', 'search=%C2%85', 'search=%EF%BB%BF',
    // not UTF-8 (the app would read U+FFFD)
    'search=%FF', 'search=%E7%A5', 'search=%C0%80',
  ];
  for (const query of left) {
    assert.equal(urlAsked({ at: `/?${query}` }), null, query);
  }
});

// -- Which API and which key ----------------------------------------------------------------

test('the page\'s API base is read the way the app reads it', () => {
  const cases = [
    [`  ${SITE}///  `, SITE],
    ['HTTPS://Example.test/2.3.0/', 'HTTPS://Example.test/2.3.0'],
    ['http://127.0.0.1:9', 'http://127.0.0.1:9'],
    ['javascript:alert(1)', DEV],
    ['//evil.test/2.3.0', DEV],
    ['ftp://x/2.3.0', DEV],
    ['', DEV],
    ['   ', DEV],
    [null, DEV], // no tag
    [NO_CONTENT, DEV], // a tag without content
  ];
  for (const [meta, base] of cases) {
    assert.equal(urlAsked({ meta, at: '/spacecraft/1' }), `${base}/spacecraft/1/`, String(meta));
  }
  assert.equal(urlAsked({ meta: `\u0085${SITE}` }), null, 'white space the two languages trim differently: no guess');
});

test('the host the visitor chose in the settings is the one asked', () => {
  const cases = [
    [{ host: 'site' }, SITE],
    [{ host: 'development' }, DEV],
    [{ host: 'production' }, PROD],
    [{ host: 'custom', custom_base: 'https://proxy.example/2.3.0' }, SITE], // custom is gone: the page's base
    [{ host: 'custom' }, SITE],
    [{}, SITE],
    [{ api_key: '' }, SITE],
    [{ host: 'production', theme: 'dark' }, PROD], // fields the app does not know are ignored, as serde does
    [{ host: 'production', custom_base: 5 }, PROD], // custom_base is gone: an unknown field
    [{ host: 'mars' }, SITE], // a host name the app does not know is the page's API
    [{ host: 'Production' }, SITE],
    [{ host: null }, SITE],
  ];
  for (const [settings, base] of cases) {
    assert.equal(urlAsked({ settings, at: '/?limit=20' }), `${base}/spacecraft/?limit=20`, JSON.stringify(settings));
  }
});

test('a host the page\'s Content-Security-Policy does not let it reach is the page\'s API, as in the app', () => {
  const ALL = "default-src 'self'; connect-src 'self' https://lldev.thespacedevs.com https://ll.thespacedevs.com http://127.0.0.1:9";
  const cases = [
    [ALL, 'production', PROD],
    [ALL, 'development', DEV],
    ["connect-src 'self' http://127.0.0.1:9", 'production', SITE],
    ["connect-src 'self' http://127.0.0.1:9", 'development', SITE],
    ["connect-src 'self' http://127.0.0.1:9", 'site', SITE],
    ['connect-src *', 'production', PROD],
    ["connect-src 'self' https:", 'production', PROD],
    ["img-src 'self'", 'production', PROD], // no connect-src or default-src: no limit
    ["default-src 'self'", 'production', SITE],
    ["default-src https://ll.thespacedevs.com; connect-src 'self'", 'production', SITE], // connect-src wins
    ["connect-src 'self'; connect-src https://ll.thespacedevs.com", 'production', SITE], // the first one counts
    ['connect-src https://ll.thespacedevs.com/2.3.0/', 'production', PROD],
    ['  connect-src   https://ll.thespacedevs.com  ;', 'production', PROD],
    ['connect-src https://ll.thespacedevs.com:443', 'production', SITE], // compared as text, like the app
    ['connect-src HTTPS://LL.THESPACEDEVS.COM', 'production', SITE],
    ['connect-src https://ll.thespacedevs.com.evil.test', 'production', SITE],
    ['connect-src https://lldev.thespacedevs.com', 'production', SITE],
    [NO_CONTENT, 'production', PROD],
  ];
  for (const [policy, host, base] of cases) {
    assert.equal(urlAsked({ policy, settings: { host }, at: '/spacecraft/9' }), `${base}/spacecraft/9/`, `${String(policy)} / ${host}`);
  }
  assert.equal(urlAsked({ policy: 'connect-src\u0085https://ll.thespacedevs.com', settings: { host: 'production' } }), null,
    'white space the two languages split differently: no guess');
});

test('an old "custom" host or an unknown host name is the page\'s API, and the saved key still goes out', () => {
  for (const host of ['custom', 'mars', 'Production', null]) {
    const { prefetch } = visit({ settings: { host, custom_base: 'https://proxy.example/2.3.0', api_key: 'k' } });
    assert.equal(prefetch.url, `${SITE}/spacecraft/`, String(host));
    assert.equal(prefetch.authorization, 'Token k', String(host));
  }
});

test('settings the app cannot read are its defaults: the page\'s API, no key', () => {
  for (const settings of ['{not json', '', 'null', '42', '"production"', '{"host":"production","api_key":7}',
    '{"host":"production","api_key":null}', '{"host":"production","api_key":["k"]}']) {
    const { prefetch } = visit({ settings, at: '/' });
    assert.equal(prefetch.url, `${SITE}/spacecraft/`, settings);
    assert.equal(prefetch.authorization, null, settings);
  }
});

test('settings JSON.parse and serde_json would read differently are left to the app', () => {
  for (const settings of [
    '{"host":"site","host":"production"}', // serde refuses a repeated field; JSON.parse keeps the last
    '{"api_key":"a", "api_key" :"b"}',
    '["production","","key"]', // serde reads an array as the fields in order
    '{"host":5,"api_key":"k"}', // a host that is neither a string nor null
    '{"host":true,"api_key":"k"}',
    '{"host":["production"],"api_key":"k"}',
    '{"host":{},"api_key":"k"}',
    '{"host":"site","api_key":"\\ud800"}', // serde refuses a lone surrogate
    '{"host":"site","api_key":"\ud800"}',
  ]) {
    assert.equal(urlAsked({ settings }), null, settings);
  }
});

test('a saved API key goes out exactly as the app sends it: trimmed, as "Token <key>"', () => {
  const cases = [
    ['abc123', 'Token abc123'],
    ['  abc123\t\n', 'Token abc123'],
    ['\u00a0abc 123\u00a0', 'Token abc 123'],
    ['clé', 'Token clé'],
    ['', null],
    ['   ', null],
    ['a\r\nX-Evil: 1', null], // a control character: no header at all
    ['a\tb', null],
    ['a\u007fb', null],
    ['a\u0090b', null],
    ['\u0000', null],
    ['\u3000', null], // white space to both languages: no key
    ['\u2003key\u3000', 'Token key'],
  ];
  for (const [key, authorization] of cases) {
    const { prefetch, calls } = visit({ settings: { host: 'site', api_key: key }, at: '/?limit=20' });
    assert.equal(prefetch.authorization, authorization, JSON.stringify(key));
    assert.deepEqual(calls[0].init.headers, authorization ? { Authorization: authorization } : {}, JSON.stringify(key));
    assert.equal(calls[0].init.credentials, 'omit');
    assert.equal(calls[0].init.mode, 'cors');
    assert.ok(!calls[0].url.includes('abc'), 'the key is never in the URL');
  }
});

test('a key that cannot be a header value, or that the app trims differently, is left to the app', () => {
  for (const key of ['ключ', 'key\u0085', '\ufeffkey', 'key😀']) {
    assert.equal(visit({ settings: { api_key: key } }).prefetch, undefined, JSON.stringify(key));
  }
});

// -- The cache ------------------------------------------------------------------------------

test('a view answered less than 10 minutes ago costs no request', () => {
  const url = `${SITE}/spacecraft/?limit=20`;
  for (const storedAt of [NOW, NOW - 1, NOW - 9 * MINUTE, NOW - 10 * MINUTE + 1, `+${NOW - 1000}`, `000${NOW - 1000}`]) {
    const { prefetch, calls } = visit({ at: '/?limit=20', cache: { [`ll2-cache:${url}`]: entry(storedAt) } });
    assert.equal(prefetch, undefined, String(storedAt));
    assert.equal(calls.length, 0);
  }
  const detail = `${SITE}/spacecraft/95/`;
  assert.equal(urlAsked({ at: '/spacecraft/95', cache: { [`ll2-cache:${detail}`]: entry(NOW - MINUTE) } }), null);
});

test('a stale, future-dated or unreadable cache entry is asked for again', () => {
  const url = `${SITE}/spacecraft/`;
  // The app reads the stamp as whole milliseconds (u64); anything else is no entry to it.
  for (const text of [entry(NOW - 10 * MINUTE), entry(NOW - 11 * MINUTE), entry(NOW + 1), entry('abc'), entry(''),
    entry(' 1'), entry('0x1'), entry('Infinity'), entry('1e400'), entry(`${NOW - 1000}.5`), entry(`${NOW / 1000}e3`),
    entry(`-${NOW}`), entry('99999999999999999999999'), `${NOW}`, '']) {
    assert.equal(urlAsked({ cache: { [`ll2-cache:${url}`]: text } }), url, JSON.stringify(text));
  }
});

test('a fresh answer for another view or another API does not stop the prefetch', () => {
  const cache = {
    [`ll2-cache:${SITE}/spacecraft/?limit=50`]: entry(NOW),
    [`ll2-cache:${PROD}/spacecraft/?limit=20`]: entry(NOW),
  };
  assert.equal(urlAsked({ at: '/?limit=20', cache }), `${SITE}/spacecraft/?limit=20`);
});

test('offline, nothing is asked: the app shows what it has stored and asks when back online', () => {
  assert.equal(urlAsked({ at: '/?limit=20', window: { navigator: { onLine: false } } }), null);
});

// -- Private mode and failures --------------------------------------------------------------

test('in private mode, with storage that throws, the first view is still asked for', () => {
  for (const mode of ['throws', 'getter throws']) {
    const { prefetch } = visit({ at: '/?limit=20', local: mode, session: mode });
    assert.equal(prefetch.url, `${SITE}/spacecraft/?limit=20`, mode);
    assert.equal(prefetch.authorization, null);
  }
});

test('the answer is handed over with its status, Retry-After and body', async () => {
  const body = '{"detail":"Request was throttled. Expected available in 754 seconds."}';
  const throttled = visit({ respond: () => Promise.resolve(fakeResponse({ status: 429, headers: { 'retry-after': '754' }, body })) });
  assert.deepEqual(plain(await throttled.prefetch.response), { status: 429, retryAfter: '754', body });
  const ok = visit({ respond: () => Promise.resolve(fakeResponse({ status: 200, body: '{"count":1}' })) });
  assert.deepEqual(plain(await ok.prefetch.response), { status: 200, retryAfter: null, body: '{"count":1}' });
});

test('a fetch that fails (offline, CORS, abort) resolves to null, never to an error', async () => {
  const rejected = visit({ respond: () => Promise.reject(new TypeError('Failed to fetch')) });
  assert.equal(await rejected.prefetch.response, null);
  const bodyLost = visit({ respond: () => Promise.resolve({ ...fakeResponse(), text: () => Promise.reject(new TypeError('network')) }) });
  assert.equal(await bodyLost.prefetch.response, null);
});

test('nothing escapes the script, and it leaves no global but __ll2Prefetch and, on the grid, __ll2Grid (__ll2Snapshot only on a repeat visit)', () => {
  const thrower = () => { throw new Error('boom'); };
  for (const window of [
    { fetch: thrower }, // fetch throws at once: no prefetch to adopt
    { fetch: undefined },
    { document: { querySelector: thrower, baseURI: `${ORIGIN}/` } },
    { location: null },
    { document: { querySelector: () => null, get baseURI() { throw new Error('boom'); } } },
  ]) {
    let result;
    assert.doesNotThrow(() => { result = visit({ window }); });
    assert.equal(result.prefetch, undefined);
  }
  const { window, global } = visit({ at: '/?limit=20' });
  assert.deepEqual(Object.keys(global).sort(), ['Date', 'window']);
  assert.deepEqual(Object.keys(window).filter((key) => key.startsWith('__')), ['__ll2Grid', '__ll2Prefetch']);
  assert.deepEqual(Object.keys(window.__ll2Prefetch), ['url', 'authorization', 'response']);
  // The grid's first request, which index.html's rendering of `/` must have been drawn from.
  assert.equal(window.__ll2Grid, window.__ll2Prefetch.url);
  assert.equal(visit({ at: '/spacecraft/95' }).window.__ll2Grid, undefined);
});

test('the source file, run as it is, does what the inlined form does', () => {
  for (const options of [{ at: '/?ordering=-flights_count&search=dragon' }, { at: '/spacecraft/95' }, { at: '/?view=x' },
    { at: '/?limit=20', settings: { host: 'production', api_key: ' k ' } }]) {
    const a = visit(options).prefetch;
    const b = visit({ ...options, source: SOURCE }).prefetch;
    assert.deepEqual([a?.url, a?.authorization], [b?.url, b?.authorization], JSON.stringify(options));
  }
});

// -- Against the app's own rules, on random addresses --------------------------------------

/** encoding.rs `decode`, byte for byte (invalid UTF-8 becomes U+FFFD, like from_utf8_lossy). */
function appDecode(text) {
  const bytes = Buffer.from(text, 'utf8');
  const out = [];
  const hex = (byte) => (byte !== undefined && /[0-9a-fA-F]/.test(String.fromCharCode(byte)) ? parseInt(String.fromCharCode(byte), 16) : null);
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0x2b) out.push(0x20);
    else if (bytes[i] === 0x25 && hex(bytes[i + 1]) !== null && hex(bytes[i + 2]) !== null) {
      out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
      i += 2;
    } else out.push(bytes[i]);
  }
  // ignoreBOM: keep a leading U+FEFF, as Rust does.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(out));
}

/** encoding.rs `encode`. */
function appEncode(text) {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9*\-._]/.test(char)) out += char;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Rust's `str::parse::<uN>()`: an optional `+`, then digits; `null` when out of range. */
function appUint(value, max) {
  if (!/^\+?\d+$/.test(value)) return null;
  const number = BigInt(value);
  return number <= max ? number : null;
}

const RUST_WHITE_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
const ORDERINGS = ['flights_count', 'mission_ends_count', 'time_in_space', 'time_docked', 'id'];
const KEYS = ['search', 'name', 'status', 'spacecraft_config', 'in_space', 'is_placeholder', 'ordering', 'mode', 'limit', 'offset'];

/** query.rs `Query::parse` then `endpoints::spacecraft_list`: the URL the app builds for a query string. */
function appListUrl(base, queryString) {
  const query = {};
  const pairs = queryString.replace(/^\?+/, '').split('&').filter(Boolean).map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [appDecode(pair), ''] : [appDecode(pair.slice(0, at)), appDecode(pair.slice(at + 1))];
  });
  const U32 = 4294967295n;
  const bool = (value) => ({ true: 'true', 1: 'true', false: 'false', 0: 'false' })[value.toLowerCase()];
  for (const [key, value] of pairs) {
    if (key === 'search' || key === 'name') query[key] = RUST_WHITE_SPACE.test(value) ? undefined : value;
    else if (key === 'status' || key === 'spacecraft_config') {
      const id = appUint(value, U32);
      query[key] = id ? String(id) : undefined;
    } else if (key === 'in_space' || key === 'is_placeholder') query[key] = bool(value);
    else if (key === 'ordering') query[key] = ORDERINGS.includes(value.replace(/^-/, '')) ? value : undefined;
    else if (key === 'mode') query[key] = value === 'detailed' ? 'detailed' : undefined;
    else if (key === 'limit') {
      const limit = appUint(value, 18446744073709551615n);
      const clamped = limit ? (limit > 100n ? 100n : limit) : null;
      query[key] = clamped && clamped !== 10n ? String(clamped) : undefined;
    } else if (key === 'offset') {
      const offset = appUint(value, U32) ?? 0n;
      query[key] = offset > 0n ? String(offset) : undefined;
    }
  }
  const canonical = KEYS.filter((key) => query[key] !== undefined).map((key) => `${key}=${appEncode(query[key])}`).join('&');
  return `${base}/spacecraft/${canonical ? `?${canonical}` : ''}`;
}

/** A small deterministic generator (xorshift), as in the Rust fuzz test. */
function generator(seed) {
  let state = seed;
  return (bound) => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state % bound;
  };
}

test('on random addresses, whenever the script asks, it asks for the very URL the app builds', () => {
  const next = generator(0x9e3779b9);
  const pieces = ['a', 'b', '=', '&', '%', '%2', '%25', '%20', '%E7%A5%9E', '%FF', '+', '#', '-', '_', '0', '1', '5', '9',
    '10', '20', '100', 'true', 'True', 'false', 'detailed', 'normal', 'id', '-flights_count', 'time_docked', ' ', '神', 'é',
    "'", '!', '~', '*', '.', 'view', 'chart', 'metric', 'search', 'limit', '%C2%85', '%EF%BB%BF', '%E3%80%80', '%09', '+5', '05', '4294967296'];
  const keys = [...KEYS, 'view', 'metric', 'foo'];
  let asked = 0;
  for (let round = 0; round < 5000; round += 1) {
    let search = '';
    for (let pair = next(5); pair > 0; pair -= 1) {
      search += `${keys[next(keys.length)]}=`;
      for (let piece = next(4); piece > 0; piece -= 1) search += pieces[next(pieces.length)];
      if (next(3) > 0) search += '&';
    }
    if (next(10) === 0) search += pieces[next(pieces.length)];
    // Like a browser's location.search: what the address bar holds, percent-encoded.
    const location = new URL(`/?${search}`, ORIGIN).search;
    const url = urlAsked({ at: `/${location}` });
    if (url !== null) {
      asked += 1;
      assert.equal(url, appListUrl(SITE, location), `for ?${search}`);
    }
  }
  assert.ok(asked > 500, `the random addresses should often be ones the script asks for (${asked} of 5000)`);
});

test('every canonical view the app can show is asked for, whatever the order and encoding of its link', () => {
  const next = generator(0x2545f491);
  const text = () => {
    const chars = ['a', 'Z', ' ', '%', '+', '&', '=', '#', '神', 'ö', "'", '~', '!', '*', '/', '?', '0'];
    let out = 'x';
    for (let i = next(6); i > 0; i -= 1) out += chars[next(chars.length)];
    return next(2) ? out : ` ${out}`;
  };
  const choices = {
    search: text,
    name: text,
    status: () => String(1 + next(20)),
    spacecraft_config: () => String(1 + next(500)),
    in_space: () => (next(2) ? 'true' : 'false'),
    is_placeholder: () => (next(2) ? 'true' : 'false'),
    ordering: () => `${next(2) ? '-' : ''}${ORDERINGS[next(ORDERINGS.length)]}`,
    mode: () => 'detailed',
    limit: () => String([1, 5, 20, 50, 99, 100][next(6)]),
    offset: () => String(next(60) * 10 + 1),
  };
  for (let round = 0; round < 2000; round += 1) {
    const pairs = KEYS.filter(() => next(3) === 0).map((key) => [key, choices[key]()]);
    // Shuffle, and encode the way other tools might (URLSearchParams, encodeURIComponent, the app).
    pairs.sort(() => next(3) - 1);
    const encoders = [appEncode, encodeURIComponent, (value) => new URLSearchParams({ v: value }).toString().slice(2)];
    const encode = encoders[next(encoders.length)];
    const search = pairs.map(([key, value]) => `${key}=${encode(value)}`).join('&');
    const url = urlAsked({ at: `/?${search}` });
    assert.equal(url, appListUrl(SITE, search), `for ?${search}`);
  }
});

// -- The build ------------------------------------------------------------------------------

const hashOf = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const policyOf = (html) => html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
const inlineScripts = (html) => [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);

test('index.html has the placeholder right after <base>, before any other script', () => {
  const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
  assert.match(html, /<base data-trunk-public-url \/>\s*(<!--[\s\S]*?-->\s*)?<script data-prefetch><\/script>/);
  assert.equal(html.indexOf('<script'), html.indexOf('<script data-prefetch>'));
});

test('the Trunk hook inlines the script and allows it (and Trunk\'s loader) by hash, after inlining', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prefetch-hook-'));
  // What Trunk stages: <base href> written, its loader added.
  const staged = readFileSync(join(ROOT, 'index.html'), 'utf8')
    .replace('<base data-trunk-public-url />', '<base href="/explorer/" />')
    .replace('</body>', '<script type="module">import init from "/explorer/app.js"; init("/explorer/app_bg.wasm");</script></body>');
  writeFileSync(join(dir, 'index.html'), staged);
  execFileSync(process.execPath, [join(ROOT, '.ci/trunk-post-build.mjs')], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, LL2_API_BASE: 'http://127.0.0.1:9/2.3.0' },
  });
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const scripts = inlineScripts(html);
  assert.equal(scripts[0], INLINED, 'the prefetch comes first, exactly as compacted ($ and all)');
  // The prefetch, index.html's own one line that paints a kept rendering (see the prefetch's
  // `keep`), and Trunk's loader.
  assert.equal(scripts.length, 3);
  const scriptSrc = policyOf(html).split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src '));
  for (const script of scripts) assert.ok(scriptSrc.includes(hashOf(script)), `${scriptSrc} allows ${script.slice(0, 40)}…`);
  assert.ok(!scriptSrc.includes(hashOf('')), 'the empty placeholder was never hashed');
  assert.match(html, /<meta name="ll2-api-base" content="http:\/\/127\.0\.0\.1:9\/2\.3\.0"/);
  assert.match(policyOf(html), /connect-src [^;]*http:\/\/127\.0\.0\.1:9/);
  // A deployer pointing the built page elsewhere keeps the script allowed: its text is unchanged.
  const repointed = pointSiteAt(html, 'https://ll.thespacedevs.com/2.3.0');
  assert.equal(inlineScripts(repointed)[0], INLINED);
  assert.ok(policyOf(repointed).includes(hashOf(INLINED)));
});

test('inlining is safe to repeat and refuses a page without the placeholder', () => {
  const page = '<head><meta http-equiv="Content-Security-Policy" content="script-src \'self\'" /><script data-prefetch></script></head>';
  const once = allowInlineScripts(inlinePrefetch(page, SOURCE));
  const twice = allowInlineScripts(inlinePrefetch(once, SOURCE));
  assert.equal(twice, once);
  assert.throws(() => inlinePrefetch('<head></head>', SOURCE), /placeholder/);
  assert.throws(() => compactScript('const a = "</script>";'), /must not contain/);
});

test('the script stays small', () => {
  // What the page carries is the compacted form (the source keeps its comments).
  // 4,600: the grid's first request named for the build's rendering of `/` took it past 4,500.
  assert.ok(INLINED.length < 4600, `inlined: ${INLINED.length} bytes`);
  console.log(`prefetch script: ${SOURCE.length} B source, ${INLINED.length} B inlined`);
});
