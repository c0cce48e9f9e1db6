/**
 * What a real Jira site does that a tidy emulator does not (issue 11), and what the app makes of it:
 * team-managed projects with their own AI Pilot type, a search index that lags writes, workflows that
 * reach done without a resolution, people in other time zones, a field write that fails once, a
 * ticket linked to two pilots, dates nobody can mean. Each test switches on the sandbox behaviour
 * it is about (sandbox.md, `POST /__sandbox/behaviour`).
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { Sandbox } from '../../sandbox/server';
import type { PilotView, ResolverResult } from '../../src/ui-contract';
import {
  createIssue,
  createPilot,
  fieldId,
  generatedIssues,
  issueTypeId,
  jira,
  linkDataAccess,
  moveIssue,
  readinessOf,
  site,
  workstreamKey,
} from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { storedValue } from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

const { projectManager, aucklandManager } = SANDBOX_USERS;

async function panelAs(accountId: string, issue: { id: string; key: string }): Promise<PilotView> {
  const result = (await env.sandbox.runtime.invokeResolver({
    moduleKey: 'readiness-panel',
    functionKey: 'getPanel',
    payload: {},
    accountId,
    extension: { type: 'jira:issuePanel', issue: { id: issue.id, key: issue.key } },
  } as Parameters<Sandbox['runtime']['invokeResolver']>[0])) as ResolverResult<PilotView>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

const behave = (changes: Record<string, unknown>) => site(env.sandbox).setBehaviour(changes);
const commentsOf = (key: string) =>
  (site(env.sandbox).issue(key)?.comments ?? []).map((comment) => JSON.stringify(comment.body));

describe('team-managed projects', () => {
  it("a pilot of TEAM's own AI Pilot type gets its production path and its readiness", async () => {
    const pilot = await createPilot(env.sandbox, 'Team-managed pilot', {}, 'TEAM');
    const { workstreams, reviews } = generatedIssues(env.sandbox, pilot.id);
    expect([workstreams.length, reviews.length]).toEqual([8, 5]);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 0, band: 'purgatory' });
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'done');
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(6);
    expect((await panelAs(projectManager.accountId, pilot)).readiness.score).toBe(6);
  });
});

describe('a search index that lags writes', () => {
  it('generation reads the new pilot by id: a search that has not indexed it yet is "not yet", not "no"', async () => {
    behave({ searchLagMs: 60_000 });
    const pilot = await createPilot(env.sandbox, 'Unindexed pilot');
    const { workstreams, reviews } = generatedIssues(env.sandbox, pilot.id);
    expect([workstreams.length, reviews.length]).toEqual([8, 5]);
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'done');
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(6);
  });

  it('a pilot moved under an epic the index does not have yet joins its roll-up', async () => {
    behave({ searchLagMs: 60_000 });
    const pilot = await createPilot(env.sandbox, 'Pilot moved under a new epic');
    const epic = await createIssue(env.sandbox, 'AIP', 'Epic', 'Programme made a moment ago');
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, {
      fields: { parent: { key: epic.key } },
    });
    await env.sandbox.idle();
    expect(storedValue<{ parent: unknown }>(env.sandbox, `pilot:${pilot.id}:view`)?.parent).toMatchObject({
      id: epic.id,
    });
    expect(storedValue(env.sandbox, `epic:${epic.id}:pilot:${pilot.id}`)).toBeDefined();
  });
});

describe('workflows that reach done without a resolution', () => {
  it('the demo date is the day model validation reached done, so the kill clock starts', async () => {
    behave({ resolutionOnDone: false });
    const pilot = await createPilot(env.sandbox, 'Unresolved pilot');
    env.sandbox.clock.set('2026-03-10T09:00:00.000Z');
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'done');
    expect(
      site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, 'model-validation'))?.resolution,
    ).toBeNull();
    expect(readinessOf(env.sandbox, pilot.key)?.daysSinceDemo).toBe(0);
    expect((await panelAs(projectManager.accountId, pilot)).demoDate).toBe('2026-03-10');
  });
});

describe('time zones', () => {
  it('a pilot created at 23:30 UTC has the same kickoff in its sub-tasks and in the panel seen from Auckland', async () => {
    env.sandbox.clock.set('2026-03-01T23:30:00.000Z'); // already 2 March in Auckland
    const created = await jira(
      env.sandbox,
      'POST',
      '/rest/api/3/issue',
      {
        fields: {
          project: { key: 'AIP' },
          issuetype: { id: await issueTypeId(env.sandbox, 'AIP', 'AI Pilot') },
          summary: 'Late-night pilot',
        },
      },
      aucklandManager.accountId,
    );
    await env.sandbox.idle();
    const pilot = { id: created.id as string, key: created.key as string };
    // Kickoff 2026-03-01 (the site's day): demo sign-off in week 6 is 2026-04-05.
    const modelValidation = site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, 'model-validation'));
    expect(modelValidation?.dueDate).toBe('2026-04-05');
    const view = await panelAs(aucklandManager.accountId, pilot);
    expect(view.milestones.find((milestone) => milestone.key === 'demo-sign-off')?.target).toBe('2026-04-05');
    expect(view.workstreams.find((row) => row.row === 'model-validation')?.dueDate).toBe('2026-04-05');
  });
});

describe('the Readiness field', () => {
  it('heals at the next recompute after a field write failed once', async () => {
    const pilot = await createPilot(env.sandbox, 'Stale field pilot');
    const field = await fieldId(env.sandbox, 'Readiness');
    site(env.sandbox).setFaults([{ rate: 1, status: 400, match: '/rest/api/3/app/field', times: 1 }]);
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'done');
    site(env.sandbox).clearFaults();
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(6);
    expect(site(env.sandbox).issue(pilot.key)?.customFields[field]).toBe(6);
  });
});

describe('a data-access ticket linked to two pilots', () => {
  it('counts for both, and its progress updates both', async () => {
    const first = await createPilot(env.sandbox, 'First data user');
    const second = await createPilot(env.sandbox, 'Second data user');
    const ticket = await createIssue(env.sandbox, 'AIP', 'Task', 'Access to the shared warehouse');
    await linkDataAccess(env.sandbox, first.key, ticket.key);
    await linkDataAccess(env.sandbox, second.key, ticket.key);
    expect(readinessOf(env.sandbox, first.key)?.dataAccess.requested).toBe(1);
    expect(readinessOf(env.sandbox, second.key)?.dataAccess.requested).toBe(1);
    await moveIssue(env.sandbox, ticket.key, 'done', 'Done');
    expect(readinessOf(env.sandbox, first.key)?.dataAccess.approved).toBe(1);
    expect(readinessOf(env.sandbox, second.key)?.dataAccess.approved).toBe(1);
  });
});

describe('dates nobody can mean', () => {
  it('a kickoff in year 9999: the path is laid out from the creation day, one comment, a warning naming the field', async () => {
    const kickoff = await fieldId(env.sandbox, 'Kickoff date');
    const pilot = await createPilot(env.sandbox, 'Far-future pilot', { [kickoff]: '9999-12-29' });
    expect(generatedIssues(env.sandbox, pilot.id).workstreams).toHaveLength(8);
    expect(site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, 'model-validation'))?.dueDate).toBe(
      '2026-04-06',
    );
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'mlops'), 'in-progress');
    const comments = commentsOf(pilot.key).filter((comment) => comment.includes('Kickoff date'));
    expect(comments).toHaveLength(1);
    const view = await panelAs(projectManager.accountId, pilot);
    expect(view.dateWarnings).toEqual([
      { field: 'Kickoff date', message: expect.stringContaining('9999-12-29') },
    ]);
  });

  it('a Due date before the kickoff is not taken as the production target, and is reported', async () => {
    const pilot = await createPilot(env.sandbox, 'Backwards pilot', { duedate: '2026-01-15' });
    expect(site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, 'data-access'))?.dueDate).toBe(
      '2026-05-18',
    );
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { labels: ['x'] } });
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'mlops'), 'in-progress');
    expect(commentsOf(pilot.key).filter((comment) => comment.includes('Due date'))).toHaveLength(1);
    const view = await panelAs(projectManager.accountId, pilot);
    expect(view.dateWarnings.map((warning) => warning.field)).toEqual(['Due date']);
  });
});
