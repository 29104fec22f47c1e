// The flight timeline on a spacecraft's page (issue #10): above the flights table, one focusable
// element per flight of the record (same set, same order), each with a tip naming its launch,
// launch date and destination; a flight without a mission end is ongoing (it runs to now);
// docking time is shaded from the spacecraft's logbook (`/spacecraft_flights/`: none for Columbia,
// whose flights never docked); no flights, no timeline.
// Expected flights are the local LL2 stand-in's own detail records, never hard-coded.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations } from './support/axe.mjs';
import { KEY, shareApp } from './support/harness.mjs';
import { eachTestAFreshVisitor, hover, mouseAway } from './support/sessions.mjs';
import { handleApi } from '../ll2-standin/api.mjs';

const WAIT = 15_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `format::date` of src/ui/format.rs: `2021-06-17T01:22:31Z` → `17 Jun 2021`. */
function shownDate(iso) {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** Page-side: the timeline and each flight in it, or null without a timeline. */
const READ_TIMELINE = `
  const clean = (text) => (text || '').replace(/\\s+/g, ' ').trim();
  const timeline = document.querySelector('[data-testid=flight-timeline]');
  if (!timeline) return null;
  const table = document.querySelector('[data-testid=flights]');
  const FOCUSABLE = 'button, a[href], [tabindex]';
  const flights = [...timeline.querySelectorAll('[data-flight-id]')].map((el) => {
    const target = el.matches(FOCUSABLE) ? el : el.querySelector(FOCUSABLE);
    const tip = el.querySelector('.timeline-tip');
    const described = [el, target].filter(Boolean)
      .flatMap((node) => (node.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean))
      .map((id) => document.getElementById(id)).filter(Boolean).map((node) => node.textContent);
    const texts = [el.getAttribute('title'), target && target.getAttribute('title'), tip && tip.textContent, ...described];
    return {
      id: Number(el.getAttribute('data-flight-id')),
      ongoing: el.hasAttribute('data-ongoing'),
      tabIndex: target ? target.tabIndex : null,
      title: clean(el.getAttribute('title') || (target && target.getAttribute('title'))),
      hasTip: tip !== null,
      tipText: clean(texts.filter(Boolean).join(' | ')),
      docked: el.querySelectorAll('.timeline-docked').length,
      shown: el.getClientRects().length > 0,
    };
  });
  return {
    flights,
    aboveTable: table ? Boolean(timeline.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) : null,
    tableRows: table ? table.querySelectorAll('tbody tr').length : null,
    docked: timeline.querySelectorAll('.timeline-docked').length,
    shown: timeline.getClientRects().length > 0,
  };`;

/** Page-side: whether the tip of flight `arguments[0]` is seen (visible tip, or a title). */
const TIP_SEEN = `
  const el = document.querySelector('[data-testid=flight-timeline] [data-flight-id="' + arguments[0] + '"]');
  if (!el) return false;
  const tip = el.querySelector('.timeline-tip');
  if (!tip) {
    const target = el.matches('button, a[href], [tabindex]') ? el : el.querySelector('button, a[href], [tabindex]');
    return Boolean((el.getAttribute('title') || (target && target.getAttribute('title')) || '').trim());
  }
  const rect = tip.getBoundingClientRect();
  const style = getComputedStyle(tip);
  return rect.width > 1 && rect.height > 1 && style.visibility !== 'hidden' && Number(style.opacity) > 0.5
    && style.display !== 'none' && tip.textContent.trim() !== '';`;

describe('the flight timeline', () => {
  let app;
  let browser;
  shareApp({ width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });

  eachTestAFreshVisitor(() => app);

  /** The stand-in's detail record of a spacecraft (what the app asks for). */
  const recordOf = (id) => {
    const answer = handleApi(app.standin.dataset, {
      apiPath: `spacecraft/${id}/`, pathname: `/2.3.0/spacecraft/${id}/`, origin: app.standin.origin,
      searchParams: new URLSearchParams(), currentUse: 0, throttleOverride: null,
    });
    assert.equal(answer.status, 200, `stand-in sanity: spacecraft ${id} exists`);
    return answer.json;
  };

  const readTimeline = () => browser.exec(READ_TIMELINE);

  /** Opens a spacecraft's page and waits for it (its heading, nothing loading). */
  const openDetail = async (id) => {
    await app.open(`/spacecraft/${id}`);
    await browser.waitFor(
      `return document.querySelector('[data-testid=detail][data-spacecraft-id="' + arguments[0] + '"] h1') !== null
         && document.querySelector('[aria-busy="true"]') === null;`,
      { timeout: WAIT, args: [String(id)], message: `the detail page of ${id}` },
    );
  };

  /** Opens a spacecraft's page and waits for its timeline to list the record's flights. */
  const openTimeline = async (id) => {
    await openDetail(id);
    const ids = recordOf(id).flights.map((flight) => flight.id);
    await browser.waitFor(
      `const timeline = document.querySelector('[data-testid=flight-timeline]');
       return timeline !== null && JSON.stringify([...timeline.querySelectorAll('[data-flight-id]')]
         .map((el) => Number(el.getAttribute('data-flight-id')))) === JSON.stringify(arguments[0]);`,
      { timeout: WAIT, args: [ids], message: `a [data-testid=flight-timeline] with the flights [data-flight-id] ${JSON.stringify(ids)}` },
    ).catch(async (error) => {
      error.message += ` (timeline: ${JSON.stringify(await readTimeline())})`;
      throw error;
    });
    return readTimeline();
  };

  /** Asserts what each flight's tip says: launch name, launch date, destination when known. */
  const assertTips = (timeline, record) => {
    timeline.flights.forEach((shown, i) => {
      const flight = record.flights[i];
      const where = `flight ${flight.id}`;
      assert.ok(shown.tipText.includes(flight.launch.name), `${where}'s tip names its launch "${flight.launch.name}": ${JSON.stringify(shown.tipText)}`);
      const dates = [shownDate(flight.launch.net), flight.launch.net.slice(0, 10)];
      assert.ok(dates.some((date) => shown.tipText.includes(date)),
        `${where}'s tip gives its launch date (${dates.join(' or ')}): ${JSON.stringify(shown.tipText)}`);
      if (flight.destination !== null) {
        assert.ok(shown.tipText.includes(flight.destination), `${where}'s tip gives its destination "${flight.destination}": ${JSON.stringify(shown.tipText)}`);
      }
    });
  };

  test('the timeline lists the record\'s flights, in order, above the flights table, with what each flight was', async () => {
    const record = recordOf(1); // Columbia: three flights, the third without a destination
    assert.equal(record.flights.length, 3, 'stand-in sanity');
    assert.equal(record.flights[2].destination, null, 'stand-in sanity: a flight without destination');
    assert.ok(record.flights.every((flight) => flight.mission_end !== null), 'stand-in sanity: every flight has ended');
    const timeline = await openTimeline(1);
    assert.deepEqual(timeline.flights.map((flight) => flight.id), record.flights.map((flight) => flight.id));
    assert.ok(timeline.shown, 'the timeline is shown');
    assert.ok(timeline.flights.every((flight) => flight.shown), 'every flight is shown');
    assert.equal(timeline.aboveTable, true, 'the timeline is above [data-testid=flights]');
    assert.equal(timeline.tableRows, record.flights.length, 'the flights table stays, one row per flight');
    assertTips(timeline, record);
    assert.deepEqual(timeline.flights.filter((flight) => flight.ongoing).map((flight) => flight.id), [],
      'no flight with a mission end is marked ongoing');
    for (const flight of timeline.flights) {
      assert.doesNotMatch(flight.tipText, /ongoing/i, `flight ${flight.id} has ended: its tip does not say ongoing`);
    }
    // The records' flights carry no docking data (SpacecraftFlightNormal), and Columbia's logbook
    // has no dockings: nothing is shaded.
    assert.ok(record.flights.every((flight) => !('docking_events' in flight)), 'stand-in sanity: no docking data');
    assert.ok(app.standin.dataset.spacecraftFlights.filter((flight) => flight.normal.spacecraft.id === 1)
      .every((flight) => flight.detailed.docking_events.length === 0), 'stand-in sanity: Columbia never docked');
    assert.equal(timeline.docked, 0, 'no .timeline-docked without dockings');
  });

  test('a flight without a mission end is ongoing: data-ongoing and "ongoing" in its tip', async () => {
    // 424: one flight, still in space, destination known. 402: three flights, the last one ongoing.
    for (const id of [424, 402]) {
      const record = recordOf(id);
      assert.equal(record.in_space, true, `stand-in sanity: ${id} is in space`);
      const ongoing = record.flights.filter((flight) => flight.mission_end === null).map((flight) => flight.id);
      assert.deepEqual(ongoing, [record.flights.at(-1).id], `stand-in sanity: the latest flight of ${id} has no mission end`);
      const timeline = await openTimeline(id);
      assert.deepEqual(timeline.flights.filter((flight) => flight.ongoing).map((flight) => flight.id), ongoing,
        `exactly the flight without a mission end carries data-ongoing (${id})`);
      for (const flight of timeline.flights) {
        if (flight.ongoing) assert.match(flight.tipText, /ongoing/i, `flight ${flight.id}'s tip says ongoing`);
        else assert.doesNotMatch(flight.tipText, /ongoing/i, `flight ${flight.id}'s tip does not say ongoing`);
      }
      assertTips(timeline, record);
      // The record has no docking data; the logbook (`/spacecraft_flights/`, logbook.test.mjs) has,
      // and the timeline shades each of its dockings: the open one of the ongoing flight too.
      const dockings = app.standin.dataset.spacecraftFlights
        .filter((flight) => flight.normal.spacecraft.id === id)
        .flatMap((flight) => flight.detailed.docking_events);
      assert.ok(dockings.length > 0, `stand-in sanity: ${id} docked`);
      assert.equal(timeline.docked, dockings.length, 'one .timeline-docked per docking of the logbook');
    }
  });

  test('each flight is a tab stop whose tip shows on focus and on hover', async () => {
    const record = recordOf(1);
    const timeline = await openTimeline(1);
    for (const flight of timeline.flights) {
      assert.ok(flight.tabIndex !== null && flight.tabIndex >= 0,
        `flight ${flight.id} is keyboard focusable (tabindex 0, a button or a link): tabIndex ${flight.tabIndex}`);
    }
    const focusable = `const el = document.querySelector('[data-testid=flight-timeline] [data-flight-id="' + arguments[0] + '"]');
      const target = el.matches('button, a[href], [tabindex]') ? el : el.querySelector('button, a[href], [tabindex]');`;
    const [first, second] = record.flights;
    await browser.exec(`${focusable} target.focus();`, first.id);
    assert.equal(await browser.exec(`${focusable} return document.activeElement === target;`, first.id), true,
      `flight ${first.id} takes focus`);
    await browser.waitFor(TIP_SEEN, { timeout: 5_000, args: [first.id], message: `the tip of flight ${first.id} on focus` });
    // Tab goes on to the next flight.
    await browser.keys(KEY.TAB);
    assert.equal(await browser.exec(`${focusable} return document.activeElement === target || el.contains(document.activeElement);`, second.id), true,
      `Tab moves from flight ${first.id} to flight ${second.id}`);
    await browser.waitFor(TIP_SEEN, { timeout: 5_000, args: [second.id], message: `the tip of flight ${second.id} on focus` });
    // Hover, with focus elsewhere.
    await browser.exec('document.activeElement && document.activeElement.blur();');
    await mouseAway(browser);
    const third = record.flights[2];
    await hover(browser, `[data-testid=flight-timeline] [data-flight-id="${third.id}"]`);
    await browser.waitFor(TIP_SEEN, { timeout: 5_000, args: [third.id], message: `the tip of flight ${third.id} on hover` });
    await mouseAway(browser);
  });

  test('a spacecraft without flights has no timeline, and still says "No flights recorded."', async () => {
    for (const id of [441, 900]) {
      assert.deepEqual(recordOf(id).flights, [], `stand-in sanity: ${id} has no flights`);
      await openDetail(id);
      await browser.waitFor(`return document.querySelector('[data-testid=detail]').textContent.includes('No flights recorded.');`,
        { timeout: WAIT, message: `"No flights recorded." on ${id}` });
      assert.equal(await readTimeline(), null, `no [data-testid=flight-timeline] on ${id}`);
      assert.equal(await browser.exec(`return document.querySelector('[data-testid=flights]');`), null, 'no flights table');
    }
    // And one with flights has it (so the absence above is not an app without timelines).
    await openTimeline(95);
  });


  for (const scheme of ['light', 'dark']) {
    test(`a detail page with its timeline has no serious or critical axe violations (${scheme})`, async () => {
      await browser.colorScheme(scheme);
      try {
        await openTimeline(402); // an ongoing flight and a flight without destination
        assert.deepEqual(await seriousViolations(browser), []);
        // With a tip shown.
        const [first] = recordOf(402).flights;
        await browser.exec(`const el = document.querySelector('[data-testid=flight-timeline] [data-flight-id="' + arguments[0] + '"]');
          (el.matches('button, a[href], [tabindex]') ? el : el.querySelector('button, a[href], [tabindex]')).focus();`, first.id);
        await browser.waitFor(TIP_SEEN, { timeout: 5_000, args: [first.id], message: `the tip of flight ${first.id}` });
        assert.deepEqual(await seriousViolations(browser), []);
      } finally {
        await browser.colorScheme('light');
      }
    });
  }
});
