/**
 * An epic's roll-up lists the pilots the viewer may browse, and only those (product.md §11): Jira's
 * own child list hides the others, and so does the roll-up, without saying how many. One Jira call
 * per surface, as before.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { Sandbox } from '../../sandbox/server';
import type { EpicView, ResolverResult } from '../../src/ui-contract';
import { createIssue, createPilot, moveIssue, site, workstreamKey } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const { outsider, projectManager } = SANDBOX_USERS;

type Issue = { id: string; key: string };

async function rollUp(epic: Issue, accountId: string, compact = false): Promise<EpicView> {
  const result = (await env.sandbox.runtime.invokeResolver({
    moduleKey: compact ? 'readiness-context' : 'readiness-panel',
    functionKey: 'getPanel',
    payload: compact ? { compact: true } : {},
    accountId,
    extension: {
      type: compact ? 'jira:issueContext' : 'jira:issuePanel',
      issue: { id: epic.id, key: epic.key, type: 'Epic' },
      project: { id: '10002', key: 'SEC' },
    },
  } as Parameters<Sandbox['runtime']['invokeResolver']>[0])) as ResolverResult<EpicView>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function lozenge(epic: Issue, accountId: string): Promise<string> {
  const answer = (await env.sandbox.runtime.invokeDynamicProperties({
    moduleKey: 'readiness-context',
    accountId,
    extension: { type: 'jira:issueContext', issue: { id: epic.id, key: epic.key } },
  } as Parameters<Sandbox['runtime']['invokeDynamicProperties']>[0])) as {
    status: { value: { label: string } };
  };
  return answer.status.value.label;
}

/** An epic of project SEC (the outsider browses SEC and TEAM, not AIP) with a pilot in TEAM and one in AIP. */
async function mixedEpic() {
  const epic = await createIssue(env.sandbox, 'SEC', 'Epic', 'Claims automation');
  const visible = await createPilot(env.sandbox, 'Visible pilot', { parent: { key: epic.key } }, 'TEAM');
  const hidden = await createPilot(env.sandbox, 'Confidential merger pilot', { parent: { key: epic.key } });
  // The hidden pilot scores higher: a mean over both would give it away.
  for (const row of ['model-validation', 'data-access', 'security-compliance'])
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, hidden.id, row), 'done');
  return { epic, visible, hidden };
}

it('shows a viewer only the pilots they may browse, and nothing of the others', async () => {
  const { epic, visible, hidden } = await mixedEpic();
  const seen = await rollUp(epic, outsider.accountId);
  expect(seen.pilots.map((pilot) => pilot.key)).toEqual([visible.key]);
  expect(Object.values(seen.countByBand).reduce((sum, count) => sum + count, 0)).toBe(1);
  expect(seen.meanScore).toBe(0);
  expect(seen.notComputed).toBe(0);
  const shown = JSON.stringify(seen);
  expect(shown).not.toContain(hidden.key);
  expect(shown).not.toContain('Confidential');
  expect(JSON.stringify(await rollUp(epic, outsider.accountId, true))).not.toContain(hidden.key);
  expect(await lozenge(epic, outsider.accountId)).toBe('1 pilot · mean 0');

  const everyone = await rollUp(epic, projectManager.accountId);
  expect(everyone.pilots.map((pilot) => pilot.key).sort()).toEqual([hidden.key, visible.key].sort());
  expect(await lozenge(epic, projectManager.accountId)).toBe('2 pilots · mean 10');
});

it('costs one Jira call per surface, asked as the viewer', async () => {
  const { epic } = await mixedEpic();
  for (const surface of [
    () => rollUp(epic, outsider.accountId),
    () => rollUp(epic, outsider.accountId, true),
    () => lozenge(epic, outsider.accountId),
  ]) {
    await env.sandbox.idle();
    site(env.sandbox).resetMetrics();
    await surface();
    expect(site(env.sandbox).metrics().calls).toBe(1);
  }
});
