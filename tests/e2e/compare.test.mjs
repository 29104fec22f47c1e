// Comparing spacecraft side by side (issue #10): a Compare toggle on every card, a tray of up to
// four chosen spacecraft that stays across views and reloads in the tab, and /compare?ids=…, one
// column per spacecraft in the order of ids, rows of facts with bars scaled to each row's maximum.
// Records already seen in a list answer cost no request; others one detail request each, cached.
// Expected values are the local LL2 stand-in's own records and request log, never hard-coded.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations } from './support/axe.mjs';
import { clickOn, shareApp, until } from './support/harness.mjs';
import { eachTestAFreshVisitor, freshVisitor, humanDuration, kindOf, pinQuota, spending, urlOf } from './support/sessions.mjs';
import { durationSeconds } from '../ll2-standin/dataset.mjs';

const WAIT = 15_000;
const MAX_CHOSEN = 4;

/** The rows every comparison has (th scope=row labels), and which of them are numbers. */
const ROWS = ['Image', 'Status', 'Configuration', 'Flights', 'Mission ends', 'Time in space', 'Time docked', 'Fastest turnaround'];
const NUMERIC_ROWS = {
  Flights: ['flights_count', 'count'],
  'Mission ends': ['mission_ends_count', 'count'],
  'Time in space': ['time_in_space', 'duration'],
  'Time docked': ['time_docked', 'duration'],
  'Fastest turnaround': ['fastest_turnaround', 'duration'],
};


const displayName = (craft) => (craft.name.trim() ? craft.name : `Unnamed spacecraft #${craft.id}`);
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A numeric row's value for a record: the number the bar is scaled by and its text, or nulls. */
function numeric(craft, label) {
  const [field, kind] = NUMERIC_ROWS[label];
  const raw = craft[field];
  if (raw == null) return { value: null, text: null };
  if (kind === 'count') return { value: raw, text: raw.toLocaleString('en-US') };
  const seconds = durationSeconds(raw);
  return { value: seconds, text: humanDuration(seconds) };
}

// ---------------------------------------------------------------------------------------------
// Page-side readers
// ---------------------------------------------------------------------------------------------

const CLEAN = `const clean = (el) => el ? el.textContent.replace(/\\s+/g, ' ').trim() : null;`;

/** A button's accessible name as the tests read it: its aria-label, else its text. */
const NAME_OF = `const nameOf = (el) => (el.getAttribute('aria-label') || el.textContent).replace(/\\s+/g, ' ').trim();`;

/** The tray: shown or not, its text, its compare link, its remove and clear buttons. */
const READ_TRAY = `
  ${CLEAN}
  ${NAME_OF}
  const tray = document.querySelector('[data-testid=compare-tray]');
  if (!tray) return null;
  const style = getComputedStyle(tray);
  const link = tray.querySelector('a[data-testid=compare-link]');
  return {
    shown: tray.getClientRects().length > 0 && style.visibility !== 'hidden' && !tray.hidden,
    text: clean(tray),
    href: link && link.getAttribute('href'),
    // Found as a person (or a screen reader) finds them: by their accessible names.
    remove: [...tray.querySelectorAll('button')].map(nameOf).filter((name) => /remove/i.test(name)),
    clear: [...tray.querySelectorAll('button')].map(nameOf).some((name) => /clear/i.test(name)),
  };`;

/** Every card's Compare toggle, by spacecraft id. */
const READ_TOGGLES = `
  return [...document.querySelectorAll('article[data-spacecraft-id]')].map((card) => {
    const buttons = card.querySelectorAll('button[data-compare-toggle]');
    const b = buttons[0];
    return {
      id: Number(card.dataset.spacecraftId), count: buttons.length,
      pressed: b ? b.getAttribute('aria-pressed') : null, disabled: b ? b.disabled : null,
      label: b ? ((b.getAttribute('aria-label') || '') + ' ' + b.textContent).replace(/\\s+/g, ' ').trim() : null,
    };
  });`;

/** The compare page: its columns (header row), rows by label, note, heading, not-found. */
const READ_COMPARE = `
  ${CLEAN}
  const first = document.querySelector('table th[data-compare-id]');
  const table = first && first.closest('table');
  const header = first && first.closest('tr');
  const note = document.querySelector('[data-testid=compare-note]');
  const main = document.querySelector('main#main');
  const h1 = main && main.querySelector('h1');
  const rows = {};
  if (table) {
    for (const row of table.rows) {
      const label = row.querySelector('th[scope=row]');
      if (!label) continue;
      rows[clean(label)] = [...row.cells].filter((cell) => cell !== label).map((cell) => {
        // The bar's length: .compare-bar itself (a fraction of its parent), or, when it is a track
        // holding a fill, its innermost element (a fraction of the track).
        const bar = cell.querySelector('.compare-bar');
        let fill = bar;
        while (fill && fill.firstElementChild) fill = fill.firstElementChild;
        const fillBox = fill && fill.getBoundingClientRect();
        const trackBox = bar && (fill === bar ? bar.parentElement : bar).getBoundingClientRect();
        return {
          text: clean(cell), images: cell.querySelectorAll('img').length,
          bar: bar ? { width: fillBox.width, fraction: trackBox.width > 0 ? fillBox.width / trackBox.width : 0 } : null,
        };
      });
    }
  }
  return {
    path: location.pathname, ids: new URLSearchParams(location.search).get('ids'), search: location.search,
    columns: header ? [...header.querySelectorAll('[data-compare-id]')].map((th) => ({
      id: th.getAttribute('data-compare-id'), text: clean(th), tag: th.tagName })) : [],
    rows,
    note: note && { text: clean(note), shown: note.getClientRects().length > 0 },
    heading: clean(h1),
    notFound: document.querySelector('[data-testid=not-found]') !== null,
    mainLinks: main ? [...main.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')) : [],
    tables: main ? main.querySelectorAll('table').length : 0,
    busy: document.querySelector('[aria-busy="true"]') !== null,
  };`;

describe('comparing spacecraft', () => {
  let app;
  let browser;
  shareApp({ width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });

  eachTestAFreshVisitor(() => app);

  const recordOf = (id) => {
    const craft = app.standin.dataset.spacecraft.find((c) => c.id === id);
    assert.ok(craft, `stand-in sanity: spacecraft ${id} exists`);
    return craft;
  };
  const configNameOf = (id) => recordOf(id).spacecraft_config.name;

  const readTray = () => browser.exec(READ_TRAY);
  const readToggles = () => browser.exec(READ_TOGGLES);
  const readCompare = () => browser.exec(READ_COMPARE);

  /** Waits until the stand-in has heard nothing for a while: the app asks nothing more
   *  (an absence, so watched for, see `quietPeriod`). */
  const quiet = () => app.quiet();
  /** Quota-spending requests since the stand-in's log had `mark` entries. */
  const spentSince = (mark = 0) => spending(app.standin.requests().slice(mark));

  /** Opens a grid query and waits for its cards. */
  const openGrid = async (query) => {
    await app.open(query ? `/?${query}` : '/');
    await app.waitForCards(app.expectedIds(query));
  };

  /**
   * Clicks like a user who first scrolls the control to the middle of the window: the tray may be
   * fixed over the bottom of the page, and WebDriver does not scroll what is already in view.
   */
  const click = async (css) => {
    await browser.waitFor(`return document.querySelector(arguments[0]) !== null;`,
      { timeout: 10_000, args: [css], message: `an element ${css}` });
    await browser.exec(`document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });`, css);
    await clickOn(browser, css);
  };

  /**
   * Clicks the tray's button whose accessible name matches `pattern` and, if given, holds `name`
   * ("Remove Columbia", "Clear"). Marks it in the page, then clicks it for real.
   */
  const clickTrayButton = async (pattern, name = '') => {
    const found = await browser.exec(
      `${NAME_OF}
       document.querySelectorAll('[data-e2e-target]').forEach((el) => el.removeAttribute('data-e2e-target'));
       const button = [...document.querySelectorAll('[data-testid=compare-tray] button')]
         .find((b) => new RegExp(arguments[0], 'i').test(nameOf(b)) && nameOf(b).includes(arguments[1]));
       if (!button) return null;
       button.setAttribute('data-e2e-target', '');
       return nameOf(button);`,
      pattern.source, name,
    );
    assert.ok(found, `a tray button named like ${pattern}${name ? ` for "${name}"` : ''}: ${JSON.stringify((await readTray())?.remove)}`);
    await click('[data-e2e-target]');
  };

  /** Clicks a card's Compare toggle (a real click) and waits for its aria-pressed to be `pressed`. */
  const toggle = async (id, pressed) => {
    const css = `article[data-spacecraft-id="${id}"] button[data-compare-toggle]`;
    await click(css);
    await browser.waitFor(`const b = document.querySelector(arguments[0]); return b !== null && b.getAttribute('aria-pressed') === arguments[1];`,
      { timeout: 5_000, args: [css, String(pressed)], message: `${css} to be aria-pressed="${pressed}"` });
  };

  /** The ids a compare link (`/compare?ids=a,b`) names, and its path. */
  const linkOf = (href) => {
    const url = new URL(href, 'http://x');
    return { path: url.pathname, ids: url.searchParams.get('ids'), keys: [...url.searchParams.keys()] };
  };

  /** Waits until the tray lists exactly `ids` (names shown, compare link in this order). */
  const waitForTray = async (ids) => {
    const names = ids.map((id) => displayName(recordOf(id)));
    await browser.waitFor(
      `const tray = (function () { ${READ_TRAY} })();
       if (!tray || !tray.shown || !tray.href) return false;
       const ids = new URL(tray.href, location.href).searchParams.get('ids');
       return ids === arguments[0] && arguments[1].every((name) => tray.text.includes(name));`,
      { timeout: 5_000, args: [ids.join(','), names], message: `the tray with ${JSON.stringify(names)} and a compare link to ids=${ids.join(',')}` },
    ).catch(async (error) => {
      error.message += ` (tray: ${JSON.stringify(await readTray())})`;
      throw error;
    });
    const tray = await readTray();
    assert.deepEqual(linkOf(tray.href), { path: '/compare', ids: ids.join(','), keys: ['ids'] }, 'the compare link');
    return tray;
  };

  const assertTrayHidden = async () => {
    const tray = await readTray();
    assert.ok(tray === null || !tray.shown, `no tray when nothing is chosen: ${JSON.stringify(tray)}`);
  };

  /**
   * Waits until the compare page shows the comparison of `ids`: its columns (th[data-compare-id]
   * in the header row), then every fact `assertComparison` checks (a page may draw its columns
   * before every record is in). Returns what the page shows.
   */
  const waitForComparison = async (ids) => {
    await waitForColumns(ids);
    let last = null;
    return until(async () => {
      const shown = await readCompare();
      try {
        assertComparison(shown, ids);
        return shown;
      } catch (error) {
        last = error;
        return null;
      }
    }, { timeout: WAIT, message: `the comparison of ${JSON.stringify(ids)}` }).catch((error) => {
      throw last ?? error;
    });
  };

  /** Waits until the compare page shows these columns (th[data-compare-id] in the header row). */
  const waitForColumns = async (ids) => {
    await browser.waitFor(
      `const page = (function () { ${READ_COMPARE} })();
       return !page.busy && JSON.stringify(page.columns.map((c) => c.id)) === JSON.stringify(arguments[0])
         && Object.keys(page.rows).length > 0;`,
      { timeout: WAIT, args: [ids.map(String)], message: `the compare page with the columns [data-compare-id] ${JSON.stringify(ids)}` },
    ).catch(async (error) => {
      const page = await readCompare().catch(() => null);
      error.message += ` (page: ${JSON.stringify(page && { path: page.path, columns: page.columns, heading: page.heading, notFound: page.notFound })})`;
      throw error;
    });
    return readCompare();
  };

  /** Checks the comparison of `ids` against the stand-in's records. */
  const assertComparison = (page, ids) => {
    const records = ids.map(recordOf);
    page.columns.forEach((column, i) => {
      assert.equal(column.tag, 'TH', `the column of ${column.id} is headed by a th`);
      assert.ok(column.text.includes(displayName(records[i])), `column ${i + 1} is headed "${displayName(records[i])}": ${column.text}`);
    });
    for (const label of ROWS) {
      assert.ok(page.rows[label], `a row th[scope=row] "${label}": ${JSON.stringify(Object.keys(page.rows))}`);
      assert.equal(page.rows[label].length, ids.length, `row "${label}" has one cell per spacecraft`);
    }
    page.rows.Image.forEach((cell, i) => assert.ok(cell.images >= 1, `an image for ${ids[i]} (its own or the placeholder)`));
    page.rows.Status.forEach((cell, i) => assert.ok(cell.text.includes(records[i].status.name), `the status of ${ids[i]}: ${cell.text}`));
    page.rows.Configuration.forEach((cell, i) => assert.ok(cell.text.includes(configNameOf(ids[i])), `the configuration of ${ids[i]}: ${cell.text}`));
    for (const label of Object.keys(NUMERIC_ROWS)) {
      const cells = page.rows[label];
      const values = records.map((craft) => numeric(craft, label));
      cells.forEach((cell, i) => {
        const { value, text } = values[i];
        const where = `"${label}" of ${ids[i]}`;
        if (value === null) {
          assert.match(cell.text, /^(—|no data)$/i, `${where} is unknown: ${JSON.stringify(cell.text)}`);
          assert.ok(cell.bar === null || cell.bar.width < 1, `${where} has no bar`);
        } else {
          assert.match(cell.text, new RegExp(`(^|\\s)${escapeRegExp(text)}(\\s|$)`), `${where} reads ${text}: ${JSON.stringify(cell.text)}`);
          if (value > 0) assert.ok(cell.bar, `${where} has a .compare-bar`);
        }
      });
      // Scaled to the row's maximum: a larger value never has a shorter bar; the largest is drawn.
      const drawn = cells.map((cell, i) => ({ ...values[i], id: ids[i], bar: cell.bar ?? { width: 0, fraction: 0 } }))
        .filter((cell) => cell.value !== null).sort((a, b) => a.value - b.value);
      for (let i = 1; i < drawn.length; i++) {
        const [smaller, larger] = [drawn[i - 1], drawn[i]];
        assert.ok(larger.bar.fraction >= smaller.bar.fraction - 0.02,
          `"${label}": ${larger.id} (${larger.value}) has a bar at least as long as ${smaller.id} (${smaller.value}): ${JSON.stringify([larger.bar, smaller.bar])}`);
        if (larger.value > 0 && smaller.value / larger.value < 0.5) {
          assert.ok(larger.bar.fraction > smaller.bar.fraction, `"${label}": ${larger.id}'s bar is longer than ${smaller.id}'s`);
        }
      }
      const largest = drawn.at(-1);
      if (largest && largest.value > 0) assert.ok(largest.bar.width > 4, `"${label}": the row's largest (${largest.id}) bar is drawn`);
    }
  };

  test('every card has a Compare toggle; the tray lists the chosen, in order, and stays across views and reloads', async () => {
    const query = 'search=dragon';
    const ids = app.expectedIds(query);
    await openGrid(query);
    const toggles = await readToggles();
    assert.equal(toggles.length, ids.length);
    for (const card of toggles) {
      assert.equal(card.count, 1, `card ${card.id} has one button[data-compare-toggle]`);
      assert.equal(card.pressed, 'false', `card ${card.id}'s toggle starts aria-pressed="false"`);
      assert.match(card.label, /compare/i, `card ${card.id}'s toggle is labelled Compare`);
    }
    await assertTrayHidden();

    const chosen = [ids[2], ids[0], ids[5]];
    for (const [i, id] of chosen.entries()) {
      await toggle(id, true);
      await waitForTray(chosen.slice(0, i + 1));
    }
    // Unchoosing from the card.
    await toggle(ids[0], false);
    await waitForTray([ids[2], ids[5]]);
    await toggle(ids[0], true);
    const order = [ids[2], ids[5], ids[0]];
    await waitForTray(order);

    // Another view of the grid: the tray stays; a chosen card shown there is pressed.
    await click('nav.pager a[rel=next]');
    await app.waitForSearch('search=dragon&offset=10');
    await app.waitForCards(app.expectedIds('search=dragon&offset=10'));
    await waitForTray(order);
    await openGrid('');
    await waitForTray(order);
    // A reload in the same tab.
    await openGrid(query);
    await browser.refresh();
    await app.settled();
    await app.waitForCards(ids);
    await waitForTray(order);
    const pressed = (await readToggles()).filter((card) => card.pressed === 'true').map((card) => card.id);
    assert.deepEqual(pressed.sort(), [...order].sort(), 'the chosen cards are pressed after a reload');
  });

  test(`a ${MAX_CHOSEN + 1}th spacecraft is refused; the tray removes one or all`, async () => {
    const query = 'search=dragon';
    const ids = app.expectedIds(query);
    await openGrid(query);
    const four = ids.slice(0, MAX_CHOSEN);
    for (const id of four) await toggle(id, true);
    await waitForTray(four);

    const fifth = ids[MAX_CHOSEN];
    const css = `article[data-spacecraft-id="${fifth}"] button[data-compare-toggle]`;
    const disabled = await browser.exec(`return document.querySelector(arguments[0]).disabled;`, css);
    await click(css); // a disabled button ignores the click; an enabled one must refuse
    await quiet(); // a refusal is something that does not happen: watched for a while
    assert.equal(await browser.exec(`return document.querySelector(arguments[0]).getAttribute('aria-pressed');`, css), 'false',
      `the ${MAX_CHOSEN + 1}th toggle is refused (disabled: ${disabled})`);
    await waitForTray(four);
    // The chosen ones stay usable.
    for (const card of await readToggles()) {
      if (four.includes(card.id)) assert.equal(card.disabled, false, `chosen card ${card.id} can be unchosen`);
    }

    // Remove one from the tray: its card is no longer pressed, and a fifth one fits.
    let tray = await readTray();
    assert.equal(tray.remove.length, four.length, `a "Remove …" button per chosen spacecraft: ${JSON.stringify(tray.remove)}`);
    for (const id of four) {
      const name = displayName(recordOf(id));
      assert.ok(tray.remove.some((label) => label.includes(name)), `a button "Remove ${name}…": ${JSON.stringify(tray.remove)}`);
    }
    await clickTrayButton(/remove/, displayName(recordOf(four[1])));
    const three = four.filter((id) => id !== four[1]);
    await waitForTray(three);
    assert.equal((await readToggles()).find((card) => card.id === four[1]).pressed, 'false');
    await toggle(fifth, true);
    await waitForTray([...three, fifth]);

    // Clear: no tray, nothing pressed.
    tray = await readTray();
    assert.ok(tray.clear, 'a "Clear" button in the tray');
    await clickTrayButton(/clear/);
    await browser.waitFor(`const t = document.querySelector('[data-testid=compare-tray]'); return t === null || t.getClientRects().length === 0;`,
      { timeout: 5_000, message: 'the tray to go once cleared' });
    assert.deepEqual((await readToggles()).filter((card) => card.pressed !== 'false').map((card) => card.id), [], 'nothing pressed');
  });

  test('compare from the tray: columns in the order chosen, no API request for records seen in the list; Back and Forward', async () => {
    const query = 'search=dragon';
    const ids = app.expectedIds(query);
    await openGrid(query);
    await quiet();
    const mark = app.standin.requests().length;
    const chosen = [ids[3], ids[0], ids[7]];
    for (const id of chosen) await toggle(id, true);
    const tray = await waitForTray(chosen);

    await click('[data-testid=compare-tray] a[data-testid=compare-link]');
    await browser.waitFor(`return location.pathname === '/compare';`, { timeout: WAIT, message: 'the compare page' });
    assert.equal(linkOf(await app.path()).ids, chosen.join(','), `the address bar is the tray's link ${tray.href}`);
    const page = await waitForComparison(chosen);
    assert.equal(page.note, null, 'no note for up to four');
    await quiet();
    assert.deepEqual(spentSince(mark).map(urlOf), [], 'records seen in a list answer cost no API request');

    await browser.back();
    await app.waitForSearch(query);
    await app.waitForCards(ids);
    await waitForTray(chosen);
    await browser.forward();
    await waitForComparison(chosen);
    await quiet();
    assert.deepEqual(spentSince(mark).map(urlOf), [], 'Back and Forward cost nothing either');
  });

  test('a reload of a comparison built from the tray asks the API nothing (records seen this session)', async () => {
    const query = 'search=shuttle';
    const ids = app.expectedIds(query);
    await openGrid(query);
    const chosen = [ids[1], ids[4]];
    for (const id of chosen) await toggle(id, true);
    await waitForTray(chosen);
    await click('[data-testid=compare-tray] a[data-testid=compare-link]');
    await waitForColumns(chosen);
    await quiet();
    const mark = app.standin.requests().length;
    await browser.refresh();
    await app.settled();
    await waitForComparison(chosen);
    await quiet();
    assert.deepEqual(spentSince(mark).map(urlOf), [], 'no request after a reload in the same tab');
  });

  test('a pasted link in a fresh session: one detail request per spacecraft, shared and cached', async () => {
    // In space with flights, the most flown orbiter, every nullable field null, one flight in space.
    const ids = [402, 3, 900, 424];
    await app.open(`/compare?ids=${ids.join(',')}`);
    const page = await waitForComparison(ids);
    assert.ok(!page.notFound, 'the compare page, not "not found"');
    assert.match(page.heading ?? '', /compar/i, `a heading that says what the page is: ${page.heading}`);
    await quiet();
    const spent = spentSince();
    assert.deepEqual(spent.map(kindOf), ids.map(() => 'detail'), `only detail requests: ${JSON.stringify(spent.map(urlOf))}`);
    assert.deepEqual(spent.map((request) => request.path).sort(), ids.map((id) => `/2.3.0/spacecraft/${id}/`).sort(),
      'one request per spacecraft, none twice');
    assert.equal(linkOf(await app.path()).ids, ids.join(','), 'a clean link stays as it is');

    // The same link again (a reload): cached.
    const mark = app.standin.requests().length;
    await app.open(`/compare?ids=${ids.join(',')}`);
    await waitForComparison(ids);
    await quiet();
    assert.deepEqual(spentSince(mark).map(urlOf), [], 'opening the same compare link again costs nothing');

    // Their detail pages are the same requests: cached too.
    await app.open(`/spacecraft/${ids[0]}`);
    await browser.waitFor(`return document.querySelector('[data-testid=detail] h1') !== null;`, { timeout: WAIT, message: 'the detail page' });
    await quiet();
    // Its record is the same request, cached; only its logbook (`/spacecraft_flights/`) is new.
    const onTheDetailPage = spentSince(mark);
    assert.deepEqual(onTheDetailPage.filter((request) => kindOf(request) !== 'flights').map(urlOf), [],
      'a compared spacecraft\'s record costs nothing');
    assert.deepEqual(onTheDetailPage.filter((request) => kindOf(request) === 'flights').map(urlOf),
      [`/2.3.0/spacecraft_flights/?spacecraft=${ids[0]}&mode=detailed&limit=100`], 'its logbook, once');
  });

  test('invalid and duplicate ids are dropped and the address bar cleaned in place', async () => {
    // Opened from a page that is not the app (freshVisitor): cleaning the link must replace its
    // history entry (Back leaves the app), not add one (Back would return to the dirty link).
    await app.open('/compare?ids=5,x,5,-2,400');
    await browser.waitFor(`return new URLSearchParams(location.search).get('ids') === '5,400';`,
      { timeout: WAIT, message: 'the address bar cleaned to ids=5,400' }).catch(async (error) => {
      error.message += ` (address bar: ${await browser.url()})`;
      throw error;
    });
    assert.deepEqual(linkOf(await app.path()), { path: '/compare', ids: '5,400', keys: ['ids'] });
    await waitForComparison([5, 400]);
    await quiet();
    assert.deepEqual(spentSince().map((request) => request.path).sort(), ['/2.3.0/spacecraft/400/', '/2.3.0/spacecraft/5/'],
      'one detail request per valid id');
    await browser.back();
    await browser.waitFor(`return location.pathname === '/__blank__.txt';`, { timeout: WAIT, message: 'Back to the page before the link' })
      .catch(async (error) => {
        error.message += ` (after Back: ${await browser.url()}: the cleaning added a history entry instead of replacing it)`;
        throw error;
      });
  });

  test('no valid id: a clear message with a link back to the grid, and no request', async () => {
    for (const path of ['/compare?ids=x,-2,0', '/compare?ids=', '/compare']) {
      await freshVisitor(app);
      pinQuota(app.standin, { current_use: 3 });
      await app.open(path);
      await browser.waitFor(`return document.querySelector('main#main h1') !== null;`, { timeout: WAIT, message: `a heading on ${path}` });
      const page = await readCompare();
      assert.ok(!page.notFound, `${path} is the compare page, not "not found"`);
      assert.match(page.heading ?? '', /compar/i, `${path}: a heading about comparing: ${page.heading}`);
      assert.deepEqual(page.columns, [], `${path}: no columns`);
      assert.equal(page.tables, 0, `${path}: no table`);
      assert.ok(page.mainLinks.some((href) => new URL(href, 'http://x').pathname === '/'),
        `${path}: a link back to the grid: ${JSON.stringify(page.mainLinks)}`);
      await quiet();
      assert.deepEqual(spentSince().map(urlOf), [], `${path}: no API request`);
    }
  });

  test('more than four ids: the first four, with a note', async () => {
    const ids = [1, 2, 3, 4, 5, 400];
    await app.open(`/compare?ids=${ids.join(',')}`);
    const page = await waitForComparison(ids.slice(0, MAX_CHOSEN));
    assert.ok(page.note && page.note.shown && page.note.text, `a [data-testid=compare-note]: ${JSON.stringify(page.note)}`);
    await quiet();
    assert.deepEqual(spentSince().map((request) => request.path).sort(),
      ids.slice(0, MAX_CHOSEN).map((id) => `/2.3.0/spacecraft/${id}/`).sort(), 'only the four shown are asked for');
  });


  for (const scheme of ['light', 'dark']) {
    test(`the grid with its tray and the compare page have no serious or critical axe violations (${scheme})`, async () => {
      await browser.colorScheme(scheme);
      try {
        const query = 'search=dragon';
        const ids = app.expectedIds(query);
        await openGrid(query);
        await toggle(ids[0], true);
        await toggle(ids[1], true);
        await waitForTray([ids[0], ids[1]]);
        assert.deepEqual(await seriousViolations(browser), [], 'the grid with the tray');
        await app.open('/compare?ids=402,3,900,424');
        await waitForComparison([402, 3, 900, 424]);
        assert.deepEqual(await seriousViolations(browser), [], 'the compare page');
        await app.open('/compare?ids=1,2,3,4,5');
        await waitForComparison([1, 2, 3, 4]);
        assert.deepEqual(await seriousViolations(browser), [], 'the compare page with its note');
      } finally {
        await browser.colorScheme('light');
      }
    });
  }
});
