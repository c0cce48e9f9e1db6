import { filedInWeekOne, funnelOutcomes, type OutcomePilot } from './funnel-outcomes';
import type { ValueReviewState } from './types';

const KICKOFF = '2026-03-02';

describe('filedInWeekOne (§11): the first data-access request within 7 days of kickoff', () => {
  test.each([
    ['filed on the kickoff day', '2026-03-02', '2026-04-01', true],
    ['filed on day 6, the last of week 1', '2026-03-08', '2026-04-01', true],
    ['filed on day 7, the first of week 2', '2026-03-09', '2026-04-01', false],
    ['filed before kickoff', '2026-02-20', '2026-04-01', true],
    ['nothing filed, week 1 over', null, '2026-03-09', false],
    ['nothing filed, still in week 1 (not counted yet)', null, '2026-03-08', null],
    ['filed on day 3 while week 1 still runs', '2026-03-05', '2026-03-05', true],
  ])('%s', (_label, filed, today, expected) => {
    expect(filedInWeekOne(KICKOFF, filed, today)).toBe(expected);
  });
});

describe('funnelOutcomes', () => {
  const state = (patch: Partial<ValueReviewState>): ValueReviewState => ({
    status: 'not-live',
    goLiveDate: null,
    opensOn: null,
    outcome: null,
    reviewedOn: null,
    ...patch,
  });
  const pilot = (valueReview: ValueReviewState, firstDataAccessRequest: string | null): OutcomePilot => ({
    kickoff: KICKOFF,
    readiness: { valueReview, firstDataAccessRequest },
  });

  it('counts live, reviewed and delivering pilots, and the week-1 share of those decided', () => {
    const live = { goLiveDate: '2026-01-01', opensOn: '2026-04-01' };
    expect(
      funnelOutcomes(
        [
          pilot(state({ ...live, status: 'reviewed', outcome: 'delivering' }), '2026-03-03'),
          pilot(state({ ...live, status: 'reviewed', outcome: 'partly' }), '2026-03-20'),
          pilot(state({ ...live, status: 'due' }), null),
          pilot(state({}), '2026-03-04'),
          pilot(state({}), null),
        ],
        '2026-06-01',
      ),
    ).toEqual({
      live: 3,
      reviewed: 2,
      deliveringValue: 1,
      weekOneDataAccess: { withinWeekOne: 2, pilots: 5 },
    });
  });

  it('has nothing to count without pilots', () => {
    expect(funnelOutcomes([], '2026-06-01')).toEqual({
      live: 0,
      reviewed: 0,
      deliveringValue: 0,
      weekOneDataAccess: { withinWeekOne: 0, pilots: 0 },
    });
  });
});
