/**
 * A pilot's leases (its generation and its recompute, Forge storage keys with a time to live) may
 * outlive the invocation that took them: it was stopped, or storage refused its release. Until the
 * lease expires, every other invocation for the pilot finds it busy. Each that does must lead to one
 * follow-up at most, further apart each time (not a change recorded and a job queued every few
 * seconds, thousands of them in the sandbox's scaled time), and the pilot must recover once the lease
 * expires: its readiness recomputed, its production path laid out.
 *
 * Deliveries are held, and released one round at a time, so each round runs exactly the follow-ups the
 * round before queued, whatever the timing.
 */
import { storageKeys } from '../../src/storage/keys';
import {
  createPilot,
  generatedIssues,
  issueTypeId,
  jira,
  moveIssue,
  PM,
  readinessOf,
  site,
  transitionIssue,
  workstreamKey,
} from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const LEASE_SECONDS = 120;

/** A lease left by an invocation that will never release it. */
function leaseLeftBehind(key: string): void {
  const answer = env.sandbox.runtime.kvs.handle('/api/v1/set', {
    key,
    value: { holder: 'an-invocation-that-was-stopped' },
    options: { ttl: { value: LEASE_SECONDS, unit: 'SECONDS' } },
  });
  expect(answer.status).toBeLessThan(300);
}

/** Delivers what was held, holding what that queues; answers how many events were delivered. */
async function deliverOneRound(): Promise<number> {
  const deliver = env.sandbox.runtime.delayHeldDeliveries();
  env.sandbox.runtime.holdDeliveries();
  const delivered = deliver();
  await env.sandbox.idle();
  return delivered;
}

function storedChanges(pilotId: string): string[] {
  return Object.keys(env.sandbox.runtime.kvs.snapshot()).filter((key) =>
    key.startsWith(storageKeys.pilotChangesPrefix(pilotId)),
  );
}

function pilotWorkInvocations(since: number): number {
  return env.sandbox.runtime.invocations
    .slice(since)
    .filter((invocation) => invocation.functionKey === 'on-pilot-work').length;
}

afterEach(() => {
  env.sandbox.runtime.releaseDeliveries();
});

test('a recompute lease that outlives its holder: one follow-up at a time, no change piling up, the pilot recomputed once it expires', async () => {
  const pilot = await createPilot(env.sandbox, 'Pilot whose recompute lease was left behind');
  const sandboxTask = workstreamKey(env.sandbox, pilot.id, 'model-validation');
  expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(0);
  leaseLeftBehind(storageKeys.recomputeLock(pilot.id));

  env.sandbox.runtime.holdDeliveries();
  await moveIssue(env.sandbox, sandboxTask, 'done');
  const delivered: number[] = [];
  for (let round = 0; round < 6; round++) delivered.push(await deliverOneRound());
  // The change event, its recompute, then each follow-up of a recompute that found the lease busy: one each.
  expect(delivered).toEqual([1, 1, 1, 1, 1, 1]);
  // The change waits for the recompute, stored once: the follow-ups do not record a change each.
  expect(storedChanges(pilot.id)).toHaveLength(1);
  expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(0);

  env.sandbox.clock.advance((LEASE_SECONDS + 1) * 1000);
  while ((await deliverOneRound()) > 0);
  expect(readinessOf(env.sandbox, pilot.key)?.score).toBeGreaterThan(0);
  expect(storedChanges(pilot.id)).toEqual([]);
});

test('a generation lease that outlives its holder: the pilot is laid out once it expires, after a few follow-ups', async () => {
  env.sandbox.runtime.holdDeliveries();
  const created = await jira(env.sandbox, 'POST', '/rest/api/3/issue', {
    fields: {
      project: { key: 'AIP' },
      issuetype: { id: await issueTypeId(env.sandbox, 'AIP', 'AI Pilot') },
      summary: 'Pilot whose generation was stopped half-way',
    },
  });
  const pilot = { id: created.id as string, key: created.key as string };
  // The invocation that took the lease for this pilot's event was stopped: its event is not delivered again.
  env.sandbox.runtime.delayHeldDeliveries();
  leaseLeftBehind(storageKeys.generationLock(pilot.id));
  const before = env.sandbox.runtime.invocations.length;

  env.sandbox.runtime.holdDeliveries();
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { duedate: '2026-09-30' } });
  for (let round = 0; round < 4; round++) await deliverOneRound();
  expect(generatedIssues(env.sandbox, pilot.id).workstreams).toHaveLength(0);

  env.sandbox.clock.advance((LEASE_SECONDS + 1) * 1000);
  let rounds = 0;
  while ((await deliverOneRound()) > 0) rounds += 1;
  expect(rounds).toBeLessThanOrEqual(3);
  const path = generatedIssues(env.sandbox, pilot.id);
  expect(path.workstreams.length).toBeGreaterThan(0);
  expect(new Set(path.workstreams.map(path.rowOf)).size).toBe(path.workstreams.length);
  expect(readinessOf(env.sandbox, pilot.key)).toBeDefined();
  // The event, its recompute, then one job at a time while the lease stood and once it expired.
  expect(pilotWorkInvocations(before)).toBeLessThanOrEqual(8);
});

test('a recompute that outlives its lease stores nothing over the newer reading stored meanwhile, and the pilot is read again', async () => {
  const pilot = await createPilot(env.sandbox, 'Pilot whose slow recompute lost its lease');
  const first = workstreamKey(env.sandbox, pilot.id, 'model-validation');
  const second = workstreamKey(env.sandbox, pilot.id, 'infrastructure');
  env.sandbox.runtime.holdDeliveries();
  await moveIssue(env.sandbox, first, 'done');
  await deliverOneRound();
  // The queued recompute of that change is slowed down while it publishes what it read (a 429).
  site(env.sandbox).setFaults([
    { rate: 1, status: 429, retryAfter: 8, match: '/properties/pilot-readiness', method: 'PUT', times: 1 },
  ]);
  site(env.sandbox).resetFaultCounts();
  const slowRecompute = env.sandbox.runtime.delayHeldDeliveries();
  env.sandbox.runtime.holdDeliveries();
  expect(slowRecompute()).toBe(1);
  while (site(env.sandbox).faultCounts().injected === 0)
    await new Promise((resolve) => setTimeout(resolve, 20));

  // Meanwhile its lease expires, a second workstream is done (its event lost) and the panel recomputes
  // the pilot in full, reading both.
  expect(
    env.sandbox.runtime.kvs.handle('/api/v1/delete', { key: storageKeys.recomputeLock(pilot.id) }).status,
  ).toBeLessThan(300);
  await transitionIssue(env.sandbox, second, 'done');
  env.sandbox.runtime.delayHeldDeliveries();
  env.sandbox.runtime.holdDeliveries();
  const recomputed = (await env.sandbox.runtime.invokeResolver({
    moduleKey: 'readiness-panel',
    functionKey: 'retryGeneration',
    payload: {},
    accountId: PM,
    extension: {
      type: 'jira:issuePanel',
      issue: { id: pilot.id, key: pilot.key, type: 'AI Pilot' },
      project: { id: '10000', key: 'AIP' },
    },
  })) as { ok: true; data: { readiness: { score: number } } };
  const newer = recomputed.data.readiness.score;
  expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(newer);
  // What that queued is left out: only what the slow recompute does next may bring the pilot right.
  env.sandbox.runtime.delayHeldDeliveries();
  env.sandbox.runtime.holdDeliveries();

  // The slow recompute ends: its older reading is not stored, and the pilot is read once more.
  await env.sandbox.idle();
  while ((await deliverOneRound()) > 0);
  expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(newer);
  const stored = env.sandbox.runtime.kvs.snapshot()[storageKeys.pilotView(pilot.id)] as {
    readiness: { score: number };
    snapshot: { workstreams: Array<{ key: string; statusCategory: string }> };
  };
  expect(stored.readiness.score).toBe(newer);
  expect(
    stored.snapshot.workstreams.filter((w) => [first, second].includes(w.key)).map((w) => w.statusCategory),
  ).toEqual(['done', 'done']);
});
