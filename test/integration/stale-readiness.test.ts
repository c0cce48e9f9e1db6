/**
 * Found by the soak (issue 12): the Readiness field (the score in issue navigator columns) stayed
 * stale for good when its write kept failing after the `pilot-readiness` property had been written:
 * later recomputes saw the property unchanged and skipped the field.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { createPilot, fieldId, moveIssue, readinessOf, site, workstreamKey } from '../support/jira-steps';
import { callPanel } from '../support/resolver-calls';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

test('a Readiness field write that failed through every retry heals at the next recompute', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const pilot = await createPilot(env.sandbox, 'Claims triage assistant');
    const readinessField = await fieldId(env.sandbox, 'Readiness');
    // Refused at once (no client-side backoff), through every retry of the queue.
    site(env.sandbox).setFaults([{ rate: 1, status: 400, match: '/rest/api/3/app/field/' }]);
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'in-progress');
    await env.sandbox.idle();
    const score = readinessOf(env.sandbox, pilot.key)?.score;
    expect(score).toBeGreaterThan(0);
    expect(site(env.sandbox).issue(pilot.key)?.customFields[readinessField]).toBe(0);

    site(env.sandbox).clearFaults();
    // Any later recompute of the pilot, here the panel's "Retry generation" (nothing to create).
    const retried = await callPanel(env.sandbox, pilot, 'retryGeneration', {}, SANDBOX_USERS.admin.accountId);
    expect(retried.ok).toBe(true);
    expect(site(env.sandbox).issue(pilot.key)?.customFields[readinessField]).toBe(score);
  } finally {
    logged.mockRestore();
  }
}, 60_000);
