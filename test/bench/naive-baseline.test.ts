/**
 * The benchmark's naive baseline (bench/cost/naive-app.ts) is an honest comparison: its calls are real
 * calls through the Forge runtime (the sandbox counts them as the app's), it lays out the same
 * production path the app does, and it works out the same readiness the app stores.
 */
// The sandbox first: it installs the Forge globals the baseline's @forge/api calls go through.
import { useSandbox } from '../support/sandbox-lifecycle';
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { CostMeter } from '../../bench/cost/meter';
import { NAIVE_PROPERTY, NaiveApp, appReadiness } from '../../bench/cost/naive-app';
import { SiteSteps } from '../../bench/cost/site-steps';
import { site } from '../support/jira-steps';
import { storedValue } from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

async function naiveApp(): Promise<NaiveApp> {
  const config = storedValue(env.sandbox, 'config') as {
    template: ConstructorParameters<typeof NaiveApp>[0]['template'];
    ownerAssignees: Record<string, string>;
  };
  return NaiveApp.discover(structuredClone(config.template), config.ownerAssignees, () => new Date());
}

describe('the naive baseline', () => {
  it('generates the same path as the app, one counted call per issue and per link, and the same readiness', async () => {
    const steps = new SiteSteps(env.sandbox);
    const meter = new CostMeter(env.sandbox);
    const naive = await naiveApp();
    const ours = await steps.createPilot('Claims triage assistant');
    const theirs = await steps.createPilot('Underwriting assistant');
    const removed = await steps.pathKeys(theirs);
    for (const key of removed) await steps.deleteIssue(key);

    const cost = await meter.measure(() => naive.generate(theirs.key));

    const summaries = async (pilot: { id: string; key: string }) => {
      const { workstreams, reviews } = await steps.pathOf(pilot);
      return { workstreams: Object.keys(workstreams).sort(), reviews: Object.keys(reviews).sort() };
    };
    expect(await summaries(theirs)).toEqual(await summaries(ours));
    expect(removed).toHaveLength(13);
    // 1 read + 1 search, 13 creates, 5 links, then a recompute: 3 reads, the property and the field.
    expect(cost.byOperation).toMatchObject({ createIssue: 13, linkIssues: 5, setIssueProperty: 1 });
    expect(cost.calls).toBe(1 + 1 + 13 + 5 + 3 + 2);
    expect(cost.calls).toBe(site(env.sandbox).metrics().calls);

    const stored = appReadiness(site(env.sandbox).issue(ours.id)?.properties ?? {});
    const live = await naive.viewPilot(SANDBOX_USERS.projectManager.accountId, ours.key);
    expect(live.score).toBe(stored?.score);
    expect(live.gates).toEqual(stored?.gates);
  });

  it('recomputes on any change, writing its own property only when the readiness changed', async () => {
    const steps = new SiteSteps(env.sandbox);
    const meter = new CostMeter(env.sandbox);
    const naive = await naiveApp();
    const pilot = await steps.createPilot('Fraud triage agent');
    const stored = appReadiness(site(env.sandbox).issue(pilot.id)?.properties ?? {});
    await steps.jira('PUT', `/rest/api/3/issue/${pilot.id}/properties/${NAIVE_PROPERTY}`, stored);
    const { workstreams } = await steps.pathOf(pilot);

    await steps.editDescription(workstreams['mlops'] as string, 'Notes');
    const irrelevant = await meter.measure(() => naive.onIssueChanged(workstreams['mlops'] as string));
    expect(irrelevant.calls).toBe(4);

    await steps.move(workstreams['model-validation'] as string, 'done');
    await env.sandbox.idle();
    const change = await meter.measure(() => naive.onIssueChanged(workstreams['model-validation'] as string));
    expect(change.calls).toBe(6);
    const naiveDoc = site(env.sandbox).issue(pilot.id)?.properties[NAIVE_PROPERTY] as { score: number };
    expect(naiveDoc.score).toBe(appReadiness(site(env.sandbox).issue(pilot.id)?.properties ?? {})?.score);
    expect(naiveDoc.score).toBeGreaterThan(stored?.score ?? 0);
  });
});
