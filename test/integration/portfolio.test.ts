/**
 * The portfolio page's resolvers against the sandbox: every pilot from its stored readiness in one
 * search page per 100 pilots, the diagnostic summary, the funnel, an owner team's queue, and kill-list
 * decisions recorded, commented, permission-checked and applied.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { Sandbox } from '../../sandbox/server';
import type {
  OwnerQueueView,
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
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const { admin, projectManager, pathwayEngineer } = SANDBOX_USERS;

async function callPortfolio<T>(
  functionKey: string,
  payload: unknown = {},
  accountId: string = projectManager.accountId,
): Promise<ResolverResult<T>> {
  const result = (await env.sandbox.runtime.invokeResolver({
    moduleKey: 'portfolio-page',
    functionKey,
    payload,
    accountId,
    extension: { type: 'jira:projectPage', project: { id: '10000', key: 'AIP' } },
  } as Parameters<Sandbox['runtime']['invokeResolver']>[0])) as ResolverResult<T>;
  await env.sandbox.idle();
  return result;
}

const data = <T>(result: ResolverResult<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
};

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
    site(env.sandbox).resetMetrics();
    const view = data(await callPortfolio<PortfolioView>('getPortfolio'));
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
    expect(demoStage?.topBlockingTeam).toEqual({ team: 'Data science team', pilots: 2 });
    expect(row(moving.key)?.trend.direction).toBe('up');
  });

  it("shows an owner team's open workstreams across pilots, overdue first, from one search", async () => {
    await createPilot(env.sandbox, 'Early pilot', { duedate: '2026-06-01' });
    env.sandbox.clock.set('2026-03-20T09:00:00.000Z');
    const late = await createPilot(env.sandbox, 'Late pilot');
    env.sandbox.clock.set('2026-06-01T09:00:00.000Z');
    site(env.sandbox).resetMetrics();
    const queue = data(await callPortfolio<OwnerQueueView>('getOwnerQueue', { team: 'Data science team' }));
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
  it('refuses someone who is neither admin nor production owner, and changes nothing', async () => {
    const pilot = await killListPilot('Undecided pilot', pathwayEngineer.accountId);
    const before = JSON.stringify(env.sandbox.runtime.kvs.snapshot());
    const refused = await callPortfolio('decideReview', {
      pilotKey: pilot.key,
      decision: { outcome: 'kill', reason: 'No sponsor' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'no-permission' } });
    expect(JSON.stringify(env.sandbox.runtime.kvs.snapshot())).toBe(before);
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

  it('accelerate by the production owner: audit log, comment, off the kill list', async () => {
    const pilot = await killListPilot('Accelerated pilot', pathwayEngineer.accountId);
    const result = data(
      await callPortfolio<ReviewDecisionResult>(
        'decideReview',
        {
          pilotKey: pilot.key,
          decision: {
            outcome: 'accelerate',
            ownerAccountId: admin.accountId,
            resourcingNote: 'Two engineers from April',
          },
        },
        pathwayEngineer.accountId,
      ),
    );
    expect(result.readiness.reviewRequired).toBe(false);
    expect(readinessOf(env.sandbox, pilot.key)?.reviewRequired).toBe(false);
    const comments = (site(env.sandbox).issue(pilot.key)?.comments ?? [])
      .map((c) => JSON.stringify(c.body))
      .join('\n');
    expect(comments).toMatch(
      /Accelerate\. Owner: Ada Admin\. Dedicated resourcing: Two engineers from April/,
    );
    expect(comments).toMatch(/Decided by Pat Pathway on 2026-03-02/);
    const audit = Object.entries(env.sandbox.runtime.kvs.snapshot()).filter(([key]) =>
      key.startsWith(`audit:${pilot.id}:`),
    );
    expect(audit.map(([, entry]) => entry)).toContainEqual(
      expect.objectContaining({
        action: 'review-decision',
        actorAccountId: pathwayEngineer.accountId,
        at: expect.stringMatching(/^2026-03-02T09:00/),
      }),
    );
    // A retry of the same decision records nothing twice.
    await callPortfolio(
      'decideReview',
      {
        pilotKey: pilot.key,
        decision: {
          outcome: 'accelerate',
          ownerAccountId: admin.accountId,
          resourcingNote: 'Two engineers from April',
        },
      },
      pathwayEngineer.accountId,
    );
    expect((site(env.sandbox).issue(pilot.key)?.comments ?? []).length).toBe(comments.split('\n').length);
  });

  it('pause: off the kill list until the resumption date, when the daily trigger brings it back', async () => {
    const pilot = await killListPilot('Paused pilot');
    data(
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
    const result = data(
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
