/**
 * Across projects (product.md §15): the global page and the dashboard gadget show the pilots of every
 * pilot project the viewer may browse, from the portfolio entries each recompute stores. Opening them
 * costs one Jira call (which projects the viewer may browse), whatever the number of pilots; a project
 * whose entries predate them is searched once.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { GadgetView, GlobalPortfolioView, ProjectRef } from '../../src/ui-contract';
import { createPilot, letSearchCatchUp, moveIssue, site, workstreamKey } from '../support/jira-steps';
import { callGadget, callGlobal } from '../support/resolver-calls';
import { useSandbox } from '../support/sandbox-lifecycle';
import { data } from '../support/servicenow-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const { projectManager, outsider, admin } = SANDBOX_USERS;

/** Jira calls the app made while `work` ran and everything it set off finished. */
async function callsOf<T>(
  work: () => Promise<T>,
): Promise<{ calls: number; byOperation: Record<string, number>; result: T }> {
  await env.sandbox.idle();
  site(env.sandbox).resetMetrics();
  const result = await work();
  await env.sandbox.idle();
  const metrics = site(env.sandbox).metrics();
  return { calls: metrics.calls, byOperation: metrics.byOperation, result };
}

/** A site installed before the entries existed: no entry, no mark that they are complete. */
function forgetPortfolioEntries(): void {
  const store = env.sandbox.runtime.kvs;
  for (const key of Object.keys(store.snapshot()))
    if (key.startsWith('project:') || key === 'portfolio-entries-complete')
      store.handle('/api/v1/delete', { key });
}

async function seedPilots() {
  const aip = [
    await createPilot(env.sandbox, 'Claims triage assistant'),
    await createPilot(env.sandbox, 'Invoice matcher'),
  ];
  const team = [await createPilot(env.sandbox, 'Team churn model', {}, 'TEAM')];
  await moveIssue(env.sandbox, workstreamKey(env.sandbox, aip[0]!.id, 'model-validation'), 'in-progress');
  return { aip, team };
}

describe('the global page', () => {
  it('shows every pilot project the viewer may browse, each with its pilots, for one Jira call', async () => {
    const { aip, team } = await seedPilots();
    const { calls, byOperation, result } = await callsOf(() =>
      callGlobal<GlobalPortfolioView>(env.sandbox, 'getGlobalPortfolio', {}, projectManager.accountId),
    );
    const view = data(result);
    expect(view.projects.map((project) => project.project)).toEqual([
      { key: 'AIP', name: 'AI Pilots' },
      { key: 'TEAM', name: expect.any(String) },
    ]);
    expect(view.projects[0]?.rows.map((row) => row.key)).toEqual(aip.map((pilot) => pilot.key));
    expect(view.projects[1]?.rows.map((row) => row.key)).toEqual(team.map((pilot) => pilot.key));
    expect(view.all).toMatchObject({ pilots: 3, notComputed: 0 });
    expect(calls).toBe(1);
    expect(byOperation).toEqual({ searchProjects: 1 });
  });

  it('shows someone only the pilot projects they may browse, and nothing of the others', async () => {
    const { aip, team } = await seedPilots();
    const view = data(
      await callGlobal<GlobalPortfolioView>(env.sandbox, 'getGlobalPortfolio', {}, outsider.accountId),
    );
    expect(view.projects.map((project) => project.project.key)).toEqual(['TEAM']);
    expect(view.all.pilots).toBe(1);
    const answer = JSON.stringify(view);
    for (const pilot of aip) expect(answer).not.toContain(pilot.key);
    expect(answer).toContain(team[0]!.key);
  });

  it('reads a project whose pilots predate their entries with one search, once', async () => {
    const { aip } = await seedPilots();
    forgetPortfolioEntries();
    // Pilots that predate the entries were made long ago: the search index has them.
    letSearchCatchUp(env.sandbox);
    const first = await callsOf(() =>
      callGlobal<GlobalPortfolioView>(env.sandbox, 'getGlobalPortfolio', {}, admin.accountId),
    );
    expect(data(first.result).projects[0]?.rows.map((row) => row.key)).toEqual(aip.map((pilot) => pilot.key));
    // One search per pilot project (AIP and TEAM), as the app: each is read in full once.
    expect(first.byOperation).toEqual({ searchProjects: 1, searchAndReconsileIssuesUsingJqlPost: 2 });
    const again = await callsOf(() =>
      callGlobal<GlobalPortfolioView>(env.sandbox, 'getGlobalPortfolio', {}, admin.accountId),
    );
    expect(again.calls).toBe(1);
    expect(data(again.result).all.pilots).toBe(3);
  });

  it('reads a project first while the index lags: the pilots just generated are listed all the same', async () => {
    site(env.sandbox).setBehaviour({ searchLagMs: 60_000 });
    const { aip } = await seedPilots();
    forgetPortfolioEntries();
    const first = data(
      await callGlobal<GlobalPortfolioView>(env.sandbox, 'getGlobalPortfolio', {}, admin.accountId),
    );
    expect(first.projects[0]?.rows.map((row) => row.key)).toEqual(aip.map((pilot) => pilot.key));
    // The project is complete from then on: nothing was left out of it.
    const again = data(
      await callGlobal<GlobalPortfolioView>(env.sandbox, 'getGlobalPortfolio', {}, admin.accountId),
    );
    expect(again.all.pilots).toBe(3);
  });

  it('follows a change: the entry is rewritten by the recompute', async () => {
    const { aip } = await seedPilots();
    const before = data(
      await callGlobal<GlobalPortfolioView>(env.sandbox, 'getGlobalPortfolio', {}, admin.accountId),
    );
    const scoreOf = (view: GlobalPortfolioView) =>
      view.projects[0]?.rows.find((row) => row.key === aip[1]!.key)?.score;
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, aip[1]!.id, 'model-validation'), 'done');
    const after = data(
      await callGlobal<GlobalPortfolioView>(env.sandbox, 'getGlobalPortfolio', {}, admin.accountId),
    );
    expect(scoreOf(after)).toBeGreaterThan(scoreOf(before) ?? 0);
    expect(after.projects[0]?.rows.find((row) => row.key === aip[1]!.key)?.trend.direction).toBe('up');
  });
});

describe('the dashboard gadget', () => {
  it('shows the project its settings name: band counts, kill list and funnel, for one Jira call', async () => {
    await seedPilots();
    const { calls, result } = await callsOf(() =>
      callGadget<GadgetView>(env.sandbox, 'getGadget', {}, projectManager.accountId, { project: 'AIP' }),
    );
    const view = data(result);
    expect(view.project).toEqual({ key: 'AIP', name: 'AI Pilots' });
    expect(view.summary.pilots).toBe(2);
    expect(view.summary.countByBand.reduce((sum, count) => sum + count.pilots, 0)).toBe(2);
    expect(view.summary.funnel.map((stage) => stage.milestone)).toContain('production-go-live');
    expect(calls).toBe(1);
  });

  it('shows every browsable project when set to all (or never set)', async () => {
    await seedPilots();
    const all = data(await callGadget<GadgetView>(env.sandbox, 'getGadget', {}, projectManager.accountId));
    expect(all).toMatchObject({ project: null, summary: { pilots: 3 } });
    expect(all.projects.map((project) => project.key)).toEqual(['AIP', 'TEAM']);
    const outsiders = data(
      await callGadget<GadgetView>(env.sandbox, 'getGadget', {}, outsider.accountId, { project: 'all' }),
    );
    expect(outsiders.summary.pilots).toBe(1);
  });

  it('refuses a project the viewer may not browse, one that is no pilot project, and settings it cannot read', async () => {
    await seedPilots();
    expect(
      await callGadget(env.sandbox, 'getGadget', {}, outsider.accountId, { project: 'AIP' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'no-permission', message: expect.stringContaining('the pilots of AIP') },
    });
    expect(await callGadget(env.sandbox, 'getGadget', {}, admin.accountId, { project: 'SEC' })).toMatchObject(
      {
        ok: false,
        error: { code: 'not-found', message: expect.stringContaining('SEC is not a pilot project') },
      },
    );
    expect(
      await callGadget(env.sandbox, 'getGadget', {}, admin.accountId, { project: 'AIP OR 1=1' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('edit the gadget') },
    });
  });

  it('its edit view lists the pilot projects the viewer may browse', async () => {
    expect(
      data(await callGadget<ProjectRef[]>(env.sandbox, 'getPilotProjects', {}, outsider.accountId)),
    ).toEqual([{ key: 'TEAM', name: expect.any(String) }]);
  });
});
