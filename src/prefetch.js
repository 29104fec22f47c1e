// Asks the API for the first view while the wasm is still on its way. Inlined into index.html at
// build time by .ci/trunk-post-build.mjs, which also hashes it into the Content-Security-Policy.
// It builds the URL the app will build (context.rs, settings.rs, routes.rs, query.rs,
// encoding.rs, api/endpoints.rs) and starts that fetch; the app adopts window.__ll2Prefetch
// when its first request has the same url and authorization (api/client.rs). Whenever this
// script cannot be sure of that URL, or a fresh answer is cached (api/cache.rs), it does nothing
// and the app asks itself. When the visitor leaves a grid view it keeps the app's rendering of
// it, which the next visit paints first (`keep`, then index.html) while the app starts, if the
// answer it shows is still fresh. Nothing may throw out of it.
// Comments stay on lines of their own: the build drops comment lines, indentation, blank lines.
(function (w) {
  const d = w.document;
  // The URL and Authorization of the app's first request for the page in the address bar, and
  // whether it is the grid; nothing when this script cannot be sure of them.
  const request = () => {
    const DEV = 'https://lldev.thespacedevs.com/2.3.0';
    // Rust's trim() and JS's differ on U+0085 and U+FEFF only: where they matter, skip.
    const odd = /[\u0085\ufeff]/;
    const content = (css) => {
      const meta = d.querySelector(css);
      return meta && meta.getAttribute('content');
    };

    // The page's API base (endpoints::normalise_base).
    let site = content('meta[name="ll2-api-base"]') || '';
    if (odd.test(site)) return;
    site = site.trim();
    site = /^https?:\/\//i.test(site) ? site.replace(/\/+$/, '') : DEV;

    // The visitor's settings (Settings::parse): unreadable JSON is the defaults; a host name the
    // app does not know (an old "custom", garbage) is the page's API, and the key is kept.
    let host = 'site';
    let key = '';
    let s = null;
    try {
      s = w.localStorage.getItem('spacecraft-explorer.settings');
    } catch (e) {
      // Storage disabled: the app uses the defaults too.
    }
    // Where JSON.parse and the app's reader (api/json.rs) may disagree, skip: surrogates (the
    // app refuses escaped lone ones and reads raw lone ones as U+FFFD); a repeated field too
    // (both keep the last one now; still left to the app).
    if (/"(host|api_key)"\s*:[^]*"\1"\s*:|[\ud800-\udfff]|\\u[dD][89a-fA-F]/.test(s)) return;
    try {
      s = JSON.parse(s);
    } catch (e) {
      s = null;
    }
    // An array (the app's defaults) or a host that is neither a string nor null (the page's
    // API for the app): rare enough to leave to the app.
    if (Array.isArray(s) || (s && s.host != null && typeof s.host !== 'string')) return;
    if (s && typeof s === 'object' && (s.api_key === undefined || typeof s.api_key === 'string')) {
      host = s.host === 'development' || s.host === 'production' ? s.host : 'site';
      key = s.api_key || '';
    }

    // Settings::api_base: a host the page's policy does not let it reach (connect-src, else
    // default-src; no limit with * or https:) is the page's own API.
    let base = host === 'site' ? site : host === 'development' ? DEV : 'https://ll.thespacedevs.com/2.3.0';
    const policy = content('meta[http-equiv="Content-Security-Policy"]');
    if (host !== 'site' && policy != null) {
      if (odd.test(policy)) return;
      const parts = policy.split(';').map((part) => part.trim().split(/\s+/));
      const sources = parts.find((p) => p[0] === 'connect-src') || parts.find((p) => p[0] === 'default-src');
      const origin = base.slice(0, base.indexOf('/', 8));
      if (sources && !sources.some((x) => x === '*' || x === 'https:' || x === origin || x.indexOf(origin + '/') === 0)) base = site;
    }

    // Settings::authorization. A character above U+00FF cannot be in a header (the app's own
    // request would fail): skip rather than guess.
    if (odd.test(key)) return;
    key = key.trim();
    if (/[\u0100-\uffff]/.test(key)) return;
    const auth = key && !/[\u0000-\u001f\u007f-\u009f]/.test(key) ? 'Token ' + key : null;

    // The page (routes.rs): the path within the base (the base URI's path, trailing '/' cut),
    // empty segments dropped.
    let path = String(d.baseURI);
    // What follows the scheme's '://' (if any), from its first '/'.
    path = path.slice(path.indexOf('://') + 1 && path.indexOf('://') + 3);
    path = path.indexOf('/') < 0 ? '' : path.slice(path.indexOf('/')).split(/[?#]/)[0];
    const root = /\/$/.test(path) ? path.replace(/\/+$/, '') : '';
    path = w.location.pathname;
    if (path.slice(0, root.length) !== root || /^[^/]/.test(path.slice(root.length))) return;
    path = path.slice(root.length).split('/').filter(Boolean);

    let url = base + '/spacecraft/';
    if (path[0] === 'spacecraft' && path.length === 2) {
      // The id as u64 reads it (a '+', leading zeros), written back plainly; 1 to 2^64 - 1.
      const id = /^\+?0*([1-9]\d*)$/.exec(path[1]);
      if (!id || id[1].length > 20 || (id[1].length === 20 && id[1] > '18446744073709551615')) return;
      url += id[1] + '/';
    } else if (path.length) {
      return;
    } else {
      // The grid: only a query whose every key and value the app keeps exactly as it is
      // (query.rs); in canonical order, the order of these keys. IDs are u32 above 0.
      const ID = /^[1-9]\d{0,9}$/;
      const BOOL = /^(true|false)$/;
      // non_blank: something other than white space, as either language counts it.
      const TEXT = /[^\s\u0085]/;
      const valid = {
        search: TEXT,
        name: TEXT,
        status: ID,
        spacecraft_config: ID,
        in_space: BOOL,
        is_placeholder: BOOL,
        ordering: /^-?(flights_count|mission_ends_count|time_in_space|time_docked|id)$/,
        mode: /^detailed$/,
        // 1 to 100, but not the default 10.
        limit: /^([1-9]|1[1-9]|[2-9]\d|100)$/,
        offset: ID,
        // The app's own (cards or chart): checked like the rest, never sent.
        view: /^chart$/,
        metric: /^(flights_count|mission_ends_count|time_in_space|time_docked)$/,
      };
      const own = { view: 1, metric: 1 };
      // encoding::decode: '+' is a space, a '%' without two hex digits stays; bad UTF-8 throws.
      const dec = (x) => decodeURIComponent(x.replace(/\+/g, ' ').replace(/%(?![\da-f]{2})/gi, '%25'));
      // encoding::encode: only A-Z a-z 0-9 * - . _ stay, a space is '+'.
      const enc = (x) => encodeURIComponent(x).replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
      const seen = {};
      for (const pair of w.location.search.replace(/^\?+/, '').split('&')) {
        const at = pair.indexOf('=') + 1 || pair.length + 1;
        const k = dec(pair.slice(0, at - 1));
        const v = dec(pair.slice(at));
        if (pair && (!valid.hasOwnProperty(k) || k in seen || !valid[k].test(v) || (valid[k] === ID && v > 4294967295))) return;
        seen[k] = v;
      }
      const query = Object.keys(valid).filter((k) => k in seen && !own[k]).map((k) => k + '=' + enc(seen[k])).join('&');
      if (query) url += '?' + query;
    }
    return { url: url, auth: auth, grid: !path.length };
  };

  // Leaving the page (closed, reloaded, switched away from): the app's own rendering of a
  // settled grid view is kept for the next visit's first paint, stamped with the stored answer
  // it shows (api/cache.rs) and the build (the hashed URL of its glue), beside the answers and
  // under their bound: "<stored_at>\n<build>\n<html>". Not a view sized through the CSSOM (the
  // chart's `style:` lengths): as markup they would be style attributes, which the policy refuses.
  // index.html checks a kept rendering against what the grid draws before it shows one.
  // The stamp of a stored entry (cache::Entry, "<stored_at ms>\n…"), and where the rendering of
  // this page is kept: per API URL too (so per host), and the page, as the chart is not the cards.
  const stampOf = (text) => /^(\+?\d+)\n/.exec(text);
  const viewKey = (url) => 'll2-cache:view:' + url + ' ' + w.location.pathname + w.location.search;
  // Another tab changed the settings: this tab's app still asks its own host, which this script
  // can no longer tell from storage, so nothing is kept.
  let foreign = false;
  // Stores `text` under `key` within cache.rs's STORAGE_BOUND, 4 MB of our entries counted as it
  // counts them (key and value in UTF-8): other kept renderings make room, oldest stamp first;
  // answers never do (the app's own persist() evicts those). Without room, nothing is kept.
  const store = (key, text) => {
    const ls = w.localStorage;
    const size = (k) => new Blob([k, k === key ? text : ls.getItem(k)]).size;
    const views = [];
    let total = 0;
    for (let i = 0; i < ls.length; i++) {
      const k = ls.key(i);
      if (k.indexOf('ll2-cache:') || k === key) continue;
      total += size(k);
      if (!k.indexOf('ll2-cache:view:')) views.push(k);
    }
    total += size(key);
    views.sort((x, y) => parseInt(ls.getItem(x)) - parseInt(ls.getItem(y)));
    while (total > 4e6 && views.length) {
      total -= size(views[0]);
      ls.removeItem(views.shift());
    }
    total > 4e6 ? ls.removeItem(key) : ls.setItem(key, text);
  };
  const keep = () => {
    try {
      const main = d.querySelector('main#main');
      const build = d.querySelector('link[rel=modulepreload]');
      const now = request();
      if (foreign || !main || !build || !now || !now.grid || !main.querySelector('[data-testid=result-count]') || main.querySelector('[style]') || d.querySelector('[aria-busy="true"]')) return;
      const stamp = stampOf(w.localStorage.getItem('ll2-cache:' + now.url));
      if (!stamp) return;
      // The next visit is another tab, or this one afresh: nothing of this tab's state (pressed
      // compare toggles, an open filter panel, an open <details>) goes with it.
      const copy = main.cloneNode(true);
      copy.querySelectorAll('*').forEach((e) => {
        e.ariaPressed &&= 'false';
        e.ariaExpanded &&= 'false';
        e.removeAttribute('open');
        e.classList.remove('open');
      });
      store(viewKey(now.url), stamp[1] + '\n' + build.getAttribute('href') + '\n' + copy.innerHTML);
    } catch (e) {
      // Storage full or disabled: nothing kept.
    }
  };
  try {
    w.addEventListener('pagehide', keep);
    d.addEventListener('visibilitychange', () => d.visibilityState === 'hidden' && keep());
    w.addEventListener('storage', (e) => e.key && e.key.indexOf('spacecraft-explorer.') || (foreign = true));
  } catch (e) {
    // A window without events: nothing is kept, the prefetch still goes out.
  }

  try {
    const first = request();
    if (!first) return;
    const url = first.url;
    const auth = first.auth;
    // The grid's first request: index.html shows the build's rendering of `/` only for the very
    // request it was drawn from.
    if (first.grid) w.__ll2Grid = url;

    // A fresh cached answer (cache::Entry, "<stored_at ms>\n<body>", 10 minutes): no request.
    // Judged a moment before the app judges it: fresh here and stale there costs nothing (the
    // app then asks itself).
    let entry = null;
    try {
      entry = w.localStorage.getItem('ll2-cache:' + url);
    } catch (e) {
      // Storage disabled: the app has no cache either.
    }
    const stamp = stampOf(entry);
    const age = stamp ? Date.now() - stamp[1] : -1;
    const fresh = age >= 0 && age < 600000;
    // The app's own rendering of this grid view may have been kept when it last showed this very
    // answer (`keep`): index.html checks it (the stamp, the build, what it holds) and shows it in
    // place of the loading grid. Only with a fresh answer, which the app is about to show again.
    if (fresh && first.grid) w.__ll2Snapshot = { key: viewKey(url), stamp: stamp[1], answer: entry };
    // Offline the app shows what it has stored (with its age) and asks when back online.
    if (fresh || !w.navigator.onLine) return;

    // As the app's own request (api/client.rs): no credentials, only the Authorization header.
    w.__ll2Prefetch = {
      url: url,
      authorization: auth,
      response: w.fetch(url, { headers: auth ? { Authorization: auth } : {}, credentials: 'omit', mode: 'cors' })
        .then((r) => r.text().then((body) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: body })))
        .catch(() => null),
    };
  } catch (e) {
    // Never break the page: the app asks itself.
  }
})(window);
