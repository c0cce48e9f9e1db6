import {
  band,
  daysSinceDemo,
  decisionLapsesOn,
  demoDate,
  hasOverdueWorkstream,
  isDecisionInForce,
  killClockDecisions,
  latestDecisionSinceDemo,
  reviewRequired,
  standingKill,
  type BandInput,
} from './kill-clock';
import {
  ACCELERATE,
  KILL,
  decision,
  extraWorkstream,
  fields,
  freshPilot,
  pauseUntil,
  pilotWith,
  workstream,
  workstreamDone,
  workstreamInProgress,
  type SnapshotChange,
} from './test-support/snapshots';
import type { IsoDate } from './types';

describe('demoDate (§9)', () => {
  test.each([
    ['a fresh pilot has no demo', [], null],
    ['the Demo sign-off date field', [fields({ demoSignOffDate: '2026-02-20' })], '2026-02-20'],
    [
      'else the day model validation reached done',
      [workstreamDone('model-validation', '2026-02-18')],
      '2026-02-18',
    ],
    [
      'the field wins over the done day',
      [fields({ demoSignOffDate: '2026-02-20' }), workstreamDone('model-validation', '2026-02-18')],
      '2026-02-20',
    ],
    ['not while model validation is in progress', [workstreamInProgress('model-validation')], null],
    [
      'with two model-validation sub-tasks, the day the last one was done',
      [
        workstreamDone('model-validation', '2026-02-18'),
        extraWorkstream({
          key: 'AIP-40',
          row: 'model-validation',
          statusCategory: 'done',
          assigneeAccountId: null,
          dueDate: null,
          doneDate: '2026-03-02',
        }),
      ],
      '2026-03-02',
    ],
  ])('%s', (_label, changes, expected) => {
    expect(demoDate(pilotWith(...changes))).toBe(expected);
  });

  it('ignores other done workstreams', () => {
    expect(demoDate(pilotWith(workstreamDone('mlops', '2026-02-18')))).toBeNull();
  });
});

describe('daysSinceDemo: whole calendar days', () => {
  test.each([
    [null, '2026-04-01', null],
    ['2026-04-02', '2026-04-01', null],
    ['2026-04-01', '2026-04-01', 0],
    ['2026-01-31', '2026-02-01', 1],
    ['2026-02-28', '2026-03-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-12-31', '2027-01-01', 1],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['2026-03-01', '2026-03-31', 30],
    ['2026-01-01', '2026-04-01', 90],
    ['2026-10-03', '2027-01-01', 90],
  ])('demo %p, today %s → %p', (demo, today, days) => {
    expect(daysSinceDemo(demo, today)).toBe(days);
  });
});

describe('latestDecisionSinceDemo', () => {
  const demo = '2026-01-01';

  it('ignores decisions before the demo', () => {
    const { decisions } = pilotWith(decision(ACCELERATE, '2025-12-31'));
    expect(latestDecisionSinceDemo(decisions, demo)).toBeNull();
  });

  it('counts a decision on the demo day', () => {
    const { decisions } = pilotWith(decision(KILL, '2026-01-01'));
    expect(latestDecisionSinceDemo(decisions, demo)?.decision).toEqual(KILL);
  });

  it('takes the latest by date, whatever the order recorded', () => {
    const { decisions } = pilotWith(decision(KILL, '2026-05-01'), decision(ACCELERATE, '2026-04-20'));
    expect(latestDecisionSinceDemo(decisions, demo)?.decision).toEqual(KILL);
  });

  it('on the same day, takes the one recorded last', () => {
    const { decisions } = pilotWith(
      decision(pauseUntil('2026-06-01'), '2026-04-20'),
      decision(ACCELERATE, '2026-04-20'),
    );
    expect(latestDecisionSinceDemo(decisions, demo)?.decision).toEqual(ACCELERATE);
  });

  it('is null without a demo', () => {
    const { decisions } = pilotWith(decision(KILL, '2026-05-01'));
    expect(latestDecisionSinceDemo(decisions, null)).toBeNull();
  });
});

describe('reviewRequired: more than 90 days, not graduated, no decision since the demo', () => {
  const DEMO = '2026-01-01';

  function required(
    today: IsoDate,
    options: { graduated?: boolean; changes?: SnapshotChange[] } = {},
  ): boolean {
    const { decisions } = pilotWith(...(options.changes ?? []));
    return reviewRequired({
      daysSinceDemo: daysSinceDemo(DEMO, today),
      graduated: options.graduated ?? false,
      decisions,
      demoDate: DEMO,
      today,
    });
  }

  test.each([
    ['exactly 90 days after the demo', '2026-04-01', false],
    ['91 days after the demo', '2026-04-02', true],
    ['a year after the demo', '2027-01-01', true],
    ['on the demo day', '2026-01-01', false],
  ])('%s (%s) → %p', (_label, today, expected) => {
    expect(required(today)).toBe(expected);
  });

  it('never before the demo', () => {
    expect(
      reviewRequired({
        daysSinceDemo: null,
        graduated: false,
        decisions: [],
        demoDate: null,
        today: '2027-01-01',
      }),
    ).toBe(false);
  });

  it('never once graduated', () => {
    expect(required('2026-06-01', { graduated: true })).toBe(false);
  });

  test.each([
    { label: 'accelerate since the demo', expected: false, changes: [decision(ACCELERATE, '2026-04-05')] },
    {
      label: 'an accelerate 90 days old',
      expected: true,
      changes: [decision(ACCELERATE, '2026-03-03')],
    },
    { label: 'kill since the demo', expected: false, changes: [decision(KILL, '2026-04-05')] },
    {
      label: 'a decision before the demo only',
      expected: true,
      changes: [decision(ACCELERATE, '2025-12-20')],
    },
    {
      label: 'a pause resuming in the future',
      expected: false,
      changes: [decision(pauseUntil('2026-06-02'), '2026-04-05')],
    },
    {
      label: 'a pause resuming today',
      expected: true,
      changes: [decision(pauseUntil('2026-06-01'), '2026-04-05')],
    },
    {
      label: 'a pause whose resumption date has passed',
      expected: true,
      changes: [decision(pauseUntil('2026-05-15'), '2026-04-05')],
    },
    {
      label: 'an accelerate after a lapsed pause',
      expected: false,
      changes: [decision(pauseUntil('2026-05-15'), '2026-04-05'), decision(ACCELERATE, '2026-05-20')],
    },
    {
      label: 'a lapsed pause after an accelerate (the latest decision counts)',
      expected: true,
      changes: [decision(ACCELERATE, '2026-04-05'), decision(pauseUntil('2026-05-15'), '2026-04-20')],
    },
  ])('$label, on 2026-06-01 → $expected', ({ changes, expected }) => {
    expect(required('2026-06-01', { changes })).toBe(expected);
  });
});

describe('band: first match wins', () => {
  const onTrack: BandInput = {
    graduated: false,
    noCount: 0,
    reviewRequired: false,
    score: 80,
    overdueWorkstream: false,
  };

  test.each<[string, string, Partial<BandInput>]>([
    ['nothing wrong', 'on-track', {}],
    [
      'a standing kill beats everything, graduation too',
      'killed',
      { killed: true, graduated: true, noCount: 7, reviewRequired: true, score: 100 },
    ],
    [
      'graduated beats everything else',
      'ready',
      { graduated: true, noCount: 7, reviewRequired: true, score: 10, overdueWorkstream: true },
    ],
    ['three no answers', 'purgatory', { noCount: 3 }],
    ['two no answers', 'on-track', { noCount: 2 }],
    ['review required', 'purgatory', { reviewRequired: true }],
    ['purgatory beats at-risk', 'purgatory', { noCount: 3, score: 10 }],
    ['score 49', 'at-risk', { score: 49 }],
    ['score 50', 'on-track', { score: 50 }],
    ['an overdue workstream', 'at-risk', { overdueWorkstream: true }],
  ])('%s → %s', (_label, expected, change) => {
    expect(band({ ...onTrack, ...change })).toBe(expected);
  });
});

describe('hasOverdueWorkstream', () => {
  const TODAY = '2026-03-10';
  test.each([
    ['no due dates', false, []],
    ['a sub-task to do, due yesterday', true, [workstream('mlops', { dueDate: '2026-03-09' })]],
    [
      'a sub-task in progress, due last year',
      true,
      [workstreamInProgress('mlops', { dueDate: '2025-12-31' })],
    ],
    ['a sub-task due today', false, [workstream('mlops', { dueDate: '2026-03-10' })]],
    ['a sub-task due tomorrow', false, [workstream('mlops', { dueDate: '2026-03-11' })]],
    [
      'a done sub-task past its due date',
      false,
      [workstream('mlops', { statusCategory: 'done', dueDate: '2026-03-01' })],
    ],
  ])('%s → %p', (_label, expected, changes) => {
    expect(hasOverdueWorkstream(pilotWith(...changes), TODAY)).toBe(expected);
  });

  it('is false for a fresh pilot', () => {
    expect(hasOverdueWorkstream(freshPilot(), TODAY)).toBe(false);
  });
});

describe('an accelerate buys one more clock, not immunity (§9)', () => {
  const DEMO = '2026-01-01';
  const required = (today: IsoDate, changes: SnapshotChange[]) =>
    reviewRequired({
      daysSinceDemo: daysSinceDemo(DEMO, today),
      graduated: false,
      decisions: pilotWith(...changes).decisions,
      demoDate: DEMO,
      today,
    });

  test.each([
    ['the day after the decision', '2026-04-06', false],
    ['89 days after the decision', '2026-07-03', false],
    ['90 days after the decision', '2026-07-04', true],
    ['a year after the decision', '2027-04-05', true],
  ])('accelerated on 2026-04-05: %s (%s) → on the kill list %p', (_label, today, expected) => {
    expect(required(today, [decision(ACCELERATE, '2026-04-05')])).toBe(expected);
  });

  it('says when it lapses', () => {
    expect(decisionLapsesOn({ decision: ACCELERATE, decidedBy: 'a', decidedOn: '2026-04-05' })).toBe(
      '2026-07-04',
    );
  });
});

describe('a kill stands until the pilot is reopened (§14)', () => {
  const kill = { decision: KILL, decidedBy: 'a', decidedOn: '2026-04-05' };

  it('stands when it is the last decision and the pilot was not reopened', () => {
    expect(standingKill([kill])).toBe(kill);
    expect(standingKill([{ ...kill, reopenedOn: '2026-05-01' }])).toBeNull();
    expect(standingKill([])).toBeNull();
  });

  it('once reopened, no decision holds: past the clock, the pilot is back on the kill list', () => {
    const reopened = { ...kill, reopenedOn: '2026-05-01' };
    expect(isDecisionInForce(kill, '2030-01-01')).toBe(true);
    expect(isDecisionInForce(reopened, '2026-05-02')).toBe(false);
    expect(
      reviewRequired({
        daysSinceDemo: 150,
        graduated: false,
        decisions: [reopened],
        demoDate: '2026-01-01',
        today: '2026-05-31',
      }),
    ).toBe(true);
  });
});

describe('killClockDecisions: the decision the kill clock shows', () => {
  const DEMO = '2026-01-01';
  const pause = { decision: pauseUntil('2026-05-01'), decidedBy: 'a', decidedOn: '2026-04-05' };

  it('shows a pause in force with its resumption date', () => {
    expect(killClockDecisions([pause], DEMO, '2026-04-20')).toEqual({
      standing: { record: pause, lapsesOn: '2026-05-01' },
      lapsed: null,
    });
  });

  it('shows a lapsed pause, and from which day the pilot is back on the kill list', () => {
    expect(killClockDecisions([pause], DEMO, '2026-05-01')).toEqual({
      standing: null,
      lapsed: { record: pause, lapsesOn: '2026-05-01' },
    });
  });

  it('shows a standing kill whenever it was decided, and nothing without a decision', () => {
    const kill = { decision: KILL, decidedBy: 'a', decidedOn: '2025-12-01' };
    expect(killClockDecisions([kill], DEMO, '2026-04-20').standing?.record).toBe(kill);
    expect(killClockDecisions([], DEMO, '2026-04-20')).toEqual({ standing: null, lapsed: null });
  });
});
