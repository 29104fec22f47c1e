// The visitor's supporter key, as the visitor meets its failures: a key the API refuses says
// so and leads to the settings (not "HTTP 401"), and a key with a character a request header
// cannot carry is refused at Save, beside the key field, and never sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOn, openSettings, typeInto } from './support/harness.mjs';
import { shareVisitorApp } from './support/sessions.mjs';

let app;
let browser;

shareVisitorApp({ width: 1280, height: 900 }, (opened) => {
  app = opened;
  browser = opened.browser;
});

const SETTINGS_KEY = 'spacecraft-explorer.settings';
const REFUSED_KEY = 'e2e-revoked-key-0001';

const textOf = (css) => browser.exec(
  `const el = document.querySelector(arguments[0]); return el && el.textContent.replace(/\\s+/g, ' ').trim();`,
  css,
);

test('a supporter key the API refuses is named as the problem, and the notice opens the settings at the key', async () => {
  await browser.exec('localStorage.setItem(arguments[0], arguments[1]);', SETTINGS_KEY,
    JSON.stringify({ host: 'site', api_key: REFUSED_KEY }));
  app.standin.failNext({ path: 'spacecraft/', status: 401, body: { detail: 'Invalid token.' }, times: 0 });
  await app.open('/');
  await browser.waitFor(`return document.querySelector('[data-testid=error]') !== null;`,
    { message: 'the error notice' });
  const keyed = app.listRequests().at(-1);
  assert.equal(keyed.authorization, `Token ${REFUSED_KEY}`, 'setup: the request carried the key');
  assert.equal(keyed.status, 401, 'setup: the API refused it');

  const notice = await textOf('[data-testid=error]');
  assert.match(notice, /refused your supporter key/i, `the notice names the key: ${notice}`);
  assert.match(notice, /settings/i, `and where to change it: ${notice}`);
  assert.doesNotMatch(notice, /Unexpected answer/i, notice);

  assert.equal(await browser.exec(`return document.querySelector('details.settings').open;`), false,
    'setup: the settings are closed');
  await clickOn(browser, '[data-testid=error] [data-testid=open-settings]');
  await browser.waitFor(
    `return document.querySelector('details.settings').open && document.activeElement
       && document.activeElement.id === 'api-key';`,
    { message: 'the settings open with the key field in focus' },
  );
});

test('a key with a character a header cannot carry is refused at Save beside the field, and never sent', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  await openSettings(browser);
  await typeInto(browser, '#api-key', 'abc€def');
  await clickOn(browser, 'form[data-testid=settings] button[type=submit]');
  await browser.waitFor(
    `return document.querySelector('[data-testid=key-error]') !== null
       || /Saved/.test(document.querySelector('form[data-testid=settings] [role=status]').textContent);`,
    { message: 'Save to answer' },
  );
  const field = await browser.exec(
    `const input = document.querySelector('#api-key');
     const described = input.getAttribute('aria-describedby');
     const message = described && document.getElementById(described);
     return { invalid: input.getAttribute('aria-invalid'), message: message && message.textContent,
              saved: document.querySelector('form[data-testid=settings] [role=status]').textContent,
              stored: localStorage.getItem(arguments[0]) };`,
    SETTINGS_KEY,
  );
  assert.equal(field.saved, '', `not saved: ${JSON.stringify(field)}`);
  assert.equal(field.invalid, 'true', 'the key field is marked invalid');
  assert.match(field.message ?? '', /cannot be sent.*€/, `its message, tied to it, names the character: ${JSON.stringify(field)}`);
  assert.equal(field.stored, null, 'nothing stored');
  assert.ok(app.standin.requests().every((request) => request.authorization === null),
    'no request ever carried a key');

  // Typing again clears the complaint; a good key is saved.
  await browser.exec(`const input = document.querySelector('#api-key'); input.value = ''; input.dispatchEvent(new Event('input', { bubbles: true }));`);
  await typeInto(browser, '#api-key', 'e2e-good-key-0002');
  assert.equal(await browser.exec(`return document.querySelector('#api-key').getAttribute('aria-invalid');`), null,
    'no longer marked invalid');
  await clickOn(browser, 'form[data-testid=settings] button[type=submit]');
  await browser.waitFor(`return /Saved/.test(document.querySelector('form[data-testid=settings] [role=status]').textContent);`,
    { message: 'the good key saved' });
  assert.equal(JSON.parse(await browser.exec('return localStorage.getItem(arguments[0]);', SETTINGS_KEY)).api_key,
    'e2e-good-key-0002', 'the good key is stored');
});
