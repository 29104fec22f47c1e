// Prints every answer the stand-in gives for the endpoints the app reads, as one JSON object
// `{ "<kind>": [body, …] }`, so the host tests (`src/api/models.rs`) decode with serde exactly
// what the end-to-end tests are served: all spacecraft pages in both modes, every spacecraft's
// record, every configuration page and record, every flown spacecraft's logbook (its
// `/spacecraft_flights/` as the app asks for it), the statuses and the throttle.
//   node tests/ll2-standin/answers.mjs
import { buildDataset } from './dataset.mjs';
import { handleApi } from './api.mjs';

const origin = 'http://127.0.0.1:9';
// With the bulk records the export tests add (a superset of the default data set's records).
const ds = buildDataset({ origin, bulk: 150 });

function ask(path) {
  const url = new URL(`${origin}/2.3.0/${path}`);
  const out = handleApi(ds, {
    apiPath: url.pathname.slice('/2.3.0/'.length),
    pathname: url.pathname,
    origin,
    searchParams: url.searchParams,
    currentUse: 0,
    throttleOverride: null,
  });
  if (out.status !== 200) throw new Error(`${path}: HTTP ${out.status}`);
  return out.json;
}

const pages = (path, count) =>
  Array.from({ length: Math.ceil(count / 100) }, (_, i) => ask(`${path}limit=100&offset=${i * 100}`));

const answers = {
  spacecraft_pages: [
    ...pages('spacecraft/?', ds.spacecraft.length),
    ...pages('spacecraft/?mode=detailed&', ds.spacecraft.length),
  ],
  spacecraft: ds.spacecraft.map((craft) => ask(`spacecraft/${craft.id}/`)),
  configuration_pages: pages('spacecraft_configurations/?', ds.configs.length),
  configurations: ds.configs.map((config) => ask(`spacecraft_configurations/${config.id}/`)),
  flight_pages: ds.spacecraft.filter((craft) => (ds.flightsBySpacecraft.get(craft.id) ?? []).length > 0)
    .map((craft) => ask(`spacecraft_flights/?spacecraft=${craft.id}&mode=detailed&limit=100`)),
  status_pages: [ask('config/spacecraft_statuses/?limit=100')],
  throttle: [ask('api-throttle/')],
};
process.stdout.write(JSON.stringify(answers));
