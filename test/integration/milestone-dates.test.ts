/**
 * Per-pilot milestone dates (product.md §10 `pilot-milestones`, §14): edited from the panel by anyone
 * who may edit the pilot; a milestone before the previous one is refused naming both; saving re-dates
 * the open workstreams at once. A Due date that puts go-live before deployment is warned about.
 */
import type { PilotView } from '../../src/ui-contract';
import { createPilot, jira, site, workstreamKey } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { data, panelCall } from '../support/servicenow-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const due = (pilot: { id: string }, row: string) =>
  site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, row))?.dueDate;

it('saves an override as the viewer and moves the open workstreams of that milestone at once', async () => {
  const pilot = await createPilot(env.sandbox, 'Rescheduled pilot');
  expect(due(pilot, 'infrastructure')).toBe('2026-04-20');
  const view = data(
    await panelCall<PilotView>(env.sandbox, pilot, 'saveMilestoneDates', {
      overrides: { 'integration-testing': '2026-05-04' },
    }),
  );
  expect(due(pilot, 'infrastructure')).toBe('2026-05-04');
  expect(due(pilot, 'legacy-integration')).toBe('2026-05-04');
  expect(due(pilot, 'mlops')).toBe('2026-05-04'); // load-testing, week 10, is 2026-05-04 already
  expect(site(env.sandbox).issue(pilot.key)?.properties['pilot-milestones']).toEqual({
    'integration-testing': '2026-05-04',
  });
  expect(view.milestones.find((milestone) => milestone.key === 'integration-testing')?.target).toBe(
    '2026-05-04',
  );
  expect(view.milestoneOverrides).toEqual({ 'integration-testing': '2026-05-04' });

  // Cleared: back to its week.
  data(
    await panelCall<PilotView>(env.sandbox, pilot, 'saveMilestoneDates', {
      overrides: { 'integration-testing': null },
    }),
  );
  expect(due(pilot, 'infrastructure')).toBe('2026-04-20');
});

it('refuses a milestone before the one it follows, naming both, and changes nothing', async () => {
  const pilot = await createPilot(env.sandbox, 'Pilot in a hurry');
  const refused = await panelCall<PilotView>(env.sandbox, pilot, 'saveMilestoneDates', {
    overrides: { 'load-testing': '2026-04-13' },
  });
  expect(refused).toMatchObject({
    ok: false,
    error: {
      code: 'invalid-input',
      fieldErrors: {
        'load-testing': expect.stringMatching(
          /Load testing \(2026-04-13\).*before Integration testing \(2026-04-20\)/,
        ),
      },
    },
  });
  expect(site(env.sandbox).issue(pilot.key)?.properties['pilot-milestones']).toBeUndefined();
  expect(due(pilot, 'mlops')).toBe('2026-05-04');
});

it('refuses what is not a milestone of the template or not a date', async () => {
  const pilot = await createPilot(env.sandbox, 'Pilot with odd dates');
  const wrong = await panelCall<PilotView>(env.sandbox, pilot, 'saveMilestoneDates', {
    overrides: { 'no-such-milestone': '2026-05-04', 'load-testing': '2026-02-30' },
  });
  expect(wrong).toMatchObject({
    ok: false,
    error: {
      code: 'invalid-input',
      fieldErrors: {
        'no-such-milestone': expect.stringMatching(/not a milestone/),
        'load-testing': expect.stringMatching(/date/),
      },
    },
  });
});

it('warns when a Due date puts go-live before deployment, naming both', async () => {
  const pilot = await createPilot(env.sandbox, 'Pilot deployed after go-live');
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { duedate: '2026-06-15' } });
  await env.sandbox.idle();
  const view = data(await panelCall<PilotView>(env.sandbox, pilot, 'getPanel'));
  expect(view.dateWarnings).toContainEqual({
    field: 'Due date',
    message: expect.stringMatching(
      /Production go-live \(2026-05-25\) comes before Production deployment \(2026-06-15\)/,
    ),
  });
});
