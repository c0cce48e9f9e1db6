import fc from 'fast-check';
import { DEFAULT_TEMPLATE } from './default-template';
import { evaluateGates, isGraduated } from './gates';
import { computeScore } from './score';
import {
  DEFAULT_REVIEW_KINDS,
  DEFAULT_ROWS,
  dataAccessTicket,
  pilotWith,
  reviewApproved,
  reviewInProgress,
  reviewRejected,
  waiver,
  withoutReview,
  withoutWorkstream,
  workstream,
  type SnapshotChange,
} from './test-support/snapshots';
import type { DataAccessState, PilotSnapshot } from './types';

const TODAY = '2026-02-15';
const ACTIVE = '2026-03-01';
const EXPIRED = '2026-02-14';

type RowState = 'missing' | 'new' | 'indeterminate' | 'done';
type ReviewModelState = 'missing' | 'not-started' | 'in-progress' | 'approved' | 'rejected';
type WaiverModel = 'none' | 'active' | 'expired';

/** A pilot on the default template, described by the state of each of its parts. */
interface PilotModel {
  rows: RowState[];
  reviews: ReviewModelState[];
  dataAccess: DataAccessState[];
  rowWaivers: WaiverModel[];
  dataAccessWaiver: WaiverModel;
  reviewsWaiver: WaiverModel;
}

const waiverModel = fc.constantFrom<WaiverModel>('none', 'none', 'active', 'expired');

const pilotModel = (withWaivers: boolean): fc.Arbitrary<PilotModel> =>
  fc.record({
    rows: fc.array(fc.constantFrom<RowState>('missing', 'new', 'indeterminate', 'done'), {
      minLength: DEFAULT_ROWS.length,
      maxLength: DEFAULT_ROWS.length,
    }),
    reviews: fc.array(
      fc.constantFrom<ReviewModelState>('missing', 'not-started', 'in-progress', 'approved', 'rejected'),
      {
        minLength: DEFAULT_REVIEW_KINDS.length,
        maxLength: DEFAULT_REVIEW_KINDS.length,
      },
    ),
    dataAccess: fc.array(
      fc.constantFrom<DataAccessState>('requested', 'in-progress', 'approved', 'rejected'),
      {
        maxLength: 8,
      },
    ),
    rowWaivers: fc.array(withWaivers ? waiverModel : fc.constant<WaiverModel>('none'), {
      minLength: DEFAULT_ROWS.length,
      maxLength: DEFAULT_ROWS.length,
    }),
    dataAccessWaiver: withWaivers ? waiverModel : fc.constant<WaiverModel>('none'),
    reviewsWaiver: withWaivers ? waiverModel : fc.constant<WaiverModel>('none'),
  });

function waiverChange(model: WaiverModel, change: (expires: string) => SnapshotChange): SnapshotChange[] {
  return model === 'none' ? [] : [change(model === 'active' ? ACTIVE : EXPIRED)];
}

function snapshotOf(model: PilotModel): PilotSnapshot {
  const changes: SnapshotChange[] = [];
  DEFAULT_TEMPLATE.rows.forEach((row, index) => {
    const state = model.rows[index] ?? 'new';
    changes.push(
      state === 'missing' ? withoutWorkstream(row.key) : workstream(row.key, { statusCategory: state }),
    );
    changes.push(
      ...waiverChange(model.rowWaivers[index] ?? 'none', (expires) =>
        waiver(row.milestone, { type: 'workstream', row: row.key }, expires),
      ),
    );
  });
  DEFAULT_REVIEW_KINDS.forEach((kind, index) => {
    const state = model.reviews[index] ?? 'not-started';
    const byState: Record<ReviewModelState, SnapshotChange[]> = {
      missing: [withoutReview(kind)],
      'not-started': [],
      'in-progress': [reviewInProgress(kind)],
      approved: [reviewApproved(kind)],
      rejected: [reviewRejected(kind)],
    };
    changes.push(...byState[state]);
  });
  changes.push(...model.dataAccess.map((state) => dataAccessTicket(state)));
  changes.push(
    ...waiverChange(model.dataAccessWaiver, (expires) =>
      waiver('production-deployment', { type: 'data-access' }, expires),
    ),
    ...waiverChange(model.reviewsWaiver, (expires) =>
      waiver('production-deployment', { type: 'reviews' }, expires),
    ),
  );
  return pilotWith(...changes);
}

/**
 * The score worked out independently in exact integers: 50·h/16 + 25·r/10 + 25·q/(4n), where h and
 * r count half credits and q counts quarter credits, over the common denominator 80·n.
 */
function exactScore(model: PilotModel): number {
  const halfCredits: Record<RowState, number> = { missing: 0, new: 0, indeterminate: 1, done: 2 };
  const reviewHalves: Record<ReviewModelState, number> = {
    missing: 0,
    'not-started': 0,
    'in-progress': 1,
    approved: 2,
    rejected: 0,
  };
  const quarters: Record<DataAccessState, number> = {
    requested: 1,
    'in-progress': 2,
    approved: 4,
    rejected: 0,
  };

  const h = model.rows.reduce(
    (sum, state, index) => sum + (model.rowWaivers[index] === 'active' ? 2 : halfCredits[state]),
    0,
  );
  const r =
    model.reviewsWaiver === 'active'
      ? 10
      : model.reviews.reduce((sum, state) => sum + reviewHalves[state], 0);
  const n = Math.max(model.dataAccess.length, 1);
  const denominator = 80 * n;
  const dataNumerator =
    model.dataAccessWaiver === 'active'
      ? 25 * denominator
      : 25 * 20 * model.dataAccess.reduce((sum, state) => sum + quarters[state], 0);
  const numerator = 50 * h * 5 * n + 25 * r * 8 * n + dataNumerator;
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** Every way to graduate: each criterion is either met or covered by a waiver that still holds. */
const graduatedModel: fc.Arbitrary<PilotModel> = fc
  .record({
    rows: fc.array(
      fc.oneof(
        fc.constant<[RowState, WaiverModel]>(['done', 'none']),
        fc.tuple(
          fc.constantFrom<RowState>('missing', 'new', 'indeterminate', 'done'),
          fc.constant<WaiverModel>('active'),
        ),
      ),
      { minLength: DEFAULT_ROWS.length, maxLength: DEFAULT_ROWS.length },
    ),
    reviews: fc.oneof(
      fc.constant({
        states: DEFAULT_REVIEW_KINDS.map((): ReviewModelState => 'approved'),
        waiver: 'none' as WaiverModel,
      }),
      fc.record({
        states: fc.array(
          fc.constantFrom<ReviewModelState>('missing', 'not-started', 'in-progress', 'approved', 'rejected'),
          {
            minLength: DEFAULT_REVIEW_KINDS.length,
            maxLength: DEFAULT_REVIEW_KINDS.length,
          },
        ),
        waiver: fc.constant<WaiverModel>('active'),
      }),
    ),
    dataAccess: fc.oneof(
      fc.record({
        states: fc.array(fc.constant<DataAccessState>('approved'), { minLength: 1, maxLength: 4 }),
        waiver: fc.constantFrom<WaiverModel>('none', 'expired'),
      }),
      fc.record({
        states: fc.array(
          fc.constantFrom<DataAccessState>('requested', 'in-progress', 'approved', 'rejected'),
          {
            maxLength: 4,
          },
        ),
        waiver: fc.constant<WaiverModel>('active'),
      }),
    ),
  })
  .map(({ rows, reviews, dataAccess }): PilotModel => ({
    rows: rows.map(([state]) => state),
    rowWaivers: rows.map(([, held]) => held),
    reviews: reviews.states,
    reviewsWaiver: reviews.waiver,
    dataAccess: dataAccess.states,
    dataAccessWaiver: dataAccess.waiver,
  }));

const scoreOf = (model: PilotModel): number => computeScore(snapshotOf(model), DEFAULT_TEMPLATE, TODAY).score;

const RUNS = { numRuns: 400 };

/** The states with the one at `index` moved a step forward, or null when it has no next step. */
function stepForward<S extends string>(
  states: readonly S[],
  index: number,
  next: Partial<Record<S, S>>,
): S[] | null {
  const state = states[index];
  const moved = state === undefined ? undefined : next[state];
  return moved === undefined ? null : states.map((current, i) => (i === index ? moved : current));
}

/** Moving one part of a pilot a step forward (`moveForward` at an index up to `maxIndex`) never lowers its score. */
function expectNeverDecreases(
  maxIndex: number,
  moveForward: (model: PilotModel, index: number) => PilotModel | null,
): void {
  fc.assert(
    fc.property(pilotModel(true), fc.nat(maxIndex), (model, index) => {
      const moved = moveForward(model, index);
      fc.pre(moved !== null);
      expect(scoreOf(moved)).toBeGreaterThanOrEqual(scoreOf(model));
    }),
    RUNS,
  );
}

describe('score properties', () => {
  it('is always an integer from 0 to 100', () => {
    fc.assert(
      fc.property(pilotModel(true), (model) => {
        const score = scoreOf(model);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
      RUNS,
    );
  });

  it('equals the exact rational sum rounded half up', () => {
    fc.assert(
      fc.property(pilotModel(true), (model) => {
        expect(scoreOf(model)).toBe(exactScore(model));
      }),
      RUNS,
    );
  });

  const nextRow: Partial<Record<RowState, RowState>> = { new: 'indeterminate', indeterminate: 'done' };
  it('never decreases when one workstream moves forward (to do → in progress → done)', () => {
    expectNeverDecreases(DEFAULT_ROWS.length - 1, (model, index) => {
      const rows = stepForward(model.rows, index, nextRow);
      return rows && { ...model, rows };
    });
  });

  const nextReview: Partial<Record<ReviewModelState, ReviewModelState>> = {
    'not-started': 'in-progress',
    'in-progress': 'approved',
  };
  it('never decreases when one review moves forward (not started → in progress → approved)', () => {
    expectNeverDecreases(DEFAULT_REVIEW_KINDS.length - 1, (model, index) => {
      const reviews = stepForward(model.reviews, index, nextReview);
      return reviews && { ...model, reviews };
    });
  });

  const nextDataAccess: Partial<Record<DataAccessState, DataAccessState>> = {
    requested: 'in-progress',
    'in-progress': 'approved',
  };
  it('never decreases when one data-access ticket moves forward (requested → in progress → approved)', () => {
    expectNeverDecreases(7, (model, index) => {
      const dataAccess = stepForward(model.dataAccess, index, nextDataAccess);
      return dataAccess && { ...model, dataAccess };
    });
  });

  it('every graduated pilot scores 100 (gates and score agree)', () => {
    fc.assert(
      fc.property(graduatedModel, (model) => {
        const snapshot = snapshotOf(model);
        expect(isGraduated(evaluateGates(snapshot, DEFAULT_TEMPLATE, TODAY))).toBe(true);
        expect(computeScore(snapshot, DEFAULT_TEMPLATE, TODAY).score).toBe(100);
      }),
      RUNS,
    );
  });
});
