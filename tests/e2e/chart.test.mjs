// The grid's chart view (issue #10): `view=chart` draws the page of results the grid shows, in
// the API's order, as horizontal bars of one metric (the ordering's, else `metric=`), with an
// axis, a table for screen readers and "no data" for nulls. `view` and `metric` are the app's own
// parameters: they never reach the API, and switching between cards and chart costs nothing.
// Expected bars are computed from the local LL2 stand-in's own answers, never hard-coded.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations } from './support/axe.mjs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { choose, clickOn, shareApp } from './support/harness.mjs';
import { eachTestAFreshVisitor, humanDuration, spending, urlOf } from './support/sessions.mjs';
import { durationSeconds } from '../ll2-standin/dataset.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUB_DIST = resolve(ROOT, process.env.E2E_DIST_SUB || 'target/e2e-dist-sub');

const WAIT = 15_000;

// ---------------------------------------------------------------------------------------------
// What the chart should show, from the stand-in's records
// ---------------------------------------------------------------------------------------------

/** The chart's metrics and how each is read from a record. */
const METRICS = {
  flights_count: 'count',
  mission_ends_count: 'count',
  time_in_space: 'duration',
  time_docked: 'duration',
};
const NUMERIC_ORDERINGS = Object.keys(METRICS).flatMap((field) => [`-${field}`, field]);


/** The number a bar is scaled by: the count, or the duration in seconds; null when unknown. */
function rawValue(craft, metric) {
  const value = craft[metric];
  if (value == null) return null;
  return METRICS[metric] === 'duration' ? durationSeconds(value) : value;
}

/** The value as people read it: `1,234` for counts, `84d 1h 15m` for durations. */
function humanValue(value, metric) {
  if (value == null) return null;
  return METRICS[metric] === 'duration' ? humanDuration(value) : value.toLocaleString('en-US');
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Spacecraft.display_name() of src/api/models.rs. */
const displayName = (craft) => (craft.name.trim() ? craft.name : `Unnamed spacecraft #${craft.id}`);

/** The metric a view charts: the ordering's field when it is a metric, else `metric`, else flights. */
function metricOf(params) {
  const field = (params.get('ordering') ?? '').replace(/^-/, '');
  if (Object.hasOwn(METRICS, field)) return field;
  const chosen = params.get('metric');
  return Object.hasOwn(METRICS, chosen ?? '') ? chosen : 'flights_count';
}

/** The API query (what the grid sends) of an app query: without the app's own parameters. */
function apiQueryOf(appQuery) {
  const params = new URLSearchParams(appQuery);
  params.delete('view');
  params.delete('metric');
  return params.toString();
}

// ---------------------------------------------------------------------------------------------
// Page-side readers
// ---------------------------------------------------------------------------------------------

const CLEAN = `const clean = (el) => el ? el.textContent.replace(/\\s+/g, ' ').trim() : null;`;

/** The chart as shown: its bars, axis, table and metric select; null without a chart. */
const READ_CHART = `
  ${CLEAN}
  const chart = document.querySelector('[data-testid=chart]');
  if (!chart) return null;
  const bars = [...chart.querySelectorAll('[data-bar-id]')].map((el) => {
    const fill = el.querySelector('.bar-fill');
    const link = el.querySelector('a[href]');
    return {
      id: Number(el.getAttribute('data-bar-id')),
      value: el.hasAttribute('data-value') ? el.getAttribute('data-value') : null,
      noData: el.hasAttribute('data-no-data'),
      text: clean(el),
      href: link && link.getAttribute('href'),
      fill: fill ? fill.getBoundingClientRect().width : null,
      shown: el.getClientRects().length > 0,
    };
  });
  const axis = chart.querySelector('.chart-axis');
  const ticks = axis ? [...axis.querySelectorAll('*')]
    .filter((el) => el.children.length === 0 && /\\d/.test(el.textContent)).map(clean) : [];
  const table = chart.querySelector('table');
  const rows = table ? [...table.rows].filter((row) => row.querySelector('td'))
    .map((row) => [...row.cells].map(clean)) : null;
  const select = document.querySelector('select[name=metric]');
  return {
    bars, axis: axis !== null, ticks, rows,
    select: select && { value: select.value, disabled: select.disabled, shown: select.getClientRects().length > 0,
      options: [...select.options].map((option) => option.value) },
    busy: document.querySelector('[aria-busy="true"]') !== null,
  };`;

/** The Cards | Chart switch: each link's href and aria-current. */
const READ_SWITCH = `
  const pick = (view) => {
    const a = document.querySelector('a[data-view=' + view + ']');
    return a && { href: a.getAttribute('href'), current: a.getAttribute('aria-current'),
      shown: a.getClientRects().length > 0 };
  };
  return { cards: pick('cards'), chart: pick('chart') };`;

function helpers(getApp) {
  const browser = () => getApp().browser;
  const readChart = () => browser().exec(READ_CHART);
  const readSwitch = () => browser().exec(READ_SWITCH);

  /** Waits until the chart shows exactly these bar ids, in order, and nothing is loading. */
  const waitForBars = async (ids, timeout = WAIT) => {
    await browser().waitFor(
      `const chart = (function () { ${READ_CHART} })();
       return chart !== null && !chart.busy
         && JSON.stringify(chart.bars.map((bar) => bar.id)) === JSON.stringify(arguments[0]);`,
      { timeout, args: [ids], message: `a [data-testid=chart] with the bars [data-bar-id] ${JSON.stringify(ids)}` },
    ).catch(async (error) => {
      const chart = await readChart().catch(() => null);
      error.message += ` (chart: ${chart ? `bars ${JSON.stringify(chart.bars.map((bar) => bar.id))}` : 'none'};`
        + ` cards: ${JSON.stringify(await getApp().shownCardIds())})`;
      throw error;
    });
    return readChart();
  };

  /** The address bar's query as an object (order of keys ignored). */
  const params = () => browser().exec('return Object.fromEntries(new URLSearchParams(location.search));');

  /** Waits until the address bar's query has exactly these parameters (any order). */
  const waitForParams = async (expected, timeout = WAIT) => {
    const want = JSON.stringify(Object.entries(expected).sort());
    await browser().waitFor(
      `return JSON.stringify([...new URLSearchParams(location.search)].sort()) === arguments[0];`,
      { timeout, args: [want], message: `the address bar's parameters to be ${want}` },
    ).catch(async (error) => {
      error.message += ` (address bar: ${await browser().url()})`;
      throw error;
    });
  };

  /** Waits until the stand-in has heard nothing for a while: the app asks nothing more
   *  (an absence, so watched for, see `quietPeriod`). */
  const quiet = () => getApp().quiet();

  /** Asserts that no request the stand-in received carries the app's own parameters. */
  const assertNoAppParams = () => {
    const leaked = getApp().standin.requests().map(urlOf).filter((url) => url.includes('view=') || url.includes('metric='));
    assert.deepEqual(leaked, [], 'view= and metric= never reach the API');
  };

  /**
   * What the chart of `appQuery` must show, from the stand-in's answer to the grid's request:
   * ids in API order, each with its name, raw value and text.
   */
  const expectedBars = (appQuery) => {
    const metric = metricOf(new URLSearchParams(appQuery));
    const answer = getApp().expectedList(apiQueryOf(appQuery));
    assert.equal(answer.status, 200, `stand-in sanity: it answers ${apiQueryOf(appQuery)}`);
    return {
      metric,
      bars: answer.json.results.map((craft) => {
        const value = rawValue(craft, metric);
        return { id: craft.id, name: displayName(craft), value, text: humanValue(value, metric) };
      }),
    };
  };

  /** Checks every bar, the axis and the table of the chart shown against `expected`. */
  const assertChart = (chart, expected, { detailPath }) => {
    const { metric, bars } = expected;
    assert.deepEqual(chart.bars.map((bar) => bar.id), bars.map((bar) => bar.id), 'the bars in the API\'s order');
    chart.bars.forEach((bar, i) => {
      const want = bars[i];
      const where = `bar ${bar.id} (${metric})`;
      assert.ok(bar.shown, `${where} is shown`);
      assert.equal(bar.href, detailPath(bar.id), `${where} links to its detail page`);
      assert.ok(bar.text.includes(want.name), `${where} names the spacecraft "${want.name}": ${JSON.stringify(bar.text)}`);
      if (want.value === null) {
        assert.ok(bar.noData, `${where} has data-no-data (its ${metric} is null)`);
        assert.match(bar.text, /no data/i, `${where} says "no data"`);
        assert.equal(bar.fill, null, `${where} has no .bar-fill`);
      } else {
        assert.ok(!bar.noData, `${where} has no data-no-data (its ${metric} is ${want.value})`);
        assert.equal(Number(bar.value), want.value, `${where} data-value is the raw ${metric}`);
        // The value beside the name (a name may hold digits of its own: "Soyuz MS-22").
        const rest = bar.text.replace(want.name, ' ');
        assert.match(rest, new RegExp(`(^|[^0-9A-Za-z])${escapeRegExp(want.text)}($|[^0-9A-Za-z])`),
          `${where} says ${JSON.stringify(want.text)}: ${JSON.stringify(bar.text)}`);
        assert.notEqual(bar.fill, null, `${where} has a .bar-fill`);
      }
    });
    // The scale: a larger value never has a shorter bar, and the largest has a visible one.
    const filled = chart.bars.filter((bar) => !bar.noData).map((bar) => ({ ...bar, value: Number(bar.value) }))
      .sort((a, b) => a.value - b.value);
    for (let i = 1; i < filled.length; i++) {
      const [smaller, larger] = [filled[i - 1], filled[i]];
      assert.ok(larger.fill >= smaller.fill - 1,
        `bar ${larger.id} (${larger.value}) is at least as long as bar ${smaller.id} (${smaller.value}): ${larger.fill} < ${smaller.fill} px`);
      if (larger.value === smaller.value) {
        assert.ok(Math.abs(larger.fill - smaller.fill) <= 1, `equal values ${larger.value}, equal bars (${larger.id}, ${smaller.id})`);
      }
    }
    const largest = filled.at(-1);
    if (largest && largest.value > 0) assert.ok(largest.fill > 10, `the largest value's bar (${largest.id}) is drawn`);
    // The axis.
    assert.ok(chart.axis, 'a .chart-axis inside the chart');
    if (largest && largest.value > 0) {
      assert.ok(chart.ticks.length >= 2, `the axis has tick labels: ${JSON.stringify(chart.ticks)}`);
    }
    // One accessible form: the list (each item its name and value, checked above); no table
    // repeating the numbers for screen readers.
    assert.equal(chart.rows, null, `no <table> inside the chart: ${JSON.stringify(chart.rows)}`);
  };

  return { readChart, readSwitch, waitForBars, params, waitForParams, quiet, assertNoAppParams, expectedBars, assertChart };
}


// ---------------------------------------------------------------------------------------------
// At the site root
// ---------------------------------------------------------------------------------------------

describe('the chart view', () => {
  let app;
  let browser;
  shareApp({ width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });
  const h = helpers(() => app);
  const detailPath = (id) => `/spacecraft/${id}`;

  // A first-time visitor on a page that is not the app; the stand-in's quota report pinned at a
  // comfortable 3 / 15 (it counts every request since it started).
  eachTestAFreshVisitor(() => app);

  /** Opens an app query and waits for the chart the stand-in's answer calls for. */
  const openChart = async (appQuery) => {
    await app.open(`/?${appQuery}`);
    const expected = h.expectedBars(appQuery);
    const chart = await h.waitForBars(expected.bars.map((bar) => bar.id));
    return { chart, expected };
  };

  for (const ordering of NUMERIC_ORDERINGS) {
    test(`ordering=${ordering}: the bars are the grid's page in the API's order, charting ${ordering.replace(/^-/, '')}`, async () => {
      // 20 a page: enough for some values among the nulls the API puts first when descending.
      const { chart, expected } = await openChart(`view=chart&ordering=${ordering}&limit=20`);
      assert.equal(expected.metric, ordering.replace(/^-/, ''));
      h.assertChart(chart, expected, { detailPath });
      assert.ok(chart.select === null || chart.select.disabled || !chart.select.shown,
        `the ordering picks the metric: select[name=metric] is not shown or disabled (${JSON.stringify(chart.select)})`);
      // The same API request as the grid's, and only that one.
      await h.quiet();
      assert.deepEqual(app.listRequests().map((request) => request.query), [`ordering=${ordering}&limit=20`],
        'one list request, the grid\'s own');
      h.assertNoAppParams();
      assert.equal((await h.readSwitch()).chart?.current, 'true', 'the Chart link a[data-view=chart] is current');
    });
  }

  test('nulls are bars without length that say "no data" (longest in space: unknown first, as the API orders)', async () => {
    const query = 'view=chart&ordering=-time_in_space';
    const expected = h.expectedBars(query);
    const nulls = expected.bars.filter((bar) => bar.value === null).map((bar) => bar.id);
    assert.ok(nulls.length >= 2, `stand-in sanity: spacecraft without time in space on this page: ${JSON.stringify(nulls)}`);
    const { chart } = await openChart(query);
    assert.deepEqual(chart.bars.filter((bar) => bar.noData).map((bar) => bar.id), nulls, 'exactly the nulls say "no data"');
    for (const bar of chart.bars.filter((b) => b.noData)) {
      assert.match(bar.text, /no data/i);
      assert.equal(bar.fill, null, `bar ${bar.id} has no .bar-fill`);
    }
    // A count metric too: flights_count null only for the all-null record, first when descending.
    const flights = h.expectedBars('view=chart&ordering=-flights_count');
    assert.equal(flights.bars[0].value, null, 'stand-in sanity: a null flights_count first');
    const { chart: byFlights } = await openChart('view=chart&ordering=-flights_count');
    assert.equal(byFlights.bars[0].noData, true, `bar ${byFlights.bars[0].id} (flights_count null) has data-no-data`);
    assert.match(byFlights.bars[0].text, /no data/i);
  });

  test('without a numeric ordering, select[name=metric] picks the metric, kept in the URL as metric=', async () => {
    // No ordering: the default metric, flights.
    let { chart, expected } = await openChart('view=chart');
    assert.equal(expected.metric, 'flights_count');
    h.assertChart(chart, expected, { detailPath });
    assert.ok(chart.select && chart.select.shown && !chart.select.disabled,
      `a visible, enabled select[name=metric]: ${JSON.stringify(chart.select)}`);
    assert.equal(chart.select.value, 'flights_count', 'the default metric');
    for (const metric of Object.keys(METRICS)) {
      assert.ok(chart.select.options.includes(metric), `an option ${metric}: ${JSON.stringify(chart.select.options)}`);
    }
    await h.quiet();
    const before = app.listRequests().length;

    await choose(browser, 'select[name=metric]', 'time_docked');
    await h.waitForParams({ view: 'chart', metric: 'time_docked' });
    expected = h.expectedBars('view=chart&metric=time_docked');
    await browser.waitFor(
      `const bars = [...document.querySelectorAll('[data-testid=chart] [data-bar-id]')];
       return JSON.stringify(bars.map((el) => el.hasAttribute('data-no-data') ? null : Number(el.getAttribute('data-value'))))
         === JSON.stringify(arguments[0]);`,
      { timeout: WAIT, args: [expected.bars.map((bar) => bar.value)], message: 'the bars\' data-value to be the time docked' },
    );
    h.assertChart(await h.readChart(), expected, { detailPath });
    assert.equal((await h.readChart()).select.value, 'time_docked');
    await h.quiet();
    assert.equal(app.listRequests().length, before, 'another metric of the same page asks the API nothing');

    // ordering=id does not pick a metric either; a shared link's metric= is honoured.
    ({ chart, expected } = await openChart('view=chart&ordering=id&metric=mission_ends_count'));
    assert.equal(expected.metric, 'mission_ends_count');
    h.assertChart(chart, expected, { detailPath });
    assert.equal(chart.select?.value, 'mission_ends_count');
    assert.ok(chart.select.shown && !chart.select.disabled, 'the select is usable with ordering=id');
    await choose(browser, 'select[name=metric]', 'time_in_space');
    await h.waitForParams({ view: 'chart', ordering: 'id', metric: 'time_in_space' });
    expected = h.expectedBars('view=chart&ordering=id&metric=time_in_space');
    await browser.waitFor(
      `return JSON.stringify([...document.querySelectorAll('[data-testid=chart] [data-bar-id]')]
         .map((el) => el.hasAttribute('data-no-data') ? null : Number(el.getAttribute('data-value')))) === JSON.stringify(arguments[0]);`,
      { timeout: WAIT, args: [expected.bars.map((bar) => bar.value)], message: 'the bars\' data-value to be the time in space' },
    );
    h.assertChart(await h.readChart(), expected, { detailPath });
    h.assertNoAppParams();
  });

  test('a numeric ordering wins over metric=: the bars chart what the list is ordered by', async () => {
    const { chart, expected } = await openChart('view=chart&ordering=time_docked&metric=flights_count');
    assert.equal(expected.metric, 'time_docked');
    assert.ok(expected.bars.filter((bar) => bar.value !== null).length >= 5, 'stand-in sanity: values to chart');
    h.assertChart(chart, expected, { detailPath });
    assert.ok(chart.select === null || chart.select.disabled || !chart.select.shown, 'no metric to choose');
    h.assertNoAppParams();
  });

  test('view= and metric= never reach the API: first load, paging, another ordering, cards and back', async () => {
    const first = 'view=chart&metric=time_in_space&search=dragon';
    await openChart(first);
    // Next keeps the chart.
    await clickOn(browser, 'nav.pager a[rel=next]');
    await h.waitForParams({ view: 'chart', metric: 'time_in_space', search: 'dragon', offset: '10' });
    let expected = h.expectedBars('view=chart&metric=time_in_space&search=dragon&offset=10');
    h.assertChart(await h.waitForBars(expected.bars.map((bar) => bar.id)), expected, { detailPath });
    // Another ordering from the form: the chart follows it (and its metric).
    await choose(browser, 'select[name=ordering]', '-time_docked');
    await browser.waitFor(`return new URLSearchParams(location.search).get('ordering') === '-time_docked';`,
      { timeout: WAIT, message: 'ordering=-time_docked in the address bar' });
    const now = new URLSearchParams(await h.params());
    assert.equal(now.get('view'), 'chart', 'still the chart');
    expected = h.expectedBars(now.toString());
    assert.equal(expected.metric, 'time_docked');
    h.assertChart(await h.waitForBars(expected.bars.map((bar) => bar.id)), expected, { detailPath });
    // To the cards and back.
    await clickOn(browser, 'a[data-view=cards]');
    await browser.waitFor(`return !new URLSearchParams(location.search).has('view');`, { timeout: WAIT, message: 'no view= (cards)' });
    await app.waitForCards(app.expectedIds(apiQueryOf(now.toString())));
    await clickOn(browser, 'a[data-view=chart]');
    await browser.waitFor(`return new URLSearchParams(location.search).get('view') === 'chart';`, { timeout: WAIT, message: 'view=chart' });
    await h.waitForBars(expected.bars.map((bar) => bar.id));
    await h.quiet();
    h.assertNoAppParams();
    const queries = app.listRequests().map((request) => request.query);
    assert.ok(queries.includes('search=dragon') && queries.includes('search=dragon&offset=10'),
      `the grid's own list requests: ${JSON.stringify(queries)}`);
  });

  test('Cards | Chart keeps filters, search, ordering and paging, costs no request, and Back/Forward step between them', async () => {
    const cardsQuery = 'search=dragon&status=1&ordering=-time_in_space&limit=5&offset=5';
    const cardsParams = Object.fromEntries(new URLSearchParams(cardsQuery));
    // A missing view means cards.
    await app.open(`/?${cardsQuery}`);
    await app.waitForCards(app.expectedIds(cardsQuery));
    assert.equal(await browser.exec(`return document.querySelector('[data-testid=chart]');`), null, 'no chart without view=chart');
    let links = await h.readSwitch();
    assert.ok(links.cards && links.chart, `a[data-view=cards] and a[data-view=chart]: ${JSON.stringify(links)}`);
    assert.ok(links.cards.shown && links.chart.shown, 'both links are shown');
    assert.equal(links.cards.current, 'true', 'Cards is current');
    assert.notEqual(links.chart.current, 'true', 'Chart is not current');
    await h.quiet();
    const mark = app.standin.requests().length;

    await clickOn(browser, 'a[data-view=chart]');
    await h.waitForParams({ ...cardsParams, view: 'chart' });
    const expected = h.expectedBars(`${cardsQuery}&view=chart`);
    assert.deepEqual(expected.bars.map((bar) => bar.id), app.expectedIds(cardsQuery), 'stand-in sanity: the same page');
    h.assertChart(await h.waitForBars(expected.bars.map((bar) => bar.id)), expected, { detailPath });
    links = await h.readSwitch();
    assert.equal(links.chart.current, 'true', 'Chart is current');
    assert.notEqual(links.cards.current, 'true', 'Cards is not current');

    await clickOn(browser, 'a[data-view=cards]');
    await h.waitForParams(cardsParams);
    await app.waitForCards(app.expectedIds(cardsQuery));
    assert.equal((await h.readSwitch()).cards.current, 'true');

    await browser.back();
    await h.waitForParams({ ...cardsParams, view: 'chart' });
    await h.waitForBars(expected.bars.map((bar) => bar.id));
    await browser.back();
    await h.waitForParams(cardsParams);
    await app.waitForCards(app.expectedIds(cardsQuery));
    await browser.forward();
    await h.waitForParams({ ...cardsParams, view: 'chart' });
    await h.waitForBars(expected.bars.map((bar) => bar.id));
    assert.equal((await h.readSwitch()).chart.current, 'true', 'Chart is current again after Forward');

    await h.quiet();
    assert.deepEqual(spending(app.standin.requests().slice(mark)).map(urlOf), [],
      'switching between cards and chart on a loaded page costs no API request');
    h.assertNoAppParams();
  });

  for (const scheme of ['light', 'dark']) {
    test(`the chart has no serious or critical axe violations (${scheme})`, async () => {
      await browser.colorScheme(scheme);
      try {
        await openChart('view=chart&ordering=-time_in_space');
        assert.deepEqual(await seriousViolations(browser), []);
        await openChart('view=chart&limit=20');
        assert.deepEqual(await seriousViolations(browser), []);
      } finally {
        await browser.colorScheme('light');
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Under a sub-path
// ---------------------------------------------------------------------------------------------

describe('the chart view under /explorer/', () => {
  let app;
  let browser;
  shareApp({ prefix: '/explorer/', dist: SUB_DIST, width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });
  const h = helpers(() => app);

  eachTestAFreshVisitor(() => app);

  test('/explorer/?view=chart draws the chart, its bars open /explorer/spacecraft/<id>, the switch stays under /explorer/', async () => {
    await app.open('/?view=chart');
    assert.equal(new URL(await browser.url()).pathname, '/explorer/', 'served under /explorer/');
    const expected = h.expectedBars('view=chart');
    const chart = await h.waitForBars(expected.bars.map((bar) => bar.id));
    h.assertChart(chart, expected, { detailPath: (id) => `/explorer/spacecraft/${id}` });
    const links = await h.readSwitch();
    for (const [view, link] of Object.entries(links)) {
      assert.ok(link, `a[data-view=${view}]`);
      assert.ok(link.href.startsWith('/explorer/'), `the ${view} link stays under /explorer/: ${link.href}`);
    }
    await h.quiet();
    h.assertNoAppParams();

    await clickOn(browser, 'a[data-view=cards]');
    await browser.waitFor(`return location.pathname === '/explorer/' && !new URLSearchParams(location.search).has('view');`,
      { timeout: WAIT, message: 'the cards under /explorer/' });
    await app.waitForCards(app.expectedIds(''));
    await browser.back();
    await h.waitForBars(expected.bars.map((bar) => bar.id));

    const [first] = expected.bars;
    await clickOn(browser, `[data-testid=chart] [data-bar-id="${first.id}"] a[href]`);
    await browser.waitFor(`return location.pathname === arguments[0];`,
      { timeout: WAIT, args: [`/explorer/spacecraft/${first.id}`], message: `the detail page of ${first.id}` });
    await browser.waitFor(`return document.querySelector('[data-testid=detail] h1') !== null;`,
      { timeout: WAIT, message: 'the detail page' });
  });
});
