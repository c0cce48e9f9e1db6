/**
 * The admin page's settings as its resolvers receive them: saving is all or nothing, a save that names
 * some owner teams keeps the others, and every admin resolver refuses a non-admin without changing anything.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { SANDBOX_APP_SETTINGS } from '../../sandbox/seed/configure';
import type { ResolverResult } from '../../src/ui-contract';
import { site } from '../support/jira-steps';
import { invokeResolver } from '../support/resolvers';
import { useSandbox } from '../support/sandbox-lifecycle';
import { openAdminPage, storedValue } from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const { admin, projectManager, dataScientist, formerEmployee } = SANDBOX_USERS;

function callAdmin<T = unknown>(
  functionKey: string,
  payload: unknown = {},
  accountId: string = admin.accountId,
): Promise<ResolverResult<T>> {
  return invokeResolver<T>(env.sandbox, { moduleKey: 'admin-page', functionKey, payload, accountId });
}

const storedConfig = () =>
  storedValue(env.sandbox, 'config') as {
    pilotProjects: string[];
    ownerAssignees: Record<string, string>;
    template: { version: number };
  };

/** A save from the admin page as it loaded: on the settings' revision then. */
async function saveSettings(settings: Record<string, unknown>) {
  const { revision } = await openAdminPage(env.sandbox);
  return callAdmin('saveConfiguration', { ...settings, revision });
}

describe('saving the settings', () => {
  it('with one unknown project: names it next to its entry and saves nothing at all', async () => {
    const before = storedConfig();
    const result = await saveSettings({
      pilotProjects: ['AIP', 'NOPE'],
      ownerAssignees: { 'Data science team': projectManager.accountId },
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fieldErrors: { 'pilotProjects.1': expect.stringContaining('NOPE') },
      },
    });
    expect(storedConfig()).toEqual(before);
  });

  it('with a deactivated assignee: says so next to the team and saves nothing', async () => {
    const before = storedConfig();
    const result = await saveSettings({
      pilotProjects: ['AIP'],
      ownerAssignees: { 'Business owner + PM': formerEmployee.accountId },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'ownerAssignees.Business owner + PM': expect.stringMatching(/deactivated/) } },
    });
    expect(storedConfig()).toEqual(before);
  });

  it('with only one owner team: changes that team and keeps every other mapping', async () => {
    const result = await saveSettings({
      ownerAssignees: { 'Data science team': projectManager.accountId },
    });
    expect(result.ok).toBe(true);
    expect(storedConfig().ownerAssignees).toEqual({
      ...SANDBOX_APP_SETTINGS.ownerAssignees,
      'Data science team': projectManager.accountId,
    });
    expect(storedConfig().pilotProjects).toEqual(SANDBOX_APP_SETTINGS.pilotProjects);
  });

  it('removes a mapping only when asked to, with null', async () => {
    await saveSettings({ ownerAssignees: { 'Data science team': null } });
    expect(storedConfig().ownerAssignees).not.toHaveProperty('Data science team');
    expect(storedConfig().ownerAssignees['Production pathway team']).toBe(
      SANDBOX_APP_SETTINGS.ownerAssignees['Production pathway team'],
    );
    await saveSettings({
      ownerAssignees: { 'Data science team': dataScientist.accountId },
    });
    expect(storedConfig().ownerAssignees['Data science team']).toBe(dataScientist.accountId);
  });
});

describe('a non-admin calling the admin resolvers directly', () => {
  const template = () => storedConfig().template;
  const calls: Array<[string, () => unknown]> = [
    ['getConfiguration', () => ({})],
    [
      'saveConfiguration',
      () => ({ revision: 1, pilotProjects: [], ownerAssignees: { 'Data science team': null } }),
    ],
    ['previewTemplateChange', () => ({ template: { ...template(), rejectedResolutions: [] } })],
    [
      'applyTemplateChange',
      () => ({ template: { ...template(), rejectedResolutions: [] }, confirmation: 'x', revision: 1 }),
    ],
    ['repairInstallation', () => ({})],
  ];

  it.each(calls)('%s: refused, and nothing changes', async (functionKey, payload) => {
    const stored = () =>
      JSON.stringify([
        env.sandbox.runtime.kvs.snapshot(),
        env.sandbox.runtime.kvs.snapshot('entity:versioned-record'),
      ]);
    const before = stored();
    site(env.sandbox).resetMetrics();
    const result = await callAdmin(functionKey, payload(), projectManager.accountId);
    expect(result).toEqual({
      ok: false,
      error: { code: 'no-permission', message: 'Only a Jira admin can change Pilot Pathway settings.' },
    });
    expect(stored()).toBe(before);
    // Only the admin check was asked of Jira: nothing was written there either.
    expect(Object.keys(site(env.sandbox).metrics().byOperation)).toEqual(['getMyPermissions']);
  });
});
