/**
 * POST /rest/api/3/issue/{key}/notify: who a notification reaches (reporter, assignee, watchers,
 * users, groups, narrowed by restrict), who Jira drops silently (people who cannot browse the
 * issue, deactivated people, the sender), Jira's 400s, and the list the sandbox keeps.
 */
import { SANDBOX_USERS } from '../contracts';
import { PERMISSION_IDS } from './permissions';
import { ADMIN, APP, OUTSIDER, PM, call, createIssue, doc, task, testSite } from './testing';

const { admin, projectManager, dataScientist, pathwayEngineer, formerEmployee, outsider, aucklandManager } =
  SANDBOX_USERS;

async function pilotSite() {
  const { site, clock } = testSite();
  const pilot = await createIssue(
    site,
    PM,
    task('Fraud pilot', 'AIP', { assignee: { accountId: dataScientist.accountId } }),
  );
  return { site, clock, pilot };
}

const notify = (
  site: Awaited<ReturnType<typeof pilotSite>>['site'],
  key: string,
  body: unknown,
  caller = APP,
) => call(site, caller, 'POST', `/rest/api/3/issue/${key}/notify`, body);

test('reporter and assignee are notified; the sandbox lists what was sent, newest last', async () => {
  const { site, pilot } = await pilotSite();
  const reply = await notify(site, pilot.key, {
    subject: 'Pilot killed',
    textBody: 'Closed as Won’t Do',
    htmlBody: '<p>Closed as Won’t Do</p>',
    to: { reporter: true, assignee: true },
  });
  expect(reply.status).toBe(204);
  expect(reply.json).toBeUndefined();
  expect(site.notifications()).toEqual([
    {
      issue: pilot.key,
      to: [projectManager.accountId, dataScientist.accountId],
      subject: 'Pilot killed',
      at: '2026-11-21T10:00:00.000Z',
      reason: 'notify',
      textBody: 'Closed as Won’t Do',
      htmlBody: '<p>Closed as Won’t Do</p>',
    },
  ]);
});

test('without a subject the issue key and summary are the subject; watchers are creator, reporter, commenters', async () => {
  const { site, pilot } = await pilotSite();
  await call(
    site,
    { kind: 'user', accountId: pathwayEngineer.accountId, viaApp: false },
    'POST',
    `/rest/api/3/issue/${pilot.key}/comment`,
    {
      body: doc('Looks good'),
    },
  );
  expect((await notify(site, pilot.key, { textBody: 'x', to: { watchers: true } })).status).toBe(204);
  expect(site.notifications()[0]).toMatchObject({
    subject: `${pilot.key}: Fraud pilot`,
    to: [projectManager.accountId, pathwayEngineer.accountId],
  });
});

test('users and groups by name or id; a person is notified once', async () => {
  const { site, pilot } = await pilotSite();
  expect(
    (
      await notify(site, pilot.key, {
        to: {
          users: [{ accountId: admin.accountId }, { accountId: dataScientist.accountId }],
          groups: [{ name: 'site-admins' }],
          assignee: true,
        },
      })
    ).status,
  ).toBe(204);
  expect(site.notifications()[0]?.to).toEqual([dataScientist.accountId, admin.accountId]);
  expect(
    (await notify(site, pilot.key, { to: { groupIds: ['2f0e6b8e-7c3d-4b1a-9e5f-000000000001'] } })).status,
  ).toBe(204);
  expect(site.notifications()[1]?.to).toEqual([admin.accountId]);
});

test('people Jira does not mail are dropped silently: no browse permission, deactivated, the sender', async () => {
  const { site, pilot } = await pilotSite();
  const reply = await notify(
    site,
    pilot.key,
    {
      to: {
        users: [
          { accountId: outsider.accountId },
          { accountId: formerEmployee.accountId },
          { accountId: projectManager.accountId },
          { accountId: aucklandManager.accountId },
        ],
      },
    },
    PM,
  );
  expect(reply.status).toBe(204);
  expect(site.notifications()[0]?.to).toEqual([aucklandManager.accountId]);
  // Nobody left to mail: accepted, nothing sent.
  expect((await notify(site, pilot.key, { to: { users: [{ accountId: outsider.accountId }] } })).status).toBe(
    204,
  );
  expect(site.notifications()).toHaveLength(1);
});

test('restrict: only members of one of its groups holding all of its permissions', async () => {
  const { site, pilot } = await pilotSite();
  const everyone = { groups: [{ name: 'jira-software-users' }] };
  await notify(site, pilot.key, { to: everyone, restrict: { groups: [{ name: 'site-admins' }] } });
  expect(site.notifications()[0]?.to).toEqual([admin.accountId]);
  await notify(site, pilot.key, { to: everyone, restrict: { permissions: [{ key: 'DELETE_ISSUES' }] } });
  expect(site.notifications()[1]?.to).toEqual([admin.accountId, projectManager.accountId]);
  // By id, and by the old key BROWSE that Atlassian's own example still uses.
  const deleteIssues = { id: PERMISSION_IDS['DELETE_ISSUES'] };
  await notify(site, pilot.key, {
    to: everyone,
    restrict: { permissions: [deleteIssues, { key: 'BROWSE' }] },
  });
  expect(site.notifications()[2]?.to).toEqual([admin.accountId, projectManager.accountId]);
});

test("Jira's 400s: no recipient, an unresolvable one, only the sender; nothing is sent", async () => {
  const { site, pilot } = await pilotSite();
  const unassigned = await createIssue(site, PM, task('Nobody on it'));
  const refusals: [string, unknown, RegExp][] = [
    [pilot.key, {}, /no recipients/],
    [pilot.key, { subject: 'x', to: { reporter: false, users: [] } }, /no recipients/],
    [unassigned.key, { to: { assignee: true } }, /no assignee/],
    [pilot.key, { to: { users: [{ accountId: 'no-such-person' }] } }, /no-such-person' does not exist/],
    [pilot.key, { to: { groups: [{ name: 'nobody-here' }] } }, /Group 'nobody-here' does not exist/],
    [
      pilot.key,
      { to: { reporter: true }, restrict: { permissions: [{ key: 'FLY' }] } },
      /'FLY' does not exist/,
    ],
  ];
  for (const [key, body, message] of refusals) {
    const reply = await notify(site, key, body);
    expect([reply.status, (reply.body['errorMessages'] as string[]).join(' ')]).toEqual([
      400,
      expect.stringMatching(message),
    ]);
  }
  const toSelf = await notify(site, pilot.key, { to: { reporter: true } }, PM);
  expect(toSelf.status).toBe(400);
  expect(site.notifications()).toEqual([]);
});

test('an issue the caller cannot see is 404; a body the description refuses is 400', async () => {
  const { site, pilot } = await pilotSite();
  expect((await notify(site, pilot.key, { to: { reporter: true } }, OUTSIDER)).status).toBe(404);
  expect((await notify(site, 'AIP-999', { to: { reporter: true } })).status).toBe(404);
  expect((await notify(site, pilot.key, { to: { users: [{ accountId: 5 }] } })).status).toBe(400);
  expect(site.notifications()).toEqual([]);
});

test('reset clears the notifications sent', async () => {
  const { site, pilot } = await pilotSite();
  await notify(site, pilot.key, { to: { assignee: true } });
  expect(site.notifications()).toHaveLength(1);
  site.reset();
  expect(site.notifications()).toEqual([]);
});

describe('an edit mails the reporter, assignee and watchers ("Issue updated"), unless an administrator mutes it', () => {
  const SCIENTIST = { kind: 'user' as const, accountId: dataScientist.accountId, viaApp: false };
  const edit = (
    site: Awaited<ReturnType<typeof pilotSite>>['site'],
    caller: Parameters<typeof call>[1],
    query: string,
    summary: string,
  ) => call(site, caller, 'PUT', `/rest/api/3/issue/AIP-1${query}`, { fields: { summary } });

  test('everyone the default scheme names, less the editor and those Jira never mails', async () => {
    const { site, pilot } = await pilotSite();
    expect((await edit(site, SCIENTIST, '', 'Fraud pilot v2')).status).toBe(204);
    expect((await edit(site, PM, '', 'Fraud pilot v3')).status).toBe(204);
    expect(site.notifications()).toEqual([
      {
        issue: pilot.key,
        to: [projectManager.accountId],
        subject: `${pilot.key}: Fraud pilot v2`,
        at: '2026-11-21T10:00:00.000Z',
        reason: 'issue updated',
        changed: ['summary'],
      },
      expect.objectContaining({ to: [dataScientist.accountId], reason: 'issue updated' }),
    ]);
    // A no-op edit changes nothing and mails nobody.
    await edit(site, PM, '', 'Fraud pilot v3');
    expect(site.notifications()).toHaveLength(2);
  });

  test('notifyUsers=false without Administer Jira or Administer Projects is ignored: the mail goes', async () => {
    const { site } = await pilotSite();
    expect((await edit(site, SCIENTIST, '?notifyUsers=false', 'Quietly renamed')).status).toBe(204);
    expect(site.notifications()).toEqual([
      expect.objectContaining({ to: [projectManager.accountId], reason: 'issue updated' }),
    ]);
  });

  test('notifyUsers=false from a project administrator, a Jira administrator or the app mails nobody', async () => {
    const { site } = await pilotSite();
    await edit(site, PM, '?notifyUsers=false', 'By the project admin');
    await edit(site, ADMIN, '?notifyUsers=false', 'By the Jira admin');
    await edit(site, APP, '?notifyUsers=false', 'By the app');
    expect(site.notifications()).toEqual([]);
    await edit(site, APP, '', 'By the app, aloud');
    expect(site.notifications()).toEqual([
      expect.objectContaining({ to: [dataScientist.accountId, projectManager.accountId] }),
    ]);
  });
});
