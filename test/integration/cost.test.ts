/**
 * Cost follows changes, not views (product.md §13), measured with the sandbox's metrics of the app's
 * own Jira calls: views are served from stored state, an irrelevant edit costs nothing, a change at
 * most 3 calls, a burst of changes on one pilot is coalesced into one recompute, and the last state
 * wins even when Jira throws 429s at the app.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { BAND_LABELS } from '../../src/domain/bands';
import type { Sandbox } from '../../sandbox/server';
import type { EpicView, PanelView, PilotView, ResolverResult } from '../../src/ui-contract';
import {
  createIssue,
  createPilot,
  fieldId,
  jira,
  moveIssue,
  readinessOf,
  reviewKey,
  site,
  workstreamKey,
} from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { storedValue } from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

const { projectManager, admin } = SANDBOX_USERS;
const TRANSITION_TO_DONE = { transition: { id: '31' } };

async function panel(
  issue: { id: string; key: string },
  payload: unknown = {},
  accountId: string = projectManager.accountId,
  functionKey = 'getPanel',
): Promise<ResolverResult<PanelView>> {
  return (await env.sandbox.runtime.invokeResolver({
    moduleKey: 'readiness-panel',
    functionKey,
    payload,
    accountId,
    extension: { type: 'jira:issuePanel', issue: { id: issue.id, key: issue.key } },
  } as Parameters<Sandbox['runtime']['invokeResolver']>[0])) as ResolverResult<PanelView>;
}

async function lozenge(issue: { id: string; key: string }) {
  return (await env.sandbox.runtime.invokeDynamicProperties({
    moduleKey: 'readiness-context',
    accountId: projectManager.accountId,
    extension: { type: 'jira:issueContext', issue: { id: issue.id, key: issue.key } },
  } as Parameters<Sandbox['runtime']['invokeDynamicProperties']>[0])) as {
    status: { value: { label: string } };
  };
}

/** Jira calls the app made while `work` ran and everything it set off finished. */
async function callsOf(work: () => Promise<unknown>) {
  await env.sandbox.idle();
  site(env.sandbox).resetMetrics();
  const result = await work();
  await env.sandbox.idle();
  return { ...site(env.sandbox).metrics(), result };
}

/** The pilot's view recomputed from a fresh read of Jira: its stored view dropped, the panel recomputes it. */
async function freshlyReadView(issue: { id: string; key: string }): Promise<PilotView> {
  env.sandbox.runtime.kvs.handle('/api/v1/delete', { key: `pilot:${issue.id}:view` });
  const view = await panel(issue);
  if (!view.ok) throw new Error(view.error.message);
  return view.data as PilotView;
}

/** A few milliseconds between two changes, so the app handles each change's event as it comes. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 10));

const writesOnPilots = (byOperation: Record<string, number>) =>
  (byOperation.setIssueProperty ?? 0) + (byOperation.updateCustomFieldValue ?? 0);

describe('a change costs what it changes', () => {
  it('an edit that touches nothing readiness reads costs no Jira call', async () => {
    const pilot = await createPilot(env.sandbox, 'Quiet pilot');
    const subTask = workstreamKey(env.sandbox, pilot.id, 'mlops');
    const metrics = await callsOf(async () => {
      await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${subTask}`, { fields: { labels: ['ml'] } });
      await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { labels: ['q3'] } });
    });
    expect(metrics.calls).toBe(0);
  });

  it('a sub-task reaching done is taken from its event: two writes, no read, and the score moves', async () => {
    const pilot = await createPilot(env.sandbox, 'Moving pilot');
    const subTask = workstreamKey(env.sandbox, pilot.id, 'model-validation');
    const metrics = await callsOf(() => moveIssue(env.sandbox, subTask, 'done'));
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(6);
    expect(metrics.calls).toBe(2);
    expect(writesOnPilots(metrics.byOperation)).toBe(2);
    // What was stored from the event is what a fresh read of Jira gives.
    const fromEvent = ((await panel(pilot)) as { ok: true; data: PilotView }).data;
    expect(fromEvent.workstreams.find((workstream) => workstream.key === subTask)?.state).toBe('done');
    const fromRead = await freshlyReadView(pilot);
    expect(fromEvent.workstreams).toEqual(fromRead.workstreams);
    expect({ ...fromEvent.readiness, computedAt: null }).toEqual({ ...fromRead.readiness, computedAt: null });
  });

  it('a change the event cannot settle (a sub-task moved to another parent) is read instead', async () => {
    const pilot = await createPilot(env.sandbox, 'Reparented pilot');
    const other = await createPilot(env.sandbox, 'Adopting pilot');
    const subTask = workstreamKey(env.sandbox, pilot.id, 'model-validation');
    await moveIssue(env.sandbox, subTask, 'done');
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(6);
    const metrics = await callsOf(() =>
      jira(env.sandbox, 'PUT', `/rest/api/3/issue/${subTask}`, { fields: { parent: { key: other.key } } }),
    );
    expect(metrics.byOperation.searchAndReconsileIssuesUsingJqlPost ?? 0).toBeGreaterThan(0);
    const stored = readinessOf(env.sandbox, pilot.key);
    expect({ ...stored, computedAt: null }).toEqual({
      ...(await freshlyReadView(pilot)).readiness,
      computedAt: null,
    });
  });

  it('a burst of 13 changes on one pilot becomes one recompute: at most 2 writes, the last state stored', async () => {
    const pilot = await createPilot(env.sandbox, 'Busy pilot');
    const keys = [
      ...['model-validation', 'data-access', 'security-compliance', 'infrastructure'].map((row) =>
        workstreamKey(env.sandbox, pilot.id, row),
      ),
      ...['security', 'compliance', 'legal', 'privacy', 'infrastructure'].map((kind) =>
        reviewKey(env.sandbox, pilot.id, kind),
      ),
    ];
    const metrics = await callsOf(async () => {
      // 13 changes a few milliseconds apart, each event handled as it comes: 9 issues done, 4 reopened.
      for (const key of keys) {
        await jira(env.sandbox, 'POST', `/rest/api/3/issue/${key}/transitions`, {
          ...TRANSITION_TO_DONE,
          fields: { resolution: { name: 'Done' } },
        });
        await pause();
      }
      for (const key of keys.slice(5)) {
        await jira(env.sandbox, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '11' } });
        await pause();
      }
    });
    expect(writesOnPilots(metrics.byOperation)).toBeLessThanOrEqual(2);
    // 4 workstreams done (4 × 6.25) and the security review approved (5): 30.
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(30);
  });

  it('two close changes under 50% injected 429s end with the newer state stored', async () => {
    const pilot = await createPilot(env.sandbox, 'Throttled pilot');
    site(env.sandbox).setFaults([{ rate: 0.5, status: 429, retryAfter: 1 }], { seed: 5 });
    const first = workstreamKey(env.sandbox, pilot.id, 'model-validation');
    const second = workstreamKey(env.sandbox, pilot.id, 'data-access');
    await jira(env.sandbox, 'POST', `/rest/api/3/issue/${first}/transitions`, TRANSITION_TO_DONE);
    await pause();
    await jira(env.sandbox, 'POST', `/rest/api/3/issue/${second}/transitions`, { transition: { id: '21' } });
    await env.sandbox.idle();
    site(env.sandbox).clearFaults();
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(9); // 6.25 + 3.125
    const view = (await panel(pilot)) as { ok: true; data: PilotView };
    expect(view.data.readiness.score).toBe(9);
    const field = await fieldId(env.sandbox, 'Readiness');
    expect(site(env.sandbox).issue(pilot.key)?.customFields[field]).toBe(9);
  });
});

describe('views are served from stored state', () => {
  it('the panel, the issue context and the lozenge cost no Jira call when nothing changed', async () => {
    const pilot = await createPilot(env.sandbox, 'Viewed pilot');
    // From the very first view: Forge renders them only for someone who sees the pilot.
    expect((await callsOf(() => panel(pilot))).calls).toBe(0);
    expect((await callsOf(() => panel(pilot, { compact: true }))).calls).toBe(0);
    expect((await callsOf(() => lozenge(pilot))).calls).toBe(0);
    expect((await lozenge(pilot)).status.value.label).toBe(`0 · ${BAND_LABELS.purgatory.words}`);
  });

  it("asks Jira who may waive only when the form is opened, and remembers an admin's answer", async () => {
    const pilot = await createPilot(env.sandbox, 'Governed pilot');
    const first = (await panel(pilot, {}, admin.accountId)) as { ok: true; data: PilotView };
    expect(first.data).toMatchObject({ canWaive: false, canDecide: false, checkRights: true });
    const check = await callsOf(() => panel(pilot, {}, admin.accountId, 'checkGovernanceRights'));
    expect(check.calls).toBe(1);
    expect(check.result).toEqual({
      ok: true,
      data: {
        canWaive: true,
        canDecide: true,
        deciders: 'Deciders: Jira admins (no review board is chosen on the admin page).',
      },
    });
    const remembered = await callsOf(() => panel(pilot, {}, admin.accountId));
    expect(remembered.calls).toBe(0);
    expect(remembered.result).toMatchObject({ ok: true, data: { canWaive: true } });
    expect((remembered.result as { data: PilotView }).data.checkRights).toBeUndefined();
    // A member may not: the check says so and names who decides, and the next view knows it unasked.
    const member = await panel(pilot, {}, projectManager.accountId, 'checkGovernanceRights');
    expect(member).toMatchObject({ ok: true, data: { canWaive: false, canDecide: false } });
    const memberAgain = await callsOf(() => panel(pilot, {}, projectManager.accountId));
    expect(memberAgain.calls).toBe(0);
    expect((memberAgain.result as { data: PilotView }).data).toMatchObject({ canWaive: false });
    expect((memberAgain.result as { data: PilotView }).data.checkRights).toBeUndefined();
  });

  it('every viewer sees the stored score, also one who cannot browse a review project', async () => {
    const template = JSON.parse(
      JSON.stringify((storedValue(env.sandbox, 'config') as { template: unknown }).template),
    ) as { reviewKinds: Array<{ kind: string; projectKey: string | null }> };
    template.reviewKinds = template.reviewKinds.map((kind) =>
      kind.kind === 'security' ? { ...kind, projectKey: 'SEC' } : kind,
    );
    const preview = (await env.sandbox.runtime.invokeResolver({
      moduleKey: 'admin-page',
      functionKey: 'previewTemplateChange',
      payload: { template },
      accountId: admin.accountId,
    })) as { ok: true; data: { confirmation: string } };
    await env.sandbox.runtime.invokeResolver({
      moduleKey: 'admin-page',
      functionKey: 'applyTemplateChange',
      payload: { template, confirmation: preview.data.confirmation },
      accountId: admin.accountId,
    });
    await env.sandbox.idle();
    const pilot = await createPilot(env.sandbox, 'Reviewed in SEC');
    await moveIssue(env.sandbox, reviewKey(env.sandbox, pilot.id, 'security'), 'done', 'Done');
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(5);
    // The project manager loses the Browse permission on SEC, where the security review lives.
    const store = (
      site(env.sandbox) as unknown as {
        store: { grants: Map<string, { projects: Map<string, Set<string>> }> };
      }
    ).store;
    store.grants.get(projectManager.accountId)?.projects.delete('10002');
    const asManager = (await panel(pilot)) as { ok: true; data: PilotView };
    const asAdmin = (await panel(pilot, {}, admin.accountId)) as { ok: true; data: PilotView };
    expect(asManager.data.readiness.score).toBe(5);
    expect(asAdmin.data.readiness.score).toBe(5);
  });

  it("an epic's panel and lozenge cost one call each from its stored roll-up, which follows its pilots", async () => {
    const epic = await createIssue(env.sandbox, 'AIP', 'Epic', 'Claims automation');
    const first = await createPilot(env.sandbox, 'Claims pilot one', { parent: { key: epic.key } });
    await createPilot(env.sandbox, 'Claims pilot two', { parent: { key: epic.key } });
    const panelCost = await callsOf(() => panel(epic));
    expect(panelCost.calls).toBe(1);
    expect((await callsOf(() => lozenge(epic))).calls).toBe(1);

    await moveIssue(env.sandbox, workstreamKey(env.sandbox, first.id, 'model-validation'), 'done');
    const rolledUp = (await panel(epic)) as { ok: true; data: EpicView };
    expect(rolledUp.data.pilots.map((pilot) => pilot.score)).toEqual([6, 0]);
    expect(rolledUp.data.meanScore).toBe(3);
    expect((await lozenge(epic)).status.value.label).toBe('2 pilots · mean 3');
  });
});

describe('the daily job reads what the date can change', () => {
  it("costs one search for the pilots, one read of the site's time zone and one write per pilot whose readiness changed", async () => {
    const demo = await fieldId(env.sandbox, 'Demo sign-off date');
    const demoed = await createPilot(env.sandbox, 'Demoed pilot', { [demo]: '2026-02-20' });
    await createPilot(env.sandbox, 'Fresh pilot one');
    await createPilot(env.sandbox, 'Fresh pilot two');
    expect(readinessOf(env.sandbox, demoed.key)?.daysSinceDemo).toBe(10);
    env.sandbox.clock.set('2026-03-03T09:00:00.000Z');
    const metrics = await callsOf(() =>
      fetch(`${env.sandbox.url}/__sandbox/scheduled/daily-readiness-trigger`, { method: 'POST' }),
    );
    expect(readinessOf(env.sandbox, demoed.key)?.daysSinceDemo).toBe(11);
    expect(metrics.byOperation).toEqual({
      getCurrentUser: 1,
      searchAndReconsileIssuesUsingJqlPost: 1,
      setIssueProperty: 1,
    });
  });
});
