import {
  HISTORY_LIMIT,
  appendHistoryPoint,
  daysToPass,
  nextHistory,
  recordGatesFirstPassed,
  trendOf,
  type HistoryPoint,
} from './history';
import type { GateResult } from './types';

const point = (score: number, band: HistoryPoint['band'] = 'at-risk', at = '2026-03-01T00:00:00.000Z') => ({
  at,
  score,
  band,
});
const gate = (milestone: string, passed: boolean): GateResult => ({
  milestone,
  passed,
  waived: false,
  blocking: [],
});

describe('appendHistoryPoint', () => {
  test('the first computation is a point', () => {
    expect(appendHistoryPoint([], point(10))).toEqual([point(10)]);
  });
  test('a recomputation that changes neither score nor band adds nothing', () => {
    expect(appendHistoryPoint([point(10)], point(10, 'at-risk', '2026-03-02T00:00:00.000Z'))).toEqual([
      point(10),
    ]);
  });
  test.each([
    ['the score changes', point(11)],
    ['only the band changes', point(10, 'purgatory')],
  ])('%s: a point is added', (_, next) => {
    expect(appendHistoryPoint([point(10)], next)).toEqual([point(10), next]);
  });
  test(`bounded: past ${HISTORY_LIMIT} points the oldest fall off`, () => {
    const full = Array.from({ length: HISTORY_LIMIT }, (_, index) => point(index));
    const after = appendHistoryPoint(full, point(1000));
    expect(after).toHaveLength(HISTORY_LIMIT);
    expect(after[0]?.score).toBe(1);
    expect(after[after.length - 1]?.score).toBe(1000);
  });
  test('a smaller limit is honoured and the input is not changed', () => {
    const points = [point(1), point(2), point(3)];
    expect(appendHistoryPoint(points, point(4), 2)).toEqual([point(3), point(4)]);
    expect(points).toHaveLength(3);
  });
});

describe('recordGatesFirstPassed', () => {
  test('a gate passing for the first time gets today; an earlier day is never moved', () => {
    const first = recordGatesFirstPassed(
      {},
      [gate('demo-sign-off', true), gate('load-testing', false)],
      '2026-03-01',
    );
    expect(first).toEqual({ 'demo-sign-off': '2026-03-01' });
    const later = recordGatesFirstPassed(
      first,
      [gate('demo-sign-off', true), gate('load-testing', true)],
      '2026-03-09',
    );
    expect(later).toEqual({ 'demo-sign-off': '2026-03-01', 'load-testing': '2026-03-09' });
  });
  test('a gate that blocks again keeps the day it first passed', () => {
    expect(
      recordGatesFirstPassed({ 'demo-sign-off': '2026-03-01' }, [gate('demo-sign-off', false)], '2026-03-05'),
    ).toEqual({
      'demo-sign-off': '2026-03-01',
    });
  });
});

describe('nextHistory', () => {
  test('adds the point and the gates in one step', () => {
    const history = nextHistory(
      { points: [], gatesFirstPassed: {} },
      {
        score: 40,
        band: 'at-risk',
        gates: [gate('demo-sign-off', true)],
        computedAt: '2026-03-01T10:00:00.000Z',
      },
      '2026-03-01',
    );
    expect(history).toEqual({
      points: [{ at: '2026-03-01T10:00:00.000Z', score: 40, band: 'at-risk' }],
      gatesFirstPassed: { 'demo-sign-off': '2026-03-01' },
    });
  });
});

describe('trendOf', () => {
  test.each([
    [[], 'new', 0],
    [[point(10)], 'new', 0],
    [[point(10), point(25)], 'up', 15],
    [[point(25), point(10)], 'down', -15],
    [[point(25), point(25, 'purgatory')], 'flat', 0],
  ] as const)('%j → %s (%d)', (points, direction, change) => {
    expect(trendOf(points)).toMatchObject({ direction, change });
  });
  test('keeps the last 8 scores, oldest first', () => {
    const points = Array.from({ length: 12 }, (_, index) => point(index));
    expect(trendOf(points).recent).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
  });
});

describe('daysToPass', () => {
  test.each([
    ['2026-01-05', '2026-01-05', 0],
    ['2026-01-05', '2026-02-16', 42],
    ['2026-02-16', '2026-01-05', 0],
    ['2028-02-28', '2028-03-01', 2],
  ])('kickoff %s, passed %s → %d days', (kickoff, passed, days) => {
    expect(daysToPass(kickoff, passed)).toBe(days);
  });
});
