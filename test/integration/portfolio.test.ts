/**
 * The portfolio page's resolvers against the sandbox: every pilot from its stored readiness in one
 * search page per 100 pilots, the diagnostic summary, the funnel, an owner team's queue, and kill-list
 * decisions recorded, commented, permission-checked and applied.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type {
  OwnerQueueView,
  PilotView,
  PortfolioView,
  ResolverResult,
  ReviewDecisionResult,
} from '../../src/ui-contract';
import {
  createPilot,
  fieldId,
  generatedIssues,
  jira,
  moveIssue,
  readinessOf,
  site,
  workstreamKey,
} from '../support/jira-steps';
import { AIP_PROJECT_PAGE, dataOf, invokeResolver } from '../support/resolvers';
import { useSandbox } from '../support/sandbox-lifecycle';
import { chooseReviewBoard } from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const { admin, projectManager, pathwayEngineer, businessOwner } = SANDBOX_USERS;

function callPortfolio<T>(
  functionKey: string,
  payload: unknown = {},
  accountId: string = projectManager.accountId,
): Promise<ResolverResult<T>> {
  return invokeResolver<T>(env.sandbox, {
    moduleKey: 'portfolio-page',
    functionKey,
    payload,
    accountId,
    extension: AIP_PROJECT_PAGE,
  });
}

/** A pilot whose demo was signed off 121 days before the sandbox's clock: on the kill list. */
async function killListPilot(summary: string, productionOwner?: string) {
  const demo = await fieldId(env.sandbox, 'Demo sign-off date');
  const owner = await fieldId(env.sandbox, 'Production owner');
  return createPilot(env.sandbox, summary, {
    [demo]: '2025-11-01',
    ...(productionOwner ? { [owner]: { accountId: productionOwner } } : {}),
  });
}

describe('the portfolio', () => {
  it('lists every pilot from its stored readiness, with the summary and the funnel, in one search page', async () => {
    const fresh = await createPilot(env.sandbox, 'Fresh pilot');
    const moving = await createPilot(env.sandbox, 'Moving pilot');
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, moving.id, 'model-validation'), 'done');
    const stale = await killListPilot('Stale pilot');
    // The portfolio is a search: with real Jira's lagging index it shows new pilots a moment later.
    env.sandbox.clock.advance(5_000);
    site(env.sandbox).resetMetrics();
    const view = dataOf(await callPortfolio<PortfolioView>('getPortfolio'));
    // One search page for 3 pilots, plus the viewer's admin check.
    expect(site(env.sandbox).metrics().calls).toBeLessThanOrEqual(2);
    expect(view.rows.map((row) => row.key)).toEqual([fresh.key, moving.key, stale.key]);
    const row = (key: string) => view.rows.find((candidate) => candidate.key === key);
    expect(row(moving.key)).toMatchObject({
      score: readinessOf(env.sandbox, moving.key)?.score,
      band: readinessOf(env.sandbox, moving.key)?.band,
      firstBlockingGate: 'integration-testing',
    });
    expect(row(fresh.key)?.firstBlockingGate).toBe('demo-sign-off');
    expect(row(stale.key)).toMatchObject({ reviewRequired: true, band: 'purgatory', daysSinceDemo: 121 });
    // Question 6 (a Due date) is "no" for all three; question 1 (a production owner) too.
    expect(view.diagnostic.find((count) => count.id === 6)?.no).toBe(3);
    expect(view.diagnostic.find((count) => count.id === 1)?.no).toBe(3);
    const demoStage = view.funnel.find((stage) => stage.milestone === 'demo-sign-off');
    expect(demoStage).toMatchObject({ passed: 1, medianDaysToPass: 0 });
    // Every pilot began today: nothing has held a gate up for a day yet (test/integration/funnel.test.ts).
    expect(demoStage?.blockedLongest).toBeNull();
    expect(row(moving.key)?.trend.direction).toBe('up');
  });

  it("shows an owner team's open workstreams across pilots, overdue first, from one search", async () => {
    await createPilot(env.sandbox, 'Early pilot', { duedate: '2026-06-01' });
    env.sandbox.clock.set('2026-03-20T09:00:00.000Z');
    const late = await createPilot(env.sandbox, 'Late pilot');
    env.sandbox.clock.set('2026-06-01T09:00:00.000Z');
    site(env.sandbox).resetMetrics();
    const queue = dataOf(await callPortfolio<OwnerQueueView>('getOwnerQueue', { team: 'Data science team' }));
    expect(site(env.sandbox).metrics().calls).toBe(1);
    expect(queue.entries.map((entry) => entry.pilotKey)).toHaveLength(2);
    expect(queue.entries[0]?.daysOverdue).toBeGreaterThan(queue.entries[1]?.daysOverdue ?? 0);
    expect(queue.entries.map((entry) => entry.row)).toEqual(['model-validation', 'model-validation']);
    expect(queue.entries.some((entry) => entry.pilotKey === late.key)).toBe(true);
    const unknown = await callPortfolio('getOwnerQueue', { team: 'Nobody' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('kill-list decisions', () => {
  it('refuses someone who does not decide, and changes nothing', async () => {
    const pilot = await killListPilot('Undecided pilot', pathwayEngineer.accountId);
    const stored = () =>
      JSON.stringify([
        env.sandbox.runtime.kvs.snapshot(),
        env.sandbox.runtime.kvs.snapshot('entity:versioned-record'),
      ]);
    const before = stored();
    const refused = await callPortfolio('decideReview', {
      pilotKey: pilot.key,
      decision: { outcome: 'kill', reason: 'No sponsor' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'no-permission' } });
    expect(stored()).toBe(before);
    expect(readinessOf(env.sandbox, pilot.key)?.reviewRequired).toBe(true);
  });

  it('validates on the server: "continue as before" and a pause without its fields are refused, field by field', async () => {
    const pilot = await killListPilot('Validated pilot');
    const none = await callPortfolio('decideReview', { pilotKey: pilot.key, decision: {} }, admin.accountId);
    expect(none).toMatchObject({
      ok: false,
      error: { fieldErrors: { outcome: expect.stringMatching(/accelerate, pause or kill/) } },
    });
    const pause = await callPortfolio(
      'decideReview',
      {
        pilotKey: pilot.key,
        decision: { outcome: 'pause', rationale: 'Budget', resumptionDate: '2026-03-01' },
      },
      admin.accountId,
    );
    expect(pause).toMatchObject({
      ok: false,
      error: {
        fieldErrors: {
          resumptionDate: expect.stringMatching(/future/),
          resumptionCondition: expect.any(String),
        },
      },
    });
    expect(readinessOf(env.sandbox, pilot.key)?.reviewRequired).toBe(true);
  });

  it('accelerate by a member of the review board: audit log, comment, off the kill list', async () => {
    // Deciders (product.md §14): the review board chosen on the admin page, not the production owner.
    await chooseReviewBoard(env.sandbox);
    const pilot = await killListPilot('Accelerated pilot', pathwayEngineer.accountId);
    const accelerate = () =>
      callPortfolio<ReviewDecisionResult>(
        'decideReview',
        {
          pilotKey: pilot.key,
          decision: {
            outcome: 'accelerate',
            ownerAccountId: admin.accountId,
            resourcingNote: 'Two engineers from April',
          },
        },
        businessOwner.accountId,
      );
    const result = dataOf(await accelerate());
    expect(result.readiness.reviewRequired).toBe(false);
    expect(readinessOf(env.sandbox, pilot.key)?.reviewRequired).toBe(false);
    const comments = (site(env.sandbox).issue(pilot.key)?.comments ?? [])
      .map((c) => JSON.stringify(c.body))
      .join('\n');
    expect(comments).toMatch(
      /Accelerate\. Owner: Ada Admin\. Dedicated resourcing: Two engineers from April/,
    );
    expect(comments).toMatch(/Decided by Bo Business on 2026-03-02/);
    const audit = Object.entries(env.sandbox.runtime.kvs.snapshot()).filter(([key]) =>
      key.startsWith(`audit:${pilot.id}:`),
    );
    expect(audit.map(([, entry]) => entry)).toContainEqual(
      expect.objectContaining({
        action: 'review-decision',
        actorAccountId: businessOwner.accountId,
        at: expect.stringMatching(/^2026-03-02T09:00/),
      }),
    );
    // A retry of the same decision records nothing twice.
    expect((await accelerate()).ok).toBe(true);
    expect((site(env.sandbox).issue(pilot.key)?.comments ?? []).length).toBe(comments.split('\n').length);
  });

  it('pause: off the kill list until the resumption date, when the daily trigger brings it back', async () => {
    const pilot = await killListPilot('Paused pilot');
    dataOf(
      await callPortfolio(
        'decideReview',
        {
          pilotKey: pilot.key,
          decision: {
            outcome: 'pause',
            rationale: 'Budget freeze',
            resumptionDate: '2026-04-01',
            resumptionCondition: 'Q2 budget',
          },
        },
        admin.accountId,
      ),
    );
    expect(readinessOf(env.sandbox, pilot.key)?.reviewRequired).toBe(false);
    env.sandbox.clock.set('2026-03-31T09:00:00.000Z');
    await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
    await env.sandbox.idle();
    expect(readinessOf(env.sandbox, pilot.key)?.reviewRequired).toBe(false);
    env.sandbox.clock.set('2026-04-01T09:00:00.000Z');
    await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
    await env.sandbox.idle();
    expect(readinessOf(env.sandbox, pilot.key)?.reviewRequired).toBe(true);
  });

  it('kill: the pilot and its open workstreams and reviews are closed through their workflows', async () => {
    const pilot = await killListPilot('Killed pilot');
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'mlops'), 'in-progress');
    const result = dataOf(
      await callPortfolio<ReviewDecisionResult>(
        'decideReview',
        { pilotKey: pilot.key, decision: { outcome: 'kill', reason: 'No production sponsor' } },
        admin.accountId,
      ),
    );
    const { workstreams, reviews } = generatedIssues(env.sandbox, pilot.id);
    const statusOf = (key: string) => site(env.sandbox).issue(key)?.statusCategory;
    for (const issue of [...workstreams, ...reviews])
      expect({ key: issue.key, category: statusOf(issue.key) }).toEqual({ key: issue.key, category: 'done' });
    expect(statusOf(pilot.key)).toBe('done');
    expect(result.closure).toMatchObject({ byHand: [] });
    expect(result.closure?.closed).toContain(pilot.key);
    expect(result.readiness.reviewRequired).toBe(false);
  });

  it('kill where a workflow has no way to done: nothing forced, the panel names each issue to close by hand', async () => {
    const pilot = await killListPilot('Stuck pilot');
    site(env.sandbox).configureProject('AIP', { noTransitionToDone: true });
    const result = dataOf(
      await callPortfolio<ReviewDecisionResult>(
        'decideReview',
        { pilotKey: pilot.key, decision: { outcome: 'kill', reason: 'Superseded by a vendor tool' } },
        admin.accountId,
      ),
    );
    const { workstreams, reviews } = generatedIssues(env.sandbox, pilot.id);
    const expected = [...workstreams, ...reviews].map((issue) => issue.key).concat(pilot.key);
    expect(result.closure?.closed).toEqual([]);
    expect(result.closure?.byHand.map((item) => item.key).sort()).toEqual([...expected].sort());
    expect(result.closure?.byHand[0]?.reason).toBe('its workflow offers no transition to a done status');
    expect(site(env.sandbox).issue(pilot.key)?.statusCategory).toBe('new');
    // The decision stands: the pilot is off the kill list, and the panel says what to close by hand.
    expect(result.readiness.reviewRequired).toBe(false);
    const panel = dataOf(
      await invokeResolver<PilotView>(env.sandbox, {
        moduleKey: 'readiness-panel',
        functionKey: 'getPanel',
        accountId: admin.accountId,
        extension: {
          type: 'jira:issuePanel',
          issue: { id: pilot.id, key: pilot.key, type: 'AI Pilot' },
          project: { id: '10000', key: 'AIP' },
        },
      }),
    );
    expect(panel.closure?.byHand.map((item) => item.key)).toContain(pilot.key);
    expect(panel.audit?.[0]).toMatchObject({
      action: 'review-decision',
      summary: expect.stringMatching(/Close by hand/),
    });
    const comments = (site(env.sandbox).issue(pilot.key)?.comments ?? [])
      .map((c) => JSON.stringify(c.body))
      .join('\n');
    expect(comments).toMatch(/could not close everything after the kill\. Close by hand: /);
  });

  it('a pilot of another project is refused from this project page', async () => {
    const other = await jira(env.sandbox, 'GET', '/rest/api/3/project/TEAM').catch(() => null);
    expect(other === null || other.key === 'TEAM').toBe(true);
    const refused = await callPortfolio(
      'decideReview',
      { pilotKey: 'TEAM-1', decision: { outcome: 'kill', reason: 'x' } },
      admin.accountId,
    );
    expect(refused.ok).toBe(false);
  });
});
