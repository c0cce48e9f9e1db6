/**
 * docs/product.md states the product's rules in words; this test keeps its numbers in step with the
 * code: change a rule in src/domain and the sentence or table row to update is named here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AT_RISK_SCORE, KILL_CLOCK_DAYS, PURGATORY_NO_COUNT } from '../src/domain/bands';
import { DEFAULT_TEMPLATE } from '../src/domain/default-template';
import { dataAccessCredit, reviewCredit, workstreamCredit } from '../src/domain/states';
import type { DataAccessState, ReviewState, WorkstreamState } from '../src/domain/types';

const doc = readFileSync(join(__dirname, '..', 'docs', 'product.md'), 'utf8');
/** The page's words with line breaks as spaces, for sentences wrapped across lines. */
const prose = doc.replace(/\s+/g, ' ');

/** The body rows of the markdown table whose header row starts with `firstHeader`, cells trimmed, backticks dropped. */
function tableRows(firstHeader: string): string[][] {
  const lines = doc.split('\n');
  const header = lines.findIndex((line) => new RegExp(`^\\|\\s*${firstHeader}\\s*\\|`).test(line));
  if (header < 0) throw new Error(`docs/product.md has no table headed "${firstHeader}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replace(/`/g, '')),
    );
  }
  return rows;
}

test('the ownership table is the default template, row by row', () => {
  expect(tableRows('key')).toEqual(
    DEFAULT_TEMPLATE.rows.map((row) => [
      row.key,
      row.workstream,
      row.ownerTeam,
      String(row.startWeek),
      row.milestone,
    ]),
  );
});

test('the milestones and their weeks are the default template’s', () => {
  expect(tableRows('milestone')).toEqual(
    DEFAULT_TEMPLATE.milestones.map((milestone) => [milestone.key, milestone.name, String(milestone.week)]),
  );
});

test('each credit in the table is the one the score uses', () => {
  const rows = tableRows('kind');
  expect(rows.length).toBeGreaterThan(0);
  for (const [kind, state, credit] of rows) {
    const used =
      kind === 'workstream'
        ? workstreamCredit(state as WorkstreamState)
        : kind === 'review'
          ? reviewCredit(state as ReviewState)
          : kind === 'data access'
            ? dataAccessCredit(state as DataAccessState)
            : Number.NaN;
    expect({ kind, state, credit: Number(credit) }).toEqual({ kind, state, credit: used });
  }
  expect(rows.map(([kind]) => kind)).toEqual(expect.arrayContaining(['workstream', 'review', 'data access']));
});

test('the score’s weights, the review kinds and the rejected resolutions are the default template’s', () => {
  const { weights, reviewKinds, rejectedResolutions } = DEFAULT_TEMPLATE;
  expect(prose).toContain(`**workstreams, ${weights.workstreams} points**`);
  expect(prose).toContain(`**reviews, ${weights.reviews} points**`);
  expect(prose).toContain(`**data access, ${weights.dataAccess} points**`);
  expect(prose).toContain(`(${reviewKinds.length} kinds: ${weights.reviews / reviewKinds.length} each)`);
  const rows = DEFAULT_TEMPLATE.rows.length;
  expect(prose).toContain(`(${rows} equal rows: ${weights.workstreams / rows} each)`);
  expect(prose).toContain(`rejected set (${rejectedResolutions.join(', ')})`);
});

test('the kill clock, purgatory and at-risk thresholds are the domain’s', () => {
  expect(prose).toContain(`more than ${KILL_CLOCK_DAYS} days since the demo`);
  expect(prose).toContain(`from ${PURGATORY_NO_COUNT} the pilot is heading to purgatory`);
  expect(prose).toContain(`(noCount ≥ ${PURGATORY_NO_COUNT} or on the kill`);
  expect(prose).toContain(`(score < ${AT_RISK_SCORE} or`);
});
