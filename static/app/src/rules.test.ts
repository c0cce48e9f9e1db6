/**
 * The panels copy no rule (issue 18): every number, band word and gate rule they show comes from the
 * domain through contract.ts, so a change to a rule in src/domain changes every surface with it.
 * This reads the UI's source (static/app/src, tests and their fixtures excepted) and fails on:
 * - a rule's number written as a literal or inside a text (the kill clock's days, the purgatory
 *   count, the at-risk score, the score's maximum, the number of diagnostic questions, the longest
 *   waiver, the longest people search, a waiver reason's bounds, a kill budget's bounds), the values
 *   taken from the domain itself;
 * - a band's words in a text, or a band's key compared with in code;
 * - a milestone or workstream key of the template written in the UI (which gate checks what is the
 *   domain's gateCriteria);
 * - an import from src/ by any file but contract.ts;
 * - a domain union written again as literal types in src/ui-contract.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import {
  AT_RISK_SCORE,
  BAND_LABELS,
  BANDS_BY_URGENCY,
  KILLED_BAND,
  KILL_CLOCK_DAYS,
  PURGATORY_NO_COUNT,
} from '../../../src/domain/bands';
import { MAX_ENGINEERING_WEEKS, MAX_MONTHLY_COMPUTE_COST } from '../../../src/domain/kill-budget';
import { MAX_WAIVER_REASON_LENGTH, MIN_WAIVER_REASON_LENGTH } from '../../../src/domain/waiver-rules';
import { DEFAULT_TEMPLATE } from '../../../src/domain/default-template';
import { DIAGNOSTIC_QUESTIONS } from '../../../src/domain/diagnostic-questions';
import { calendarDaysFromTo } from '../../../src/domain/iso-date';
import { PEOPLE_QUERY_MAX_LENGTH } from '../../../src/domain/people-search';
import { MAX_SCORE } from '../../../src/domain/score-scale';
import { MAX_DATA_SOURCES } from '../../../src/domain/data-sources';
import { WEEK_ONE_DAYS } from '../../../src/domain/funnel-outcomes';
import { SEEDS_PURGATORY_MAX_YES } from '../../../src/domain/seeds-scorecard';
import { VALUE_REVIEW_DAYS } from '../../../src/domain/value-review';
import type { WaivableCriterion } from '../../../src/domain/types';
import { waiverExpiryRange } from '../../../src/domain/waiver-expiry';

const UI_ROOT = __dirname;
const CONTRACT = join(UI_ROOT, 'contract.ts');
const SRC = resolve(UI_ROOT, '..', '..', '..', 'src');
const UI_CONTRACT = join(SRC, 'ui-contract.ts');

/** The longest waiver in days, from the domain's expiry range: a common year, and one over a leap day. */
function longestWaiverDays(today: string): number {
  return calendarDaysFromTo(today, waiverExpiryRange(today).latest);
}

/** Each rule number with the names it goes by (two rules may share a value). */
const RULE_NUMBERS = new Map<number, string>();
for (const [value, name] of [
  [KILL_CLOCK_DAYS, 'KILL_CLOCK_DAYS'],
  [PURGATORY_NO_COUNT, 'PURGATORY_NO_COUNT'],
  [AT_RISK_SCORE, 'AT_RISK_SCORE'],
  [MAX_SCORE, 'MAX_SCORE'],
  [DIAGNOSTIC_QUESTIONS.length, 'DIAGNOSTIC_QUESTIONS.length'],
  [longestWaiverDays('2026-03-02'), 'waiverExpiryRange (a year)'],
  [longestWaiverDays('2027-03-02'), 'waiverExpiryRange (a year over a leap day)'],
  [PEOPLE_QUERY_MAX_LENGTH, 'PEOPLE_QUERY_MAX_LENGTH'],
  [MIN_WAIVER_REASON_LENGTH, 'MIN_WAIVER_REASON_LENGTH'],
  [MAX_WAIVER_REASON_LENGTH, 'MAX_WAIVER_REASON_LENGTH'],
  [MAX_ENGINEERING_WEEKS, 'MAX_ENGINEERING_WEEKS'],
  [MAX_MONTHLY_COMPUTE_COST, 'MAX_MONTHLY_COMPUTE_COST'],
  [SEEDS_PURGATORY_MAX_YES, 'SEEDS_PURGATORY_MAX_YES'],
  [MAX_DATA_SOURCES, 'MAX_DATA_SOURCES'],
  [VALUE_REVIEW_DAYS, 'VALUE_REVIEW_DAYS'],
  [WEEK_ONE_DAYS, 'WEEK_ONE_DAYS'],
] as const) {
  const known = RULE_NUMBERS.get(value);
  RULE_NUMBERS.set(value, known ? `${known} or ${name}` : name);
}

const BAND_KEYS = new Set<string>([...BANDS_BY_URGENCY, KILLED_BAND]);
const BAND_WORDS = new RegExp(
  `\\b(${Object.values(BAND_LABELS)
    .map((label) => label.words)
    .join('|')})\\b`,
  'i',
);

/** Criterion types are the contract's own words (WaivableCriterion), not keys of the template. */
const CRITERION_TYPES = new Set<string>(['workstream', 'data-access', 'review', 'reviews'] satisfies Array<
  WaivableCriterion['type']
>);
const TEMPLATE_KEYS = new Set<string>(
  [...DEFAULT_TEMPLATE.milestones.map((m) => m.key), ...DEFAULT_TEMPLATE.rows.map((r) => r.key)].filter(
    (key) => !CRITERION_TYPES.has(key),
  ),
);

/**
 * Numbers that only look like a rule, each named with why it is not one. Kept short on purpose: a
 * new entry needs a reason a reviewer accepts.
 */
const NOT_RULES: ReadonlyArray<{ file: string; source: string; why: string }> = [
  {
    file: 'components/PortfolioPage.tsx',
    source: 'PORTFOLIO_PAGE_SIZE = 50',
    why: 'rows the table shows per page: how the page reads, not a rule the domain decides',
  },
  {
    file: 'components/PortfolioPage.tsx',
    source: 'setTimeout(() => URL.revokeObjectURL(url), 1000)',
    why: 'milliseconds before the CSV download link is released',
  },
  {
    file: 'main.tsx',
    source: 'setTimeout(check, 50)',
    why: 'milliseconds between checks for the host bridge',
  },
  {
    file: 'components/ProductionSpecEditor.tsx',
    source: "'e.g. p95 under 300 ms at 50 requests per second'",
    why: 'an example of a latency requirement a team writes',
  },
];

function uiSourceFiles(dir: string = UI_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : uiSourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function parse(path: string, code = readFileSync(path, 'utf8')): ts.SourceFile {
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(path, code, ts.ScriptTarget.Latest, true, kind);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

function isInType(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) if (ts.isTypeNode(at)) return true;
  return false;
}

function isInImportOrExport(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at)) return true;
  }
  return false;
}

/**
 * A key of an object literal (`{ 'at-risk': 'warning' }`) or an element access (`LABELS['at-risk']`):
 * checked by the compiler against the contract's unions, so not a copy.
 */
function isPropertyName(node: ts.Node): boolean {
  return (
    (ts.isPropertyAssignment(node.parent) && node.parent.name === node) ||
    (ts.isElementAccessExpression(node.parent) && node.parent.argumentExpression === node)
  );
}

/** A JSX attribute's name, e.g. `rows` for `rows={3}`. */
function jsxAttributeOf(node: ts.Node): string | null {
  let at: ts.Node = node.parent;
  if (ts.isJsxExpression(at)) at = at.parent;
  return ts.isJsxAttribute(at) ? at.name.getText() : null;
}

/** What a reader sees: string and template pieces, and JSX text; null for anything else. */
function textOf(node: ts.Node): string | null {
  if (ts.isJsxText(node)) return node.text;
  if (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateHead(node) ||
    ts.isTemplateMiddle(node) ||
    ts.isTemplateTail(node)
  )
    return node.text;
  return null;
}

/** Whole numbers standing alone in a text: not part of a word (`M3`), a decimal or a CSS percentage. */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/(?<![\w.])\d+(?![\w.%])/g)].map((match) => Number(match[0]));
}

interface Finding {
  file: string;
  line: number;
  what: string;
}

/** The node, or one of its ancestors up to its statement, is exactly an allowed look-alike. */
function isNotARule(file: string, node: ts.Node): boolean {
  return NOT_RULES.some((entry) => {
    if (entry.file !== file) return false;
    for (let at: ts.Node | undefined = node; at && !ts.isSourceFile(at); at = at.parent) {
      if (at.getText() === entry.source) return true;
      if (ts.isStatement(at)) return false;
    }
    return false;
  });
}

/** Every copied rule in one UI file. */
function copiedRules(path: string, code = readFileSync(path, 'utf8')): Finding[] {
  const source = parse(path, code);
  const file = relative(UI_ROOT, path);
  const findings: Finding[] = [];
  const found = (node: ts.Node, what: string) =>
    findings.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });

  walk(source, (node) => {
    if (isInType(node) || isInImportOrExport(node)) return;
    if (ts.isNumericLiteral(node)) {
      const rule = RULE_NUMBERS.get(Number(node.text));
      // A text area's height in rows is how a form looks, not a rule.
      if (rule && jsxAttributeOf(node) !== 'rows' && !isNotARule(file, node))
        found(node, `the number ${node.text} (${rule}) written as a literal: ${node.parent.getText()}`);
      return;
    }
    const text = textOf(node);
    if (text === null) return;
    for (const value of numbersIn(text)) {
      const rule = RULE_NUMBERS.get(value);
      if (rule && !isNotARule(file, node))
        found(node, `the number ${value} (${rule}) in the text "${text.trim()}"`);
    }
    if (BAND_WORDS.test(text))
      found(node, `a band's words in the text "${text.trim()}" (BAND_LABELS has them)`);
    if (ts.isStringLiteral(node) && !isPropertyName(node) && !jsxAttributeOf(node)) {
      if (BAND_KEYS.has(node.text))
        found(node, `the band '${node.text}' written in code: ${node.parent.getText()}`);
      if (TEMPLATE_KEYS.has(node.text))
        found(node, `the template's key '${node.text}' written in the UI: ${node.parent.getText()}`);
    }
  });

  if (path !== CONTRACT) {
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const from = statement.moduleSpecifier;
      if (from && ts.isStringLiteral(from) && resolve(dirname(path), from.text).startsWith(`${SRC}${sep}`))
        found(statement, `imports ${from.text} directly: take it through contract.ts`);
    }
  }
  return findings;
}

function report(findings: Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}: ${f.what}`).join('\n');
}

describe('the Custom UI copies no rule', () => {
  const files = uiSourceFiles();

  test('reads the UI source (not vacuous)', () => {
    expect(files.map((path) => relative(UI_ROOT, path))).toEqual(
      expect.arrayContaining(['contract.ts', 'components/KillClock.tsx', 'components/WaiverForm.tsx']),
    );
    expect(files.some((path) => path.includes('test-support') || /\.test\.tsx?$/.test(path))).toBe(false);
  });

  test('no rule number, band word or template key is written in a UI file, and only contract.ts imports from src/', () => {
    expect(report(files.flatMap((path) => copiedRules(path)))).toBe('');
  });

  test('the allowed look-alikes are still there (a stale entry would hide nothing and should go)', () => {
    for (const entry of NOT_RULES) {
      expect({
        ...entry,
        present: readFileSync(join(UI_ROOT, entry.file), 'utf8').includes(entry.source),
      }).toEqual({
        ...entry,
        present: true,
      });
    }
  });

  test('src/ui-contract.ts writes no domain union again as literal types', () => {
    const domainWords = new Set([...BAND_KEYS, ...CRITERION_TYPES]);
    const source = parse(UI_CONTRACT);
    const found: string[] = [];
    walk(source, (node) => {
      if (
        ts.isLiteralTypeNode(node) &&
        ts.isStringLiteral(node.literal) &&
        domainWords.has(node.literal.text)
      )
        found.push(
          `line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: '${node.literal.text}'`,
        );
    });
    expect(found).toEqual([]);
  });
});

describe('the check itself', () => {
  const check = (code: string) => copiedRules(join(UI_ROOT, 'Probe.tsx'), code).map((f) => f.what);

  test.each([
    [`export const REVIEW_AFTER_DAYS = ${KILL_CLOCK_DAYS};`, /KILL_CLOCK_DAYS/],
    [
      `const p = <p>No demo yet: the ${KILL_CLOCK_DAYS}-day clock starts at the demo.</p>;`,
      /KILL_CLOCK_DAYS/,
    ],
    [`const heading = noCount >= ${PURGATORY_NO_COUNT};`, /PURGATORY_NO_COUNT/],
    [`const total = answers.length || ${DIAGNOSTIC_QUESTIONS.length};`, /DIAGNOSTIC_QUESTIONS/],
    ['const t = `${score} of ' + MAX_SCORE + '`;', /MAX_SCORE/],
    [`const p = <p>Heading to ${BAND_LABELS.purgatory.words}.</p>;`, /band's words/],
    [`const bad = row.band === 'at-risk';`, /the band 'at-risk'/],
    [`if (milestone === 'production-deployment') push();`, /template's key 'production-deployment'/],
    [`import { x } from '../../../src/domain/waivers';`, /through contract\.ts/],
  ])('finds %s', (code, expected) => {
    expect(check(code).join('\n')).toMatch(expected);
  });

  test.each([
    ['const t = <textarea rows={3} />;'],
    ["const w = line('90%');"],
    ["const d = 'M3 8.5l3.2 3.2L13 4.5';"],
    ["const icons: Record<Band, string> = { 'at-risk': 'warning' };"],
    ["const title = BAND_LABELS['at-risk'].title;"],
    ['type B = { band: "at-risk" };'],
    [`import { KILL_CLOCK_DAYS } from '../contract';`],
    ['const x = `${KILL_CLOCK_DAYS}-day clock`;'],
  ])('lets %s pass', (code) => {
    expect(check(code)).toEqual([]);
  });
});
