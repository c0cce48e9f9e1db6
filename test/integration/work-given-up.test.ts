/**
 * Issue 12: when every attempt of a pilot's queued work fails (Jira refuses every bulk create, or
 * every search of a recompute, through the trigger, the hand-off to the queue and all of Forge's
 * retries), the pilot must not lose its production path or keep a stale readiness silently: the
 * pilot gets a comment, the panel a warning, and the daily job tries again later.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { PilotView, ResolverResult } from '../../src/ui-contract';
import {
  createPilot,
  generatedIssues,
  letSearchCatchUp,
  moveIssue,
  readinessOf,
  reviewKey,
  site,
} from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const APP_ACCOUNT = '557058:pilot-pathway-app';

function appComments(pilotKey: string): string[] {
  return (site(env.sandbox).issue(pilotKey)?.comments ?? [])
    .filter((comment) => comment.authorAccountId === APP_ACCOUNT)
    .map((comment) => JSON.stringify(comment.body));
}

async function panel(pilot: { id: string; key: string }): Promise<PilotView> {
  const result = (await env.sandbox.runtime.invokeResolver({
    moduleKey: 'readiness-panel',
    functionKey: 'getPanel',
    payload: {},
    accountId: SANDBOX_USERS.projectManager.accountId,
    extension: {
      type: 'jira:issuePanel',
      issue: { id: pilot.id, key: pilot.key, type: 'AI Pilot' },
      project: { id: '10000', key: 'AIP' },
    },
  } as Parameters<typeof env.sandbox.runtime.invokeResolver>[0])) as ResolverResult<PilotView>;
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

test('a pilot whose every generation attempt fails gets a comment, a panel warning and a later retry', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    site(env.sandbox).setFaults([{ rate: 1, status: 500, match: '/rest/api/3/issue/bulk' }]);
    const pilot = await createPilot(env.sandbox, 'Pilot Jira will not let us lay out');
    await env.sandbox.idle();
    expect(generatedIssues(env.sandbox, pilot.id).workstreams).toHaveLength(0);

    const comments = appComments(pilot.key);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/could not lay out this pilot's production path/);
    expect(comments[0]).toMatch(/daily job/);
    const view = await panel(pilot);
    expect(view.generationProblems.join(' ')).toMatch(/could not lay out this pilot's production path/);

    site(env.sandbox).clearFaults();
    await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
    await env.sandbox.idle();
    const { workstreams, reviews } = generatedIssues(env.sandbox, pilot.id);
    expect(workstreams).toHaveLength(8);
    expect(reviews).toHaveLength(5);
    expect((await panel(pilot)).generationProblems).toEqual([]);
    // Picked up once: a second daily run creates nothing more and comments no more.
    await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
    await env.sandbox.idle();
    expect(generatedIssues(env.sandbox, pilot.id).workstreams).toHaveLength(8);
    expect(appComments(pilot.key)).toHaveLength(1);
  } finally {
    logged.mockRestore();
  }
}, 60_000);

test('a pilot whose every recompute attempt fails gets a comment, a panel warning and a recompute the next day', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const pilot = await createPilot(env.sandbox, 'Pilot Jira will not let us update');
    const approved = /security \S+ approved/;
    // Refused at once (no client-side backoff), through every retry of the queue: the change comes
    // with its event, so the recompute reads nothing; storing what it computed is what fails.
    site(env.sandbox).setFaults([{ rate: 1, status: 400, match: '/properties/pilot-readiness' }]);
    await moveIssue(env.sandbox, reviewKey(env.sandbox, pilot.id, 'security'), 'done');
    await env.sandbox.idle();
    expect(JSON.stringify(readinessOf(env.sandbox, pilot.key))).not.toMatch(approved);

    const comments = appComments(pilot.key);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/could not bring this pilot's readiness up to date/);
    expect((await panel(pilot)).generationProblems.join(' ')).toMatch(/readiness up to date/);

    site(env.sandbox).clearFaults();
    await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
    await env.sandbox.idle();
    expect(JSON.stringify(readinessOf(env.sandbox, pilot.key))).toMatch(approved);
    expect((await panel(pilot)).generationProblems).toEqual([]);
    // Picked up once: the next day's job has nothing left to retry and comments no more.
    const queued = env.sandbox.runtime.deliveryCounts().queued;
    await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
    await env.sandbox.idle();
    expect(env.sandbox.runtime.deliveryCounts().queued - queued).toBe(1);
    expect(appComments(pilot.key)).toHaveLength(1);
  } finally {
    logged.mockRestore();
  }
}, 60_000);

test('a change whose queued recompute never came is recomputed by the daily job', async () => {
  const pilot = await createPilot(env.sandbox, 'Pilot whose recompute was lost');
  const review = reviewKey(env.sandbox, pilot.id, 'security');
  const reviewId = site(env.sandbox).issue(review)?.id as string;
  // The review is approved; the app stored the change, but its push to the queue was lost.
  env.sandbox.runtime.holdDeliveries();
  await moveIssue(env.sandbox, review, 'done');
  env.sandbox.runtime.delayHeldDeliveries(); // never delivered
  const at = new Date(env.sandbox.clock.nowMs() - 2 * 60 * 60 * 1000).toISOString();
  const key = `pilot:${pilot.id}:change:${at}:lostpush`;
  env.sandbox.runtime.kvs.handle('/api/v1/set', { key, value: { key, at, issueId: reviewId } });
  expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(0);

  // The daily job finds pilots by search: let a lagging index (real-Jira behaviour) catch up first.
  letSearchCatchUp(env.sandbox);
  await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
  await env.sandbox.idle();
  expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(5);
  expect(Object.keys(env.sandbox.runtime.kvs.snapshot())).not.toContain(key);
});
