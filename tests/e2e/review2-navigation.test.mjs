// Review 2 (issue 17), item 2: moving around the app leaves keyboard and screen-reader users
// somewhere. After a link to another page, focus is on the new page's heading and its title is
// said politely; a spacecraft's page is titled from the moment it is opened, then named when its
// record arrives; Back brings focus to the grid's heading without disturbing the scroll position
// the browser restores. The first load takes no focus, typing in the search box keeps it there,
// and the pager still brings focus to the new results' count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickOn, typeInto } from './support/harness.mjs';
import { shareVisitorApp } from './support/sessions.mjs';

let app;
let browser;

shareVisitorApp({ width: 1280, height: 700 }, (opened) => {
  app = opened;
  browser = opened.browser;
});

const SITE = 'Spacecraft Explorer';

/** What has focus, as a person would name it: the element, its text, and what it is in. */
const focused = () => browser.exec(
  `const el = document.activeElement;
   return el ? { tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
                 testid: el.dataset.testid || null, text: el.textContent.replace(/\\s+/g, ' ').trim().slice(0, 80) } : null;`,
);

/** Waits until focus is on the page's h1 reading `text`. */
async function waitForHeadingFocus(text) {
  await browser.waitFor(
    `const el = document.activeElement;
     return el && el.tagName === 'H1' && el.closest('#main') !== null && el.textContent.trim() === arguments[0];`,
    { args: [text], message: `focus on the heading "${text}"` },
  ).catch(async (error) => {
    error.message += ` (focus: ${JSON.stringify(await focused())})`;
    throw error;
  });
}

/** Waits until the frame's polite live region says `text`. */
async function waitForAnnouncement(text) {
  await browser.waitFor(
    `const region = [...document.querySelectorAll('[aria-live=polite]')].find((el) => !el.closest('#main'));
     return region !== undefined && region.textContent.trim() === arguments[0];`,
    { args: [text], message: `the page announced as "${text}"` },
  ).catch(async (error) => {
    error.message += ` (live regions outside main: ${JSON.stringify(await browser.exec(
      `return [...document.querySelectorAll('[aria-live]')].filter((el) => !el.closest('#main')).map((el) => el.textContent.trim());`,
    ))})`;
    throw error;
  });
}

test('opening a spacecraft from the grid brings focus to its name and says it, titled while it loads', async () => {
  await app.open('/?ordering=id&limit=20');
  assert.equal((await focused()).tag, 'body', 'a first load takes no focus');
  const [, second] = await app.shownCardIds();
  const craft = app.standin.dataset.spacecraft.find((s) => s.id === second);
  // The record takes its time, so the page is seen loading.
  app.standin.failNext({ path: `spacecraft/${second}/`, delay_ms: 1500 });
  await clickOn(browser, `article[data-spacecraft-id="${second}"] h2 a`);
  await browser.waitFor(`return document.querySelector('[data-testid=detail-page] [data-testid=loading]') !== null;`,
    { message: 'the spacecraft page loading' });
  assert.equal(await browser.title(), `Spacecraft ${second} — ${SITE}`, 'titled while its record is on its way');
  await waitForHeadingFocus(craft.name);
  assert.equal(await browser.title(), `${craft.name} — ${SITE}`);
  await waitForAnnouncement(craft.name);
});

test('Back to the grid brings focus to its heading and keeps the scroll position', async () => {
  await app.open('/?ordering=id&limit=50');
  const ids = await app.shownCardIds();
  const id = ids[30];
  await browser.exec(
    `document.querySelector('article[data-spacecraft-id="' + arguments[0] + '"]').scrollIntoView({ block: 'center' });`, id,
  );
  const scrolled = await browser.exec('return Math.round(scrollY);');
  assert.ok(scrolled > 500, `scrolled down the grid (${scrolled})`);
  await clickOn(browser, `article[data-spacecraft-id="${id}"] h2 a`);
  await browser.waitFor(`return document.querySelector('[data-testid=detail]') !== null;`, { message: 'the detail page' });
  await browser.back();
  await app.waitForCards(ids);
  await waitForHeadingFocus('Spacecraft');
  await waitForAnnouncement(await browser.exec(`return document.title.replace(/ — ${SITE}$/, '');`));
  const back = await browser.exec('return Math.round(scrollY);');
  assert.ok(Math.abs(back - scrolled) <= 2, `the scroll position is restored: ${back}, was ${scrolled}`);
});

test('the header link to the configurations brings focus to that page\'s heading', async () => {
  await app.open('/');
  await clickOn(browser, 'nav.site-nav a[href="/configurations"]');
  await waitForHeadingFocus('Spacecraft configurations');
  await waitForAnnouncement('Spacecraft configurations');
});

test('typing in the search box keeps focus there; the pager brings it to the new results', async () => {
  await app.open('/?ordering=id');
  await typeInto(browser, '#f-search', 'dragon');
  await app.waitForSearch('search=dragon&ordering=id');
  await app.settled();
  const typing = await focused();
  assert.deepEqual([typing.tag, typing.id], ['input', 'f-search'], 'still in the search box');

  await app.open('/?ordering=id');
  await clickOn(browser, 'nav.pager a[rel=next]');
  await app.waitForSearch('ordering=id&offset=10');
  await browser.waitFor(`return document.activeElement && document.activeElement.dataset.testid === 'result-count';`,
    { message: 'focus on the new results\' count' }).catch(async (error) => {
    error.message += ` (focus: ${JSON.stringify(await focused())})`;
    throw error;
  });
});
