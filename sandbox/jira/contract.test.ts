/**
 * Contract tests: every endpoint the emulator serves answers with a body that Atlassian's OpenAPI
 * description accepts for that operation and status, and a request the description refuses gets
 * Jira's 400 ErrorCollection and changes nothing.
 */
import { SANDBOX_USERS } from '../contracts';
import type { Reply } from './testing';
import {
  APP,
  OUTSIDER,
  PM,
  call,
  createIssue,
  doc,
  expectResponseMatchesContract,
  task,
  testSite,
} from './testing';

const { site, warnings } = testSite();

function expectContract(operationId: string, reply: Reply, status: number): void {
  expect(reply.status).toBe(status);
  expectResponseMatchesContract(operationId, status, reply.json);
}

let epic: { id: string; key: string };
let pilot: { id: string; key: string };
let subtask: { id: string; key: string };

beforeAll(async () => {
  epic = await createIssue(site, APP, {
    project: { key: 'AIP' },
    issuetype: { name: 'Epic' },
    summary: 'Pilots 2026',
  });
  pilot = await createIssue(
    site,
    APP,
    task('Fraud model pilot', 'AIP', {
      parent: { key: epic.key },
      assignee: { accountId: SANDBOX_USERS.dataScientist.accountId },
      labels: ['ai-pilot'],
      duedate: '2027-02-01',
      description: doc('A pilot'),
      customfield_10041: { accountId: SANDBOX_USERS.pathwayEngineer.accountId },
      customfield_10042: '2026-11-02',
    }),
    { properties: [{ key: 'pilot-readiness', value: { score: 44, band: 'at-risk', graduated: false } }] },
  );
  subtask = await createIssue(site, APP, {
    project: { key: 'AIP' },
    issuetype: { name: 'Sub-task' },
    summary: 'Data access requests',
    parent: { key: pilot.key },
  });
  await call(site, APP, 'POST', '/rest/api/3/issueLink', {
    type: { name: 'Blocks' },
    inwardIssue: { key: subtask.key },
    outwardIssue: { key: pilot.key },
  });
  await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/remotelink`, {
    globalId: 'pilot-pathway:servicenow:abc',
    application: { type: 'com.servicenow', name: 'ServiceNow' },
    object: {
      url: 'https://example.service-now.com/ritm/abc',
      title: 'RITM0010001',
      status: { resolved: false },
    },
  });
  await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/comment`, { body: doc('Kickoff done') });
  await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/transitions`, { transition: { id: '21' } });
});

describe('responses match the OpenAPI description', () => {
  test('getIssue (all fields, properties, changelog)', async () => {
    const reply = await call(
      site,
      APP,
      'GET',
      `/rest/api/3/issue/${pilot.key}?properties=*all&expand=changelog,names`,
    );
    expectContract('getIssue', reply, 200);
    const fields = reply.body['fields'] as Record<string, unknown>;
    expect(fields['summary']).toBe('Fraud model pilot');
    expect((fields['parent'] as { key: string }).key).toBe(epic.key);
    expect((fields['subtasks'] as unknown[]).length).toBe(1);
    expect((fields['issuelinks'] as unknown[]).length).toBe(1);
    expect((fields['customfield_10041'] as { accountId: string }).accountId).toBe(
      SANDBOX_USERS.pathwayEngineer.accountId,
    );
    expect(reply.body['properties']).toEqual({
      'pilot-readiness': { score: 44, band: 'at-risk', graduated: false },
    });
  });

  test('getIssue with a fields list returns only those fields', async () => {
    const reply = await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}?fields=summary,status`);
    expectContract('getIssue', reply, 200);
    expect(Object.keys(reply.body['fields'] as object).sort()).toEqual(['status', 'summary']);
  });

  test('getIssue of a missing issue: 404 in Jira shape', async () => {
    expectContract('getIssue', await call(site, APP, 'GET', '/rest/api/3/issue/AIP-999'), 404);
  });

  test('createIssue', async () => {
    expectContract(
      'createIssue',
      await call(site, APP, 'POST', '/rest/api/3/issue', { fields: task('Another') }),
      201,
    );
  });

  test('createIssue refused: 400 with field errors', async () => {
    expectContract(
      'createIssue',
      await call(site, APP, 'POST', '/rest/api/3/issue', {
        fields: { project: { key: 'NOPE' }, summary: 'x' },
      }),
      400,
    );
  });

  test('createIssues: partial success 201, all failing 400', async () => {
    const partial = await call(site, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [
        { fields: task('Bulk one') },
        { fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' } } },
      ],
    });
    expectContract('createIssues', partial, 201);
    expect(partial.body['errors']).toEqual([
      {
        status: 400,
        elementErrors: { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } },
        failedElementNumber: 1,
      },
    ]);
    const none = await call(site, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [{ fields: { project: { key: 'NOPE' } } }],
    });
    expectContract('createIssues', none, 400);
    expect(none.body['issues']).toEqual([]);
  });

  test('editIssue: 204, and 200 with returnIssue', async () => {
    expectContract(
      'editIssue',
      await call(site, APP, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { summary: 'Fraud pilot' } }),
      204,
    );
    expectContract(
      'editIssue',
      await call(site, APP, 'PUT', `/rest/api/3/issue/${pilot.key}?returnIssue=true`, {
        fields: { labels: ['ai-pilot', 'fraud'] },
      }),
      200,
    );
  });

  test('deleteIssue', async () => {
    const doomed = await createIssue(site, APP, task('Delete me'));
    expectContract('deleteIssue', await call(site, APP, 'DELETE', `/rest/api/3/issue/${doomed.key}`), 204);
    expect(site.issue(doomed.key)).toBeUndefined();
  });

  test('search/jql GET and POST', async () => {
    const get = await call(
      site,
      APP,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('project = AIP ORDER BY key')}&fields=*all&properties=pilot-readiness`,
    );
    expectContract('searchAndReconsileIssuesUsingJql', get, 200);
    const post = await call(site, APP, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = AIP',
      maxResults: 1,
    });
    expectContract('searchAndReconsileIssuesUsingJqlPost', post, 200);
    expect(post.body['isLast']).toBe(false);
    expect(typeof post.body['nextPageToken']).toBe('string');
  });

  test('getTransitions and doTransition', async () => {
    expectContract(
      'getTransitions',
      await call(site, APP, 'GET', `/rest/api/3/issue/${subtask.key}/transitions?expand=transitions.fields`),
      200,
    );
    expectContract(
      'doTransition',
      await call(site, APP, 'POST', `/rest/api/3/issue/${subtask.key}/transitions`, {
        transition: { id: '31' },
        fields: { resolution: { name: 'Done' } },
      }),
      204,
    );
  });

  test('getChangeLogs', async () => {
    const reply = await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}/changelog`);
    expectContract('getChangeLogs', reply, 200);
    expect((reply.body['values'] as unknown[]).length).toBeGreaterThan(0);
  });

  test('issue properties: keys, get, set (201 then 200), delete', async () => {
    expectContract(
      'getIssuePropertyKeys',
      await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}/properties`),
      200,
    );
    expectContract(
      'getIssueProperty',
      await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}/properties/pilot-readiness`),
      200,
    );
    expectContract(
      'setIssueProperty',
      await call(site, APP, 'PUT', `/rest/api/3/issue/${pilot.key}/properties/pilot-milestones`, {
        'demo-sign-off': '2026-12-01',
      }),
      201,
    );
    expectContract(
      'setIssueProperty',
      await call(site, APP, 'PUT', `/rest/api/3/issue/${pilot.key}/properties/pilot-milestones`, {}),
      200,
    );
    expectContract(
      'deleteIssueProperty',
      await call(site, APP, 'DELETE', `/rest/api/3/issue/${pilot.key}/properties/pilot-milestones`),
      204,
    );
    expectContract(
      'getIssueProperty',
      await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}/properties/pilot-milestones`),
      404,
    );
  });

  test('linkIssues, getIssueLink, deleteIssueLink', async () => {
    const other = await createIssue(site, APP, task('Data access: claims warehouse'));
    expectContract(
      'linkIssues',
      await call(site, APP, 'POST', '/rest/api/3/issueLink', {
        type: { name: 'Relates' },
        inwardIssue: { key: pilot.key },
        outwardIssue: { key: other.key },
      }),
      201,
    );
    const link = site.issueLinks().find((candidate) => candidate.destinationKey === other.key);
    expect(link).toBeDefined();
    expectContract('getIssueLink', await call(site, APP, 'GET', `/rest/api/3/issueLink/${link?.id}`), 200);
    expectContract(
      'deleteIssueLink',
      await call(site, APP, 'DELETE', `/rest/api/3/issueLink/${link?.id}`),
      204,
    );
    expectContract('getIssueLink', await call(site, APP, 'GET', `/rest/api/3/issueLink/${link?.id}`), 404);
  });

  test('issue link types: list, get one, create', async () => {
    expectContract('getIssueLinkTypes', await call(site, APP, 'GET', '/rest/api/3/issueLinkType'), 200);
    expectContract('getIssueLinkType', await call(site, APP, 'GET', '/rest/api/3/issueLinkType/10000'), 200);
    expectContract(
      'createIssueLinkType',
      await call(site, APP, 'POST', '/rest/api/3/issueLinkType', {
        name: 'Data access',
        inward: 'is data access for',
        outward: 'needs data access',
      }),
      201,
    );
  });

  test('remote links: list, get by globalId, upsert (201 then 200), delete', async () => {
    const list = await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}/remotelink`);
    expect(list.status).toBe(200);
    // The description types this 200 as one RemoteIssueLink; Jira returns a list (its own example): check each element.
    for (const link of list.json as unknown[])
      expectResponseMatchesContract('getRemoteIssueLinks', 200, link);
    expectContract(
      'getRemoteIssueLinks',
      await call(
        site,
        APP,
        'GET',
        `/rest/api/3/issue/${pilot.key}/remotelink?globalId=${encodeURIComponent('pilot-pathway:servicenow:abc')}`,
      ),
      200,
    );
    const body = {
      globalId: 'pilot-pathway:servicenow:xyz',
      object: { url: 'https://example.service-now.com/x', title: 'RITM2' },
    };
    expectContract(
      'createOrUpdateRemoteIssueLink',
      await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/remotelink`, body),
      201,
    );
    expectContract(
      'createOrUpdateRemoteIssueLink',
      await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/remotelink`, body),
      200,
    );
    expectContract(
      'deleteRemoteIssueLinkByGlobalId',
      await call(
        site,
        APP,
        'DELETE',
        `/rest/api/3/issue/${pilot.key}/remotelink?globalId=${encodeURIComponent('pilot-pathway:servicenow:xyz')}`,
      ),
      204,
    );
  });

  test('issue types: all, one, create (201 then 409), per project', async () => {
    expectContract('getIssueAllTypes', await call(site, APP, 'GET', '/rest/api/3/issuetype'), 200);
    expectContract('getIssueType', await call(site, APP, 'GET', '/rest/api/3/issuetype/10001'), 200);
    expectContract(
      'createIssueType',
      await call(site, APP, 'POST', '/rest/api/3/issuetype', {
        name: 'AI Pilot',
        description: 'An AI pilot',
        hierarchyLevel: 0,
      }),
      201,
    );
    expectContract(
      'createIssueType',
      await call(site, APP, 'POST', '/rest/api/3/issuetype', { name: 'AI Pilot' }),
      409,
    );
    expectContract(
      'getIssueTypesForProject',
      await call(site, APP, 'GET', '/rest/api/3/issuetype/project?projectId=10000'),
      200,
    );
  });

  test('issue type schemes: for projects, add types', async () => {
    const schemes = await call(
      site,
      APP,
      'GET',
      '/rest/api/3/issuetypescheme/project?projectId=10000&projectId=10002',
    );
    expectContract('getIssueTypeSchemeForProjects', schemes, 200);
    const created = await call(site, APP, 'POST', '/rest/api/3/issuetype', { name: 'Review' });
    expectContract(
      'addIssueTypesToIssueTypeScheme',
      await call(site, APP, 'PUT', '/rest/api/3/issuetypescheme/10001/issuetype', {
        issueTypeIds: [String(created.body['id'])],
      }),
      204,
    );
  });

  test('projects: get, search', async () => {
    expectContract('getProject', await call(site, APP, 'GET', '/rest/api/3/project/AIP'), 200);
    expectContract('getProject', await call(site, APP, 'GET', '/rest/api/3/project/NOPE'), 404);
    expectContract(
      'searchProjects',
      await call(site, APP, 'GET', '/rest/api/3/project/search?orderBy=name'),
      200,
    );
  });

  test('users: get, bulk, myself', async () => {
    expectContract(
      'getUser',
      await call(site, APP, 'GET', `/rest/api/3/user?accountId=${SANDBOX_USERS.projectManager.accountId}`),
      200,
    );
    expectContract('getUser', await call(site, APP, 'GET', '/rest/api/3/user?accountId=nobody'), 404);
    expectContract(
      'bulkGetUsers',
      await call(
        site,
        APP,
        'GET',
        `/rest/api/3/user/bulk?accountId=${SANDBOX_USERS.admin.accountId}&accountId=${SANDBOX_USERS.outsider.accountId}`,
      ),
      200,
    );
    expectContract('getCurrentUser', await call(site, APP, 'GET', '/rest/api/3/myself'), 200);
    expectContract('getCurrentUser', await call(site, PM, 'GET', '/rest/api/3/myself'), 200);
  });

  test('users: search by name (active and deactivated), by account id, refused without either', async () => {
    const byName = await call(site, PM, 'GET', '/rest/api/3/user/search?query=f&maxResults=10');
    expectContract('findUsers', byName, 200);
    expect(byName.json).toEqual([
      expect.objectContaining({ displayName: 'Fay Former', active: false, accountType: 'atlassian' }),
    ]);
    const byId = await call(
      site,
      APP,
      'GET',
      `/rest/api/3/user/search?accountId=${SANDBOX_USERS.pathwayEngineer.accountId}`,
    );
    expectContract('findUsers', byId, 200);
    expect(byId.json).toEqual([expect.objectContaining({ displayName: 'Pat Pathway', active: true })]);
    expectContract('findUsers', await call(site, PM, 'GET', '/rest/api/3/user/search?maxResults=5'), 400);
  });

  test('permissions: mine and bulk check', async () => {
    expectContract(
      'getMyPermissions',
      await call(
        site,
        PM,
        'GET',
        '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,ADMINISTER&projectKey=AIP',
      ),
      200,
    );
    expectContract(
      'getMyPermissions',
      await call(site, PM, 'GET', '/rest/api/3/mypermissions?permissions=PERMISSION_123'),
      400,
    );
    expectContract(
      'getBulkPermissions',
      await call(site, APP, 'POST', '/rest/api/3/permissions/check', {
        accountId: SANDBOX_USERS.outsider.accountId,
        globalPermissions: ['ADMINISTER'],
        projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [10000, 10001] }],
      }),
      200,
    );
  });

  test('fields and app field values', async () => {
    expectContract('getFields', await call(site, APP, 'GET', '/rest/api/3/field'), 200);
    expectContract(
      'updateCustomFieldValue',
      await call(site, APP, 'PUT', '/rest/api/3/app/field/customfield_10040/value', {
        updates: [{ issueIds: [Number(pilot.id)], value: 44 }],
      }),
      204,
    );
    expectContract(
      'updateMultipleCustomFieldValues',
      await call(site, APP, 'POST', '/rest/api/3/app/field/value', {
        updates: [{ customField: 'customfield_10043', issueIds: [Number(pilot.id)], value: '2026-12-15' }],
      }),
      204,
    );
    expect(site.issue(pilot.key)?.customFields).toMatchObject({
      customfield_10040: 44,
      customfield_10043: '2026-12-15',
    });
  });

  test('comments: add and list', async () => {
    expectContract(
      'addComment',
      await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/comment`, { body: doc('Second') }),
      201,
    );
    const list = await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}/comment?orderBy=-created`);
    expectContract('getComments', list, 200);
    expect(list.body['total']).toBe(2);
  });

  test('serverInfo', async () => {
    expectContract('getServerInfo', await call(site, OUTSIDER, 'GET', '/rest/api/3/serverInfo'), 200);
  });
});

describe('requests the description refuses: 400 in Jira shape, nothing changes', () => {
  const refused = async (method: string, path: string, body?: unknown): Promise<Reply> => {
    const before = JSON.stringify(site.issues());
    const reply = await call(site, APP, method, path, body);
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ errorMessages: expect.any(Array), errors: expect.any(Object) });
    expect(
      (reply.body['errorMessages'] as string[]).length + Object.keys(reply.body['errors'] as object).length,
    ).toBeGreaterThan(0);
    expect(JSON.stringify(site.issues())).toBe(before);
    return reply;
  };

  test('a body of the wrong type', async () => {
    await refused('POST', '/rest/api/3/issue/bulk', { issueUpdates: 'not a list' });
    await refused('POST', '/rest/api/3/issue', '[1, 2]');
    await refused('POST', '/rest/api/3/search/jql', { jql: 'project = AIP', maxResults: 'ten' });
  });

  test('malformed JSON', async () => {
    await refused('POST', '/rest/api/3/issue', '{"fields": ');
  });

  test('an unknown property in a closed schema', async () => {
    const reply = await refused('POST', '/rest/api/3/issueLink', {
      type: { name: 'Blocks' },
      inwardIssue: { key: 'AIP-1' },
      outwardIssue: { key: 'AIP-2' },
      direction: 'up',
    });
    expect(JSON.stringify(reply.json)).toContain("'direction'");
  });

  test('a missing required body or property', async () => {
    await refused('POST', '/rest/api/3/issue/AIP-1/remotelink', { globalId: 'x' });
    await refused('PUT', '/rest/api/3/issuetypescheme/10001/issuetype');
    await refused('POST', '/rest/api/3/issuetype', { description: 'no name' });
  });

  test('a wrong or unknown query parameter', async () => {
    await refused('GET', '/rest/api/3/search/jql?jql=project%3DAIP&maxResults=many');
    await refused('GET', '/rest/api/3/issue/AIP-1?fieldz=summary');
    await refused('GET', '/rest/api/3/issuetype/project?projectId=AIP');
    await refused('DELETE', '/rest/api/3/issue/AIP-1?deleteSubtasks=yes');
  });

  test('a field that is not on the screen, or of the wrong type', async () => {
    const reply = await refused('POST', '/rest/api/3/issue', {
      fields: { ...task('x'), customfield_99999: 1, customfield_10040: 50 },
    });
    expect(reply.body['errors']).toEqual({
      customfield_99999:
        "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown.",
      customfield_10040:
        "Field 'customfield_10040' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    const typed = await refused('PUT', `/rest/api/3/issue/${pilot.key}`, {
      fields: { customfield_10042: 'next tuesday', duedate: 5 },
    });
    expect(typed.body['errors']).toEqual({
      customfield_10042: 'Error parsing date string: next tuesday',
      duedate: 'Error parsing date string: 5',
    });
  });

  test('every refusal is logged loudly with the operation', () => {
    expect(warnings.some((line) => line.includes('400 createIssues') && line.includes('issueUpdates'))).toBe(
      true,
    );
    expect(warnings.some((line) => line.includes('400 createIssue (POST /rest/api/3/issue)'))).toBe(true);
  });
});

describe('routes Jira does not have', () => {
  test('unknown path: 404 in Jira shape', async () => {
    const reply = await call(site, APP, 'GET', '/rest/api/3/no-such-thing');
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ errorMessages: [expect.stringContaining('null for uri')], errors: {} });
    expect(warnings.some((line) => line.includes('404 GET /rest/api/3/no-such-thing'))).toBe(true);
  });

  test('the removed /rest/api/3/search: 410', async () => {
    expect((await call(site, APP, 'GET', '/rest/api/3/search?jql=project%3DAIP')).status).toBe(410);
  });

  test('an operation Jira has but the emulator does not implement: 501, loudly', async () => {
    const reply = await call(site, APP, 'GET', '/rest/api/3/dashboard');
    expect(reply.status).toBe(501);
    expect(warnings.some((line) => line.includes('501 getAllDashboards'))).toBe(true);
  });
});

describe('the contract check itself', () => {
  test('refuses bodies and statuses the description does not allow', () => {
    expect(() => expectResponseMatchesContract('getIssue', 200, { id: 1 })).toThrow(
      /body\.id must be string/,
    );
    expect(() => expectResponseMatchesContract('getIssue', 200, { surprise: true })).toThrow(/'surprise'/);
    expect(() => expectResponseMatchesContract('createIssue', 200, {})).toThrow(
      /does not document status 200/,
    );
    expect(() => expectResponseMatchesContract('getIssue', 404, { message: 'not Jira’s shape' })).toThrow(
      /'message'/,
    );
    expect(() => expectResponseMatchesContract('getServerInfo', 200, { serverTime: 'yesterday' })).toThrow(
      /date-time/,
    );
  });
});
