/**
 * Events come at least once and in no guaranteed order. A change to one of the app's sub-tasks is
 * taken from its event (no read): an event that arrives after the app read the issue, or wrote it,
 * must not put back what that read or write replaced (docs/forge-notes.md).
 */
import { createPilot, fieldId, jira, site, workstreamKey } from '../support/jira-steps';
import { callPanel } from '../support/resolver-calls';
import { useSandbox } from '../support/sandbox-lifecycle';
import { data } from '../support/servicenow-steps';
import type { PilotView } from '../../src/ui-contract';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

async function storedView(issue: { id: string; key: string }): Promise<PilotView> {
  return data(await callPanel<PilotView>(env.sandbox, issue, 'getPanel'));
}

test('a late event of a due date the app has since moved does not put the old date back', async () => {
  const kickoff = await fieldId(env.sandbox, 'Kickoff date');
  const pilot = await createPilot(env.sandbox, 'Late-event pilot', { [kickoff]: '2026-03-02' });
  const subTask = workstreamKey(env.sandbox, pilot.id, 'model-validation');

  // Someone sets the sub-task's due date by hand; its event is delayed.
  env.sandbox.runtime.holdDeliveries();
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${subTask}`, { fields: { duedate: '2026-04-24' } });
  const deliverLate = env.sandbox.runtime.delayHeldDeliveries();

  // Then the kickoff moves: the app reads the pilot and moves the sub-task with its milestone.
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { [kickoff]: '2026-03-16' } });
  await env.sandbox.idle();
  const moved = site(env.sandbox).issue(subTask)?.dueDate;
  expect(moved).not.toBe('2026-04-24');

  // The hand-set date's event arrives only now.
  expect(deliverLate()).toBe(1);
  await env.sandbox.idle();
  const shown = (await storedView(pilot)).workstreams.find((row) => row.key === subTask);
  expect(site(env.sandbox).issue(subTask)?.dueDate).toBe(moved);
  expect(shown?.dueDate).toBe(moved);
});

test('a late event of a change a read already holds leaves the read as it is', async () => {
  const pilot = await createPilot(env.sandbox, 'Read-after pilot');
  const subTask = workstreamKey(env.sandbox, pilot.id, 'mlops');
  const delayedChange = async (dueDate: string) => {
    env.sandbox.runtime.holdDeliveries();
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${subTask}`, { fields: { duedate: dueDate } });
    return env.sandbox.runtime.delayHeldDeliveries();
  };
  // Two hand-set dates, both events delayed; meanwhile a change to the pilot has it read whole.
  const first = await delayedChange('2026-05-29');
  const second = await delayedChange('2026-06-05');
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { duedate: '2026-12-18' } });
  await env.sandbox.idle();
  const dueDateShown = async () =>
    (await storedView(pilot)).workstreams.find((row) => row.key === subTask)?.dueDate;
  expect(await dueDateShown()).toBe('2026-06-05');
  // The first date's event arrives after the read: the read has the newer date.
  expect(first()).toBe(1);
  await env.sandbox.idle();
  expect(await dueDateShown()).toBe('2026-06-05');
  expect(second()).toBe(1);
  await env.sandbox.idle();
  expect(await dueDateShown()).toBe('2026-06-05');
});
