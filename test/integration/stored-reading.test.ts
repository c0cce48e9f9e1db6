/**
 * Issue 12, stale readiness found by the soak: a change to one sub-task re-reads just that sub-task
 * on top of the pilot's stored reading, so the stored reading must be what Jira holds, including
 * what the app itself wrote (its own writes send it no event) and what a lost answer left unknown.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { PilotSnapshot, ReadinessDocument } from '../../src/domain/types';
import {
  burstLimitedOnce,
  createPilot,
  fieldId,
  issueTypeId,
  jira,
  moveIssue,
  readinessOf,
  reviewKey,
  site,
  workstreamKey,
} from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { panelCall } from '../support/servicenow-steps';
import { storedValue } from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

/** Each workstream the stored readiness names as blocking a gate, with the due date it shows and Jira's. */
function blockingDueDates(
  pilotKey: string,
): Array<{ key: string; shown: string | null; inJira: string | null }> {
  const readiness = readinessOf(env.sandbox, pilotKey) as ReadinessDocument;
  return readiness.gates.flatMap((gate) =>
    gate.blocking.flatMap((blocker) =>
      blocker.criterion.type === 'workstream'
        ? blocker.issueKeys.map((key) => ({
            key,
            shown: blocker.dueDate ?? null,
            inJira: site(env.sandbox).issue(key)?.dueDate ?? null,
          }))
        : [],
    ),
  );
}

test('due dates the app moved after a kickoff edit are the ones a later sub-task change shows', async () => {
  const kickoff = await fieldId(env.sandbox, 'Kickoff date');
  const pilot = await createPilot(env.sandbox, 'Claims triage assistant', { [kickoff]: '2026-03-02' });
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { [kickoff]: '2026-03-16' } });
  await env.sandbox.idle();
  await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'in-progress');

  const shown = blockingDueDates(pilot.key);
  expect(shown.length).toBeGreaterThan(3);
  expect(shown.map(({ key, shown: date }) => ({ key, date }))).toEqual(
    shown.map(({ key, inJira }) => ({ key, date: inJira })),
  );
});

test('due dates a recompute moved, then failed before storing its reading, are the ones a later sub-task change shows', async () => {
  const kickoff = await fieldId(env.sandbox, 'Kickoff date');
  const pilot = await createPilot(env.sandbox, 'Claims triage assistant', { [kickoff]: '2026-03-02' });
  const viewKey = `pilot:${pilot.id}:view`;
  const viewBeforeTheMove = env.sandbox.runtime.kvs.snapshot()[viewKey];
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { [kickoff]: '2026-03-16' } });
  await env.sandbox.idle();
  // As a recompute leaves it that moved the due dates and recorded their targets, then failed before it
  // stored its reading (the app's moves send it no event): the stored reading is the one before the move.
  env.sandbox.runtime.kvs.handle('/api/v1/set', { key: viewKey, value: viewBeforeTheMove });
  await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'in-progress');

  const shown = blockingDueDates(pilot.key);
  expect(shown.length).toBeGreaterThan(3);
  expect(shown.map(({ key, shown: date }) => ({ key, date }))).toEqual(
    shown.map(({ key, inJira }) => ({ key, date: inJira })),
  );
});

/** The readiness model's inputs as stored, in key order (the order they were read in does not matter). */
function inputsOf(snapshot: PilotSnapshot): PilotSnapshot {
  const byKey = <T extends { key: string }>(items: T[]) =>
    [...items].sort((a, b) => a.key.localeCompare(b.key));
  return { ...snapshot, workstreams: byKey(snapshot.workstreams), reviews: byKey(snapshot.reviews) };
}

/** What the app stores for the pilot now, and what a full recompute (the panel's "Retry generation") stores. */
async function storedAndRecomputed(pilot: { id: string; key: string }) {
  const readinessField = await fieldId(env.sandbox, 'Readiness');
  const stored = () => {
    const { computedAt: _computedAt, ...readiness } = readinessOf(env.sandbox, pilot.key) ?? {};
    return {
      readiness,
      field: site(env.sandbox).issue(pilot.key)?.customFields[readinessField],
      inputs: inputsOf(
        (env.sandbox.runtime.kvs.snapshot()[`pilot:${pilot.id}:view`] as { snapshot: PilotSnapshot })
          .snapshot,
      ),
    };
  };
  const before = stored();
  const result = await panelCall(env.sandbox, pilot, 'retryGeneration', {}, SANDBOX_USERS.admin.accountId);
  expect(result.ok).toBe(true);
  await env.sandbox.idle();
  return { stored: before, recomputed: stored() };
}

test("a bulk create whose answer was lost: the fresh pilot's readiness shows its workstreams' assignees", async () => {
  site(env.sandbox).setFaults([
    { rate: 1, times: 1, status: 504, lostResponse: true, match: '/rest/api/3/issue/bulk' },
  ]);
  site(env.sandbox).resetFaultCounts();
  const pilot = await createPilot(env.sandbox, 'Claims triage assistant');
  expect(site(env.sandbox).faultCounts().injected).toBe(1);

  const { stored, recomputed } = await storedAndRecomputed(pilot);
  expect(JSON.stringify(recomputed.readiness)).toMatch(/Change management workstream \S+ to do, assigned/);
  expect(stored).toEqual(recomputed);
});

test('a bulk create whose answer was lost: later changes to the issues it made reach the pilot', async () => {
  site(env.sandbox).setFaults([
    { rate: 1, times: 1, status: 504, lostResponse: true, match: '/rest/api/3/issue/bulk' },
  ]);
  const pilot = await createPilot(env.sandbox, 'Claims triage assistant');
  await moveIssue(env.sandbox, reviewKey(env.sandbox, pilot.id, 'security'), 'done');
  await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'in-progress');

  const { stored, recomputed } = await storedAndRecomputed(pilot);
  expect(JSON.stringify(recomputed.readiness)).toMatch(/security \S+ approved/);
  expect(stored).toEqual(recomputed);
});

test('a pilot edited while generation stores its fresh readiness ends with the readiness of the edited pilot', async () => {
  const kickoff = await fieldId(env.sandbox, 'Kickoff date');
  const pilotType = await issueTypeId(env.sandbox, 'AIP', 'AI Pilot');
  // Generation's write of the fresh readiness waits a second for Jira's burst limit.
  site(env.sandbox).setFaults([burstLimitedOnce('/properties/pilot-readiness')]);
  site(env.sandbox).resetFaultCounts();
  const created = await jira(env.sandbox, 'POST', '/rest/api/3/issue', {
    fields: {
      project: { key: 'AIP' },
      issuetype: { id: pilotType },
      summary: 'Claims triage assistant',
      [kickoff]: '2026-03-02',
    },
  });
  // The edit lands once generation has laid out the path, while it waits to store the readiness.
  const record = () =>
    storedValue(env.sandbox, `pilot:${created.id}:generation`) as { completedAt?: string } | undefined;
  while (!record()?.completedAt) await new Promise((resolve) => setTimeout(resolve, 5));
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${created.key}`, { fields: { [kickoff]: '2026-03-16' } });
  await env.sandbox.idle();
  expect(site(env.sandbox).faultCounts().injected).toBe(1);

  const { stored, recomputed } = await storedAndRecomputed({ id: created.id, key: created.key });
  expect(stored).toEqual(recomputed);
});
