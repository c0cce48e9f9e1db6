/**
 * A pilot's readiness history is written by each recompute and by the daily job, which can run at once:
 * both readings must stay (product.md §14 "No lost updates"), and a history stored before as a plain
 * entry is still read.
 */
import { kvs } from '@forge/kvs';
import type { ReadinessDocument } from '../../src/domain/types';
import { recordReadinessHistory } from '../../src/services/readiness/readiness-history';
import { readHistories, readHistory } from '../../src/storage/history';
import { useSandbox } from '../support/sandbox-lifecycle';

useSandbox('empty');

function reading(score: number, passed: string, computedAt: string): ReadinessDocument {
  return {
    version: 1,
    score,
    band: 'on-track',
    graduated: false,
    gates: [{ milestone: passed, passed: true, blocking: [], waived: [] }],
    diagnostic: { answers: [], noCount: 0 },
    dataAccess: { total: 0, approved: 0, pending: 0, rejected: 0 },
    daysSinceDemo: null,
    reviewRequired: false,
    templateVersion: 1,
    computedAt,
  } as unknown as ReadinessDocument;
}

describe("a pilot's readiness history", () => {
  it('keeps both readings of a recompute and the daily job written at once', async () => {
    await Promise.all([
      recordReadinessHistory('10001', reading(40, 'demo-sign-off', '2026-03-02T09:00:00.000Z'), 'UTC'),
      recordReadinessHistory('10001', reading(55, 'integration-testing', '2026-03-02T09:00:01.000Z'), 'UTC'),
    ]);
    const history = await readHistory('10001');
    expect(Object.keys(history.gatesFirstPassed).sort()).toEqual(['demo-sign-off', 'integration-testing']);
    expect(history.points.map((point) => point.score).sort()).toEqual([40, 55]);
  });

  it('reads histories stored before as plain entries, alone and many at once', async () => {
    const stored = {
      points: [{ at: '2026-02-01T09:00:00.000Z', score: 30, band: 'at-risk' }],
      gatesFirstPassed: { 'demo-sign-off': '2026-02-01' },
    };
    await kvs.set('pilot:10002:history', stored);
    await recordReadinessHistory('10003', reading(70, 'demo-sign-off', '2026-03-02T09:00:00.000Z'), 'UTC');
    expect(await readHistory('10002')).toEqual(stored);
    const many = await readHistories(['10002', '10003', '10004']);
    expect(many.get('10002')).toEqual(stored);
    expect(many.get('10003')?.points.map((point) => point.score)).toEqual([70]);
    expect(many.get('10004')).toEqual({ points: [], gatesFirstPassed: {} });

    await recordReadinessHistory(
      '10002',
      reading(45, 'integration-testing', '2026-03-02T09:00:00.000Z'),
      'UTC',
    );
    expect((await readHistory('10002')).points.map((point) => point.score)).toEqual([30, 45]);
  });
});
