// A small W3C WebDriver client over fetch: enough to drive Chromium like a user (navigate,
// click, type, read the DOM, screenshots) without pulling a client library from npm.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--disable-extensions', '--mute-audio',
];

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts chromedriver on a free port and waits until it answers. */
export async function startChromedriver(binary = process.env.CHROMEDRIVER || '/usr/bin/chromedriver') {
  const port = await freePort();
  const child = spawn(binary, [`--port=${port}`, '--allowed-ips=127.0.0.1'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/status`);
      const body = await response.json();
      if (body.value?.ready) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error('chromedriver did not start within 60 s');
    await sleep(100);
  }
  return { url, stop: () => child.kill('SIGTERM') };
}

export class Session {
  constructor(driverUrl, id) {
    this.base = `${driverUrl}/session/${id}`;
  }

  static async create(driverUrl, { width = 1280, height = 900, extraArgs = [] } = {}) {
    const capabilities = {
      alwaysMatch: {
        browserName: 'chrome',
        'goog:chromeOptions': {
          binary: process.env.CHROMIUM || '/usr/bin/chromium',
          args: [...CHROMIUM_ARGS, `--window-size=${width},${height}`, ...extraArgs],
        },
        'goog:loggingPrefs': { browser: 'ALL' },
      },
    };
    const response = await fetch(`${driverUrl}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ capabilities }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`new session failed: ${JSON.stringify(body)}`);
    const session = new Session(driverUrl, body.value.sessionId);
    await session.cmd('POST', '/timeouts', { script: 30_000, pageLoad: 60_000, implicit: 0 });
    return session;
  }

  async cmd(method, path, body) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) {
      const error = new Error(`${method} ${path}: ${json.value?.error}: ${json.value?.message?.split('\n')[0]}`);
      error.webdriver = json.value?.error;
      throw error;
    }
    return json.value;
  }

  quit() { return fetch(this.base, { method: 'DELETE' }).catch(() => {}); }
  goto(url) { return this.cmd('POST', '/url', { url }); }
  url() { return this.cmd('GET', '/url'); }
  title() { return this.cmd('GET', '/title'); }
  back() { return this.cmd('POST', '/back', {}); }
  forward() { return this.cmd('POST', '/forward', {}); }
  refresh() { return this.cmd('POST', '/refresh', {}); }
  setSize(width, height) { return this.cmd('POST', '/window/rect', { width, height }); }

  /** Runs `script` (a function body) in the page with `args`; returns its value. */
  exec(script, ...args) { return this.cmd('POST', '/execute/sync', { script, args }); }

  async find(css) {
    const found = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return found[ELEMENT];
  }
  async findAll(css) {
    const found = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return found.map((element) => element[ELEMENT]);
  }
  click(element) { return this.cmd('POST', `/element/${element}/click`, {}); }
  clear(element) { return this.cmd('POST', `/element/${element}/clear`, {}); }
  type(element, text) { return this.cmd('POST', `/element/${element}/value`, { text }); }
  text(element) { return this.cmd('GET', `/element/${element}/text`); }
  attr(element, name) { return this.cmd('GET', `/element/${element}/attribute/${name}`); }
  prop(element, name) { return this.cmd('GET', `/element/${element}/property/${name}`); }

  /** Key presses on the focused element, e.g. keys('\uE00C') for Escape. */
  keys(text) {
    const actions = [...text].flatMap((key) => [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }]);
    return this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** Emulates `prefers-color-scheme` through the DevTools protocol. */
  colorScheme(value) {
    return this.cmd('POST', '/goog/cdp/execute', {
      cmd: 'Emulation.setEmulatedMedia',
      params: { features: [{ name: 'prefers-color-scheme', value }] },
    });
  }

  /** Hides classic scrollbars, as on a phone (overlay scrollbars take no layout width). */
  scrollbarsHidden(hidden = true) {
    return this.cmd('POST', '/goog/cdp/execute', { cmd: 'Emulation.setScrollbarsHidden', params: { hidden } });
  }

  /** A phone-like viewport: `width`×`height` CSS px with scrollbars that take no width. */
  async phone(width = 375, height = 812) {
    await this.setSize(width, height);
    await this.scrollbarsHidden(true);
  }

  /** Back to a desktop window with classic scrollbars. */
  async desktop(width = 1280, height = 900) {
    await this.scrollbarsHidden(false);
    await this.setSize(width, height);
  }

  async screenshot(file) {
    const png = await this.cmd('GET', '/screenshot');
    await writeFile(file, Buffer.from(png, 'base64'));
  }

  async consoleErrors() {
    try {
      const entries = await this.cmd('POST', '/se/log', { type: 'browser' });
      return entries.filter((entry) => entry.level === 'SEVERE').map((entry) => entry.message);
    } catch {
      return [];
    }
  }

  /** Polls `probe` (a page-side function body returning a truthy value) until it holds. */
  async waitFor(probe, { timeout = 15_000, message = probe, args = [] } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.exec(probe, ...args);
        if (last) return last;
      } catch (error) {
        last = error.message;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for: ${message} (last: ${JSON.stringify(last)})`);
      await sleep(50);
    }
  }
}
