/**
 * Names every object inherits (`constructor`, `toString`) typed as an owner team: stored and looked up
 * as keys like any other, so generation keeps working for every pilot (product.md §14). `__proto__`,
 * which no JSON record can hold as data, is refused by name.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { ConfigurationView } from '../../src/ui-contract';
import { createPilot, generatedIssues } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { applyTemplate, openAdminPage } from '../support/trust-steps';
import { adminCall, data } from '../support/servicenow-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

/** Every row of the template owned by `team`, previewed and applied as the admin. */
async function everyRowOwnedBy(team: string): Promise<void> {
  const { template } = (await openAdminPage(env.sandbox)).config;
  const edited = { ...template, rows: template.rows.map((row) => ({ ...row, ownerTeam: team })) };
  data((await applyTemplate(env.sandbox, edited)).applied);
}

describe.each(['constructor', 'toString'])('an owner team named %s', (team) => {
  it('gets its sub-tasks laid out, unassigned while it has no mapping', async () => {
    await everyRowOwnedBy(team);
    const pilot = await createPilot(env.sandbox, 'Pilot of an oddly named team');
    const { workstreams } = generatedIssues(env.sandbox, pilot.id);
    expect(workstreams).toHaveLength(8);
    expect(workstreams.map((issue) => issue.assigneeAccountId)).toEqual(workstreams.map(() => null));
  });

  it('is mapped to its person like any other team', async () => {
    await everyRowOwnedBy(team);
    const saved = data(
      await adminCall<ConfigurationView>(env.sandbox, 'saveConfiguration', {
        revision: (await openAdminPage(env.sandbox)).revision,
        ownerAssignees: JSON.parse(`{"${team}": "${SANDBOX_USERS.projectManager.accountId}"}`) as object,
      }),
    );
    expect(Object.entries(saved.config.ownerAssignees)).toContainEqual([
      team,
      SANDBOX_USERS.projectManager.accountId,
    ]);
    const pilot = await createPilot(env.sandbox, 'Pilot of a mapped team');
    const { workstreams } = generatedIssues(env.sandbox, pilot.id);
    expect(workstreams.map((issue) => issue.assigneeAccountId)).toEqual(
      workstreams.map(() => SANDBOX_USERS.projectManager.accountId),
    );
  });
});

it('refuses an owner team named __proto__, naming the row, and changes nothing', async () => {
  const { template } = data(await adminCall<ConfigurationView>(env.sandbox, 'getConfiguration')).config;
  const edited = { ...template, rows: template.rows.map((row) => ({ ...row, ownerTeam: '__proto__' })) };
  const refused = await adminCall(env.sandbox, 'previewTemplateChange', { template: edited });
  expect(refused).toMatchObject({
    ok: false,
    error: {
      code: 'invalid-input',
      message: expect.stringMatching(/Row 1 .*owner team cannot be named "__proto__"/),
    },
  });
});
