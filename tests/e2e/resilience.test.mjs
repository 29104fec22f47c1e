// When the API misbehaves: slow and superseded answers, throttling (readable 429s with a
// Retry-After, and opaque ones a proxy sends without CORS headers), rejected filters, missing
// records, server errors, malformed JSON, and a browser whose storage is full or disabled. The
// app must always say what happened in words (never a raw error), offer a way on, and keep
// working — all under the page's strict Content-Security-Policy, which is checked too.
import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, choose, clickOn, openApp, typeInto, openSettings, until } from './support/harness.mjs';
import {
  freshVisitor, ofKind, onEveryNewDocument, pinQuota, recordTexts, seen, spending, urlOf,
} from './support/sessions.mjs';

let app;
let browser;


before(async () => {
  app = await openApp({ width: 1280, height: 900 });
  browser = app.browser;
});

after(async () => {
  await app?.close();
});

/**
 * Empties the stand-in's log and rules and keeps its quota report at 3 / 15: the stand-in counts
 * every request since it started, and a quota that looks spent changes what a failure means.
 */
function resetStandin() {
  app.standin.reset();
  pinQuota(app.standin, { current_use: 3 });
}

beforeEach(async () => {
  await freshVisitor(app);
  resetStandin();
});

afterEach(async () => {
  await app.consoleErrors();
});

const spentOn = (kind) => ofKind(spending(app.standin.requests()), kind);
const listUrl = (query) => `/2.3.0/spacecraft/${query ? `?${query}` : ''}`;
const listRequestsFor = (query) => spentOn('list').filter((request) => urlOf(request) === listUrl(query));

const textOf = (css) => browser.exec(
  `const el = document.querySelector(arguments[0]); return el && el.textContent.replace(/\\s+/g, ' ').trim();`,
  css,
);

/** Waits until the alert's text matches every pattern. */
async function waitForAlert(patterns, timeout = 20_000) {
  await browser.waitFor(
    `const alert = document.querySelector('[role=alert]');
     if (!alert) return false;
     const text = alert.textContent.replace(/\\s+/g, ' ');
     return arguments[0].every((source) => new RegExp(source).test(text));`,
    { timeout, args: [patterns.map((pattern) => pattern.source)], message: `an alert matching ${patterns.join(' and ')}` },
  ).catch(async (error) => {
    error.message += ` (alert: ${JSON.stringify(await textOf('[role=alert]'))}; main: ${JSON.stringify((await textOf('main'))?.slice(0, 300))})`;
    throw error;
  });
  return textOf('[role=alert]');
}

/** What a person reads on the page never contains a raw error from the code. */
async function assertNoRawError() {
  const text = await browser.exec('return document.body.innerText;');
  for (const raw of ['TypeError', 'Failed to fetch', 'JsValue', 'NetworkError', 'SyntaxError', 'Error(',
    'undefined', '[object', 'panicked', 'line 1 column']) {
    assert.ok(!text.includes(raw), `the page shows the raw text ${JSON.stringify(raw)}: ${text.slice(0, 500)}`);
  }
}

const clickRetry = () => clickOn(browser, '[role=alert] button');

test('a newer query wins: the older, slower answer never replaces it', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  app.standin.failNext({ match_query: 'search=slow', delay_ms: 4000 });
  await typeInto(browser, 'input[name=search]', `slow${KEY.ENTER}`);
  await app.waitForSearch('search=slow');
  await browser.waitFor(`return document.querySelector('[data-testid=grid][aria-busy="true"]') !== null;`,
    { timeout: 10_000, message: 'the slow query to be loading' });

  // Query B while A is still on its way.
  await browser.exec(`const input = document.querySelector('input[name=search]'); input.focus(); input.select();`);
  await browser.keys(`shuttle${KEY.ENTER}`);
  await app.waitForSearch('search=shuttle');
  const shuttles = app.expectedIds('search=shuttle');
  await app.waitForCards(shuttles);
  const slow = listRequestsFor('search=slow');
  assert.equal(slow.length, 1, 'query A was sent once');
  assert.equal(slow[0].status, null, 'B\'s cards came while A was still pending');

  // A's answer arrives (or would have) after 4 s; B's cards stay.
  await recordTexts(browser, '[data-testid=grid] [data-testid=empty], [data-testid=grid] [role=alert]', '[data-testid=empty]');
  await until(() => listRequestsFor('search=slow')[0].status !== null,
    { timeout: 20_000, message: "A's answer" }).catch(() => {});
  await app.quiet(); // what A's answer would change (nothing) has had time to show
  assert.deepEqual(await app.cardIds(), shuttles, 'still B\'s cards');
  assert.equal(await app.search(), 'search=shuttle');
  assert.equal((await seen(browser)).flagged, false, 'A\'s (empty) answer was never shown');
  assert.equal(await browser.exec(`return document.querySelector('input[name=search]').value;`), 'shuttle');
});

test('HTTP 429 with Retry-After: the wait counts down live, and Retry asks again', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  app.standin.failNext({ path: 'spacecraft/', match_query: 'ordering=id', retry_after: 754 });
  await recordTexts(browser, '[role=alert] [data-testid=throttle-wait]');
  await choose(browser, 'select[name=ordering]', 'id');
  await app.waitForSearch('ordering=id');
  const first = await waitForAlert([/Rate limit reached/, /Next request possible in 12 min \d+ s/]);
  assert.ok((await seen(browser)).texts.some((text) => text.includes('Next request possible in 12 min 34 s')),
    `the exact wait was shown first: ${JSON.stringify((await seen(browser)).texts)} / ${first}`);
  await assertNoRawError();

  // It counts down by itself.
  await browser.waitFor(
    `const text = document.querySelector('[data-testid=throttle-wait]')?.textContent ?? '';
     const m = /Next request possible in 12 min (\\d+) s/.exec(text);
     return m !== null && Number(m[1]) <= 32;`,
    { timeout: 15_000, message: 'the wait to count down to 12 min 32 s or less' },
  );

  await clickRetry();
  await app.waitForCards(app.expectedIds('ordering=id'));
  assert.deepEqual(listRequestsFor('ordering=id').map((request) => request.status), [429, 200]);
});

test('HTTP 429 with a short Retry-After retries by itself when the wait is over', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  app.standin.failNext({ path: 'spacecraft/', match_query: 'ordering=id', retry_after: 2 });
  await choose(browser, 'select[name=ordering]', 'id');
  await app.waitForSearch('ordering=id');
  await waitForAlert([/Rate limit reached/, /Next request possible in [12] s/]);
  // No click: the countdown reaches zero and the app asks again.
  await app.waitForCards(app.expectedIds('ordering=id'), 30_000);
  assert.deepEqual(listRequestsFor('ordering=id').map((request) => request.status), [429, 200]);
  assert.equal(await browser.exec(`return document.querySelector('[role=alert]');`), null, 'the alert is gone');
});

test('HTTP 429 without a readable Retry-After takes the wait from the API\'s message', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  app.standin.failNext({
    path: 'spacecraft/', match_query: 'ordering=id', status: 429,
    body: { detail: 'Request was throttled. Expected available in 61 seconds.' },
  });
  await recordTexts(browser, '[role=alert] [data-testid=throttle-wait]');
  await choose(browser, 'select[name=ordering]', 'id');
  await app.waitForSearch('ordering=id');
  await waitForAlert([/Rate limit reached/, /Next request possible in 1 min \d+ s/]);
  const texts = (await seen(browser)).texts;
  assert.ok(texts.some((text) => text.includes('1 min 1 s')), `the wait from the message: ${JSON.stringify(texts)}`);
  await clickRetry();
  await app.waitForCards(app.expectedIds('ordering=id'));
});

test('an opaque 429 (no CORS headers) is explained from /api-throttle/ with the exact wait', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  app.standin.reset(); // this rule's throttle report replaces the pinned one
  app.standin.failNext({
    path: 'spacecraft/', match_query: 'ordering=id', retry_after: 754, cors: false, times: 0,
    throttle: { current_use: 15, next_use_secs: 754 },
  });
  await recordTexts(browser, '[role=alert]');
  await choose(browser, 'select[name=ordering]', 'id');
  await app.waitForSearch('ordering=id');
  await waitForAlert([/Rate limit reached/, /12 min \d+ s/]);
  const texts = (await seen(browser)).texts;
  assert.ok(texts.some((text) => text.includes('12 min 34 s')), `the exact wait: ${JSON.stringify(texts)}`);
  await assertNoRawError();
  const failed = listRequestsFor('ordering=id')[0];
  const throttleChecks = app.standin.requests().filter((request) => request.path.endsWith('/api-throttle/') && request.at >= failed.at);
  assert.ok(throttleChecks.length >= 1, 'the app asked /api-throttle/ what happened');

  // Once the API lets requests through again, Retry works.
  resetStandin();
  await clickRetry();
  await app.waitForCards(app.expectedIds('ordering=id'));
});

test('an opaque failure the quota does not explain says the API cannot be reached', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  app.standin.failNext({ path: 'spacecraft/', match_query: 'ordering=id', status: 429, retry_after: 754, cors: false });
  await choose(browser, 'select[name=ordering]', 'id');
  await app.waitForSearch('ordering=id');
  const text = await waitForAlert([/Cannot reach the API/]);
  assert.ok(!/Rate limit/.test(text), text);
  await assertNoRawError();
  await clickRetry();
  await app.waitForCards(app.expectedIds('ordering=id'));
});

test('HTTP 400: the API\'s message is shown beside the field and in the alert', async () => {
  await app.open('/?status=999');
  const message = 'Select a valid choice. That choice is not one of the available choices.';
  await waitForAlert([/did not accept/, new RegExp(message.replace(/\./g, '\\.'))]);
  const beside = await textOf('form[role=search] [data-field=status].field-error');
  assert.ok(beside && beside.includes(message), `beside the status field: ${beside}`);
  const inAlert = await textOf('[role=alert] [data-field=status]');
  assert.ok(inAlert && inAlert.includes(message), `in the alert: ${inAlert}`);
  assert.deepEqual(spentOn('list').map((request) => request.status), [400]);
  await assertNoRawError();
  // Picking a valid status fixes it.
  await browser.waitFor(`return document.querySelector('select[name=status] option[value="1"]') !== null;`,
    { timeout: 20_000, message: 'the status options' });
  await choose(browser, 'select[name=status]', '1');
  await app.waitForSearch('status=1');
  await app.waitForCards(app.expectedIds('status=1'));
  assert.equal(await browser.exec(`return document.querySelector('.field-error');`), null, 'the field message is gone');
});

test('a spacecraft the API does not have shows the not-found page', async () => {
  await app.open('/spacecraft/123456');
  await browser.waitFor(`return document.querySelector('[data-testid=not-found]') !== null;`,
    { timeout: 20_000, message: 'the not-found page' });
  assert.deepEqual(spentOn('detail').map((request) => [urlOf(request), request.status]),
    [['/2.3.0/spacecraft/123456/', 404]]);
  await assertNoRawError();
});

test('a server error says the API is having trouble, and Retry recovers', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  app.standin.failNext({ path: 'spacecraft/', match_query: 'ordering=id', status: 503 });
  await choose(browser, 'select[name=ordering]', 'id');
  await app.waitForSearch('ordering=id');
  await waitForAlert([/The API is having trouble/]);
  assert.equal(await textOf('[role=alert] button'), 'Retry');
  await assertNoRawError();
  await clickRetry();
  await app.waitForCards(app.expectedIds('ordering=id'));
  assert.deepEqual(listRequestsFor('ordering=id').map((request) => request.status), [503, 200]);
});

test('malformed JSON gets a clear message, is not cached, and the rest of the app works', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  app.standin.failNext({ path: 'spacecraft/', match_query: 'ordering=id', body: '{not json' });
  await choose(browser, 'select[name=ordering]', 'id');
  await app.waitForSearch('ordering=id');
  await waitForAlert([/could not read/]);
  await assertNoRawError();
  const cached = await browser.exec(
    `return Object.keys(localStorage).filter((key) => key.endsWith('/spacecraft/?ordering=id'));`,
  );
  assert.deepEqual(cached, [], 'the broken answer is not cached');

  // Other views, and a detail page, work.
  await choose(browser, 'select[name=in_space]', 'true');
  await app.waitForSearch('in_space=true&ordering=id');
  await app.waitForCards(app.expectedIds('in_space=true&ordering=id'));
  const id = (await app.cardIds())[0];
  await clickOn(browser, `[data-spacecraft-id="${id}"] a.card-link`);
  await browser.waitFor(`return document.querySelector('[data-testid=detail]') !== null;`,
    { timeout: 20_000, message: 'a detail page' });
  // Going back to the broken view asks again, and now gets good data.
  await browser.back();
  await app.waitForCards(app.expectedIds('in_space=true&ordering=id'));
  await browser.back();
  await app.waitForSearch('ordering=id');
  await app.waitForCards(app.expectedIds('ordering=id'));
});

test('a slow API is announced after 5 s, and the cards still arrive', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  app.standin.failNext({ path: 'spacecraft/', match_query: 'ordering=id', delay_ms: 7000 });
  await recordTexts(browser, '[data-testid=grid] [data-testid=slow]');
  await choose(browser, 'select[name=ordering]', 'id');
  await app.waitForSearch('ordering=id');
  await browser.waitFor(`return document.querySelector('[data-testid=slow]') !== null;`,
    { timeout: 20_000, message: 'the slow notice' });
  await app.waitForCards(app.expectedIds('ordering=id'), 30_000);
  // The notice belongs to the loading state, so it was seen before the cards came.
  const texts = (await seen(browser)).texts;
  assert.ok(texts.some((text) => /slow/i.test(text)), `the notice says the API is slow: ${JSON.stringify(texts)}`);
  assert.deepEqual(listRequestsFor('ordering=id').map((request) => request.status), [200], 'one request, waited for');
  assert.equal(await browser.exec(`return document.querySelector('[data-testid=slow]');`), null, 'the notice is gone');
});

// Each breaker, and a page-side check that it is in force.
const STORAGE_BREAKERS = {
  'full (every write throws QuotaExceededError)': `
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };`,
  'disabled (reading window.localStorage / sessionStorage throws)': `
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, {
        configurable: true,
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      });
    }`,
};

const STORAGE_BROKEN = `try { sessionStorage.setItem('e2e-probe', '1'); return false; } catch (error) { return true; }`;

for (const [what, source] of Object.entries(STORAGE_BREAKERS)) {
  test(`with storage ${what} the app works, caching in memory`, async () => {
    const restore = await onEveryNewDocument(browser, source);
    try {
      await app.open('/');
      assert.equal(await browser.exec(STORAGE_BROKEN), true, 'the page cannot store anything');
      await app.waitForCards(app.expectedIds(''));
      await browser.waitFor(`return document.querySelector('select[name=status] option[value="1"]') !== null;`,
        { timeout: 20_000, message: 'the status options' });
      await choose(browser, 'select[name=ordering]', 'id');
      await app.waitForSearch('ordering=id');
      await app.waitForCards(app.expectedIds('ordering=id'));
      await browser.back();
      await app.waitForSearch('');
      await app.waitForCards(app.expectedIds(''));
      await browser.forward();
      await app.waitForSearch('ordering=id');
      await app.waitForCards(app.expectedIds('ordering=id'));
      assert.deepEqual(spentOn('list').map(urlOf), [listUrl(''), listUrl('ordering=id')],
        'Back and Forward came from memory');
      // Settings still save for this visit, and the app keeps working after.
      await openSettings(browser);
      await clickOn(browser, 'form[data-testid=settings] button[type=submit]');
      await choose(browser, 'select[name=in_space]', 'true');
      await app.waitForSearch('in_space=true&ordering=id');
      await app.waitForCards(app.expectedIds('in_space=true&ordering=id'));
      await assertNoRawError();
      const errors = (await browser.consoleErrors()).filter((line) => /panicked|unreachable|RuntimeError|Uncaught/.test(line));
      assert.deepEqual(errors, [], 'no crash in the console');
    } finally {
      await restore();
    }
  });
}

test('the page carries a strict Content-Security-Policy, and javascript: URLs from the API go nowhere', async () => {
  const stop = await onEveryNewDocument(browser, `
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
    });`);
  try {
    await app.open('/?search=Javascript');
    await app.waitForCards([908]);
    const policy = await browser.exec(
      `const meta = document.querySelector('meta[http-equiv=Content-Security-Policy]'); return meta && meta.content;`,
    );
    assert.ok(policy, 'a CSP meta tag');
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'"]) {
      assert.ok(policy.includes(directive), `the policy has ${directive}: ${policy}`);
    }
    assert.ok(!policy.includes("'unsafe-inline'"), `no 'unsafe-inline': ${policy}`);
    assert.ok(!policy.split(/[\s;]+/).includes("'unsafe-eval'"), `no 'unsafe-eval': ${policy}`);

    const javascriptUrls = () => browser.exec(
      `const found = [];
       for (const el of document.querySelectorAll('*')) {
         for (const attr of el.attributes) {
           if (/^(src|href|srcset|action|formaction|poster|data|xlink:href|background)$/i.test(attr.name)
               && /^\\s*javascript:/i.test(attr.value)) found.push(el.tagName + ' ' + attr.name + '=' + attr.value);
           if (attr.name === 'style' && /javascript:/i.test(attr.value)) found.push(el.tagName + ' style');
         }
       }
       return found;`,
    );
    assert.deepEqual(await javascriptUrls(), [], 'on the card');
    await clickOn(browser, '[data-spacecraft-id="908"] a.card-link');
    await browser.waitFor(
      `const d = document.querySelector('[data-testid=detail]'); return d !== null && d.dataset.spacecraftId === '908';`,
      { timeout: 20_000, message: 'the detail page of 908' },
    );
    await app.settled();
    await app.quiet(); // no late violation: an absence, watched for a while
    assert.deepEqual(await javascriptUrls(), [], 'on the detail page');
    assert.deepEqual(await browser.exec('return window.__cspViolations;'), [], 'nothing the app does breaks the policy');
    const cspErrors = (await browser.consoleErrors()).filter((line) => /Content Security Policy/i.test(line));
    assert.deepEqual(cspErrors, []);
  } finally {
    await stop();
  }
});
