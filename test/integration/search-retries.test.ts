/**
 * JQL search is a read even though it is a POST: a 5xx on `POST /rest/api/3/search/jql` is retried
 * in the same invocation, instead of failing the whole piece of work and having it retried later
 * (paying for its calls twice).
 */
import { createPilot, jira, moveIssue, readinessOf, site, workstreamKey } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

it('a 503 on search is retried in place: the recompute finishes without a retry', async () => {
  const pilot = await createPilot(env.sandbox, 'Flaky search');
  await env.sandbox.idle();
  const before = env.sandbox.runtime.invocations.length;
  site(env.sandbox).resetMetrics();
  site(env.sandbox).setFaults([{ rate: 1, times: 2, status: 503, match: '/rest/api/3/search/jql' }]);
  await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'in-progress');
  // A change to the pilot itself is read from Jira (a sub-task's status alone comes with its event).
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { duedate: '2026-12-18' } });
  await env.sandbox.idle();
  site(env.sandbox).clearFaults();

  // Two searches answered 503 and were repeated at once.
  expect(site(env.sandbox).metrics().byEndpoint['POST /rest/api/3/search/jql']).toBeGreaterThanOrEqual(3);
  // Every invocation since succeeded the first time: nothing was handed on for a retry.
  const invocations = env.sandbox.runtime.invocations.slice(before);
  expect(invocations.filter((invocation) => invocation.outcome !== 'ok' || invocation.attempt > 0)).toEqual(
    [],
  );
  expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(3); // 6.25 × 0.5, rounded half up
});
