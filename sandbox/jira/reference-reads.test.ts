/**
 * Reads a Jira client meets besides issues: a project with its issue types (`expand`), search's
 * `names`/`schema` at the top, the approximate count, the paged field search, assignable users,
 * statuses and status categories. Each answer is checked against the description too.
 */
import { SANDBOX_USERS } from '../contracts';
import type { Caller } from '../contracts';
import { SEC_PROJECT_ID, STATUS_IDS, TEAM_AI_PILOT_TYPE_ID, TEAM_PROJECT_ID } from './seed';
import type { Reply } from './testing';
import {
  ADMIN,
  APP,
  OUTSIDER,
  PM,
  call,
  createIssue,
  expectResponseMatchesContract,
  task,
  testSite,
} from './testing';

const { site, warnings } = testSite();

async function expectAnswer(
  operationId: string,
  status: number,
  caller: Caller,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  const reply = await call(site, caller, method, path, body);
  expect({ status: reply.status, body: reply.json }).toMatchObject({ status });
  expectResponseMatchesContract(operationId, status, reply.json);
  return reply;
}

const names = (reply: Reply): string[] =>
  (reply.json as { displayName: string }[]).map((user) => user.displayName);

describe('GET /project/{key}', () => {
  test('expand=issueTypes answers 200 with the team-managed project’s own, scoped types', async () => {
    const reply = await expectAnswer(
      'getProject',
      200,
      APP,
      'GET',
      '/rest/api/3/project/TEAM?expand=issueTypes',
    );
    const types = reply.body['issueTypes'] as { id: string; name: string; scope?: unknown }[];
    expect(types.map((type) => type.name)).toEqual(['Epic', 'Task', 'Subtask', 'AI Pilot']);
    expect(types.find((type) => type.id === TEAM_AI_PILOT_TYPE_ID)?.scope).toEqual({
      type: 'PROJECT',
      project: { id: TEAM_PROJECT_ID },
    });
  });

  test('every documented expand value is accepted; description, lead and issue types come anyway', async () => {
    await createIssue(site, APP, task('Counted'));
    const all = 'description,issueTypes,lead,projectKeys,issueTypeHierarchy,url,permissions,insight';
    const reply = await expectAnswer('getProject', 200, PM, 'GET', `/rest/api/3/project/AIP?expand=${all}`);
    expect(reply.body).toMatchObject({
      lead: { accountId: SANDBOX_USERS.projectManager.accountId },
      permissions: { canEdit: true },
      insight: { totalIssueCount: 1, lastIssueUpdateTime: expect.any(String) },
      issueTypeHierarchy: {
        levels: [
          { level: 1, issueTypeIds: [10000] },
          { level: 0, issueTypeIds: [10001] },
          { level: -1, issueTypeIds: [10002] },
        ],
      },
    });
    const plain = await expectAnswer('getProject', 200, OUTSIDER, 'GET', '/rest/api/3/project/SEC');
    expect(Object.keys(plain.body)).toEqual(expect.arrayContaining(['description', 'lead', 'issueTypes']));
    expect(plain.body).not.toHaveProperty('permissions');
    const outsider = await call(site, OUTSIDER, 'GET', '/rest/api/3/project/SEC?expand=permissions');
    expect(outsider.body['permissions']).toEqual({ canEdit: false });
  });

  test('an undocumented expand value is ignored, as Jira ignores it, and said so in the log', async () => {
    const reply = await expectAnswer('getProject', 200, APP, 'GET', '/rest/api/3/project/AIP?expand=colours');
    expect(reply.body['key']).toBe('AIP');
    expect(warnings.some((line) => line.includes('expand=colours is not a value Jira documents here'))).toBe(
      true,
    );
  });

  test('project search includes issue types, lead and description only when expand asks', async () => {
    const bare = await expectAnswer(
      'searchProjects',
      200,
      APP,
      'GET',
      '/rest/api/3/project/search?keys=TEAM',
    );
    const [project] = bare.body['values'] as Record<string, unknown>[];
    expect(project).not.toHaveProperty('issueTypes');
    expect(project).not.toHaveProperty('lead');
    const expanded = await expectAnswer(
      'searchProjects',
      200,
      APP,
      'GET',
      '/rest/api/3/project/search?keys=TEAM&expand=issueTypes,lead',
    );
    const [withTypes] = expanded.body['values'] as Record<string, unknown>[];
    expect((withTypes?.['issueTypes'] as unknown[]).length).toBe(4);
    expect(withTypes).toHaveProperty('lead');
  });
});

describe('search: names and schema once, at the top', () => {
  test.each([
    ['GET', 'searchAndReconsileIssuesUsingJql'],
    ['POST', 'searchAndReconsileIssuesUsingJqlPost'],
  ])('%s /search/jql with expand=names,schema', async (method, operationId) => {
    const { site: fresh } = testSite();
    await createIssue(fresh, APP, task('One'));
    await createIssue(fresh, APP, task('Two'));
    const reply =
      method === 'GET'
        ? await call(
            fresh,
            APP,
            'GET',
            '/rest/api/3/search/jql?jql=project%3DAIP&fields=summary,status&expand=names,schema',
          )
        : await call(fresh, APP, 'POST', '/rest/api/3/search/jql', {
            jql: 'project = AIP',
            fields: ['summary', 'status'],
            expand: 'names,schema',
          });
    expect(reply.status).toBe(200);
    expectResponseMatchesContract(operationId, 200, reply.json);
    expect(reply.body['names']).toEqual({ summary: 'Summary', status: 'Status' });
    expect(reply.body['schema']).toEqual({
      summary: { type: 'string', system: 'summary' },
      status: { type: 'status', system: 'status' },
    });
    for (const issue of reply.body['issues'] as Record<string, unknown>[]) {
      expect(issue).not.toHaveProperty('names');
      expect(issue).not.toHaveProperty('schema');
    }
  });

  test('GET issue keeps names and schema on the issue', async () => {
    const issue = await createIssue(site, APP, task('Named'));
    const reply = await expectAnswer(
      'getIssue',
      200,
      APP,
      'GET',
      `/rest/api/3/issue/${issue.key}?fields=summary&expand=names,schema`,
    );
    expect(reply.body['names']).toEqual({ summary: 'Summary' });
    expect(reply.body['schema']).toEqual({ summary: { type: 'string', system: 'summary' } });
  });
});

describe('POST /search/approximate-count', () => {
  test('counts what the caller may browse, on the search index (it lags when search lags)', async () => {
    const { site: fresh, clock: freshClock } = testSite();
    await createIssue(fresh, APP, task('AIP one'));
    await createIssue(fresh, APP, task('SEC one', 'SEC'));
    const count = async (caller: Caller, jql: string): Promise<unknown> => {
      const reply = await call(fresh, caller, 'POST', '/rest/api/3/search/approximate-count', { jql });
      expect(reply.status).toBe(200);
      expectResponseMatchesContract('countIssues', 200, reply.json);
      return reply.body['count'];
    };
    expect(await count(APP, 'status = "To Do"')).toBe(2);
    expect(await count(OUTSIDER, 'status = "To Do"')).toBe(1);
    fresh.setBehaviour({ searchLagMs: 5000 });
    await createIssue(fresh, APP, task('AIP two'));
    expect(await count(APP, 'project = AIP')).toBe(1);
    freshClock.advance(5001);
    expect(await count(APP, 'project = AIP')).toBe(2);
  });

  test('unbounded or invalid JQL: 400 with errorMessages; a missing body: 400', async () => {
    for (const body of [{ jql: 'ORDER BY key' }, { jql: 'project = NOPE' }, { jql: 'project = ' }, {}]) {
      const reply = await expectAnswer(
        'countIssues',
        400,
        APP,
        'POST',
        '/rest/api/3/search/approximate-count',
        body,
      );
      expect((reply.body['errorMessages'] as string[]).length).toBeGreaterThan(0);
    }
    expect((await call(site, APP, 'POST', '/rest/api/3/search/approximate-count')).status).toBe(400);
  });
});

describe('GET /field/search', () => {
  const fieldSearch = (query: string): Promise<Reply> =>
    expectAnswer('getFieldsPaginated', 200, APP, 'GET', `/rest/api/3/field/search?${query}`);
  const ids = (reply: Reply): string[] => (reply.body['values'] as { id: string }[]).map((field) => field.id);

  test('by type, id and part of the name, ordered by name', async () => {
    const readiness = await fieldSearch('type=custom&query=readi&orderBy=name&expand=key,isLocked,lastUsed');
    expect(readiness.body['values']).toEqual([
      expect.objectContaining({ id: 'customfield_10020', key: 'customfield_10020', isLocked: false }),
      expect.objectContaining({ id: 'customfield_10040', isLocked: true, lastUsed: { type: 'NOT_TRACKED' } }),
    ]);
    expect(ids(await fieldSearch('type=system&query=readi'))).toEqual([]);
    expect(ids(await fieldSearch('id=summary&id=customfield_10041'))).toEqual([
      'summary',
      'customfield_10041',
    ]);
    const fields = (await fieldSearch('type=custom&orderBy=-name')).body['values'] as { name: string }[];
    const fieldNames = fields.map((field) => field.name);
    expect(fieldNames).toEqual([...fieldNames].sort((a, b) => b.localeCompare(a)));
    expect(fieldNames.length).toBeGreaterThan(2);
  });

  test('paged: maxResults, startAt, isLast and the next page’s URL', async () => {
    const first = await fieldSearch('maxResults=2');
    expect(first.body).toMatchObject({ startAt: 0, maxResults: 2, isLast: false });
    expect(String(first.body['nextPage'])).toContain('startAt=2');
    const total = Number(first.body['total']);
    const last = await fieldSearch(`startAt=${total - 1}&maxResults=2`);
    expect(last.body).toMatchObject({ isLast: true });
    expect(last.body).not.toHaveProperty('nextPage');
    expect(ids(last)).toHaveLength(1);
  });

  test('refused: a type or order Jira does not know (400), an order the emulator cannot keep (400), a non-admin (403)', async () => {
    await expectAnswer('getFieldsPaginated', 400, APP, 'GET', '/rest/api/3/field/search?type=weird');
    await expectAnswer('getFieldsPaginated', 400, APP, 'GET', '/rest/api/3/field/search?orderBy=colour');
    await expectAnswer('getFieldsPaginated', 400, APP, 'GET', '/rest/api/3/field/search?orderBy=lastUsed');
    await expectAnswer('getFieldsPaginated', 400, APP, 'GET', '/rest/api/3/field/search?expand=screensCount');
    await expectAnswer('getFieldsPaginated', 403, PM, 'GET', '/rest/api/3/field/search');
    expect((await call(site, ADMIN, 'GET', '/rest/api/3/field/search')).status).toBe(200);
  });
});

describe('GET /user/assignable/search', () => {
  const assignable = (query: string, caller: Caller = PM): Promise<Reply> =>
    expectAnswer('findAssignableUsers', 200, caller, 'GET', `/rest/api/3/user/assignable/search?${query}`);

  test('only active people with Assignable User in the project', async () => {
    // Oscar holds no permission in AIP, only in SEC and TEAM; Fay is deactivated.
    expect(names(await assignable('project=AIP&query=o'))).toEqual([]);
    expect(names(await assignable('project=SEC&query=o'))).toEqual(['Oscar Outsider']);
    expect(names(await assignable('project=AIP&query=fay'))).toEqual([]);
    expect(names(await assignable('project=AIP&query=p'))).toEqual(['Pat Pathway', 'Priya PM']);
    expect(names(await assignable('project=AIP&query=p&startAt=1&maxResults=1'))).toEqual(['Priya PM']);
    const { outsider } = SANDBOX_USERS;
    expect(names(await assignable(`project=${SEC_PROJECT_ID}&accountId=${outsider.accountId}`))).toEqual([
      'Oscar Outsider',
    ]);
  });

  test('by issue: the issue’s project decides', async () => {
    const issue = await createIssue(site, APP, task('Whose?'));
    expect(names(await assignable(`issueKey=${issue.key}&query=oscar`))).toEqual([]);
    const sec = await createIssue(site, APP, task('Review', 'SEC'));
    expect(names(await assignable(`issueId=${sec.id}&query=oscar`, APP))).toEqual(['Oscar Outsider']);
  });

  test('refused as Jira refuses: no project or issue, no query, both query and accountId, a bad issue id (400); unknown project, issue or transition (404)', async () => {
    const refused = (status: number, query: string) =>
      expectAnswer('findAssignableUsers', status, PM, 'GET', `/rest/api/3/user/assignable/search?${query}`);
    await refused(400, 'query=a');
    await refused(400, 'project=AIP');
    await refused(400, `project=AIP&query=a&accountId=${SANDBOX_USERS.admin.accountId}`);
    await refused(400, 'issueId=AIP-1&query=a');
    await refused(400, 'project=AIP&username=ada');
    await refused(404, 'project=NOPE&query=a');
    await refused(404, 'issueKey=AIP-999&query=a');
    await refused(404, 'project=AIP&query=a&actionDescriptorId=99');
    // A project the caller cannot browse is not found, as Jira hides it.
    await expectAnswer(
      'findAssignableUsers',
      404,
      OUTSIDER,
      'GET',
      '/rest/api/3/user/assignable/search?project=AIP&query=a',
    );
  });
});

describe('statuses and status categories', () => {
  test('GET /status, /status/{idOrName}: the workflow’s statuses', async () => {
    const all = await expectAnswer('getStatuses', 200, OUTSIDER, 'GET', '/rest/api/3/status');
    expect((all.json as { name: string }[]).map((status) => status.name)).toEqual([
      'To Do',
      'In Progress',
      'Done',
    ]);
    const byId = await expectAnswer('getStatus', 200, APP, 'GET', `/rest/api/3/status/${STATUS_IDS.done}`);
    expect(byId.body).toMatchObject({ name: 'Done', statusCategory: { key: 'done' } });
    const byName = await expectAnswer('getStatus', 200, APP, 'GET', '/rest/api/3/status/in%20progress');
    expect(byName.body['id']).toBe(STATUS_IDS.inProgress);
    await expectAnswer('getStatus', 404, APP, 'GET', '/rest/api/3/status/Parked');
  });

  test('GET /statuscategory and /statuscategory/{idOrKey}: Jira’s four, No Category among them', async () => {
    const all = await expectAnswer('getStatusCategories', 200, APP, 'GET', '/rest/api/3/statuscategory');
    expect((all.json as { key: string }[]).map((category) => category.key)).toEqual([
      'undefined',
      'new',
      'done',
      'indeterminate',
    ]);
    const done = await expectAnswer('getStatusCategory', 200, APP, 'GET', '/rest/api/3/statuscategory/done');
    expect(done.body).toMatchObject({ id: 3, name: 'Done' });
    expect((await call(site, APP, 'GET', '/rest/api/3/statuscategory/4')).body['key']).toBe('indeterminate');
    await expectAnswer('getStatusCategory', 404, APP, 'GET', '/rest/api/3/statuscategory/parked');
  });

  test('GET /statuses by id: unknown ids left out; none or more than 50: 400; a non-admin: 401', async () => {
    const reply = await expectAnswer(
      'getStatusesById',
      200,
      PM,
      'GET',
      `/rest/api/3/statuses?id=${STATUS_IDS.toDo}&id=${STATUS_IDS.done}&id=99999`,
    );
    expect(reply.json).toEqual([
      {
        id: STATUS_IDS.toDo,
        name: 'To Do',
        description: '',
        statusCategory: 'TODO',
        scope: { type: 'GLOBAL' },
      },
      expect.objectContaining({ id: STATUS_IDS.done, statusCategory: 'DONE' }),
    ]);
    await expectAnswer('getStatusesById', 400, APP, 'GET', '/rest/api/3/statuses');
    const many = Array.from({ length: 51 }, (_, index) => `id=${10000 + index}`).join('&');
    await expectAnswer('getStatusesById', 400, APP, 'GET', `/rest/api/3/statuses?${many}`);
    await expectAnswer('getStatusesById', 401, OUTSIDER, 'GET', `/rest/api/3/statuses?id=${STATUS_IDS.toDo}`);
  });

  test('GET /statuses/search: by name and category, paged; a project’s own statuses (none here)', async () => {
    const search = (query: string): Promise<Reply> =>
      expectAnswer('search', 200, APP, 'GET', `/rest/api/3/statuses/search?${query}`);
    const statusNames = (reply: Reply): string[] =>
      (reply.body['values'] as { name: string }[]).map((status) => status.name);
    expect(statusNames(await search(''))).toEqual(['To Do', 'In Progress', 'Done']);
    expect(statusNames(await search('searchString=do'))).toEqual(['To Do', 'Done']);
    expect(statusNames(await search('statusCategory=IN_PROGRESS'))).toEqual(['In Progress']);
    const first = await search('maxResults=2');
    expect(first.body).toMatchObject({ total: 3, isLast: false, startAt: 0, maxResults: 2 });
    expect(String(first.body['nextPage'])).toContain('startAt=2');
    expect(statusNames(await search('startAt=2&maxResults=2'))).toEqual(['Done']);
    expect(statusNames(await search(`projectId=${TEAM_PROJECT_ID}`))).toEqual([]);
    await expectAnswer('search', 400, APP, 'GET', '/rest/api/3/statuses/search?statusCategory=PARKED');
    await expectAnswer('search', 400, APP, 'GET', '/rest/api/3/statuses/search?projectId=99999');
    await expectAnswer('search', 401, OUTSIDER, 'GET', '/rest/api/3/statuses/search');
  });
});
