// Serves the release build (compressed, like a CDN) against the LL2 stand-in until stopped, for
// tools such as Lighthouse. Prints the app URL. Usage: node tests/bench/serve-for-audit.mjs [dist]
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { redrawHome } from '../../.ci/prerender.mjs';
import { startStandin } from '../ll2-standin/server.mjs';
import { startStaticServer } from '../e2e/support/static-server.mjs';

const built = resolve(import.meta.dirname, '../..', process.argv[2] || 'target/e2e-dist');
const standin = await startStandin();
// A copy whose rendering of `/` (if it has one) is drawn from this stand-in, as a deploy build
// against it would be: otherwise index.html rightly does not show it.
const dist = await mkdtemp(join(tmpdir(), 'audit-dist-'));
await cp(built, dist, { recursive: true });
await writeFile(join(dist, 'index.html'), await redrawHome(await readFile(join(dist, 'index.html'), 'utf8'), standin.base));
const site = await startStaticServer({ dist, apiBase: standin.base, compress: true, port: Number(process.env.PORT || 0) });
console.log(`AUDIT_URL ${site.url('/')}`);
const stop = async () => { await site.close(); await standin.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
