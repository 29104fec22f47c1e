// Deterministic data set of the LL2 2.3.0 stand-in.
//
// Everything is built in code from fixtures/seed-page.json (a real API page) plus
// hand-written tables, with no randomness, so every run serves the same bytes and
// tests may rely on ids, names and counts. The data is built once per server start
// because URLs inside it must point at the stand-in's own origin (its port is only
// known after listening).
//
// `node tests/ll2-standin/dataset.mjs` prints a summary table of the spacecraft.

import { readFileSync, realpathSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { logbookBuilder } from './logbook.mjs';

export const SEED_PAGE_PATH = fileURLToPath(new URL('./fixtures/seed-page.json', import.meta.url));

// Hosts found in the seed page, rewritten to the stand-in at build time.
const UPSTREAM_API = 'https://lldev.thespacedevs.com/2.3.0';
const UPSTREAM_MEDIA = /^https:\/\/[^/]*digitaloceanspaces\.com\//;

/** Ids of records that exist to exercise edge cases (documented in README.md). */
export const SPECIAL_IDS = Object.freeze({
  seed: Object.freeze([95, 326, 330, 336, 327, 261, 265, 296, 342, 266]),
  allNull: 900,
  thumbnailNull: 901,
  missingImage: 902,
  longName: 903,
  longDescription: 904,
  shenzhou: 905,
  cyrillic: 906,
  urlSpecialChars: 907,
  javascriptUrl: 908,
  shuttles: Object.freeze({ Columbia: 1, Challenger: 2, Discovery: 3, Atlantis: 4, Endeavour: 5 }),
});

export const STATUSES = Object.freeze([
  { id: 1, name: 'Active' },
  { id: 2, name: 'Retired' },
  { id: 3, name: 'Destroyed' },
  { id: 4, name: 'Single Use' },
  { id: 5, name: 'Unknown' },
]);
const [ACTIVE, RETIRED, DESTROYED, SINGLE_USE, UNKNOWN] = [1, 2, 3, 4, 5];

export const LONG_NAME = ('VeryLongSpacecraftNameWithoutAnySpaces_' +
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.repeat(4)).slice(0, 130);

const LONG_DESCRIPTION_END = ' [END OF DESCRIPTION]';
export const LONG_DESCRIPTION = (
  'This deliberately long description exists to test wrapping, clamping and scrolling ' +
  'of spacecraft descriptions in the Spacecraft Explorer. '
).repeat(40).slice(0, 3000 - LONG_DESCRIPTION_END.length) + LONG_DESCRIPTION_END;

// ---------------------------------------------------------------------------
// Agencies, config types, families (list-mode objects as nested by the API)
// ---------------------------------------------------------------------------

const AGENCY_TYPES = { gov: { id: 1, name: 'Government' }, multi: { id: 2, name: 'Multinational' },
  com: { id: 3, name: 'Commercial' }, unknown: { id: 5, name: 'Unknown' } };

// id: [name, abbrev, type]
const AGENCIES = {
  17: ['China National Space Administration', 'CNSA', 'gov'],
  27: ['European Space Agency', 'ESA', 'multi'],
  31: ['Indian Space Research Organization', 'ISRO', 'gov'],
  37: ['Japan Aerospace Exploration Agency', 'JAXA', 'gov'],
  44: ['National Aeronautics and Space Administration', 'NASA', 'gov'],
  63: ['Russian Federal Space Agency (ROSCOSMOS)', 'RFSA', 'gov'],
  66: ['Soviet Space Program', 'CCCP', 'gov'],
  80: ['Boeing', 'BA', 'com'],
  88: ['China Aerospace Science and Technology Corporation', 'CASC', 'gov'],
  115: ['Arianespace', 'ASA', 'com'],
  121: ['SpaceX', 'SpX', 'com'],
  124: ['United Launch Alliance', 'ULA', 'com'],
  141: ['Blue Origin', 'BO', 'com'],
  257: ['Northrop Grumman Space Systems', 'NGSS', 'com'],
  999: ['North American Aviation', '', 'com'],
  1000: ['Energia', 'OKB-1', 'gov'],
  1022: ['Sierra Space', 'SS', 'com'],
  5000: ['Nullable Test Agency', '', 'unknown'],
};

// What detailed configurations add to their agency (AgencyNormal in the 2.3.0 schema).
// id: [country codes, founding_year, administrator, featured, launchers, spacecraft, parent]
// Nullable fields are null here and there, as in real records; 5000 has every one null.
const AGENCY_DETAILS = {
  17: [['CHN'], 1993, 'Administrator: Zhang Kejian', false, 'Long March', 'Shenzhou | Tianzhou', null],
  27: [['FRA', 'DEU', 'ITA'], 1975, 'Director General: Josef Aschbacher', true, 'Ariane | Vega', 'ATV | Space Rider', null],
  31: [['IND'], 1969, 'Chairman: S. Somanath', false, 'PSLV | GSLV', 'Gaganyaan', null],
  37: [['JPN'], 2003, 'President: Hiroshi Yamakawa', false, 'H-IIA | H-IIB | H3', 'HTV | HTV-X', null],
  44: [['USA'], 1958, 'Administrator: Bill Nelson', true, 'Space Shuttle | SLS', 'Space Shuttle | Orion', null],
  63: [['RUS'], 1992, 'Director General: Yury Borisov', true, 'Soyuz | Proton | Angara', 'Soyuz | Progress', null],
  66: [['SUN'], 1955, null, false, 'Vostok | Soyuz | Energia', 'Vostok | Voskhod | Soyuz | Buran', null],
  80: [['USA'], 1916, 'CEO: Kelly Ortberg', false, '', 'CST-100 Starliner | X-37B', null],
  88: [['CHN'], 1999, null, false, 'Long March', 'Shenzhou | Tianzhou | Mengzhou',
    'China National Space Administration'],
  115: [['FRA'], 1980, 'CEO: David Cavaillolès', false, 'Ariane 5 | Ariane 6 | Vega', '', null],
  121: [['USA'], 2002, 'CEO: Elon Musk', true, 'Falcon | Starship', 'Dragon', null],
  124: [['USA'], 2006, 'CEO: Tory Bruno', false, 'Atlas V | Vulcan', '', null],
  141: [['USA'], 2000, 'CEO: Dave Limp', false, 'New Shepard | New Glenn', 'New Shepard Crew Capsule | Blue Moon', null],
  257: [['USA'], 1994, null, false, 'Antares | Minotaur', 'Cygnus', 'Northrop Grumman'],
  999: [['USA'], 1928, null, false, '', 'Apollo Command/Service Module', null],
  1000: [['RUS'], 1946, 'General Designer: Igor Maltsev', false, 'Energia', 'Soyuz | Progress', null],
  1022: [['USA'], 2021, 'CEO: Fatih Ozmen', false, '', 'Dream Chaser', 'Sierra Nevada Corporation'],
  5000: [[], null, null, false, '', '', null],
};

// alpha-3: [id, name, alpha-2, nationality]
const COUNTRIES = {
  CHN: [1, 'China', 'CN', 'Chinese'],
  DEU: [2, 'Germany', 'DE', 'German'],
  FRA: [3, 'France', 'FR', 'French'],
  IND: [4, 'India', 'IN', 'Indian'],
  ITA: [5, 'Italy', 'IT', 'Italian'],
  JPN: [6, 'Japan', 'JP', 'Japanese'],
  RUS: [7, 'Russia', 'RU', 'Russian'],
  SUN: [8, 'Soviet Union', 'SU', 'Soviet'],
  USA: [9, 'United States of America', 'US', 'American'],
};

const CONFIG_TYPES = { unknown: { id: 1, name: 'Unknown' }, capsule: { id: 2, name: 'Capsule' },
  plane: { id: 3, name: 'Spaceplane' }, cargo: { id: 4, name: 'Cargo Resupply' } };

const UNKNOWN_LICENSE = { id: 1, name: 'Unknown', priority: 9, link: null };
const PD_LICENSE = { id: 4, name: 'Public Domain', priority: 1, link: 'https://creativecommons.org/publicdomain/mark/1.0/' };

// ---------------------------------------------------------------------------
// Spacecraft configurations
// ---------------------------------------------------------------------------

// Named configurations (ids 1..46 and 120). Ids 10, 34, 35, 36 come from the seed page.
// id: [name, agencyId, type, family, in_use, human_rated, crew, maiden_flight]
const NAMED_CONFIGS = {
  1: ['Space Shuttle', 44, 'plane', null, false, true, 8, '1981-04-12'],
  2: ['Dragon 1', 121, 'cargo', 'dragon', false, false, null, '2010-12-08'],
  3: ['Dragon 2', 121, 'capsule', 'dragon', true, true, 4, '2019-03-02'],
  4: ['Soyuz MS', 63, 'capsule', 'soyuz', true, true, 3, '2016-07-07'],
  5: ['Orion', 44, 'capsule', null, true, true, 4, '2014-12-05'],
  6: ['CST-100 Starliner', 80, 'capsule', null, true, true, 7, '2019-12-20'],
  7: ['Cygnus', 257, 'cargo', null, true, false, null, '2013-09-18'],
  8: ['H-II Transfer Vehicle', 37, 'cargo', null, false, false, null, '2009-09-10'],
  9: ['Automated Transfer Vehicle', 27, 'cargo', null, false, false, null, '2008-03-09'],
  11: ['Shenzhou', 17, 'capsule', null, true, true, 3, '1999-11-19'],
  12: ['Tianzhou', 17, 'cargo', null, true, false, null, '2017-04-20'],
  13: ['Progress MS', 63, 'cargo', 'progress', true, false, null, '2015-12-21'],
  14: ['Vostok 3KA', 66, 'capsule', null, false, true, 1, '1961-03-09'],
  15: ['Mercury', 44, 'capsule', null, false, true, 1, '1960-07-29'],
  16: ['Gemini', 44, 'capsule', null, false, true, 2, '1964-04-08'],
  17: ['Buran', 66, 'plane', null, false, true, 10, '1988-11-15'],
  18: ['X-37B', 80, 'plane', null, true, false, null, '2010-04-22'],
  19: ['Dream Chaser', 1022, 'plane', null, true, false, null, null],
  20: ['Starship', 121, 'unknown', null, true, false, null, '2023-04-20'],
  21: ['Soyuz TMA-M', 63, 'capsule', 'soyuz', false, true, 3, '2010-10-07'],
  22: ['Soyuz TMA', 63, 'capsule', 'soyuz', false, true, 3, '2002-10-30'],
  23: ['Soyuz TM', 66, 'capsule', 'soyuz', false, true, 3, '1986-05-21'],
  24: ['Soyuz T', 66, 'capsule', 'soyuz', false, true, 3, '1978-12-16'],
  25: ['Soyuz 7K-OK', 66, 'capsule', 'soyuz', false, true, 3, '1966-11-28'],
  26: ['Voskhod', 66, 'capsule', null, false, true, 3, '1964-10-06'],
  27: ['Apollo Lunar Module', 44, 'unknown', null, false, true, 2, '1968-01-22'],
  28: ['Gaganyaan', 31, 'capsule', null, true, true, 3, null],
  29: ['Mengzhou', 17, 'capsule', null, true, true, 6, '2020-05-05'],
  30: ['Orel', 63, 'capsule', null, false, true, 4, null],
  31: ['HTV-X', 37, 'cargo', null, true, false, null, null],
  32: ['Dragon XL', 121, 'cargo', 'dragon', false, false, null, null],
  33: ['Space Rider', 27, 'plane', null, true, false, null, null],
  37: ['Hermes', 27, 'plane', null, false, true, 3, null],
  38: ['Kliper', 63, 'plane', null, false, true, 6, null],
  39: ['TKS', 66, 'capsule', null, false, true, 3, '1977-07-17'],
  40: ['Cygnus Enhanced', 257, 'cargo', null, true, false, null, '2015-12-06'],
  41: ['X-38 Crew Return Vehicle', 44, 'plane', null, false, true, 7, null],
  42: ['HOPE-X', 37, 'plane', null, false, false, null, null],
  43: ['Dream Chaser Crew', 1022, 'plane', null, false, true, 7, null],
  44: ['Blue Moon', 141, 'unknown', null, true, false, null, null],
  45: ['New Shepard Crew Capsule', 141, 'capsule', null, true, true, 6, '2015-04-29'],
  46: ['Soyuz 7K-T', 66, 'capsule', 'soyuz', false, true, 2, '1973-09-27'],
  120: ['Nullable Test Config', 5000, 'unknown', 'NULL', false, false, null, null],
};
const CONFIG_COUNT = 130; // ids 1..130; ids without a named entry become "Test Config <id>"
const NULL_CONFIG_ID = 120;

const FAMILIES = {
  dragon: { id: 3, name: 'Dragon', description: 'SpaceX family of reusable capsules.', manufacturer: 121, maiden_flight: '2010-12-08' },
  soyuz: { id: 1, name: 'Soyuz', description: 'Soviet and Russian family of crewed capsules.', manufacturer: 1000, maiden_flight: '1966-11-28' },
  // 'progress' is taken verbatim from the seed page
};

// Counts a family adds in detailed configurations (SpacecraftConfigFamilyDetailed), by family id:
// [spacecraft_flown, total_launch_count, successful_launches, failed_launches,
//  attempted_landings, successful_landings, failed_landings]. Progress capsules burn up: no landings.
const FAMILY_COUNTS = {
  1: [150, 152, 150, 2, 148, 146, 2],
  2: [170, 171, 167, 4, null, null, null],
  3: [52, 53, 53, 0, 51, 51, 0],
};
const FAMILY_COUNT_KEYS = ['spacecraft_flown', 'total_launch_count', 'successful_launches', 'failed_launches',
  'attempted_landings', 'successful_landings', 'failed_landings'];

// The normal view of each detailed configuration (seed configurations: the seed's own object).
const NORMAL_VIEWS = new WeakMap();

// ---------------------------------------------------------------------------
// Spacecraft (besides the 10 seed records)
// ---------------------------------------------------------------------------

// [id, name, serial, configId, status, in_space, is_placeholder, time_in_space, time_docked,
//  flights_count, mission_ends_count, fastest_turnaround]
const CRAFT = [
  // Space Shuttle orbiters: `search=shuttle` matches them through the config name.
  [1, 'Columbia', 'OV-102', 1, DESTROYED, false, false, 'P300DT17H40M22S', null, 28, 28, 'P56DT20H'],
  [2, 'Challenger', 'OV-099', 1, DESTROYED, false, false, 'P62DT7H56M22S', null, 10, 9, 'P48DT13H'],
  [3, 'Discovery', 'OV-103', 1, RETIRED, false, false, 'P364DT22H39M29S', 'P83DT2H15M', 39, 39, 'P54DT1H'],
  [4, 'Atlantis', 'OV-104', 1, RETIRED, false, false, 'P306DT14H12M43S', 'P62DT14H50M', 33, 33, 'P54DT5H'],
  [5, 'Endeavour', 'OV-105', 1, RETIRED, false, false, 'P296DT3H34M2S', 'P82DT9H59M', 25, 25, 'P51DT22H'],
  // Dragon 2
  [400, 'Crew Dragon C206', 'C206', 3, ACTIVE, false, false, 'P281DT15H35M', 'P277DT2H17M', 5, 5, 'P102DT21H24M'],
  [401, 'Crew Dragon Resilience', 'C207', 3, ACTIVE, false, false, 'P330DT9H49M', 'P326DT4H31M', 4, 4, 'P201DT6H'],
  [402, 'Crew Dragon Endurance', 'C210', 3, ACTIVE, true, false, 'P505DT3H22M', 'P498DT18H4M', 4, 3, 'P148DT19H'],
  [403, 'Crew Dragon Freedom', 'C212', 3, ACTIVE, false, false, 'P367DT12H2M', 'P361DT7H16M', 3, 3, null],
  [404, 'Crew Dragon Grace', 'C213', 3, ACTIVE, true, false, 'P20DT20H3M', 'P18DT1H11M', 1, 0, null],
  [405, 'Dragon C208', 'C208', 3, ACTIVE, false, false, 'P155DT2H41M', 'P148DT12H10M', 5, 5, 'P129DT1H4M'],
  [406, 'Dragon C209', 'C209', 3, ACTIVE, false, false, 'P144DT10H', 'P139DT8H15M', 4, 4, null],
  [407, 'Dragon C211', 'C211', 3, ACTIVE, true, false, 'P101DT7H33M', 'P96DT2H2M', 3, 2, null],
  // Dragon 1
  [410, 'Dragon C101', 'C101', 2, RETIRED, false, false, 'PT3H19M', 'P0D', 1, 1, null],
  [411, 'Dragon C104', 'C104', 2, RETIRED, false, false, 'P25DT21H', 'P18DT3H', 1, 1, null],
  [412, 'Dragon C106', 'C106', 2, RETIRED, false, false, 'P95DT2H', 'P79DT7H', 3, 3, 'P727DT19H'],
  [413, 'Dragon C108', 'C108', 2, RETIRED, false, false, 'P94DT14H', 'P79DT8H', 3, 3, 'P532DT5H'],
  [414, 'Dragon C112', 'C112', 2, RETIRED, false, false, 'P104DT4H', 'P87DT6H', 3, 3, 'P476DT2H'],
  // Soyuz MS
  [420, 'Soyuz MS-22', 'No. 749', 4, SINGLE_USE, false, false, 'P187DT3H', 'P185DT23H', 1, 1, null],
  [421, 'Soyuz MS-23', 'No. 750', 4, SINGLE_USE, false, false, 'P203DT2H', 'P201DT18H', 1, 1, null],
  [422, 'Soyuz MS-24', 'No. 751', 4, SINGLE_USE, false, false, 'P203DT13H', 'P201DT23H', 1, 1, null],
  [423, 'Soyuz MS-25', 'No. 752', 4, SINGLE_USE, false, false, 'P183DT22H', 'P182DT18H', 1, 1, null],
  [424, 'Soyuz MS-26', 'No. 753', 4, ACTIVE, true, false, 'P62DT3H', 'P61DT21H', 1, 0, null],
  // Progress MS
  [430, 'Progress MS-20', 'No. 450', 13, SINGLE_USE, false, false, 'P187DT4H', 'P184DT22H', 1, 1, null],
  [431, 'Progress MS-22', 'No. 452', 13, SINGLE_USE, false, false, 'P199DT5H', 'P197DT11H', 1, 1, null],
  [432, 'Progress MS-25', 'No. 455', 13, ACTIVE, true, false, 'P98DT6H', 'P96DT2H', 1, 0, null],
  // Orion, Starliner, Cygnus, HTV, ATV, Tianzhou, Shenzhou
  [440, 'Orion CM-002', 'CM-002', 5, RETIRED, false, false, 'P25DT10H42M', null, 1, 1, null],
  [441, 'Orion CM-003', 'CM-003', 5, ACTIVE, false, true, null, null, 0, 0, null],
  [445, 'Starliner Calypso', 'Spacecraft 1', 6, ACTIVE, false, false, 'P93DT4H29M', 'P91DT18H', 2, 2, null],
  [446, 'Starliner Spacecraft 2', 'Spacecraft 2', 6, ACTIVE, false, false, 'P6DT1H', 'PT23H32M33S', 1, 1, null],
  [450, 'Cygnus NG-19 S.S. Laurel Clark', 'PCM-19', 7, SINGLE_USE, false, false, 'P168DT20H', 'P164DT18H', 1, 1, null],
  [451, 'Cygnus NG-20 S.S. Patricia Hilliard Robertson', 'PCM-20', 7, SINGLE_USE, true, false, 'P190DT12H', 'P187DT2H', 1, 0, null],
  [455, 'HTV-9 Kounotori 9', 'HTV9', 8, SINGLE_USE, false, false, 'P69DT15H', 'P65DT20H', 1, 1, null],
  [460, 'ATV-1 Jules Verne', 'ATV-001', 9, SINGLE_USE, false, false, 'P207DT20H', 'P159DT2H', 1, 1, null],
  [461, 'ATV-5 Georges Lemaître', 'ATV-005', 9, SINGLE_USE, false, false, 'P197DT14H', 'P181DT2H', 1, 1, null],
  [465, 'Tianzhou 6', 'TZ-6', 12, SINGLE_USE, false, false, 'P233DT1H', 'P228DT4H', 1, 1, null],
  [470, 'Shenzhou 17', 'SZ-17', 11, SINGLE_USE, false, false, 'P187DT6H33M', 'P186DT4H', 1, 1, null],
  // Historic capsules and spaceplanes
  [475, 'Vostok 1', 'Vostok 3KA No.3', 14, SINGLE_USE, false, false, 'PT1H48M', null, 1, 1, null],
  [478, 'Friendship 7', 'Capsule No. 13', 15, SINGLE_USE, false, false, 'PT4H55M23S', null, 1, 1, null],
  [479, 'Faith 7', 'Capsule No. 20', 15, SINGLE_USE, false, false, 'P1DT10H19M49S', null, 1, 1, null],
  [480, 'Gemini 7', 'Spacecraft 7', 16, SINGLE_USE, false, false, 'P13DT18H35M1S', null, 1, 1, null],
  [485, 'Buran 1.01', '1K1', 17, DESTROYED, false, false, 'PT3H25M22S', null, 1, 1, null],
  [490, 'X-37B OTV-1', 'OTV-1', 18, ACTIVE, false, false, 'P224DT9H24M', null, 3, 3, 'P361D'],
  [491, 'X-37B OTV-2', 'OTV-2', 18, UNKNOWN, true, false, 'P1581DT2H', null, 4, 3, null],
  [495, 'Dream Chaser Tenacity', 'DC-100', 19, ACTIVE, false, true, null, null, 0, 0, null],
  [497, 'Starship Ship 25', 'S25', 20, DESTROYED, false, false, 'PT8M', null, 1, 1, null],
  [498, 'Starship Ship 28', 'S28', 20, UNKNOWN, false, true, 'P0D', 'P0D', 0, 0, null],
  // Edge cases (see SPECIAL_IDS)
  [900, 'Nullable Test Craft', null, NULL_CONFIG_ID, UNKNOWN, false, true, null, null, null, null, null],
  [901, 'Thumbless Test Craft', 'TT-1', 51, ACTIVE, false, false, 'P3DT4H', null, 1, 1, null],
  [902, 'Missing Image Test Craft', 'MI-1', 52, ACTIVE, false, false, 'P12DT6H', 'P10DT1H', 2, 2, 'P30DT12H'],
  [903, LONG_NAME, 'LN-1', 47, ACTIVE, true, false, 'P9238DT5H', 'P9200D', 3, 2, 'P1DT1H'],
  [904, 'Long Description Test Craft', 'LD-1', 48, RETIRED, false, false, 'P5D', 'P4DT12H', 1, 1, null],
  [905, '神舟十二号', 'SZ-12', 11, SINGLE_USE, false, false, 'P92DT4H11M', 'P90DT6H', 1, 1, null],
  [906, 'Прогресс МС-21', 'No. 451', 13, SINGLE_USE, false, false, 'P189DT3H', 'P186DT20H', 1, 1, null],
  [907, 'Test a b%25&c+# craft', 'a b%25&c+#', 49, ACTIVE, false, false, 'P1D', null, 1, 1, null],
  [908, 'Javascript Image Test Craft', 'JS-1', 50, ACTIVE, false, false, 'P2D', null, 1, 1, null],
];

const DESCRIPTIONS = {
  1: 'Space Shuttle Columbia (OV-102) was the first space-rated orbiter in NASA\'s Space Shuttle fleet.',
  2: 'Space Shuttle Challenger (OV-099) was the second orbiter of the Space Shuttle program to fly into space.',
  3: 'Space Shuttle Discovery (OV-103) flew more missions than any other orbiter.',
  4: 'Space Shuttle Atlantis (OV-104) flew the final mission of the Space Shuttle program.',
  5: 'Space Shuttle Endeavour (OV-105) was built to replace Challenger.',
  900: '',
  904: LONG_DESCRIPTION,
  905: '神舟十二号是中国载人航天工程发射的第十二艘飞船。',
  906: 'Прогресс МС-21 — транспортный грузовой корабль серии «Прогресс».',
  907: 'Its name and serial contain characters that must be escaped in URLs: space, %25, &, + and #.',
  908: 'Its image URLs use the javascript: scheme; the app must not render them.',
};

// How each special record's image is built (the default is a stand-in SVG).
const IMAGE_KIND = { 900: 'none', 901: 'thumbnail-null', 902: 'missing', 908: 'javascript' };

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function slugify(text) {
  return text.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 48);
}

/** Recursively maps every string in a JSON value. */
function mapStrings(value, fn) {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  }
  return value;
}

/** Parses the ISO 8601 durations the API uses (P84DT1H15M30S, P0D, ...) into seconds. */
export function durationSeconds(text) {
  if (text == null) return null;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m) return null;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  return ((((y * 365 + mo * 30 + w * 7 + d) * 24 + h) * 60 + mi) * 60) + s;
}

/** Formats seconds the way the API does: zero parts left out, P0D for nothing. */
export function formatDuration(totalSeconds) {
  let rest = Math.round(totalSeconds);
  const d = Math.floor(rest / 86400); rest -= d * 86400;
  const h = Math.floor(rest / 3600); rest -= h * 3600;
  const m = Math.floor(rest / 60); const s = rest - m * 60;
  const time = (h ? `${h}H` : '') + (m ? `${m}M` : '') + (s ? `${s}S` : '');
  if (!d && !time) return 'P0D';
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
}

function isoSeconds(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A stable uuid-shaped id derived from a string (launch ids are uuids in LL2). */
function stableUuid(text) {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------

export function loadSeedPage() {
  return JSON.parse(readFileSync(SEED_PAGE_PATH, 'utf8'));
}

/**
 * Builds the whole data set for a stand-in listening at `origin`.
 * Returns { base, spacecraft: [normal records, in id order], configs: [detailed configs],
 * statuses, flightsBySpacecraft: Map<id, flight[]>, spacecraftFlights: [{normal, detailed}] (by id),
 * agencyIds: Set }.
 */
/**
 * `count` extra Dragon 2 spacecraft (ids from 2000), only for tests that need more than one page
 * of 100 (the export of all results): the default data set has none. The first carries a comma,
 * quotes, a line break and non-Latin text in its name, serial and image credit; the second a
 * name a spreadsheet would read as a formula.
 */
export const BULK_FIRST_ID = 2000;
export const BULK_ODD_NAME = 'Dragon "Odd", Craft\nline two — 龍';
export const BULK_FORMULA_NAME = '=1+1 Formula Craft';
function bulkRows(count) {
  return Array.from({ length: count }, (_, i) => {
    const id = BULK_FIRST_ID + i;
    const name = i === 0 ? BULK_ODD_NAME : i === 1 ? BULK_FORMULA_NAME : `Bulk Test Craft ${String(i).padStart(3, '0')}`;
    const serial = i === 0 ? 'SN "1", 2\r\nB' : `BT-${i}`;
    return [id, name, serial, 3, (i % 5) + 1, false, i % 7 === 0, i % 4 ? `P${i}DT${i % 24}H` : null, i % 3 ? null : `P${i}D`, 1, 1, null];
  });
}

export function buildDataset({ origin, bulk = 0 }) {
  const base = `${origin}/2.3.0`;
  const media = (name) => `${origin}/media/${name}.svg`;

  const agency = (id) => {
    const [name, abbrev, type] = AGENCIES[id];
    return { response_mode: 'list', id, url: `${base}/agencies/${id}/`, name, abbrev, type: AGENCY_TYPES[type] };
  };

  // AgencyNormal: what a detailed configuration (and a detailed family's manufacturer) nests.
  const agencyNormal = (id) => {
    const mini = agency(id);
    const [countries, founded, administrator, featured, launchers, spacecraft, parent] = AGENCY_DETAILS[id];
    const nullable = id === 5000;
    const logo = (kind, n) => image(20000 + id * 3 + n, `${mini.name} ${kind}`, `agency-${id}-${kind.replace(/ /g, '-')}`,
      { credit: mini.name });
    return {
      response_mode: 'normal',
      id,
      url: mini.url,
      name: mini.name,
      abbrev: mini.abbrev,
      type: mini.type,
      featured,
      country: countries.map((code) => {
        const [countryId, name, alpha2, nationality] = COUNTRIES[code];
        return { id: countryId, name, alpha_2_code: alpha2, alpha_3_code: code, nationality_name: nationality,
          nationality_name_composed: nationality };
      }),
      description: nullable ? null : `${mini.name} builds or operates spacecraft.`,
      administrator,
      founding_year: founded,
      launchers,
      spacecraft,
      parent,
      image: nullable || id === 66 || id === 999 ? null : logo('image', 0),
      logo: nullable || id === 999 || id === 1022 ? null : logo('logo', 1),
      social_logo: nullable || id % 2 === 1 ? null : logo('social logo', 2),
    };
  };

  // SpacecraftConfigFamilyDetailed from a normal family item (same response_mode, as LL2 does).
  const detailedFamily = (item) => {
    const counts = FAMILY_COUNTS[item.id] ?? FAMILY_COUNT_KEYS.map(() => null);
    return {
      ...item,
      manufacturer: agencyNormal(item.manufacturer.id),
      ...Object.fromEntries(FAMILY_COUNT_KEYS.map((key, i) => [key, counts[i]])),
    };
  };

  const image = (id, title, slug, opts = {}) => ({
    id,
    name: title,
    image_url: media(`${slug}_image`),
    thumbnail_url: media(`${slug}_thumb`),
    credit: opts.credit ?? null,
    license: opts.credit ? PD_LICENSE : UNKNOWN_LICENSE,
    single_use: !opts.credit,
    variants: opts.variants ? [{ id: id * 10 + 1, type: { id: 1, name: 'Social' }, image_url: media(`${slug}_social`) }] : [],
  });

  // Seed records: keep every value, only point URLs at the stand-in.
  const rewrite = (s) => {
    if (s.startsWith(`${UPSTREAM_API}/`)) return base + s.slice(UPSTREAM_API.length).replace(/\?format=api$/, '');
    if (UPSTREAM_MEDIA.test(s)) {
      const file = s.split(/[?#]/)[0].split('/').pop();
      return media(file.replace(/\.[A-Za-z0-9]+$/, ''));
    }
    return s;
  };
  const seedRecords = mapStrings(loadSeedPage().results, rewrite);
  const seedConfigs = new Map(seedRecords.map((r) => [r.spacecraft_config.id, r.spacecraft_config]));
  const progressFamily = seedConfigs.get(36).family[0];

  const family = (key) => {
    if (key === 'progress') return progressFamily;
    const f = FAMILIES[key];
    return { response_mode: 'normal', id: f.id, name: f.name, description: f.description,
      manufacturer: agency(f.manufacturer), parent: null, maiden_flight: f.maiden_flight };
  };

  const configs = [];
  for (let id = 1; id <= CONFIG_COUNT; id++) {
    configs.push(buildConfig(id, { base, agency, agencyNormal, detailedFamily, image, family,
      seedConfig: seedConfigs.get(id) }));
  }
  const configById = new Map(configs.map((c) => [c.id, c]));

  const craft = [...CRAFT, ...bulkRows(bulk)].map((row) => buildCraft(row, { origin, base, media, image, config: configById.get(row[3]) }));
  const odd = craft.find((sc) => sc.id === BULK_FIRST_ID);
  if (odd) odd.image = { ...odd.image, credit: 'Credit, "quoted"\nline two', license: PD_LICENSE };
  const spacecraft = [...seedRecords, ...craft].sort((a, b) => a.id - b.id);

  const flightsBySpacecraft = new Map(spacecraft.map((sc) =>
    [sc.id, buildFlights(sc, configById.get(sc.spacecraft_config.id), { base, media, agency })]));

  // `/spacecraft_flights/`: every flight, detailed (crews and docking events), in id order.
  const detailedFlight = logbookBuilder({
    base, origin, image, agency,
    detailedSpacecraft: (sc) => ({ ...sc, response_mode: 'detailed',
      spacecraft_config: { ...configById.get(sc.spacecraft_config.id), response_mode: 'detailed' } }),
    configOf: (sc) => configById.get(sc.spacecraft_config.id),
    flightsOf: (id) => flightsBySpacecraft.get(id) ?? [],
    destinationOf: (config) => (LAUNCHERS[config.id] ?? DEFAULT_LAUNCHER)[4],
  });
  const spacecraftFlights = [...flightsBySpacecraft.values()].flat()
    .map((flight) => ({ normal: flight, detailed: detailedFlight(flight) }))
    .sort((a, b) => a.normal.id - b.normal.id);

  return {
    base,
    spacecraft,
    configs,
    statuses: STATUSES.map((s) => ({ ...s })),
    flightsBySpacecraft,
    spacecraftFlights,
    agencyIds: new Set(configs.map((c) => c.agency.id)),
  };
}

/**
 * A detailed configuration (SpacecraftConfigDetailed: agency as AgencyNormal, family items as
 * SpacecraftConfigFamilyDetailed); `pickNormalConfig` gives its normal view (SpacecraftConfigNormal).
 */
function buildConfig(id, { base, agency, agencyNormal, detailedFamily, image, family, seedConfig }) {
  const named = NAMED_CONFIGS[id];
  const agencyIds = Object.keys(AGENCIES).map(Number).filter((a) => a !== 5000);
  const typeKeys = ['capsule', 'cargo', 'plane', 'unknown'];
  let normal;
  if (seedConfig) {
    normal = seedConfig;
  } else {
    const name = named ? named[0] : `Test Config ${id}`;
    const familyKey = named ? named[3] : null;
    const slug = `config-${slugify(name)}`;
    const hasImage = named ? id !== NULL_CONFIG_ID : id % 3 !== 0;
    normal = {
      response_mode: 'normal',
      id,
      url: `${base}/spacecraft_configurations/${id}/`,
      name,
      type: CONFIG_TYPES[named ? named[2] : typeKeys[id % typeKeys.length]],
      agency: agency(named ? named[1] : agencyIds[id % agencyIds.length]),
      family: familyKey === 'NULL' ? null : familyKey ? [family(familyKey)] : [],
      in_use: named ? named[4] : id % 2 === 0,
      image: hasImage ? image(3000 + id, `[AUTO] ${name} - image`, slug) : null,
    };
  }
  const detailed = {
    ...normal,
    agency: agencyNormal(normal.agency.id),
    family: normal.family === null ? null : normal.family.map(detailedFamily),
    ...configDetails(id, normal, named),
  };
  NORMAL_VIEWS.set(detailed, normal);
  return detailed;
}

/** Detailed-mode configuration fields, deterministic per id. */
function configDetails(id, normal, named) {
  if (id === NULL_CONFIG_ID) {
    return { capability: '', history: '', details: '', maiden_flight: null, height: null, diameter: null,
      human_rated: false, crew_capacity: null, payload_capacity: null, payload_return_capacity: null,
      flight_life: null, wiki_link: '', info_link: '', spacecraft_flown: null, total_launch_count: null,
      successful_launches: null, failed_launches: null, attempted_landings: null, successful_landings: null,
      failed_landings: null, fastest_turnaround: null };
  }
  const seedMaiden = { 10: '1966-02-26', 34: '2010-11-27', 35: '1989-08-23', 36: '2000-02-01' };
  const humanRated = named ? named[5] : id === 10 ? true : id % 4 === 0;
  const launches = (id * 7) % 23;
  const failed = launches > 10 ? 1 : 0;
  const landings = normal.type.id === 4 && ![2, 3].includes(id) ? 0 : launches - failed;
  return {
    capability: `${normal.name} capability: ${humanRated ? 'crew transport' : 'uncrewed operations'}.`,
    history: `${normal.name} was developed by ${normal.agency.name}.`,
    details: `Details of ${normal.name}.`,
    maiden_flight: named ? named[7] : seedMaiden[id] ?? (id % 5 === 0 ? null : `20${String(id % 25).padStart(2, '0')}-0${(id % 9) + 1}-1${id % 10}`),
    height: id % 6 === 0 ? null : Math.round((3 + (id % 17) * 1.7) * 100) / 100,
    diameter: id % 7 === 0 ? null : Math.round((2 + (id % 5) * 0.6) * 100) / 100,
    human_rated: humanRated,
    crew_capacity: named ? named[6] : id === 10 ? 3 : humanRated ? 2 + (id % 5) : null,
    payload_capacity: id % 4 === 1 ? null : 1000 + id * 37,
    payload_return_capacity: id % 3 === 0 ? null : 200 + id * 11,
    flight_life: id % 5 === 1 ? null : `${1 + (id % 30)} days`,
    wiki_link: `https://en.wikipedia.org/wiki/${encodeURIComponent(normal.name.replace(/ /g, '_'))}`,
    info_link: id % 2 === 0 ? `https://www.example.org/spacecraft/${id}` : '',
    spacecraft_flown: launches,
    total_launch_count: launches,
    successful_launches: launches - failed,
    failed_launches: failed,
    attempted_landings: landings,
    successful_landings: landings,
    failed_landings: 0,
    fastest_turnaround: id % 4 === 2 ? `P${20 + id}DT${id % 24}H` : null,
  };
}

function buildCraft(row, { origin, base, media, image, config }) {
  const [id, name, serial, , status, inSpace, placeholder, tis, tdocked, flights, ends, turnaround] = row;
  const slug = slugify(name) || `spacecraft-${id}`;
  let img;
  switch (IMAGE_KIND[id]) {
    case 'none': img = null; break;
    case 'thumbnail-null': img = { ...image(5000 + id, `${name} - image`, slug), thumbnail_url: null }; break;
    case 'missing': {
      // Served as 404 by the stand-in, to exercise the app's image fallback.
      const missing = `${origin}/media/missing.jpg`;
      img = { ...image(5000 + id, `${name} - image`, slug), image_url: missing, thumbnail_url: missing };
      break;
    }
    case 'javascript':
      img = { ...image(5000 + id, `${name} - image`, slug), image_url: 'javascript:alert(1)', thumbnail_url: 'javascript:alert(1)' };
      break;
    default:
      // Some images carry a credit, a licence with a link and a variant, like curated ones.
      img = image(5000 + id, id % 3 ? `[AUTO] ${config.name} - image` : `${name} in orbit`, slug,
        { credit: id % 3 ? null : 'NASA', variants: id % 3 === 0 });
  }
  const normalConfig = pickNormalConfig(config);
  return {
    response_mode: 'normal',
    id,
    url: `${base}/spacecraft/${id}/`,
    name,
    serial_number: serial,
    is_placeholder: placeholder,
    image: img,
    in_space: inSpace,
    time_in_space: tis,
    time_docked: tdocked,
    flights_count: flights,
    mission_ends_count: ends,
    status: { ...STATUSES[status - 1] },
    description: DESCRIPTIONS[id] ?? `${name} is a ${config.name} spacecraft operated by ${config.agency.name}.`,
    spacecraft_config: normalConfig,
    fastest_turnaround: turnaround,
  };
}

export const NORMAL_CONFIG_KEYS = ['response_mode', 'id', 'url', 'name', 'type', 'agency', 'family', 'in_use', 'image'];

const MINI_AGENCY_KEYS = ['response_mode', 'id', 'url', 'name', 'abbrev', 'type'];
const NORMAL_FAMILY_KEYS = ['response_mode', 'id', 'name', 'description', 'manufacturer', 'parent', 'maiden_flight'];

const pick = (object, keys) => Object.fromEntries(keys.filter((k) => k in object).map((k) => [k, object[k]]));
const miniAgency = (agency) => agency && { ...pick(agency, MINI_AGENCY_KEYS), response_mode: 'list' };

/** The normal view (SpacecraftConfigNormal) of a detailed configuration of the data set. */
export function pickNormalConfig(config) {
  const stored = NORMAL_VIEWS.get(config);
  if (stored) return { ...stored };
  // A configuration built elsewhere: narrow it by the schema's keys.
  const out = pick(config, NORMAL_CONFIG_KEYS);
  out.response_mode = 'normal';
  out.agency = miniAgency(config.agency);
  if (Array.isArray(config.family)) {
    out.family = config.family.map((item) => ({ ...pick(item, NORMAL_FAMILY_KEYS), manufacturer: miniAgency(item.manufacturer) }));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Flights (detailed mode)
// ---------------------------------------------------------------------------

const PADS = {
  lc39a: [87, 'Launch Complex 39A', 28.608, -80.604, 27, 'Kennedy Space Center, FL, USA', 'America/New_York', 'USA'],
  lc39b: [88, 'Launch Complex 39B', 28.627, -80.621, 27, 'Kennedy Space Center, FL, USA', 'America/New_York', 'USA'],
  slc40: [80, 'Space Launch Complex 40', 28.562, -80.577, 12, 'Cape Canaveral SFS, FL, USA', 'America/New_York', 'USA'],
  slc41: [29, 'Space Launch Complex 41', 28.583, -80.583, 12, 'Cape Canaveral SFS, FL, USA', 'America/New_York', 'USA'],
  baikonur: [32, '31/6', 45.996, 63.564, 15, 'Baikonur Cosmodrome, Republic of Kazakhstan', 'Asia/Qyzylorda', 'KAZ'],
  jiuquan: [72, 'Launch Area 4 (SLS-1 / 921)', 40.958, 100.291, 17, 'Jiuquan, People\'s Republic of China', 'Asia/Shanghai', 'CHN'],
  wenchang: [147, 'Wenchang Space Launch Site LC-201', 19.614, 110.951, 8, 'Wenchang Space Launch Site, People\'s Republic of China', 'Asia/Shanghai', 'CHN'],
  tanegashima: [39, 'Yoshinobu Launch Complex', 30.401, 130.975, 26, 'Tanegashima, Japan', 'Asia/Tokyo', 'JPN'],
  kourou: [35, 'Ariane Launch Area 3', 5.239, -52.768, 13, 'Guiana Space Centre, French Guiana', 'America/Cayenne', 'GUF'],
  starbase: [188, 'Orbital Launch Mount A', 25.997, -97.155, 143, 'SpaceX Starbase, TX, USA', 'America/Chicago', 'USA'],
};

// config id -> [rocket config id, rocket name, launch service provider agency id, pad key, destination]
const LAUNCHERS = {
  1: [1, 'Space Shuttle', 44, 'lc39a', 'Low Earth Orbit'],
  2: [164, 'Falcon 9 v1.0', 121, 'slc40', 'International Space Station'],
  3: [164, 'Falcon 9 Block 5', 121, 'lc39a', 'International Space Station'],
  4: [40, 'Soyuz 2.1a', 63, 'baikonur', 'International Space Station'],
  5: [469, 'SLS Block 1', 44, 'lc39b', 'Lunar Orbit'],
  6: [26, 'Atlas V N22', 124, 'slc41', 'International Space Station'],
  7: [164, 'Falcon 9 Block 5', 121, 'slc40', 'International Space Station'],
  8: [149, 'H-IIB', 37, 'tanegashima', 'International Space Station'],
  9: [19, 'Ariane 5 ES', 115, 'kourou', 'International Space Station'],
  10: [102, 'Saturn IB', 44, 'lc39b', 'Skylab'],
  11: [96, 'Long March 2F/G', 88, 'jiuquan', 'Tiangong space station'],
  12: [213, 'Long March 7', 88, 'wenchang', 'Tiangong space station'],
  13: [40, 'Soyuz 2.1a', 63, 'baikonur', 'International Space Station'],
  14: [312, 'Vostok-K', 66, 'baikonur', 'Low Earth Orbit'],
  15: [401, 'Atlas LV-3B', 44, 'slc40', 'Low Earth Orbit'],
  16: [402, 'Titan II GLV', 44, 'slc40', 'Low Earth Orbit'],
  17: [403, 'Energia', 66, 'baikonur', 'Low Earth Orbit'],
  18: [27, 'Atlas V 501', 124, 'slc41', null],
  20: [464, 'Starship', 121, 'starbase', 'Suborbital'],
  34: [41, 'Soyuz-U', 63, 'baikonur', 'International Space Station'],
  35: [41, 'Soyuz-U', 63, 'baikonur', 'Mir'],
  36: [41, 'Soyuz-U', 63, 'baikonur', 'International Space Station'],
};
const DEFAULT_LAUNCHER = [999, 'Test Rocket', 44, 'lc39a', null];

const STATUS_SUCCESS = { id: 3, name: 'Launch Successful', abbrev: 'Success',
  description: 'The launch vehicle successfully inserted its payload(s) into the target orbit(s).' };
const STATUS_FAILURE = { id: 4, name: 'Launch Failure', abbrev: 'Failure',
  description: 'Either the launch vehicle did not reach orbit, or the payload(s) failed to separate.' };

const LANDING_TYPES = {
  plane: { id: 2, name: 'Horizontal Landing', abbrev: 'HL', description: 'Landing on a runway.' },
  capsule: { id: 5, name: 'Parachute Landing', abbrev: 'PL', description: 'Descent under parachutes.' },
};

function buildPad(key, base) {
  const [id, name, lat, lon, locId, locName, tz, alpha3] = PADS[key];
  return {
    id, url: `${base}/pads/${id}/`, name, latitude: lat, longitude: lon,
    country: { id: 0, name: alpha3, alpha_2_code: alpha3.slice(0, 2), alpha_3_code: alpha3 },
    location: { response_mode: 'normal', id: locId, url: `${base}/locations/${locId}/`, name: locName, timezone_name: tz },
  };
}

/** 0..3 flights per spacecraft (min(flights_count, 3)), the most recent last. */
function buildFlights(sc, config, { base, media, agency }) {
  const n = Math.min(sc.flights_count ?? 0, 3);
  const [rocketId, rocketName, lspId, padKey, destination] = LAUNCHERS[config.id] ?? DEFAULT_LAUNCHER;
  const perFlight = durationSeconds(sc.time_in_space) == null ? null : durationSeconds(sc.time_in_space) / Math.max(1, sc.flights_count);
  const maiden = config.maiden_flight ? Date.parse(`${config.maiden_flight}T00:00:00Z`) : Date.UTC(2020, 0, 1);
  const first = maiden + ((sc.id * 7919) % 1500) * 86400000 + (sc.id % 24) * 3600000 + (sc.id % 60) * 61000;
  const flights = [];
  for (let i = 0; i < n; i++) {
    const flightId = sc.id * 10 + i + 1;
    const net = first + i * 200 * 86400000;
    const failed = (sc.id === 2 && i === n - 1) || sc.id === 497;
    // A spacecraft in space is still on its latest flight: no mission end and no landing yet
    // (in_space craft have one mission end fewer than flights, as in real records).
    const ongoing = sc.in_space && i === n - 1;
    const missionName = `${sc.name} flight ${i + 1}`;
    const launchName = `${rocketName} | ${missionName}`;
    const landsSoftly = config.type.id !== 4 || [2, 3].includes(config.id);
    flights.push({
      id: flightId,
      url: `${base}/spacecraft_flights/${flightId}/`,
      destination: i === 2 ? null : destination,
      mission_end: perFlight == null || failed || ongoing ? null : isoSeconds(net + perFlight * 1000),
      spacecraft: sc,
      launch: {
        response_mode: 'list',
        id: stableUuid(`ll2-standin-launch-${flightId}`),
        url: `${base}/launches/${stableUuid(`ll2-standin-launch-${flightId}`)}/`,
        name: launchName,
        slug: slugify(launchName) || `launch-${flightId}`,
        net: isoSeconds(net),
        status: failed ? STATUS_FAILURE : STATUS_SUCCESS,
        image: i % 2 ? null : {
          id: 7000 + flightId, name: `${launchName} - image`, image_url: media(`launch-${flightId}_image`),
          thumbnail_url: media(`launch-${flightId}_thumb`), credit: null, license: UNKNOWN_LICENSE, single_use: true, variants: [],
        },
        launch_service_provider: agency(lspId),
        rocket: {
          id: 8000 + flightId,
          configuration: { response_mode: 'list', id: rocketId, url: `${base}/launcher_configurations/${rocketId}/`,
            name: rocketName.split(' ')[0], families: [], full_name: rocketName, variant: rocketName.split(' ').slice(1).join(' ') },
        },
        mission: i === 1 ? null : {
          id: 9000 + flightId, name: missionName, type: config.human_rated ? 'Human Exploration' : 'Resupply',
          description: `Flight ${i + 1} of ${sc.name}.`, image: null,
          orbit: { id: 8, name: 'Low Earth Orbit', abbrev: 'LEO' }, agencies: [], info_urls: [], vid_urls: [],
        },
        pad: buildPad(padKey, base),
      },
      landing: landsSoftly && !failed ? {
        response_mode: 'normal', id: 6000 + flightId, attempt: !ongoing, success: ongoing ? null : true, description: '',
        downrange_distance: null,
        landing_location: { id: 1, name: 'Earth', abbrev: 'EA', description: 'Returned to Earth.' },
        type: config.type.id === 3 ? LANDING_TYPES.plane : LANDING_TYPES.capsule,
      } : null,
      duration: perFlight == null ? null : formatDuration(perFlight),
      turn_around_time: i === 0 ? null : sc.fastest_turnaround ?? formatDuration(200 * 86400 - (perFlight ?? 0)),
      response_mode: 'normal',
    });
  }
  return flights;
}

// ---------------------------------------------------------------------------
// `node dataset.mjs`: print a summary for humans writing tests.
// ---------------------------------------------------------------------------

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ds = buildDataset({ origin: 'http://127.0.0.1:0' });
  for (const sc of ds.spacecraft) {
    console.log([sc.id, sc.name.length > 50 ? `${sc.name.slice(0, 47)}...` : sc.name, sc.spacecraft_config.id,
      sc.spacecraft_config.name, sc.status.name, `in_space=${sc.in_space}`, `placeholder=${sc.is_placeholder}`,
      `flights=${sc.flights_count}`].join(' | '));
  }
  console.log(`${ds.spacecraft.length} spacecraft, ${ds.configs.length} configurations, ${ds.statuses.length} statuses`);
}
