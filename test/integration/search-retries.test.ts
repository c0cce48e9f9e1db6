/**
 * JQL search is a read even though it is a POST: a 5xx on `POST /rest/api/3/search/jql` is retried
 * in the same invocation, instead of handing the whole piece of work to the queue (and paying for
 * its calls twice).
 */
import { createPilot, generatedIssues, site } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

it('a 503 on search is retried in place: the pilot gets its path without going through the queue', async () => {
  const before = env.sandbox.runtime.invocations.length;
  site(env.sandbox).setFaults([{ rate: 1, times: 2, status: 503, match: '/rest/api/3/search/jql' }]);
  const pilot = await createPilot(env.sandbox, 'Flaky search');
  site(env.sandbox).clearFaults();
  await env.sandbox.idle();
  // Two searches answered 503, the third went through.
  expect(site(env.sandbox).metrics().byEndpoint['POST /rest/api/3/search/jql']).toBe(3);
  const { workstreams, reviews } = generatedIssues(env.sandbox, pilot.id);
  expect(workstreams).toHaveLength(8);
  expect(reviews).toHaveLength(5);
  const queued = env.sandbox.runtime.invocations
    .slice(before)
    .filter((invocation) => invocation.functionKey === 'on-pilot-work');
  expect(queued).toEqual([]);
});
