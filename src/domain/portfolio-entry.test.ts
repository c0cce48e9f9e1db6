import { DEFAULT_TEMPLATE } from './default-template';
import { EMPTY_HISTORY } from './history';
import { portfolioEntryOf, portfolioReadinessOf, projectOfKey } from './portfolio-entry';
import { computeReadiness } from './readiness';
import { fields, freshPilot, pilotWith } from './test-support/snapshots';

const NOW = new Date('2026-03-02T09:00:00.000Z');

describe('the portfolio entry of a pilot', () => {
  it('keeps what the portfolio shows, the owner by name, and drops the diagnostic words', () => {
    const snapshot = pilotWith(
      fields({
        productionOwnerAccountId: 'owner-1',
        kickoffDate: '2026-02-02',
        productionSpec: {
          successMetrics: [{ name: 'Accuracy', target: 0.9, unit: '', definedOn: '2026-02-10' }],
        },
      }),
    );
    const readiness = computeReadiness(snapshot, DEFAULT_TEMPLATE, NOW, 'UTC');
    const entry = portfolioEntryOf(
      snapshot,
      readiness,
      { 'owner-1': 'Olu Owner' },
      {
        points: [
          { at: '2026-02-01T00:00:00.000Z', score: 10, band: 'purgatory' },
          { at: '2026-02-20T00:00:00.000Z', score: 25, band: 'purgatory' },
        ],
        gatesFirstPassed: { 'demo-sign-off': '2026-02-20' },
      },
    );
    expect(entry).toMatchObject({
      id: snapshot.id,
      key: 'AIP-1',
      projectKey: 'AIP',
      kickoff: '2026-02-02',
      productionOwner: { accountId: 'owner-1', displayName: 'Olu Owner' },
      successMetrics: [{ name: 'Accuracy' }],
      gatesFirstPassed: { 'demo-sign-off': '2026-02-20' },
      trend: { direction: 'up', change: 15 },
    });
    expect(entry.readiness?.diagnostic.answers.every((answer) => answer.evidence === '')).toBe(true);
    expect(entry.readiness?.diagnostic.noCount).toBe(readiness.diagnostic.noCount);
    expect(entry.readiness?.gates.flatMap((gate) => gate.blocking.map((b) => b.ownerTeam))).toContain(
      'Data science team',
    );
    expect(JSON.stringify(entry).length).toBeLessThan(JSON.stringify(readiness).length);
  });

  it("keeps each gate's blockers down to one per owner team, which is what the funnel counts", () => {
    const readiness = computeReadiness(freshPilot(), DEFAULT_TEMPLATE, NOW, 'UTC');
    const stored = portfolioReadinessOf(readiness);
    const teamsOf = (gates: typeof readiness.gates, milestone: string) =>
      gates.find((gate) => gate.milestone === milestone)?.blocking.map((blocker) => blocker.ownerTeam);
    // Two workstreams of one team, and reviews and data access owned by no team, block these gates.
    expect(teamsOf(readiness.gates, 'integration-testing')).toEqual([
      'Production pathway team',
      'Production pathway team',
    ]);
    expect(teamsOf(stored.gates, 'integration-testing')).toEqual(['Production pathway team']);
    expect(teamsOf(stored.gates, 'production-deployment')).toEqual(['Production pathway team']);
    expect(stored.gates.map((gate) => gate.passed)).toEqual(readiness.gates.map((gate) => gate.passed));
  });

  it('counts from the day the pilot was created when it has no kickoff date', () => {
    const snapshot = freshPilot();
    expect(
      portfolioEntryOf(snapshot, computeReadiness(snapshot, DEFAULT_TEMPLATE, NOW, 'UTC'), {}, EMPTY_HISTORY)
        .kickoff,
    ).toBe(snapshot.createdDate);
  });

  it('reads a readiness stored before the value review existed as not live', () => {
    const {
      valueReview: _v,
      valueReviewDue: _d,
      firstDataAccessRequest: _f,
      ...old
    } = computeReadiness(freshPilot(), DEFAULT_TEMPLATE, NOW, 'UTC');
    expect(portfolioReadinessOf(old)).toMatchObject({
      valueReview: { status: 'not-live' },
      valueReviewDue: false,
      firstDataAccessRequest: null,
    });
  });

  test.each([
    ['AIP-4', 'AIP'],
    ['TEAM_2-17', 'TEAM_2'],
  ])('the project of %s is %s', (key, project) => {
    expect(projectOfKey(key)).toBe(project);
  });
});
