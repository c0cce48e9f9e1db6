import { DEFAULT_TEMPLATE } from './default-template';
import { computeReadiness, indexedReadinessFields, readinessChanged, summarizeDataAccess } from './readiness';
import {
  CHANGE_LEAD,
  allReviewsApproved,
  applyChanges,
  allWorkstreamsDone,
  dataAccessTicket,
  diagnosticFieldsFilled,
  fields,
  freshPilot,
  pilotWith,
  readyPilot,
  reviewInProgress,
  waiver,
  withoutDataAccess,
  workstream,
  workstreamInProgress,
} from './test-support/snapshots';
import type { PilotSnapshot, ReadinessDocument } from './types';

const NOW = new Date('2026-02-16T10:00:00.000Z');

function readiness(snapshot: PilotSnapshot, now: Date = NOW, zone = 'Etc/UTC'): ReadinessDocument {
  return computeReadiness(snapshot, DEFAULT_TEMPLATE, now, zone);
}

function failingGates(doc: ReadinessDocument): string[] {
  return doc.gates.filter((gate) => !gate.passed).map((gate) => gate.milestone);
}

/** Every diagnostic answer yes, every workstream done, reviews approved: only data access is left. */
function waitingForDataAccess(): PilotSnapshot {
  return pilotWith(
    diagnosticFieldsFilled(),
    allWorkstreamsDone('2026-02-10'),
    workstream('change-management', { assigneeAccountId: CHANGE_LEAD }),
    allReviewsApproved(),
    dataAccessTicket('requested'),
  );
}

describe('computeReadiness: the canonical pilots', () => {
  it('a fresh pilot scores 0 and is in purgatory', () => {
    const doc = readiness(freshPilot());
    expect({ ...doc, gates: failingGates(doc), diagnostic: doc.diagnostic.noCount }).toEqual({
      version: 1,
      score: 0,
      band: 'purgatory',
      graduated: false,
      gates: [
        'demo-sign-off',
        'integration-testing',
        'load-testing',
        'user-rollout',
        'production-deployment',
        'production-go-live',
      ],
      diagnostic: 7,
      dataAccess: { total: 0, requested: 0, inProgress: 0, approved: 0, rejected: 0 },
      daysSinceDemo: null,
      reviewRequired: false,
      firstDataAccessRequest: null,
      valueReview: { status: 'not-live', goLiveDate: null, opensOn: null, outcome: null, reviewedOn: null },
      valueReviewDue: false,
      templateVersion: 1,
      computedAt: '2026-02-16T10:00:00.000Z',
    });
    expect(doc.diagnostic.answers.map((answer) => answer.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('everything done and approved with an approved data ticket: 100, graduated, ready', () => {
    const doc = readiness(readyPilot());
    expect(doc).toMatchObject({
      score: 100,
      band: 'ready',
      graduated: true,
      diagnostic: { noCount: 0 },
      dataAccess: { total: 1, requested: 0, inProgress: 0, approved: 1, rejected: 0 },
      daysSinceDemo: 6, // model validation done on 2026-02-10
      reviewRequired: false,
    });
    expect(failingGates(doc)).toEqual([]);
  });

  it('all work done and reviews approved but data access requested: 81, not graduated, on track', () => {
    const doc = readiness(waitingForDataAccess());
    expect(doc).toMatchObject({ score: 81, band: 'on-track', graduated: false, diagnostic: { noCount: 0 } });
    expect(failingGates(doc)).toEqual(['production-deployment']);
  });
});

describe('computeReadiness: bands', () => {
  it('a pilot under way but below 50 is at risk', () => {
    const pilot = pilotWith(
      diagnosticFieldsFilled(),
      workstreamInProgress('data-access'),
      workstreamInProgress('infrastructure'),
      workstreamInProgress('change-management', { assigneeAccountId: CHANGE_LEAD }),
      reviewInProgress('security'),
      reviewInProgress('compliance'),
      reviewInProgress('legal'),
      dataAccessTicket('requested'),
    );
    // 3 × 3.125 + 3 × 2.5 + 6.25 = 23.125
    expect(readiness(pilot)).toMatchObject({ score: 23, band: 'at-risk', diagnostic: { noCount: 0 } });
  });

  it('an overdue workstream puts a pilot at risk whatever its score', () => {
    const pilot = applyChanges(
      waitingForDataAccess(),
      workstreamInProgress('monitoring', { dueDate: '2026-02-15' }),
    );
    // 7 × 6.25 + 3.125 + 25 + 6.25 = 78.125
    expect(readiness(pilot)).toMatchObject({ score: 78, band: 'at-risk' });
  });
});

describe("computeReadiness: the kill clock counts the site's days", () => {
  const pilot = applyChanges(waitingForDataAccess(), fields({ demoSignOffDate: '2026-01-01' }));

  it('90 days after the demo (late evening UTC): no review yet', () => {
    expect(readiness(pilot, new Date('2026-04-01T23:30:00.000Z'))).toMatchObject({
      daysSinceDemo: 90,
      reviewRequired: false,
      band: 'on-track',
    });
  });

  it('91 days after the demo (just after midnight UTC): on the kill list, in purgatory', () => {
    expect(readiness(pilot, new Date('2026-04-02T00:30:00.000Z'))).toMatchObject({
      daysSinceDemo: 91,
      reviewRequired: true,
      band: 'purgatory',
      score: 81,
    });
  });

  it('waivers expire by the UTC date too', () => {
    const waived = applyChanges(
      pilot,
      withoutDataAccess(),
      waiver('production-deployment', { type: 'data-access' }, '2026-02-17'),
    );
    expect(readiness(waived, new Date('2026-02-16T23:59:59.999Z')).graduated).toBe(true);
    expect(readiness(waived, new Date('2026-02-17T00:00:00.000Z')).graduated).toBe(false);
  });

  it.each([
    // 08:00 on day 91 in Auckland is still day 90 in UTC.
    ['Pacific/Auckland', '2026-04-01T19:00:00.000Z', 91, true],
    // 19:00 on day 90 in Los Angeles is already day 91 in UTC.
    ['America/Los_Angeles', '2026-04-02T02:00:00.000Z', 90, false],
  ])('in %s at %s: day %i, on the kill list %s', (zone, instant, days, onKillList) => {
    expect(readiness(pilot, new Date(instant), zone)).toMatchObject({
      daysSinceDemo: days,
      reviewRequired: onKillList,
    });
  });

  it('waivers expire on the site’s date: the first day in Auckland, not yet in Los Angeles', () => {
    const waived = applyChanges(
      pilot,
      withoutDataAccess(),
      waiver('production-deployment', { type: 'data-access' }, '2026-02-17'),
    );
    expect(readiness(waived, new Date('2026-02-16T12:00:00.000Z'), 'Pacific/Auckland').graduated).toBe(false);
    expect(readiness(waived, new Date('2026-02-17T03:00:00.000Z'), 'America/Los_Angeles').graduated).toBe(
      true,
    );
  });
});

describe('summarizeDataAccess', () => {
  it('counts tickets per state', () => {
    const { dataAccess } = pilotWith(
      dataAccessTicket('requested'),
      dataAccessTicket('requested'),
      dataAccessTicket('in-progress'),
      dataAccessTicket('approved', { source: 'servicenow', key: 'RITM0010001' }),
      dataAccessTicket('rejected'),
    );
    expect(summarizeDataAccess(dataAccess)).toEqual({
      total: 5,
      requested: 2,
      inProgress: 1,
      approved: 1,
      rejected: 1,
    });
  });
});

describe('readinessChanged', () => {
  const stored = readiness(freshPilot());

  it('is true when nothing was stored yet', () => {
    expect(readinessChanged(undefined, stored)).toBe(true);
  });

  it('ignores computedAt', () => {
    const later = readiness(freshPilot(), new Date('2026-02-16T18:00:00.000Z'));
    expect(later.computedAt).not.toBe(stored.computedAt);
    expect(readinessChanged(stored, later)).toBe(false);
  });

  it('sees no change in a document read back from storage, whatever its key order', () => {
    const roundTripped = JSON.parse(JSON.stringify(readiness(readyPilot()))) as ReadinessDocument;
    const reordered = Object.fromEntries(
      Object.entries(roundTripped).reverse(),
    ) as unknown as ReadinessDocument;
    expect(readinessChanged(reordered, readiness(readyPilot()))).toBe(false);
  });

  it('sees a changed score', () => {
    expect(readinessChanged(stored, readiness(pilotWith(workstreamInProgress('mlops'))))).toBe(true);
  });

  it('sees a changed blocker detail deep in the gates', () => {
    const dueLater = readiness(pilotWith(workstream('mlops', { dueDate: '2026-03-01' })));
    const dueEarlier = readiness(pilotWith(workstream('mlops', { dueDate: '2026-02-20' })));
    expect(dueLater.score).toBe(dueEarlier.score);
    expect(readinessChanged(dueLater, dueEarlier)).toBe(true);
  });

  it('sees the day count move', () => {
    const pilot = readyPilot();
    expect(readinessChanged(readiness(pilot), readiness(pilot, new Date('2026-02-17T10:00:00.000Z')))).toBe(
      true,
    );
  });
});

describe('indexedReadinessFields', () => {
  it('indexes booleans as "true"/"false" strings for JQL', () => {
    expect(indexedReadinessFields(readiness(readyPilot()))).toEqual({
      score: 100,
      band: 'ready',
      graduated: 'true',
      reviewRequired: 'false',
      daysSinceDemo: 6,
      valueReviewDue: 'false',
      'valueReview.status': 'awaiting',
    });
    expect(indexedReadinessFields(readiness(freshPilot()))).toEqual({
      score: 0,
      band: 'purgatory',
      graduated: 'false',
      reviewRequired: 'false',
      daysSinceDemo: null,
      valueReviewDue: 'false',
      'valueReview.status': 'not-live',
    });
  });
});

describe('a killed pilot (§14): an end state, never graduated', () => {
  const KILLED_ON = '2026-02-12';
  const killedAt = (scoreAtKill: number, extra: Partial<PilotSnapshot['decisions'][number]> = {}) =>
    fields({
      decisions: [
        {
          decision: { outcome: 'kill', reason: 'No sponsor left' },
          decidedBy: 'decider',
          decidedOn: KILLED_ON,
          scoreAtKill,
          ...extra,
        },
      ],
    });
  /** Every issue of the path closed by the kill: what Jira shows after it (Done on a workflow without Won't Do). */
  const everythingClosedByTheKill = (snapshot: PilotSnapshot): PilotSnapshot => {
    const closed = applyChanges(snapshot, allWorkstreamsDone(KILLED_ON), allReviewsApproved());
    return {
      ...closed,
      closedByKill: [...closed.workstreams, ...closed.reviews].map((issue) => issue.key),
    };
  };

  it('is killed, keeps its score at the kill, passes no gate the kill closed, and is off the kill list', () => {
    const doc = readiness(everythingClosedByTheKill(pilotWith(diagnosticFieldsFilled(), killedAt(44))));
    expect(doc).toMatchObject({ band: 'killed', score: 44, graduated: false, reviewRequired: false });
    expect(failingGates(doc)).toEqual(DEFAULT_TEMPLATE.milestones.map((milestone) => milestone.key));
  });

  it('once reopened, counts what the kill closed as not done until someone reopens it', () => {
    const reopened = everythingClosedByTheKill(
      pilotWith(killedAt(44, { reopenedOn: '2026-02-14' }), dataAccessTicket('approved')),
    );
    const doc = readiness(reopened);
    expect(doc.band).not.toBe('killed');
    expect(doc.graduated).toBe(false);
    // Only data access counts: 25 points; the workstreams and reviews the kill closed earn nothing.
    expect(doc.score).toBe(25);
    const redone = { ...reopened, closedByKill: [] };
    expect(readiness(redone).score).toBe(100);
  });
});
