/** Permissions: what each seeded person and the app may see and do. */
import type { Caller } from '../contracts';
import { SANDBOX_USERS } from '../contracts';
import { ADMIN, APP, OUTSIDER, PM, call, createIssue, task, testSite } from './testing';

const { site } = testSite();
const FORMER: Caller = { kind: 'user', accountId: SANDBOX_USERS.formerEmployee.accountId, viaApp: false };
const SCIENTIST: Caller = { kind: 'user', accountId: SANDBOX_USERS.dataScientist.accountId, viaApp: false };

async function searchKeys(caller: Caller, jql: string): Promise<string[]> {
  const reply = await call(site, caller, 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'] });
  expect(reply.status).toBe(200);
  return (reply.body['issues'] as { key: string }[]).map((issue) => issue.key).sort();
}

beforeAll(async () => {
  await createIssue(site, APP, task('Pilot'));
  await createIssue(site, APP, task('Review', 'SEC'));
});

describe('the outsider (no Browse Projects on AIP)', () => {
  test('sees no AIP issue in search results', async () => {
    expect(await searchKeys(OUTSIDER, 'issuetype = Task')).toEqual(['SEC-1']);
    expect(await searchKeys(APP, 'issuetype = Task')).toEqual(['AIP-1', 'SEC-1']);
  });

  test('gets 404, not 403, on an AIP issue, by key or id', async () => {
    for (const path of [
      '/rest/api/3/issue/AIP-1',
      '/rest/api/3/issue/10000',
      '/rest/api/3/issue/AIP-1/properties',
    ]) {
      const reply = await call(site, OUTSIDER, 'GET', path);
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({
        errorMessages: ['Issue does not exist or you do not have permission to see it.'],
        errors: {},
      });
    }
  });

  test('cannot name AIP in JQL, nor its issues', async () => {
    const project = await call(site, OUTSIDER, 'POST', '/rest/api/3/search/jql', { jql: 'project = AIP' });
    expect(project.status).toBe(400);
    expect(project.body['errorMessages']).toEqual([
      "The value 'AIP' does not exist for the field 'project'.",
    ]);
    const key = await call(site, OUTSIDER, 'POST', '/rest/api/3/search/jql', { jql: 'key = AIP-1' });
    expect(key.status).toBe(400);
  });

  test('cannot see, create in, or link into the project', async () => {
    expect((await call(site, OUTSIDER, 'GET', '/rest/api/3/project/AIP')).status).toBe(404);
    const search = await call(site, OUTSIDER, 'GET', '/rest/api/3/project/search');
    expect((search.body['values'] as { key: string }[]).map((project) => project.key)).toEqual([
      'SEC',
      'TEAM',
    ]);
    const create = await call(site, OUTSIDER, 'POST', '/rest/api/3/issue', { fields: task('Sneaky') });
    expect(create.status).toBe(400);
    expect(create.body['errors']).toEqual({ project: 'valid project is required' });
    const link = await call(site, OUTSIDER, 'POST', '/rest/api/3/issueLink', {
      type: { name: 'Relates' },
      inwardIssue: { key: 'SEC-1' },
      outwardIssue: { key: 'AIP-1' },
    });
    expect(link.status).toBe(404);
    expect(site.issueLinks()).toEqual([]);
  });

  test('mypermissions says so', async () => {
    const mine = (query: string) => call(site, OUTSIDER, 'GET', `/rest/api/3/mypermissions?${query}`);
    const aip = await mine('permissions=BROWSE_PROJECTS&projectKey=AIP');
    expect(aip.status).toBe(404);
    const sec = await mine('permissions=BROWSE_PROJECTS,ADMINISTER&projectKey=SEC');
    expect(sec.body['permissions']).toMatchObject({
      BROWSE_PROJECTS: { havePermission: true, type: 'PROJECT' },
      ADMINISTER: { havePermission: false, type: 'GLOBAL' },
    });
  });
});

describe('the app and the admin', () => {
  test('the app sees everything', async () => {
    expect(await searchKeys(APP, 'project in (AIP, SEC)')).toEqual(['AIP-1', 'SEC-1']);
    expect((await call(site, APP, 'GET', '/rest/api/3/issue/AIP-1')).status).toBe(200);
  });

  test('only a Jira administrator (or the app) may create issue types and link types', async () => {
    const pm = await call(site, PM, 'POST', '/rest/api/3/issuetype', { name: 'AI Pilot' });
    expect(pm.status).toBe(403);
    expect(pm.body['errorMessages']).toEqual([
      'You are not authorized to perform this action. Administrator privileges are required.',
    ]);
    expect(
      (await call(site, PM, 'POST', '/rest/api/3/issueLinkType', { name: 'X', inward: 'x', outward: 'y' }))
        .status,
    ).toBe(404);
    expect((await call(site, PM, 'GET', '/rest/api/3/issuetypescheme/project?projectId=10000')).status).toBe(
      403,
    );
    expect((await call(site, ADMIN, 'POST', '/rest/api/3/issuetype', { name: 'AI Pilot' })).status).toBe(201);
  });

  test('the admin may check another person’s permissions; others may not', async () => {
    const body = {
      accountId: SANDBOX_USERS.outsider.accountId,
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [10000, 10001] }],
    };
    const admin = await call(site, ADMIN, 'POST', '/rest/api/3/permissions/check', body);
    expect(admin.body['projectPermissions']).toEqual([
      { permission: 'BROWSE_PROJECTS', projects: [10001], issues: [] },
    ]);
    expect((await call(site, SCIENTIST, 'POST', '/rest/api/3/permissions/check', body)).status).toBe(403);
  });

  test('checks at most 1,000 existing issues in one request, ignoring ids that do not exist', async () => {
    const check = (issues: number[]) =>
      call(site, PM, 'POST', '/rest/api/3/permissions/check', {
        projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues }],
      });
    const unknown = Array.from({ length: 1500 }, (_, index) => 900_000 + index);
    expect((await check(unknown)).body['projectPermissions']).toEqual([
      { permission: 'BROWSE_PROJECTS', projects: [], issues: [] },
    ]);
    const ids: number[] = [];
    for (let batch = 0; batch < 21; batch += 1) {
      const created = await call(site, APP, 'POST', '/rest/api/3/issue/bulk', {
        issueUpdates: Array.from({ length: 50 }, (_, index) => ({ fields: task(`Task ${batch}.${index}`) })),
      });
      ids.push(...(created.body['issues'] as Array<{ id: string }>).map((issue) => Number(issue.id)));
    }
    expect((await check(ids.slice(0, 1000))).status).toBe(200);
    expect((await check(ids.slice(0, 1001))).status).toBe(400);
  });

  test('app custom field values can only be written by the app', async () => {
    const reply = await call(site, ADMIN, 'PUT', '/rest/api/3/app/field/customfield_10040/value', {
      updates: [{ issueIds: [10000], value: 1 }],
    });
    expect(reply.status).toBe(403);
  });
});

describe('inactive and unknown people', () => {
  test('a former employee cannot call the API', async () => {
    expect((await call(site, FORMER, 'GET', '/rest/api/3/myself')).status).toBe(401);
  });

  test('nobody can assign an issue to a former employee', async () => {
    const reply = await call(site, APP, 'PUT', '/rest/api/3/issue/AIP-1', {
      fields: { assignee: { accountId: SANDBOX_USERS.formerEmployee.accountId } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body['errors']).toEqual({
      assignee: `User '${SANDBOX_USERS.formerEmployee.accountId}' cannot be assigned issues.`,
    });
  });

  test('nor to someone without the Assignable User permission in that project', async () => {
    const reply = await call(site, APP, 'PUT', '/rest/api/3/issue/AIP-1', {
      fields: { assignee: { accountId: SANDBOX_USERS.outsider.accountId } },
    });
    expect(reply.status).toBe(400);
  });
});
