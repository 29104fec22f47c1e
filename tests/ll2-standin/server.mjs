#!/usr/bin/env node
// Local stand-in for The Space Devs' Launch Library 2 (2.3.0) API, for tests.
// Zero dependencies (Node.js 20 built-ins only); always binds 127.0.0.1.
//
// CLI:     node tests/ll2-standin/server.mjs [--port N] [--host 127.0.0.1]
//          prints `LL2_STANDIN_LISTENING http://127.0.0.1:PORT/2.3.0` once listening,
//          runs until SIGTERM/SIGINT.
// Library: const s = await startStandin({ port: 0 });
//          s.base, s.origin, s.close(), s.requests(), s.failNext(rule), s.reset()
//
// Besides the API (see api.mjs) it serves generated SVGs under /media/ (so tests never
// reach the internet) and a control surface under /__control/ for injecting failures.
// README.md beside this file documents data, rules and endpoints.

import http from 'node:http';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDataset } from './dataset.mjs';
import { handleApi } from './api.mjs';

const HOST = '127.0.0.1';
const API_PREFIX = '/2.3.0';
const CONTROL_PREFIX = '/__control/';
const MEDIA_PREFIX = '/media/';
const MAX_CONTROL_BODY = 1 << 20;

// Every API answer is readable cross-origin, and Retry-After is exposed so a browser app
// can read it from a 429. Rules may drop these (cors: false) to mimic a proxy's throttle.
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
};
const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
  'Access-Control-Max-Age': '600',
};

const RULE_KEYS = new Set(['path', 'match_query', 'times', 'status', 'body', 'headers', 'cors',
  'delay_ms', 'retry_after', 'throttle']);

const REASONS = { 400: 'Bad request.', 401: 'Authentication credentials were not provided.',
  403: 'You do not have permission to perform this action.', 404: 'Not found.',
  429: 'Request was throttled.', 500: 'A server error occurred.', 502: 'Bad gateway.',
  503: 'Service unavailable.', 504: 'Gateway timeout.' };

// ---------------------------------------------------------------------------
// Fail rules
// ---------------------------------------------------------------------------

/** Validates a rule and fills defaults. Throws TypeError on a malformed rule (typos fail loudly). */
export function normalizeRule(rule) {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) throw new TypeError('rule must be an object');
  const unknown = Object.keys(rule).filter((k) => !RULE_KEYS.has(k));
  if (unknown.length) throw new TypeError(`unknown rule keys: ${unknown.join(', ')}`);
  const times = rule.times ?? 1;
  if (!Number.isInteger(times) || times < 0) throw new TypeError('times must be an integer >= 0');
  if (rule.status != null && !(Number.isInteger(rule.status) && rule.status >= 200 && rule.status <= 599)) {
    throw new TypeError('status must be an HTTP status code');
  }
  if (rule.delay_ms != null && !(Number.isFinite(rule.delay_ms) && rule.delay_ms >= 0)) {
    throw new TypeError('delay_ms must be a number >= 0');
  }
  if (rule.headers != null && (typeof rule.headers !== 'object' || Array.isArray(rule.headers))) {
    throw new TypeError('headers must be an object');
  }
  return {
    path: rule.path ?? null,
    match_query: rule.match_query ?? null,
    remaining: times === 0 ? Infinity : times,
    status: rule.status ?? null,
    // A body given as an object is a convenience; strings are sent exactly as given.
    body: rule.body == null ? null : typeof rule.body === 'string' ? rule.body : JSON.stringify(rule.body),
    headers: rule.headers ?? {},
    cors: rule.cors !== false,
    delay_ms: rule.delay_ms ?? 0,
    retry_after: rule.retry_after ?? null,
    throttle: rule.throttle ?? null,
    original: rule,
  };
}

function safeDecode(text) {
  try { return decodeURIComponent(text.replace(/\+/g, ' ')); } catch { return text; }
}

/**
 * Without `path`, a rule applies to every API path except api-throttle/ (so a test that
 * throttles the data endpoints can still read the quota). match_query is compared with
 * the raw query string and with its decoded form, so `search=神舟` matches either way.
 */
function ruleMatches(rule, apiPath, rawQuery) {
  if (rule.path == null ? apiPath === 'api-throttle/' : !apiPath.includes(rule.path)) return false;
  if (rule.match_query != null && !rawQuery.includes(rule.match_query) &&
      !safeDecode(rawQuery).includes(rule.match_query)) return false;
  return true;
}

/** A rule answers by itself when it sets a status, a body or a Retry-After. */
function isFailure(rule) {
  return rule.status != null || rule.body != null || rule.retry_after != null;
}

function throttledDetail(seconds) {
  return `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

function failureResponse(rule) {
  const status = rule.status ?? (rule.retry_after != null ? 429 : rule.body != null ? 200 : 500);
  let body = rule.body;
  if (body == null) {
    body = JSON.stringify({ detail: rule.retry_after != null ? throttledDetail(rule.retry_after)
      : REASONS[status] ?? `Injected failure (${status}).` });
  }
  return { status, body };
}

// ---------------------------------------------------------------------------
// Media
// ---------------------------------------------------------------------------

function escapeXml(text) {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small coloured rectangle labelled with the file name; the hue is derived from the name. */
export function renderSvg(name) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  const label = name.length > 40 ? `${name.slice(0, 39)}…` : name;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200">` +
    `<rect width="320" height="200" fill="hsl(${hash % 360}, 55%, 40%)"/>` +
    `<text x="160" y="105" font-family="sans-serif" font-size="14" fill="#fff" text-anchor="middle">` +
    `${escapeXml(label)}</text></svg>`;
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

function sendJson(res, status, value, headers = CORS_HEADERS) {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json', ...headers });
}

function send(res, status, body, headers) {
  if (res.destroyed || res.writableEnded) return; // client went away during a delay
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.writeHead(status);
  res.end(body);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_CONTROL_BODY) { reject(new Error('body too large')); req.destroy(); } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Starts a stand-in on 127.0.0.1. Resolves once listening.
 * @param {{port?: number, bulk?: number}} [options] port 0 (default) picks a free port; `bulk`
 *   adds that many generated spacecraft (see `bulkRows` in dataset.mjs), none by default.
 */
export async function startStandin({ port = 0, bulk = 0 } = {}) {
  const verbose = process.env.LL2_STANDIN_VERBOSE === '1';
  const state = { rules: [], log: [], currentUse: 0, timers: new Set(), closed: false };
  let ds = null; // built after listen, once the origin (port) is known
  let origin = null;

  const sleep = (ms) => new Promise((resolve) => {
    const t = setTimeout(() => { state.timers.delete(t); resolve(); }, ms);
    state.timers.add(t);
  });

  /** First matching rule wins; taking it uses up one of its `times`. */
  function takeRule(apiPath, rawQuery) {
    const i = state.rules.findIndex((r) => ruleMatches(r, apiPath, rawQuery));
    if (i < 0) return null;
    const rule = state.rules[i];
    rule.remaining -= 1;
    if (rule.remaining <= 0) state.rules.splice(i, 1);
    return rule;
  }

  function failNext(rule) {
    const rules = (Array.isArray(rule) ? rule : [rule]).map(normalizeRule);
    state.rules.push(...rules);
  }

  function reset() {
    state.rules.length = 0;
    state.log.length = 0;
  }

  async function serveApi(req, res, url) {
    const rawQuery = url.search.slice(1);
    const params = {};
    for (const k of url.searchParams.keys()) params[k] = url.searchParams.getAll(k).at(-1);
    const entry = { method: req.method, path: url.pathname, query: rawQuery, params,
      authorization: req.headers.authorization ?? null, at: Date.now(), status: null };
    state.log.push(entry);

    // Path after /2.3.0/, always ending in '/' so "spacecraft" and "spacecraft/" route alike.
    let apiPath = url.pathname.slice(API_PREFIX.length).replace(/^\/+/, '');
    if (apiPath && !apiPath.endsWith('/')) apiPath += '/';
    if (apiPath !== 'api-throttle/') state.currentUse += 1;

    const rule = takeRule(apiPath, rawQuery);
    if (rule?.delay_ms) await sleep(rule.delay_ms);
    if (state.closed) return;

    let status;
    let body;
    if (rule && isFailure(rule)) {
      ({ status, body } = failureResponse(rule));
    } else {
      // The throttle override of the matched rule, else of any still-active rule.
      const throttleOverride = rule?.throttle ?? state.rules.find((r) => r.throttle)?.throttle ?? null;
      const out = handleApi(ds, { apiPath, pathname: url.pathname, origin, searchParams: url.searchParams,
        currentUse: state.currentUse, throttleOverride });
      status = out.status;
      body = JSON.stringify(out.json);
    }
    const headers = { 'Content-Type': 'application/json', ...(rule?.cors === false ? {} : CORS_HEADERS) };
    if (rule?.retry_after != null) headers['Retry-After'] = String(rule.retry_after);
    Object.assign(headers, rule?.headers ?? {});
    entry.status = status;
    send(res, status, body, headers);
  }

  function serveMedia(req, res, url) {
    const name = safeDecode(url.pathname.slice(MEDIA_PREFIX.length));
    if (name.endsWith('.svg') && !name.includes('/') && name.length > 4) {
      send(res, 200, renderSvg(name.slice(0, -4)), { 'Content-Type': 'image/svg+xml',
        'Cache-Control': 'max-age=3600', 'Access-Control-Allow-Origin': '*' });
    } else {
      // Includes /media/missing.jpg, the deliberately broken image of the data set.
      send(res, 404, 'Not found', { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' });
    }
  }

  async function serveControl(req, res, url) {
    const action = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, '');
    if (action === 'requests' && req.method === 'GET') return sendJson(res, 200, state.log);
    if (action === 'rules' && req.method === 'GET') return sendJson(res, 200, state.rules.map((r) => r.original));
    if (action === 'reset' && req.method === 'POST') { reset(); return sendJson(res, 200, { ok: true }); }
    if (action === 'fail' && req.method === 'POST') {
      try {
        failNext(JSON.parse(await readBody(req)));
      } catch (err) {
        return sendJson(res, 400, { detail: `Invalid rule: ${err.message}` });
      }
      return sendJson(res, 200, { ok: true, rules: state.rules.length });
    }
    return sendJson(res, 404, { detail: 'Not found.' });
  }

  async function route(req, res) {
    const url = new URL(req.url, origin);
    const started = Date.now();
    if (verbose) {
      res.on('finish', () => process.stderr.write(
        `[ll2-standin] ${req.method} ${req.url} -> ${res.statusCode} (${Date.now() - started} ms)\n`));
    }
    if (req.method === 'OPTIONS') return send(res, 204, '', PREFLIGHT_HEADERS);
    if (url.pathname.startsWith(CONTROL_PREFIX)) return serveControl(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, { detail: `Method "${req.method}" not allowed.` });
    }
    if (url.pathname.startsWith(MEDIA_PREFIX)) return serveMedia(req, res, url);
    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) return serveApi(req, res, url);
    return sendJson(res, 404, { detail: 'Not found.' });
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      process.stderr.write(`[ll2-standin] internal error: ${err.stack}\n`);
      sendJson(res, 500, { detail: 'Stand-in internal error.' });
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => { server.off('error', reject); resolve(); });
  });
  origin = `http://${HOST}:${server.address().port}`;
  ds = buildDataset({ origin, bulk });

  return {
    base: `${origin}${API_PREFIX}`,
    origin,
    /** Stops listening, drops open connections and pending delays. */
    close() {
      state.closed = true;
      for (const t of state.timers) clearTimeout(t);
      state.timers.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    /** Copy of the request log (API paths only). */
    requests: () => state.log.map((e) => ({ ...e, params: { ...e.params } })),
    failNext,
    reset,
    /** The data set being served (read-only by convention), for tests that need expectations. */
    get dataset() { return ds; },
  };
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { port: 0, host: HOST };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag === '--port') opts.port = Number(value());
    else if (flag === '--host') opts.host = value();
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port must be 0..65535');
  if (opts.host !== HOST) throw new Error(`--host must be ${HOST} (the stand-in only binds loopback)`);
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`ll2-standin: ${err.message}\nusage: node server.mjs [--port N] [--host 127.0.0.1]\n`);
    process.exit(2);
  }
  const standin = await startStandin({ port: opts.port });
  process.stdout.write(`LL2_STANDIN_LISTENING ${standin.base}\n`);
  const stop = () => standin.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

const isMain = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().catch((err) => {
    process.stderr.write(`ll2-standin: ${err.message}\n`);
    process.exit(1);
  });
}
