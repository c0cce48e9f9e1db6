import { DEFAULT_TEMPLATE, PRODUCTION_DEPLOYMENT } from './default-template';
import { gateCriteria } from './gate-criteria';

describe('gateCriteria', () => {
  it('checks the rows that must complete before a milestone, and nothing else, before production deployment', () => {
    expect(gateCriteria('demo-sign-off', DEFAULT_TEMPLATE)).toEqual([
      { type: 'workstream', row: 'model-validation' },
    ]);
  });

  it('checks data access and each review kind, one criterion each, on the production deployment gate', () => {
    const rows = DEFAULT_TEMPLATE.rows.filter((row) => row.milestone === PRODUCTION_DEPLOYMENT);
    expect(gateCriteria(PRODUCTION_DEPLOYMENT, DEFAULT_TEMPLATE)).toEqual([
      ...rows.map((row) => ({ type: 'workstream', row: row.key })),
      { type: 'data-access' },
      ...DEFAULT_TEMPLATE.reviewKinds.map(({ kind }) => ({ type: 'review', kind })),
    ]);
  });

  it('names a row once however many sub-tasks it has, and nothing for an unknown milestone', () => {
    const rows = [
      { key: 'a', milestone: 'm' },
      { key: 'a', milestone: 'm' },
    ];
    expect(gateCriteria('m', { rows, reviewKinds: [] })).toEqual([{ type: 'workstream', row: 'a' }]);
    expect(gateCriteria('launch-party', DEFAULT_TEMPLATE)).toEqual([]);
  });
});
