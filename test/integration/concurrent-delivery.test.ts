/**
 * Issue 12, duplicated workstreams: Forge may deliver one queued event several times at once, every
 * copy with the same event id. Generation hands its work to the queue when Jira's rate limit outlasts
 * the trigger; the copies of that job must not all pass the pilot's lease and lay out the path twice.
 */
import { createPilot, generatedIssues, site } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

/** The hourly quota is spent for the first bulk create: longer than a trigger can wait, so it goes to the queue. */
const QUOTA_SPENT_ON_FIRST_BULK_CREATE = {
  rate: 1,
  times: 1,
  status: 429,
  reason: 'jira-quota-global-based',
  retryAfter: 60,
  match: '/rest/api/3/issue/bulk',
} as const;

test('a handed-off generation delivered 3 times at once creates each workstream and review once', async () => {
  site(env.sandbox).setFaults([QUOTA_SPENT_ON_FIRST_BULK_CREATE]);
  env.sandbox.runtime.setDeliveryMode({ duplicates: 3, concurrent: true });
  const before = env.sandbox.runtime.deliveryCounts().queued;
  const pilot = await createPilot(env.sandbox, 'Claims triage assistant');
  await env.sandbox.idle();

  expect(env.sandbox.runtime.deliveryCounts().queued).toBeGreaterThan(before);
  const { workstreams, reviews, rowOf, kindOf } = generatedIssues(env.sandbox, pilot.id);
  expect(workstreams.map(rowOf).sort()).toEqual([
    'change-management',
    'data-access',
    'infrastructure',
    'legacy-integration',
    'mlops',
    'model-validation',
    'monitoring',
    'security-compliance',
  ]);
  expect(reviews.map(kindOf).sort()).toEqual([
    'compliance',
    'infrastructure',
    'legal',
    'privacy',
    'security',
  ]);
});

test('a bulk create whose response is lost, while search lags, is not created again', async () => {
  env.sandbox.jira.setBehaviour?.({ searchLagMs: 1500 });
  site(env.sandbox).setFaults([
    { rate: 1, times: 1, status: 504, lostResponse: true, match: '/rest/api/3/issue/bulk' },
  ]);
  const pilot = await createPilot(env.sandbox, 'Claims triage assistant');
  await env.sandbox.idle();

  const { workstreams, reviews } = generatedIssues(env.sandbox, pilot.id);
  expect(workstreams).toHaveLength(8);
  expect(reviews).toHaveLength(5);
});

test('a lost bulk-create answer, then a rate limit that hands the rest to the queue, while search lags, creates nothing twice', async () => {
  env.sandbox.jira.setBehaviour?.({ searchLagMs: 1500 });
  site(env.sandbox).setFaults([
    { rate: 1, times: 1, status: 504, lostResponse: true, match: '/rest/api/3/issue/bulk' },
    QUOTA_SPENT_ON_FIRST_BULK_CREATE,
  ]);
  const pilot = await createPilot(env.sandbox, 'Claims triage assistant');
  await env.sandbox.idle();

  const { workstreams, reviews } = generatedIssues(env.sandbox, pilot.id);
  expect(workstreams).toHaveLength(8);
  expect(reviews).toHaveLength(5);
});
