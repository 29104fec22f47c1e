// What a screen reader meets: the chart read once (its list, each bar's name and value, no
// second copy of the numbers), and a field the API complained about tied to its message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choose } from './support/harness.mjs';
import { shareVisitorApp } from './support/sessions.mjs';
import { seriousViolations } from './support/axe.mjs';

let app;
let browser;

shareVisitorApp({ width: 1280, height: 900 }, (opened) => {
  app = opened;
  browser = opened.browser;
});

/** The chart as a screen reader gets it: the text outside aria-hidden parts, and per bar what
 *  its list item reads. */
const READ_CHART = `
  const chart = document.querySelector('[data-testid=chart]');
  if (!chart) return null;
  const spoken = [];
  const walk = (node) => {
    if (node.nodeType === 3) { spoken.push(node.textContent); return; }
    if (node.nodeType !== 1 || node.getAttribute('aria-hidden') === 'true') return;
    node.childNodes.forEach(walk);
  };
  walk(chart);
  const clean = (text) => text.replace(/\\s+/g, ' ').trim();
  return {
    spoken: clean(spoken.join(' ')),
    bars: [...chart.querySelectorAll('[data-bar-id]')].map((bar) => ({
      name: clean(bar.querySelector('a').textContent), reads: clean(bar.textContent),
    })),
  };`;

test('the chart reads each spacecraft and its value once, from its list', async () => {
  await app.open('/?view=chart&ordering=-time_in_space');
  await browser.waitFor(`return document.querySelectorAll('[data-testid=chart] [data-bar-id]').length > 0;`,
    { message: 'the chart' });
  const chart = await browser.exec(READ_CHART);
  const expected = app.expectedList('ordering=-time_in_space').json.results;
  assert.equal(chart.bars.length, expected.length, 'one bar per spacecraft');
  for (const bar of chart.bars) {
    const times = chart.spoken.split(bar.name).length - 1;
    assert.equal(times, 1, `"${bar.name}" is read ${times} times in: ${chart.spoken.slice(0, 300)}…`);
    assert.match(bar.reads, /\d|no data/i, `its item reads its value too: ${bar.reads}`);
  }
  assert.deepEqual(await seriousViolations(browser), [], 'axe finds nothing serious');
});

test('a field the API rejects is marked invalid and described by the API\'s message, until the error is gone', async () => {
  await app.open('/?status=999');
  await browser.waitFor(`return document.querySelector('form[role=search] [data-field=status]') !== null;`,
    { message: "the status field's message" });
  const aria = () => browser.exec(
    `const select = document.querySelector('select[name=status]');
     const described = select.getAttribute('aria-describedby');
     const message = described && document.getElementById(described);
     return { invalid: select.getAttribute('aria-invalid'), described,
              message: message && message.textContent, beside: message !== null && select.closest('.field').contains(message) };`,
  );
  const rejected = await aria();
  assert.equal(rejected.invalid, 'true', `the status field is invalid: ${JSON.stringify(rejected)}`);
  assert.match(rejected.message ?? '', /status: Select a valid choice/, `and described by the message: ${JSON.stringify(rejected)}`);
  assert.equal(rejected.beside, true, 'the message stands beside its field');
  assert.equal(await browser.exec(`return document.querySelector('select[name=ordering]').getAttribute('aria-invalid');`), null,
    'the other fields are not marked');
  assert.deepEqual(await seriousViolations(browser), [], 'axe finds nothing serious');

  await choose(browser, 'select[name=status]', '');
  await app.waitForCards(app.expectedIds(''));
  assert.deepEqual(await aria(), { invalid: null, described: null, message: null, beside: false },
    'with the error gone, so are the marks');
});
