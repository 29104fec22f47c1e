// A deployer puts tests/deploy/ll2-cache.conf (nginx proxy_cache) in front of LL2 and builds the
// site pointed at it: many visitors asking the same views cost the upstream one request per
// view, the deployer's key stays on the server, a visitor's own key is never shared, the quota
// report is always asked, and a throttle upstream reaches the browser as a throttle. Here the
// upstream is the stand-in and the site is the release build served by tests/deploy/nginx.conf.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, quietPeriod } from './support/harness.mjs';
import { freePort, Session, startChromedriver } from './support/webdriver.mjs';
import { breakdown, spending, urlOf } from './support/sessions.mjs';
import { startStandin } from '../ll2-standin/server.mjs';
import { cacheServer, deployCopy, siteServer, startNginx } from '../deploy/site.mjs';

const DEPLOYER_KEY = 'Token deployer-secret-0123';
const VISITORS = 3;

let standin;
let nginx;
let driver;
let site;
let cache;
let api;

before(async () => {
  standin = await startStandin();
  const [sitePort, cachePort] = [await freePort(), await freePort()];
  cache = await mkdtemp(join(tmpdir(), 'll2-cache-'));
  api = `http://127.0.0.1:${cachePort}/2.3.0`;
  const copy = await deployCopy(DIST, { apiBase: api, imagesFrom: standin.base });
  site = { ...copy, url: (path = '/') => `http://127.0.0.1:${sitePort}${path}` };
  nginx = await startNginx({
    servers: [
      await siteServer(site, sitePort),
      await cacheServer({ port: cachePort, upstream: standin.origin, cache, authorization: DEPLOYER_KEY }),
    ],
    ports: [sitePort, cachePort],
  });
  driver = await startChromedriver();
});

after(async () => {
  driver?.stop();
  await nginx?.stop();
  await standin?.close();
  if (site) await rm(site.root, { recursive: true, force: true });
  if (cache) await rm(cache, { recursive: true, force: true });
});

/** What the stand-in saw for `path?query` (origin left out). */
const askedFor = (url) => standin.requests().filter((request) => urlOf(request) === url);

describe('the cache configuration', () => {
  test('keeps answers exactly as long as the app does (src/api/cache.rs, Policy)', async () => {
    const policy = await readFile(new URL('../../src/api/cache.rs', import.meta.url), 'utf8');
    const ttlOf = (name) => {
      const expression = policy.match(new RegExp(`Policy::${name} => ([\\d\\s*]+),`))?.[1];
      assert.ok(expression, `Policy::${name} in cache.rs`);
      return expression.split('*').reduce((product, factor) => product * Number(factor.trim()), 1) / 1000;
    };
    const conf = await readFile(new URL('../deploy/ll2-cache.conf', import.meta.url), 'utf8');
    const seconds = { m: 60, h: 3600 };
    const validFor = (location) => {
      const block = conf.slice(conf.indexOf(`location ${location}`));
      const [, amount, unit] = block.match(/proxy_cache_valid 200 (\d+)([mh]);/);
      return Number(amount) * seconds[unit];
    };
    assert.equal(validFor('/ {'), ttlOf('View'), 'lists and records');
    assert.equal(validFor('~ ^/[^/]+/(config|spacecraft_configurations)/'), ttlOf('Lookup'), 'statuses and configurations');
    assert.match(conf.slice(conf.indexOf('api-throttle')), /^\s*proxy_cache off;/m);
  });
});

describe('over HTTP', () => {
  test('a list answer is fetched once and then shared, asked as the site with the deployer key', async () => {
    standin.reset();
    const url = '/2.3.0/spacecraft/?search=dragon';
    const first = await fetch(`${api.replace('/2.3.0', '')}${url}`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-cache-status'), 'MISS');
    const body = await first.json();
    const second = await fetch(`${api.replace('/2.3.0', '')}${url}`);
    assert.equal(second.headers.get('x-cache-status'), 'HIT');
    assert.deepEqual(await second.json(), body, 'the shared answer is the upstream one');
    // Readable by the app from its own origin: the upstream's CORS headers come through.
    assert.equal(second.headers.get('access-control-allow-origin'), '*');
    assert.match(second.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    const asked = askedFor(url);
    assert.equal(asked.length, 1, 'the upstream was asked once');
    assert.equal(asked[0].authorization, DEPLOYER_KEY);
  });

  test('the deployer key is in no file of the site', async () => {
    for (const name of await readdir(site.dir, { recursive: true })) {
      const text = await readFile(join(site.dir, name)).then((bytes) => bytes.toString('latin1'), () => '');
      assert.ok(!text.includes('deployer-secret'), `${name} carries the key`);
    }
  });

  test('the quota report is asked every time; a visitor with a key of their own is never shared', async () => {
    standin.reset();
    for (let i = 0; i < 2; i += 1) {
      const quota = await fetch(`${api}/api-throttle/`);
      assert.equal(quota.status, 200);
      assert.equal(quota.headers.get('x-cache-status'), null, 'not through the cache');
    }
    assert.equal(ofPath('/2.3.0/api-throttle/').length, 2);

    const url = '/2.3.0/spacecraft/?search=soyuz';
    await fetch(`${api}/spacecraft/?search=soyuz`); // now shared
    for (let i = 0; i < 2; i += 1) {
      const own = await fetch(`${api}/spacecraft/?search=soyuz`, { headers: { authorization: 'Token visitor-own' } });
      assert.equal(own.status, 200);
      assert.equal(own.headers.get('x-cache-status'), 'BYPASS');
    }
    const asked = askedFor(url).map((request) => request.authorization);
    assert.deepEqual(asked, [DEPLOYER_KEY, 'Token visitor-own', 'Token visitor-own']);
    // …and what a visitor's key fetched did not replace the shared answer.
    assert.equal((await fetch(`${api}/spacecraft/?search=soyuz`)).headers.get('x-cache-status'), 'HIT');
  });

  test('a throttle upstream passes through with its wait, and is not kept', async () => {
    standin.reset();
    standin.failNext({ path: 'spacecraft/', match_query: 'search=kept-not', retry_after: 754, times: 1 });
    const throttled = await fetch(`${api}/spacecraft/?search=kept-not`);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '754');
    assert.equal(throttled.headers.get('access-control-allow-origin'), '*');
    const next = await fetch(`${api}/spacecraft/?search=kept-not`);
    assert.equal(next.status, 200, 'the next visitor asks again');
    assert.equal(next.headers.get('x-cache-status'), 'MISS');
  });
});

const ofPath = (path) => standin.requests().filter((request) => request.path === path);

/** A first-time visitor: a new browser (its own profile: no storage, no service worker). */
async function visitor(width = 1280, height = 900) {
  return Session.create(driver.url, { width, height });
}

async function waitForCards(browser) {
  await browser.waitFor(`return document.querySelectorAll('main#main [data-spacecraft-id]').length > 0
    && !document.querySelector('[aria-busy=true]');`, { timeout: 30_000, message: 'the cards' });
}

describe(`${VISITORS} visitors in their own browsers`, () => {
  test('cost the upstream one request per distinct view', async () => {
    standin.reset();
    const views = ['/', '/?search=dragon&ordering=-flights_count', '/?in_space=true'];
    let detail = null;
    for (let n = 0; n < VISITORS; n += 1) {
      const browser = await visitor();
      try {
        for (const view of views) {
          await browser.goto(site.url(view));
          await waitForCards(browser);
        }
        // The first card of the last view, as a visitor would open it.
        detail ??= await browser.exec(`return document.querySelector('main#main [data-spacecraft-id] a[href*="/spacecraft/"]').getAttribute('href');`);
        await browser.goto(site.url(detail));
        await browser.waitFor(`return document.querySelector('main#main h1') !== null && !document.querySelector('[aria-busy=true]');`,
          { timeout: 30_000, message: 'the spacecraft page' });
        await quietPeriod({ logs: [standin] });
      } finally {
        await browser.quit();
      }
    }
    const data = spending(standin.requests());
    const { byUrl, byKind } = breakdown(data);
    assert.equal(byKind.list, views.length, `each view's list was asked for once: ${JSON.stringify(byUrl)}`);
    assert.equal(byKind.detail, 1, `the spacecraft was asked for once: ${JSON.stringify(byUrl)}`);
    const repeated = Object.entries(byUrl).filter(([, count]) => count > 1);
    assert.deepEqual(repeated, [], `upstream requests per URL over ${VISITORS} visitors: ${JSON.stringify(byUrl)}`);
  });

  test('a throttle upstream reaches the browser as a throttle, with its wait', async () => {
    standin.reset();
    standin.failNext({ path: 'spacecraft/', match_query: 'search=apollo', retry_after: 754, times: 0 });
    const browser = await visitor(375, 740);
    try {
      await browser.goto(site.url('/?search=apollo'));
      await browser.waitFor(`const el = document.querySelector('[data-testid=error]');
        return el !== null && /Rate limit reached/.test(el.textContent);`, { timeout: 30_000, message: 'the rate-limit message' });
      const text = await browser.exec(`return document.querySelector('[data-testid=error]').textContent.replace(/\\s+/g, ' ');`);
      assert.match(text, /\d+ min \d+ s/, `the wait is given: ${text}`);
    } finally {
      await browser.quit();
      standin.reset();
    }
  });
});
