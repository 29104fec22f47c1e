// Serves the release build (compressed, like a CDN) against the LL2 stand-in until stopped, for
// tools such as Lighthouse. Prints the app URL. Usage: node tests/bench/serve-for-audit.mjs [dist]
import { resolve } from 'node:path';
import { startStandin } from '../ll2-standin/server.mjs';
import { startStaticServer } from '../e2e/support/static-server.mjs';

const dist = resolve(import.meta.dirname, '../..', process.argv[2] || 'target/e2e-dist');
const standin = await startStandin();
const site = await startStaticServer({ dist, apiBase: standin.base, compress: true, port: Number(process.env.PORT || 0) });
console.log(`AUDIT_URL ${site.url('/')}`);
const stop = async () => { await site.close(); await standin.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
