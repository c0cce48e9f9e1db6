/**
 * Deleted issues are noticed (product.md §14): a deleted workstream or review counts as missing (0)
 * and can be restored by a decider or the project manager; a deleted pilot leaves its epic and the
 * app's storage on its delete event; the daily job notices a deleted path issue whose event was lost.
 */
import type { EpicView, PilotView } from '../../src/ui-contract';
import {
  createIssue,
  createPilot,
  generatedIssues,
  jira,
  moveIssue,
  readinessOf,
  reviewKey,
  site,
  workstreamKey,
} from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { data, panelCall } from '../support/servicenow-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
type Issue = { id: string; key: string };

const demoGate = (pilot: Issue) =>
  readinessOf(env.sandbox, pilot.key)?.gates.find((gate) => gate.milestone === 'demo-sign-off');
const panel = async (issue: Issue) => data(await panelCall<PilotView>(env.sandbox, issue, 'getPanel'));

async function deleteIssue(key: string): Promise<void> {
  await jira(env.sandbox, 'DELETE', `/rest/api/3/issue/${key}?deleteSubtasks=true`);
  await env.sandbox.idle();
}

/** A delete whose event the app never hears (the app's own changes send it none). */
async function deleteUnheard(key: string): Promise<void> {
  const reply = await site(env.sandbox).handle(
    { method: 'DELETE', path: `/rest/api/3/issue/${key}?deleteSubtasks=true`, headers: {} },
    { kind: 'app', viaApp: true },
  );
  expect(reply.status).toBe(204);
  await env.sandbox.idle();
}

async function pilotWithDemoDone(summary = 'Pilot with its demo done'): Promise<Issue> {
  const pilot = await createPilot(env.sandbox, summary);
  await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'done');
  expect(demoGate(pilot)).toMatchObject({ passed: true });
  return pilot;
}

describe('a deleted workstream or review', () => {
  it('counts as missing: the gate it passed blocks again, and restore re-creates it once', async () => {
    const pilot = await pilotWithDemoDone();
    await deleteIssue(workstreamKey(env.sandbox, pilot.id, 'model-validation'));
    expect(demoGate(pilot)).toMatchObject({ passed: false });
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(0);
    const view = await panel(pilot);
    expect(view.workstreams.find((row) => row.row === 'model-validation')).toMatchObject({
      key: null,
      state: null,
    });
    expect(view.missing).toEqual({ workstreams: ['model-validation'], reviews: [] });

    data(await panelCall<PilotView>(env.sandbox, pilot, 'restoreMissingWork'));
    const restored = workstreamKey(env.sandbox, pilot.id, 'model-validation');
    expect(site(env.sandbox).issue(restored)).toMatchObject({ summary: 'Model development & validation' });
    data(await panelCall<PilotView>(env.sandbox, pilot, 'restoreMissingWork'));
    expect(generatedIssues(env.sandbox, pilot.id).workstreams).toHaveLength(8);
    expect((await panel(pilot)).missing).toEqual({ workstreams: [], reviews: [] });
  });

  it('a deleted review is missing until restored', async () => {
    const pilot = await createPilot(env.sandbox, 'Pilot losing a review');
    await deleteIssue(reviewKey(env.sandbox, pilot.id, 'legal'));
    const view = await panel(pilot);
    expect(view.reviews.find((review) => review.kind === 'legal')).toMatchObject({ key: null });
    expect(view.missing).toEqual({ workstreams: [], reviews: ['legal'] });
    data(await panelCall<PilotView>(env.sandbox, pilot, 'restoreMissingWork'));
    expect(generatedIssues(env.sandbox, pilot.id).reviews).toHaveLength(5);
  });

  it('is noticed by the daily job when its delete event never came', async () => {
    const pilot = await pilotWithDemoDone('Pilot whose delete went unheard');
    await deleteUnheard(workstreamKey(env.sandbox, pilot.id, 'model-validation'));
    expect(demoGate(pilot)).toMatchObject({ passed: true }); // nothing told the app yet
    env.sandbox.clock.advance(24 * 60 * 60_000);
    await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
    await env.sandbox.idle();
    expect(demoGate(pilot)).toMatchObject({ passed: false });
  });
});

describe('a deleted pilot', () => {
  async function epicOfTwo() {
    const epic = await createIssue(env.sandbox, 'AIP', 'Epic', 'Claims automation');
    const strong = await createPilot(env.sandbox, 'Strong pilot', { parent: { key: epic.key } });
    const weak = await createPilot(env.sandbox, 'Weak pilot', { parent: { key: epic.key } });
    for (const row of ['model-validation', 'data-access', 'security-compliance', 'infrastructure'])
      await moveIssue(env.sandbox, workstreamKey(env.sandbox, strong.id, row), 'done');
    return { epic, strong, weak };
  }
  const rollUp = async (epic: Issue) =>
    data(await panelCall<EpicView>(env.sandbox, { ...epic }, 'getPanel')) as unknown as EpicView;

  it('leaves its epic’s roll-up and the app’s storage on its delete event', async () => {
    const { epic, strong, weak } = await epicOfTwo();
    expect((await rollUp(epic)).meanScore).toBe(13);
    await deleteIssue(strong.key);
    const after = await rollUp(epic);
    expect(after.pilots.map((pilot) => pilot.key)).toEqual([weak.key]);
    expect(after.meanScore).toBe(0);
    const stored = Object.entries({
      ...env.sandbox.runtime.kvs.snapshot(),
      ...env.sandbox.runtime.kvs.snapshot('entity:versioned-record'),
    });
    // The provisioning names project ids (one may equal the pilot's id); the list of pilots generated
    // lately keeps the id until it falls off (at most 50).
    const ofStrong = stored.filter(
      ([key, value]) =>
        !['provisioning', 'recent-pilots'].includes(key) &&
        (key.split(':').includes(strong.id) || JSON.stringify(value).includes(`"${strong.id}"`)),
    );
    expect(ofStrong.map(([key]) => key)).toEqual([]);
  });

  it('leaves the roll-up even when its delete event never came', async () => {
    const { epic, weak, strong } = await epicOfTwo();
    await deleteUnheard(strong.key);
    expect((await rollUp(epic)).pilots.map((pilot) => pilot.key)).toEqual([weak.key]);
  });
});
