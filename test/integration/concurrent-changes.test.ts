/**
 * Issue 12, stale readiness under the soak: changes to several issues of one pilot arrive at the same
 * time (each event delivered 3 times at once). Their coalesced recompute must see every one of them:
 * the pilot ends where the same changes made one after another leave it.
 */
import type { Sandbox } from '../../sandbox/server';
import { createPilot, jira, readinessOf, reviewKey, workstreamKey } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const REVIEWS = ['security', 'compliance', 'legal', 'privacy', 'infrastructure'];
const ROWS = ['model-validation', 'data-access', 'infrastructure', 'change-management', 'mlops'];

/** Moves the issues to done one after another; `atOnce`: their events all reach the app at the same moment. */
async function moveAll(sandbox: Sandbox, keys: string[], atOnce: boolean): Promise<void> {
  if (atOnce) sandbox.runtime.holdDeliveries();
  for (const key of keys) {
    await jira(sandbox, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '31' } });
    if (!atOnce) await sandbox.idle();
  }
  if (atOnce) expect(sandbox.runtime.releaseDeliveries()).toBe(keys.length);
  await sandbox.idle();
}

const comparable = (pilotKey: string) => {
  const { computedAt: _computedAt, ...rest } = readinessOf(env.sandbox, pilotKey) ?? {};
  return JSON.parse(JSON.stringify(rest).replace(/\bAIP-\d+\b/g, 'AIP-n')) as unknown;
};

test('changes to every review and workstream whose events arrive at once (3 copies each) all count', async () => {
  const oneByOne = await createPilot(env.sandbox, 'Claims triage assistant');
  const atOnce = await createPilot(env.sandbox, 'Claims triage assistant');
  const issuesOf = (pilotId: string) => [
    ...REVIEWS.map((kind) => reviewKey(env.sandbox, pilotId, kind)),
    ...ROWS.map((row) => workstreamKey(env.sandbox, pilotId, row)),
  ];

  await moveAll(env.sandbox, issuesOf(oneByOne.id), false);
  env.sandbox.runtime.setDeliveryMode({ duplicates: 3, concurrent: true });
  await moveAll(env.sandbox, issuesOf(atOnce.id), true);

  expect(readinessOf(env.sandbox, oneByOne.key)?.score).toBeGreaterThan(0);
  expect(comparable(atOnce.key)).toEqual(comparable(oneByOne.key));
}, 60_000);
