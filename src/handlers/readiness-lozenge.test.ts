import type { ReadinessDocument } from '../domain/types';
import { lozengeOf } from './readiness-lozenge';

const readiness = (score: number, band: ReadinessDocument['band']) => ({ score, band }) as ReadinessDocument;

describe('the collapsed issue context lozenge', () => {
  it.each([
    [readiness(0, 'purgatory'), { label: '0 · purgatory', type: 'removed' }],
    [readiness(44, 'at-risk'), { label: '44 · at risk', type: 'moved' }],
    [readiness(72, 'on-track'), { label: '72 · on track', type: 'inprogress' }],
    [readiness(100, 'ready'), { label: '100 · ready', type: 'success' }],
  ])('shows score and band', (doc, expected) => {
    expect(lozengeOf(doc)).toEqual(expected);
  });

  it('says so when readiness was never computed', () => {
    expect(lozengeOf(undefined)).toEqual({ label: 'not computed', type: 'default' });
  });
});
