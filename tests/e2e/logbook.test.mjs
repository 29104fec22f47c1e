// A spacecraft's logbook (issue #20): on its page, from one `/spacecraft_flights/` request, each
// flight's crew (name, role, agency, photo) and dockings (station or vehicle, port, dates, time
// docked, "docked now"), its turnaround, and a crew roster; the timeline shades the docked time
// and, for a spacecraft in space, says how long it has been up and where it is docked. The
// request is not asked again on a return to the page; when it fails, only the logbook says so.
// Expected values are computed from the stand-in's own answers, never hard-coded.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { seriousViolations } from './support/axe.mjs';
import { clickOn, until } from './support/harness.mjs';
import { cacheEntry, humanDuration, kindOf, pinQuota, shareVisitorApp, writeCacheEntry } from './support/sessions.mjs';
import { handleApi } from '../ll2-standin/api.mjs';

const WAIT = 20_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const KEPT_SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** `format::date` of src/ui/format.rs: `2021-06-17T01:22:31Z` → `17 Jun 2021`. */
function shownDate(iso) {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** Page-side: the logbook as a person reads it. */
const READ_LOGBOOK = `
  const clean = (el) => (el ? el.textContent.replace(/\\s+/g, ' ').trim() : null);
  const section = document.querySelector('[data-testid=logbook]');
  if (!section) return null;
  return {
    busy: section.getAttribute('aria-busy'),
    error: clean(section.querySelector('[data-testid=logbook-error]')),
    skipped: clean(section.querySelector('[data-testid=logbook-skipped]')),
    roster: [...section.querySelectorAll('[data-testid=roster-line]')].map((li) => ({
      name: clean(li.querySelector('.roster-name')), agency: clean(li.querySelector('.roster-agency')),
      count: clean(li.querySelector('.roster-count')),
    })),
    flights: [...section.querySelectorAll('[data-testid=logbook-flight]')].map((li) => ({
      id: Number(li.dataset.flightId),
      title: clean(li.querySelector('h3')),
      text: clean(li),
      turnaround: clean(li.querySelector('[data-testid=turnaround] dd')),
      crews: [...li.querySelectorAll('[data-testid=crew]')].map((crew) => ({
        label: crew.dataset.crew,
        heading: clean(crew.querySelector('h4')),
        members: [...crew.querySelectorAll('[data-testid=crew-member]')].map((m) => ({
          name: clean(m.querySelector('.crew-name')), role: clean(m.querySelector('.crew-role')),
          agency: clean(m.querySelector('.crew-agency')),
          img: m.querySelector('img') && m.querySelector('img').getAttribute('src'),
          alt: m.querySelector('img') && m.querySelector('img').getAttribute('alt'),
        })),
      })),
      dockings: [...li.querySelectorAll('[data-testid=docking]')].map((tr) => ({
        cells: [...tr.children].map(clean), now: tr.querySelector('[data-testid=docked-now]') !== null,
      })),
    })),
  };`;

describe('the logbook', () => {
  let app;
  let browser;
  shareVisitorApp({ width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });

  const ask = (path) => {
    const url = new URL(`${app.standin.base}/${path}`);
    const answer = handleApi(app.standin.dataset, {
      apiPath: url.pathname.replace(/^\/2\.3\.0\//, ''), pathname: url.pathname, origin: app.standin.origin,
      searchParams: url.searchParams, currentUse: 0, throttleOverride: null,
    });
    assert.equal(answer.status, 200, `stand-in sanity: ${path}`);
    return answer.json;
  };
  /** The stand-in's logbook answer of a spacecraft, as the app asks for it. */
  const flightsOf = (id) => ask(`spacecraft_flights/?spacecraft=${id}&mode=detailed&limit=100`);
  const logbookRequests = () => app.standin.requests().filter((r) => r.path.startsWith('/2.3.0/spacecraft_flights'));
  const readLogbook = () => browser.exec(READ_LOGBOOK);

  /** Opens a spacecraft's page and waits until its logbook is no longer loading. */
  const openLogbook = async (id) => {
    await app.open(`/spacecraft/${id}`);
    await browser.waitFor(
      `const d = document.querySelector('[data-testid=detail][data-spacecraft-id="' + arguments[0] + '"]');
       const l = document.querySelector('[data-testid=logbook]');
       return d !== null && l !== null && l.getAttribute('aria-busy') === 'false';`,
      { timeout: WAIT, args: [String(id)], message: `the logbook of ${id}` },
    );
    return readLogbook();
  };

  const seatsOf = (flight) => [...flight.launch_crew, ...flight.onboard_crew, ...flight.landing_crew];

  test('a crewed spacecraft lists each flight\'s crew, dockings and turnaround, and a roster, from one request', async () => {
    const answer = flightsOf(401); // Crew Dragon Resilience: 3 flights, people who flew twice
    const book = await openLogbook(401);
    assert.deepEqual(book.flights.map((f) => f.id), answer.results.map((f) => f.id));
    for (const [i, flight] of answer.results.entries()) {
      const shown = book.flights[i];
      assert.equal(shown.title, flight.launch.name);
      assert.ok(shown.text.includes(shownDate(flight.launch.net)), `flight ${flight.id} gives its launch date`);
      // Launch and landing crews are the same people: one "Crew".
      assert.deepEqual(shown.crews.map((c) => c.heading), ['Crew'], `flight ${flight.id}`);
      assert.deepEqual(shown.crews[0].members.map((m) => [m.name, m.role, m.agency]),
        flight.launch_crew.map((seat) => [seat.astronaut.name, seat.role.role, seat.astronaut.agency?.abbrev ?? '']));
      for (const [k, member] of shown.crews[0].members.entries()) {
        const image = flight.launch_crew[k].astronaut.image;
        // A photo is its thumbnail; without one, the placeholder (a 404 falls back to it too).
        if (image === null) assert.match(member.img, /placeholder/, `${member.name} without a photo`);
        else if (image.thumbnail_url.endsWith('missing.jpg')) {
          // Photos load lazily: in sight, the 404 shows and the placeholder takes its place.
          await browser.exec(`[...document.querySelectorAll('[data-testid=crew-member]')].find((m) => m.querySelector('.crew-name').textContent === arguments[0]).scrollIntoView();`, member.name);
          await browser.waitFor(`return [...document.querySelectorAll('[data-testid=crew-member]')].some((m) => m.querySelector('.crew-name').textContent === arguments[0] && /placeholder/.test(m.querySelector('img').getAttribute('src')));`,
            { args: [member.name], message: `${member.name}'s missing photo falls back to the placeholder` });
        } else assert.equal(member.img, image.thumbnail_url, `${member.name}'s thumbnail`);
        assert.equal(member.alt, '', 'the name beside it says who it is');
      }
      assert.deepEqual(shown.dockings.map((d) => d.cells.slice(0, 4)), flight.docking_events.map((event) => [
        event.space_station_target.name, event.docking_location.name, shownDate(event.docking), shownDate(event.departure)]));
      if (i === 0) assert.equal(shown.turnaround, null, 'the first flight has no turnaround');
      else {
        const waited = (Date.parse(flight.launch.net) - Date.parse(answer.results[i - 1].mission_end)) / 1000;
        assert.equal(shown.turnaround, `${humanDuration(waited)} since the flight before`, `flight ${flight.id}`);
      }
    }
    // The second flight moved ports: two dockings.
    assert.equal(book.flights[1].dockings.length, 2);
    // The roster: everyone once, with how many of its flights they flew.
    const counts = new Map();
    for (const flight of answer.results) {
      for (const name of new Set(seatsOf(flight).map((seat) => seat.astronaut.name))) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    assert.deepEqual(book.roster.map((line) => [line.name, line.count]),
      [...counts].map(([name, n]) => [name, n === 1 ? '1 flight' : `${n} flights`]));
    assert.ok(book.roster.some((line) => line.count === '2 flights'), 'stand-in sanity: someone flew twice');
    // The timeline shades the docked time of every docking.
    const docked = await browser.exec(`return [...document.querySelectorAll('[data-testid=flight-timeline] [data-flight-id]')]
      .map((bar) => [Number(bar.dataset.flightId), [...bar.querySelectorAll('.timeline-docked')].map((s) => s.getBoundingClientRect().width > 0)]);`);
    assert.deepEqual(docked, answer.results.map((f) => [f.id, f.docking_events.map(() => true)]));
    // One request, exactly the one the issue names.
    await app.quiet();
    assert.deepEqual(logbookRequests().map((r) => r.query), ['spacecraft=401&mode=detailed&limit=100']);
  });

  test('a return to the page (Back, Forward, reload, a new tab) does not ask again', async () => {
    const shown = (message) => browser.waitFor(
      `return document.querySelectorAll('[data-testid=logbook-flight]').length === 3;`, { timeout: WAIT, message });
    await openLogbook(401);
    await clickOn(browser, '[data-testid=back-to-grid]');
    await app.settled();
    await browser.back();
    await shown('the logbook after Back');
    await browser.forward();
    await app.settled();
    await browser.back();
    await shown('the logbook after Back again');
    await browser.refresh();
    await shown('the logbook after a reload');
    // A new tab: memory and session storage gone, the stored answer kept (a day: 401 is on the ground).
    await browser.goto(app.url('/__blank__.txt'));
    await browser.exec('sessionStorage.clear();');
    await openLogbook(401);
    await app.quiet();
    assert.equal(logbookRequests().length, 1, `one request in all: ${JSON.stringify(logbookRequests().map((r) => r.query))}`);
  });

  test('a stored page past its time refreshes its record and its logbook once each', async () => {
    // 424 is in space: its record and its logbook both keep 10 minutes.
    await openLogbook(424);
    const urls = [`${app.standin.base}/spacecraft/424/`,
      `${app.standin.base}/spacecraft_flights/?spacecraft=424&mode=detailed&limit=100`];
    for (const url of urls) {
      const entry = await cacheEntry(browser, 'localStorage', url);
      assert.ok(entry, `stored: ${url}`);
      await writeCacheEntry(browser, 'localStorage', url, entry.storedAt - 11 * 60_000, entry.body);
    }
    // A new tab; the logbook's refresh answers after the record's, which rebuilds the record's view.
    await browser.goto(app.url('/__blank__.txt'));
    await browser.exec('sessionStorage.clear();');
    app.standin.reset();
    pinQuota(app.standin, { current_use: 3 });
    app.standin.failNext({ path: 'spacecraft_flights/', delay_ms: 1500, times: 1 });
    await openLogbook(424);
    await until(() => app.standin.requests().length > 0 && app.standin.requests().every((r) => r.status !== null),
      { timeout: WAIT, message: 'the refreshes to be answered' });
    await app.quiet();
    const asked = app.standin.requests().filter((r) => ['detail', 'flights'].includes(kindOf(r)));
    assert.deepEqual(asked.map((r) => kindOf(r)).sort(), ['detail', 'flights'],
      `one refresh each: ${JSON.stringify(asked.map((r) => r.path + '?' + r.query))}`);
  });

  test('more than 100 flights: the next page is asked by offset, and a return asks for neither', async () => {
    const answer = flightsOf(401);
    const extra = { ...answer.results[2], id: 4019, launch: { ...answer.results[2].launch, name: 'The 101st flight' } };
    // Rules match in order: the second page's first (its query holds the first page's too).
    app.standin.failNext([
      { path: 'spacecraft_flights/', match_query: 'offset=100', body: JSON.stringify({ ...answer, count: 101, results: [extra] }), times: 1 },
      { path: 'spacecraft_flights/', match_query: 'limit=100', body: JSON.stringify({ ...answer, count: 101 }), times: 1 },
    ]);
    const book = await openLogbook(401);
    assert.deepEqual(book.flights.map((f) => f.id), [...answer.results.map((f) => f.id), 4019]);
    assert.equal(book.flights.at(-1).title, 'The 101st flight');
    await browser.refresh();
    await browser.waitFor(`return document.querySelectorAll('[data-testid=logbook-flight]').length === 4;`,
      { timeout: WAIT, message: 'both pages again after a reload, from storage' });
    await app.quiet();
    assert.deepEqual(logbookRequests().map((r) => r.query),
      ['spacecraft=401&mode=detailed&limit=100', 'spacecraft=401&mode=detailed&limit=100&offset=100']);
  });

  test('crews that differ are grouped as launch, on board and landing; in space: aloft, docked now', async () => {
    const [soyuz] = flightsOf(420).results;
    const book = await openLogbook(420);
    assert.deepEqual(book.flights[0].crews.map((c) => c.heading), ['Launch crew', 'Landing crew']);
    assert.deepEqual(book.flights[0].crews[1].members.map((m) => m.name), soyuz.landing_crew.map((s) => s.astronaut.name));
    assert.ok(book.flights[0].crews[0].members.some((m) => /[\u0400-\u04ff]/.test(m.name)), 'Cyrillic names');
    assert.equal(await browser.exec(`return document.querySelector('[data-testid=aloft]');`), null, 'on the ground: no aloft line');

    const [up] = flightsOf(424).results; // Soyuz MS-26, in space, docked
    const aloft = await openLogbook(424);
    assert.deepEqual(aloft.flights[0].crews.map((c) => c.heading), ['Crew'], 'launched and on board: the same people');
    const open = up.docking_events.at(-1);
    assert.equal(open.departure, null, 'stand-in sanity: docked now');
    const row = aloft.flights[0].dockings.at(-1);
    assert.equal(row.now, true, '"docked now" for the open docking');
    assert.match(row.cells[4], /so far$/);
    const line = await browser.exec(`return document.querySelector('[data-testid=flight-timeline] [data-testid=aloft]').textContent;`);
    assert.match(line, new RegExp(`^Aloft for (\\d+y )?\\d+d.* · docked at ${open.space_station_target.name}, ${open.docking_location.name}$`));
    assert.equal(await browser.exec(`return document.querySelectorAll('[data-flight-id="${up.id}"] .timeline-docked').length;`), 1,
      'the timeline shades the open docking');
  });

  test('a cargo craft shows dockings and no crew; a craft that never docked shows neither', async () => {
    const cargo = await openLogbook(430); // Progress MS-20
    assert.equal(cargo.flights.length, 1);
    assert.deepEqual(cargo.flights[0].crews, []);
    assert.equal(cargo.flights[0].dockings.length, 1);
    assert.deepEqual(cargo.roster, []);
    assert.equal(await browser.exec(`return document.querySelector('[data-testid=roster], [data-testid=crew]');`), null,
      'no empty crew sections');

    const never = await openLogbook(490); // X-37B OTV-1: three flights, no crew, no docking
    assert.equal(never.flights.length, 3);
    assert.ok(never.flights.every((f) => f.crews.length === 0 && f.dockings.length === 0));
    assert.equal(await browser.exec(`return document.querySelector('[data-testid=roster], [data-testid=crew], [data-testid=dockings], .dockings');`), null);
    assert.equal(await browser.exec(`return document.querySelectorAll('.timeline-docked').length;`), 0);
  });

  test('a spacecraft that never flew asks for no logbook', async () => {
    await app.open('/spacecraft/441');
    await browser.waitFor(`return document.querySelector('[data-testid=detail]') !== null;`, { message: 'the page of 441' });
    await app.quiet();
    assert.deepEqual(logbookRequests(), []);
    assert.equal(await browser.exec(`return document.querySelector('[data-testid=logbook]');`), null);
  });

  for (const [what, rule, message] of [
    ['HTTP 500', { status: 500 }, /Launch Library/],
    ['malformed JSON', { body: '{not json' }, /./],
    ['a 429 with a wait', { retry_after: 754 }, /wait|minute|throttl|limit/i],
    ['an unreadable answer (no CORS headers)', { status: 503, cors: false }, /./],
  ]) {
    test(`when the logbook request fails (${what}), the page stays and the logbook says so in one line with Retry`, async () => {
      app.standin.failNext({ path: 'spacecraft_flights/', ...rule, times: 1 });
      const record = ask('spacecraft/402/');
      const book = await openLogbook(402);
      assert.ok(book.error, 'a one-line message where the logbook would be');
      assert.match(book.error, message);
      assert.match(book.error, /Retry$/);
      assert.deepEqual(book.flights, []);
      const page = await browser.exec(`return {
        name: document.querySelector('[data-testid=detail] h1').textContent,
        rows: document.querySelectorAll('[data-testid=flights] tbody tr').length,
        bars: document.querySelectorAll('[data-testid=flight-timeline] [data-flight-id]').length,
        aloft: document.querySelector('[data-testid=aloft]') && document.querySelector('[data-testid=aloft]').textContent,
        alerts: document.querySelectorAll('[role=alert]').length };`);
      assert.deepEqual([page.name, page.rows, page.bars], [record.name, record.flights.length, record.flights.length],
        'the spacecraft and its flights from the detail answer');
      assert.match(page.aloft, /^Aloft for [^·]+$/, 'aloft, without where (that is the logbook\'s)');
      assert.equal(page.alerts, 1, 'only the logbook fails');
      await clickOn(browser, '[data-testid=logbook-error] button');
      await browser.waitFor(`return document.querySelectorAll('[data-testid=logbook-flight]').length === arguments[0];`,
        { args: [record.flights.length], message: 'the logbook after Retry' });
      assert.match(await browser.exec(`return document.querySelector('[data-testid=aloft]').textContent;`), / · docked at /);
    });
  }

  test('offline, the logbook says so; back online it loads by itself', async () => {
    const network = (offline) => browser.cmd('POST', '/goog/cdp/execute', {
      cmd: 'Network.emulateNetworkConditions', params: { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
    });
    await browser.cmd('POST', '/goog/cdp/execute', { cmd: 'Network.enable', params: {} });
    app.standin.failNext({ path: 'spacecraft_flights/', status: 500, times: 1 });
    try {
      await openLogbook(401);
      await network(true);
      await clickOn(browser, '[data-testid=logbook-error] button');
      await browser.waitFor(`const e = document.querySelector('[data-testid=logbook-error]'); return e !== null && /offline/i.test(e.textContent);`,
        { message: 'the logbook says the browser is offline' });
      assert.ok(await browser.exec(`return document.querySelectorAll('[data-testid=flights] tbody tr').length === 3;`));
      await network(false);
      await browser.waitFor(`return document.querySelectorAll('[data-testid=logbook-flight]').length === 3;`,
        { message: 'the logbook once back online' });
    } finally {
      await network(false);
    }
  });

  test('an odd flight record is skipped and counted; the others are shown', async () => {
    const answer = flightsOf(401);
    const odd = { ...answer, results: answer.results.map((f, i) => (i === 1 ? { ...f, launch_crew: 'four people' } : f)) };
    app.standin.failNext({ path: 'spacecraft_flights/', body: JSON.stringify(odd), times: 1 });
    const book = await openLogbook(401);
    assert.equal(book.error, null);
    assert.deepEqual(book.flights.map((f) => f.id), [answer.results[0].id, answer.results[2].id]);
    assert.equal(book.skipped, '1 flight record could not be shown: the API sent it in a shape we could not read.');
  });

  for (const scheme of ['light', 'dark']) {
    test(`the logbook has no serious or critical axe violations (${scheme})`, async () => {
      await browser.colorScheme(scheme);
      try {
        for (const id of [401, 424, 430]) {
          await openLogbook(id);
          assert.deepEqual(await seriousViolations(browser), [], `spacecraft ${id}`);
        }
        app.standin.failNext({ path: 'spacecraft_flights/', status: 500, times: 1 });
        await openLogbook(402);
        assert.deepEqual(await seriousViolations(browser), [], 'with the logbook failed');
      } finally {
        await browser.colorScheme('light');
      }
    });
  }

  test('screenshots at 1440 and 375 px (kept in tests/e2e/screenshots/)', async () => {
    pinQuota(app.standin, { current_use: 3 });
    const shoot = async (name) => {
      await browser.waitFor(`return [...document.querySelectorAll('[data-testid=logbook] img')].every((img) => img.complete);`,
        { message: 'the crew photos' });
      await app.shot(name);
      await copyFile(app.shotPath(name), `${KEPT_SHOTS}${name}.png`);
    };
    try {
      // Tall windows: the timeline with its docked time, the roster and a flight's crew and dockings.
      await browser.desktop(1440, 1500);
      await openLogbook(402);
      await browser.exec(`document.querySelector('#flights-heading').scrollIntoView();`);
      await shoot('logbook-desktop');
      await browser.phone(375, 1400);
      await openLogbook(402);
      // The flight still in space: its crew on board, docked now.
      await browser.exec(`[...document.querySelectorAll('[data-testid=logbook-flight]')].at(-1).scrollIntoView();`);
      await shoot('logbook-mobile');
      assert.equal(await browser.exec('return document.scrollingElement.scrollWidth <= innerWidth;'), true, 'no sideways scrolling at 375 px');
    } finally {
      await browser.desktop(1280, 900);
    }
  });
});
