/**
 * A template change touches active pilots only (product.md §14, §15): killed pilots and pilots whose
 * status is in the done category are left as they are; the preview lists every pilot it would change
 * by key, with what changes, before anything is written.
 */
import type { TemplateChangePreview } from '../../src/ui-contract';
import {
  createPilot,
  fieldId,
  generatedIssues,
  jira,
  moveIssue,
  readinessOf,
  site,
  letSearchCatchUp,
  workstreamKey,
} from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { adminCall, data } from '../support/servicenow-steps';
import {
  KILL,
  applyTemplate,
  auditOf,
  decide,
  killListPilot,
  loadedTemplate,
  storedValue,
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

  it('is worked out from the path summaries stored with each view, and says what the full records say', async () => {
    const kickoff = await fieldId(env.sandbox, 'Kickoff date');
    const moved = await createPilot(env.sandbox, 'Moved pilot');
    // Kickoff moved: the recompute moves the not-done due dates and records the targets they follow.
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${moved.key}`, { fields: { [kickoff]: '2026-03-16' } });
    const underway = await createPilot(env.sandbox, 'Underway pilot');
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, underway.id, 'monitoring'), 'done');
    const killed = await killListPilot(env.sandbox, 'Killed pilot');
    data(await decide(env.sandbox, killed, KILL));
    await env.sandbox.idle();
    letSearchCatchUp(env.sandbox);

    const summaryKeys = () =>
      Object.keys(env.sandbox.runtime.kvs.snapshot()).filter((key) => key.startsWith('path-summary:'));
    const summaryOf = (pilotId: string) =>
      storedValue<{ appliedTargets: unknown; killed: boolean; issues: unknown[] }>(
        env.sandbox,
        `path-summary:${pilotId}`,
      );
    const generationOf = (pilotId: string) =>
      storedValue<{ appliedTargets: unknown }>(env.sandbox, `pilot:${pilotId}:generation`);
    for (const pilot of [moved, underway, killed]) {
      expect(summaryOf(pilot.id)).toMatchObject({
        killed: pilot === killed,
        appliedTargets: generationOf(pilot.id)?.appliedTargets,
      });
      expect(summaryOf(pilot.id)?.issues).toHaveLength(13);
    }
    expect(summaryOf(moved.id)?.appliedTargets).not.toEqual(summaryOf(underway.id)?.appliedTargets);

    // A row added and go-live a week later: the not-done monitoring workstreams move.
    const edited = withExtraRow(await loadedTemplate(env.sandbox));
    edited.milestones = edited.milestones.map((milestone) =>
      milestone.key === 'production-go-live' ? { ...milestone, week: milestone.week + 1 } : milestone,
    );
    const preview = async () =>
      data(
        await adminCall<TemplateChangePreview>(env.sandbox, 'previewTemplateChange', { template: edited }),
      );
    const fromSummaries = await preview();
    expect(fromSummaries).toMatchObject({
      pilots: 2,
      workstreamsToAdd: 2,
      dueDatesToMove: 1,
      skipped: { killed: [killed.key], closed: [] },
    });
    // Without the summaries (stored before they were kept) the preview reads each pilot's records.
    for (const key of summaryKeys()) env.sandbox.runtime.kvs.handle('/api/v1/delete', { key });
    expect(summaryKeys()).toEqual([]);
    expect(await preview()).toEqual(fromSummaries);
  });
});
