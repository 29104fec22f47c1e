// The quota meter is still while there is nothing to count, and still counts a throttle's wait
// down: it does not rebuild itself every second (in the header and, with the settings open, in
// the panel too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, openSettings } from './support/harness.mjs';
import { shareVisitorApp } from './support/sessions.mjs';

let app;
let browser;

shareVisitorApp({ width: 1280, height: 900 }, (opened) => {
  app = opened;
  browser = opened.browser;
});

/** Starts counting, in the page, every DOM change in or of a quota meter (both meters). */
function countMeterChanges() {
  return browser.exec(
    `window.__e2eMeterChanges = 0;
     const isMeter = (node) => node.nodeType === 1 && (node.matches('[data-testid=quota]') || node.querySelector('[data-testid=quota]'));
     const inMeter = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest('[data-testid=quota]');
     window.__e2eMeterObserver?.disconnect();
     window.__e2eMeterObserver = new MutationObserver((records) => {
       for (const record of records) {
         if (inMeter(record.target) || [...record.addedNodes, ...record.removedNodes].some(isMeter)) {
           window.__e2eMeterChanges += 1;
         }
       }
     });
     window.__e2eMeterObserver.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
     window.__e2eMeterSince = performance.now();`,
  );
}

test('with nothing to count down, neither meter changes at all (header and open settings)', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  await app.waitForQuotaText(/^3 \/ 15 requests used$/);
  await openSettings(browser);
  await browser.waitFor(
    `const meter = document.querySelector('form[data-testid=settings] [data-testid=quota]');
     return meter !== null && /3 \\/ 15 requests used/.test(meter.textContent);`,
    { message: "the settings panel's meter" },
  );
  // The settings' own quota check has been answered before counting starts.
  const throttleChecks = () => app.standin.requests().filter((request) => request.path.endsWith('/api-throttle/'));
  await browser.waitFor(`return document.querySelector('[aria-busy="true"]') === null;`);
  assert.ok(throttleChecks().every((request) => request.status !== null), 'setup: quota checks answered');
  await countMeterChanges();
  // An observation window of three seconds of the page's time, ended early by any change.
  const { changes, elapsed } = await browser.waitFor(
    `return (window.__e2eMeterChanges > 0 || performance.now() - window.__e2eMeterSince > 3000)
       && { changes: window.__e2eMeterChanges, elapsed: performance.now() - window.__e2eMeterSince };`,
    { timeout: 10_000, message: 'three seconds of watching the meters' },
  );
  assert.equal(changes, 0, `the meters changed ${changes} times in ${Math.round(elapsed)} ms with nothing to count`);
});

test('a throttle\'s wait still counts down on the meter', async () => {
  await app.open('/');
  await app.waitForCards(app.expectedIds(''));
  await app.waitForQuotaText(/^3 \/ 15 requests used$/);
  app.standin.failNext({ path: 'spacecraft/', match_query: 'ordering=id', retry_after: 754 });
  await choose(browser, 'select[name=ordering]', 'id');
  await app.waitForQuotaText(/^Quota used: next request in 12 min 3\d s$/);
  const first = await app.quotaText();
  await app.waitForQuotaText(new RegExp(`^Quota used: next request in 12 min (?!${first.match(/(\d+) s$/)[1]} s)\\d+ s$`));
});
