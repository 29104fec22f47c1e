// The app installs and opens offline: a web app manifest Chromium accepts, and a service worker
// (src/sw.js, filled in by .ci/service-worker.mjs) that keeps the app shell, answers every
// page of the app with it (deep links too) and leaves the API alone; a deploy while the app is
// open is offered politely (src/sw-register.js), never swapped under the running page.
// Release builds at / and under /explorer/, each served on its own port with its own browser.
// The build side (debug builds register nothing) runs without a browser, at the end.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, SHOTS, quietPeriod } from './support/harness.mjs';
import { startStaticServer } from './support/static-server.mjs';
import { Session, startChromedriver } from './support/webdriver.mjs';
import { startStandin } from '../ll2-standin/server.mjs';
import { RETIRING_WORKER, serviceWorkerSource, siteFiles } from '../../.ci/service-worker.mjs';
import { compactScript } from '../../.ci/site-config.mjs';
import { redeploy } from '../deploy/site.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUB_DIST = resolve(ROOT, process.env.E2E_DIST_SUB || 'target/e2e-dist-sub');
const cdp = (browser, cmd, params = {}) => browser.cmd('POST', '/goog/cdp/execute', { cmd, params });

/**
 * A release build on a static server (its own port, kept when the build served is swapped), the
 * LL2 stand-in and a browser. `serve(dist)` serves another build at the same address (a
 * deploy); `serve(null)` takes the site off the network.
 */
async function openSite({ dist, prefix = '/', width = 1280, height = 900 }) {
  if (!existsSync(join(dist, 'sw.js'))) {
    throw new Error(`no release build with a service worker at ${dist}: run .ci/test (or trunk build --release --offline --dist ${dist})`);
  }
  const standin = await startStandin();
  let site = await startStaticServer({ dist, apiBase: standin.base, prefix });
  const { origin } = site;
  const port = Number(new URL(origin).port);
  const driver = await startChromedriver();
  let browser;
  try {
    browser = await Session.create(driver.url, { width, height });
  } catch (error) {
    driver.stop();
    await site.close();
    await standin.close();
    throw error;
  }
  return {
    standin,
    browser,
    /** The app URL of an app path, e.g. `/spacecraft/5`. */
    url: (path = '/') => `${origin}${prefix}${path.replace(/^\//, '')}`,
    /** What the browser fetched from the site over the network so far (paths with query). */
    requests: () => site?.requests() ?? [],
    async serve(next) {
      await site?.close();
      site = next && await startStaticServer({ dist: next, apiBase: standin.base, prefix, port });
    },
    async close() {
      await browser.quit();
      driver.stop();
      await site?.close();
      await standin.close();
    },
  };
}

/** Runs `body` (async, its value returned) in the page; a failure comes back as an error. */
async function inPage(browser, body, ...args) {
  const result = await browser.cmd('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      (async (...args) => { ${body} })(...Array.prototype.slice.call(arguments, 0, -1))
        .then((value) => done({ value }), (error) => done({ error: String(error && error.stack || error) }));`,
    args,
  });
  if (result.error) throw new Error(`in the page: ${result.error}`);
  return result.value;
}

/** Waits until the app has mounted: its own main, not index.html's static first paint. */
function booted(browser, timeout = 30_000) {
  return browser.waitFor(`return document.querySelector('main#main') !== null;`, { timeout, message: 'the app to mount' });
}

/** Waits for the page's service worker registration to have an activated worker; its scope. */
function workerReady(browser) {
  return inPage(browser, `
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker.state !== 'activated') {
      await new Promise((ok) => worker.addEventListener('statechange', () => worker.state === 'activated' && ok()));
    }
    return registration.scope;`);
}

/** Opens `url`, waits for its worker to be activated, and reloads: the worker now serves it. */
async function servedByWorker(browser, url) {
  await browser.goto(url);
  await booted(browser);
  await workerReady(browser);
  await browser.refresh();
  await booted(browser);
}

/** The script URL of the worker that controls the page, or null. */
function controller(browser) {
  return browser.exec('return navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL;');
}

/** The page origin's Cache Storage: `{ name: [urls] }`. */
function cachedShells(browser) {
  return inPage(browser, `
    const out = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((request) => request.url).sort();
    }
    return out;`);
}

/** Opens a new tab and makes it the current one (a new tab: a new document and sessionStorage). */
async function newTab(browser) {
  const { handle } = await browser.cmd('POST', '/window/new', { type: 'tab' });
  await browser.cmd('POST', '/window', { handle });
}

/** Closes the current tab and opens a new one: nothing of the old page's memory is left. */
async function closeAndReopen(browser) {
  const { handle } = await browser.cmd('POST', '/window/new', { type: 'tab' });
  await browser.cmd('DELETE', '/window');
  await browser.cmd('POST', '/window', { handle });
}

/** The build's files as the shell's URLs: index.html is the base itself. */
async function shellUrls(site, dist) {
  return (await siteFiles(dist)).map((path) => site.url(path === 'index.html' ? '/' : `/${path}`)).sort();
}

for (const { where, dist, prefix } of [
  { where: 'at /', dist: DIST, prefix: '/' },
  { where: 'under /explorer/', dist: SUB_DIST, prefix: '/explorer/' },
]) {
  describe(`the app ${where}, installed`, () => {
    let site;
    let browser;
    /** Same-origin URLs the first visit fetched (the page itself as the base). */
    let firstLoad = [];
    before(async () => {
      site = await openSite({ dist, prefix });
      browser = site.browser;
    });
    after(() => site?.close());

    test('Chromium can install it: a manifest without errors, started and scoped at the base', async () => {
      await browser.goto(site.url('/?limit=20'));
      await booted(browser);
      // Linked once the page has loaded (src/sw-register.js): wait for the browser to have read it.
      await browser.waitFor(`return performance.getEntriesByType('resource')
        .some((entry) => entry.name.endsWith('/manifest.webmanifest') && entry.responseEnd > 0);`,
      { message: 'the manifest to be fetched' });
      firstLoad = await browser.exec(
        `return [location.origin + document.querySelector('base').getAttribute('href'),
          ...performance.getEntriesByType('resource').map((entry) => entry.name)]
          .filter((url) => url.startsWith(location.origin)).map((url) => url.split('?')[0]);`,
      );
      const { url, errors, manifest } = await cdp(browser, 'Page.getAppManifest');
      assert.equal(url, site.url('/public/manifest.webmanifest'));
      assert.deepEqual(errors, []);
      assert.equal(manifest.name, 'Spacecraft Explorer');
      assert.equal(manifest.startUrl, site.url('/'));
      assert.equal(manifest.scope, site.url('/'));
      assert.deepEqual(manifest.icons.map((icon) => [icon.url, icon.sizes]), [
        [site.url('/public/icons/icon-192.png'), '192x192'],
        [site.url('/public/icons/icon-512.png'), '512x512'],
        [site.url('/public/icons/icon-maskable-512.png'), '512x512'],
      ]);
      const { installabilityErrors } = await cdp(browser, 'Page.getInstallabilityErrors');
      assert.deepEqual(installabilityErrors, []);
    });

    test('the manifest and its icons are not fetched until the wasm has arrived (a phone\'s bandwidth is the wasm\'s)', async () => {
      const timings = await browser.exec(`return performance.getEntriesByType('resource')
        .filter((entry) => entry.name.startsWith(location.origin))
        .map((entry) => [entry.name.split('/').pop(), entry.startTime, entry.responseEnd]);`);
      const wasm = timings.find(([name]) => name.endsWith('_bg.wasm'));
      assert.ok(wasm, 'the first visit fetched the wasm');
      const installOnly = timings.filter(([name]) => /\.webmanifest$|^icon-/.test(name));
      assert.ok(installOnly.length > 0, 'the manifest was fetched');
      for (const [name, start] of installOnly) {
        assert.ok(start >= wasm[2], `${name} was asked for at ${start.toFixed(0)} ms, before the wasm had arrived (${wasm[2].toFixed(0)} ms)`);
      }
    });

    test('after the first visit, a worker scoped to the base controls the app from the next load', async () => {
      assert.equal(await workerReady(browser), site.url('/'));
      assert.equal(await controller(browser), null, 'the first visit runs as it always did, uncontrolled');
      await browser.refresh();
      await booted(browser);
      assert.equal(await controller(browser), site.url('/sw.js'));
    });

    test('the shell is every file of the build, so it holds everything the first visit fetched', async () => {
      const shells = await cachedShells(browser);
      const names = Object.keys(shells);
      assert.equal(names.length, 1, `one shell cache: ${names}`);
      assert.match(names[0], new RegExp(`^shell ${site.url('/').replace(/[.?]/g, '\\$&')} [0-9a-f]{16}$`));
      const cached = shells[names[0]];
      assert.deepEqual(cached, await shellUrls(site, dist));
      assert.ok(firstLoad.length >= 4, `the first visit fetched ${JSON.stringify(firstLoad)}`);
      for (const url of firstLoad) assert.ok(cached.includes(url), `${url} is in the shell`);
    });

    test('a visit in a new tab loads no app file from the network, and the API is left alone', async () => {
      await newTab(browser);
      const asked = site.requests().length;
      const apiAsked = site.standin.requests().length;
      await browser.goto(site.url('/?limit=20&offset=20'));
      await booted(browser);
      await browser.waitFor(`return document.querySelectorAll('[data-spacecraft-id]').length === 20;`,
        { timeout: 30_000, message: '20 cards' });
      // Nothing is fetched late: an absence, watched for on the site's and the API's logs.
      await quietPeriod({ logs: [site, site.standin] });
      // The browser's own check for a new sw.js (after every navigation) is no app file.
      const fetched = site.requests().slice(asked).filter((path) => new URL(path, 'http://x').pathname !== `${prefix}sw.js`);
      assert.deepEqual(fetched, [], 'app files fetched from the network');
      const own = await browser.exec(
        `return performance.getEntriesByType('resource').filter((entry) => entry.name.startsWith(location.origin))
           .map((entry) => [entry.name, entry.deliveryType]);`,
      );
      assert.ok(own.length >= 3, JSON.stringify(own));
      for (const [name, delivery] of own) assert.equal(delivery, 'cache-storage', `${name} came from the shell`);
      // The API is another origin: the worker never answers for it, the stand-in is asked.
      assert.ok(site.standin.requests().length > apiAsked, 'the list was asked of the API');
    });

    test('offline, a deep link opened in a new tab boots the app from the shell', async () => {
      const deep = '/spacecraft/5';
      await site.serve(null); // the site is gone from the network, not only this tab
      try {
        await newTab(browser);
        await cdp(browser, 'Network.enable');
        await cdp(browser, 'Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        await browser.goto(site.url(deep));
        await booted(browser);
        // The detail route, with the API unreachable: its page, its way back, and why.
        await browser.waitFor(`return document.querySelector('[data-testid=back-to-grid]') !== null
          && document.querySelector('[role=alert]') !== null;`, { timeout: 30_000, message: 'the detail page, offline' });
        assert.equal(await browser.exec('return location.href;'), site.url(deep));
        assert.equal(await controller(browser), site.url('/sw.js'));
      } finally {
        await cdp(browser, 'Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }).catch(() => {});
        await site.serve(dist);
      }
    });

    test('the scenario that matters: a view seen, its tab closed, then offline in a new tab: its cards and the offline notice', async () => {
      const seen = '/?ordering=-flights_count&limit=20';
      await browser.goto(site.url(seen));
      await booted(browser);
      await browser.waitFor(`return document.querySelectorAll('[data-spacecraft-id]').length === 20;`,
        { timeout: 30_000, message: '20 cards, online' });
      const online = await browser.exec(`return [...document.querySelectorAll('[data-spacecraft-id]')].map((card) => card.dataset.spacecraftId);`);
      await closeAndReopen(browser);
      await site.serve(null);
      const apiAsked = site.standin.requests().length;
      try {
        await cdp(browser, 'Network.enable');
        await cdp(browser, 'Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        await browser.goto(site.url(seen));
        await booted(browser);
        await browser.waitFor(`return document.querySelectorAll('[data-spacecraft-id]').length === 20;`,
          { timeout: 30_000, message: '20 cards, offline' });
        const offline = await browser.exec(`return [...document.querySelectorAll('[data-spacecraft-id]')].map((card) => card.dataset.spacecraftId);`);
        assert.deepEqual(offline, online, 'the same cards as when the tab was closed');
        await browser.waitFor(`const notice = document.querySelector('[data-testid=saved-notice]');
          return notice !== null && notice.getAttribute('role') === 'status'
            && /^Offline — showing results saved (just now|\d+ min ago)$/.test(notice.textContent.trim());`,
        { message: 'the offline notice with the age of the results' });
        assert.equal(site.standin.requests().length, apiAsked, 'nothing reached the API');
      } finally {
        await cdp(browser, 'Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }).catch(() => {});
        await site.serve(dist);
      }
    });
  });
}

describe('a deploy while the app is open', () => {
  let site;
  let browser;
  let deploy;
  /** Whether the deploy's rule applies (its page is in use), and whether the page was reloaded. */
  const styles = () => browser.exec(
    `return { build: getComputedStyle(document.documentElement).getPropertyValue('--e2e-build'),
      unloaded: window.__e2eNotReloaded === true };`,
  );

  before(async () => {
    deploy = await redeploy(DIST);
    site = await openSite({ dist: DIST, width: 375, height: 740 });
    browser = site.browser;
    await browser.phone(375, 740);
  });
  after(async () => {
    await site?.close();
    if (deploy) await rm(deploy.dir, { recursive: true, force: true });
  });

  test('is offered with a polite notice while the running page keeps its code', async () => {
    assert.notEqual(await readFile(join(deploy.dir, 'sw.js'), 'utf8'), await readFile(join(DIST, 'sw.js'), 'utf8'),
      'the deploy has a new sw.js');
    await servedByWorker(browser, site.url('/'));
    assert.equal(await controller(browser), site.url('/sw.js'));
    assert.equal(await browser.exec('return document.querySelector("[data-testid=update-notice]");'), null,
      'no notice without a deploy');

    await site.serve(deploy.dir);
    // A new visit (the browser looks for a new sw.js after every navigation); this page must
    // not be reloaded from here on.
    await browser.refresh();
    await booted(browser);
    await browser.exec(`window.__e2eNotReloaded = true;
      navigator.serviceWorker.addEventListener('controllerchange', () => { window.__e2eControllerChanged = true; });`);
    await browser.waitFor(`const notice = document.querySelector('[data-testid=update-notice]');
      return notice !== null && notice.querySelector('button') !== null;`, { timeout: 30_000, message: 'the update notice' });
    const notice = await browser.exec(`const notice = document.querySelector('[data-testid=update-notice]');
      return { role: notice.getAttribute('role'), text: notice.textContent, button: notice.querySelector('button').textContent };`);
    assert.deepEqual(notice, { role: 'status', text: 'A new version is availableReload', button: 'Reload' });
    // Still the old page and code: without the deploy's rule, and never reloaded (an absence,
    // watched for: a reload would fetch from the site).
    await quietPeriod({ logs: [site, site.standin] });
    const old = await styles();
    assert.equal(old.build, '', 'the old page\'s stylesheet');
    assert.equal(old.unloaded, true);
    assert.equal(await browser.exec('return window.__e2eControllerChanged === true;'), false, 'the old worker still controls the page');
    // The old shell still answers this page; the new one waits beside it.
    assert.equal(Object.keys(await cachedShells(browser)).length, 2);
  });

  test('the notice leaves the pager and the footer reachable on a phone', async () => {
    await browser.exec('window.scrollTo(0, document.documentElement.scrollHeight);');
    await browser.waitFor('return Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight;',
      { timeout: 10_000, message: 'the page scrolled to its end' });
    const layout = await browser.exec(`const rect = (css) => document.querySelector(css).getBoundingClientRect();
      return { notice: rect('[data-testid=update-notice]'), pager: rect('.pager'), footer: rect('.site-footer'),
        viewport: innerHeight, width: innerWidth, scrollWidth: document.documentElement.scrollWidth };`);
    assert.ok(layout.pager.bottom <= layout.notice.top, `pager ${JSON.stringify(layout.pager)} vs notice ${JSON.stringify(layout.notice)}`);
    assert.ok(layout.footer.bottom <= layout.notice.top, `footer ${JSON.stringify(layout.footer)} vs notice ${JSON.stringify(layout.notice)}`);
    assert.ok(layout.notice.left >= 0 && layout.notice.right <= layout.width, 'the notice fits the screen');
    assert.equal(layout.scrollWidth, layout.width, 'no sideways scrolling');
    await mkdir(SHOTS, { recursive: true });
    await browser.screenshot(join(SHOTS, 'update-notice-mobile.png'));
  });

  test('Reload: the new version takes over, then the page loads its files', async () => {
    const button = await browser.find('[data-testid=update-notice] button');
    await browser.click(button);
    await browser.waitFor(`return window.__e2eNotReloaded === undefined && document.querySelector('main#main') !== null;`,
      { timeout: 30_000, message: 'the page to reload' });
    const now = await styles();
    assert.equal(now.build.trim(), '"b"', 'the new page\'s stylesheet');
    assert.equal(await browser.exec('return document.querySelector("[data-testid=update-notice]");'), null);
    assert.equal(await controller(browser), site.url('/sw.js'));
    // Only the new shell is left, and it is the new build.
    const shells = await cachedShells(browser);
    assert.deepEqual(Object.values(shells), [await shellUrls(site, deploy.dir)]);
  });
});

describe('back to trunk serve after a release build on the same origin', () => {
  let site;
  let debug;
  before(async () => {
    // What a debug build serves: no registration in index.html, the retiring sw.js.
    debug = await mkdtemp(join(tmpdir(), 'sw-debug-'));
    await cp(DIST, debug, { recursive: true });
    const html = await readFile(join(debug, 'index.html'), 'utf8');
    await writeFile(join(debug, 'index.html'), html.replace(/<script data-sw-register>[\s\S]*?<\/script>/, ''));
    await writeFile(join(debug, 'sw.js'), RETIRING_WORKER);
    site = await openSite({ dist: DIST });
  });
  after(async () => {
    await site?.close();
    if (debug) await rm(debug, { recursive: true, force: true });
  });

  test('the release worker retires: caches deleted, unregistered, the page reloaded from the network', async () => {
    const { browser } = site;
    await servedByWorker(browser, site.url('/'));
    assert.equal(await controller(browser), site.url('/sw.js'));

    await site.serve(debug);
    await browser.refresh();
    await browser.waitFor(`return document.querySelector('main#main') !== null
      && document.querySelector('script[data-sw-register]') === null && navigator.serviceWorker.controller === null;`,
    { timeout: 30_000, message: 'the debug page, uncontrolled' });
    const left = await inPage(browser, `return {
      registrations: (await navigator.serviceWorker.getRegistrations()).length,
      caches: await caches.keys(),
    };`);
    assert.deepEqual(left, { registrations: 0, caches: [] });
  });
});

// -- The build ------------------------------------------------------------------------------

/** Runs the Trunk hook on a staged copy of index.html (and a few files), as Trunk would. */
async function runHook(profile) {
  const dir = await mkdtemp(join(tmpdir(), 'sw-hook-'));
  const staged = (await readFile(join(ROOT, 'index.html'), 'utf8'))
    .replace('<base data-trunk-public-url />', '<base href="/explorer/" />'
      + '<link rel="modulepreload" href="/explorer/app-0123456789abcdef.js" crossorigin="anonymous" integrity="sha384-staged">')
    .replace('</body>', '<script type="module">import init from "/explorer/app.js"; init("/explorer/app_bg.wasm");</script></body>');
  await writeFile(join(dir, 'index.html'), staged);
  await writeFile(join(dir, 'app-0123456789abcdef.js'), 'export default 1;');
  await mkdir(join(dir, 'public'));
  await writeFile(join(dir, 'public', 'placeholder.svg'), '<svg/>');
  execFileSync(process.execPath, [join(ROOT, '.ci/trunk-post-build.mjs')], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: profile ?? '' },
  });
  return {
    dir,
    html: await readFile(join(dir, 'index.html'), 'utf8'),
    worker: await readFile(join(dir, 'sw.js'), 'utf8'),
  };
}

const hashOf = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('a debug build (trunk serve) registers no worker, and its sw.js retires one a release build left', async () => {
  const { dir, html, worker } = await runHook('debug');
  try {
    assert.doesNotMatch(html, /data-sw-register|serviceWorker/);
    assert.equal(worker, RETIRING_WORKER);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a release build inlines the registration, allows it by hash and lists the site in sw.js', async () => {
  const { dir, html, worker } = await runHook('release');
  try {
    const inlined = compactScript(await readFile(join(ROOT, 'src/sw-register.js'), 'utf8'));
    assert.ok(html.includes(`<script data-sw-register>${inlined}</script>`));
    const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
    assert.ok(policy.includes(hashOf(inlined)), 'the registration is allowed by its hash');
    assert.match(policy, /worker-src 'self'/);
    assert.match(policy, /manifest-src 'self'/);
    assert.ok(inlined.length < 1024, `the registration adds ${inlined.length} bytes to every first load`);
    const shell = JSON.parse(worker.match(/^const SHELL = (\[.*\]);$/m)[1]);
    assert.deepEqual(shell, ['app-0123456789abcdef.js', './', 'public/placeholder.svg']);
    assert.match(worker, /^const VERSION = '[0-9a-f]{16}';$/m);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('sw.js changes byte for byte exactly when a file of the site does', async () => {
  const template = await readFile(join(ROOT, 'src/sw.js'), 'utf8');
  const site = [
    { path: 'index.html', bytes: Buffer.from('<html>a</html>') },
    { path: 'app-0123456789abcdef_bg.wasm', bytes: Buffer.from([0, 97, 115, 109]) },
  ];
  const once = serviceWorkerSource(template, site);
  assert.equal(serviceWorkerSource(template, site.map((file) => ({ ...file }))), once, 'the same site, the same worker');
  const edited = serviceWorkerSource(template, [{ ...site[0], bytes: Buffer.from('<html>b</html>') }, site[1]]);
  assert.notEqual(edited, once, 'an edited index.html is a new worker');
  const renamed = serviceWorkerSource(template, [site[0], { ...site[1], path: 'app-fedcba9876543210_bg.wasm' }]);
  assert.notEqual(renamed, once, 'a new hash is a new worker');
  assert.throws(() => serviceWorkerSource('const SHELL = [1];', site), /must keep the lines/);
});
