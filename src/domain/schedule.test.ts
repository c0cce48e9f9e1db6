import { execFileSync } from 'node:child_process';
import { DEFAULT_TEMPLATE } from './default-template';
import {
  isIsoDate,
  kickoffDate,
  milestoneTargets,
  milestonesOutOfOrder,
  pilotSchedule,
  planDueDateMoves,
  planMovesForMovedMilestones,
  weekStart,
  workstreamDates,
  type ScheduleInputs,
  type WorkstreamDueDate,
} from './schedule';
import type { TemplateRow } from './types';

function row(key: string): TemplateRow {
  const found = DEFAULT_TEMPLATE.rows.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`no row ${key}`);
  return found;
}

/** A pilot kicked off on Monday 2 March 2026, no Due date, no overrides. */
const MARCH_PILOT: ScheduleInputs = {
  kickoffDate: '2026-03-02',
  createdDate: '2026-02-20',
  dueDate: null,
  milestoneOverrides: {},
};

/**
 * Default milestone targets for a 2026-03-02 kickoff, counted by hand: week N starts
 * 7·(N−1) days after kickoff; March has 31 days, April 30.
 */
const MARCH_TARGETS = {
  'demo-sign-off': '2026-04-06', // week 6: +35 days = March 37 = April 6
  'integration-testing': '2026-04-20', // week 8: +49 days
  'load-testing': '2026-05-04', // week 10: +63 days = April 34 = May 4
  'user-rollout': '2026-05-11', // week 11
  'production-deployment': '2026-05-18', // week 12
  'production-go-live': '2026-05-25', // week 13
};

describe('kickoffDate', () => {
  it('is the Kickoff date field when set', () => {
    expect(kickoffDate({ kickoffDate: '2026-03-02', createdDate: '2026-02-20' })).toBe('2026-03-02');
  });

  it('is the day the pilot was created otherwise', () => {
    expect(kickoffDate({ kickoffDate: null, createdDate: '2026-02-20' })).toBe('2026-02-20');
  });
});

describe('weekStart', () => {
  it.each([
    ['2026-03-02', 1, '2026-03-02', 'week 1 starts on kickoff'],
    ['2026-03-02', 2, '2026-03-09', 'week 2 starts a week later'],
    ['2026-12-28', 2, '2027-01-04', 'across the year end: December 28 + 7 = January 4'],
    ['2026-12-28', 6, '2027-02-01', 'December 28 + 35 days = February 1'],
    ['2027-01-31', 2, '2027-02-07', 'from a month end'],
    ['2027-01-31', 5, '2027-02-28', 'January 31 + 28 days = February 28'],
    ['2027-01-31', 6, '2027-03-07', '2027 is not a leap year: February 28 + 7 = March 7'],
    ['2028-02-22', 2, '2028-02-29', 'onto a leap day'],
    ['2028-02-29', 2, '2028-03-07', 'from a leap day: February has 29 days in 2028'],
    ['2028-02-29', 52, '2029-02-20', 'week 52: +357 days = 2029-03-01 (366 days on) minus 9'],
    ['2026-03-02', 3, '2026-03-16', 'across the US clock change of 8 March 2026'],
    ['2026-10-26', 2, '2026-11-02', 'across the US clock change of 1 November 2026'],
    ['2026-03-30', 2, '2026-04-06', 'across the New Zealand clock change of 5 April 2026'],
    ['2026-09-21', 2, '2026-09-28', 'across the New Zealand clock change of 27 September 2026'],
  ])('weekStart(%s, %i) = %s: %s', (kickoff, week, expected) => {
    expect(weekStart(kickoff, week)).toBe(expected);
  });

  it.each([0, -1, 1.5])('refuses week %p', (week) => {
    expect(() => weekStart('2026-03-02', week)).toThrow(RangeError);
  });

  it.each(['2026-02-30', '2026-3-2', '2026-03-02T10:00:00Z', ''])('refuses kickoff %p', (kickoff) => {
    expect(() => weekStart(kickoff, 1)).toThrow(/Not a calendar date/);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2026-03-02', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2026-13-01', false],
    ['2026-03-02T00:00:00', false],
    ['02/03/2026', false],
    [20260302, false],
    [null, false],
  ])('%p → %p', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('milestoneTargets', () => {
  it('puts each milestone at the start of its week by default', () => {
    expect(milestoneTargets(DEFAULT_TEMPLATE, '2026-03-02', {}, null)).toEqual(MARCH_TARGETS);
  });

  it('counts across a year end', () => {
    expect(milestoneTargets(DEFAULT_TEMPLATE, '2026-12-28', {}, null)).toEqual({
      'demo-sign-off': '2027-02-01',
      'integration-testing': '2027-02-15',
      'load-testing': '2027-03-01', // 2027-02-15 + 14: February has 28 days
      'user-rollout': '2027-03-08',
      'production-deployment': '2027-03-15',
      'production-go-live': '2027-03-22',
    });
  });

  it('uses a per-pilot override instead of the week', () => {
    const targets = milestoneTargets(
      DEFAULT_TEMPLATE,
      '2026-03-02',
      { 'integration-testing': '2026-04-02' },
      null,
    );
    expect(targets).toEqual({ ...MARCH_TARGETS, 'integration-testing': '2026-04-02' });
  });

  it('uses the Due date as the production-deployment target', () => {
    const targets = milestoneTargets(DEFAULT_TEMPLATE, '2026-03-02', {}, '2026-06-30');
    expect(targets).toEqual({ ...MARCH_TARGETS, 'production-deployment': '2026-06-30' });
  });

  it('prefers the Due date over an override of production-deployment', () => {
    const overrides = { 'production-deployment': '2026-06-01' };
    expect(
      milestoneTargets(DEFAULT_TEMPLATE, '2026-03-02', overrides, '2026-06-30')['production-deployment'],
    ).toBe('2026-06-30');
    expect(milestoneTargets(DEFAULT_TEMPLATE, '2026-03-02', overrides, null)['production-deployment']).toBe(
      '2026-06-01',
    );
  });

  it('ignores overrides of unknown milestones and overrides that are not dates', () => {
    const overrides = { launch: '2026-04-01', 'load-testing': '2026-02-30', 'user-rollout': 'soon' };
    expect(milestoneTargets(DEFAULT_TEMPLATE, '2026-03-02', overrides, null)).toEqual(MARCH_TARGETS);
  });
});

describe('pilotSchedule', () => {
  it('counts from the Kickoff date field', () => {
    expect(pilotSchedule(DEFAULT_TEMPLATE, MARCH_PILOT)).toEqual({
      kickoff: '2026-03-02',
      targets: MARCH_TARGETS,
    });
  });

  it('counts from the created day when there is no Kickoff date', () => {
    const { kickoff, targets } = pilotSchedule(DEFAULT_TEMPLATE, {
      ...MARCH_PILOT,
      kickoffDate: null,
      createdDate: '2026-02-23',
    });
    expect(kickoff).toBe('2026-02-23');
    expect(targets['demo-sign-off']).toBe('2026-03-30'); // February 23 + 35 days: February has 28 days in 2026
  });
});

describe('workstreamDates', () => {
  it.each([
    ['model-validation', '2026-03-02', '2026-04-06'],
    ['data-access', '2026-03-02', '2026-05-18'],
    ['infrastructure', '2026-03-09', '2026-04-20'],
    ['mlops', '2026-03-16', '2026-05-04'],
    ['change-management', '2026-03-09', '2026-05-11'],
    ['monitoring', '2026-03-23', '2026-05-25'],
  ])('%s starts %s and is due %s', (key, startDate, dueDate) => {
    expect(workstreamDates(row(key), MARCH_TARGETS, '2026-03-02')).toEqual({ startDate, dueDate });
  });

  it('follows a moved milestone', () => {
    const targets = { ...MARCH_TARGETS, 'load-testing': '2026-06-01' };
    expect(workstreamDates(row('mlops'), targets, '2026-03-02').dueDate).toBe('2026-06-01');
  });

  it('refuses a row whose milestone has no target', () => {
    expect(() =>
      workstreamDates({ ...row('mlops'), milestone: 'launch' }, MARCH_TARGETS, '2026-03-02'),
    ).toThrow('Row "mlops" must complete before unknown milestone "launch"');
  });
});

describe('planDueDateMoves', () => {
  /** Every workstream of the default template, on its March target date. */
  function onTarget(
    statusCategory: WorkstreamDueDate['statusCategory'] = 'indeterminate',
  ): WorkstreamDueDate[] {
    return DEFAULT_TEMPLATE.rows.map((templateRow, index) => ({
      key: `AIP-${index + 11}`,
      row: templateRow.key,
      statusCategory,
      dueDate: MARCH_TARGETS[templateRow.milestone as keyof typeof MARCH_TARGETS],
    }));
  }

  function withStatus(
    workstreams: WorkstreamDueDate[],
    statuses: Record<string, WorkstreamDueDate['statusCategory']>,
  ): WorkstreamDueDate[] {
    return workstreams.map((ws) => ({ ...ws, statusCategory: statuses[ws.row] ?? ws.statusCategory }));
  }

  it('moves nothing when nothing changed', () => {
    expect(planDueDateMoves(DEFAULT_TEMPLATE, MARCH_PILOT, onTarget())).toEqual([]);
    expect(planDueDateMoves(DEFAULT_TEMPLATE, MARCH_PILOT, onTarget('new'))).toEqual([]);
  });

  it('moves not-done workstreams when their milestone moves later', () => {
    const pilot = { ...MARCH_PILOT, milestoneOverrides: { 'integration-testing': '2026-04-27' } };
    const workstreams = withStatus(onTarget(), {
      infrastructure: 'new',
      'legacy-integration': 'indeterminate',
    });
    expect(planDueDateMoves(DEFAULT_TEMPLATE, pilot, workstreams)).toEqual([
      { key: 'AIP-14', row: 'infrastructure', from: '2026-04-20', to: '2026-04-27' },
      { key: 'AIP-15', row: 'legacy-integration', from: '2026-04-20', to: '2026-04-27' },
    ]);
  });

  it('moves not-done workstreams when the Due date pulls production deployment earlier', () => {
    const pilot = { ...MARCH_PILOT, dueDate: '2026-05-11' };
    expect(planDueDateMoves(DEFAULT_TEMPLATE, pilot, onTarget())).toEqual([
      { key: 'AIP-12', row: 'data-access', from: '2026-05-18', to: '2026-05-11' },
      { key: 'AIP-13', row: 'security-compliance', from: '2026-05-18', to: '2026-05-11' },
    ]);
  });

  it('never moves a done workstream', () => {
    const pilot = { ...MARCH_PILOT, dueDate: '2026-05-11' };
    const workstreams = withStatus(onTarget(), { 'data-access': 'done' });
    expect(planDueDateMoves(DEFAULT_TEMPLATE, pilot, workstreams)).toEqual([
      { key: 'AIP-13', row: 'security-compliance', from: '2026-05-18', to: '2026-05-11' },
    ]);
  });

  it('moves every not-done workstream a week when the kickoff moves a week', () => {
    const pilot = { ...MARCH_PILOT, kickoffDate: '2026-03-09' };
    const workstreams = withStatus(onTarget(), { 'model-validation': 'done' });
    const moves = planDueDateMoves(DEFAULT_TEMPLATE, pilot, workstreams);
    expect(moves.map(({ row, from, to }) => [row, from, to])).toEqual([
      ['data-access', '2026-05-18', '2026-05-25'],
      ['security-compliance', '2026-05-18', '2026-05-25'],
      ['infrastructure', '2026-04-20', '2026-04-27'],
      ['legacy-integration', '2026-04-20', '2026-04-27'],
      ['mlops', '2026-05-04', '2026-05-11'],
      ['change-management', '2026-05-11', '2026-05-18'],
      ['monitoring', '2026-05-25', '2026-06-01'],
    ]);
  });

  it('gives a due date back to a not-done workstream that lost it', () => {
    const workstreams = [{ key: 'AIP-20', row: 'mlops', statusCategory: 'new' as const, dueDate: null }];
    expect(planDueDateMoves(DEFAULT_TEMPLATE, MARCH_PILOT, workstreams)).toEqual([
      { key: 'AIP-20', row: 'mlops', from: null, to: '2026-05-04' },
    ]);
  });

  it('leaves alone workstreams whose row is no longer in the template', () => {
    const workstreams = [
      { key: 'AIP-30', row: 'retired-row', statusCategory: 'new' as const, dueDate: '2026-01-01' },
    ];
    expect(planDueDateMoves(DEFAULT_TEMPLATE, MARCH_PILOT, workstreams)).toEqual([]);
  });
});

describe('in every time zone', () => {
  // The process time zone is fixed at start-up, so each zone gets a process of its own.
  const zones = ['UTC', 'America/Los_Angeles', 'Pacific/Auckland', 'Pacific/Kiritimati', 'America/Sao_Paulo'];
  const script = `
    const { weekStart, milestoneTargets } = require('./src/domain/schedule.ts');
    const { DEFAULT_TEMPLATE } = require('./src/domain/default-template.ts');
    process.stdout.write(JSON.stringify({
      weeks: [['2026-12-28', 2], ['2027-01-31', 6], ['2028-02-22', 2], ['2026-03-02', 3], ['2026-09-21', 2]]
        .map(([kickoff, week]) => weekStart(kickoff, week)),
      targets: milestoneTargets(DEFAULT_TEMPLATE, '2026-03-02', {}, null),
    }));`;

  it.each(zones)('%s gives the same calendar dates', (zone) => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: `${__dirname}/../..`,
      env: { ...process.env, TZ: zone },
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({
      weeks: ['2027-01-04', '2027-03-07', '2028-02-29', '2026-03-16', '2026-09-28'],
      targets: MARCH_TARGETS,
    });
  });
});

describe('planMovesForMovedMilestones', () => {
  const pilot = {
    kickoffDate: '2026-03-02',
    createdDate: '2026-03-02',
    dueDate: null,
    milestoneOverrides: {},
  };
  const laidOut = pilotSchedule(DEFAULT_TEMPLATE, pilot).targets;
  const workstreams = [
    { key: 'AIP-2', row: 'model-validation', statusCategory: 'new' as const, dueDate: '2026-04-06' },
    { key: 'AIP-5', row: 'infrastructure', statusCategory: 'indeterminate' as const, dueDate: '2026-04-24' }, // set by hand
    { key: 'AIP-3', row: 'data-access', statusCategory: 'done' as const, dueDate: '2026-05-18' },
    { key: 'AIP-4', row: 'security-compliance', statusCategory: 'new' as const, dueDate: '2026-05-18' },
  ];

  it('moves nothing when no milestone moved, even a hand-set due date', () => {
    expect(planMovesForMovedMilestones(DEFAULT_TEMPLATE, pilot, workstreams, laidOut)).toEqual([]);
  });

  it('moves only the not-done workstreams of the milestone that moved', () => {
    const later = { ...pilot, dueDate: '2026-06-30' }; // production-deployment moves
    expect(planMovesForMovedMilestones(DEFAULT_TEMPLATE, later, workstreams, laidOut)).toEqual([
      { key: 'AIP-4', row: 'security-compliance', from: '2026-05-18', to: '2026-06-30' },
    ]);
  });

  it('moves nothing for a pilot never laid out', () => {
    expect(
      planMovesForMovedMilestones(
        DEFAULT_TEMPLATE,
        { ...pilot, dueDate: '2026-06-30' },
        workstreams,
        undefined,
      ),
    ).toEqual([]);
  });
});

describe('milestonesOutOfOrder', () => {
  const template = {
    milestones: [
      { key: 'a', name: 'Alpha', week: 2 },
      { key: 'b', name: 'Beta', week: 4 },
      { key: 'c', name: 'Gamma', week: 6 },
    ],
  };

  it('names each milestone due before the one it follows, with both dates', () => {
    expect(milestonesOutOfOrder(template, { a: '2026-03-09', b: '2026-03-01', c: '2026-03-23' })).toEqual([
      {
        earlier: { key: 'a', name: 'Alpha', target: '2026-03-09' },
        later: { key: 'b', name: 'Beta', target: '2026-03-01' },
      },
    ]);
  });

  it('accepts milestones on the same day and in order', () => {
    expect(milestonesOutOfOrder(template, { a: '2026-03-09', b: '2026-03-09', c: '2026-03-23' })).toEqual([]);
  });
});
