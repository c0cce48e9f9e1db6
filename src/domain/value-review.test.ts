import { DEFAULT_TEMPLATE } from './default-template';
import { computeReadiness, firstDataAccessRequest } from './readiness';
import { dataAccessTicket, fields, freshPilot, pilotWith, readyPilot } from './test-support/snapshots';
import type { GateResult, SuccessMetric, ValueReviewRecord } from './types';
import {
  VALUE_REVIEWS_KEPT,
  deliveringValueCount,
  goLiveDateOf,
  goLiveMilestone,
  valueReviewOpen,
  valueReviewRecord,
  valueReviewRefusal,
  valueReviewSchemaFor,
  valueReviewState,
  withValueReview,
} from './value-review';

const GO_LIVE = '2026-01-01';
const review = (
  reviewedOn: string,
  outcome: ValueReviewRecord['outcome'] = 'delivering',
): ValueReviewRecord => ({
  outcome,
  measured: [],
  note: '',
  reviewedBy: 'decider',
  reviewedOn,
});

describe('the day go-live passed', () => {
  const gate = (milestone: string, passed: boolean): GateResult => ({
    milestone,
    passed,
    waived: false,
    blocking: [],
  });

  it('is the day the history kept, whatever the gate says now', () => {
    expect(
      goLiveDateOf(
        { goLiveDate: '2025-12-01' },
        [gate('production-go-live', false)],
        DEFAULT_TEMPLATE,
        '2026-03-02',
      ),
    ).toBe('2025-12-01');
  });

  it('is today when the gate passes now and the history has no day yet, else none', () => {
    expect(goLiveDateOf({}, [gate('production-go-live', true)], DEFAULT_TEMPLATE, '2026-03-02')).toBe(
      '2026-03-02',
    );
    expect(
      goLiveDateOf({ goLiveDate: null }, [gate('production-go-live', false)], DEFAULT_TEMPLATE, '2026-03-02'),
    ).toBeNull();
    expect(
      goLiveDateOf({}, [gate('production-deployment', true)], DEFAULT_TEMPLATE, '2026-03-02'),
    ).toBeNull();
  });

  it('is the last milestone of a template without production-go-live', () => {
    const milestones = [
      { key: 'demo', name: 'Demo', week: 6 },
      { key: 'live', name: 'Live', week: 13 },
    ];
    expect(goLiveMilestone({ milestones })).toBe('live');
    expect(goLiveMilestone({ milestones: [] })).toBeNull();
    expect(goLiveMilestone(DEFAULT_TEMPLATE)).toBe('production-go-live');
  });
});

describe('valueReviewState: 90 days after go-live (§15)', () => {
  test.each([
    ['day 0', '2026-01-01', 'awaiting', false, false],
    ['day 89', '2026-03-31', 'awaiting', false, false],
    ['day 90: the review opens, not flagged yet', '2026-04-01', 'awaiting', false, true],
    ['day 91: past go-live + 90 days, flagged', '2026-04-02', 'due', true, true],
    ['a year later, still flagged', '2027-01-01', 'due', true, true],
  ])('%s', (_label, today, status, due, open) => {
    const state = valueReviewState(GO_LIVE, [], today);
    expect(state).toEqual({
      status,
      goLiveDate: GO_LIVE,
      opensOn: '2026-04-01',
      outcome: null,
      reviewedOn: null,
    });
    expect(state.status === 'due').toBe(due);
    expect(valueReviewOpen(state, today)).toBe(open);
  });

  it('is not live before go-live, and then nothing opens', () => {
    const state = valueReviewState(null, [], '2026-03-02');
    expect(state).toEqual({
      status: 'not-live',
      goLiveDate: null,
      opensOn: null,
      outcome: null,
      reviewedOn: null,
    });
    expect(valueReviewOpen(state, '2026-03-02')).toBe(false);
    expect(valueReviewRefusal('AIP-4', state, '2026-03-02')).toBe(
      'AIP-4 has not gone live: a value review follows 90 days after production go-live passes.',
    );
  });

  it('refuses before day 90, naming the day it opens', () => {
    expect(valueReviewRefusal('AIP-4', valueReviewState(GO_LIVE, [], '2026-03-31'), '2026-03-31')).toBe(
      'AIP-4 went live on 2026-01-01: its value review opens on 2026-04-01.',
    );
    expect(valueReviewRefusal('AIP-4', valueReviewState(GO_LIVE, [], '2026-04-01'), '2026-04-01')).toBeNull();
  });

  it('is reviewed once a review is recorded, with the latest outcome, and no longer flagged', () => {
    const state = valueReviewState(
      GO_LIVE,
      [
        review('2026-04-05', 'partly'),
        review('2026-07-10', 'delivering'),
        review('2026-06-01', 'not-delivering'),
      ],
      '2027-01-01',
    );
    expect(state).toEqual({
      status: 'reviewed',
      goLiveDate: GO_LIVE,
      opensOn: '2026-04-01',
      outcome: 'delivering',
      reviewedOn: '2026-07-10',
    });
  });
});

describe('computeReadiness carries go-live, the value review and the flag', () => {
  it('a ready pilot goes live today; 91 days later, without a review, it is flagged; a review lifts it', () => {
    const graduatedOn = new Date('2026-02-16T10:00:00.000Z');
    expect(computeReadiness(readyPilot(), DEFAULT_TEMPLATE, graduatedOn, 'UTC')).toMatchObject({
      valueReview: { status: 'awaiting', goLiveDate: '2026-02-16', opensOn: '2026-05-17' },
      valueReviewDue: false,
    });
    const later = new Date('2026-05-18T10:00:00.000Z');
    const live = pilotWith(() => readyPilot(), fields({ goLiveDate: '2026-02-16' }));
    expect(computeReadiness(live, DEFAULT_TEMPLATE, later, 'UTC')).toMatchObject({
      valueReview: { status: 'due' },
      valueReviewDue: true,
      band: 'ready',
    });
    const reviewed = pilotWith(() => live, fields({ valueReviews: [review('2026-05-18', 'partly')] }));
    expect(computeReadiness(reviewed, DEFAULT_TEMPLATE, later, 'UTC')).toMatchObject({
      valueReview: { status: 'reviewed', outcome: 'partly' },
      valueReviewDue: false,
    });
  });

  it('keeps the go-live day the history kept when the gate no longer passes', () => {
    const reopened = pilotWith(fields({ goLiveDate: '2025-10-01' }));
    expect(
      computeReadiness(reopened, DEFAULT_TEMPLATE, new Date('2026-02-16T10:00:00.000Z'), 'UTC'),
    ).toMatchObject({
      graduated: false,
      valueReview: { status: 'due', goLiveDate: '2025-10-01' },
      valueReviewDue: true,
    });
  });

  it('records the day the first data-access request was filed', () => {
    expect(firstDataAccessRequest(freshPilot().dataAccess)).toBeNull();
    const snapshot = pilotWith(
      dataAccessTicket('approved', { openedDate: '2026-01-20' }),
      dataAccessTicket('rejected', { openedDate: '2026-01-08' }),
      dataAccessTicket('requested', { openedDate: null }),
    );
    expect(
      computeReadiness(snapshot, DEFAULT_TEMPLATE, new Date('2026-02-16T10:00:00.000Z'), 'UTC'),
    ).toMatchObject({
      firstDataAccessRequest: '2026-01-08',
    });
  });
});

describe('the value review a decider sends', () => {
  const metrics: SuccessMetric[] = [
    { name: 'Claims triaged a day', target: 400, unit: 'claims', definedOn: '2025-09-01' },
    { name: 'Accuracy', target: 0.9, unit: '', definedOn: '2025-09-01' },
  ];
  const schema = valueReviewSchemaFor(metrics);
  const messages = (value: unknown) => schema.safeParse(value).error?.issues.map((issue) => issue.message);
  const valid = {
    outcome: 'partly',
    measured: [
      { metric: 'Claims triaged a day', value: 310 },
      { metric: 'accuracy', value: 0.93 },
    ],
    note: ' Volume below target while the second region onboards ',
  };

  it('takes the outcome, each metric measured once, and a note', () => {
    expect(schema.safeParse(valid).data).toEqual({
      outcome: 'partly',
      measured: valid.measured,
      note: 'Volume below target while the second region onboards',
    });
  });

  test.each([
    ['no outcome', { ...valid, outcome: undefined }, ['Choose delivering, partly or not delivering']],
    [
      '"continue as before"',
      { ...valid, outcome: 'continue' },
      ['Choose delivering, partly or not delivering'],
    ],
    [
      'a metric left unmeasured',
      { ...valid, measured: valid.measured.slice(0, 1) },
      ['Give the measured value of Accuracy'],
    ],
    [
      'a metric the pilot does not have',
      { ...valid, measured: [...valid.measured, { metric: 'Revenue', value: 1 }] },
      ['"Revenue" is not a success metric of this pilot'],
    ],
    [
      'a metric measured twice',
      { ...valid, measured: [...valid.measured, { metric: 'Accuracy', value: 0.5 }] },
      ['Accuracy is measured twice'],
    ],
    [
      'a measured value that is text',
      { ...valid, measured: [valid.measured[0], { metric: 'Accuracy', value: 'high' }] },
      ['Give the measured value of Accuracy as a number'],
    ],
    ['a note too long', { ...valid, note: 'x'.repeat(2001) }, ['Keep the note to 2000 characters or fewer']],
    [
      'something else sent',
      { ...valid, decidedBy: 'someone' },
      ['Send the value review as an outcome, the measured values and a note'],
    ],
  ])('refuses %s, naming what to fix', (_label, value, expected) => {
    expect(messages(value)).toEqual(expected);
  });

  it('a pilot without success metrics is reviewed on its outcome alone', () => {
    expect(valueReviewSchemaFor([]).safeParse({ outcome: 'delivering' }).data).toEqual({
      outcome: 'delivering',
      measured: [],
      note: '',
    });
  });

  it('is recorded with each measured value beside its target and unit', () => {
    const input = schema.parse(valid);
    expect(
      valueReviewRecord(input, metrics, { accountId: 'ada', displayName: 'Ada Admin' }, '2026-04-02'),
    ).toEqual({
      outcome: 'partly',
      measured: [
        { metric: 'Claims triaged a day', target: 400, unit: 'claims', measured: 310 },
        { metric: 'Accuracy', target: 0.9, unit: '', measured: 0.93 },
      ],
      note: 'Volume below target while the second region onboards',
      reviewedBy: 'ada',
      reviewedByName: 'Ada Admin',
      reviewedOn: '2026-04-02',
    });
  });
});

describe('the reviews kept', () => {
  it('a retry of the latest review changes nothing; the oldest fall off past the limit', () => {
    const first = review('2026-04-02');
    expect(withValueReview([first], { ...first })).toBeNull();
    const many = Array.from({ length: VALUE_REVIEWS_KEPT }, (_, i) =>
      review(`2026-05-${String(i + 1).padStart(2, '0')}`),
    );
    const next = withValueReview(many, review('2026-06-30', 'partly'));
    expect(next).toHaveLength(VALUE_REVIEWS_KEPT);
    expect(next?.[0]?.reviewedOn).toBe('2026-05-02');
    expect(next?.at(-1)?.reviewedOn).toBe('2026-06-30');
  });

  it('counts the pilots whose latest review says they deliver value', () => {
    expect(
      deliveringValueCount([
        { outcome: 'delivering' },
        { outcome: 'partly' },
        { outcome: null },
        { outcome: 'delivering' },
      ]),
    ).toBe(2);
  });
});
