/**
 * A killed pilot is an end state, never graduated (product.md §9, §14), against the sandbox: the kill
 * closes the pilot and its open issues as Won't Do where the workflow offers it (AIP) and without a
 * resolution where it does not (TEAM), and whatever the workflow set, nothing the kill closed counts as
 * done work, an approved review or a passed gate: in the panel, the portfolio, the epic, the funnel,
 * the owner queue and JQL. Reopening makes it active again. An accelerate names the owner and buys one
 * more clock; a kill's budget is summed on the portfolio.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { EpicView, OwnerQueueView, PanelView } from '../../src/ui-contract';
import {
  createIssue,
  fieldId,
  generatedIssues,
  jira,
  jqlKeys,
  letSearchCatchUp,
  moveIssue,
  readinessOf,
  site,
  workstreamKey,
} from '../support/jira-steps';
import { callPortfolio } from '../support/resolver-calls';
import { useSandbox } from '../support/sandbox-lifecycle';
import { data, panelCall } from '../support/servicenow-steps';
import {
  KILL,
  auditOf,
  decide,
  killListPilot,
  panel,
  portfolio,
  runDailyJob,
  storedValue,
} from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const { admin, projectManager, pathwayEngineer } = SANDBOX_USERS;

/** Every issue of the pilot's path. */
function pathIssues(pilotId: string) {
  const { workstreams, reviews } = generatedIssues(env.sandbox, pilotId);
  return [...workstreams, ...reviews];
}

describe('a kill closes the pilot as not done', () => {
  it("AIP: the pilot and its 13 open issues closed as Won't Do; killed, score at kill, never graduated", async () => {
    const pilot = await killListPilot(env.sandbox, 'Killed pilot');
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'done');
    const before = readinessOf(env.sandbox, pilot.key)?.score ?? -1;
    const result = data(await decide(env.sandbox, pilot, KILL));
    for (const issue of [...pathIssues(pilot.id), site(env.sandbox).issue(pilot.key)]) {
      const now = site(env.sandbox).issue(issue?.key ?? '');
      expect({ key: now?.key, category: now?.statusCategory }).toEqual({ key: now?.key, category: 'done' });
    }
    // The workflow offers Won't Do: every issue the kill closed has it; the one done before keeps Done.
    const modelValidation = workstreamKey(env.sandbox, pilot.id, 'model-validation');
    for (const issue of pathIssues(pilot.id).filter((candidate) => candidate.key !== modelValidation))
      expect({ key: issue.key, resolution: site(env.sandbox).issue(issue.key)?.resolution }).toEqual({
        key: issue.key,
        resolution: "Won't Do",
      });
    expect(site(env.sandbox).issue(pilot.key)?.resolution).toBe("Won't Do");
    expect(result.readiness).toMatchObject({ band: 'killed', score: before, graduated: false });
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ band: 'killed', graduated: false });

    const view = await panel(env.sandbox, pilot);
    expect(view.bandMeaning).toMatch(/^Killed/);
    expect(view.bandMeaning).not.toMatch(/graduated|ready for production/);
    expect(view.kill).toMatchObject({ scoreAtKill: before, decidedBy: 'Ada Admin', reason: KILL.reason });
    expect(view.gates.filter((gate) => gate.passed).map((gate) => gate.milestone)).toEqual(['demo-sign-off']);
    letSearchCatchUp(env.sandbox);
    expect(await jqlKeys(env.sandbox, 'issue.property[pilot-readiness].graduated = "true"')).toEqual([]);
  });

  it('TEAM: its done transition sets no resolution, and still nothing the kill closed counts', async () => {
    const pilot = await killListPilot(env.sandbox, 'Team pilot', { projectKey: 'TEAM' });
    const result = data(await decide(env.sandbox, pilot, KILL, admin.accountId, 'TEAM'));
    const closed = pathIssues(pilot.id);
    expect(closed.length).toBe(13);
    for (const issue of closed) {
      const now = site(env.sandbox).issue(issue.key);
      expect({ key: issue.key, category: now?.statusCategory, resolution: now?.resolution }).toEqual({
        key: issue.key,
        category: 'done',
        resolution: null,
      });
    }
    // Done without a resolution reads as approved and done: the app remembers the kill closed them.
    expect(result.readiness).toMatchObject({ band: 'killed', graduated: false });
    expect(result.readiness.gates.every((gate) => !gate.passed)).toBe(true);
    expect(result.closure?.closed).toContain(pilot.key);
  });

  it('the portfolio shows it killed with its score at kill, out of the diagnostic and the funnel after the kill', async () => {
    const killed = await killListPilot(env.sandbox, 'Portfolio killed pilot');
    const active = await killListPilot(env.sandbox, 'Portfolio active pilot');
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, killed.id, 'model-validation'), 'done');
    const atKill = readinessOf(env.sandbox, killed.key)?.score;
    data(await decide(env.sandbox, killed, KILL));
    letSearchCatchUp(env.sandbox);
    const view = await portfolio(env.sandbox);
    const row = view.rows.find((candidate) => candidate.key === killed.key);
    expect(row).toMatchObject({
      band: 'killed',
      score: atKill,
      killedOn: '2026-03-02',
      reviewRequired: false,
    });
    expect(view.rows.find((candidate) => candidate.key === active.key)?.band).toBe('purgatory');
    // Question 1 (a production owner) is "no" for both, but the killed pilot is out of the summary.
    expect(view.diagnostic.find((count) => count.id === 1)?.no).toBe(1);
    const passedAll = view.funnel.every((stage) => stage.passed >= 1);
    expect(passedAll).toBe(false);
    expect(view.funnel.find((stage) => stage.milestone === 'production-deployment')?.passed).toBe(0);
  });

  it('the epic lists it apart, out of the means and band counts; the owner queue leaves it out', async () => {
    const epic = await createIssue(env.sandbox, 'AIP', 'Epic', 'Claims programme');
    const killed = await killListPilot(env.sandbox, 'Epic killed pilot');
    const active = await killListPilot(env.sandbox, 'Epic active pilot');
    for (const pilot of [killed, active]) {
      await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, {
        fields: { parent: { key: epic.key } },
      });
      await env.sandbox.idle();
    }
    site(env.sandbox).configureProject('AIP', { noTransitionToDone: true });
    // A workflow without a way to done: the kill closes nothing, but the pilot is killed all the same.
    data(await decide(env.sandbox, killed, KILL));
    site(env.sandbox).configureProject('AIP', { noTransitionToDone: false });
    const view = data(await panelCall<PanelView>(env.sandbox, epic, 'getPanel')) as EpicView;
    expect(view.killed.map((pilot) => pilot.key)).toEqual([killed.key]);
    expect(view.pilots.map((pilot) => pilot.key)).toEqual([active.key]);
    expect(Object.values(view.countByBand).reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(view.killList).toEqual([active.key]);

    letSearchCatchUp(env.sandbox);
    const queue = data(
      await callPortfolio<OwnerQueueView>(
        env.sandbox,
        'getOwnerQueue',
        { team: 'Data science team' },
        projectManager.accountId,
      ),
    );
    expect(queue.entries.map((entry) => entry.pilotKey)).toEqual([active.key]);
  });

  it('is off the kill list and left alone by the daily job', async () => {
    const pilot = await killListPilot(env.sandbox, 'Quiet killed pilot');
    data(await decide(env.sandbox, pilot, KILL));
    const again = await decide(env.sandbox, pilot, {
      outcome: 'pause',
      rationale: 'r',
      resumptionDate: '2026-06-01',
      resumptionCondition: 'c',
    });
    expect(again).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/was killed on 2026-03-02/) },
    });
    const stored = JSON.stringify(storedValue(env.sandbox, `pilot:${pilot.id}:view`));
    env.sandbox.clock.set('2026-09-01T09:00:00.000Z');
    await runDailyJob(env.sandbox);
    expect(JSON.stringify(storedValue(env.sandbox, `pilot:${pilot.id}:view`))).toBe(stored);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ band: 'killed', reviewRequired: false });
  });
});

describe('reopening a killed pilot', () => {
  it('makes it active again, audited; what the kill closed stays closed and not counted until reopened', async () => {
    const pilot = await killListPilot(env.sandbox, 'Reopened pilot');
    data(await decide(env.sandbox, pilot, KILL));
    await moveIssue(env.sandbox, pilot.key, 'to-do');
    const reopened = readinessOf(env.sandbox, pilot.key);
    expect(reopened?.band).not.toBe('killed');
    expect(reopened?.score).toBe(0);
    expect(auditOf(env.sandbox, pilot.id).map((entry) => entry.action)).toContain('reopened-after-kill');
    expect(
      auditOf(env.sandbox, pilot.id).find((entry) => entry.action === 'reopened-after-kill')?.summary,
    ).toMatch(/Reopened after kill/);
    // Past its clock and no decision in force: back on the kill list.
    expect(reopened?.reviewRequired).toBe(true);
    expect(site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, 'mlops'))?.statusCategory).toBe(
      'done',
    );

    // Someone reopens one workstream and finishes it: now it counts as done work.
    const mlops = workstreamKey(env.sandbox, pilot.id, 'mlops');
    await moveIssue(env.sandbox, mlops, 'in-progress');
    await moveIssue(env.sandbox, mlops, 'done');
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(6);
  });
});

describe('accelerate', () => {
  it('names the owner in the Production owner field, and the pilot is back on the kill list 90 days later', async () => {
    const pilot = await killListPilot(env.sandbox, 'Accelerated pilot');
    const owner = await fieldId(env.sandbox, 'Production owner');
    data(
      await decide(env.sandbox, pilot, {
        outcome: 'accelerate',
        ownerAccountId: pathwayEngineer.accountId,
        resourcingNote: 'Two engineers from April',
      }),
    );
    expect(site(env.sandbox).issue(pilot.key)?.customFields[owner]).toBe(pathwayEngineer.accountId);
    // The app sets the field with notifyUsers=false, which its account may (docs/forge-notes.md): no mail.
    const editMails = (env.sandbox.jira.notifications?.() ?? []).filter(
      (sent) => sent.issue === pilot.key && sent.reason === 'issue updated',
    );
    expect(editMails).toEqual([]);
    const standing = (await panel(env.sandbox, pilot)).killClock?.standing;
    expect(standing).toMatchObject({ outcome: 'accelerate', lapsesOn: '2026-05-31', decidedBy: 'Ada Admin' });
    env.sandbox.clock.set('2026-05-30T09:00:00.000Z');
    await runDailyJob(env.sandbox);
    expect(readinessOf(env.sandbox, pilot.key)?.reviewRequired).toBe(false);
    env.sandbox.clock.set('2026-05-31T09:00:00.000Z');
    await runDailyJob(env.sandbox);
    expect(readinessOf(env.sandbox, pilot.key)?.reviewRequired).toBe(true);
  });

  it('after a pause lapses, the kill clock shows the lapsed pause and that the pilot is back on the list', async () => {
    const pilot = await killListPilot(env.sandbox, 'Paused pilot');
    data(
      await decide(env.sandbox, pilot, {
        outcome: 'pause',
        rationale: 'Budget freeze',
        resumptionDate: '2026-04-01',
        resumptionCondition: 'Q2 budget',
      }),
    );
    env.sandbox.clock.set('2026-04-01T09:00:00.000Z');
    await runDailyJob(env.sandbox);
    const clock = (await panel(env.sandbox, pilot)).killClock;
    expect(clock?.standing).toBeNull();
    expect(clock?.lapsed).toMatchObject({ outcome: 'pause', lapsesOn: '2026-04-01' });
    expect(clock?.lapsed?.summary).toMatch(/Pause until 2026-04-01/);
  });
});

describe("a kill's budget", () => {
  it('is stored with the decision and summed over the killed pilots of the project', async () => {
    const first = await killListPilot(env.sandbox, 'Budget pilot one');
    const second = await killListPilot(env.sandbox, 'Budget pilot two');
    data(
      await decide(env.sandbox, first, {
        ...KILL,
        engineeringWeeks: 12,
        monthlyComputeCost: 4000,
        computeCurrency: 'USD',
      }),
    );
    data(
      await decide(env.sandbox, second, {
        ...KILL,
        engineeringWeeks: 6.5,
        monthlyComputeCost: 1500,
        computeCurrency: 'USD',
      }),
    );
    const refused = await decide(env.sandbox, await killListPilot(env.sandbox, 'Budget pilot three'), {
      ...KILL,
      engineeringWeeks: -3,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { fieldErrors: { engineeringWeeks: expect.stringMatching(/negative/) } },
    });
    letSearchCatchUp(env.sandbox);
    expect((await portfolio(env.sandbox)).budgetFreed).toEqual({
      killedPilots: 2,
      engineeringWeeks: 18.5,
      monthlyCompute: [{ currency: 'USD', amount: 5500 }],
    });
    expect((await panel(env.sandbox, first)).kill?.budgetFreed).toBe(
      '12 engineering weeks and 4,000 USD of compute a month',
    );
  });
});
