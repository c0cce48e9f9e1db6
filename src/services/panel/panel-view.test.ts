import { DEFAULT_TEMPLATE } from '../../domain/default-template';
import { computeReadiness } from '../../domain/readiness';
import {
  extraWorkstream,
  fields,
  pilotWith,
  workstreamDone,
  workstreamInProgress,
} from '../../domain/test-support/snapshots';
import type { GateResult, PilotSnapshot } from '../../domain/types';
import type { StoredPilotView } from '../../storage/pilot-state';
import { pilotViewFrom, rollUp } from './panel-view';

const gate = (milestone: string, passed: boolean): GateResult => ({
  milestone,
  passed,
  waived: false,
  blocking: [],
});
const pilot = (
  key: string,
  score: number | null,
  band: 'ready' | 'on-track' | 'at-risk' | 'purgatory' | null,
  extra = {},
) => ({
  key,
  summary: `Pilot ${key}`,
  score,
  band,
  firstBlockingGate: null,
  reviewRequired: false,
  daysSinceDemo: null,
  gates: [] as GateResult[],
  ...extra,
});

describe('the epic roll-up', () => {
  const view = rollUp(
    { key: 'AIP-1' },
    [
      pilot('AIP-2', 0, 'purgatory', {
        reviewRequired: true,
        gates: [gate('demo-sign-off', false), gate('production-deployment', false)],
      }),
      pilot('AIP-3', 81, 'on-track', {
        gates: [gate('demo-sign-off', true), gate('production-deployment', false)],
      }),
      pilot('AIP-4', 100, 'ready', {
        gates: [gate('demo-sign-off', true), gate('production-deployment', true)],
      }),
      pilot('AIP-5', null, null),
    ],
    DEFAULT_TEMPLATE,
  );

  it('counts pilots per band and those not computed yet', () => {
    expect(view.countByBand).toEqual({ ready: 1, 'on-track': 1, 'at-risk': 0, purgatory: 1 });
    expect(view.notComputed).toBe(1);
  });

  it('gives the mean and the lowest score of the computed pilots', () => {
    expect(view.meanScore).toBe(60); // (0 + 81 + 100) / 3 = 60.33
    expect(view.lowest).toEqual({ key: 'AIP-2', score: 0 });
  });

  it('lists the pilots blocked at each gate and the kill list', () => {
    expect(view.blockedByGate.find((entry) => entry.milestone === 'demo-sign-off')?.pilots).toEqual([
      'AIP-2',
    ]);
    expect(view.blockedByGate.find((entry) => entry.milestone === 'production-deployment')?.pilots).toEqual([
      'AIP-2',
      'AIP-3',
    ]);
    expect(view.killList).toEqual(['AIP-2']);
  });

  it('has no mean or lowest for an epic without computed pilots', () => {
    const empty = rollUp({ key: 'AIP-9' }, [], DEFAULT_TEMPLATE);
    expect(empty).toMatchObject({ meanScore: null, lowest: null, notComputed: 0, killList: [] });
  });
});

describe('the pilot panel from the stored recompute', () => {
  const stored = (snapshot: PilotSnapshot): StoredPilotView => ({
    id: snapshot.id,
    snapshot,
    readiness: computeReadiness(snapshot, DEFAULT_TEMPLATE, new Date('2026-03-02T09:00:00Z'), 'Etc/UTC'),
    names: {},
    dateWarnings: [],
    commentedDateProblems: [],
    parent: null,
  });

  it('shows for a row with two sub-tasks the one the score counts, so panel and score agree', () => {
    const snapshot = pilotWith(
      workstreamDone('model-validation'),
      extraWorkstream({
        key: 'AIP-99',
        row: 'model-validation',
        statusCategory: 'new',
        assigneeAccountId: null,
        dueDate: '2026-04-06',
        doneDate: null,
      }),
    );
    const view = pilotViewFrom(stored(snapshot), DEFAULT_TEMPLATE, {
      generationProblems: [],
      canWaive: false,
      today: '2026-03-02',
    });
    expect(view.workstreams.find((row) => row.row === 'model-validation')).toMatchObject({
      key: 'AIP-99',
      state: 'to-do',
    });
    expect(view.readiness.gates.find((gate) => gate.milestone === 'demo-sign-off')?.passed).toBe(false);
  });

  it("gives the seeds' scorecard of the stored answers", () => {
    // Yes to the Due date (6), infrastructure (5), the spec (4) and change management's sub-task
    // assigned and moving (7); no production owner.
    const snapshot = pilotWith(
      fields({
        dueDate: '2026-06-01',
        productionSpec: { latency: 'a', availability: 'b', rollback: 'c', monitoring: 'd' },
      }),
      workstreamInProgress('infrastructure'),
      workstreamInProgress('change-management', { assigneeAccountId: 'lead' }),
    );
    const view = pilotViewFrom(stored(snapshot), DEFAULT_TEMPLATE, {
      generationProblems: [],
      canWaive: false,
      today: '2026-03-02',
    });
    expect(view.scorecard).toMatchObject({ yes: 4, step: 'name-production-owner' });
  });
});
