// Self-test of the LL2 stand-in. Run: node --test tests/ll2-standin/
// (ll2-standin.test.mjs imports this file so that the directory form finds it.)

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startStandin } from './server.mjs';
import { SPECIAL_IDS, LONG_NAME, LONG_DESCRIPTION, loadSeedPage, durationSeconds } from './dataset.mjs';

let s;
before(async () => { s = await startStandin(); });
after(() => s.close());
beforeEach(() => s.reset());

async function get(pathAndQuery, init) {
  const url = pathAndQuery.startsWith('http') ? pathAndQuery : s.base + pathAndQuery;
  const res = await fetch(url, init);
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { res, status: res.status, text, json };
}

async function control(action, body) {
  const res = await fetch(`${s.origin}/__control/${action}`, body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** Replaces absolute URLs by a marker, to compare records regardless of host rewriting. */
function withoutUrls(value) {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'string' && /^https?:\/\//.test(v) ? '<url>' : v)));
}

const ids = (json) => json.results.map((r) => r.id);
const names = (json) => json.results.map((r) => r.name);

// --- data ----------------------------------------------------------------------

test('seed records are served verbatim except for URLs pointing at the stand-in', async () => {
  const seed = loadSeedPage().results;
  const { status, json, res } = await get('/spacecraft/?limit=100');
  assert.equal(status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.equal(json.count, 66);
  for (const record of seed) {
    const served = json.results.find((r) => r.id === record.id);
    assert.ok(served, `seed id ${record.id} served`);
    assert.deepEqual(withoutUrls(served), withoutUrls(record));
  }
  const r95 = json.results.find((r) => r.id === 95);
  assert.equal(r95.url, `${s.base}/spacecraft/95/`);
  assert.equal(r95.image.image_url,
    `${s.origin}/media/apollo2520command2fservice2520module_image_20190207032507.svg`);
  assert.equal(r95.spacecraft_config.url, `${s.base}/spacecraft_configurations/10/`);
  const all = JSON.stringify(json);
  assert.ok(!all.includes('digitaloceanspaces') && !all.includes('thespacedevs.com'), 'no upstream URL left');
  const svg = await fetch(r95.image.thumbnail_url);
  assert.equal(svg.status, 200);
  assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
  assert.equal(svg.headers.get('cache-control'), 'max-age=3600');
  assert.match(await svg.text(), /^<svg[^>]*>.*<rect/);
});

test('special records', async () => {
  const { json: nul } = await get(`/spacecraft/${SPECIAL_IDS.allNull}/`);
  for (const k of ['serial_number', 'image', 'time_in_space', 'time_docked', 'flights_count', 'mission_ends_count', 'fastest_turnaround']) {
    assert.equal(nul[k], null, k);
  }
  assert.equal(nul.description, '');
  assert.equal(nul.spacecraft_config.family, null);
  assert.equal(nul.spacecraft_config.image, null);
  assert.equal(nul.spacecraft_config.agency.abbrev, '');
  assert.equal(nul.spacecraft_config.maiden_flight, null);
  assert.deepEqual(nul.flights, []);

  const { json: thumb } = await get(`/spacecraft/${SPECIAL_IDS.thumbnailNull}/`);
  assert.equal(thumb.image.thumbnail_url, null);
  assert.ok(thumb.image.image_url.startsWith(`${s.origin}/media/`));

  const { json: missing } = await get(`/spacecraft/${SPECIAL_IDS.missingImage}/`);
  assert.equal(missing.image.image_url, `${s.origin}/media/missing.jpg`);
  assert.equal((await fetch(missing.image.thumbnail_url)).status, 404);

  const { json: js } = await get(`/spacecraft/${SPECIAL_IDS.javascriptUrl}/`);
  assert.equal(js.image.image_url, 'javascript:alert(1)');
  assert.equal(js.image.thumbnail_url, 'javascript:alert(1)');

  const { json: long } = await get(`/spacecraft/${SPECIAL_IDS.longName}/`);
  assert.equal(long.name, LONG_NAME);
  assert.ok(long.name.length >= 120 && !/\s/.test(long.name));
  assert.equal(long.time_in_space, 'P9238DT5H');
  const { json: desc } = await get(`/spacecraft/${SPECIAL_IDS.longDescription}/`);
  assert.equal(desc.description.length, 3000);
  assert.equal(desc.description, LONG_DESCRIPTION);
});

// --- search, filters, ordering, paging -------------------------------------------

test('search=shuttle finds the five orbiters through the config name', async () => {
  for (const q of ['shuttle', 'SHUTTLE', 'space,shuttle']) {
    const { json } = await get(`/spacecraft/?search=${q}`);
    assert.equal(json.count, 5, q);
    assert.deepEqual(new Set(names(json)), new Set(['Columbia', 'Challenger', 'Discovery', 'Atlantis', 'Endeavour']));
    assert.ok(json.results.every((r) => r.spacecraft_config.name === 'Space Shuttle'));
  }
  // every term must match (name OR config name)
  assert.deepEqual(ids((await get('/spacecraft/?search=shuttle+atlantis')).json), [4]);
  assert.equal((await get('/spacecraft/?search=shuttle+dragon')).json.count, 0);
});

test('search with non-Latin and URL-special characters', async () => {
  const q = (text) => get(`/spacecraft/?search=${encodeURIComponent(text)}`);
  assert.deepEqual(ids((await q('神舟')).json), [SPECIAL_IDS.shenzhou]);
  assert.deepEqual(ids((await get('/spacecraft/?search=%E7%A5%9E%E8%88%9F')).json), [SPECIAL_IDS.shenzhou]);
  assert.deepEqual(ids((await q('прогресс')).json), [SPECIAL_IDS.cyrillic]);
  assert.deepEqual(ids((await q('b%25&c+#')).json), [SPECIAL_IDS.urlSpecialChars]);
  const { json } = await get(`/spacecraft/?name=${encodeURIComponent('Test a b%25&c+# craft')}`);
  assert.deepEqual(ids(json), [SPECIAL_IDS.urlSpecialChars]);
});

test('filters', async () => {
  const inSpace = (await get('/spacecraft/?in_space=true&limit=100')).json;
  assert.ok(inSpace.count > 0 && inSpace.results.every((r) => r.in_space === true));
  for (const v of ['True', '1']) assert.equal((await get(`/spacecraft/?in_space=${v}`)).json.count, inSpace.count);
  const notInSpace = (await get('/spacecraft/?in_space=False')).json;
  assert.equal(inSpace.count + notInSpace.count, 66);
  assert.equal((await get('/spacecraft/?in_space=')).json.count, 66, 'empty value = no filter');

  const placeholders = (await get('/spacecraft/?is_placeholder=1&limit=100')).json;
  assert.ok(placeholders.count > 0 && placeholders.results.every((r) => r.is_placeholder));

  assert.deepEqual(ids((await get('/spacecraft/?name=Discovery')).json), [3]);
  assert.equal((await get('/spacecraft/?name=discovery')).json.count, 0, 'name is exact and case-sensitive');

  assert.deepEqual(new Set(ids((await get('/spacecraft/?spacecraft_config=36')).json)), new Set([326, 327, 330]));
  const singleUse = (await get('/spacecraft/?status=4&limit=100')).json;
  assert.ok(singleUse.results.every((r) => r.status.id === 4));
  const combined = (await get('/spacecraft/?status=2&spacecraft_config=1')).json;
  assert.deepEqual(new Set(names(combined)), new Set(['Discovery', 'Atlantis', 'Endeavour']));

  const bad = await get('/spacecraft/?status=999');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json, { status: ['Select a valid choice. That choice is not one of the available choices.'] });
  assert.equal(bad.res.headers.get('access-control-allow-origin'), '*');
  const badCfg = await get('/spacecraft/?spacecraft_config=abc');
  assert.equal(badCfg.status, 400);
  assert.deepEqual(Object.keys(badCfg.json), ['spacecraft_config']);
  const badBool = await get('/spacecraft/?in_space=yes');
  assert.equal(badBool.status, 400);
  assert.deepEqual(badBool.json, { in_space: ['Must be a valid boolean.'] });
});

test('ordering', async () => {
  const def = ids((await get('/spacecraft/?limit=100')).json);
  const byId = ids((await get('/spacecraft/?limit=100&ordering=id')).json);
  assert.deepEqual(byId, [...byId].sort((a, b) => a - b));
  assert.notDeepEqual(def, byId, 'default order is not id order');
  assert.deepEqual(ids((await get('/spacecraft/?limit=100&ordering=bogus')).json), def, 'unknown field ignored');
  assert.deepEqual(ids((await get('/spacecraft/?limit=100&ordering=-id')).json), [...byId].reverse());

  const desc = (await get('/spacecraft/?limit=100&ordering=-flights_count')).json.results.map((r) => r.flights_count);
  const nonNull = desc.filter((v) => v != null);
  assert.deepEqual(nonNull, [...nonNull].sort((a, b) => b - a));
  assert.equal(desc[0], null, 'PostgreSQL: nulls first when descending');

  const asc = (await get('/spacecraft/?limit=100&ordering=time_in_space')).json.results.map((r) => r.time_in_space);
  const secs = asc.map(durationSeconds);
  const firstNull = secs.indexOf(null);
  assert.ok(firstNull > 0 && secs.slice(firstNull).every((v) => v === null), 'nulls last ascending');
  assert.deepEqual(secs.slice(0, firstNull), [...secs.slice(0, firstNull)].sort((a, b) => a - b));
  assert.equal(asc[0], 'P0D');

  const multi = (await get('/spacecraft/?limit=100&ordering=flights_count,-id')).json.results;
  for (let i = 1; i < multi.length; i++) {
    const [a, b] = [multi[i - 1], multi[i]];
    if (a.flights_count === b.flights_count) assert.ok(a.id > b.id);
  }
});

test('limit, offset, next and previous', async () => {
  const first = (await get('/spacecraft/?search=progress&limit=5')).json;
  assert.equal(first.count, 13);
  assert.equal(first.previous, null);
  assert.equal(first.next, `${s.base}/spacecraft/?limit=5&offset=5&search=progress`);
  const second = (await get(first.next)).json;
  assert.equal(second.previous, `${s.base}/spacecraft/?limit=5&search=progress`);
  const third = (await get(second.next)).json;
  assert.equal(third.next, null);
  assert.equal(third.previous, `${s.base}/spacecraft/?limit=5&offset=5&search=progress`);
  assert.equal(third.results.length, 3);
  const all = [...ids(first), ...ids(second), ...ids(third)];
  assert.equal(new Set(all).size, 13);

  // Walking the whole list with the default page size keeps every parameter.
  let url = `${s.base}/spacecraft/?ordering=-time_docked&mode=normal`;
  const seen = [];
  while (url) {
    const page = (await get(url)).json;
    assert.ok(page.results.length <= 10);
    seen.push(...ids(page));
    url = page.next;
    if (url) assert.match(url, /mode=normal&offset=\d+&ordering=-time_docked$/);
  }
  assert.equal(new Set(seen).size, 66);

  // limit above 100 is cut to 100 (66 spacecraft fit on one page; 130 configs show the cap).
  const big = (await get('/spacecraft/?limit=500')).json;
  assert.equal(big.results.length, 66);
  assert.equal(big.next, null);
  const bigCfg = (await get('/spacecraft_configurations/?limit=500')).json;
  assert.equal(bigCfg.results.length, 100);
  assert.equal(bigCfg.next, `${s.base}/spacecraft_configurations/?limit=100&offset=100`);
  assert.equal((await get('/spacecraft/?limit=abc')).json.results.length, 10);
  assert.equal((await get('/spacecraft/?limit=0')).json.results.length, 10);
  assert.deepEqual(ids((await get('/spacecraft/?offset=-3')).json), ids((await get('/spacecraft/')).json));
  const past = (await get('/spacecraft/?offset=1000')).json;
  assert.deepEqual(past.results, []);
  assert.equal(past.next, null);
});

test('detailed mode and detail endpoint', async () => {
  const { json } = await get('/spacecraft/?mode=detailed&search=shuttle');
  for (const r of json.results) {
    assert.equal(r.response_mode, 'detailed');
    assert.equal(r.spacecraft_config.response_mode, 'detailed');
    assert.equal(r.spacecraft_config.human_rated, true);
    assert.equal(r.flights.length, 3);
    for (const f of r.flights) {
      for (const k of ['id', 'url', 'destination', 'mission_end', 'spacecraft', 'launch', 'landing', 'duration', 'turn_around_time', 'response_mode']) {
        assert.ok(k in f, `flight.${k}`);
      }
      assert.match(f.launch.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      for (const k of ['url', 'name', 'slug', 'net', 'status', 'image', 'launch_service_provider', 'rocket', 'mission', 'pad']) {
        assert.ok(k in f.launch, `launch.${k}`);
      }
      assert.deepEqual(Object.keys(f.launch.status), ['id', 'name', 'abbrev', 'description']);
      assert.equal(f.spacecraft.response_mode, 'normal');
      assert.ok(!('flights' in f.spacecraft));
    }
  }
  const normal = (await get('/spacecraft/?search=shuttle')).json.results[0];
  assert.ok(!('flights' in normal));
  assert.ok(!('human_rated' in normal.spacecraft_config));

  const { status, json: one } = await get('/spacecraft/95/');
  assert.equal(status, 200);
  assert.equal(one.response_mode, 'detailed');
  assert.equal(one.flights.length, 1);
  for (const k of ['capability', 'history', 'details', 'maiden_flight', 'height', 'diameter', 'human_rated',
    'crew_capacity', 'payload_capacity', 'payload_return_capacity', 'flight_life', 'wiki_link', 'info_link',
    'spacecraft_flown', 'total_launch_count', 'successful_launches', 'failed_launches', 'attempted_landings',
    'successful_landings', 'failed_landings', 'fastest_turnaround']) {
    assert.ok(k in one.spacecraft_config, `config.${k}`);
  }
  assert.match(one.spacecraft_config.maiden_flight, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal((await get('/spacecraft/95')).status, 200, 'trailing slash optional');

  for (const p of ['/spacecraft/123456/', '/spacecraft/abc/']) {
    const miss = await get(p);
    assert.equal(miss.status, 404);
    assert.deepEqual(miss.json, { detail: 'No Spacecraft matches the given query.' });
  }
});

test('a spacecraft in space is still on its latest flight; other flights have ended', async () => {
  const all = (await get('/spacecraft/?limit=100&mode=detailed')).json.results;
  for (const craft of all) {
    craft.flights.forEach((flight, i) => {
      const latest = i === craft.flights.length - 1;
      const failed = flight.launch.status.abbrev === 'Failure';
      const unknown = craft.time_in_space === null;
      if (craft.in_space && latest) {
        assert.equal(flight.mission_end, null, `flight ${flight.id} of ${craft.id} (in space) is ongoing`);
        if (flight.landing) assert.deepEqual([flight.landing.attempt, flight.landing.success], [false, null]);
      } else if (!failed && !unknown) {
        assert.match(flight.mission_end ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, `flight ${flight.id} has ended`);
        assert.ok(Date.parse(flight.mission_end) > Date.parse(flight.launch.net));
      }
      assert.ok(!('docking_events' in flight), 'SpacecraftFlightNormal has no docking_events');
    });
  }
  const soyuz = (await get('/spacecraft/424/')).json;
  assert.equal(soyuz.in_space, true);
  assert.deepEqual(soyuz.flights.map((f) => [f.mission_end, f.destination]), [[null, 'International Space Station']]);
});

test('lookup endpoints', async () => {
  const statuses = (await get('/config/spacecraft_statuses/')).json;
  assert.equal(statuses.count, 5);
  assert.deepEqual(statuses.results.map((x) => x.name), ['Active', 'Retired', 'Destroyed', 'Single Use', 'Unknown']);
  assert.equal((await get('/config/spacecraft_statuses/?limit=2&offset=4')).json.results[0].id, 5);

  const p1 = (await get('/spacecraft_configurations/?limit=100')).json;
  assert.ok(p1.count > 100 && p1.count < 200);
  assert.equal(p1.results.length, 100);
  assert.ok(p1.next);
  const p2 = (await get(p1.next)).json;
  assert.equal(p2.next, null);
  assert.equal(p1.results.length + p2.results.length, p1.count);
  const c = p1.results[0];
  assert.deepEqual(Object.keys(c), ['response_mode', 'id', 'url', 'name', 'type', 'agency', 'family', 'in_use', 'image']);
  assert.ok(p1.results.some((x) => x.name === 'Dragon 2') && p2.results.some((x) => x.name === 'Test Config 130'));

  const spacex = (await get('/spacecraft_configurations/?search=spx&limit=100')).json;
  assert.ok(spacex.count >= 4 && spacex.results.every((x) => x.agency.abbrev === 'SpX'));
  const byName = (await get('/spacecraft_configurations/?ordering=name&limit=100')).json.results.map((x) => x.name);
  assert.deepEqual(byName, [...byName].sort());
  assert.equal((await get('/spacecraft_configurations/3/')).json.name, 'Dragon 2');
});

// --- spacecraft configurations against the 2.3.0 schema ----------------------------

// The parts of The Space Devs' OpenAPI schema for 2.3.0 (drf-spectacular output) that the two
// configuration endpoints answer with, reduced to what a shape check needs: types, nullability,
// required keys, references. Copied from openapi-2.3.0.json (components.schemas).
const SCHEMAS = {
  SpacecraftConfigNormal: {type:'object',properties:{response_mode:{type:'string'},id:{type:'integer'},url:{type:'string',format:'uri'},name:{type:'string'},type:{$ref:'SpacecraftConfigType'},agency:{$ref:'AgencyMini'},family:{type:'array',items:{$ref:'SpacecraftConfigFamilyNormal'},nullable:true},in_use:{type:'boolean'},image:{allOf:[{$ref:'Image'}],nullable:true}},required:['agency','family','id','image','name','response_mode','type','url']},
  SpacecraftConfigDetailed: {type:'object',properties:{response_mode:{type:'string'},id:{type:'integer'},url:{type:'string',format:'uri'},name:{type:'string'},type:{$ref:'SpacecraftConfigType'},agency:{$ref:'AgencyNormal'},family:{type:'array',items:{$ref:'SpacecraftConfigFamilyDetailed'},nullable:true},in_use:{type:'boolean'},image:{allOf:[{$ref:'Image'}],nullable:true},capability:{type:'string'},history:{type:'string'},details:{type:'string'},maiden_flight:{type:'string',format:'date',nullable:true},height:{type:'number',format:'double',nullable:true},diameter:{type:'number',format:'double',nullable:true},human_rated:{type:'boolean'},crew_capacity:{type:'integer',nullable:true},payload_capacity:{type:'integer',nullable:true},payload_return_capacity:{type:'integer',nullable:true},flight_life:{type:'string',nullable:true},wiki_link:{type:'string',format:'uri'},info_link:{type:'string',format:'uri'},spacecraft_flown:{type:'integer',nullable:true},total_launch_count:{type:'integer',nullable:true},successful_launches:{type:'integer',nullable:true},failed_launches:{type:'integer',nullable:true},attempted_landings:{type:'integer',nullable:true},successful_landings:{type:'integer',nullable:true},failed_landings:{type:'integer',nullable:true},fastest_turnaround:{type:'string',nullable:true}},required:['agency','family','fastest_turnaround','id','image','name','response_mode','type','url']},
  SpacecraftConfigType: {type:'object',properties:{id:{type:'integer'},name:{type:'string'}},required:['id','name']},
  AgencyMini: {type:'object',properties:{response_mode:{type:'string'},id:{type:'integer'},url:{type:'string',format:'uri'},name:{type:'string'},abbrev:{type:'string'},type:{$ref:'AgencyType'}},required:['id','name','response_mode','type','url']},
  SpacecraftConfigFamilyNormal: {type:'object',properties:{response_mode:{type:'string'},id:{type:'integer'},name:{type:'string'},description:{type:'string'},manufacturer:{allOf:[{$ref:'AgencyMini'}],nullable:true},parent:{allOf:[{$ref:'SpacecraftConfigFamilyMini'}],nullable:true},maiden_flight:{type:'string',format:'date',nullable:true}},required:['id','manufacturer','name','parent','response_mode']},
  Image: {type:'object',properties:{id:{type:'integer'},name:{type:'string'},image_url:{type:'string',format:'uri'},thumbnail_url:{type:'string',format:'uri'},credit:{type:'string',nullable:true},license:{$ref:'ImageLicense'},single_use:{type:'boolean'},variants:{type:'array',items:{$ref:'ImageVariant'}}},required:['id','image_url','license','name','thumbnail_url','variants']},
  AgencyNormal: {type:'object',properties:{response_mode:{type:'string'},id:{type:'integer'},url:{type:'string',format:'uri'},name:{type:'string'},abbrev:{type:'string'},type:{$ref:'AgencyType'},featured:{type:'boolean'},country:{type:'array',items:{$ref:'Country'}},description:{type:'string',nullable:true},administrator:{type:'string',nullable:true},founding_year:{type:'integer',nullable:true},launchers:{type:'string'},spacecraft:{type:'string'},parent:{type:'string',nullable:true},image:{allOf:[{$ref:'Image'}],nullable:true},logo:{allOf:[{$ref:'Image'}],nullable:true},social_logo:{allOf:[{$ref:'Image'}],nullable:true}},required:['country','id','image','logo','name','parent','response_mode','social_logo','type','url']},
  SpacecraftConfigFamilyDetailed: {type:'object',properties:{response_mode:{type:'string'},id:{type:'integer'},name:{type:'string'},description:{type:'string'},manufacturer:{$ref:'AgencyNormal'},parent:{allOf:[{$ref:'SpacecraftConfigFamilyNormal'}],nullable:true},maiden_flight:{type:'string',format:'date',nullable:true},spacecraft_flown:{type:'integer',nullable:true},total_launch_count:{type:'integer',nullable:true},successful_launches:{type:'integer',nullable:true},failed_launches:{type:'integer',nullable:true},attempted_landings:{type:'integer',nullable:true},successful_landings:{type:'integer',nullable:true},failed_landings:{type:'integer',nullable:true}},required:['id','manufacturer','name','parent','response_mode']},
  AgencyType: {type:'object',properties:{id:{type:'integer'},name:{type:'string'}},required:['id']},
  SpacecraftConfigFamilyMini: {type:'object',properties:{response_mode:{type:'string'},id:{type:'integer'},name:{type:'string'}},required:['id','name','response_mode']},
  ImageLicense: {type:'object',properties:{id:{type:'integer'},name:{type:'string'},priority:{type:'integer'},link:{type:'string',format:'uri',nullable:true}},required:['id']},
  ImageVariant: {type:'object',properties:{id:{type:'integer'},type:{$ref:'ImageVariantType'},image_url:{type:'string',format:'uri'}},required:['id','image_url','type']},
  Country: {type:'object',properties:{id:{type:'integer'},name:{type:'string'},alpha_2_code:{type:'string'},alpha_3_code:{type:'string'},nationality_name:{type:'string'},nationality_name_composed:{type:'string'}},required:['id']},
  ImageVariantType: {type:'object',properties:{id:{type:'integer'},name:{type:'string'}},required:['id']},
};

// What `/spacecraft_flights/` answers with (SpacecraftFlightDetailed and what it nests), copied
// the same way. Not shaped here: a flight's `launch` and `landing` (the spacecraft record's own,
// checked by "detailed mode and detail endpoint") and payload flights (the stand-in has none).
Object.assign(SCHEMAS, {
SpacecraftFlightDetailed: {type:'object',properties:{id:{type:'integer'},url:{type:'string',format:'uri'},destination:{type:'string',nullable:true},mission_end:{type:'string',format:'date-time',nullable:true},spacecraft:{'$ref':'SpacecraftDetailed'},launch:{'$ref':'LaunchNormal'},landing:{'$ref':'Landing'},duration:{type:'string'},turn_around_time:{type:'string'},response_mode:{type:'string'},launch_crew:{type:'array',items:{'$ref':'AstronautFlight'}},onboard_crew:{type:'array',items:{'$ref':'AstronautFlight'}},landing_crew:{type:'array',items:{'$ref':'AstronautFlight'}},docking_events:{type:'array',items:{'$ref':'DockingEventForChaserNormal'}}},required:['docking_events','duration','id','landing','landing_crew','launch','launch_crew','onboard_crew','response_mode','spacecraft','turn_around_time','url']},
  SpacecraftDetailed: {type:'object',properties:{response_mode:{type:'string'},id:{type:'integer'},url:{type:'string',format:'uri'},name:{type:'string'},serial_number:{type:'string',nullable:true},is_placeholder:{type:'boolean'},image:{nullable:true,allOf:[{'$ref':'Image'}]},in_space:{type:'boolean'},time_in_space:{type:'string',nullable:true},time_docked:{type:'string',nullable:true},flights_count:{type:'integer',nullable:true},mission_ends_count:{type:'integer',nullable:true},status:{'$ref':'SpacecraftStatus'},description:{type:'string'},spacecraft_config:{'$ref':'SpacecraftConfigDetailed'},fastest_turnaround:{type:'string',nullable:true}},required:['description','fastest_turnaround','flights_count','id','image','name','response_mode','spacecraft_config','status','time_docked','time_in_space','url']},
  SpacecraftStatus: {type:'object',properties:{id:{type:'integer'},name:{type:'string'}},required:['id','name']},
  AstronautFlight: {type:'object',properties:{id:{type:'integer'},role:{'$ref':'AstronautRole'},astronaut:{'$ref':'AstronautDetailed'}},required:['astronaut','id','role']},
  AstronautRole: {type:'object',properties:{id:{type:'integer'},role:{type:'string'},priority:{type:'integer'}},required:['id','role']},
  AstronautDetailed: {type:'object',properties:{id:{type:'integer'},url:{type:'string',format:'uri'},name:{type:'string'},status:{'$ref':'AstronautStatus'},agency:{nullable:true,allOf:[{'$ref':'AgencyMini'}]},image:{nullable:true,allOf:[{'$ref':'Image'}]},response_mode:{type:'string'},type:{'$ref':'AstronautType'},in_space:{type:'boolean'},time_in_space:{type:'string',nullable:true},eva_time:{type:'string'},age:{type:'integer',nullable:true},date_of_birth:{type:'string',format:'date',nullable:true},date_of_death:{type:'string',format:'date',nullable:true},nationality:{type:'array',items:{'$ref':'Country'}},bio:{type:'string'},wiki:{type:'string',nullable:true},last_flight:{type:'string',format:'date-time',nullable:true},first_flight:{type:'string',format:'date-time',nullable:true},social_media_links:{type:'array',items:{'$ref':'SocialMediaLink'}}},required:['agency','bio','eva_time','id','image','name','nationality','response_mode','social_media_links','status','time_in_space','type','url']},
  AstronautStatus: {type:'object',properties:{id:{type:'integer'},name:{type:'string'}},required:['id','name']},
  AstronautType: {type:'object',properties:{id:{type:'integer'},name:{type:'string'}},required:['id','name']},
  SocialMediaLink: {type:'object',properties:{id:{type:'integer'},social_media:{'$ref':'SocialMedia'},url:{type:'string',format:'uri',nullable:true}},required:['id','social_media','url']},
  SocialMedia: {type:'object',properties:{id:{type:'integer'},name:{type:'string'},url:{type:'string',format:'uri',nullable:true},logo:{nullable:true,allOf:[{'$ref':'Image'}]}},required:['id','logo','url']},
  DockingEventForChaserNormal: {type:'object',properties:{id:{type:'integer'},url:{type:'string',format:'uri'},docking:{type:'string',format:'date-time'},departure:{type:'string',format:'date-time',nullable:true},docking_location:{'$ref':'DockingLocation'},space_station_target:{'$ref':'SpaceStationNormal'},flight_vehicle_target:{'$ref':'SpacecraftFlightNormal'},payload_flight_target:{'$ref':'PayloadFlightNormal'}},required:['docking','docking_location','flight_vehicle_target','id','payload_flight_target','space_station_target','url']},
  DockingLocation: {type:'object',properties:{id:{type:'integer'},name:{type:'string'},spacestation:{'$ref':'SpaceStationMini'},spacecraft:{'$ref':'SpacecraftConfigNormal'},payload:{'$ref':'PayloadMini'}},required:['id','name','payload','spacecraft','spacestation']},
  SpaceStationMini: {type:'object',properties:{id:{type:'integer'},url:{type:'string',format:'uri'},name:{type:'string'},image:{nullable:true,allOf:[{'$ref':'Image'}]}},required:['id','image','name','url']},
  SpaceStationNormal: {type:'object',properties:{id:{type:'integer'},url:{type:'string',format:'uri'},name:{type:'string'},image:{nullable:true,allOf:[{'$ref':'Image'}]},status:{'$ref':'SpaceStationStatus'},founded:{type:'string',format:'date'},deorbited:{type:'string',format:'date',nullable:true},description:{type:'string'},orbit:{type:'string',nullable:true},type:{'$ref':'SpaceStationType'}},required:['description','founded','id','image','name','orbit','status','type','url']},
  SpaceStationStatus: {type:'object',properties:{id:{type:'integer'},name:{type:'string'}},required:['id','name']},
  SpaceStationType: {type:'object',properties:{id:{type:'integer'},name:{type:'string'}},required:['id','name']},
  SpacecraftFlightNormal: {type:'object',properties:{id:{type:'integer'},url:{type:'string',format:'uri'},destination:{type:'string',nullable:true},mission_end:{type:'string',format:'date-time',nullable:true},spacecraft:{'$ref':'SpacecraftNormal'},launch:{'$ref':'LaunchNormal'},landing:{'$ref':'Landing'},duration:{type:'string'},turn_around_time:{type:'string'},response_mode:{type:'string'}},required:['duration','id','landing','launch','response_mode','spacecraft','turn_around_time','url']},
  SpacecraftNormal: {type:'object',properties:{response_mode:{type:'string'},id:{type:'integer'},url:{type:'string',format:'uri'},name:{type:'string'},serial_number:{type:'string',nullable:true},is_placeholder:{type:'boolean'},image:{nullable:true,allOf:[{'$ref':'Image'}]},in_space:{type:'boolean'},time_in_space:{type:'string',nullable:true},time_docked:{type:'string',nullable:true},flights_count:{type:'integer',nullable:true},mission_ends_count:{type:'integer',nullable:true},status:{'$ref':'SpacecraftStatus'},description:{type:'string'},spacecraft_config:{'$ref':'SpacecraftConfigNormal'},fastest_turnaround:{type:'string',nullable:true}},required:['description','fastest_turnaround','flights_count','id','image','name','response_mode','spacecraft_config','status','time_docked','time_in_space','url']},
  PayloadMini: {type:'object',properties:{response_mode:{type:'string'},id:{type:'integer'},name:{type:'string'},type:{'$ref':'PayloadType'},manufacturer:{'$ref':'AgencyMini'},operator:{'$ref':'AgencyMini'},image:{nullable:true,allOf:[{'$ref':'Image'}]}},required:['id','image','manufacturer','operator','response_mode','type']},
  PayloadType: {type:'object',properties:{id:{type:'integer'},name:{type:'string'}},required:['id']},
  LaunchNormal: {},
  Landing: {},
  PayloadFlightNormal: {},
});
// Where we knowingly differ from the published schema (drf-spectacular output, which marks every
// nested serializer and method field as never null): a docking event has one target and a docking
// location one owner, the other two null; a flight without a landing (burnt up, still flying) has
// `landing: null`; duration and turnaround are null when unknown (no mission end, first flight),
// as the stand-in's spacecraft records already send them; spacecraft 901 exists to have an image
// without a thumbnail (see README), and flies.
const SCHEMA_DEVIATIONS = {
  Image: ['thumbnail_url'],
  DockingEventForChaserNormal: ['space_station_target', 'flight_vehicle_target', 'payload_flight_target'],
  DockingLocation: ['spacestation', 'spacecraft', 'payload'],
  SpacecraftFlightDetailed: ['landing', 'duration', 'turn_around_time'],
  SpacecraftFlightNormal: ['landing', 'duration', 'turn_around_time'],
};
for (const [name, keys] of Object.entries(SCHEMA_DEVIATIONS)) {
  for (const key of keys) {
    const property = SCHEMAS[name].properties[key];
    SCHEMAS[name].properties[key] = property.$ref ? { allOf: [{ $ref: property.$ref }], nullable: true } : { ...property, nullable: true };
  }
}

/**
 * Checks `value` against a schema of SCHEMAS, strictly: required keys present (null only where
 * the schema says nullable), no key the schema does not list, `date`, `date-time` and `uri` formats. Returns
 * the problems as `path: message` lines.
 */
function schemaProblems(value, schema, path = '$', problems = []) {
  if (schema.$ref) return schemaProblems(value, SCHEMAS[schema.$ref], path, problems);
  if (value === null) {
    if (!schema.nullable) problems.push(`${path}: null where the schema does not allow it`);
    return problems;
  }
  for (const part of schema.allOf ?? []) schemaProblems(value, part, path, problems);
  const type = Array.isArray(value) ? 'array' : typeof value;
  switch (schema.type) {
    case undefined: break;
    case 'integer':
      if (!Number.isInteger(value)) problems.push(`${path}: ${JSON.stringify(value)} is not an integer`);
      break;
    case 'number':
      if (type !== 'number' || !Number.isFinite(value)) problems.push(`${path}: ${JSON.stringify(value)} is not a number`);
      break;
    case 'object': {
      if (type !== 'object') { problems.push(`${path}: a ${type}, not an object`); break; }
      for (const key of schema.required ?? []) {
        if (!(key in value)) problems.push(`${path}.${key}: missing`);
      }
      for (const [key, item] of Object.entries(value)) {
        if (!Object.hasOwn(schema.properties ?? {}, key)) problems.push(`${path}.${key}: not in the schema`);
        else schemaProblems(item, schema.properties[key], `${path}.${key}`, problems);
      }
      break;
    }
    case 'array':
      if (type !== 'array') { problems.push(`${path}: a ${type}, not an array`); break; }
      value.forEach((item, i) => schemaProblems(item, schema.items, `${path}[${i}]`, problems));
      break;
    default:
      if (type !== schema.type) { problems.push(`${path}: a ${type}, not a ${schema.type}`); break; }
      if (schema.format === 'date' && !(/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)))) {
        problems.push(`${path}: ${JSON.stringify(value)} is not a date`);
      }
      if (schema.format === 'date-time' && !(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) && !Number.isNaN(Date.parse(value)))) {
        problems.push(`${path}: ${JSON.stringify(value)} is not a date-time`);
      }
      // DRF URL fields may be blank ("" for "no link"): only a non-empty value must be a URL.
      if (schema.format === 'uri' && value !== '' && !/^https?:\/\/[^\s]+$/.test(value)) {
        problems.push(`${path}: ${JSON.stringify(value)} is not a URL`);
      }
  }
  return problems;
}

async function allConfigPages(query = '') {
  const first = (await get(`/spacecraft_configurations/?limit=100${query}`)).json;
  const second = (await get(first.next)).json;
  return [...first.results, ...second.results];
}

test('the schema check itself catches a wrong shape', () => {
  const good = { id: 1, name: 'Capsule' };
  assert.deepEqual(schemaProblems(good, { $ref: 'SpacecraftConfigType' }), []);
  assert.deepEqual(schemaProblems({ id: '1', name: 'Capsule', extra: 1 }, { $ref: 'SpacecraftConfigType' }),
    ['$.id: "1" is not an integer', '$.extra: not in the schema']);
  assert.deepEqual(schemaProblems({ name: 'x' }, { $ref: 'SpacecraftConfigType' }), ['$.id: missing']);
  assert.deepEqual(schemaProblems(null, { $ref: 'AgencyMini' }), ['$: null where the schema does not allow it']);
  assert.deepEqual(schemaProblems(null, { allOf: [{ $ref: 'Image' }], nullable: true }), []);
  assert.deepEqual(schemaProblems('1999-13-45x', { type: 'string', format: 'date' }), ['$: "1999-13-45x" is not a date']);
});

test('the configuration list (normal mode) is shaped like SpacecraftConfigNormal, agency as AgencyMini', async () => {
  const all = await allConfigPages();
  assert.equal(all.length, 130);
  assert.deepEqual(all.map((c) => c.id).sort((a, b) => a - b), Array.from({ length: 130 }, (_, i) => i + 1));
  for (const config of all) {
    assert.deepEqual(schemaProblems(config, { $ref: 'SpacecraftConfigNormal' }), [], `configuration ${config.id}`);
    assert.equal(config.response_mode, 'normal');
    assert.deepEqual(Object.keys(config), ['response_mode', 'id', 'url', 'name', 'type', 'agency', 'family', 'in_use', 'image']);
    assert.deepEqual(Object.keys(config.agency), ['response_mode', 'id', 'url', 'name', 'abbrev', 'type'], `agency of ${config.id}`);
    assert.equal(config.agency.response_mode, 'list');
    assert.equal(config.url, `${s.base}/spacecraft_configurations/${config.id}/`);
  }
  // The seed page's configurations are listed exactly as the seed nests them.
  const seedConfigs = new Map(loadSeedPage().results.map((r) => [r.spacecraft_config.id, r.spacecraft_config]));
  for (const [id, seedConfig] of seedConfigs) {
    assert.deepEqual(withoutUrls(all.find((c) => c.id === id)), withoutUrls(seedConfig), `seed configuration ${id}`);
  }
  // Nulls where the schema allows them, and values elsewhere.
  assert.ok(all.some((c) => c.image === null) && all.some((c) => c.image !== null), 'some images are null');
  assert.ok(all.some((c) => c.family === null) && all.some((c) => Array.isArray(c.family) && c.family.length), 'family null, [] or items');
  // The same normal view is nested in spacecraft records.
  const { json: dragons } = await get('/spacecraft/?spacecraft_config=3&limit=1');
  assert.deepEqual(dragons.results[0].spacecraft_config, all.find((c) => c.id === 3));
});

test('a configuration (detail endpoint) is shaped like SpacecraftConfigDetailed, agency as AgencyNormal', async () => {
  const details = [];
  for (let id = 1; id <= 130; id++) {
    const { status, json } = await get(`/spacecraft_configurations/${id}/`);
    assert.equal(status, 200, `configuration ${id}`);
    assert.deepEqual(schemaProblems(json, { $ref: 'SpacecraftConfigDetailed' }), [], `configuration ${id}`);
    assert.equal(json.response_mode, 'detailed');
    assert.equal(json.agency.response_mode, 'normal');
    details.push(json);
  }
  // Every nullable field is null somewhere and set somewhere else.
  for (const key of ['image', 'family', 'maiden_flight', 'height', 'diameter', 'crew_capacity', 'payload_capacity',
    'payload_return_capacity', 'flight_life', 'spacecraft_flown', 'total_launch_count', 'successful_launches',
    'failed_launches', 'attempted_landings', 'successful_landings', 'failed_landings', 'fastest_turnaround']) {
    assert.ok(details.some((c) => c[key] === null), `some configuration has ${key}: null`);
    assert.ok(details.some((c) => c[key] !== null), `some configuration has a ${key}`);
  }
  for (const key of ['description', 'administrator', 'founding_year', 'parent', 'image', 'logo', 'social_logo']) {
    assert.ok(details.some((c) => c.agency[key] === null), `some agency has ${key}: null`);
    assert.ok(details.some((c) => c.agency[key] !== null), `some agency has a ${key}`);
  }
  assert.ok(details.some((c) => c.info_link === '') && details.some((c) => c.info_link.startsWith('https://')));
  // A detailed family carries its manufacturer as AgencyNormal, and its counts.
  const dragon2 = details.find((c) => c.id === 3);
  assert.equal(dragon2.family[0].name, 'Dragon');
  assert.equal(dragon2.family[0].manufacturer.founding_year, 2002);
  assert.equal(typeof dragon2.family[0].spacecraft_flown, 'number');
  // The detailed record agrees with the listed one on what both carry.
  const listed = (await allConfigPages()).find((c) => c.id === 3);
  for (const key of ['id', 'url', 'name', 'type', 'in_use', 'image']) assert.deepEqual(dragon2[key], listed[key], key);
  for (const key of ['id', 'url', 'name', 'abbrev', 'type']) assert.deepEqual(dragon2.agency[key], listed.agency[key], `agency.${key}`);
  // The all-null configuration of the data set.
  const nullable = details.find((c) => c.id === 120);
  for (const key of ['image', 'family', 'maiden_flight', 'height', 'diameter', 'crew_capacity', 'flight_life',
    'spacecraft_flown', 'total_launch_count', 'fastest_turnaround']) {
    assert.equal(nullable[key], null, key);
  }
  assert.equal(nullable.wiki_link, '');
  assert.equal(nullable.agency.abbrev, '');
  assert.deepEqual(nullable.agency.country, []);

  const missing = await get('/spacecraft_configurations/131/');
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.json, { detail: 'No SpacecraftConfiguration matches the given query.' });
});

test('detailed configurations elsewhere (mode=detailed lists, detailed spacecraft) have the same shape', async () => {
  for (const config of await allConfigPages('&mode=detailed')) {
    assert.deepEqual(schemaProblems(config, { $ref: 'SpacecraftConfigDetailed' }), [], `configuration ${config.id}`);
  }
  const { json: craft } = await get('/spacecraft/95/');
  assert.deepEqual(schemaProblems(craft.spacecraft_config, { $ref: 'SpacecraftConfigDetailed' }), []);
  assert.deepEqual(craft.spacecraft_config, (await get('/spacecraft_configurations/10/')).json);
  const { json: page } = await get('/spacecraft/?mode=detailed&limit=100');
  for (const r of page.results) {
    assert.deepEqual(schemaProblems(r.spacecraft_config, { $ref: 'SpacecraftConfigDetailed' }), [], `spacecraft ${r.id}`);
  }
});

// --- spacecraft flights (the logbook) against the 2.3.0 schema ---------------------

test('spacecraft flights are shaped like SpacecraftFlightDetailed (detailed) and SpacecraftFlightNormal', async () => {
  const detailed = (await get('/spacecraft_flights/?mode=detailed&limit=100')).json;
  assert.equal(detailed.count, 100);
  assert.equal(detailed.results.length, 100);
  // 908's image URLs are `javascript:` on purpose (the app must not use them).
  const hostile = (flight) => (flight.spacecraft.id === SPECIAL_IDS.javascriptUrl
    ? ['$.spacecraft.image.image_url: "javascript:alert(1)" is not a URL',
      '$.spacecraft.image.thumbnail_url: "javascript:alert(1)" is not a URL']
    : []);
  for (const flight of detailed.results) {
    assert.deepEqual(schemaProblems(flight, { $ref: 'SpacecraftFlightDetailed' }), hostile(flight), `flight ${flight.id}`);
    assert.equal(flight.response_mode, 'detailed');
  }
  const normal = (await get('/spacecraft_flights/?limit=100')).json;
  for (const flight of normal.results) {
    assert.deepEqual(schemaProblems(flight, { $ref: 'SpacecraftFlightNormal' }), hostile(flight), `flight ${flight.id}`);
    assert.ok(!('launch_crew' in flight) && !('docking_events' in flight));
  }
  // A record is the detailed one of the list, and the flights are the spacecraft records' own.
  const { json: one } = await get('/spacecraft_flights/4012/');
  assert.deepEqual(one, detailed.results.find((flight) => flight.id === 4012));
  const craft = (await get('/spacecraft/401/')).json;
  assert.deepEqual(craft.flights.map((f) => f.id), [4011, 4012, 4013]);
  // The schema copy catches a wrong shape here too.
  const broken = { ...one, docking_events: [{ ...one.docking_events[0], docking: 'soon', extra: 1 }] };
  assert.deepEqual(schemaProblems(broken, { $ref: 'SpacecraftFlightDetailed' }),
    ['$.docking_events[0].docking: "soon" is not a date-time', '$.docking_events[0].extra: not in the schema']);
  for (const p of ['/spacecraft_flights/999999/', '/spacecraft_flights/abc/']) {
    assert.deepEqual((await get(p)).json, { detail: 'No SpacecraftFlight matches the given query.' });
  }
});

test('spacecraft flights: the spacecraft filter and paging', async () => {
  const { json } = await get('/spacecraft_flights/?spacecraft=401&mode=detailed&limit=100');
  assert.equal(json.count, 3);
  assert.deepEqual(ids(json), [4011, 4012, 4013]);
  assert.ok(json.results.every((flight) => flight.spacecraft.id === 401 && !('flights' in flight.spacecraft)));
  assert.equal(json.next, null);
  const first = (await get('/spacecraft_flights/?spacecraft=401&mode=detailed&limit=2')).json;
  assert.equal(first.next, `${s.base}/spacecraft_flights/?limit=2&mode=detailed&offset=2&spacecraft=401`);
  assert.deepEqual(ids((await get(first.next)).json), [4013]);
  assert.equal((await get('/spacecraft_flights/?spacecraft=441')).json.count, 0, 'a spacecraft that never flew');
  for (const bad of ['abc', '123456']) {
    const answer = await get(`/spacecraft_flights/?spacecraft=${bad}`);
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.json, { spacecraft: ['Select a valid choice. That choice is not one of the available choices.'] });
  }
});

test('spacecraft flights: crews and dockings, with nulls and non-Latin names', async () => {
  const flightsOf = async (id) => (await get(`/spacecraft_flights/?spacecraft=${id}&mode=detailed&limit=100`)).json.results;
  const names = (crew) => crew.map((seat) => seat.astronaut.name);
  // A reused capsule: the same crew launches and lands; someone flew on it twice.
  const resilience = await flightsOf(401);
  assert.ok(resilience.every((f) => f.launch_crew.length === 4 && f.onboard_crew.length === 0));
  assert.ok(resilience.every((f) => JSON.stringify(names(f.launch_crew)) === JSON.stringify(names(f.landing_crew))));
  const times = resilience.flatMap((f) => names(f.launch_crew)).filter((name, _, all) => all.indexOf(name) !== all.lastIndexOf(name));
  assert.ok(times.length > 0, 'someone flew on 401 twice');
  assert.equal(resilience[1].docking_events.length, 2, 'a relocation: two dockings on one flight');
  // Soyuz: one of the crew comes home on another craft.
  const [soyuz] = await flightsOf(420);
  assert.notDeepEqual(names(soyuz.launch_crew), names(soyuz.landing_crew));
  assert.ok(names(soyuz.launch_crew).some((name) => /[\u0400-\u04ff]/.test(name)), 'Cyrillic names');
  // Still in space: the crew is on board, no landing crew, docked now.
  const [up] = await flightsOf(424);
  assert.equal(up.mission_end, null);
  assert.deepEqual([up.onboard_crew.length, up.landing_crew.length], [3, 0]);
  assert.equal(up.docking_events.at(-1).departure, null);
  assert.equal(up.docking_events[0].space_station_target.name, 'International Space Station');
  assert.equal(up.docking_events[0].docking_location.spacestation.name, 'International Space Station');
  // Cargo: dockings, no crew. Never docked: neither.
  const [cargo] = await flightsOf(430);
  assert.deepEqual([cargo.launch_crew, cargo.onboard_crew, cargo.landing_crew], [[], [], []]);
  assert.equal(cargo.docking_events.length, 1);
  for (const flight of await flightsOf(490)) {
    assert.deepEqual([flight.launch_crew.length, flight.docking_events.length], [0, 0]);
  }
  // Chinese names and a port name; a docking with a vehicle instead of a station.
  const [shenzhou] = await flightsOf(905);
  assert.ok(names(shenzhou.launch_crew).includes('聂海胜'));
  assert.equal(shenzhou.docking_events[0].docking_location.name, '天和核心舱前向端口');
  const vehicle = (await flightsOf(903))[1].docking_events[0];
  assert.equal(vehicle.space_station_target, null);
  assert.equal(vehicle.flight_vehicle_target.spacecraft.name, 'Crew Dragon Endurance');
  // Photos: a stand-in image, none, or one that answers 404; and someone without an agency.
  const seats = (await get('/spacecraft_flights/?mode=detailed&limit=100')).json.results
    .flatMap((f) => [...f.launch_crew, ...f.onboard_crew, ...f.landing_crew]).map((seat) => seat.astronaut);
  assert.ok(seats.some((a) => a.image === null));
  assert.ok(seats.some((a) => a.image && a.image.thumbnail_url.endsWith('/media/missing.jpg')));
  assert.ok(seats.some((a) => a.agency === null));
  assert.equal((await fetch(seats.find((a) => a.image && a.image.thumbnail_url.endsWith('.svg')).image.thumbnail_url)).status, 200);
});

// --- transport ------------------------------------------------------------------

test('CORS, preflight, unknown paths', async () => {
  const { res } = await get('/spacecraft/');
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After');
  const pre = await fetch(`${s.base}/spacecraft/`, { method: 'OPTIONS' });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-headers'), 'Authorization, Content-Type');
  assert.equal(pre.headers.get('access-control-allow-methods'), 'GET, OPTIONS');
  const nf = await get('/launches/');
  assert.equal(nf.status, 404);
  assert.deepEqual(nf.json, { detail: 'Not found.' });
  assert.equal(nf.res.headers.get('access-control-allow-origin'), '*');
  assert.equal((await get(`${s.origin}/elsewhere`)).status, 404);
});

test('fail rules: status, malformed body, times', async () => {
  s.failNext({ path: 'spacecraft/', status: 500 });
  const failed = await get('/spacecraft/');
  assert.equal(failed.status, 500);
  assert.equal(failed.res.headers.get('access-control-allow-origin'), '*');
  assert.equal((await get('/spacecraft/')).status, 200, 'times defaults to 1');

  await control('fail', { body: '{not json', match_query: 'search=foo', times: 2 });
  assert.equal((await get('/spacecraft/?search=bar')).status, 200);
  for (let i = 0; i < 2; i++) {
    const bad = await get('/spacecraft/?search=foo');
    assert.equal(bad.status, 200);
    assert.equal(bad.text, '{not json');
  }
  assert.equal((await get('/spacecraft/?search=foo')).json.count, 0);

  s.failNext({ match_query: 'search=神舟', status: 503 });
  assert.equal((await get(`/spacecraft/?search=${encodeURIComponent('神舟')}`)).status, 503);

  s.failNext({ status: 502, times: 0 });
  for (let i = 0; i < 3; i++) assert.equal((await get('/spacecraft_configurations/')).status, 502);
  assert.equal((await get('/api-throttle/')).status, 200, 'api-throttle excluded by default');
  await control('reset', {});
  assert.equal((await get('/spacecraft_configurations/')).status, 200);

  const invalid = await control('fail', { stauts: 500 });
  assert.equal(invalid.status, 400);
  assert.throws(() => s.failNext({ times: -1 }), TypeError);
});

test('fail rules: throttling, CORS removal, delay, api-throttle override', async () => {
  s.failNext({ retry_after: 754 });
  const t = await get('/spacecraft/');
  assert.equal(t.status, 429);
  assert.equal(t.res.headers.get('retry-after'), '754');
  assert.deepEqual(t.json, { detail: 'Request was throttled. Expected available in 754 seconds.' });
  assert.equal(t.res.headers.get('access-control-allow-origin'), '*');

  s.failNext({ retry_after: 60, cors: false });
  const hidden = await get('/spacecraft/');
  assert.equal(hidden.status, 429);
  assert.equal(hidden.res.headers.get('access-control-allow-origin'), null);
  assert.equal(hidden.res.headers.get('access-control-expose-headers'), null);

  s.failNext({ cors: false });
  const ok = await get('/spacecraft/');
  assert.equal(ok.status, 200);
  assert.equal(ok.res.headers.get('access-control-allow-origin'), null);

  s.failNext({ delay_ms: 300 });
  const t0 = Date.now();
  const slow = await get('/spacecraft/');
  assert.ok(Date.now() - t0 >= 280, 'delayed');
  assert.equal(slow.json.count, 66, 'normal answer after the delay');

  s.failNext({ status: 504, delay_ms: 100, headers: { 'X-Test': 'yes' } });
  const t1 = Date.now();
  const gw = await get('/spacecraft/');
  assert.ok(Date.now() - t1 >= 90);
  assert.equal(gw.status, 504);
  assert.equal(gw.res.headers.get('x-test'), 'yes');

  const before = (await get('/api-throttle/')).json.current_use;
  await get('/spacecraft/');
  await get('/spacecraft/95/');
  const after = (await get('/api-throttle/')).json;
  assert.equal(after.current_use, before + 2, 'api-throttle itself is free');
  assert.deepEqual(Object.keys(after), ['your_request_limit', 'limit_frequency_secs', 'current_use', 'next_use_secs', 'ident']);

  s.failNext({ retry_after: 754, times: 0, throttle: { current_use: 15, next_use_secs: 754 } });
  const q = (await get('/api-throttle/')).json;
  assert.equal(q.current_use, 15);
  assert.equal(q.next_use_secs, 754);
  assert.equal((await get('/spacecraft/')).status, 429);
  s.reset();
  assert.equal((await get('/api-throttle/')).json.next_use_secs, 0);
});

test('request log', async () => {
  await get('/spacecraft/?search=a%20b&limit=5', { headers: { Authorization: 'Token abc' } });
  await get('/spacecraft/95/');
  await fetch(`${s.base}/spacecraft/`, { method: 'OPTIONS' });
  await fetch(`${s.origin}/media/x.svg`);
  const log = s.requests();
  assert.equal(log.length, 2);
  assert.equal(log[0].method, 'GET');
  assert.equal(log[0].path, '/2.3.0/spacecraft/');
  assert.equal(log[0].query, 'search=a%20b&limit=5');
  assert.deepEqual(log[0].params, { search: 'a b', limit: '5' });
  assert.equal(log[0].authorization, 'Token abc');
  assert.equal(log[1].authorization, null);
  assert.ok(Math.abs(log[1].at - Date.now()) < 5000);
  const viaHttp = await control('requests');
  assert.deepEqual(viaHttp.json.map((e) => e.path), ['/2.3.0/spacecraft/', '/2.3.0/spacecraft/95/']);
  s.reset();
  assert.deepEqual(s.requests(), []);
});

test('CLI prints the listening line and stops on SIGTERM', async () => {
  const script = fileURLToPath(new URL('./server.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => { buf += d; if (buf.includes('\n')) resolve(buf); });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
  });
  const m = /^LL2_STANDIN_LISTENING (http:\/\/127\.0\.0\.1:\d+\/2\.3\.0)\n$/.exec(line);
  assert.ok(m, line);
  const res = await fetch(`${m[1]}/spacecraft/?limit=1`);
  assert.equal((await res.json()).count, 66);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
});
