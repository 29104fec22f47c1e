// The LL2 2.3.0 endpoints of the stand-in, as pure functions:
// (dataset, request facts) -> { status, json }.
//
// Query handling mirrors Django REST Framework + django-filter, which the real API runs on:
// the last value of a repeated parameter wins, invalid limit/offset fall back to defaults,
// invalid filter values answer 400 with per-field messages, and next/previous links are
// rebuilt from the request's own parameters with keys sorted (DRF's replace_query_param).

import { durationSeconds, pickNormalConfig } from './dataset.mjs';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

const NOT_FOUND = { status: 404, json: { detail: 'Not found.' } };
const INVALID_CHOICE = 'Select a valid choice. That choice is not one of the available choices.';
const INVALID_BOOLEAN = 'Must be a valid boolean.';

// ---------------------------------------------------------------------------
// Query parameter helpers
// ---------------------------------------------------------------------------

/** Django's QueryDict.get: the last value of a repeated key, or null. */
export function lastParam(searchParams, key) {
  const all = searchParams.getAll(key);
  return all.length ? all[all.length - 1] : null;
}

/** Python's int() on a non-negative decimal (DRF's _positive_int), else null. */
function parseNonNegativeInt(text) {
  if (text == null || !/^\s*\+?\d+\s*$/.test(text)) return null;
  return Number(text.trim());
}

function pageWindow(searchParams) {
  let limit = parseNonNegativeInt(lastParam(searchParams, 'limit'));
  if (limit == null || limit === 0) limit = DEFAULT_LIMIT; // DRF: strict positive, else default
  limit = Math.min(limit, MAX_LIMIT);
  const offset = parseNonNegativeInt(lastParam(searchParams, 'offset')) ?? 0;
  return { limit, offset };
}

/** Python's urllib.parse.quote_plus (what DRF uses when it rebuilds links). */
function quotePlus(text) {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** DRF replace_query_param/remove_query_param: set or drop keys, then re-encode with sorted keys. */
function rebuildUrl(urlBase, searchParams, changes) {
  const grouped = new Map();
  for (const [k, v] of searchParams) {
    if (!grouped.has(k)) grouped.set(k, []);
    grouped.get(k).push(v);
  }
  for (const [k, v] of Object.entries(changes)) {
    if (v == null) grouped.delete(k);
    else grouped.set(k, [String(v)]);
  }
  const keys = [...grouped.keys()].sort();
  const query = keys.flatMap((k) => grouped.get(k).map((v) => `${quotePlus(k)}=${quotePlus(v)}`)).join('&');
  return query ? `${urlBase}?${query}` : urlBase;
}

/** LimitOffsetPagination envelope over an already filtered and ordered array. */
function paginate(items, req, mapItem = (x) => x) {
  const { limit, offset } = pageWindow(req.searchParams);
  const count = items.length;
  const pageUrl = `${req.origin}${req.pathname}`;
  const next = offset + limit < count
    ? rebuildUrl(pageUrl, req.searchParams, { limit, offset: offset + limit })
    : null;
  let previous = null;
  if (offset > 0) {
    previous = offset - limit <= 0
      ? rebuildUrl(pageUrl, req.searchParams, { limit, offset: null })
      : rebuildUrl(pageUrl, req.searchParams, { limit, offset: offset - limit });
  }
  return { count, next, previous, results: items.slice(offset, offset + limit).map(mapItem) };
}

/** DRF SearchFilter terms: commas count as spaces, empty terms dropped. */
function searchTerms(searchParams) {
  const raw = lastParam(searchParams, 'search') ?? '';
  return raw.replace(/\0/g, '').replace(/,/g, ' ').split(/\s+/).filter(Boolean).map((t) => t.toLowerCase());
}

/** Every term must be a case-insensitive substring of at least one field. */
function matchesSearch(terms, fields) {
  const haystack = fields.filter((f) => typeof f === 'string').map((f) => f.toLowerCase());
  return terms.every((t) => haystack.some((f) => f.includes(t)));
}

const TRUE_VALUES = new Set(['true', 'True', '1']);
const FALSE_VALUES = new Set(['false', 'False', '0']);

/**
 * Reads the declared filters. Returns { filters, errors } where errors is DRF's
 * {field: [message]} for values that do not validate. Empty values mean "no filter",
 * as in django-filter.
 * spec: {field: 'bool' | 'text' | {choices: Set<number>}}
 */
function readFilters(searchParams, spec) {
  const filters = {};
  const errors = {};
  for (const [field, kind] of Object.entries(spec)) {
    const raw = lastParam(searchParams, field);
    if (raw == null || raw === '') continue;
    if (kind === 'bool') {
      if (TRUE_VALUES.has(raw)) filters[field] = true;
      else if (FALSE_VALUES.has(raw)) filters[field] = false;
      else errors[field] = [INVALID_BOOLEAN];
    } else if (kind === 'text') {
      filters[field] = raw;
    } else if (/^\d+$/.test(raw) && kind.choices.has(Number(raw))) {
      filters[field] = Number(raw);
    } else {
      errors[field] = [INVALID_CHOICE];
    }
  }
  return { filters, errors };
}

/**
 * DRF OrderingFilter: comma-separated fields with optional '-', unknown fields dropped;
 * nothing valid -> the view's default order. Nulls behave as in PostgreSQL: last when
 * ascending, first when descending. Ties fall back to the default order (stable paging).
 */
function orderBy(items, searchParams, sortKeys, defaultCompare) {
  const raw = lastParam(searchParams, 'ordering') ?? '';
  const fields = raw.split(',').map((f) => f.trim())
    .filter((f) => Object.hasOwn(sortKeys, f.replace(/^-/, '')));
  const compare = (a, b) => {
    for (const f of fields) {
      const desc = f.startsWith('-');
      const key = sortKeys[f.replace(/^-/, '')];
      const c = compareNullsLast(key(a), key(b));
      if (c) return desc ? -c : c;
    }
    return defaultCompare(a, b);
  };
  return [...items].sort(compare);
}

function compareNullsLast(x, y) {
  if (x == null && y == null) return 0;
  if (x == null) return 1;
  if (y == null) return -1;
  if (typeof x === 'string') return x < y ? -1 : x > y ? 1 : 0;
  return x - y;
}

function badRequest(errors) {
  return { status: 400, json: errors };
}

// ---------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------

const SPACECRAFT_ORDERING = {
  id: (s) => s.id,
  flights_count: (s) => s.flights_count,
  mission_ends_count: (s) => s.mission_ends_count,
  time_docked: (s) => durationSeconds(s.time_docked),
  time_in_space: (s) => durationSeconds(s.time_in_space),
};

/**
 * The "API order" when no ordering is asked for: by name (case-insensitive code points),
 * then id. Deliberately not id order, so tests can tell `ordering=id` apart from the default.
 */
export function defaultSpacecraftOrder(a, b) {
  const an = a.name.toLowerCase();
  const bn = b.name.toLowerCase();
  return an < bn ? -1 : an > bn ? 1 : a.id - b.id;
}

function detailedConfig(config) {
  return { ...config, response_mode: 'detailed' };
}

function detailedSpacecraft(ds, sc) {
  const config = ds.configs.find((c) => c.id === sc.spacecraft_config.id);
  return {
    ...sc,
    response_mode: 'detailed',
    spacecraft_config: detailedConfig(config),
    flights: ds.flightsBySpacecraft.get(sc.id) ?? [],
  };
}

function listSpacecraft(ds, req) {
  const { filters, errors } = readFilters(req.searchParams, {
    in_space: 'bool',
    is_placeholder: 'bool',
    name: 'text',
    spacecraft_config: { choices: new Set(ds.configs.map((c) => c.id)) },
    status: { choices: new Set(ds.statuses.map((s) => s.id)) },
  });
  if (Object.keys(errors).length) return badRequest(errors);

  const terms = searchTerms(req.searchParams);
  const matching = ds.spacecraft.filter((sc) =>
    (filters.in_space === undefined || sc.in_space === filters.in_space) &&
    (filters.is_placeholder === undefined || sc.is_placeholder === filters.is_placeholder) &&
    (filters.name === undefined || sc.name === filters.name) &&
    (filters.spacecraft_config === undefined || sc.spacecraft_config.id === filters.spacecraft_config) &&
    (filters.status === undefined || sc.status.id === filters.status) &&
    matchesSearch(terms, [sc.name, sc.spacecraft_config.name]));

  const ordered = orderBy(matching, req.searchParams, SPACECRAFT_ORDERING, defaultSpacecraftOrder);
  const detailed = lastParam(req.searchParams, 'mode') === 'detailed';
  return { status: 200, json: paginate(ordered, req, (sc) => (detailed ? detailedSpacecraft(ds, sc) : sc)) };
}

function getSpacecraft(ds, idText) {
  const sc = /^\d+$/.test(idText) ? ds.spacecraft.find((s) => s.id === Number(idText)) : undefined;
  if (!sc) return { status: 404, json: { detail: 'No Spacecraft matches the given query.' } };
  return { status: 200, json: detailedSpacecraft(ds, sc) };
}

function listConfigs(ds, req) {
  const { filters, errors } = readFilters(req.searchParams, {
    agency: { choices: ds.agencyIds },
    human_rated: 'bool',
    in_use: 'bool',
    name: 'text',
  });
  if (Object.keys(errors).length) return badRequest(errors);

  const terms = searchTerms(req.searchParams);
  const matching = ds.configs.filter((c) =>
    (filters.agency === undefined || c.agency.id === filters.agency) &&
    (filters.human_rated === undefined || c.human_rated === filters.human_rated) &&
    (filters.in_use === undefined || c.in_use === filters.in_use) &&
    (filters.name === undefined || c.name === filters.name) &&
    matchesSearch(terms, [c.name, c.agency.name, c.agency.abbrev]));

  const ordered = orderBy(matching, req.searchParams, { name: (c) => c.name }, (a, b) => a.id - b.id);
  const detailed = lastParam(req.searchParams, 'mode') === 'detailed';
  return { status: 200, json: paginate(ordered, req, (c) => (detailed ? detailedConfig(c) : pickNormalConfig(c))) };
}

function getConfig(ds, idText) {
  const config = /^\d+$/.test(idText) ? ds.configs.find((c) => c.id === Number(idText)) : undefined;
  if (!config) return { status: 404, json: { detail: 'No SpacecraftConfiguration matches the given query.' } };
  return { status: 200, json: detailedConfig(config) };
}

/**
 * `/spacecraft_flights/`: every flight in id order (LL2's default), filtered by `spacecraft` (an
 * id; unknown or not an integer → 400, as a foreign-key filter answers); `mode=detailed` gives
 * `SpacecraftFlightDetailed` (crews, docking events), otherwise `SpacecraftFlightNormal`.
 * `search` and `ordering` are not served.
 */
function listSpacecraftFlights(ds, req) {
  const { filters, errors } = readFilters(req.searchParams, {
    spacecraft: { choices: new Set(ds.spacecraft.map((sc) => sc.id)) },
  });
  if (Object.keys(errors).length) return badRequest(errors);
  const matching = ds.spacecraftFlights.filter((flight) =>
    filters.spacecraft === undefined || flight.normal.spacecraft.id === filters.spacecraft);
  const detailed = lastParam(req.searchParams, 'mode') === 'detailed';
  return { status: 200, json: paginate(matching, req, (flight) => (detailed ? flight.detailed : flight.normal)) };
}

/** `/spacecraft_flights/{id}/`: always detailed. */
function getSpacecraftFlight(ds, idText) {
  const flight = /^\d+$/.test(idText) ? ds.spacecraftFlights.find((f) => f.normal.id === Number(idText)) : undefined;
  if (!flight) return { status: 404, json: { detail: 'No SpacecraftFlight matches the given query.' } };
  return { status: 200, json: flight.detailed };
}

function listStatuses(ds, req) {
  return { status: 200, json: paginate(ds.statuses, req) };
}

/** /api-throttle/: the quota as the stand-in counts it, possibly overridden by a test rule. */
function apiThrottle(req) {
  return {
    status: 200,
    json: {
      your_request_limit: 15,
      limit_frequency_secs: 3600,
      current_use: req.currentUse,
      next_use_secs: 0,
      ident: '127.0.0.1',
      ...(req.throttleOverride ?? {}),
    },
  };
}

function apiRoot(ds) {
  const b = ds.base;
  return { status: 200, json: {
    spacecraft: `${b}/spacecraft/`,
    spacecraft_configurations: `${b}/spacecraft_configurations/`,
    spacecraft_flights: `${b}/spacecraft_flights/`,
    'config/spacecraft_statuses': `${b}/config/spacecraft_statuses/`,
    'api-throttle': `${b}/api-throttle/`,
  } };
}

/**
 * Routes one API request. `req`: { apiPath (after /2.3.0/, normalised to end in '/', or ''),
 * pathname, origin, searchParams, currentUse, throttleOverride }.
 */
export function handleApi(ds, req) {
  const p = req.apiPath;
  let m;
  if (p === '') return apiRoot(ds);
  if (p === 'spacecraft/') return listSpacecraft(ds, req);
  if ((m = /^spacecraft\/([^/]+)\/$/.exec(p))) return getSpacecraft(ds, m[1]);
  if (p === 'spacecraft_configurations/') return listConfigs(ds, req);
  if ((m = /^spacecraft_configurations\/([^/]+)\/$/.exec(p))) return getConfig(ds, m[1]);
  if (p === 'spacecraft_flights/') return listSpacecraftFlights(ds, req);
  if ((m = /^spacecraft_flights\/([^/]+)\/$/.exec(p))) return getSpacecraftFlight(ds, m[1]);
  if (p === 'config/spacecraft_statuses/') return listStatuses(ds, req);
  if (p === 'api-throttle/') return apiThrottle(req);
  return NOT_FOUND;
}
