/**
 * A template change touches active pilots only (product.md §14, §15): killed pilots and pilots whose
 * status is in the done category are left as they are; the preview lists every pilot it would change
 * by key, with what changes, before anything is written.
 */
import {
  createPilot,
  generatedIssues,
  moveIssue,
  readinessOf,
  site,
  letSearchCatchUp,
} from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { data } from '../support/servicenow-steps';
import {
  KILL,
  applyTemplate,
  auditOf,
  decide,
  killListPilot,
  loadedTemplate,
  withExtraRow,
} from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

describe('a template change', () => {
  it('previews and re-syncs the active pilots only, listing each by key with what changes', async () => {
    const active = await createPilot(env.sandbox, 'Active pilot');
    const killed = await killListPilot(env.sandbox, 'Killed pilot');
    data(await decide(env.sandbox, killed, KILL));
    const closed = await createPilot(env.sandbox, 'Closed pilot');
    await moveIssue(env.sandbox, closed.key, 'done');
    const closedReadiness = JSON.stringify(readinessOf(env.sandbox, closed.key));
    const killedReadiness = JSON.stringify(readinessOf(env.sandbox, killed.key));
    letSearchCatchUp(env.sandbox);
    const issuesBefore = site(env.sandbox).issues().length;

    const { preview, applied } = await applyTemplate(
      env.sandbox,
      withExtraRow(await loadedTemplate(env.sandbox)),
    );
    expect(preview).toMatchObject({
      pilots: 1,
      pilotsChanged: 1,
      workstreamsToAdd: 1,
      skipped: { killed: [killed.key], closed: [closed.key] },
      summary: 'adds 1 workstream to 1 pilot; leaves 1 killed pilot and 1 closed pilot as they are',
    });
    expect(preview.changes).toEqual([
      {
        key: active.key,
        summary: 'Active pilot',
        workstreamsToAdd: ['Model risk review'],
        reviewsToAdd: [],
        dueDatesToMove: [],
      },
    ]);
    expect(applied).toMatchObject({ ok: true, data: { version: 2, pilotsQueued: 1 } });

    expect(site(env.sandbox).issues()).toHaveLength(issuesBefore + 1);
    expect(generatedIssues(env.sandbox, active.id).workstreams).toHaveLength(9);
    expect(generatedIssues(env.sandbox, killed.id).workstreams).toHaveLength(8);
    expect(generatedIssues(env.sandbox, closed.id).workstreams).toHaveLength(8);
    expect(JSON.stringify(readinessOf(env.sandbox, closed.key))).toBe(closedReadiness);
    expect(JSON.stringify(readinessOf(env.sandbox, killed.key))).toBe(killedReadiness);
    expect(auditOf(env.sandbox, killed.id).some((entry) => entry.action === 'template-resync')).toBe(false);
    expect(auditOf(env.sandbox, active.id).some((entry) => entry.action === 'template-resync')).toBe(true);
  });
});
