// A deployer serves the release build with Debian's nginx and tests/deploy/nginx.conf: deep
// links and the sub-path open the app, every response carries the headers of dist/_headers, the
// wasm goes out precompressed, no other site can frame the app, and it installs and opens
// offline. Two builds (at / and under /explorer/), each a copy pointed at the LL2 stand-in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST } from './support/harness.mjs';
import { freePort, Session, startChromedriver } from './support/webdriver.mjs';
import { startStandin } from '../ll2-standin/server.mjs';
import { HASHED } from '../../.ci/site-config.mjs';
import { deployCopy, HAS_BROTLI_STATIC, publish, redeploy, siteServer, startNginx } from '../deploy/site.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUB_DIST = resolve(ROOT, process.env.E2E_DIST_SUB || 'target/e2e-dist-sub');
const cdp = (browser, cmd, params = {}) => browser.cmd('POST', '/goog/cdp/execute', { cmd, params });

let standin;
let nginx;
let driver;
let browser;
let framer;
const sites = {};

before(async () => {
  standin = await startStandin();
  const ports = [await freePort(), await freePort()];
  for (const [where, dist, prefix, port] of [['root', DIST, '/', ports[0]], ['sub', SUB_DIST, '/explorer/', ports[1]]]) {
    const site = await deployCopy(dist, { apiBase: standin.base, prefix });
    sites[where] = { ...site, url: (path = '') => `http://127.0.0.1:${port}${prefix}${path.replace(/^\//, '')}` };
  }
  nginx = await startNginx({ servers: [await siteServer(sites.root, ports[0]), await siteServer(sites.sub, ports[1])], ports });
  driver = await startChromedriver();
  browser = await Session.create(driver.url);
});

after(async () => {
  await browser?.quit().catch(() => {});
  driver?.stop();
  await nginx?.stop();
  framer?.close();
  await standin?.close();
  for (const site of Object.values(sites)) await rm(site.root, { recursive: true, force: true });
});

/** The response headers every answer of the site carries (dist/_headers, `/*`). */
async function assertSecurityHeaders(response, site) {
  const { readFile } = await import('node:fs/promises');
  const policy = (await readFile(`${site.dir}/_headers`, 'utf8')).match(/Content-Security-Policy: (.+)/)[1];
  assert.equal(response.headers.get('content-security-policy'), policy);
  assert.match(policy, /frame-ancestors 'none'/);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
}

for (const where of ['root', 'sub']) {
  describe(`nginx serving the build ${where === 'root' ? 'at /' : 'under /explorer/'}`, () => {
    test('a deep link is the page itself, asked again on every visit', async () => {
      const site = sites[where];
      const response = await fetch(site.url('/spacecraft/95'));
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type'), /^text\/html/);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      assert.ok((await response.text()).includes(`content="${standin.base}"`), 'the page points at the stand-in');
      await assertSecurityHeaders(response, site);
    });

    test('the service worker is never kept; hashed assets are kept for a year, precompressed', async () => {
      const site = sites[where];
      const worker = await fetch(site.url('/sw.js'));
      assert.equal(worker.status, 200);
      assert.equal(worker.headers.get('cache-control'), 'no-cache');
      await assertSecurityHeaders(worker, site);
      const wasm = (await readdir(site.dir)).find((name) => name.endsWith('_bg.wasm'));
      for (const [accept, encoding] of [['br, gzip', HAS_BROTLI_STATIC ? 'br' : 'gzip'], ['gzip', 'gzip']]) {
        const response = await fetch(site.url(`/${wasm}`), { headers: { 'accept-encoding': accept } });
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-encoding'), encoding, `asked for ${accept}`);
        assert.equal(response.headers.get('content-type'), 'application/wasm');
        assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
        assert.match(response.headers.get('vary'), /Accept-Encoding/);
        await assertSecurityHeaders(response, site);
      }
    });

    test('in Chromium, the deep link boots the app, which installs and then opens offline', async () => {
      const site = sites[where];
      await browser.goto(site.url('/spacecraft/95'));
      await browser.waitFor(`return document.querySelector('main#main') !== null;`, { timeout: 30_000, message: 'the app to mount' });
      const scope = await browser.cmd('POST', '/execute/async', {
        script: `const done = arguments[0];
          navigator.serviceWorker.ready.then(async (registration) => {
            const worker = registration.active;
            if (worker.state !== 'activated') await new Promise((ok) => worker.addEventListener('statechange', () => worker.state === 'activated' && ok()));
            done(registration.scope);
          });`,
        args: [],
      });
      assert.equal(scope, site.url('/'));
      await cdp(browser, 'Network.enable');
      await cdp(browser, 'Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      try {
        await browser.goto(site.url('/spacecraft/5'));
        await browser.waitFor(`return document.querySelector('main#main') !== null;`, { timeout: 30_000, message: 'the app to open offline' });
      } finally {
        await cdp(browser, 'Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }).catch(() => {});
      }
    });
  });
}

describe('a new deploy uploaded while the app is open', () => {
  test('is offered with the Reload notice, the running page keeping its code', async () => {
    const site = sites.root;
    await browser.goto(site.url('/'));
    await browser.waitFor(`return document.querySelector('main#main') !== null
      && navigator.serviceWorker.controller !== null;`, { timeout: 30_000, message: 'the installed app' });
    const deploy = await redeploy(site.dir);
    try {
      await publish(deploy.dir, site);
      // Precompressed copies are what nginx sends: they must be the new page, not the old one.
      const page = await fetch(site.url('/'), { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(page.headers.get('content-encoding'), 'gzip');
      assert.ok((await page.text()).includes(deploy.rule), 'nginx sends the new page');
      await browser.refresh();
      await browser.waitFor(`return document.querySelector('main#main') !== null;`, { timeout: 30_000, message: 'the app' });
      await browser.exec('window.__e2eNotReloaded = true;');
      await browser.waitFor(`const notice = document.querySelector('[data-testid=update-notice]');
        return notice !== null && notice.querySelector('button') !== null;`, { timeout: 30_000, message: 'the update notice' });
      const now = await browser.exec(`return { role: document.querySelector('[data-testid=update-notice]').getAttribute('role'),
        build: getComputedStyle(document.documentElement).getPropertyValue('--e2e-build'), kept: window.__e2eNotReloaded === true };`);
      // Still the old page (without the deploy's rule), never reloaded.
      assert.deepEqual(now, { role: 'status', build: '', kept: true });
    } finally {
      await rm(deploy.dir, { recursive: true, force: true });
    }
  });
});

describe("Trunk's hashed names", () => {
  // Trunk writes its 64-bit hash in hex without leading zeros: 1 build in 16 has 15 digits or
  // fewer (seen: spacecraft-explorer-7664d3b2a76855_bg.wasm). Such a build's files must still be
  // kept for a year, and files that merely end in digits (the icons) must not be.
  const names = {
    hashed: ['spacecraft-explorer-8b5364d97a1be5f4_bg.wasm', 'spacecraft-explorer-7664d3b2a76855_bg.wasm',
      'style-b4d427b60982e6.css', 'favicon-2137f80ffd6e7c12.svg',
      // The split build's chunks and their loader (.ci/split-wasm.mjs).
      'split_detail-33234bd3a1d3c758.wasm', 'chunk_5-33234bd3a1d3c758.wasm', '__wasm_split-33234bd3a1d3c758.js'],
    plain: ['public/icons/icon-maskable-512.png', 'public/icons/icon-192.png', 'index.html', 'sw.js'],
  };
  test('are recognised by the build (_headers) and by tests/deploy/nginx.conf alike', async () => {
    const { readFile } = await import('node:fs/promises');
    const conf = await readFile(new URL('../deploy/nginx.conf', import.meta.url), 'utf8');
    const nginx = new RegExp(conf.match(/location ~ "([^"]+)"/)[1]);
    for (const name of names.hashed) {
      assert.ok(HASHED.test(name), `the build keeps ${name} for a year`);
      assert.ok(nginx.test(name), `nginx keeps ${name} for a year`);
    }
    for (const name of names.plain) {
      assert.ok(!HASHED.test(name), `the build must not keep ${name} for a year`);
      assert.ok(!nginx.test(name), `nginx must not keep ${name} for a year`);
    }
  });
});

describe('another site framing the app', () => {
  test('gets nothing: the browser refuses the frame (frame-ancestors)', async () => {
    const target = sites.root.url('/');
    framer = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><iframe id="app" src="${target}" width="800" height="600"></iframe>`);
    });
    await new Promise((done) => framer.listen(0, '127.0.0.1', done));
    await browser.goto(`http://127.0.0.1:${framer.address().port}/`);
    // The refusal shows in the frame as Chromium's error page, never the app's document.
    const frame = await browser.find('#app');
    await browser.cmd('POST', '/frame', { id: { 'element-6066-11e4-a52e-4f735466cecf': frame } });
    try {
      await browser.waitFor(`return document.readyState === 'complete';`, { timeout: 10_000, message: 'the frame to settle' });
      const inFrame = await browser.exec(`return { href: location.href, app: document.querySelector('main#main, #app-root, [data-spacecraft-id]') !== null };`);
      assert.equal(inFrame.app, false, 'the app rendered inside the frame');
      assert.ok(!inFrame.href.startsWith(target), `the frame holds ${inFrame.href}`);
    } finally {
      await browser.cmd('POST', '/frame/parent', {});
    }
  });
});
