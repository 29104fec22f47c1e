// Renders the app's install icons (public/icons/*.png) from public/favicon.svg in headless
// Chromium, so the PNGs the manifest names are the favicon and nothing drawn by hand. Run it
// again after changing the favicon: `node .ci/make-icons.mjs` (needs Chromium and chromedriver,
// which `.ci/test` installs). The PNGs are committed; the build only copies them.
//   icon-192.png, icon-512.png   the favicon on a transparent background ("any");
//   icon-maskable-512.png        the favicon's disc filling the square and its orbit and sun
//                                inside the central 80 % that every mask keeps ("maskable").
import { readFile, writeFile } from 'node:fs/promises';
import { Session, startChromedriver } from '../tests/e2e/support/webdriver.mjs';

const PUBLIC = new URL('../public/', import.meta.url);
const svg = await readFile(new URL('favicon.svg', PUBLIC), 'utf8');
// The favicon's disc (r = 30 of a 64 viewBox) coloured like the site header.
const DISC = svg.match(/<circle[^>]*r="30"[^>]*fill="(#[0-9a-f]{6})"/i)?.[1];
if (!DISC) throw new Error('favicon.svg no longer has its r=30 disc: update make-icons.mjs');

const ICONS = [
  { file: 'icon-192.png', size: 192, page: (size) => `<img src="${dataUrl(svg)}" width="${size}" height="${size}">` },
  { file: 'icon-512.png', size: 512, page: (size) => `<img src="${dataUrl(svg)}" width="${size}" height="${size}">` },
  {
    // The whole square in the disc's colour; the artwork at 75 % keeps its orbit (rx 26 of 32)
    // well inside the safe zone, a circle of 40 % of the size around the centre.
    file: 'icon-maskable-512.png', size: 512,
    page: (size) => `<div style="width:${size}px;height:${size}px;background:${DISC};display:grid;place-items:center">` +
      `<img src="${dataUrl(svg)}" width="${size * 0.75}" height="${size * 0.75}"></div>`,
  },
];

function dataUrl(text) {
  return `data:image/svg+xml;base64,${Buffer.from(text).toString('base64')}`;
}

const cdp = (browser, cmd, params = {}) => browser.cmd('POST', '/goog/cdp/execute', { cmd, params });
const driver = await startChromedriver();
const browser = await Session.create(driver.url, { width: 800, height: 800 });
try {
  await cdp(browser, 'Emulation.setDefaultBackgroundColorOverride', { color: { r: 0, g: 0, b: 0, a: 0 } });
  for (const icon of ICONS) {
    const html = `<!doctype html><body style="margin:0;background:transparent">${icon.page(icon.size)}</body>`;
    await browser.goto(`data:text/html;base64,${Buffer.from(html).toString('base64')}`);
    await browser.waitFor('return [...document.images].every((img) => img.complete && img.naturalWidth > 0);');
    const { data } = await cdp(browser, 'Page.captureScreenshot', {
      format: 'png', clip: { x: 0, y: 0, width: icon.size, height: icon.size, scale: 1 },
    });
    const bytes = Buffer.from(data, 'base64');
    await writeFile(new URL(`icons/${icon.file}`, PUBLIC), bytes);
    console.log(`public/icons/${icon.file}: ${icon.size}x${icon.size}, ${bytes.length} bytes`);
  }
} finally {
  await browser.quit();
  driver.stop();
}
