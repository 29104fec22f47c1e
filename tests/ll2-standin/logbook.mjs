// What `/spacecraft_flights/?mode=detailed` adds to a spacecraft's flights: crews (launch, on
// board, landing) and docking events, deterministic like the rest of the data set.
//
// - Crewed configurations (Dragon 2, Soyuz MS, Shenzhou, Starliner, Vostok, Mercury, Gemini)
//   fly crews drawn from a pool, shifted by two people a flight, so a reusable capsule's roster
//   has people who flew on it twice. Soyuz lands with one member swapped (launch ≠ landing crew);
//   a flight still in space has its crew on board and no landing crew yet.
// - Names in Cyrillic, Chinese and Japanese; an astronaut without agency (private flyers); photos:
//   a stand-in SVG, none (`image: null`, every third person) or one that answers 404 (野口聡一).
// - Flights to a station dock there (one event; a Dragon's second flight relocates, two events);
//   a flight still in space is docked now (`departure: null`). 903's second flight docks with a
//   vehicle (`flight_vehicle_target`, a Dragon 2 flight) instead of a station.
// - No docking: failed launches, flights without known times, destinations that are not stations.
//
// Where LL2's published schema (drf-spectacular) says a key is never null but LL2 can only mean
// "not this kind": a docking event has one target, the other two are null, and a docking
// location belongs to a station, a spacecraft or a payload, the other two null. The self-test's
// copy of the schema says so (see `SCHEMA_DEVIATIONS` there).

const DAY = 86_400_000;
const HOUR = 3_600_000;

const STATIONS = {
  'International Space Station': { id: 4, name: 'International Space Station', founded: '1998-11-20', orbit: 'Low Earth Orbit' },
  'Tiangong space station': { id: 18, name: 'Tiangong space station', founded: '2021-04-29', orbit: 'Low Earth Orbit' },
  Mir: { id: 2, name: 'Mir', founded: '1986-02-19', orbit: 'Low Earth Orbit', deorbited: '2001-03-23' },
  Skylab: { id: 1, name: 'Skylab', founded: '1973-05-14', orbit: 'Low Earth Orbit', deorbited: '1979-07-11' },
};

// config id -> docking ports used, in turn
const PORTS = {
  2: ['Harmony nadir'], 3: ['Harmony forward', 'Harmony zenith'], 4: ['Rassvet nadir', 'Prichal nadir'],
  6: ['Harmony forward'], 7: ['Unity nadir'], 8: ['Harmony nadir'], 9: ['Zvezda aft'],
  10: ['Forward axial port'], 11: ['天和核心舱前向端口'], 12: ['Tianhe aft'], 13: ['Poisk zenith', 'Zvezda aft'],
  34: ['Zvezda aft'], 35: ['Kvant-1 aft'], 36: ['Pirs nadir'],
};

// id: [name, agency id or null, alpha-3 nationality, photo: 'svg' | 'none' | 'missing']
const ASTRONAUTS = {
  101: ['Robert Behnken', 44, 'USA'], 102: ['Douglas Hurley', 44, 'USA'], 103: ['Shannon Walker', 44, 'USA'],
  104: ['Victor Glover', 44, 'USA'], 105: ['Michael Hopkins', 44, 'USA'], 106: ['野口聡一', 37, 'JPN', 'missing'],
  107: ['Thomas Pesquet', 27, 'FRA'], 108: ['Megan McArthur', 44, 'USA'], 109: ['Akihiko Hoshide', 37, 'JPN'],
  110: ['Jared Isaacman', null, 'USA'], 111: ['Hayley Arceneaux', null, 'USA'],
  201: ['Олег Кононенко', 63, 'RUS'], 202: ['Николай Чуб', 63, 'RUS'], 203: ['Loral O\'Hara', 44, 'USA'],
  204: ['Сергей Прокопьев', 63, 'RUS'], 205: ['Дмитрий Петелин', 63, 'RUS'], 206: ['Francisco Rubio', 44, 'USA'],
  207: ['Олег Новицкий', 63, 'RUS'], 208: ['Марина Василевская', null, 'RUS'],
  301: ['聂海胜', 17, 'CHN'], 302: ['刘伯明', 17, 'CHN'], 303: ['汤洪波', 17, 'CHN'], 304: ['唐胜杰', 17, 'CHN'],
  305: ['江新林', 17, 'CHN'],
  401: ['Barry Wilmore', 44, 'USA'], 402: ['Sunita Williams', 44, 'USA'],
  501: ['Юрий Гагарин', 66, 'SUN'], 502: ['John Glenn', 44, 'USA'], 503: ['Gordon Cooper', 44, 'USA'],
  504: ['Frank Borman', 44, 'USA'], 505: ['Jim Lovell', 44, 'USA'],
};

// config id -> [crew pool, roles of a crew (its size)]
const CREWS = {
  3: [[101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111], ['Commander', 'Pilot', 'Mission Specialist', 'Mission Specialist']],
  4: [[201, 202, 203, 204, 205, 206, 207], ['Commander', 'Flight Engineer', 'Flight Engineer']],
  11: [[301, 302, 303, 304, 305], ['指令长', 'Operator', 'Operator']],
  6: [[401, 402], ['Commander', 'Pilot']],
  14: [[501], ['Pilot']], 15: [[502, 503], ['Pilot']], 16: [[504, 505], ['Command Pilot', 'Pilot']],
};
const ROLE_IDS = { Commander: 1, Pilot: 2, 'Mission Specialist': 3, 'Flight Engineer': 4, Operator: 5,
  'Command Pilot': 6, 'Spaceflight Participant': 7, 指令长: 8 };

const COUNTRY_IDS = { CHN: [1, 'China', 'CN', 'Chinese'], FRA: [3, 'France', 'FR', 'French'], JPN: [6, 'Japan', 'JP', 'Japanese'],
  RUS: [7, 'Russia', 'RU', 'Russian'], SUN: [8, 'Soviet Union', 'SU', 'Soviet'], USA: [9, 'United States of America', 'US', 'American'] };

function isoSeconds(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Builds `detailedFlight(flight) -> SpacecraftFlightDetailed` for the data set's helpers:
 * `{ base, origin, image, agency, detailedSpacecraft(sc), configOf(sc), flightsOf(id), destinationOf(config) }`.
 */
export function logbookBuilder({ base, origin, image, agency, detailedSpacecraft, configOf, flightsOf, destinationOf }) {
  const station = (name, mini) => {
    const s = STATIONS[name];
    const img = image(40000 + s.id, `${s.name} - image`, `station-${s.id}`);
    if (mini) return { id: s.id, url: `${base}/space_stations/${s.id}/`, name: s.name, image: img };
    return {
      id: s.id, url: `${base}/space_stations/${s.id}/`, name: s.name, image: img,
      status: s.deorbited ? { id: 2, name: 'De-Orbited' } : { id: 1, name: 'Active' },
      founded: s.founded, deorbited: s.deorbited ?? null, description: `${s.name}.`, orbit: s.orbit,
      type: { id: 1, name: 'Government' },
    };
  };

  const astronaut = (id) => {
    const [name, agencyId, nation, photo = id % 3 === 0 ? 'none' : 'svg'] = ASTRONAUTS[id];
    const [countryId, country, alpha2, nationality] = COUNTRY_IDS[nation];
    let img = null;
    if (photo === 'svg') img = image(30000 + id, `${name} - portrait`, `astronaut-${id}`);
    if (photo === 'missing') {
      img = { ...image(30000 + id, `${name} - portrait`, `astronaut-${id}`),
        image_url: `${origin}/media/missing.jpg`, thumbnail_url: `${origin}/media/missing.jpg` };
    }
    return {
      id, url: `${base}/astronauts/${id}/`, name, status: { id: 1, name: 'Active' },
      agency: agencyId === null ? null : agency(agencyId), image: img, response_mode: 'normal',
      type: agencyId === null ? { id: 3, name: 'Private' } : { id: 2, name: 'Government' },
      in_space: false, time_in_space: null, eva_time: 'P0D', age: null, date_of_birth: null, date_of_death: null,
      nationality: [{ id: countryId, name: country, alpha_2_code: alpha2, alpha_3_code: nation,
        nationality_name: nationality, nationality_name_composed: nationality }],
      bio: '', wiki: null, last_flight: null, first_flight: null, social_media_links: [],
    };
  };

  const seat = (flightId, slot, astronautId, role) => ({
    id: flightId * 100 + slot,
    role: { id: ROLE_IDS[role] ?? 9, role, priority: ROLE_IDS[role] ?? 9 },
    astronaut: astronaut(astronautId),
  });

  /** Launch, on-board and landing crews of flight `index` of `sc`. */
  const crews = (sc, config, flight, index) => {
    const none = { launch_crew: [], onboard_crew: [], landing_crew: [] };
    const plan = CREWS[config.id];
    if (!plan) return none;
    const [pool, roles] = plan;
    const people = roles.map((_, k) => pool[(sc.id + index * 2 + k) % pool.length]);
    const unique = [...new Set(people)];
    const launch = unique.map((id, k) => seat(flight.id, k, id, roles[k]));
    if (flight.launch.status.abbrev === 'Failure') return { ...none, launch_crew: launch };
    if (flight.mission_end === null) return { ...none, launch_crew: launch, onboard_crew: unique.map((id, k) => seat(flight.id, 10 + k, id, roles[k])) };
    // A Soyuz comes home with one of its crew swapped for someone who flew up on another craft.
    const home = config.id === 4 ? [...unique.slice(0, -1), 208] : unique;
    const landingRoles = config.id === 4 ? [...roles.slice(0, unique.length - 1), 'Spaceflight Participant'] : roles;
    return { ...none, launch_crew: launch, landing_crew: home.map((id, k) => seat(flight.id, 20 + k, id, landingRoles[k])) };
  };

  const event = (flight, slot, docking, departure, location, targets) => ({
    id: flight.id * 10 + slot,
    url: `${base}/docking_events/${flight.id * 10 + slot}/`,
    docking: isoSeconds(docking),
    departure: departure === null ? null : isoSeconds(departure),
    docking_location: location,
    space_station_target: null,
    flight_vehicle_target: null,
    payload_flight_target: null,
    ...targets,
  });

  /** The docking events of flight `index` of `sc`. */
  const dockings = (sc, config, flight, index) => {
    if (flight.launch.status.abbrev === 'Failure') return [];
    const start = Date.parse(flight.launch.net);
    const ongoing = flight.mission_end === null && sc.in_space && index === flightsOf(sc.id).length - 1;
    const end = flight.mission_end === null ? null : Date.parse(flight.mission_end);
    if (end === null && !ongoing) return [];
    const docked = start + (config.type.id === 4 ? 2 * DAY : DAY);
    const departed = end === null ? null : Math.max(docked + HOUR, end - 6 * HOUR);
    if (sc.id === 903 && index === 1) {
      const target = flightsOf(402)[0];
      const location = { id: 9001, name: 'Forward hatch', spacestation: null, spacecraft: target.spacecraft.spacecraft_config, payload: null };
      return [event(flight, 1, docked, departed, location, { flight_vehicle_target: target })];
    }
    const destination = destinationOf(config);
    const stationName = STATIONS[destination] ? destination : null;
    const ports = PORTS[config.id];
    if (!stationName || !ports) return [];
    const location = (port, k) => ({ id: STATIONS[stationName].id * 100 + k, name: port, spacestation: station(stationName, true),
      spacecraft: null, payload: null });
    const targets = { space_station_target: station(stationName, false) };
    if (config.id === 3 && index === 1 && departed !== null) {
      // A relocation: undocked from one port and docked at the next the same day.
      const moved = docked + Math.floor((departed - docked) / 2);
      return [
        event(flight, 1, docked, moved, location(ports[0], 0), targets),
        event(flight, 2, moved + HOUR, departed, location(ports[1], 1), targets),
      ];
    }
    const k = (sc.id + index) % ports.length;
    return [event(flight, 1, docked, departed, location(ports[k], k), targets)];
  };

  return (flight) => {
    const sc = flight.spacecraft;
    const config = configOf(sc);
    const index = flightsOf(sc.id).indexOf(flight);
    const { flights: _flights, ...spacecraft } = detailedSpacecraft(sc);
    return {
      id: flight.id,
      url: flight.url,
      destination: flight.destination,
      mission_end: flight.mission_end,
      spacecraft,
      launch: flight.launch,
      landing: flight.landing,
      duration: flight.duration,
      turn_around_time: flight.turn_around_time,
      response_mode: 'detailed',
      ...crews(sc, config, flight, index),
      docking_events: dockings(sc, config, flight, index),
    };
  };
}
