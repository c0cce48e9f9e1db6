import { DEFAULT_TEMPLATE } from './default-template';
import { daysOverdue, evaluateGates, isGraduated } from './gates';
import {
  allReviewsApproved,
  allWorkstreamsDone,
  dataAccessTicket,
  extraReview,
  extraWorkstream,
  freshPilot,
  pilotWith,
  readyPilot,
  reviewApproved,
  reviewInProgress,
  reviewRejected,
  waiver,
  withoutDataAccess,
  withoutReview,
  withoutWorkstream,
  workstream,
  workstreamDone,
  workstreamInProgress,
  type SnapshotChange,
} from './test-support/snapshots';
import type { GateResult, OwnershipTemplate, PilotSnapshot } from './types';

const TODAY = '2026-02-16';
const TOMORROW = '2026-02-17';

function gatesOf(snapshot: PilotSnapshot, template: OwnershipTemplate = DEFAULT_TEMPLATE): GateResult[] {
  return evaluateGates(snapshot, template, TODAY);
}

function gate(snapshot: PilotSnapshot, milestone: string): GateResult {
  const found = gatesOf(snapshot).find((result) => result.milestone === milestone);
  if (found === undefined) throw new Error(`No gate ${milestone}`);
  return found;
}

/** Everything met except what `changes` undo. */
function readyExcept(...changes: SnapshotChange[]): PilotSnapshot {
  return pilotWith(allWorkstreamsDone(), allReviewsApproved(), dataAccessTicket('approved'), ...changes);
}

describe('evaluateGates on a fresh pilot', () => {
  const gates = gatesOf(freshPilot());

  it('has one failing gate per milestone, in milestone order', () => {
    expect(gates.map(({ milestone, passed, waived }) => [milestone, passed, waived])).toEqual([
      ['demo-sign-off', false, false],
      ['integration-testing', false, false],
      ['load-testing', false, false],
      ['user-rollout', false, false],
      ['production-deployment', false, false],
      ['production-go-live', false, false],
    ]);
  });

  it('names the blocking sub-task and its owner team', () => {
    expect(gates[0]?.blocking).toEqual([
      {
        criterion: { type: 'workstream', row: 'model-validation' },
        issueKeys: ['AIP-2'],
        detail: 'Model development & validation: AIP-2 to do',
        ownerTeam: 'Data science team',
        dueDate: null,
      },
    ]);
  });

  it('blocks production deployment on its workstreams, data access and every review', () => {
    expect(
      gates[4]?.blocking.map(({ criterion, issueKeys, detail }) => ({ criterion, issueKeys, detail })),
    ).toEqual([
      {
        criterion: { type: 'workstream', row: 'data-access' },
        issueKeys: ['AIP-3'],
        detail: 'Data access requests: AIP-3 to do',
      },
      {
        criterion: { type: 'workstream', row: 'security-compliance' },
        issueKeys: ['AIP-4'],
        detail: 'Security & compliance engagement: AIP-4 to do',
      },
      { criterion: { type: 'data-access' }, issueKeys: [], detail: 'Data access: no ticket filed' },
      {
        criterion: { type: 'review', kind: 'security' },
        issueKeys: ['AIP-10'],
        detail: 'Security review: AIP-10 not started',
      },
      {
        criterion: { type: 'review', kind: 'compliance' },
        issueKeys: ['AIP-11'],
        detail: 'Compliance review: AIP-11 not started',
      },
      {
        criterion: { type: 'review', kind: 'legal' },
        issueKeys: ['AIP-12'],
        detail: 'Legal review: AIP-12 not started',
      },
      {
        criterion: { type: 'review', kind: 'privacy' },
        issueKeys: ['AIP-13'],
        detail: 'Privacy review: AIP-13 not started',
      },
      {
        criterion: { type: 'review', kind: 'infrastructure' },
        issueKeys: ['AIP-14'],
        detail: 'Infrastructure review: AIP-14 not started',
      },
    ]);
  });
});

describe('workstream criteria', () => {
  it('a gate passes when every workstream that must complete before it is done', () => {
    const pilot = pilotWith(workstreamDone('infrastructure'), workstreamDone('legacy-integration'));
    expect(gate(pilot, 'integration-testing')).toEqual({
      milestone: 'integration-testing',
      passed: true,
      waived: false,
      blocking: [],
    });
  });

  it('in progress is not done', () => {
    const pilot = pilotWith(workstreamDone('infrastructure'), workstreamInProgress('legacy-integration'));
    expect(gate(pilot, 'integration-testing').passed).toBe(false);
  });

  it('work on other milestones does not matter', () => {
    expect(gate(pilotWith(workstreamDone('mlops')), 'load-testing').passed).toBe(true);
  });

  it('a missing sub-task blocks, with no issue key and no due date', () => {
    const pilot = pilotWith(withoutWorkstream('mlops'));
    expect(gate(pilot, 'load-testing').blocking).toEqual([
      {
        criterion: { type: 'workstream', row: 'mlops' },
        issueKeys: [],
        detail: 'MLOps pipeline setup: no sub-task',
        ownerTeam: 'Production pathway team',
        dueDate: null,
      },
    ]);
  });

  test.each([
    ['due in a week', '2026-02-23', 0, 'MLOps pipeline setup: AIP-7 in progress'],
    ['due today', '2026-02-16', 0, 'MLOps pipeline setup: AIP-7 in progress'],
    ['due yesterday', '2026-02-15', 1, 'MLOps pipeline setup: AIP-7 in progress, 1 day overdue'],
    [
      'due at the end of last month',
      '2026-01-31',
      16,
      'MLOps pipeline setup: AIP-7 in progress, 16 days overdue',
    ],
  ])('a sub-task %s carries its due date and days overdue', (_label, dueDate, overdue, detail) => {
    const pilot = pilotWith(workstreamInProgress('mlops', { dueDate }));
    expect(gate(pilot, 'load-testing').blocking).toEqual([
      {
        criterion: { type: 'workstream', row: 'mlops' },
        issueKeys: ['AIP-7'],
        detail,
        ownerTeam: 'Production pathway team',
        dueDate,
        daysOverdue: overdue,
      },
    ]);
  });

  it('with a duplicate sub-task left open, the row blocks on the open one', () => {
    const pilot = pilotWith(
      workstreamDone('mlops'),
      extraWorkstream({
        key: 'AIP-40',
        row: 'mlops',
        statusCategory: 'new',
        assigneeAccountId: null,
        dueDate: '2026-02-10',
        doneDate: null,
      }),
    );
    expect(gate(pilot, 'load-testing').blocking).toEqual([
      expect.objectContaining({ issueKeys: ['AIP-40'], dueDate: '2026-02-10', daysOverdue: 6 }),
    ]);
  });
});

describe('production-deployment: data access', () => {
  test.each([
    ['no ticket at all', [], false, { issueKeys: [], detail: 'Data access: no ticket filed' }],
    [
      'a requested ticket',
      [dataAccessTicket('requested')],
      false,
      { issueKeys: ['AIP-100'], detail: 'Data access not approved: AIP-100 requested' },
    ],
    [
      'an approved and a rejected ticket',
      [
        dataAccessTicket('approved'),
        dataAccessTicket('rejected', { source: 'servicenow', key: 'RITM0010002' }),
      ],
      false,
      { issueKeys: ['RITM0010002'], detail: 'Data access not approved: RITM0010002 rejected' },
    ],
    ['two approved tickets', [dataAccessTicket('approved'), dataAccessTicket('approved')], true, null],
  ])('%s', (_label, tickets, passed, blocker) => {
    const pilot = pilotWith(allWorkstreamsDone(), allReviewsApproved(), ...tickets);
    const result = gate(pilot, 'production-deployment');
    expect(result.passed).toBe(passed);
    expect(result.blocking).toEqual(
      blocker === null ? [] : [{ criterion: { type: 'data-access' }, ...blocker }],
    );
  });
});

describe('production-deployment: reviews', () => {
  test.each([
    [
      'a rejected review',
      reviewRejected('legal'),
      { issueKeys: ['AIP-12'], detail: 'Legal review: AIP-12 rejected' },
    ],
    [
      'an open review',
      reviewInProgress('privacy'),
      { issueKeys: ['AIP-13'], detail: 'Privacy review: AIP-13 in progress' },
    ],
    ['a missing review', withoutReview('security'), { issueKeys: [], detail: 'Security review: no ticket' }],
  ])('%s blocks', (_label, change, blocker) => {
    const result = gate(readyExcept(change), 'production-deployment');
    expect(result.passed).toBe(false);
    const kind = blocker.detail.split(' ')[0]?.toLowerCase() ?? '';
    expect(result.blocking).toEqual([{ criterion: { type: 'review', kind }, ...blocker }]);
  });

  it('a review of a kind the template does not have is ignored', () => {
    const pilot = readyExcept(
      extraReview({ key: 'AIP-50', kind: 'ethics', statusCategory: 'new', resolution: null }),
    );
    expect(gate(pilot, 'production-deployment').passed).toBe(true);
  });

  it('only production deployment looks at reviews and data access', () => {
    const pilot = pilotWith(allWorkstreamsDone());
    expect(
      gatesOf(pilot)
        .filter((result) => !result.passed)
        .map((result) => result.milestone),
    ).toEqual(['production-deployment']);
  });
});

describe('waivers (§7)', () => {
  const dataAccessWaiver = (expires: string) =>
    waiver('production-deployment', { type: 'data-access' }, expires);

  it('a waiver expiring tomorrow holds today: the gate passes, marked waived', () => {
    expect(
      gate(readyExcept(withoutDataAccess(), dataAccessWaiver(TOMORROW)), 'production-deployment'),
    ).toEqual({
      milestone: 'production-deployment',
      passed: true,
      waived: true,
      blocking: [],
    });
  });

  it('a waiver expiring today blocks today: the expiry date is the first blocking day', () => {
    const result = gate(readyExcept(withoutDataAccess(), dataAccessWaiver(TODAY)), 'production-deployment');
    expect(result).toMatchObject({ passed: false, waived: false });
  });

  it('a waiver that expired yesterday blocks again', () => {
    const result = gate(
      readyExcept(withoutDataAccess(), dataAccessWaiver('2026-02-15')),
      'production-deployment',
    );
    expect(result.passed).toBe(false);
    expect(result.waived).toBe(false);
    expect(result.blocking).toEqual([
      { criterion: { type: 'data-access' }, issueKeys: [], detail: 'Data access: no ticket filed' },
    ]);
  });

  it('a waiver of a criterion already met does not mark the gate waived', () => {
    expect(gate(readyExcept(dataAccessWaiver(TODAY)), 'production-deployment').waived).toBe(false);
  });

  it('a waived criterion is not listed, but a gate with other blockers neither passes nor is waived', () => {
    const pilot = readyExcept(withoutDataAccess(), dataAccessWaiver(TOMORROW), reviewRejected('legal'));
    const result = gate(pilot, 'production-deployment');
    expect(result).toEqual({
      milestone: 'production-deployment',
      passed: false,
      waived: false,
      blocking: [
        {
          criterion: { type: 'review', kind: 'legal' },
          issueKeys: ['AIP-12'],
          detail: 'Legal review: AIP-12 rejected',
        },
      ],
    });
  });

  it('a waived review lets that rejected review through, and no other', () => {
    const pilot = readyExcept(
      reviewRejected('legal'),
      waiver('production-deployment', { type: 'review', kind: 'legal' }, TOMORROW),
    );
    expect(gate(pilot, 'production-deployment')).toMatchObject({ passed: true, waived: true });
    const other = readyExcept(
      reviewRejected('legal'),
      waiver('production-deployment', { type: 'review', kind: 'privacy' }, TOMORROW),
    );
    expect(gate(other, 'production-deployment')).toMatchObject({ passed: false, waived: false });
  });

  it('a waiver of every review granted before one-criterion waivers is honoured until it expires', () => {
    const pilot = readyExcept(
      reviewRejected('legal'),
      reviewInProgress('privacy'),
      waiver('production-deployment', { type: 'reviews' }, TOMORROW),
    );
    expect(gate(pilot, 'production-deployment')).toMatchObject({ passed: true, waived: true });
  });

  it('a workstream waiver holds on its own gate only', () => {
    const onItsGate = pilotWith(waiver('load-testing', { type: 'workstream', row: 'mlops' }, TOMORROW));
    expect(gate(onItsGate, 'load-testing')).toMatchObject({ passed: true, waived: true });
    const elsewhere = pilotWith(waiver('production-go-live', { type: 'workstream', row: 'mlops' }, TOMORROW));
    expect(gate(elsewhere, 'load-testing').passed).toBe(false);
  });
});

describe('isGraduated (§6)', () => {
  it('a pilot with every gate met graduates', () => {
    expect(isGraduated(gatesOf(readyPilot()))).toBe(true);
  });

  it('"pipelines built, security review done, infrastructure provisioned and every other gate met" is ready', () => {
    const pilot = pilotWith(
      workstreamDone('mlops'),
      reviewApproved('security'),
      workstreamDone('infrastructure'),
      // every other gate met:
      ...[
        'model-validation',
        'data-access',
        'security-compliance',
        'legacy-integration',
        'change-management',
        'monitoring',
      ].map((row) => workstreamDone(row)),
      ...['compliance', 'legal', 'privacy', 'infrastructure'].map(reviewApproved),
      dataAccessTicket('approved'),
    );
    expect(isGraduated(gatesOf(pilot))).toBe(true);
  });

  it('model work done but data access not approved is not ready, whatever the score', () => {
    const pilot = readyExcept(withoutDataAccess(), dataAccessTicket('in-progress'));
    const gates = gatesOf(pilot);
    expect(isGraduated(gates)).toBe(false);
    expect(gates.filter((result) => !result.passed).map((result) => result.milestone)).toEqual([
      'production-deployment',
    ]);
  });

  it('one failing gate is enough to not graduate', () => {
    expect(
      isGraduated(gatesOf(readyExcept(workstream('monitoring', { statusCategory: 'indeterminate' })))),
    ).toBe(false);
  });

  it('a pilot can graduate on a waiver', () => {
    const pilot = readyExcept(
      withoutDataAccess(),
      waiver('production-deployment', { type: 'data-access' }, TOMORROW),
    );
    expect(isGraduated(gatesOf(pilot))).toBe(true);
  });
});

describe('custom templates', () => {
  it('gates follow the template milestones, and a milestone without workstreams passes', () => {
    const template: OwnershipTemplate = {
      ...DEFAULT_TEMPLATE,
      milestones: [
        { key: 'pilot-review', name: 'Pilot review', week: 4 },
        ...DEFAULT_TEMPLATE.milestones.filter((milestone) => milestone.key !== 'user-rollout'),
      ],
    };
    const gates = gatesOf(freshPilot(), template);
    expect(gates.map((result) => result.milestone)).toEqual([
      'pilot-review',
      'demo-sign-off',
      'integration-testing',
      'load-testing',
      'production-deployment',
      'production-go-live',
    ]);
    expect(gates[0]).toEqual({ milestone: 'pilot-review', passed: true, waived: false, blocking: [] });
  });
});

describe('daysOverdue', () => {
  test.each([
    ['2026-02-16', '2026-02-16', 0],
    ['2026-02-17', '2026-02-16', 0],
    ['2026-02-15', '2026-02-16', 1],
    ['2025-12-31', '2026-01-01', 1],
    ['2026-02-28', '2026-03-01', 1],
  ])('due %s, today %s → %d', (due, today, days) => {
    expect(daysOverdue(due, today)).toBe(days);
  });
});
