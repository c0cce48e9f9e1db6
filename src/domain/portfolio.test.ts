import {
  budgetFreed,
  diagnosticSummary,
  firstBlockingGate,
  gateFunnel,
  median,
  orderQueue,
  rowsOfTeam,
  type FunnelPilot,
  type QueueItem,
} from './portfolio';
import { csvCell, toCsv } from './csv';
import { DEFAULT_TEMPLATE } from './default-template';
import type { GateEvidence } from './funnel';
import type { GateBlocker, GateResult } from './types';

const gate = (milestone: string, passed: boolean, teams: string[] = []): GateResult => ({
  milestone,
  passed,
  waived: false,
  blocking: teams.map((ownerTeam): GateBlocker => ({
    criterion: { type: 'workstream', row: 'x' },
    issueKeys: [],
    detail: '',
    ownerTeam,
  })),
});

describe('firstBlockingGate', () => {
  test('the first gate in order that does not pass', () => {
    expect(firstBlockingGate([gate('a', true), gate('b', false), gate('c', false)])).toBe('b');
  });
  test('null when every gate passes', () => {
    expect(firstBlockingGate([gate('a', true)])).toBeNull();
  });
});

describe('diagnosticSummary', () => {
  const answers = (noIds: number[]) => noIds;
  test('counts the pilots answering no to each of the 7 questions', () => {
    expect(diagnosticSummary([answers([1, 2]), answers([2, 7]), answers([])])).toEqual([
      { id: 1, no: 1 },
      { id: 2, no: 2 },
      { id: 3, no: 0 },
      { id: 4, no: 0 },
      { id: 5, no: 0 },
      { id: 6, no: 0 },
      { id: 7, no: 1 },
    ]);
  });
  test('no pilots: seven zeros', () => {
    expect(diagnosticSummary([]).map((count) => count.no)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('median', () => {
  test.each([
    [[], null],
    [[7], 7],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
    [[10, 10], 10],
  ])('%j → %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('gateFunnel', () => {
  const evidence = (
    passedOn: string | null,
    criteria: Array<[string, string | null]> = [],
  ): GateEvidence => ({ passedOn, criteria: criteria.map(([blocker, metOn]) => ({ blocker, metOn })) });
  const pilot = (evidenceByGate?: Record<string, GateEvidence>, firstPassed = {}): FunnelPilot => ({
    kickoff: '2026-01-05',
    gatesFirstPassed: firstPassed,
    ...(evidenceByGate ? { evidence: evidenceByGate } : {}),
  });
  const TODAY = '2026-03-02';

  test('per gate: pilots that passed, median days from kickoff by the evidence, who held it up longest', () => {
    const funnel = gateFunnel(
      [
        pilot({
          'demo-sign-off': evidence('2026-02-09', [['Data', '2026-02-09']]),
          'load-testing': evidence(null, [
            ['Ops', null],
            ['Data', '2026-01-12'],
          ]),
        }),
        pilot({
          'demo-sign-off': evidence('2026-02-16', [['Data', '2026-02-16']]),
          'load-testing': evidence('2026-03-16', [['Ops', '2026-03-16']]),
        }),
        pilot({ 'demo-sign-off': evidence(null, [['Data', null]]) }),
        // Stored before evidence was: the day the gate was first seen passing.
        pilot(undefined, { 'demo-sign-off': '2026-03-02' }),
      ],
      ['demo-sign-off', 'load-testing', 'go-live'],
      TODAY,
    );
    expect(funnel).toEqual([
      {
        milestone: 'demo-sign-off',
        passed: 3,
        medianDaysToPass: 42,
        // 35 + 42 + 56 (still open today) pilot-days.
        blockedLongest: { who: 'Data', pilotDays: 133 },
      },
      {
        milestone: 'load-testing',
        passed: 1,
        medianDaysToPass: 70,
        // Ops: 56 (open) + 70 = 126; Data: 7.
        blockedLongest: { who: 'Ops', pilotDays: 126 },
      },
      { milestone: 'go-live', passed: 0, medianDaysToPass: null, blockedLongest: null },
    ]);
  });

  test('a killed pilot counts up to its kill only: a gate passed after it is not counted, and it holds nothing up since', () => {
    const killed: FunnelPilot = {
      ...pilot({
        'demo-sign-off': evidence('2026-02-09', [['Data', '2026-02-09']]),
        'load-testing': evidence('2026-04-01', [['Ops', '2026-04-01']]),
      }),
      killedOn: '2026-02-16',
    };
    expect(gateFunnel([killed], ['demo-sign-off', 'load-testing'], TODAY)).toEqual([
      // 35 days from kickoff to the demo gate, held up by Data all that time.
      {
        milestone: 'demo-sign-off',
        passed: 1,
        medianDaysToPass: 35,
        blockedLongest: { who: 'Data', pilotDays: 35 },
      },
      // Passed after the kill: not counted; Ops held it up from kickoff to the kill only (42 days, not 56).
      {
        milestone: 'load-testing',
        passed: 0,
        medianDaysToPass: null,
        blockedLongest: { who: 'Ops', pilotDays: 42 },
      },
    ]);
  });

  test('a tie goes to the first alphabetically', () => {
    const funnel = gateFunnel(
      [pilot({ g: evidence(null, [['Zeta', null]]) }), pilot({ g: evidence(null, [['Alpha', null]]) })],
      ['g'],
      TODAY,
    );
    expect(funnel[0]?.blockedLongest).toEqual({ who: 'Alpha', pilotDays: 56 });
  });
});

describe('budgetFreed', () => {
  test('sums weeks, and compute per currency whatever its case; kills without a budget count as kills', () => {
    expect(
      budgetFreed([
        { engineeringWeeks: 12, monthlyComputeCost: 4000, computeCurrency: 'USD' },
        { engineeringWeeks: 2.5, monthlyComputeCost: 500, computeCurrency: 'usd' },
        { monthlyComputeCost: 300, computeCurrency: 'EUR' },
        {},
      ]),
    ).toEqual({
      killedPilots: 4,
      engineeringWeeks: 14.5,
      monthlyCompute: [
        { currency: 'EUR', amount: 300 },
        { currency: 'USD', amount: 4500 },
      ],
    });
  });
});

describe('orderQueue', () => {
  const item = (key: string, dueDate: string | null): QueueItem => ({
    key,
    pilotId: '10001',
    pilotKey: 'AIP-1',
    row: 'mlops',
    summary: key,
    dueDate,
  });
  test('overdue first, most overdue on top, then by due date, undated last, ties by key number', () => {
    const ordered = orderQueue(
      [
        item('AIP-9', null),
        item('AIP-3', '2026-03-20'),
        item('AIP-10', '2026-03-01'),
        item('AIP-2', '2026-02-20'),
        item('AIP-11', '2026-03-20'),
        item('AIP-4', '2026-03-10'),
      ],
      '2026-03-10',
    );
    expect(ordered.map((entry) => [entry.key, entry.daysOverdue])).toEqual([
      ['AIP-2', 18],
      ['AIP-10', 9],
      ['AIP-4', 0],
      ['AIP-3', 0],
      ['AIP-11', 0],
      ['AIP-9', 0],
    ]);
  });
});

describe('rowsOfTeam', () => {
  test('the rows the default template gives the data science team', () => {
    expect(rowsOfTeam(DEFAULT_TEMPLATE.rows, 'Data science team')).toEqual(['model-validation']);
    expect(rowsOfTeam(DEFAULT_TEMPLATE.rows, 'Nobody')).toEqual([]);
  });
});

describe('CSV', () => {
  test.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded ', '" padded "'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['-cmd', "'-cmd"],
    // A cell a spreadsheet splits at ';' (its list separator in many locales) is quoted whole.
    ['ok;=1+1', '"ok;=1+1"'],
    ['tab\t=1+1', '"tab\t=1+1"'],
    // Spreadsheets drop a leading NUL or space, and then the formula starts the cell.
    ['\u0000=1+1', "'\u0000=1+1"],
    [' =1+1', "' =1+1"],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    // A signed number is a number (the app's own trend, +5 or -3), never a formula: left as it is.
    ['+5', '+5'],
    ['-3', '-3'],
    ['-2.5', '-2.5'],
    ['+1+1', "'+1+1"],
    ['-3)*cmd', "'-3)*cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [-5, '-5'],
    [42, '42'],
    [null, ''],
    [true, 'true'],
  ] as const)('%p → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
  test('a header, one CRLF-terminated line per row', () => {
    expect(
      toCsv(
        ['Key', 'Summary'],
        [
          ['AIP-1', 'Fraud, triage'],
          ['AIP-2', null],
        ],
      ),
    ).toBe('Key,Summary\r\nAIP-1,"Fraud, triage"\r\nAIP-2,\r\n');
  });
});
