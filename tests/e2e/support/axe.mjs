// axe-core in the page, as every accessibility check in these tests runs it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let axeSource;

/** Runs axe in the page; returns the serious and critical violations, summarised. */
export async function seriousViolations(browser) {
  if (axeSource === undefined) {
    try {
      axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    } catch {
      throw new Error('axe-core is missing: run `npm ci --prefix tests/e2e` (the test command does)');
    }
  }
  await browser.exec(axeSource + '\nreturn true;');
  const violations = await browser.cmd('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      axe.run(document, { resultTypes: ['violations'] })
        .then((result) => done(result.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' — ' + n.failureSummary),
        }))))
        .catch((error) => done([{ id: 'axe-error', impact: 'critical', help: String(error), nodes: [] }]));`,
    args: [],
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
