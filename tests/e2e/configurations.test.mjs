// Browsing by configuration: a card's or a spacecraft page's configuration name opens the grid of
// that configuration, headed by the configuration itself (one request, then cached for a day);
// the /configurations page lists, searches and groups every configuration; quick views are
// ready-made grid views one click away. Checked against the local LL2 stand-in's own records
// and request log, at the site root and under a sub-path.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY, choose, clickOn, shareApp, typeInto } from './support/harness.mjs';
import { breakdown, freshVisitor, hover, mouseAway, ofKind, spending, urlOf } from './support/sessions.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUB_DIST = resolve(ROOT, process.env.E2E_DIST_SUB || 'target/e2e-dist-sub');

const WAIT = { timeout: 15_000 };

/** The two pages of the configuration list, as the app asks for them (README: 130 configurations). */
const CONFIG_LIST_URLS = ['/2.3.0/spacecraft_configurations/?ordering=name&limit=100',
  '/2.3.0/spacecraft_configurations/?ordering=name&limit=100&offset=100'];
const CONFIG_COUNT = 130;

/** The quick views of the issue: link text → the filters it sets (the query it leads to from `/`). */
const QUICK_VIEWS = {
  'In space now': 'in_space=true',
  'Most flights': 'ordering=-flights_count',
  'Longest in space': 'ordering=-time_in_space',
  'Longest docked': 'ordering=-time_docked',
  Active: 'status=1', // the stand-in's status named Active
  Placeholders: 'is_placeholder=true',
};

const HEADER_LABELS = ['Type', 'Agency', 'In use', 'Human-rated', 'Crew capacity', 'Maiden flight', 'Height',
  'Diameter', 'Payload capacity', 'Flight life', 'Spacecraft flown', 'Launches', 'Landings'];

/** Requests for one configuration record (`/spacecraft_configurations/ID/`), not the list. */
const configRecordRequests = (requests) =>
  requests.filter((request) => /\/spacecraft_configurations\/\d+\/?$/.test(request.path));

/** Page-side: the configuration articles a user can see, as ids in page order. */
const SHOWN_CONFIG_IDS = `
  return [...document.querySelectorAll('article[data-configuration-id]')]
    .filter((el) => el.getClientRects().length > 0)
    .map((el) => Number(el.dataset.configurationId));`;

/** Everything a test needs, for whichever app (root or sub-path) the describe block opened. */
function helpers(getApp) {
  const browserOf = () => getApp().browser;

  /** The stand-in's detailed record of a configuration. */
  const configOf = (id) => {
    const config = getApp().standin.dataset.configs.find((c) => c.id === id);
    if (!config) throw new Error(`the stand-in has no configuration ${id}`);
    return config;
  };

  /** What the grid's configuration header shows, or null. */
  const headerInfo = () => browserOf().exec(
    `const header = document.querySelector('section.configuration-header');
     if (!header) return null;
     const clean = (el) => el ? el.textContent.replace(/\\s+/g, ' ').trim() : null;
     const facts = {};
     for (const dt of header.querySelectorAll('dl dt')) {
       let dd = dt.nextElementSibling;
       while (dd && dd.tagName !== 'DD') dd = dd.nextElementSibling;
       facts[clean(dt)] = clean(dd);
     }
     const cards = document.querySelector('article[data-spacecraft-id]');
     return {
       id: header.dataset.configurationId,
       heading: clean(header.querySelector('h2')),
       facts,
       text: clean(header),
       images: [...header.querySelectorAll('img')].map((img) => img.getAttribute('src')),
       links: [...header.querySelectorAll('a')].map((a) => a.getAttribute('href')),
       error: clean(header.querySelector('[data-testid=configuration-error]')),
       retry: [...header.querySelectorAll('button')].map(clean),
       beforeCards: cards ? Boolean(header.compareDocumentPosition(cards) & Node.DOCUMENT_POSITION_FOLLOWING) : null,
     };`,
  );

  /** Waits until the header of configuration `id` shows its name (not an error, not loading). */
  const waitForHeader = async (id) => {
    const name = configOf(id).name;
    await browserOf().waitFor(
      `const header = document.querySelector('section.configuration-header');
       const h2 = header && header.querySelector('h2');
       return header !== null && header.dataset.configurationId === arguments[0]
         && h2 !== null && h2.textContent.replace(/\\s+/g, ' ').trim() === arguments[1]
         && header.querySelector('dl') !== null;`,
      { ...WAIT, args: [String(id), name], message: `the header of configuration ${id} "${name}"` },
    ).catch(async (error) => {
      error.message += ` (header: ${JSON.stringify(await headerInfo())})`;
      throw error;
    });
    return headerInfo();
  };

  /** Waits for the grid of `query` (address bar and cards, against the stand-in's answer). */
  const waitForGrid = async (query) => {
    await getApp().waitForSearch(query, WAIT.timeout);
    await getApp().waitForCards(getApp().expectedIds(query), WAIT.timeout);
  };

  const shownConfigIds = () => browserOf().exec(SHOWN_CONFIG_IDS);

  /** Waits until the configurations page shows exactly these configuration ids (any order). */
  const waitForConfigIds = async (ids) => {
    const want = [...ids].sort((a, b) => a - b);
    await browserOf().waitFor(
      `const busy = document.querySelector('[aria-busy="true"]');
       if (busy) return false;
       const shown = (function () { ${SHOWN_CONFIG_IDS} })().sort((a, b) => a - b);
       return JSON.stringify(shown) === JSON.stringify(arguments[0]);`,
      { ...WAIT, args: [want], message: `the configurations ${ids.length > 12 ? `(${ids.length})` : JSON.stringify(want)}` },
    ).catch(async (error) => {
      const shown = await shownConfigIds();
      error.message += ` (shown: ${shown.length > 12 ? `${shown.length} configurations` : JSON.stringify(shown)})`;
      throw error;
    });
  };

  const allConfigIds = () => getApp().standin.dataset.configs.map((c) => c.id);

  /** The quick view links: text, href, aria-current. */
  const quickViews = () => browserOf().exec(
    `const nav = document.querySelector('nav[aria-label="Quick views"]');
     if (!nav) return null;
     return [...nav.querySelectorAll('a')].map((a) => ({
       text: a.textContent.replace(/\\s+/g, ' ').trim(), href: a.getAttribute('href'), current: a.getAttribute('aria-current') }));`,
  );

  /** Waits for the quick views, the status-based one included (it needs the statuses). */
  const waitForQuickViews = async () => {
    // The statuses may load only when the visitor reaches for their filter.
    await browserOf().waitFor(`return document.querySelector('nav[aria-label="Quick views"]') !== null;`,
      { ...WAIT, message: 'a nav[aria-label="Quick views"] above the grid' });
    if (!(await quickViews()).some((link) => link.text === 'Active')) {
      await hover(browserOf(), 'select[name=status]').catch(() => {});
    }
    await browserOf().waitFor(
      `return [...document.querySelectorAll('nav[aria-label="Quick views"] a')].some((a) => a.textContent.trim() === 'Active');`,
      { ...WAIT, message: 'the "Active" quick view (once the statuses are loaded)' },
    ).catch(async (error) => {
      error.message += ` (quick views: ${JSON.stringify(await quickViews())})`;
      throw error;
    });
    return quickViews();
  };

  /** Clicks the quick view whose text is `text`. */
  const clickQuickView = async (text) => {
    const links = await browserOf().findAll('nav[aria-label="Quick views"] a');
    for (const link of links) {
      if ((await browserOf().text(link)).trim() === text) return browserOf().click(link);
    }
    throw new Error(`no quick view "${text}": ${JSON.stringify(await quickViews())}`);
  };

  /** The main navigation's links: href and aria-current. */
  const mainNav = () => browserOf().exec(
    `const nav = document.querySelector('nav[aria-label=Main]');
     if (!nav) return null;
     const pick = (css) => { const a = nav.querySelector(css); return a && { href: a.getAttribute('href'), current: a.getAttribute('aria-current'), text: a.textContent.trim() }; };
     return { configurations: pick('a[href$="/configurations"]'), spacecraft: pick('a[href$="/"]') };`,
  );

  /** Opens /configurations and waits for every configuration. */
  const openConfigurations = async (query = '') => {
    await getApp().open(`/configurations${query ? `?${query}` : ''}`);
    await waitForConfigIds(allConfigIds());
  };

  return {
    configOf, headerInfo, waitForHeader, waitForGrid, shownConfigIds, waitForConfigIds, allConfigIds,
    quickViews, waitForQuickViews, clickQuickView, mainNav, openConfigurations,
  };
}

/** The configuration records of a stand-in answer, by spacecraft id. */
const configIdsOf = (answer) => new Map(answer.json.results.map((craft) => [craft.id, craft.spacecraft_config.id]));

describe('browsing by configuration', () => {
  let app;
  let browser;
  shareApp({ width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });
  const h = helpers(() => app);

  test('a card\'s configuration name opens the grid of that configuration, headed by the configuration itself', async () => {
    await app.open('/?search=dragon');
    await h.waitForGrid('search=dragon');
    const craft = app.expectedList('search=dragon').json.results.find((c) => c.spacecraft_config.id === 3);
    assert.ok(craft, 'stand-in sanity: a Dragon 2 (configuration 3) among the cards');
    const link = await browser.exec(
      `const a = document.querySelector('article[data-spacecraft-id="' + arguments[0] + '"] a.card-config-link');
       return a && { text: a.textContent.replace(/\\s+/g, ' ').trim(), href: a.getAttribute('href') };`,
      craft.id,
    );
    assert.ok(link, `card ${craft.id} has an a.card-config-link`);
    assert.equal(link.text, 'Dragon 2');
    assert.equal(link.href, '/?spacecraft_config=3');

    await clickOn(browser, `article[data-spacecraft-id="${craft.id}"] a.card-config-link`);
    await h.waitForGrid('spacecraft_config=3');
    const header = await h.waitForHeader(3);
    const config = h.configOf(3);
    assert.equal(header.id, '3');
    assert.equal(header.heading, config.name);
    assert.equal(header.beforeCards, true, 'the header is above the cards');
    assert.ok(header.images.length >= 1, 'the configuration\'s image is shown');
    for (const label of HEADER_LABELS) assert.ok(label in header.facts, `a "${label}" fact: ${JSON.stringify(header.facts)}`);
    assert.equal(header.facts.Type, config.type.name);
    assert.ok([config.agency.name, config.agency.abbrev].some((name) => header.facts.Agency.includes(name)),
      `the agency (${config.agency.name} / ${config.agency.abbrev}): ${header.facts.Agency}`);
    assert.match(header.facts['In use'], /^yes$/i);
    assert.match(header.facts['Human-rated'], /^yes$/i);
    assert.equal(header.facts['Crew capacity'], String(config.crew_capacity));
    assert.match(header.facts['Maiden flight'], new RegExp(config.maiden_flight.slice(0, 4)));
    assert.match(header.facts.Height, new RegExp(String(config.height).replace('.', '[.,]')));
    assert.match(header.facts['Spacecraft flown'], new RegExp(`\\b${config.spacecraft_flown}\\b`));
    assert.match(header.facts.Launches, new RegExp(`\\b${config.total_launch_count}\\b`));
    assert.match(header.facts.Landings, new RegExp(`\\b${config.successful_landings}\\b`));
    for (const text of [config.capability, config.history, config.details]) {
      assert.ok(header.text.includes(text), `the header says "${text}"`);
    }
    assert.ok(header.links.includes(config.wiki_link), `a Wikipedia link ${config.wiki_link}: ${JSON.stringify(header.links)}`);
    assert.equal(config.info_link, '', 'stand-in sanity: no info link for Dragon 2');
    assert.ok(!header.links.some((href) => href === '' || href === null), 'no empty link');
  });

  test('a configuration link keeps the view\'s mode and page size, and drops its paging and other filters', async () => {
    const query = 'search=dragon&mode=detailed&limit=5&offset=5';
    await app.open(`/?${query}`);
    await h.waitForGrid(query);
    const expected = configIdsOf(app.expectedList(query));
    const hrefs = await browser.exec(
      `return [...document.querySelectorAll('article[data-spacecraft-id]')].map((card) => {
         const a = card.querySelector('a.card-config-link');
         return [Number(card.dataset.spacecraftId), a && a.getAttribute('href')];
       });`,
    );
    assert.equal(hrefs.length, expected.size);
    for (const [id, href] of hrefs) {
      assert.equal(href, `/?spacecraft_config=${expected.get(id)}&mode=detailed&limit=5`, `card ${id}`);
    }
    const [firstId] = hrefs[0];
    const target = `spacecraft_config=${expected.get(firstId)}&mode=detailed&limit=5`;
    await clickOn(browser, `article[data-spacecraft-id="${firstId}"] a.card-config-link`);
    await h.waitForGrid(target);
    await h.waitForHeader(expected.get(firstId));
    assert.equal((await app.formValues()).search, '', 'the search box is cleared');

    // A plain view gives plain links.
    await app.open('/');
    await h.waitForGrid('');
    const plain = configIdsOf(app.expectedList(''));
    for (const [id, href] of await browser.exec(
      `return [...document.querySelectorAll('article[data-spacecraft-id]')].map((card) =>
         [Number(card.dataset.spacecraftId), card.querySelector('a.card-config-link')?.getAttribute('href') ?? null]);`,
    )) {
      assert.equal(href, `/?spacecraft_config=${plain.get(id)}`, `card ${id}`);
    }
  });

  test('Tab from a card\'s link reaches its configuration link next, and Enter opens that configuration', async () => {
    await app.open('/');
    await h.waitForGrid('');
    const [firstId] = await app.shownCardIds();
    const configId = configIdsOf(app.expectedList('')).get(firstId);
    await browser.exec(`document.querySelector('article[data-spacecraft-id="' + arguments[0] + '"] a.card-link').focus();`, firstId);
    assert.equal(await browser.exec(`return document.activeElement.classList.contains('card-link');`), true, 'setup: the card link has focus');
    await browser.keys(KEY.TAB);
    const focused = await browser.exec(
      `const el = document.activeElement;
       const card = el.closest('article[data-spacecraft-id]');
       return { cls: el.className, tag: el.tagName, card: card && Number(card.dataset.spacecraftId), href: el.getAttribute('href') };`,
    );
    assert.deepEqual(focused, { cls: focused.cls, tag: 'A', card: firstId, href: `/?spacecraft_config=${configId}` },
      'the next tab stop is the same card\'s configuration link');
    assert.match(focused.cls, /\bcard-config-link\b/);
    await browser.keys(KEY.ENTER);
    await h.waitForGrid(`spacecraft_config=${configId}`);
    await h.waitForHeader(configId);
  });

  test('the configuration on a spacecraft\'s page opens the grid of that configuration', async () => {
    await app.open('/spacecraft/95');
    await browser.waitFor(`return document.querySelector('[data-testid=detail] h1') !== null;`,
      { ...WAIT, message: 'the detail page of 95' });
    const link = await browser.exec(
      `const a = document.querySelector('[data-testid=detail] a.config-link');
       return a && { text: a.textContent.replace(/\\s+/g, ' ').trim(), href: a.getAttribute('href') };`,
    );
    assert.deepEqual(link, { text: h.configOf(10).name, href: '/?spacecraft_config=10' },
      'the configuration in "At a glance" links to its grid');
    await clickOn(browser, '[data-testid=detail] a.config-link');
    await h.waitForGrid('spacecraft_config=10');
    await h.waitForHeader(10);
  });

  test('the configurations page lists every configuration, narrows as the visitor types without asking the API, and leads to a configuration\'s spacecraft', async () => {
    await h.openConfigurations();
    const nav = await h.mainNav();
    assert.ok(nav, 'a nav[aria-label=Main]');
    assert.deepEqual(nav.configurations && { href: nav.configurations.href, current: nav.configurations.current },
      { href: '/configurations', current: 'page' });
    assert.ok(nav.spacecraft && nav.spacecraft.href === '/' && nav.spacecraft.current !== 'page',
      `a "Spacecraft" link to the grid, not current: ${JSON.stringify(nav.spacecraft)}`);
    const articles = await browser.exec(
      `return [...document.querySelectorAll('article[data-configuration-id]')].map((el) => ({
         id: Number(el.dataset.configurationId),
         heading: (el.querySelector('h2, h3, h4') || { textContent: '' }).textContent.replace(/\\s+/g, ' ').trim(),
         text: el.textContent.replace(/\\s+/g, ' ').trim(),
         images: el.querySelectorAll('img').length,
         links: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')),
       }));`,
    );
    assert.equal(articles.length, CONFIG_COUNT);
    for (const article of articles) {
      const config = h.configOf(article.id);
      assert.equal(article.heading, config.name, `configuration ${article.id}'s heading`);
      assert.ok(article.text.includes(config.type.name), `configuration ${article.id} says its type ${config.type.name}`);
      const agencyNames = [config.agency.name, config.agency.abbrev].filter(Boolean);
      assert.ok(agencyNames.some((name) => article.text.includes(name)), `configuration ${article.id} says its agency`);
      assert.ok(article.links.some((href) => new URLSearchParams(href.split('?')[1] ?? '').get('spacecraft_config') === String(article.id)),
        `configuration ${article.id} links to its spacecraft: ${JSON.stringify(article.links)}`);
      if (config.image) assert.ok(article.images >= 1, `configuration ${article.id} shows its image`);
    }
    // Orion (5) and Mercury (15) are both NASA capsules; only Orion is in use.
    assert.equal(h.configOf(5).in_use && !h.configOf(15).in_use, true, 'stand-in sanity');
    const state = (id) => (articles.find((a) => a.id === id).text
      .match(/not in use|no longer in use|out of use|in use|retired|inactive|active/gi) ?? []).join(' ').toLowerCase();
    assert.match(state(5), /in use|active/, `Orion says it is in use: ${articles.find((a) => a.id === 5).text}`);
    assert.notEqual(state(5), state(15), 'in use and not in use read differently');

    const label = await browser.exec(
      `const input = document.querySelector('main input[name=search]');
       if (!input) return null;
       const labels = [...(input.labels || [])].map((l) => l.textContent.trim());
       return [...labels, input.getAttribute('aria-label') || ''].join(' | ');`,
    );
    assert.match(label ?? '', /Search configurations/, 'the search box is labelled');
    app.standin.reset();
    const historyBefore = await app.historyLength();
    await typeInto(browser, 'main input[name=search]', 'dragon');
    // "dragon" is in no agency or type name: only names (and families) match.
    const dragons = h.allConfigIds().filter((id) => /dragon/i.test(h.configOf(id).name));
    assert.deepEqual(dragons, [2, 3, 32], 'stand-in sanity');
    await h.waitForConfigIds(dragons);
    await app.waitForSearch('search=dragon');
    assert.equal(await app.historyLength(), historyBefore, 'typing replaces the address, it adds no history entry');
    await app.quiet(); // nothing more is asked
    assert.deepEqual(spending(app.standin.requests()).map(urlOf), [], 'the list is narrowed in the page, with no request');

    await clickOn(browser, 'article[data-configuration-id="3"] a[href*="spacecraft_config=3"]');
    await browser.waitFor(`return location.pathname === '/' && new URLSearchParams(location.search).get('spacecraft_config') === '3';`,
      { ...WAIT, message: 'the grid of configuration 3' });
    const query = await app.search();
    await app.waitForCards(app.expectedIds(query));
    assert.deepEqual(await app.shownCardIds(), app.expectedIds('spacecraft_config=3'));
    await h.waitForHeader(3);

    await browser.back();
    await browser.waitFor(`return location.pathname === '/configurations' && location.search === '?search=dragon';`,
      { ...WAIT, message: 'Back at /configurations?search=dragon' });
    await h.waitForConfigIds(dragons);
    assert.equal(await browser.exec(`return document.querySelector('main input[name=search]').value;`), 'dragon');
  });

  test('grouping by agency or by type puts the configurations under headings, is kept in the URL, and Back restores it', async () => {
    await h.openConfigurations();
    const groups = () => browser.exec(
      `return [...document.querySelectorAll('section[data-group]')].map((section) => ({
         group: section.dataset.group,
         heading: (section.querySelector('h2') || { textContent: '' }).textContent.replace(/\\s+/g, ' ').trim(),
         ids: [...section.querySelectorAll('article[data-configuration-id]')].map((el) => Number(el.dataset.configurationId)),
       }));`,
    );
    const ungrouped = () => browser.exec(
      `return [...document.querySelectorAll('article[data-configuration-id]')].filter((el) => !el.closest('section[data-group]')).length;`,
    );
    /** Checks the sections against the stand-in: one per agency (or type), each headed by it. */
    const expectGrouping = async (by) => {
      const keyOf = (config) => (by === 'agency' ? config.agency.id : config.type.id);
      const expectedCount = new Set(h.allConfigIds().map((id) => keyOf(h.configOf(id)))).size;
      await browser.waitFor(`return document.querySelectorAll('section[data-group]').length === arguments[0];`,
        { ...WAIT, args: [expectedCount], message: `${expectedCount} groups by ${by}` });
      const sections = await groups();
      assert.equal(await ungrouped(), 0, 'every configuration is in a group');
      assert.equal(sections.flatMap((s) => s.ids).length, CONFIG_COUNT);
      for (const section of sections) {
        assert.ok(section.ids.length >= 1, `group ${section.heading} is not empty`);
        const keys = new Set(section.ids.map((id) => keyOf(h.configOf(id))));
        assert.equal(keys.size, 1, `group "${section.heading}" holds one ${by}: ${JSON.stringify(section.ids)}`);
        const config = h.configOf(section.ids[0]);
        const names = by === 'agency' ? [config.agency.name, config.agency.abbrev].filter(Boolean) : [config.type.name];
        assert.ok(names.some((name) => section.heading.includes(name)), `group heading "${section.heading}" names ${names.join(' / ')}`);
      }
      assert.equal(await browser.exec(`return document.querySelector('select[name=group]').value;`), by);
    };

    const values = await browser.exec(
      `const select = document.querySelector('select[name=group]');
       return select && [...select.options].map((o) => o.value);`,
    );
    assert.deepEqual(values && [...values].sort(), ['', 'agency', 'type'], 'grouping: none, agency, type');
    assert.equal(await browser.exec(`return document.querySelectorAll('section[data-group]').length;`), 0, 'no groups at first');

    await choose(browser, 'select[name=group]', 'agency');
    await app.waitForSearch('group=agency');
    await expectGrouping('agency');
    await choose(browser, 'select[name=group]', 'type');
    await app.waitForSearch('group=type');
    await expectGrouping('type');

    await browser.back();
    await app.waitForSearch('group=agency');
    await expectGrouping('agency');
    await browser.back();
    await app.waitForSearch('');
    await browser.waitFor(`return document.querySelectorAll('section[data-group]').length === 0;`,
      { ...WAIT, message: 'no groups after Back' });
    await h.waitForConfigIds(h.allConfigIds());
    await browser.forward();
    await app.waitForSearch('group=agency');
    await expectGrouping('agency');

    // A shared link with both a search and a grouping.
    await app.open('/configurations?search=soyuz&group=type');
    const soyuz = h.allConfigIds().filter((id) => /soyuz/i.test(h.configOf(id).name));
    await h.waitForConfigIds(soyuz);
    const sections = await groups();
    assert.equal(sections.length, new Set(soyuz.map((id) => h.configOf(id).type.id)).size);
    assert.equal(await browser.exec(`return document.querySelector('main input[name=search]').value;`), 'soyuz');
  });

  test('quick views link to ready-made views, keeping only the mode and page size', async () => {
    await app.open('/');
    await h.waitForGrid('');
    const fromRoot = await h.waitForQuickViews();
    assert.deepEqual(Object.fromEntries(fromRoot.map((link) => [link.text, link.href])),
      Object.fromEntries(Object.entries(QUICK_VIEWS).map(([text, query]) => [text, `/?${query}`])));
    const position = await browser.exec(
      `const nav = document.querySelector('nav[aria-label="Quick views"]');
       const form = document.querySelector('form[role=search]');
       return Boolean(nav.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING);`,
    );
    assert.equal(position, true, 'the quick views come before the filters');

    // Filters, paging, mode and page size: only the last two survive.
    await app.open('/?search=dragon&mode=detailed&limit=5&offset=5');
    await h.waitForGrid('search=dragon&mode=detailed&limit=5&offset=5');
    const fromFiltered = await h.waitForQuickViews();
    assert.deepEqual(Object.fromEntries(fromFiltered.map((link) => [link.text, link.href])),
      Object.fromEntries(Object.entries(QUICK_VIEWS).map(([text, query]) => [text, `/?${query}&mode=detailed&limit=5`])));
    assert.deepEqual(fromFiltered.filter((link) => link.current !== null).map((link) => link.text), [],
      'no quick view is current on a view that matches none');
  });

  test('choosing "Most flights" from a filtered view replaces its filters', async () => {
    await app.open('/?search=x&limit=20');
    await h.waitForGrid('search=x&limit=20');
    await h.waitForQuickViews();
    const historyBefore = await app.historyLength();
    await h.clickQuickView('Most flights');
    await h.waitForGrid('ordering=-flights_count&limit=20');
    const form = await app.formValues();
    assert.equal(form.search, '', 'the search box is cleared');
    assert.equal(form.ordering, '-flights_count', 'the sort control shows the order');
    assert.equal(await app.historyLength(), historyBefore + 1, 'a quick view is one history entry');
    const links = await h.quickViews();
    assert.deepEqual(links.filter((link) => link.current === 'page').map((link) => link.text), ['Most flights']);
    assert.ok(links.every((link) => link.current === null || link.current === 'page'));
    await browser.back();
    await h.waitForGrid('search=x&limit=20');
  });

  test('the quick view matching the current view is marked current, whatever its page, mode or size, and no other', async () => {
    const cases = [
      ['in_space=true', 'In space now'],
      ['ordering=-flights_count&mode=detailed&limit=20&offset=20', 'Most flights'],
      ['ordering=-time_in_space&offset=10', 'Longest in space'],
      ['ordering=-time_docked&limit=20', 'Longest docked'],
      ['status=1', 'Active'],
      ['is_placeholder=true&mode=detailed', 'Placeholders'],
      ['', null],
      ['search=dragon&in_space=true', null],
      ['status=1&ordering=-flights_count', null],
      ['ordering=id', null],
      ['is_placeholder=false', null],
    ];
    for (const [query, expected] of cases) {
      await app.open(query ? `/?${query}` : '/');
      await h.waitForGrid(query);
      const links = await h.waitForQuickViews();
      assert.deepEqual(links.filter((link) => link.current !== null).map((link) => [link.text, link.current]),
        expected ? [[expected, 'page']] : [], `aria-current on /?${query}`);
    }
  });

  test('Back and Forward walk through the grid, a configuration\'s grid, the configurations page and a quick view', async () => {
    await app.open('/');
    await h.waitForGrid('');
    const [firstId] = await app.shownCardIds();
    const firstConfig = configIdsOf(app.expectedList('')).get(firstId);
    assert.notEqual(firstConfig, 7, 'stand-in sanity: the first card is not a Cygnus');

    const steps = [
      { path: '/', check: async () => { await h.waitForGrid(''); assert.equal(await h.headerInfo(), null, 'no header on the plain grid'); } },
      { path: `/?spacecraft_config=${firstConfig}`, check: async () => { await h.waitForGrid(`spacecraft_config=${firstConfig}`); await h.waitForHeader(firstConfig); } },
      { path: '/configurations', check: async () => {
        await h.waitForConfigIds(h.allConfigIds());
        assert.equal((await h.mainNav()).configurations.current, 'page');
      } },
      { path: '/?spacecraft_config=7', check: async () => { await h.waitForGrid('spacecraft_config=7'); await h.waitForHeader(7); } },
      { path: '/?in_space=true', check: async () => {
        await h.waitForGrid('in_space=true');
        assert.equal(await h.headerInfo(), null, 'no configuration header on a quick view');
        assert.equal((await h.mainNav()).spacecraft.current, 'page');
      } },
    ];
    const at = async (index) => {
      await browser.waitFor(`return location.pathname + location.search === arguments[0];`,
        { ...WAIT, args: [steps[index].path], message: `the address ${steps[index].path}` });
      await steps[index].check();
    };

    await at(0);
    await clickOn(browser, `article[data-spacecraft-id="${firstId}"] a.card-config-link`);
    await at(1);
    await clickOn(browser, 'nav[aria-label=Main] a[href$="/configurations"]');
    await at(2);
    await clickOn(browser, 'article[data-configuration-id="7"] a[href*="spacecraft_config=7"]');
    await at(3);
    await h.waitForQuickViews();
    await h.clickQuickView('In space now');
    await at(4);
    for (let index = 3; index >= 0; index -= 1) {
      await browser.back();
      await at(index);
    }
    for (let index = 1; index <= 4; index += 1) {
      await browser.forward();
      await at(index);
    }
  });

  test('when the configuration cannot be loaded, the cards still show, the header says why in one line, and Retry fills it in', async () => {
    app.standin.failNext({ path: 'spacecraft_configurations/7/', status: 500, times: 0 });
    await app.open('/?spacecraft_config=7');
    await h.waitForGrid('spacecraft_config=7');
    await browser.waitFor(
      `return document.querySelector('section.configuration-header[data-configuration-id="7"] [data-testid=configuration-error]') !== null;`,
      { timeout: 20_000, message: 'the header\'s error line' },
    ).catch(async (error) => {
      error.message += ` (header: ${JSON.stringify(await h.headerInfo())})`;
      throw error;
    });
    const line = await browser.exec(
      `const el = document.querySelector('section.configuration-header [data-testid=configuration-error]');
       const copy = el.cloneNode(true);
       copy.querySelectorAll('button').forEach((button) => button.remove());
       // Lines the layout forces (block elements, <br>), not wrapping; the button's own line aside.
       const lines = el.innerText.split('\\n').filter((l) => l.trim() && !/^retry$/i.test(l.trim()));
       return { text: copy.textContent.replace(/\\s+/g, ' ').trim(), lines: lines.length, rendered: lines };`,
    );
    assert.ok(line.text.length > 0 && line.text.length <= 200, `a short reason: ${JSON.stringify(line.text)}`);
    assert.equal(line.lines, 1, `one line: ${JSON.stringify(line)}`);
    const header = await h.headerInfo();
    assert.ok(header.retry.some((text) => /retry/i.test(text)), `a Retry button in the header: ${JSON.stringify(header.retry)}`);
    assert.deepEqual(await app.shownCardIds(), app.expectedIds('spacecraft_config=7'), 'the cards are there');
    assert.equal(await browser.exec(
      `return [...document.querySelectorAll('[data-testid=error]')].filter((el) => !el.closest('section.configuration-header')).length;`,
    ), 0, 'the grid itself shows no error');
    assert.ok(configRecordRequests(app.standin.requests()).length >= 1, 'the app asked for configuration 7');

    app.standin.reset();
    const buttons = await browser.findAll('section.configuration-header button');
    let clicked = false;
    for (const button of buttons) {
      if (/retry/i.test(await browser.text(button))) {
        await browser.click(button);
        clicked = true;
        break;
      }
    }
    assert.ok(clicked, 'clicked Retry');
    const filled = await h.waitForHeader(7);
    assert.equal(filled.error, null, 'the error line is gone');
    assert.equal(filled.facts.Type, h.configOf(7).type.name);
    assert.deepEqual(configRecordRequests(app.standin.requests()).map(urlOf), ['/2.3.0/spacecraft_configurations/7/'],
      'Retry asked once more');
    await h.waitForGrid('spacecraft_config=7');
  });

  test('a configuration whose optional facts are all missing still gets a tidy header', async () => {
    await app.open('/?spacecraft_config=120');
    await h.waitForGrid('spacecraft_config=120');
    const header = await h.waitForHeader(120);
    assert.equal(header.facts.Type, h.configOf(120).type.name);
    assert.doesNotMatch(header.text, /\b(null|undefined|NaN)\b/, `no raw nulls: ${header.text}`);
    assert.ok(!header.links.some((href) => href === '' || href === null || /wikipedia/.test(href)),
      `no empty or Wikipedia link: ${JSON.stringify(header.links)}`);
    assert.ok(!header.images.some((src) => src === '' || src === null), 'no image without a source');
  });

  test('a configuration\'s header costs one request, and none when its grid is opened again after a reload', async () => {
    await freshVisitor(app);
    await mouseAway(browser);
    await app.open('/?spacecraft_config=3');
    await h.waitForGrid('spacecraft_config=3');
    await h.waitForHeader(3);
    await app.quiet(); // nothing more is asked
    const first = spending(app.standin.requests());
    assert.deepEqual(configRecordRequests(first).map(urlOf), ['/2.3.0/spacecraft_configurations/3/'],
      `one request for the header: ${JSON.stringify(breakdown(first))}`);
    const stored = await browser.exec(
      `return Object.keys(localStorage).filter((key) => key.startsWith('ll2-cache:') && key.includes('/spacecraft_configurations/3/'));`,
    );
    assert.equal(stored.length, 1, `the record is kept in localStorage: ${JSON.stringify(stored)}`);

    // A reload, with only localStorage left (as in a new tab): the header costs nothing, and
    // neither does coming back to that grid through a card's link.
    app.standin.reset();
    await browser.exec('sessionStorage.clear();');
    await browser.refresh();
    await app.settled();
    await h.waitForGrid('spacecraft_config=3');
    await h.waitForHeader(3);
    await app.open('/?search=dragon');
    await h.waitForGrid('search=dragon');
    await mouseAway(browser);
    const craft = app.expectedList('search=dragon').json.results.find((c) => c.spacecraft_config.id === 3);
    await clickOn(browser, `article[data-spacecraft-id="${craft.id}"] a.card-config-link`);
    await h.waitForGrid('spacecraft_config=3');
    await h.waitForHeader(3);
    await app.quiet(); // nothing more is asked
    const again = spending(app.standin.requests());
    assert.deepEqual(ofKind(again, 'configurations').map(urlOf), [],
      `no configuration request after the reload: ${JSON.stringify(breakdown(again))}`);
  });

  test('the configurations page costs the two list requests, none after a reload, and the grid\'s configuration filter then needs none either', async () => {
    await freshVisitor(app);
    await mouseAway(browser);
    await h.openConfigurations();
    await app.quiet(); // nothing more is asked
    const first = spending(app.standin.requests());
    assert.deepEqual(first.map(urlOf).sort(), [...CONFIG_LIST_URLS].sort(),
      `exactly the two pages of configurations: ${JSON.stringify(breakdown(first))}`);

    app.standin.reset();
    await browser.refresh();
    await app.settled();
    await h.waitForConfigIds(h.allConfigIds());
    await app.quiet(); // nothing more is asked
    assert.deepEqual(spending(app.standin.requests()).map(urlOf), [], 'a reload asks nothing');

    // The grid's configuration filter reads the same stored list.
    await clickOn(browser, 'nav[aria-label=Main] a[href$="/"]');
    await h.waitForGrid('');
    await hover(browser, 'select[name=spacecraft_config]');
    await browser.waitFor(
      `return document.querySelectorAll('select[name=spacecraft_config] option[value]:not([value=""])').length >= arguments[0];`,
      { ...WAIT, args: [CONFIG_COUNT], message: `${CONFIG_COUNT} configuration options` },
    );
    await app.quiet(); // nothing more is asked
    const later = spending(app.standin.requests());
    assert.deepEqual(ofKind(later, 'configurations').map(urlOf), [],
      `the grid's filter reused the list: ${JSON.stringify(breakdown(later))}`);
  });
});

describe('browsing by configuration under /explorer/', () => {
  let app;
  let browser;
  // openApp fails with the build command when the sub-path build is missing.
  shareApp({ prefix: '/explorer/', dist: SUB_DIST, width: 1280, height: 900 }, (opened) => {
    app = opened;
    browser = opened.browser;
  });
  const h = helpers(() => app);

  test('/explorer/configurations lists the configurations, and its links stay under /explorer/', async () => {
    await h.openConfigurations();
    assert.equal(new URL(await browser.url()).pathname, '/explorer/configurations');
    const nav = await h.mainNav();
    assert.ok(nav, 'a nav[aria-label=Main]');
    assert.equal(nav.configurations?.href, '/explorer/configurations');
    assert.equal(nav.configurations?.current, 'page');
    assert.equal(nav.spacecraft?.href, '/explorer/');
    const links = await browser.exec(
      `return [...document.querySelectorAll('article[data-configuration-id]')].map((el) =>
         [Number(el.dataset.configurationId), [...el.querySelectorAll('a')].map((a) => a.getAttribute('href'))]);`,
    );
    assert.equal(links.length, CONFIG_COUNT);
    for (const [id, hrefs] of links) {
      assert.ok(hrefs.length >= 1, `configuration ${id} has a link`);
      for (const href of hrefs) assert.ok(href.startsWith('/explorer/'), `configuration ${id}: ${href} stays under /explorer/`);
      assert.ok(hrefs.some((href) => href.startsWith('/explorer/?') && new URLSearchParams(href.split('?')[1]).get('spacecraft_config') === String(id)),
        `configuration ${id} links to its grid under /explorer/: ${JSON.stringify(hrefs)}`);
    }

    await clickOn(browser, 'article[data-configuration-id="7"] a[href*="spacecraft_config=7"]');
    await h.waitForGrid('spacecraft_config=7');
    assert.equal(new URL(await browser.url()).pathname, '/explorer/');
    await h.waitForHeader(7);
    const cardLinks = await browser.exec(
      `return [...document.querySelectorAll('article[data-spacecraft-id] a.card-config-link')].map((a) => a.getAttribute('href'));`,
    );
    assert.ok(cardLinks.length >= 1 && cardLinks.every((href) => href === '/explorer/?spacecraft_config=7'), JSON.stringify(cardLinks));
    const quick = await h.waitForQuickViews();
    assert.deepEqual(Object.fromEntries(quick.map((link) => [link.text, link.href])),
      Object.fromEntries(Object.entries(QUICK_VIEWS).map(([text, query]) => [text, `/explorer/?${query}`])));

    await browser.back();
    await browser.waitFor(`return location.pathname === '/explorer/configurations';`,
      { ...WAIT, message: 'Back at /explorer/configurations' });
    await h.waitForConfigIds(h.allConfigIds());
  });
});
