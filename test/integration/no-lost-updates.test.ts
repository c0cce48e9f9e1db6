/**
 * No lost updates (product.md §14): every read-modify-write of shared state is a compare-and-set. The
 * loser of a race gets "changed by someone else meanwhile: reload", never a silent revert; two
 * decisions on one pilot can never both stand. A site that upgrades keeps what it stored before.
 */
import { kvs } from '@forge/kvs';
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { ConfigurationView, PilotView, ReviewDecisionResult } from '../../src/ui-contract';
import { burstLimitedOnce, createPilot, site } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { adminCall, data, panelCall } from '../support/servicenow-steps';
import {
  KILL,
  decide,
  killListPilot,
  loadedTemplate,
  openAdminPage,
  panel,
  storedValue,
  withExtraRow,
} from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const { admin, dataScientist, businessOwner, pathwayEngineer } = SANDBOX_USERS;

const CHANGED_MEANWHILE = {
  ok: false,
  error: { code: 'changed-meanwhile', message: expect.stringMatching(/changed by someone else meanwhile/) },
};

/** An admin call answered as soon as it is done, without waiting for other work (a slow save) to finish. */
async function adminNow<T>(functionKey: string, payload: unknown): Promise<T> {
  const result = (await env.sandbox.runtime.invokeResolver({
    moduleKey: 'admin-page',
    functionKey,
    payload,
    accountId: admin.accountId,
    extension: { type: 'jira:adminPage' },
  } as Parameters<typeof env.sandbox.runtime.invokeResolver>[0])) as { ok: boolean; data: T };
  return data(result as never);
}

function storedConfig() {
  return storedValue<ConfigurationView['config']>(env.sandbox, 'config');
}

describe('admin saves carry the revision the page loaded', () => {
  it('two owner-mapping saves from pages loaded together: the second is refused, the first kept', async () => {
    const pageA = await openAdminPage(env.sandbox);
    const pageB = await openAdminPage(env.sandbox);
    const first = await adminCall(env.sandbox, 'saveConfiguration', {
      revision: pageA.revision,
      ownerAssignees: { 'Data science team': businessOwner.accountId },
    });
    expect(first.ok).toBe(true);
    const second = await adminCall(env.sandbox, 'saveConfiguration', {
      revision: pageB.revision,
      ownerAssignees: { 'Production pathway team': dataScientist.accountId },
    });
    expect(second).toMatchObject(CHANGED_MEANWHILE);
    expect(storedConfig()?.ownerAssignees).toMatchObject({
      'Data science team': businessOwner.accountId,
      'Production pathway team': pathwayEngineer.accountId,
    });
  });

  it('a save slowed by a 429 never reverts a template applied meanwhile', async () => {
    const pageB = await openAdminPage(env.sandbox);
    // Admin B's save waits 3 seconds for Jira's burst limit while admin A applies a template change.
    site(env.sandbox).setFaults([{ ...burstLimitedOnce('/rest/api/3/project/search'), retryAfter: 3 }]);
    const slowSave = adminCall(env.sandbox, 'saveConfiguration', {
      revision: pageB.revision,
      pilotProjects: ['AIP', 'TEAM'],
      ownerAssignees: { 'Data science team': businessOwner.accountId },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pageA = await adminNow<ConfigurationView>('getConfiguration', {});
    const template = withExtraRow(structuredClone(pageA.config.template));
    const preview = await adminNow<{ confirmation: string; revision: number }>('previewTemplateChange', {
      template,
    });
    const applied = await adminNow<{ version: number }>('applyTemplateChange', {
      template,
      confirmation: preview.confirmation,
      revision: preview.revision,
    });
    expect(applied.version).toBe(2);
    expect(await slowSave).toMatchObject(CHANGED_MEANWHILE);
    expect(storedConfig()?.template.version).toBe(2);
    expect(storedConfig()?.template.rows.map((row) => row.key)).toContain('model-risk-review');
    expect(storedConfig()?.ownerAssignees['Data science team']).toBe(dataScientist.accountId);
  });

  it('a template apply on a page loaded before another save is refused', async () => {
    const template = withExtraRow(await loadedTemplate(env.sandbox));
    const preview = data(
      await adminCall<{ confirmation: string; revision: number }>(env.sandbox, 'previewTemplateChange', {
        template,
      }),
    );
    const { revision } = await openAdminPage(env.sandbox);
    data(await adminCall(env.sandbox, 'saveConfiguration', { revision, reviewBoardGroupId: null }));
    const applied = await adminCall(env.sandbox, 'applyTemplateChange', {
      template,
      confirmation: preview.confirmation,
      revision: preview.revision,
    });
    expect(applied).toMatchObject(CHANGED_MEANWHILE);
    expect(storedConfig()?.template.version).toBe(1);
  });
});

describe("a pilot's governance", () => {
  it('a pause recorded while a waiver is granted: both stand', async () => {
    const pilot = await killListPilot(env.sandbox, 'Busy pilot');
    const [paused, waived] = await Promise.all([
      decide(env.sandbox, pilot, {
        outcome: 'pause',
        rationale: 'Budget freeze until Q2',
        resumptionDate: '2026-04-01',
        resumptionCondition: 'Q2 budget approved',
      }),
      panelCall<PilotView>(
        env.sandbox,
        pilot,
        'grantWaiver',
        {
          milestone: 'integration-testing',
          criterion: { type: 'workstream', row: 'infrastructure' },
          reason: 'Infrastructure comes from the shared platform team this quarter',
          expires: '2026-05-01',
        },
        admin.accountId,
      ),
    ]);
    expect([paused.ok, waived.ok]).toEqual([true, true]);
    const governance = storedValue<{ waivers: unknown[]; decisions: unknown[] }>(
      env.sandbox,
      `pilot:${pilot.id}:governance`,
    );
    expect(governance?.waivers).toHaveLength(1);
    expect(governance?.decisions).toHaveLength(1);
    const view = await panel(env.sandbox, pilot);
    expect(view.waivers).toHaveLength(1);
    expect(view.killClock?.standing?.outcome).toBe('pause');
  });

  it('a kill and an accelerate on one pilot at once: one stands, the other is refused', async () => {
    const pilot = await killListPilot(env.sandbox, 'Contested pilot');
    const results = await Promise.all([
      decide(env.sandbox, pilot, KILL),
      decide(env.sandbox, pilot, {
        outcome: 'accelerate',
        ownerAccountId: pathwayEngineer.accountId,
        resourcingNote: 'Two engineers',
      }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const refused = results.find((result) => !result.ok);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const decisions = storedValue<{ decisions: unknown[] }>(
      env.sandbox,
      `pilot:${pilot.id}:governance`,
    )?.decisions;
    expect(decisions).toHaveLength(1);
    const standing = (results.find((result) => result.ok) as { data: ReviewDecisionResult }).data;
    expect(['killed', 'purgatory', 'at-risk', 'on-track']).toContain(standing.readiness.band);
  });
});

describe('a site that upgrades keeps its data', () => {
  it('governance and configuration stored as plain entries are read, and moved on the first write', async () => {
    const pilot = await createPilot(env.sandbox, 'Upgraded pilot');
    const legacyWaiver = {
      id: `${pilot.id}-1`,
      milestone: 'demo-sign-off',
      criterion: { type: 'workstream', row: 'model-validation' },
      reason: 'Granted before the upgrade',
      expires: '2026-06-01',
      grantedBy: admin.accountId,
      grantedAt: '2026-02-01T09:00:00.000Z',
    };
    await kvs.set(`pilot:${pilot.id}:governance`, { waivers: [legacyWaiver], decisions: [] });
    const config = storedConfig();
    await kvs.entity('versioned-record').delete('config');
    await kvs.set('config', { ...config, ownerAssignees: { 'Data science team': businessOwner.accountId } });

    const page = await openAdminPage(env.sandbox);
    expect(page.revision).toBe(0);
    expect(page.config.ownerAssignees).toEqual({ 'Data science team': businessOwner.accountId });
    const saved = data(
      await adminCall<ConfigurationView>(env.sandbox, 'saveConfiguration', {
        revision: 0,
        ownerAssignees: { 'Production pathway team': pathwayEngineer.accountId },
      }),
    );
    expect(saved.revision).toBe(1);
    expect(env.sandbox.runtime.kvs.snapshot()['config']).toBeUndefined();
    expect(storedConfig()?.ownerAssignees).toEqual({
      'Data science team': businessOwner.accountId,
      'Production pathway team': pathwayEngineer.accountId,
    });

    const view = data(
      await panelCall<PilotView>(
        env.sandbox,
        pilot,
        'grantWaiver',
        {
          milestone: 'load-testing',
          criterion: { type: 'workstream', row: 'mlops' },
          reason: 'The MLOps pipeline is shared with the fraud pilot',
          expires: '2026-05-01',
        },
        admin.accountId,
      ),
    );
    expect(view.waivers.map((waiver) => waiver.reason)).toEqual([
      'Granted before the upgrade',
      'The MLOps pipeline is shared with the fraud pilot',
    ]);
    expect(view.gates.find((gate) => gate.milestone === 'demo-sign-off')?.passed).toBe(true);
    expect(env.sandbox.runtime.kvs.snapshot()[`pilot:${pilot.id}:governance`]).toBeUndefined();
  });
});
