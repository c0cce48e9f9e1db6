import { DEFAULT_TEMPLATE } from './default-template';
import { computeScore, roundHalfUp } from './score';
import {
  allReviewsApproved,
  allWorkstreamsDone,
  dataAccessTicket,
  extraReview,
  freshPilot,
  pilotWith,
  readyPilot,
  reviewApproved,
  reviewInProgress,
  reviewRejected,
  waiver,
  withoutReview,
  withoutWorkstream,
  workstream,
  workstreamDone,
  workstreamInProgress,
} from './test-support/snapshots';
import type { OwnershipTemplate, PilotSnapshot } from './types';

const TODAY = '2026-02-15';
const TOMORROW = '2026-02-16';

function scoreOf(snapshot: PilotSnapshot, template: OwnershipTemplate = DEFAULT_TEMPLATE) {
  return computeScore(snapshot, template, TODAY);
}

describe('computeScore: the canonical pilots', () => {
  it('a fresh pilot scores 0', () => {
    expect(scoreOf(freshPilot())).toEqual({
      score: 0,
      breakdown: { workstreams: 0, reviews: 0, dataAccess: 0 },
    });
  });

  it('everything done and approved with an approved data ticket scores 100', () => {
    expect(scoreOf(readyPilot())).toEqual({
      score: 100,
      breakdown: { workstreams: 50, reviews: 25, dataAccess: 25 },
    });
  });

  it('all work done and reviews approved but data access only requested: 50 + 25 + 25 × 0.25 = 81.25 → 81', () => {
    const pilot = pilotWith(allWorkstreamsDone(), allReviewsApproved(), dataAccessTicket('requested'));
    expect(scoreOf(pilot)).toEqual({
      score: 81,
      breakdown: { workstreams: 50, reviews: 25, dataAccess: 6.25 },
    });
  });
});

describe('workstream points: 50 split over 8 rows, 6.25 each', () => {
  test.each([
    { label: 'one row in progress', changes: [workstreamInProgress('mlops')], points: 3.125, score: 3 },
    { label: 'one row done', changes: [workstreamDone('mlops')], points: 6.25, score: 6 },
    {
      label: 'two rows done (12.5 rounds half up)',
      changes: [workstreamDone('mlops'), workstreamDone('monitoring')],
      points: 12.5,
      score: 13,
    },
    {
      label: 'one done, one in progress',
      changes: [workstreamDone('mlops'), workstreamInProgress('monitoring')],
      points: 9.375,
      score: 9,
    },
    {
      label: 'all done but one sub-task missing',
      changes: [allWorkstreamsDone(), withoutWorkstream('monitoring')],
      points: 43.75,
      score: 44,
    },
    {
      label: 'all done but one still to do',
      changes: [allWorkstreamsDone(), workstream('monitoring', { statusCategory: 'new' })],
      points: 43.75,
      score: 44,
    },
  ])('$label → $points points, score $score', ({ changes, points, score }) => {
    const result = scoreOf(pilotWith(...changes));
    expect(result.breakdown.workstreams).toBe(points);
    expect(result.score).toBe(score);
  });

  it('splits in proportion to the row weight', () => {
    const template: OwnershipTemplate = {
      ...DEFAULT_TEMPLATE,
      rows: DEFAULT_TEMPLATE.rows.map((row) => (row.key === 'mlops' ? { ...row, weight: 3 } : row)),
    };
    // total weight 10: mlops is worth 50 × 3/10 = 15, every other row 5
    expect(scoreOf(pilotWith(workstreamDone('mlops')), template).breakdown.workstreams).toBe(15);
    expect(scoreOf(pilotWith(workstreamDone('monitoring')), template).breakdown.workstreams).toBe(5);
  });

  it('ignores sub-tasks of rows the template no longer has', () => {
    const template: OwnershipTemplate = {
      ...DEFAULT_TEMPLATE,
      rows: DEFAULT_TEMPLATE.rows.filter((row) => row.key !== 'monitoring'),
    };
    // 7 rows: 50/7 each; only the (removed) monitoring row is done
    expect(scoreOf(pilotWith(workstreamDone('monitoring')), template).breakdown.workstreams).toBe(0);
  });

  it('a template without rows has no workstream left to do: the part is earned in full', () => {
    expect(scoreOf(freshPilot(), { ...DEFAULT_TEMPLATE, rows: [] }).breakdown.workstreams).toBe(50);
  });
});

describe('review points: 25 split over 5 kinds, 5 each', () => {
  test.each([
    { label: 'one approved', changes: [reviewApproved('security')], points: 5, score: 5 },
    {
      label: 'one in progress (2.5 rounds half up)',
      changes: [reviewInProgress('security')],
      points: 2.5,
      score: 3,
    },
    { label: 'one rejected earns nothing', changes: [reviewRejected('security')], points: 0, score: 0 },
    {
      label: 'all approved but one rejected',
      changes: [allReviewsApproved(), reviewRejected('legal', "Won't Do")],
      points: 20,
      score: 20,
    },
    {
      label: 'all approved but one missing',
      changes: [allReviewsApproved(), withoutReview('privacy')],
      points: 20,
      score: 20,
    },
    {
      label: 'an approved kind with a rejected duplicate',
      changes: [
        reviewApproved('security'),
        extraReview({ key: 'AIP-30', kind: 'security', statusCategory: 'done', resolution: 'Declined' }),
      ],
      points: 0,
      score: 0,
    },
    {
      label: 'a review of a kind the template does not have',
      changes: [extraReview({ key: 'AIP-31', kind: 'ethics', statusCategory: 'done', resolution: 'Done' })],
      points: 0,
      score: 0,
    },
  ])('$label → $points points, score $score', ({ changes, points, score }) => {
    const result = scoreOf(pilotWith(...changes));
    expect(result.breakdown.reviews).toBe(points);
    expect(result.score).toBe(score);
  });
});

describe('data-access points: 25 × the mean credit', () => {
  test.each([
    ['no ticket at all', [], 0],
    ['one requested', ['requested'], 6.25],
    ['one in progress', ['in-progress'], 12.5],
    ['one approved', ['approved'], 25],
    ['one rejected', ['rejected'], 0],
    ['approved and rejected', ['approved', 'rejected'], 12.5],
    ['approved and requested', ['approved', 'requested'], 15.625],
    ['requested, in progress and approved', ['requested', 'in-progress', 'approved'], 14.583333333333334], // 25 × 1.75 / 3
  ] as const)('%s: %j → %s points', (_label, states, points) => {
    const result = scoreOf(pilotWith(...states.map((state) => dataAccessTicket(state))));
    expect(result.breakdown.dataAccess).toBeCloseTo(points, 10);
  });
});

describe('waived criteria earn full credit until expiry (§5, §7)', () => {
  test.each([
    [
      'a waived workstream row earns credit 1',
      waiver('load-testing', { type: 'workstream', row: 'mlops' }, TOMORROW),
      { workstreams: 6.25, reviews: 0, dataAccess: 0 },
    ],
    [
      'a row waived on a milestone it does not belong to earns nothing',
      waiver('production-go-live', { type: 'workstream', row: 'mlops' }, TOMORROW),
      { workstreams: 0, reviews: 0, dataAccess: 0 },
    ],
    [
      'waived data access earns full points with no ticket',
      waiver('production-deployment', { type: 'data-access' }, TOMORROW),
      { workstreams: 0, reviews: 0, dataAccess: 25 },
    ],
    [
      'waived reviews earn full review points',
      waiver('production-deployment', { type: 'reviews' }, '2026-12-31'),
      { workstreams: 0, reviews: 25, dataAccess: 0 },
    ],
    [
      'a waiver expiring today earns nothing today',
      waiver('production-deployment', { type: 'data-access' }, TODAY),
      { workstreams: 0, reviews: 0, dataAccess: 0 },
    ],
    [
      'a waiver that expired yesterday earns nothing',
      waiver('production-deployment', { type: 'data-access' }, '2026-02-14'),
      { workstreams: 0, reviews: 0, dataAccess: 0 },
    ],
  ])('%s', (_label, change, breakdown) => {
    expect(scoreOf(pilotWith(change)).breakdown).toEqual(breakdown);
  });

  it('a waived rejected data ticket still earns full points', () => {
    const pilot = pilotWith(
      dataAccessTicket('rejected'),
      waiver('production-deployment', { type: 'data-access' }, TOMORROW),
    );
    expect(scoreOf(pilot).breakdown.dataAccess).toBe(25);
  });
});

describe('rounding half up', () => {
  test.each([
    [0, 0],
    [0.49, 0],
    [0.5, 1],
    [2.5, 3],
    [12.5, 13],
    [81.25, 81],
    [62.49999999999999, 63], // 62.5 with floating-point noise
    [62.4999, 62],
    [99.5, 100],
    [100, 100],
  ])('%d → %d', (value, rounded) => {
    expect(roundHalfUp(value)).toBe(rounded);
  });

  it('rounds an exact .5 up even when floating point sums it to x.49999999999999', () => {
    // 3 rows and 3 review kinds: 50 × 2.5/3 + 25 × 2/3 + 25 × 0.5/3 = 62.5 exactly, but the float
    // sum is 62.49999999999999, which Math.round would turn into 62.
    const template: OwnershipTemplate = {
      ...DEFAULT_TEMPLATE,
      rows: DEFAULT_TEMPLATE.rows.filter((row) =>
        ['model-validation', 'data-access', 'infrastructure'].includes(row.key),
      ),
      reviewKinds: DEFAULT_TEMPLATE.reviewKinds.filter(({ kind }) =>
        ['security', 'compliance', 'legal'].includes(kind),
      ),
    };
    const pilot = pilotWith(
      workstreamDone('model-validation'),
      workstreamDone('data-access'),
      workstreamInProgress('infrastructure'),
      reviewApproved('security'),
      reviewApproved('compliance'),
      dataAccessTicket('requested'),
      dataAccessTicket('requested'),
      dataAccessTicket('rejected'),
    );
    const { score, breakdown } = scoreOf(pilot, template);
    expect(breakdown.workstreams + breakdown.reviews + breakdown.dataAccess).toBeCloseTo(62.5, 10);
    expect(score).toBe(63);
  });
});
