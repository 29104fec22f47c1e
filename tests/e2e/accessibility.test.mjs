// Everyone can use it: no serious or critical axe-core violations on the main views (light and
// dark), and the keyboard does everything the mouse does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations } from './support/axe.mjs';
import { KEY, clickOn, shareApp } from './support/harness.mjs';

describe('accessibility', () => {
  let app;
  shareApp({ width: 1280, height: 900 }, (opened) => { app = opened; });

  for (const scheme of ['light', 'dark']) {
    test(`the grid has no serious or critical violations (${scheme})`, async () => {
      await app.browser.colorScheme(scheme);
      await app.open('/?limit=20');
      assert.deepEqual(await seriousViolations(app.browser), []);
    });

    test(`a filtered grid with an API error has none either (${scheme})`, async () => {
      await app.browser.colorScheme(scheme);
      await app.open('/?search=progress&status=999');
      await app.browser.waitFor(`return document.querySelector('[role=alert] button') !== null`);
      assert.deepEqual(await seriousViolations(app.browser), []);
    });

    test(`a detail page has none either (${scheme})`, async () => {
      await app.browser.colorScheme(scheme);
      await app.open('/spacecraft/95');
      await app.browser.waitFor(`return document.querySelector('[data-testid=detail] h1') !== null`);
      assert.deepEqual(await seriousViolations(app.browser), []);
    });
  }

  // Browsing by configuration: the configurations page (plain and grouped) and the grid of one
  // configuration under its header.
  const configurationViews = [
    ['the configurations page', '/configurations',
      `return document.querySelectorAll('article[data-configuration-id]').length >= 130;`],
    ['the configurations page grouped by agency', '/configurations?group=agency',
      `return document.querySelectorAll('section[data-group] article[data-configuration-id]').length >= 130;`],
    ['the grid of one configuration with its header', '/?spacecraft_config=3',
      `const header = document.querySelector('section.configuration-header[data-configuration-id="3"]');
       return header !== null && header.querySelector('h2') !== null && header.querySelector('dl') !== null
         && document.querySelectorAll('article[data-spacecraft-id]').length > 0;`],
  ];
  for (const scheme of ['light', 'dark']) {
    for (const [name, path, ready] of configurationViews) {
      test(`${name} has no serious or critical violations (${scheme})`, async () => {
        await app.browser.colorScheme(scheme);
        await app.open(path);
        await app.browser.waitFor(ready, { timeout: 15_000, message: `${name} (${path})` });
        assert.deepEqual(await seriousViolations(app.browser), []);
      });
    }
  }

  test('the grid is a list of articles with headings, and every control has a label', async () => {
    await app.browser.colorScheme('light');
    await app.open('/');
    const report = await app.browser.exec(`
      const cards = [...document.querySelectorAll('ul.card-grid > li > article')];
      const unlabeled = [...document.querySelectorAll('form[role=search] input, form[role=search] select')]
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-labelledby'))
        .map((el) => el.name || el.id);
      return { cards: cards.length, headed: cards.filter((c) => c.querySelector('h2')).length, unlabeled };`);
    assert.equal(report.cards, 10);
    assert.equal(report.headed, 10);
    assert.deepEqual(report.unlabeled, []);
  });

  test('"/" focuses the search box and Escape clears it', async () => {
    await app.open('/?search=shuttle');
    await app.browser.exec(`document.activeElement.blur(); document.body.focus();`);
    await app.browser.keys('/');
    assert.equal(await app.browser.exec(`return document.activeElement.name`), 'search');
    assert.equal(await app.browser.exec(`return document.activeElement.value`), 'shuttle', '"/" is not typed');
    await app.browser.keys(KEY.ESCAPE);
    await app.waitForSearch('');
    assert.equal(await app.browser.exec(`return document.activeElement.value`), '');
  });

  test('Enter on a focused card opens it', async () => {
    await app.open('/');
    const first = (await app.shownCardIds())[0];
    await app.browser.exec(`document.querySelector('article[data-spacecraft-id] h2 a').focus();`);
    await app.browser.keys(KEY.ENTER);
    await app.browser.waitFor(`return location.pathname === '/spacecraft/' + arguments[0]`, { args: [first] });
    await app.browser.waitFor(`return document.querySelector('[data-testid=detail] h1') !== null`);
  });

  test('after a page change, focus moves to the new results, not the top of the page', async () => {
    await app.open('/');
    await clickOn(app.browser, 'a[rel=next]');
    await app.waitForSearch('offset=10');
    await app.settled();
    await app.browser.waitFor(`return document.activeElement?.dataset?.testid === 'result-count'`, {
      message: 'focus on the result count',
    });
  });

  test('result changes are announced politely', async () => {
    await app.open('/?search=shuttle');
    const region = await app.browser.exec(`
      const live = document.querySelector('[aria-live=polite][data-testid=announcer]');
      return live && live.textContent;`);
    assert.match(region, /1–5 of 5 spacecraft/);
  });
});
