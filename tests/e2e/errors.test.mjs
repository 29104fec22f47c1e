// When things go wrong: bad links are cleaned, and every API failure (400, 500, unreadable JSON,
// an unreachable API, throttling, slowness) becomes a message for people with a Retry button
// that works, while the rest of the app keeps working and nothing panics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, clickOn, shareApp, until } from './support/harness.mjs';

let app;
let browser;

shareApp({ width: 1280, height: 900 }, (opened) => {
  app = opened;
  browser = opened.browser;
});

const DEFAULT_FORM = {
  search: '', ordering: '', status: '', spacecraft_config: '', in_space: '', is_placeholder: '',
  limit: '10', mode: 'normal',
};

/** Text that must never reach the page: raw error strings from Rust, JS or the network. */
const RAW_ERROR = /TypeError|Failed to fetch|NetworkError|JsValue|SyntaxError|serde|expected value at line|panicked|unwrap|Err\(|Error\(|undefined|\[object /;

function errorNotice() {
  return browser.exec(
    `const el = document.querySelector('[data-testid=error]');
     if (!el) return null;
     return { role: el.getAttribute('role'), text: el.textContent.replace(/\\s+/g, ' ').trim(),
              retry: [...el.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Retry') };`,
  );
}

async function waitForError(pattern) {
  await browser.waitFor(
    `const el = document.querySelector('[data-testid=error]'); return el !== null && new RegExp(arguments[0]).test(el.textContent);`,
    { args: [pattern.source], message: `an error notice matching ${pattern}` },
  ).catch(async (error) => {
    error.message += ` (page: ${JSON.stringify(await browser.exec(`return document.querySelector('main') && document.querySelector('main').textContent.slice(0, 400);`))})`;
    throw error;
  });
  const notice = await errorNotice();
  assert.equal(notice.role, 'alert', 'the error is announced');
  assert.equal(notice.retry, true, 'the error offers Retry');
  assert.doesNotMatch(notice.text, RAW_ERROR, 'no raw error text');
  return notice;
}

const retry = () => clickOn(browser, '[data-testid=error] button');

test('bad values in a link are cleaned in place, without a new history entry, and never sent', async () => {
  await app.open('/?search=start');
  const cases = [
    ['/?limit=abc&offset=-5&ordering=DROP&in_space=maybe&status=x&spacecraft_config=-1&mode=list&foo=bar', ''],
    ['/?foo=bar&offset=10&limit=5000&in_space=True&ordering=-id&search=o', 'search=o&in_space=true&ordering=-id&limit=100&offset=10'],
    ['/?ordering=id&search=shuttle&limit=10&offset=0', 'search=shuttle&ordering=id'],
    ['/?search=%20%20&is_placeholder=1&limit=0', 'is_placeholder=true'],
  ];
  for (const [dirty, clean] of cases) {
    app.standin.reset();
    const lengthBefore = await app.historyLength();
    await browser.goto(app.url(dirty));
    await app.settled();
    await app.waitForSearch(clean);
    await app.waitForCards(app.expectedIds(clean));
    assert.equal(await app.historyLength(), lengthBefore + 1, `only the visit itself is in the history (${dirty})`);
    for (const request of app.listRequests()) {
      assert.equal(request.query, clean, `the API saw "${request.query}" for ${dirty}`);
    }
  }
  assert.deepEqual(await app.formValues(), { ...DEFAULT_FORM, is_placeholder: 'true' });
  // Back goes to the page before, not to the dirty address.
  await browser.back();
  await app.waitForSearch('search=shuttle&ordering=id');
});

test('a filter value the API rejects (status=999) shows its field message and Retry', async () => {
  await app.open('/?status=999');
  const notice = await waitForError(/Select a valid choice/);
  assert.match(notice.text, /status: Select a valid choice/);
  assert.match(
    await browser.exec(`const el = document.querySelector('form[role=search] [data-field=status]'); return el ? el.textContent : '';`),
    /Select a valid choice/, 'the message also stands beside the status field');
  assert.equal(await app.search(), 'status=999', 'the address is left as the user gave it');
  const requests = app.listRequests();
  assert.ok(requests.length >= 1);
  assert.deepEqual(requests.at(-1).params, { status: '999' });
  assert.equal(requests.at(-1).status, 400);

  const asked = app.listRequests().length;
  await retry();
  await until(() => app.listRequests().length > asked, { timeout: 20_000, message: 'a request after Retry' })
    .catch(() => {});
  assert.equal(app.listRequests().length, asked + 1, 'Retry asks the API again');
  await browser.waitFor(
    `return document.querySelector('[data-testid=error]') !== null && document.querySelector('[aria-busy="true"]') === null;`,
    { message: 'the error again after Retry' },
  );
  await app.waitForSearch('status=999');
  assert.equal((await app.formValues()).status, '999', 'the status control shows the value in the link');

  // Choosing a valid status gets out of it.
  await choose(browser, 'select[name=status]', '1');
  await app.waitForSearch('status=1');
  await app.waitForCards(app.expectedIds('status=1'));
  assert.equal(await browser.exec(`return document.querySelector('[data-testid=error]') === null;`), true);
});

test('an unknown configuration in a link shows the API\'s message and keeps the choice visible', async () => {
  await app.open('/?spacecraft_config=999');
  await waitForError(/spacecraft_config: Select a valid choice/);
  await browser.waitFor(
    `const s = document.querySelector('select[name=spacecraft_config]');
     return s.value === '999' && /999/.test(s.selectedOptions[0].textContent);`,
    { message: 'the configuration control to show #999' },
  );
  await clickOn(browser, '[data-testid=clear-filters]');
  await app.waitForSearch('');
  await app.waitForCards(app.expectedIds(''));
});

test('a server error says the API is having trouble, and Retry recovers', async () => {
  app.standin.failNext({ path: 'spacecraft/', status: 500, times: 1 });
  await app.open('/?search=dragon');
  const notice = await waitForError(/The API is having trouble/);
  assert.doesNotMatch(notice.text, /A server error occurred/, 'the API body is not shown raw');
  assert.deepEqual(await app.shownCardIds(), []);
  await retry();
  await app.waitForCards(app.expectedIds('search=dragon'));
  assert.equal(await browser.exec(`return document.querySelector('[data-testid=error]') === null;`), true);
  const requests = app.listRequests();
  assert.deepEqual(requests.map((r) => r.status), [500, 200]);
  for (const request of requests) assert.equal(request.query, 'search=dragon');
});

test('an unreadable answer (malformed JSON) says so clearly, and Retry recovers', async () => {
  app.standin.failNext({ path: 'spacecraft/', body: '{not json', times: 1 });
  await app.open('/?ordering=id');
  await waitForError(/could not read/);
  await retry();
  await app.waitForCards(app.expectedIds('ordering=id'));
});

test('an unreachable API says so, never shows a raw error, and the rest of the app keeps working', async () => {
  // A 429 without CORS headers: the browser sees an opaque network failure.
  app.standin.failNext({ path: 'spacecraft/', status: 429, cors: false, times: 0 });
  await app.open('/?search=soyuz');
  const notice = await waitForError(/Cannot reach the API|Rate limit/);
  assert.ok(notice.text.length > 40, `the notice explains what to do: ${notice.text}`);

  // Retry while the API is still unreachable: the same kind of notice, no crash.
  await retry();
  await browser.waitFor(
    `return document.querySelector('[aria-busy="true"]') === null && document.querySelector('[data-testid=error]') !== null;`,
    { message: 'the error notice after a failed retry' },
  );

  // The form still works while the API is down, and once it is back the view loads.
  await choose(browser, 'select[name=ordering]', '-flights_count');
  await app.waitForSearch('search=soyuz&ordering=-flights_count');
  await waitForError(/Cannot reach the API|Rate limit/);
  app.standin.reset();
  await retry();
  await app.waitForCards(app.expectedIds('search=soyuz&ordering=-flights_count'));
  await choose(browser, 'select[name=in_space]', 'true');
  await app.waitForSearch('search=soyuz&in_space=true&ordering=-flights_count');
  await app.waitForCards(app.expectedIds('search=soyuz&in_space=true&ordering=-flights_count'));
});

test('a rate limit says so and how long to wait (12 min 34 s)', async () => {
  await app.open('/');
  // Record every text the error notice shows: the wait counts down, so the first one matters.
  await browser.exec(
    `window.__noticeTexts = [];
     const record = () => {
       const el = document.querySelector('[data-testid=error]');
       if (el) window.__noticeTexts.push(el.textContent.replace(/\\s+/g, ' ').trim());
     };
     new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });`,
  );
  app.standin.failNext({ path: 'spacecraft/', retry_after: 754, times: 1 });
  await choose(browser, 'select[name=in_space]', 'true');
  await app.waitForSearch('in_space=true');
  const notice = await waitForError(/Rate limit reached/);
  const texts = await browser.exec('return window.__noticeTexts;');
  assert.ok(texts.some((text) => text.includes('12 min 34 s')),
    `the wait from Retry-After is shown: ${JSON.stringify(texts.slice(0, 3))} … now ${notice.text}`);
  await retry();
  await app.waitForCards(app.expectedIds('in_space=true'));
});

test('a rate limit behind a proxy (429 without CORS) is recognised from the quota endpoint', async () => {
  app.standin.failNext({
    path: 'spacecraft/', retry_after: 754, cors: false, times: 0,
    throttle: { current_use: 15, next_use_secs: 754 },
  });
  await app.open('/?search=shenzhou');
  const notice = await waitForError(/Rate limit reached/);
  assert.match(notice.text, /\d+ min \d+ s/, 'the wait is given');
  app.standin.reset();
  await retry();
  await app.waitForCards(app.expectedIds('search=shenzhou'));
});

test('a slow API says it is still waiting, then shows the cards', async () => {
  app.standin.failNext({ path: 'spacecraft/', delay_ms: 8000, times: 1 });
  await browser.goto(app.url('/?search=progress'));
  await browser.waitFor(`return document.querySelector('[data-testid=grid][aria-busy="true"]') !== null;`,
    { message: 'the grid loading', timeout: 20_000 });
  await browser.waitFor(`return document.querySelector('[data-testid=slow]') !== null;`,
    { message: 'a note that the API is slow', timeout: 20_000 });
  await app.waitForCards(app.expectedIds('search=progress'), 30_000);
  assert.equal(await browser.exec(`return document.querySelector('[data-testid=slow]') === null;`), true);
});

test('a late answer for an earlier view never replaces the newer view', async () => {
  await app.open('/');
  app.standin.reset();
  app.standin.failNext({ path: 'spacecraft/', match_query: 'ordering=id', delay_ms: 3000, times: 1 });
  await choose(browser, 'select[name=ordering]', 'id');
  await app.waitForSearch('ordering=id');
  await choose(browser, 'select[name=ordering]', '-id');
  await app.waitForSearch('ordering=-id');
  const newer = app.expectedIds('ordering=-id');
  await app.waitForCards(newer);
  // Wait until the stand-in has answered the slow, superseded request, then look again.
  await until(() => !app.listRequests().some((r) => r.query === 'ordering=id' && r.status === null),
    { timeout: 20_000, message: 'the slow request to be answered' }).catch(() => {});
  assert.ok(app.listRequests().every((r) => r.status !== null), 'the slow request was answered');
  await app.settled();
  assert.deepEqual(await app.shownCardIds(), newer);
  assert.equal(await app.search(), 'ordering=-id');
});

test('a detail page whose request fails offers Retry, which shows the spacecraft', async () => {
  app.standin.failNext({ path: 'spacecraft/95/', status: 500, times: 1 });
  await app.open('/spacecraft/95');
  await waitForError(/The API is having trouble/);
  assert.equal(await browser.exec(`return document.querySelector('[data-testid=not-found]') === null;`), true,
    'a server error is not "not found"');
  assert.ok(await browser.exec(`return document.querySelector('a[data-testid=back-to-grid]') !== null;`),
    'the way back is still there');
  await retry();
  await browser.waitFor(
    `const h1 = document.querySelector('[data-testid=detail] h1'); return h1 && h1.textContent.trim() === 'Apollo CSM-118';`,
    { message: 'the detail of 95 after Retry' },
  );
  assert.equal(await browser.title(), 'Apollo CSM-118 — Spacecraft Explorer');
});

test('no panics in the browser console through all of this', async () => {
  const errors = await app.consoleErrors();
  assert.ok(errors.length > 0, 'sanity: the failed requests above were logged');
  assert.deepEqual(errors.filter((message) => /panicked|unreachable|RuntimeError/i.test(message)), []);
});
