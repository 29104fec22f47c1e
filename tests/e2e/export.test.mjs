// Taking the data along (issue #21): the grid's page as CSV and JSON (cards and chart alike, no
// request), "All N results" (its cost against the quota said first, exactly the pages not yet
// saved asked for, progress, Cancel, a throttle half way), a spacecraft's flights as CSV, and
// "Copy link" / "Share…" on every view, by keyboard. Each file is really downloaded by headless
// Chromium (download directory set over the DevTools protocol, under the page's strict CSP),
// read back with a strict RFC 4180 reader written here and with Python's csv module, and checked
// row by row against what the stand-in answers. The stand-in runs with 150 extra spacecraft
// (`bulk`), so that "all results" takes more than one page of 100; the first of them has a
// comma, quotes, a line break and non-Latin text in its name, serial and image credit, the
// second a name a spreadsheet would take for a formula, and record 900 has every nullable field
// null.
import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KEY, clickOn, openApp, until } from './support/harness.mjs';
import { freshVisitor, onEveryNewDocument, pinQuota } from './support/sessions.mjs';
import { seriousViolations } from './support/axe.mjs';
import { BULK_FIRST_ID, BULK_FORMULA_NAME, BULK_ODD_NAME, durationSeconds } from '../ll2-standin/dataset.mjs';

const BULK = 150;
let app;
let browser;
let downloads;

before(async () => {
  app = await openApp({ width: 1280, height: 900, standinOptions: { bulk: BULK } });
  browser = app.browser;
  downloads = await mkdtemp(join(tmpdir(), 'spacecraft-export-'));
  // Downloads go to our directory, without a prompt (the DevTools protocol, through chromedriver).
  await browser.cmd('POST', '/goog/cdp/execute', {
    cmd: 'Browser.setDownloadBehavior', params: { behavior: 'allow', downloadPath: downloads },
  });
});

after(async () => {
  await app?.close();
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

beforeEach(async () => {
  await freshVisitor(app);
  pinQuota(app.standin, { current_use: 3 });
});

afterEach(async () => {
  const errors = await app.consoleErrors();
  assert.deepEqual(errors.filter((message) => /Content Security Policy|panicked|unreachable/i.test(message)), []);
});

const today = () => new Date().toISOString().slice(0, 10);

/** Waits for the file `name` to be complete in the download directory and reads it. */
async function downloaded(name) {
  const text = await until(async () => {
    const files = await readdir(downloads);
    if (!files.includes(name) || files.some((file) => file.endsWith('.crdownload'))) return null;
    return readFile(join(downloads, name), 'utf8');
  }, { timeout: 15_000, message: `the download ${name}` }).catch(async (error) => {
    error.message += ` (downloaded: ${JSON.stringify(await readdir(downloads))})`;
    throw error;
  });
  await rm(join(downloads, name));
  return text;
}

/** A strict RFC 4180 reader: CRLF after every record, quotes only around whole fields. */
function readCsv(text) {
  const rows = [];
  let row = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { value += '"'; i++; }
      else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"' && value === '') quoted = true;
    else if (c === ',') { row.push(value); value = ''; }
    else if (c === '\r') {
      assert.equal(text[i + 1], '\n', `a bare CR at ${i}`);
      i++;
      row.push(value);
      rows.push(row);
      [row, value] = [[], ''];
    } else {
      assert.ok(c !== '"' && c !== '\n', `a bare ${JSON.stringify(c)} at ${i} must have been quoted`);
      value += c;
    }
  }
  assert.ok(!quoted && value === '' && row.length === 0, 'the file ends with a complete record');
  return rows;
}

/** The same file through Python's csv module (as a spreadsheet import would read it). */
async function pythonCsv(text) {
  const script = 'import csv, io, json, sys\n' +
    'data = sys.stdin.buffer.read().decode("utf-8-sig")\n' +
    'print(json.dumps(list(csv.reader(io.StringIO(data, newline=""), strict=True))))';
  const run = promisify(execFile)('python3', ['-c', script], { maxBuffer: 64 << 20 });
  run.child.stdin.end(text);
  return JSON.parse((await run).stdout);
}

const SOFFICE = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((path) => existsSync(path));

/** The file as LibreOffice Calc opens it (UTF-8, comma, quote), saved again as CSV by Calc
 *  (`soffice --headless --convert-to`), read with Python's csv module. */
async function throughCalc(text) {
  const dir = await mkdtemp(join(tmpdir(), 'spacecraft-calc-'));
  try {
    await writeFile(join(dir, 'in.csv'), text);
    await promisify(execFile)(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, '--headless',
      '--infilter=CSV:44,34,76,1', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false',
      '--outdir', join(dir, 'out'), join(dir, 'in.csv')], { timeout: 120_000 });
    return pythonCsv(await readFile(join(dir, 'out', 'in.csv'), 'utf8'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads a downloaded CSV both ways; they must agree. Returns its rows (header first). */
async function csvRows(text) {
  assert.ok(text.startsWith('\uFEFF'), 'a byte-order mark, so Excel reads UTF-8');
  const rows = readCsv(text.slice(1));
  assert.deepEqual(await pythonCsv(text), rows, 'Python reads the same rows');
  return rows;
}

const HEADER = ['id', 'name', 'serial_number', 'status', 'configuration', 'agency', 'type', 'in_space',
  'is_placeholder', 'flights_count', 'mission_ends_count', 'time_in_space', 'time_in_space_seconds', 'time_docked',
  'time_docked_seconds', 'fastest_turnaround', 'image_url', 'image_credit', 'image_license', 'url'];

/** API text in a cell: empty for null; what a spreadsheet would run as a formula gets a `'`. */
const cell = (value) => (value == null ? '' : /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value));
const count = (value) => (value == null ? '' : String(value));
const seconds = (value) => count(durationSeconds(value));

/** The row a spacecraft of the stand-in's answer must have. */
function expectedRow(sc) {
  const config = sc.spacecraft_config;
  return [String(sc.id), cell(sc.name), cell(sc.serial_number), cell(sc.status?.name), cell(config?.name),
    cell(config?.agency?.name), cell(config?.type?.name), String(sc.in_space ?? false), String(sc.is_placeholder ?? false),
    count(sc.flights_count), count(sc.mission_ends_count), cell(sc.time_in_space), seconds(sc.time_in_space),
    cell(sc.time_docked), seconds(sc.time_docked), cell(sc.fastest_turnaround), cell(sc.image?.image_url),
    cell(sc.image?.credit), cell(sc.image?.license?.name), cell(sc.url)];
}

/** The stand-in's records for a list query. */
function answer(query) {
  const result = app.expectedList(query);
  assert.equal(result.status, 200, query);
  return result.json;
}

/** Opens a grid view and waits for its cards (or its chart). */
async function openGrid(query) {
  await app.open(`/?${query}`);
  await browser.waitFor(`return document.querySelector('[data-testid=export-page-csv]') !== null;`,
    { timeout: 20_000, message: 'the export bar' });
}

/** List requests the stand-in received since the last reset. */
const listRequests = () => app.listRequests();

/** Checks the types of a record as the 2.3.0 schema gives them (SpacecraftNormal). */
function assertSchemaTypes(sc) {
  const is = (value, type, nullable = false) =>
    (nullable && value === null) || (type === 'integer' ? Number.isInteger(value) : typeof value === type);
  assert.ok(is(sc.id, 'integer') && is(sc.url, 'string') && is(sc.name, 'string'), `id, url, name of ${sc.id}`);
  assert.ok(is(sc.serial_number, 'string', true) && is(sc.is_placeholder, 'boolean') && is(sc.in_space, 'boolean'), `${sc.id}`);
  for (const key of ['time_in_space', 'time_docked', 'fastest_turnaround']) assert.ok(is(sc[key], 'string', true), `${key} of ${sc.id}`);
  for (const key of ['flights_count', 'mission_ends_count']) assert.ok(is(sc[key], 'integer', true), `${key} of ${sc.id}`);
  assert.ok(sc.image === null || typeof sc.image === 'object', `image of ${sc.id}`);
  assert.ok(typeof sc.status === 'object' && is(sc.status.id, 'integer') && is(sc.spacecraft_config.id, 'integer'), `${sc.id}`);
}

test('this page as CSV and JSON, from the cards: every row intact, and no request', async () => {
  const query = 'ordering=id&limit=100';
  await openGrid(query);
  const expected = answer(query);
  await app.waitForCards(expected.results.map((sc) => sc.id));
  await app.quiet();
  app.standin.reset();

  // By keyboard: the first download button is a tab stop after the pager.
  await browser.exec(`document.querySelector('nav.pager a[rel=next]').focus();`);
  await browser.keys(KEY.TAB);
  assert.equal(await browser.exec('return document.activeElement.dataset.testid;'), 'export-page-csv');
  await browser.keys(KEY.ENTER);
  const file = await downloaded(`spacecraft-by-id-${today()}.csv`);
  const rows = await csvRows(file);
  assert.deepEqual(rows[0], HEADER);
  assert.equal(rows.length - 1, expected.results.length, 'one row per card shown');
  expected.results.forEach((sc, i) => assert.deepEqual(rows[i + 1], expectedRow(sc), `row ${i + 1}: spacecraft ${sc.id}`));

  // The odd values are all on this page, and come back as they were sent.
  const byId = new Map(rows.slice(1).map((row) => [Number(row[0]), row]));
  assert.equal(byId.get(BULK_FIRST_ID)[1], BULK_ODD_NAME);
  assert.equal(byId.get(BULK_FIRST_ID)[2], 'SN "1", 2\r\nB');
  assert.equal(byId.get(BULK_FIRST_ID)[17], 'Credit, "quoted"\nline two');
  assert.equal(byId.get(BULK_FIRST_ID + 1)[1], `'${BULK_FORMULA_NAME}`, 'a formula stays text');
  assert.equal(byId.get(905)[1], '神舟十二号');
  assert.equal(byId.get(906)[1], 'Прогресс МС-21');
  if (SOFFICE) {
    // Calc reads the same cells: text in any script, quotes, commas and line breaks, the formula
    // as text (it shows booleans as TRUE/FALSE and numbers as numbers, so those are left out).
    const calc = await throughCalc(file);
    // A line break in a cell is one LF to Calc, as in any spreadsheet.
    const cells = (row) => [row[0], row[1], row[2], row[17]].map((value) => value.replace(/\r\n/g, '\n'));
    assert.deepEqual(calc.map(cells), rows.map(cells));
    assert.deepEqual(calc.map((row) => row.length), rows.map((row) => row.length));
  } else {
    console.log('# LibreOffice (soffice) is not installed: the Calc check is left out');
  }
  const nulls = byId.get(900);
  assert.deepEqual([nulls[2], nulls[9], nulls[11], nulls[12], nulls[15], nulls[16], nulls[17]], ['', '', '', '', '', '', ''],
    'nulls are empty cells');

  await clickOn(browser, '[data-testid=export-page-json]');
  const json = JSON.parse(await downloaded(`spacecraft-by-id-${today()}.json`));
  assert.match(json.attribution, /Launch Library 2 by The Space Devs/);
  assert.equal(json.api, app.standin.base);
  assert.equal(json.endpoint, 'spacecraft/');
  assert.equal(json.query, query);
  assert.match(json.fetched_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Math.abs(Date.parse(json.fetched_at) - Date.now()) < 10 * 60_000, json.fetched_at);
  assert.equal(json.count, BULK + 66);
  assert.equal(json.complete, true);
  assert.deepEqual(json.results, expected.results, 'the records exactly as the API sent them');
  json.results.forEach(assertSchemaTypes);

  await app.quiet();
  assert.deepEqual(listRequests(), [], 'exporting the page shown asks the API nothing');
});

test('the chart view exports the same page, named for its search', async () => {
  const query = 'search=dragon&view=chart';
  await openGrid(query);
  await browser.waitFor(`return document.querySelector('[data-testid=chart]') !== null;`, { message: 'the chart' });
  app.standin.reset();
  await clickOn(browser, '[data-testid=export-page-csv]');
  const rows = await csvRows(await downloaded(`spacecraft-search-dragon-${today()}.csv`));
  const expected = answer('search=dragon').results;
  assert.deepEqual(rows.slice(1), expected.map(expectedRow));
  await clickOn(browser, '[data-testid=export-page-json]');
  const json = JSON.parse(await downloaded(`spacecraft-search-dragon-${today()}.json`));
  assert.equal(json.query, 'search=dragon', 'the API query: our own view parameters are not the API\'s');
  assert.deepEqual(json.results, expected);
  await app.quiet();
  assert.deepEqual(listRequests(), []);
});

/** The quota meter's "N / 15 requests used", once it has been read. */
async function requestsUsed() {
  await app.waitForQuotaText(/\d+ \/ 15/);
  return Number((await app.quotaText()).match(/(\d+) \/ 15/)[1]);
}

test('all results: the cost against the quota first, then exactly the pages not saved yet', async () => {
  // The first page of 100 is saved from an earlier view.
  await openGrid('search=dragon&limit=100');
  await openGrid('search=dragon');
  const total = answer('search=dragon').count;
  assert.ok(total > 100 && total <= 200, `two pages of 100 (${total})`);
  const used = await requestsUsed();
  await app.quiet();
  app.standin.reset();
  pinQuota(app.standin, { current_use: used });

  await clickOn(browser, '[data-testid=export-all]');
  const cost = await browser.waitFor(`return document.querySelector('[data-testid=export-cost]')?.textContent;`);
  assert.equal(cost, `Fetching all ${total} results takes 1 request (2 pages of 100, 1 of them saved from earlier). ` +
    `You have ${15 - used} of 15 requests left this hour.`);
  assert.equal(await browser.exec(`return document.querySelector('[data-testid=export-status]').textContent;`), cost,
    'said politely too');
  await app.shot('export-plan-desktop');
  assert.deepEqual(await seriousViolations(browser), [], 'the plan is usable by everyone');
  await app.quiet();
  assert.deepEqual(listRequests(), [], 'nothing is asked before Start');

  await clickOn(browser, '[data-testid=export-start]');
  await browser.waitFor(`return document.querySelector('[data-testid=export-done]') !== null;`, { message: 'the end' });
  assert.match(await browser.exec(`return document.querySelector('[data-testid=export-done]').textContent;`),
    new RegExp(`All ${total} spacecraft fetched`));
  await app.shot('export-done-desktop');
  await app.quiet();
  assert.equal(listRequests().length, 1, 'one request: ceil(N/100) pages, less the one saved');
  assert.deepEqual(listRequests()[0].params, { search: 'dragon', limit: '100', offset: '100' }, 'the page not saved, and only it');

  await clickOn(browser, '[data-testid=export-all-csv]');
  const rows = await csvRows(await downloaded(`spacecraft-search-dragon-all-${today()}.csv`));
  const expected = [...answer('search=dragon&limit=100').results, ...answer('search=dragon&limit=100&offset=100').results];
  assert.equal(expected.length, total);
  assert.deepEqual(rows.slice(1), expected.map(expectedRow));
  await clickOn(browser, '[data-testid=export-all-json]');
  const json = JSON.parse(await downloaded(`spacecraft-search-dragon-all-${today()}.json`));
  assert.equal(json.query, 'search=dragon&limit=100');
  assert.equal(json.complete, true);
  assert.deepEqual(json.results, expected);
  await app.quiet();
  assert.equal(listRequests().length, 1, 'downloading what was fetched asks nothing more');
});

test('a throttle half way says so, and what was fetched still downloads', async () => {
  await openGrid('ordering=id');
  const total = answer('ordering=id').count;
  await requestsUsed();
  await app.quiet();
  app.standin.reset();
  app.standin.failNext({ path: 'spacecraft/', match_query: 'offset=100', retry_after: 600, times: 0 });

  await clickOn(browser, '[data-testid=export-all]');
  const cost = await browser.waitFor(`return document.querySelector('[data-testid=export-cost]')?.textContent;`);
  assert.match(cost, new RegExp(`^Fetching all ${total} results takes 3 requests \\(3 pages of 100\\)\\.`));
  await clickOn(browser, '[data-testid=export-start]');
  const stopped = await browser.waitFor(`return document.querySelector('[data-testid=export-stopped]')?.textContent;`,
    { message: 'the stop' });
  assert.match(stopped, /Stopped after 1 of 3 pages\. Rate limit reached: .*Next request possible in 10 min/);
  await app.shot('export-stopped-desktop');
  assert.deepEqual(await seriousViolations(browser), [], 'and the stop');
  await app.quiet();
  assert.deepEqual(listRequests().map((request) => request.params.offset ?? '0'), ['0', '100'],
    'the first page, the refused one, and nothing after it');

  await clickOn(browser, '[data-testid=export-all-csv]');
  const rows = await csvRows(await downloaded(`spacecraft-by-id-all-${today()}.csv`));
  assert.deepEqual(rows.slice(1), answer('ordering=id&limit=100').results.map(expectedRow));
  await clickOn(browser, '[data-testid=export-all-json]');
  const json = JSON.parse(await downloaded(`spacecraft-by-id-all-${today()}.json`));
  assert.equal(json.complete, false, 'the file says it is not all');
  assert.equal(json.results.length, 100);
});

test('Cancel before the start asks nothing; Cancel during the run stops asking', async () => {
  await openGrid('ordering=-id');
  await app.quiet();
  app.standin.reset();
  await clickOn(browser, '[data-testid=export-all]');
  await clickOn(browser, '[data-testid=export-plan] [data-testid=export-cancel]');
  await browser.waitFor(`return document.querySelector('[data-testid=export-plan]') === null;`);
  await app.quiet();
  assert.deepEqual(listRequests(), []);

  // The second page takes long enough to be cancelled.
  app.standin.failNext({ path: 'spacecraft/', match_query: 'offset=100', delay_ms: 20_000 });
  await clickOn(browser, '[data-testid=export-all]');
  await clickOn(browser, '[data-testid=export-start]');
  await until(() => listRequests().some((request) => request.params.offset === '100'), { message: 'the second page asked' });
  const progress = await browser.waitFor(
    `const bar = document.querySelector('[data-testid=export-progress]');
     return bar && bar.value === 1 && [bar.value, bar.max, bar.parentElement.textContent];`, { message: 'the progress' });
  assert.deepEqual(progress, [1, 3, '1 of 3 pagesCancel']);
  await app.shot('export-running-desktop');
  assert.deepEqual(await seriousViolations(browser), [], 'so is the progress');
  // By keyboard, as the progress is read.
  await browser.exec(`document.querySelector('[data-testid=export-running] [data-testid=export-cancel]').focus();`);
  await browser.keys(KEY.ENTER);
  const stopped = await browser.waitFor(`return document.querySelector('[data-testid=export-stopped]')?.textContent;`);
  assert.match(stopped, /^Stopped after 1 of 3 pages\. Cancelled\./);
  await app.quiet();
  assert.ok(!listRequests().some((request) => request.params.offset === '200'), 'no page after Cancel');
  await clickOn(browser, '[data-testid=export-all-csv]');
  const rows = await csvRows(await downloaded(`spacecraft-by-id-desc-all-${today()}.csv`));
  assert.deepEqual(rows.slice(1), answer('ordering=-id&limit=100').results.map(expectedRow));
});

test("a spacecraft's flights as CSV from its page, from the record it shows", async () => {
  const FLIGHTS = ['flight_id', 'launch', 'launch_date', 'launch_status', 'destination', 'mission_end', 'duration',
    'duration_seconds', 'turnaround', 'turnaround_seconds'];
  for (const [id, slug] of [[3, 'discovery'], [424, 'soyuz-ms-26']]) {
    await app.open(`/spacecraft/${id}`);
    const record = app.standin.dataset.spacecraft.find((sc) => sc.id === id);
    const flights = app.standin.dataset.flightsBySpacecraft.get(id);
    assert.equal(record.id, id);
    await app.quiet();
    app.standin.reset();
    await browser.exec(`document.querySelector('[data-testid=export-flights]').scrollIntoView({ block: 'center' });`);
    if (id === 3) await app.shot('export-flights-desktop');
    await clickOn(browser, '[data-testid=export-flights]');
    const rows = await csvRows(await downloaded(`spacecraft-${id}-${slug}-flights-${today()}.csv`));
    assert.deepEqual(rows[0], FLIGHTS);
    assert.deepEqual(rows.slice(1), flights.map((flight) => [count(flight.id), cell(flight.launch?.name),
      cell(flight.launch?.net), cell(flight.launch?.status?.name), cell(flight.destination), cell(flight.mission_end),
      cell(flight.duration), seconds(flight.duration), cell(flight.turn_around_time), seconds(flight.turn_around_time)]));
    await app.quiet();
    assert.deepEqual(app.standin.requests(), [], 'no request');
  }
  assert.equal(await browser.exec(`return document.querySelector('[data-testid=export-flights]') === null;`), false);
});

test("a spacecraft's crews and dockings as CSV from its logbook, with no request of their own", async () => {
  const CREW = ['flight_id', 'launch', 'launch_date', 'crew', 'name', 'role', 'agency', 'astronaut_id'];
  const DOCKINGS = ['flight_id', 'launch', 'launch_date', 'docked_with', 'port', 'docked', 'departed',
    'time_docked_seconds', 'docked_now'];
  // 401 flew crews and docked; 430 (cargo) docked without crew; 490 neither: no button.
  for (const [id, crewed, docked] of [[401, true, true], [430, false, true], [490, false, false]]) {
    await app.open(`/spacecraft/${id}`);
    await browser.waitFor(`return document.querySelector('[data-testid=logbook-flight], [data-testid=logbook] li') !== null;`,
      { timeout: 15_000, message: `the logbook of ${id}` });
    await app.quiet();
    const url = `${app.standin.base}/spacecraft_flights/?spacecraft=${id}&mode=detailed&limit=100`;
    const flights = (await (await fetch(url)).json()).results;
    app.standin.reset();
    const record = app.standin.dataset.spacecraft.find((sc) => sc.id === id);
    const slug = record.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const ofFlight = (flight) => [count(flight.id), cell(flight.launch?.name), cell(flight.launch?.net)];
    const present = await browser.exec(`return ['crew', 'dockings'].map((what) =>
      document.querySelector('[data-testid=export-' + what + ']') !== null);`);
    assert.deepEqual(present, [crewed, docked], `${id}: a button only for what there is`);
    if (id === 401) {
      await browser.exec(`document.querySelector('[data-testid=export-crew]').scrollIntoView({ block: 'start' });`);
      await app.shot('export-logbook-desktop');
    }
    if (crewed) {
      await clickOn(browser, '[data-testid=export-crew]');
      const rows = await csvRows(await downloaded(`spacecraft-${id}-${slug}-crew-${today()}.csv`));
      assert.deepEqual(rows[0], CREW);
      const expected = flights.flatMap((flight) => [['launch', flight.launch_crew], ['on board', flight.onboard_crew],
        ['landing', flight.landing_crew]].flatMap(([list, seats]) => (seats ?? []).map((seat) => [...ofFlight(flight), list,
        cell(seat.astronaut?.name), cell(seat.role?.role), cell(seat.astronaut?.agency?.name), count(seat.astronaut?.id)])));
      assert.ok(expected.length > 0);
      assert.deepEqual(rows.slice(1), expected);
    }
    if (docked) {
      await clickOn(browser, '[data-testid=export-dockings]');
      const rows = await csvRows(await downloaded(`spacecraft-${id}-${slug}-dockings-${today()}.csv`));
      assert.deepEqual(rows[0], DOCKINGS);
      const expected = flights.flatMap((flight) => (flight.docking_events ?? []).map((event) => {
        const target = event.space_station_target?.name ?? event.flight_vehicle_target?.spacecraft?.name
          ?? event.payload_flight_target?.payload?.name ?? event.docking_location?.spacestation?.name;
        const stayed = event.departure ? (Date.parse(event.departure) - Date.parse(event.docking)) / 1000 : null;
        return [...ofFlight(flight), cell(target), cell(event.docking_location?.name), cell(event.docking),
          cell(event.departure), count(stayed), String(event.departure == null)];
      }));
      assert.ok(expected.length > 0);
      assert.deepEqual(rows.slice(1), expected);
    }
    await app.quiet();
    assert.deepEqual(app.standin.requests(), [], 'no request');
  }
});

/** Reads the clipboard in the page (permission granted over the DevTools protocol). */
function clipboardText() {
  return browser.cmd('POST', '/execute/async', {
    script: 'navigator.clipboard.readText().then(arguments[0], (error) => arguments[0]("failed: " + error));', args: [],
  });
}

test('Copy link on every view, by keyboard, says "Link copied"', async () => {
  await browser.cmd('POST', '/goog/cdp/execute', {
    cmd: 'Browser.grantPermissions',
    params: { origin: new URL(app.url('/')).origin, permissions: ['clipboardReadWrite', 'clipboardSanitizedWrite'] },
  });
  const views = [
    ['/?search=dragon&view=chart', 'h1'],
    ['/spacecraft/905', '[data-testid=back-to-grid]'],
    ['/configurations?search=soyuz', 'h1'],
    ['/compare?ids=1,905', 'h1'],
  ];
  for (const [path, before] of views) {
    await app.open(path);
    await browser.waitFor(`return document.querySelector('[data-testid=copy-link]') !== null;`, { message: `Copy link on ${path}` });
    await browser.exec(`document.querySelector(arguments[0]).focus();`, before);
    await browser.keys(KEY.TAB);
    assert.equal(await browser.exec('return document.activeElement.dataset.testid;'), 'copy-link', `the next tab stop on ${path}`);
    await browser.keys(KEY.ENTER);
    const status = await browser.waitFor(
      `const status = document.querySelector('[data-testid=share-status]');
       return status.textContent && [status.getAttribute('role'), status.textContent];`, { message: 'the status' });
    assert.deepEqual(status, ['status', 'Link copied']);
    assert.equal(await clipboardText(), await browser.url(), `the link of ${path}`);
    assert.equal(await browser.exec(`return document.querySelector('[data-testid=share-link]') === null;`),
      !(await browser.exec(`return 'share' in navigator;`)), 'Share only where the browser has a share sheet');
  }
});

test('Share opens the browser\'s share sheet with the view\'s address, where there is one', async () => {
  // Chromium on Linux has no share sheet: this page gets a recording one, as a phone's would be.
  const remove = await onEveryNewDocument(browser,
    `navigator.share = (data) => { (window.__shared ||= []).push({ url: data.url, title: data.title }); return Promise.resolve(); };`);
  try {
    await openGrid('search=dragon');
    await app.shot('export-share-desktop');
    await browser.phone();
    await app.shot('export-share-mobile');
    await browser.desktop();
    await browser.exec(`document.querySelector('h1').focus();`);
    await browser.keys(KEY.TAB);
    await browser.keys(KEY.TAB);
    assert.equal(await browser.exec('return document.activeElement.dataset.testid;'), 'share-link');
    await browser.keys(KEY.ENTER);
    const shared = await browser.waitFor('return window.__shared;', { message: 'the share sheet' });
    assert.deepEqual(shared, [{ url: await browser.url(), title: await browser.title() }]);
  } finally {
    await remove();
  }
});

test('the export bar at 375 px', async () => {
  await browser.phone();
  try {
    await openGrid('search=dragon');
    await clickOn(browser, '[data-testid=export-all]');
    await browser.exec(`document.querySelector('[data-testid=export]').scrollIntoView();`);
    await app.shot('export-plan-mobile');
  } finally {
    await browser.desktop();
  }
});
