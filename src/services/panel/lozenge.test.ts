import type { ReadinessDocument } from '../../domain/types';
import { epicLozengeOf, lozengeOf } from './lozenge';

const readiness = (score: number, band: ReadinessDocument['band']) => ({ score, band }) as ReadinessDocument;

describe('the collapsed issue context lozenge', () => {
  it.each([
    [readiness(0, 'purgatory'), { label: '0 · purgatory', type: 'removed' }],
    [readiness(44, 'at-risk'), { label: '44 · at risk', type: 'moved' }],
    [readiness(72, 'on-track'), { label: '72 · on track', type: 'inprogress' }],
    [readiness(100, 'ready'), { label: '100 · ready', type: 'success' }],
    [readiness(44, 'killed'), { label: '44 at kill · killed', type: 'default' }],
  ])('shows score and band', (doc, expected) => {
    expect(lozengeOf(doc)).toEqual(expected);
  });

  it('says so when readiness was never computed', () => {
    expect(lozengeOf(undefined)).toEqual({ label: 'not computed', type: 'default' });
  });
});

describe('the collapsed lozenge of an epic', () => {
  const epic = (
    count: Partial<Record<'ready' | 'on-track' | 'at-risk' | 'purgatory', number>>,
    meanScore: number | null,
  ) => {
    const countByBand = { ready: 0, 'on-track': 0, 'at-risk': 0, purgatory: 0, ...count };
    const total = Object.values(countByBand).reduce((sum, n) => sum + n, 0);
    return { pilots: Array.from({ length: total }, () => ({}) as never), meanScore, countByBand };
  };

  it('counts pilots, gives the mean and takes the colour of the most urgent band', () => {
    expect(epicLozengeOf(epic({ ready: 1, purgatory: 2, 'on-track': 2 }, 48))).toEqual({
      label: '5 pilots · mean 48',
      type: 'removed',
    });
    expect(epicLozengeOf(epic({ ready: 1 }, 100))).toEqual({ label: '1 pilot · mean 100', type: 'success' });
  });

  it('says when an epic has no pilots', () => {
    expect(epicLozengeOf(epic({}, null))).toEqual({ label: 'no pilots', type: 'default' });
  });
});
