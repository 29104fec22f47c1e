// The card grid as a user meets it: shared links, the search box, every filter, clearing,
// empty results, counts, non-Latin and special-character searches, images and small screens.
// Every view is checked three ways: what the address bar says, what the form shows, and what
// the API (the local LL2 stand-in) was asked — against the stand-in's own answer for the cards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, choose, clickOn, shareApp, typeInto } from './support/harness.mjs';

let app;
let browser;

shareApp({ width: 1280, height: 900 }, (opened) => {
  app = opened;
  browser = opened.browser;
});

/** Canonical query → the params object the API request must carry. */
const paramsOf = (query) => Object.fromEntries(new URLSearchParams(query));

/** Every list request since the last reset asked for exactly `query` (and there was one). */
function assertListRequestsWere(query) {
  const requests = app.listRequests();
  assert.ok(requests.length >= 1, `expected an API list request for "${query}", got none`);
  for (const request of requests) {
    assert.equal(request.query, query, `the API request carried "${request.query}"`);
    assert.deepEqual(request.params, paramsOf(query));
  }
}

/** Opens `startPath`, then picks `value` in `select` and checks the resulting view. */
async function chooseAndCheck({ startPath, select, value, expected, name }) {
  await app.open(startPath);
  app.standin.reset();
  const historyBefore = await app.historyLength();
  await choose(browser, select, value);
  await app.waitForSearch(expected);
  await app.waitForCards(app.expectedIds(expected));
  assertListRequestsWere(expected);
  const form = await app.formValues();
  assert.equal(form[name], value, `the ${name} control shows the choice`);
  assert.equal(await app.historyLength(), historyBefore + 1, 'a filter change is one history entry');
  return form;
}

function cardStats(id) {
  return browser.exec(
    `const card = document.querySelector('[data-spacecraft-id="' + arguments[0] + '"]');
     if (!card) return null;
     const out = {};
     for (const stat of card.querySelectorAll('.stats .stat')) {
       out[stat.querySelector('dt').textContent.trim().toLowerCase()] = stat.querySelector('dd').textContent.trim();
     }
     return out;`,
    id,
  );
}

const text = (css) => browser.exec(
  `const el = document.querySelector(arguments[0]); return el ? el.textContent.replace(/\\s+/g, ' ').trim() : null;`,
  css,
);

const DEFAULT_FORM = {
  search: '', ordering: '', status: '', spacecraft_config: '', in_space: '', is_placeholder: '',
  limit: '10', mode: 'normal',
};

test('opening a shared link shows the same view', async () => {
  await app.open('/?search=shuttle&ordering=-flights_count');
  assert.equal(await app.search(), 'search=shuttle&ordering=-flights_count', 'the link stays as shared');
  const expected = app.expectedIds('search=shuttle&ordering=-flights_count');
  assert.deepEqual(expected, [3, 4, 1, 5, 2], 'stand-in sanity: the shuttles by most flights');
  await app.waitForCards(expected);
  assert.deepEqual(await app.formValues(), { ...DEFAULT_FORM, search: 'shuttle', ordering: '-flights_count' });
  assertListRequestsWere('search=shuttle&ordering=-flights_count');
  assert.equal(await text('[data-testid=result-count]'), '1–5 of 5 spacecraft');
  const links = await browser.exec(
    `return [...document.querySelectorAll('article[data-spacecraft-id]')].map((card) => {
       const link = card.querySelector('h2 a');
       return { id: card.dataset.spacecraftId, href: link && link.getAttribute('href'), name: link && link.textContent.trim(),
                alt: card.querySelector('img') && card.querySelector('img').getAttribute('alt') };
     });`,
  );
  assert.deepEqual(links.map((link) => link.href), expected.map((id) => `/spacecraft/${id}`));
  assert.deepEqual(links.map((link) => link.name), ['Discovery', 'Atlantis', 'Columbia', 'Endeavour', 'Challenger']);
  assert.deepEqual(links.map((link) => link.alt), links.map((link) => link.name), 'each image is described by its name');
  assert.match(await browser.title(), /shuttle/);
});

test('cards show durations and counts written for people', async () => {
  await app.open('/?search=shuttle&ordering=-flights_count');
  const discovery = await cardStats(3);
  assert.equal(discovery.flights, '39');
  assert.equal(discovery['time in space'], '364d 22h 39m');
  assert.equal(discovery['time docked'], '83d 2h 15m');
  const columbia = await cardStats(1);
  assert.equal(columbia['time docked'], '—', 'a null duration is a dash');
  const raw = await browser.exec(
    `return [...document.querySelectorAll('.stats dd')].map((dd) => dd.textContent.trim()).filter((t) => /^P(T?\\d)/.test(t));`,
  );
  assert.deepEqual(raw, [], 'no raw ISO 8601 durations on the page');
});

test('a spacecraft with missing data shows dashes, never "null" or blanks', async () => {
  await app.open('/?search=Nullable');
  await app.waitForCards([900]);
  const stats = await cardStats(900);
  for (const label of ['flights', 'mission ends', 'time in space', 'time docked']) {
    assert.equal(stats[label], '—', `${label} of 900`);
  }
  const cardText = await text('[data-spacecraft-id="900"]');
  assert.doesNotMatch(cardText, /\b(null|undefined|NaN)\b/);
});

test('typing a search shows matching spacecraft without a history entry per keystroke', async () => {
  await app.open('/');
  app.standin.reset();
  const historyBefore = await app.historyLength();
  await typeInto(browser, 'input[name=search]', 'prog');
  await app.waitForSearch('search=prog');
  await app.waitForCards(app.expectedIds('search=prog'));
  assert.equal((await app.formValues()).search, 'prog');
  const grew = (await app.historyLength()) - historyBefore;
  assert.ok(grew <= 1, `history grew by ${grew} for one burst of typing`);
  const requests = app.listRequests();
  assert.ok(requests.length >= 1 && requests.length <= 2, `${requests.length} list requests for one burst of typing`);
  assert.deepEqual(requests.at(-1).params, { search: 'prog' });
  assert.equal(await text('[data-testid=result-count]'), `1–10 of ${app.expectedList('search=prog').json.count} spacecraft`);

  // Back returns to the view before the search, and the box follows.
  await browser.back();
  await app.waitForSearch('');
  await app.waitForCards(app.expectedIds(''));
  assert.equal((await app.formValues()).search, '', 'the search box follows Back');
});

test('typing a search keeps the other filters and returns to the first page', async () => {
  await app.open('/?status=1&ordering=id&offset=10');
  await typeInto(browser, 'input[name=search]', 'dragon');
  await app.waitForSearch('search=dragon&status=1&ordering=id');
  await app.waitForCards(app.expectedIds('search=dragon&status=1&ordering=id'));
  const form = await app.formValues();
  assert.equal(form.status, '1');
  assert.equal(form.ordering, 'id');
});

test('deleting the whole search shows every spacecraft again', async () => {
  await app.open('/?search=x&ordering=id');
  await clickOn(browser, 'input[name=search]');
  await browser.keys('\uE003');
  await app.waitForSearch('ordering=id');
  await app.waitForCards(app.expectedIds('ordering=id'));
  assert.equal((await app.formValues()).search, '');
});

test('the / key jumps to the search box', async () => {
  await app.open('/?search=shuttle');
  await browser.exec(`document.activeElement && document.activeElement.blur();`);
  await browser.keys('/');
  await browser.waitFor(`return document.activeElement && document.activeElement.name === 'search';`,
    { message: 'the search box to have focus' });
  assert.equal((await app.formValues()).search, 'shuttle', 'the slash is not typed into the box');
});

test('Enter searches at once without reloading the page, Escape clears the search', async () => {
  await app.open('/?ordering=id');
  await browser.exec('window.__sameDocument = true;');
  await typeInto(browser, 'input[name=search]', 'dragon');
  await browser.keys(KEY.ENTER);
  await app.waitForSearch('search=dragon&ordering=id');
  await app.waitForCards(app.expectedIds('search=dragon&ordering=id'));
  assert.equal(await browser.exec('return window.__sameDocument === true;'), true, 'Enter must not submit the form');
  assert.deepEqual(app.listRequests().at(-1).params, { search: 'dragon', ordering: 'id' });

  await browser.keys(KEY.ESCAPE);
  await app.waitForSearch('ordering=id');
  await app.waitForCards(app.expectedIds('ordering=id'));
  assert.equal((await app.formValues()).search, '', 'Escape empties the box');
  assert.equal(await browser.exec('return window.__sameDocument === true;'), true);
});

test('choosing a sort order reorders the cards from the first page, and Back undoes it', async () => {
  await chooseAndCheck({
    startPath: '/?offset=10', select: 'select[name=ordering]', value: '-flights_count',
    expected: 'ordering=-flights_count', name: 'ordering',
  });
  await browser.back();
  await app.waitForSearch('offset=10');
  await app.waitForCards(app.expectedIds('offset=10'));
  assert.equal((await app.formValues()).ordering, '', 'the form follows Back');

  await app.open('/?ordering=time_in_space');
  await choose(browser, 'select[name=ordering]', '');
  await app.waitForSearch('');
  await app.waitForCards(app.expectedIds(''));
});

test('filtering by status offers the API\'s statuses and returns to the first page', async () => {
  await app.open('/?search=dragon&offset=10');
  await browser.waitFor(
    `return document.querySelectorAll('select[name=status] option').length >= 6;`,
    { message: 'the status options from the API' },
  );
  const options = await browser.exec(
    `return [...document.querySelectorAll('select[name=status] option')].map((o) => [o.value, o.textContent.trim()]);`,
  );
  assert.deepEqual(options.filter(([value]) => value !== ''),
    [['1', 'Active'], ['2', 'Retired'], ['3', 'Destroyed'], ['4', 'Single Use'], ['5', 'Unknown']]);
  const form = await chooseAndCheck({
    startPath: '/?search=dragon&offset=10', select: 'select[name=status]', value: '2',
    expected: 'search=dragon&status=2', name: 'status',
  });
  assert.equal(form.search, 'dragon', 'the search is kept');
});

test('picking a configuration after narrowing the list by typing', async () => {
  await app.open('/?offset=10');
  app.standin.reset();
  const configRequests = () => app.standin.requests().filter((r) => r.path.includes('spacecraft_configurations'));
  assert.equal(configRequests().length, 0, 'configurations load only when the user reaches for them');

  await typeInto(browser, '[data-testid=config-filter]', 'shuttle');
  await browser.waitFor(
    `const values = [...document.querySelectorAll('select[name=spacecraft_config] option')].map((o) => o.value);
     return values.length === 2 && values[1] === '1';`,
    { message: 'the configuration list narrowed to Space Shuttle' },
  );
  const offsets = configRequests().map((r) => Number(r.params.offset ?? 0)).sort((a, b) => a - b);
  assert.deepEqual(offsets, [0, 100], 'both pages of configurations were loaded');
  assert.match(await text('select[name=spacecraft_config] option[value="1"]'), /Space Shuttle/);
  assert.deepEqual(app.listRequests(), [], 'filtering the list alone does not search');

  app.standin.reset();
  const historyBefore = await app.historyLength();
  await choose(browser, 'select[name=spacecraft_config]', '1');
  await app.waitForSearch('spacecraft_config=1');
  await app.waitForCards(app.expectedIds('spacecraft_config=1'));
  assertListRequestsWere('spacecraft_config=1');
  assert.equal((await app.formValues()).spacecraft_config, '1');
  assert.equal(await app.historyLength(), historyBefore + 1);

  // Every configuration (both API pages) is offered once the filter text is gone.
  await browser.exec(
    `const input = document.querySelector('[data-testid=config-filter]');
     input.value = '';
     input.dispatchEvent(new Event('input', { bubbles: true }));`,
  );
  await browser.waitFor(
    `return document.querySelectorAll('select[name=spacecraft_config] option[value]:not([value=""])').length === 130;`,
    { message: 'all 130 configurations in the list' },
  );
});

test('a shared link naming a configuration shows it selected', async () => {
  await app.open('/?spacecraft_config=3');
  await app.waitForCards(app.expectedIds('spacecraft_config=3'));
  await browser.waitFor(
    `const select = document.querySelector('select[name=spacecraft_config]');
     return select.value === '3' && /Dragon 2/.test(select.selectedOptions[0].textContent);`,
    { message: 'Dragon 2 selected in the configuration control' },
  );
});

test('the in-space filter narrows to spacecraft in space and back', async () => {
  await chooseAndCheck({
    startPath: '/?offset=10', select: 'select[name=in_space]', value: 'true',
    expected: 'in_space=true', name: 'in_space',
  });
  assert.deepEqual((await app.shownCardIds()).sort((a, b) => a - b), [402, 404, 407, 424, 432, 451, 491, 903]);
  await chooseAndCheck({
    startPath: '/?in_space=true&ordering=id', select: 'select[name=in_space]', value: 'false',
    expected: 'in_space=false&ordering=id', name: 'in_space',
  });
});

test('the placeholder filter shows only placeholders', async () => {
  await chooseAndCheck({
    startPath: '/?offset=10', select: 'select[name=is_placeholder]', value: 'true',
    expected: 'is_placeholder=true', name: 'is_placeholder',
  });
  assert.deepEqual((await app.shownCardIds()).sort((a, b) => a - b), [441, 495, 498, 900]);
  await chooseAndCheck({
    startPath: '/?is_placeholder=true', select: 'select[name=is_placeholder]', value: '',
    expected: '', name: 'is_placeholder',
  });
});

test('choosing a page size shows that many cards and 10 is the default left out of the URL', async () => {
  await chooseAndCheck({
    startPath: '/?offset=10', select: 'select[name=limit]', value: '20',
    expected: 'limit=20', name: 'limit',
  });
  assert.equal((await app.shownCardIds()).length, 20);
  assert.equal(await text('[data-testid=result-count]'), '1–20 of 66 spacecraft');
  await chooseAndCheck({
    startPath: '/?limit=50&offset=50', select: 'select[name=limit]', value: '10',
    expected: '', name: 'limit',
  });
  assert.equal((await app.shownCardIds()).length, 10);
});

test('detailed mode shows more on each card', async () => {
  await chooseAndCheck({
    startPath: '/?search=dragon&offset=10', select: 'select[name=mode]', value: 'detailed',
    expected: 'search=dragon&mode=detailed', name: 'mode',
  });
  const detailed = await browser.exec(
    `return [...document.querySelectorAll('article[data-spacecraft-id]')].map((card) => ({
       id: card.dataset.spacecraftId,
       extras: card.querySelectorAll('.stats-detailed .stat').length,
       text: (card.querySelector('.stats-detailed') || { textContent: '' }).textContent }));`,
  );
  assert.ok(detailed.length > 0);
  for (const card of detailed) {
    assert.ok(card.extras > 0, `card ${card.id} has detailed stats`);
  }
  assert.ok(detailed.some((card) => /Latest flight/i.test(card.text)), 'the latest flight is shown');
  await choose(browser, 'select[name=mode]', 'normal');
  await app.waitForSearch('search=dragon');
  await app.settled();
  assert.equal(await browser.exec(`return document.querySelectorAll('.stats-detailed').length;`), 0);
});

test('clear all returns to the unfiltered grid, clear filters keeps sorting and page size', async () => {
  await app.open('/');
  assert.equal(await browser.exec(`return document.querySelector('[data-testid=clear-all]') === null;`), true,
    'nothing to clear on the plain grid');

  await app.open('/?search=dragon&status=1&in_space=false&ordering=id&mode=detailed&limit=20');
  await clickOn(browser, '[data-testid=clear-filters]');
  await app.waitForSearch('ordering=id&mode=detailed&limit=20');
  await app.waitForCards(app.expectedIds('ordering=id&mode=detailed&limit=20'));
  assert.deepEqual(await app.formValues(), { ...DEFAULT_FORM, ordering: 'id', mode: 'detailed', limit: '20' });

  await app.forgetStorage(); // the plain grid was seen above: make sure it is asked for again
  await app.open('/?search=dragon&status=1&is_placeholder=false&ordering=id&mode=detailed&limit=20&offset=20');
  app.standin.reset();
  await clickOn(browser, '[data-testid=clear-all]');
  await app.waitForSearch('');
  assert.equal(new URL(await browser.url()).pathname, '/');
  await app.waitForCards(app.expectedIds(''));
  assert.deepEqual(await app.formValues(), DEFAULT_FORM);
  assertListRequestsWere('');
  await browser.waitFor(`return document.querySelector('[data-testid=clear-all]') === null;`,
    { message: 'clear all to disappear' });
});

test('a search with no results says so and offers to clear the filters', async () => {
  await app.open('/?search=zzzz&ordering=id');
  await browser.waitFor(`return document.querySelector('[data-testid=empty]') !== null;`,
    { message: 'the empty-results notice' });
  assert.deepEqual(await app.shownCardIds(), []);
  assert.equal(await text('[data-testid=result-count]'), '0 of 0 spacecraft');
  assert.equal(await browser.exec(`return document.querySelector('nav.pager') === null;`), true, 'no pager');
  await clickOn(browser, '[data-testid=empty-clear]');
  await app.waitForSearch('ordering=id');
  await app.waitForCards(app.expectedIds('ordering=id'));
  assert.equal((await app.formValues()).search, '');
});

test('a page past the end of the results offers the first page', async () => {
  await app.open('/?search=dragon&offset=500');
  await browser.waitFor(`return document.querySelector('[data-testid=empty]') !== null;`,
    { message: 'the empty-results notice' });
  assert.equal(await text('[data-testid=result-count]'), `0 of ${app.expectedList('search=dragon').json.count} spacecraft`);
  await clickOn(browser, '[data-testid=empty] a');
  await app.waitForSearch('search=dragon');
  await app.waitForCards(app.expectedIds('search=dragon'));
});

test('the result count says which spacecraft are shown', async () => {
  for (const [path, expected] of [
    ['/', '1–10 of 66 spacecraft'],
    ['/?offset=60', '61–66 of 66 spacecraft'],
    ['/?limit=20&offset=20', '21–40 of 66 spacecraft'],
    ['/?search=shuttle', '1–5 of 5 spacecraft'],
  ]) {
    await app.open(path);
    assert.equal(await text('[data-testid=result-count]'), expected, path);
  }
});

test('a search in Chinese finds 神舟十二号 and survives a reload', async () => {
  await app.open('/');
  app.standin.reset();
  await typeInto(browser, 'input[name=search]', '神舟');
  await browser.keys(KEY.ENTER);
  await app.waitForSearch('search=%E7%A5%9E%E8%88%9F');
  await app.waitForCards([905]);
  assert.deepEqual(app.listRequests().at(-1).params, { search: '神舟' });
  assert.match(await text('[data-spacecraft-id="905"] h2'), /神舟十二号/);
  await browser.refresh();
  await app.settled();
  await app.waitForCards([905]);
  assert.equal((await app.formValues()).search, '神舟');
});

test('a search with spaces, %, & survives exactly in the URL, the API request and a reload', async () => {
  await app.open('/');
  app.standin.reset();
  await typeInto(browser, 'input[name=search]', 'a b%25&c');
  await browser.keys(KEY.ENTER);
  await app.waitForSearch('search=a+b%2525%26c');
  await app.waitForCards([907]);
  const requests = app.listRequests();
  assert.ok(requests.length >= 1);
  for (const request of requests) assert.deepEqual(request.params, { search: 'a b%25&c' });

  app.standin.reset();
  await browser.refresh();
  await app.settled();
  await app.waitForCards([907]);
  assert.equal((await app.formValues()).search, 'a b%25&c', 'the box shows the search as typed');
  assert.equal(await app.search(), 'search=a+b%2525%26c');
  for (const request of app.listRequests()) assert.deepEqual(request.params, { search: 'a b%25&c' });
});

test('an exact-name link with + and # finds the spacecraft with that name', async () => {
  const query = 'name=Test+a+b%2525%26c%2B%23+craft';
  await app.open(`/?${query}`);
  await app.waitForCards([907]);
  assert.equal(await app.search(), query, 'the link is already canonical');
  assertListRequestsWere(query);
  assert.equal(app.listRequests()[0].params.name, 'Test a b%25&c+# craft');
  assert.match(await text('[data-spacecraft-id="907"] h2'), /^Test a b%25&c\+# craft$/);
});

test('a missing image falls back to the placeholder, never a broken image', async () => {
  await app.open('/?search=Missing+Image');
  await app.waitForCards([902]);
  await browser.waitFor(
    `const img = document.querySelector('[data-spacecraft-id="902"] img');
     return img && img.src.endsWith('/public/placeholder.svg') && img.complete && img.naturalWidth > 0;`,
    { message: 'the placeholder image loaded for 902' },
  );
  assert.equal(
    await browser.exec(`return document.querySelector('[data-spacecraft-id="902"] img').getAttribute('alt');`),
    'Missing Image Test Craft',
  );
});

test('javascript: image URLs from the API are never used', async () => {
  await app.open('/?search=Javascript+Image');
  await app.waitForCards([908]);
  await browser.waitFor(
    `const img = document.querySelector('[data-spacecraft-id="908"] img');
     return img && img.complete && img.naturalWidth > 0;`,
    { message: 'an image (the placeholder) loaded for 908' },
  );
  const unsafe = await browser.exec(
    `return [...document.querySelectorAll('[src], [href], [srcset]')]
       .flatMap((el) => ['src', 'href', 'srcset'].map((name) => el.getAttribute(name)))
       .filter((value) => value && /^\\s*javascript:/i.test(value));`,
  );
  assert.deepEqual(unsafe, []);
  await assert.rejects(browser.cmd('GET', '/alert/text'), /no such alert/, 'no alert was opened');
});

test('the first page of the grid has no broken images', async () => {
  await app.open('/');
  await browser.waitFor(
    `const imgs = [...document.querySelectorAll('article[data-spacecraft-id] img')];
     return imgs.length === 10 && imgs.filter((img) => img.getBoundingClientRect().top < innerHeight)
       .every((img) => img.complete && img.naturalWidth > 0);`,
    { message: 'every visible card image loaded' },
  );
  const srcs = await browser.exec(`return [...document.querySelectorAll('article img')].map((img) => img.getAttribute('src'));`);
  for (const src of srcs) assert.ok(src && src.length > 0, 'every card image has a source');
});

test('a 130-character name does not make a phone screen scroll sideways', async () => {
  await browser.phone(375, 812);
  try {
    const width = await browser.exec('return innerWidth;');
    assert.equal(width, 375, 'the viewport is phone-sized');
    const overflow = () => browser.exec(
      `return { scroll: document.scrollingElement.scrollWidth, client: document.documentElement.clientWidth, inner: innerWidth };`,
    );
    await app.open('/?search=VeryLongSpacecraftName');
    await app.waitForCards([903]);
    let seen = await overflow();
    assert.ok(seen.scroll <= seen.inner && seen.scroll <= seen.client, `the grid scrolls sideways: ${JSON.stringify(seen)}`);
    const card = await browser.exec(
      `const r = document.querySelector('[data-spacecraft-id="903"]').getBoundingClientRect();
       return { left: r.left, right: r.right, inner: innerWidth };`,
    );
    assert.ok(card.left >= 0 && card.right <= card.inner, `the card fits the screen: ${JSON.stringify(card)}`);

    await clickOn(browser, '[data-spacecraft-id="903"] h2 a');
    await browser.waitFor(`return document.querySelector('[data-testid=detail] h1') !== null;`,
      { message: 'the detail page of 903' });
    await app.settled();
    seen = await overflow();
    assert.ok(seen.scroll <= seen.inner && seen.scroll <= seen.client, `the detail page scrolls sideways: ${JSON.stringify(seen)}`);
  } finally {
    await browser.desktop(1280, 900);
  }
});

test('on a phone the filters fold behind a button that opens them', async () => {
  await browser.phone(375, 812);
  try {
    await app.open('/?status=2&in_space=false');
    const visible = (css) => browser.exec(
      `const el = document.querySelector(arguments[0]);
       if (!el) return false;
       const r = el.getBoundingClientRect();
       return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';`,
      css,
    );
    assert.equal(await visible('input[name=search]'), true, 'the search box is always there');
    assert.equal(await visible('select[name=status]'), false, 'the fields are folded away');
    const toggle = await browser.exec(
      `const b = document.querySelector('form[role=search] button[aria-expanded]');
       return b && { text: b.textContent.trim(), expanded: b.getAttribute('aria-expanded') };`,
    );
    assert.deepEqual(toggle, { text: 'Filters (2)', expanded: 'false' }, 'the button counts the active filters');
    await clickOn(browser, 'form[role=search] button[aria-expanded]');
    await browser.waitFor(
      `return document.querySelector('form[role=search] button[aria-expanded]').getAttribute('aria-expanded') === 'true';`,
      { message: 'the filters to open' },
    );
    assert.equal(await visible('select[name=status]'), true, 'the fields are shown');
    assert.equal((await app.formValues()).status, '2');
  } finally {
    await browser.desktop(1280, 900);
  }
});

test('no panics in the browser console', async () => {
  const errors = await app.consoleErrors();
  assert.deepEqual(errors.filter((message) => /panicked|unreachable|RuntimeError/i.test(message)), []);
});
