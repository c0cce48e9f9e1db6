/**
 * The README's Performance section, made from the benchmark's results: `npm run bench` rewrites it
 * after each full run; `npm run bench:readme` (this file) rewrites it from bench/results/cost.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { markdownReport, type Report } from './report';

const START = '<!-- performance:start (written by npm run bench from bench/results; do not edit by hand) -->';
const END = '<!-- performance:end -->';
const HEADING = '## Performance';
const INTRO = [
  HEADING,
  '',
  'What the app costs in Jira calls and rate-limit points (product.md §13), measured by `npm run bench` on the',
  'sandbox against a naive baseline that does the same work the first way anyone would write it (`bench/cost/naive-app.ts`:',
  'one call per created issue and per link, a live recompute per view, per pilot on roll-ups and the daily job).',
  'The budgets live in `bench/budgets.json`; `npm run bench:check` fails when one is broken. Full results:',
  '`bench/results/cost.md` and `cost.json`.',
  '',
].join('\n');

/** Writes a file as the repository's Prettier settings format it, so `prettier --check .` stays green. */
export async function writeFormatted(path: string, text: string): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(text, { ...options, filepath: path }));
}

export async function writeReadmeSection(readmePath: string, markdown: string): Promise<void> {
  const readme = readFileSync(readmePath, 'utf8');
  const block = `${START}\n\n${markdown.trim()}\n\n${END}`;
  let next: string;
  if (readme.includes(START) && readme.includes(END)) {
    next = readme.slice(0, readme.indexOf(START)) + block + readme.slice(readme.indexOf(END) + END.length);
  } else {
    const section = `${INTRO}\n${block}\n\n`;
    const before = readme.indexOf('## Deploying');
    next =
      before >= 0
        ? readme.slice(0, before) + section + readme.slice(before)
        : `${readme.trimEnd()}\n\n${section}`;
  }
  await writeFormatted(readmePath, next);
}

if (require.main === module) {
  const root = resolve(__dirname, '..', '..');
  const report = JSON.parse(readFileSync(join(root, 'bench', 'results', 'cost.json'), 'utf8')) as Report;
  void writeReadmeSection(join(root, 'README.md'), markdownReport(report)).then(() =>
    process.stdout.write('README.md: Performance section rewritten from bench/results/cost.json\n'),
  );
}
