// Review 2 (issue 17), items 3 and 5: removing a column of a comparison lets the next spacecraft
// the link names move in, and an API page that names one spacecraft twice shows it once, with
// the count, the pager, the chart and the compare toggles still working. Expected values come
// from the local LL2 stand-in's own answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOn } from './support/harness.mjs';
import { shareVisitorApp } from './support/sessions.mjs';

let app;
let browser;

shareVisitorApp({ width: 1280, height: 900 }, (opened) => {
  app = opened;
  browser = opened.browser;
});

const textOf = (css) => browser.exec(
  `const el = document.querySelector(arguments[0]); return el && el.textContent.replace(/\\s+/g, ' ').trim();`,
  css,
);

/** The ids of the compare table's columns, in order. */
const columnIds = () => browser.exec(
  `return [...document.querySelectorAll('[data-testid=compare] th[data-compare-id]')].map((th) => Number(th.dataset.compareId));`,
);

test('removing a spacecraft from a six-spacecraft comparison brings the fifth into view', async () => {
  const ids = app.expectedIds('ordering=id&limit=6');
  assert.equal(ids.length, 6);
  await app.open(`/compare?ids=${ids.join(',')}`);
  assert.deepEqual(await columnIds(), ids.slice(0, 4));
  assert.match(await textOf('[data-testid=compare-note]'), /2 more left out/);

  await clickOn(browser, `th[data-compare-id="${ids[1]}"] a.compare-remove`);
  const rest = ids.filter((id) => id !== ids[1]);
  await app.waitForSearch(`ids=${rest.join(',')}`);
  await browser.waitFor(
    `return JSON.stringify([...document.querySelectorAll('[data-testid=compare] th[data-compare-id]')]
       .map((th) => Number(th.dataset.compareId))) === arguments[0];`,
    { args: [JSON.stringify(rest.slice(0, 4))], message: 'the fifth spacecraft to move into the table' },
  ).catch(async (error) => {
    error.message += ` (columns: ${JSON.stringify(await columnIds())}, address: ${await browser.url()})`;
    throw error;
  });
  await app.settled();
  assert.match(await textOf('[data-testid=compare-note]'), /1 more left out/);
});

test('a page of results that names one spacecraft twice shows it once and keeps working', async () => {
  const query = 'limit=5';
  const answer = app.expectedList(query).json;
  const [a, b, c, d] = answer.results;
  // The API's page as it may come while records move between pages: `a` again in third place.
  app.standin.failNext({
    path: 'spacecraft/', match_query: query, status: 200,
    body: { ...answer, results: [a, b, { ...a }, c, d] },
  });
  await app.open(`/?${query}`);
  await app.waitForCards([a.id, b.id, c.id, d.id]);
  assert.equal(await textOf('[data-testid=result-count]'), `1–4 of ${answer.count} spacecraft`);
  assert.match(await textOf('nav.pager a[rel=next]'), /Next/, 'the pager still leads on');

  // The compare toggle of the spacecraft named twice acts on its one card.
  await clickOn(browser, `article[data-spacecraft-id="${a.id}"] button[data-compare-toggle]`);
  await browser.waitFor(
    `const b = document.querySelector(arguments[0]); return b && b.getAttribute('aria-pressed') === 'true';`,
    { args: [`article[data-spacecraft-id="${a.id}"] button[data-compare-toggle]`], message: 'the toggle pressed' },
  );
  await browser.waitFor(
    `const link = document.querySelector('[data-testid=compare-link]'); return link && /Compare 1/.test(link.textContent);`,
    { message: 'the tray to hold one spacecraft' },
  );

  // The chart of the same page: one bar per spacecraft.
  await clickOn(browser, 'a[href*="view=chart"]');
  await browser.waitFor(`return document.querySelectorAll('[data-testid=chart] .chart-bar').length === 4;`, {
    message: 'four bars, one per spacecraft',
  }).catch(async (error) => {
    error.message += ` (bars: ${await browser.exec(`return document.querySelectorAll('[data-testid=chart] .chart-bar').length;`)})`;
    throw error;
  });
  const errors = await app.consoleErrors();
  assert.deepEqual(errors.filter((message) => /panicked|unreachable|RuntimeError/i.test(message)), []);
});
