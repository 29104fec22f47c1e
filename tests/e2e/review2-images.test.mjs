// Images as the API names them: an `http:` image the page's policy would block is asked over
// `https:` (or skipped) instead of being blocked, and compare's images fall back like the
// cards' do. (The stand-in serves its own media over http://127.0.0.1, which the test page's
// policy names, so those stay as they are.)
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { onEveryNewDocument, shareVisitorApp } from './support/sessions.mjs';
import { handleApi } from '../ll2-standin/api.mjs';

let app;
let browser;

shareVisitorApp({ width: 1280, height: 900 }, (opened) => {
  app = opened;
  browser = opened.browser;
});

/** The stand-in's own answer for an API path, no request made. */
function standinAnswer(apiPath, params = {}) {
  const answer = handleApi(app.standin.dataset, {
    apiPath, pathname: `/2.3.0/${apiPath}`, origin: app.standin.origin,
    searchParams: new URLSearchParams(params), currentUse: 0, throttleOverride: null,
  });
  if (answer.status !== 200) throw new Error(`the stand-in answers ${answer.status} for ${apiPath}`);
  return answer.json;
}

/** Records, from the first script on, every image URL the page blocks by its policy and every
 *  `src` an <img> takes. */
const RECORD_IMAGES = `
  window.__e2eBlocked = [];
  window.__e2eSrcs = [];
  document.addEventListener('securitypolicyviolation', (event) => window.__e2eBlocked.push(event.blockedURI));
  new MutationObserver((records) => {
    for (const record of records) {
      const imgs = record.type === 'attributes' ? [record.target]
        : [...record.addedNodes].flatMap((node) => node.nodeType === 1 ? [node, ...node.querySelectorAll('img')] : []);
      for (const img of imgs) if (img.tagName === 'IMG' && img.getAttribute('src')) window.__e2eSrcs.push(img.getAttribute('src'));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });`;

test('an http: image the page\'s policy would block is asked over https:, never blocked, and the card falls back', async () => {
  const stop = await onEveryNewDocument(browser, RECORD_IMAGES);
  try {
    const page = standinAnswer('spacecraft/');
    const craft = page.results.find((record) => record.image?.image_url);
    craft.image.thumbnail_url = 'http://images.invalid/e2e-thumb.jpg';
    app.standin.failNext({ path: 'spacecraft/', body: page, times: 0 });
    await app.open('/');
    const card = `article[data-spacecraft-id="${craft.id}"] img`;
    await browser.waitFor(
      `const img = document.querySelector(arguments[0]);
       return img !== null && img.getAttribute('src') === arguments[1] && img.complete && img.naturalWidth > 0;`,
      { args: [card, craft.image.image_url], message: `card ${craft.id} to show its full image` },
    ).catch(async (error) => {
      error.message += ` (src: ${await browser.exec('return document.querySelector(arguments[0])?.getAttribute("src");', card)})`;
      throw error;
    });
    const { blocked, srcs } = await browser.exec('return { blocked: window.__e2eBlocked, srcs: window.__e2eSrcs };');
    assert.deepEqual(blocked.filter((url) => url.includes('images.invalid')), [], 'the page never blocked the http: thumbnail');
    assert.ok(!srcs.includes('http://images.invalid/e2e-thumb.jpg'), `never asked over http: ${JSON.stringify(srcs)}`);
    assert.ok(srcs.includes('https://images.invalid/e2e-thumb.jpg'), `asked over https: first: ${JSON.stringify(srcs)}`);
  } finally {
    await stop();
  }
});

test('a compared spacecraft whose thumbnail is broken shows its full image, as its card would', async () => {
  const craft = standinAnswer('spacecraft/').results.find((record) => record.image?.image_url);
  const record = standinAnswer(`spacecraft/${craft.id}/`);
  record.image = { ...record.image, thumbnail_url: `${app.standin.origin}/media/missing.jpg` };
  app.standin.failNext({ path: `spacecraft/${craft.id}/`, body: record, times: 0 });
  await app.open(`/compare?ids=${craft.id}`);
  await browser.waitFor(
    `const img = document.querySelector('[data-testid=compare] img');
     return img !== null && img.getAttribute('src') === arguments[0] && img.complete && img.naturalWidth > 0;`,
    { args: [record.image.image_url], message: 'the compare image to fall back to the full image' },
  ).catch(async (error) => {
    error.message += ` (src: ${await browser.exec(`return document.querySelector('[data-testid=compare] img')?.getAttribute('src');`)})`;
    throw error;
  });
});
