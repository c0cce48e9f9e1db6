/**
 * Contract tests: every endpoint the emulator serves answers with a body that Atlassian's OpenAPI
 * description accepts for that operation and status, and a request the description refuses gets
 * Jira's 400 ErrorCollection and changes nothing.
 */
import type { Caller } from '../contracts';
import { SANDBOX_USERS } from '../contracts';
import type { Reply } from './testing';
import {
  APP,
  OUTSIDER,
  PM,
  call,
  createIssue,
  doc,
  epic,
  expectResponseMatchesContract,
  subtask,
  task,
  testSite,
} from './testing';

const { site, warnings } = testSite();

/** Calls the site and expects the status, with a body the description accepts for that operation. */
async function expectCall(
  operationId: string,
  status: number,
  caller: Caller,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  const reply = await call(site, caller, method, path, body);
  expect(reply.status).toBe(status);
  expectResponseMatchesContract(operationId, status, reply.json);
  return reply;
}

let portfolio: { id: string; key: string };
let pilot: { id: string; key: string };
let dataAccess: { id: string; key: string };

beforeAll(async () => {
  portfolio = await createIssue(site, APP, epic('Pilots 2026'));
  pilot = await createIssue(
    site,
    APP,
    task('Fraud model pilot', 'AIP', {
      parent: { key: portfolio.key },
      assignee: { accountId: SANDBOX_USERS.dataScientist.accountId },
      labels: ['ai-pilot'],
      duedate: '2027-02-01',
      description: doc('A pilot'),
      customfield_10041: { accountId: SANDBOX_USERS.pathwayEngineer.accountId },
      customfield_10042: '2026-11-02',
    }),
    { properties: [{ key: 'pilot-readiness', value: { score: 44, band: 'at-risk', graduated: false } }] },
  );
  dataAccess = await createIssue(site, APP, subtask('Data access requests', pilot.key));
  await call(site, APP, 'POST', '/rest/api/3/issueLink', {
    type: { name: 'Blocks' },
    inwardIssue: { key: dataAccess.key },
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
  /** The pilot's own resource, or one below it (`/comment`, `/properties/...`). */
  const onPilot = (below = ''): string => `/rest/api/3/issue/${pilot.key}${below}`;

  test('getIssue (all fields, properties, changelog)', async () => {
    const reply = await expectCall(
      'getIssue',
      200,
      APP,
      'GET',
      onPilot('?properties=*all&expand=changelog,names'),
    );
    const fields = reply.body['fields'] as Record<string, unknown>;
    expect(fields['summary']).toBe('Fraud model pilot');
    expect((fields['parent'] as { key: string }).key).toBe(portfolio.key);
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
    const reply = await expectCall('getIssue', 200, APP, 'GET', onPilot('?fields=summary,status'));
    expect(Object.keys(reply.body['fields'] as object).sort()).toEqual(['status', 'summary']);
  });

  test('getIssue of a missing issue: 404 in Jira shape', async () => {
    await expectCall('getIssue', 404, APP, 'GET', '/rest/api/3/issue/AIP-999');
  });

  test('createIssue', async () => {
    await expectCall('createIssue', 201, APP, 'POST', '/rest/api/3/issue', { fields: task('Another') });
  });

  test('createIssue refused: 400 with field errors', async () => {
    await expectCall('createIssue', 400, APP, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'NOPE' }, summary: 'x' },
    });
  });

  test('createIssues: partial success 201, all failing 400', async () => {
    const partial = await expectCall('createIssues', 201, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [
        { fields: task('Bulk one') },
        { fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' } } },
      ],
    });
    expect(partial.body['errors']).toEqual([
      {
        status: 400,
        elementErrors: { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } },
        failedElementNumber: 1,
      },
    ]);
    const none = await expectCall('createIssues', 400, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [{ fields: { project: { key: 'NOPE' } } }],
    });
    expect(none.body['issues']).toEqual([]);
  });

  test('editIssue: 204, and 200 with returnIssue', async () => {
    await expectCall('editIssue', 204, APP, 'PUT', onPilot(), { fields: { summary: 'Fraud pilot' } });
    await expectCall('editIssue', 200, APP, 'PUT', onPilot('?returnIssue=true'), {
      fields: { labels: ['ai-pilot', 'fraud'] },
    });
  });

  test('deleteIssue: 204; 400 for an issue with sub-tasks unless deleteSubtasks=true; 404', async () => {
    const doomed = await createIssue(site, APP, task('Delete me'));
    await expectCall('deleteIssue', 204, APP, 'DELETE', `/rest/api/3/issue/${doomed.key}`);
    expect(site.issue(doomed.key)).toBeUndefined();
    const parent = await createIssue(site, APP, task('Parent'));
    const child = await createIssue(site, APP, subtask('Child', parent.key));
    await expectCall('deleteIssue', 400, APP, 'DELETE', `/rest/api/3/issue/${parent.key}`);
    expect(site.issue(child.key)).toBeDefined();
    await expectCall(
      'deleteIssue',
      204,
      APP,
      'DELETE',
      `/rest/api/3/issue/${parent.key}?deleteSubtasks=true`,
    );
    expect([site.issue(parent.key), site.issue(child.key)]).toEqual([undefined, undefined]);
    await expectCall('deleteIssue', 404, APP, 'DELETE', `/rest/api/3/issue/${parent.key}`);
  });

  test('notify: 204 queued; 400 without recipients; 404 for an issue the caller cannot see', async () => {
    await expectCall('notify', 204, APP, 'POST', onPilot('/notify'), {
      subject: 'Pilot killed',
      textBody: 'Closed as Won’t Do',
      to: { assignee: true, reporter: true, watchers: true, voters: false, users: [], groups: [] },
      restrict: { permissions: [{ key: 'BROWSE_PROJECTS' }] },
    });
    await expectCall('notify', 400, APP, 'POST', onPilot('/notify'), { subject: 'Nobody', to: {} });
    await expectCall('notify', 404, OUTSIDER, 'POST', onPilot('/notify'), { to: { reporter: true } });
  });

  test('search/jql GET and POST', async () => {
    const jql = encodeURIComponent('project = AIP ORDER BY key');
    await expectCall(
      'searchAndReconsileIssuesUsingJql',
      200,
      APP,
      'GET',
      `/rest/api/3/search/jql?jql=${jql}&fields=*all&properties=pilot-readiness`,
    );
    const post = await expectCall(
      'searchAndReconsileIssuesUsingJqlPost',
      200,
      APP,
      'POST',
      '/rest/api/3/search/jql',
      {
        jql: 'project = AIP',
        maxResults: 1,
      },
    );
    expect(post.body['isLast']).toBe(false);
    expect(typeof post.body['nextPageToken']).toBe('string');
  });

  test('search/jql with names and schema; approximate count', async () => {
    const jql = encodeURIComponent('project = AIP');
    await expectCall(
      'searchAndReconsileIssuesUsingJql',
      200,
      APP,
      'GET',
      `/rest/api/3/search/jql?jql=${jql}&fields=*all&expand=names,schema,changelog`,
    );
    await expectCall('countIssues', 200, APP, 'POST', '/rest/api/3/search/approximate-count', {
      jql: 'project = AIP',
    });
    await expectCall('countIssues', 400, APP, 'POST', '/rest/api/3/search/approximate-count', { jql: '' });
  });

  test('statuses: classic and workflow APIs; status categories', async () => {
    await expectCall('getStatuses', 200, APP, 'GET', '/rest/api/3/status');
    await expectCall('getStatus', 200, APP, 'GET', '/rest/api/3/status/Done');
    await expectCall('getStatus', 404, APP, 'GET', '/rest/api/3/status/Parked');
    await expectCall('getStatusCategories', 200, APP, 'GET', '/rest/api/3/statuscategory');
    await expectCall('getStatusCategory', 200, APP, 'GET', '/rest/api/3/statuscategory/new');
    await expectCall('getStatusesById', 200, APP, 'GET', '/rest/api/3/statuses?id=10000&id=10002');
    await expectCall('search', 200, APP, 'GET', '/rest/api/3/statuses/search?maxResults=1');
    await expectCall('search', 400, APP, 'GET', '/rest/api/3/statuses/search?statusCategory=new');
  });

  test('getTransitions and doTransition', async () => {
    const transitions = `/rest/api/3/issue/${dataAccess.key}/transitions`;
    await expectCall('getTransitions', 200, APP, 'GET', `${transitions}?expand=transitions.fields`);
    await expectCall('doTransition', 204, APP, 'POST', transitions, {
      transition: { id: '31' },
      fields: { resolution: { name: 'Done' } },
    });
  });

  test('getChangeLogs', async () => {
    const reply = await expectCall('getChangeLogs', 200, APP, 'GET', onPilot('/changelog'));
    expect((reply.body['values'] as unknown[]).length).toBeGreaterThan(0);
  });

  test('issue properties: keys, get, set (201 then 200), delete', async () => {
    const milestones = onPilot('/properties/pilot-milestones');
    await expectCall('getIssuePropertyKeys', 200, APP, 'GET', onPilot('/properties'));
    await expectCall('getIssueProperty', 200, APP, 'GET', onPilot('/properties/pilot-readiness'));
    await expectCall('setIssueProperty', 201, APP, 'PUT', milestones, { 'demo-sign-off': '2026-12-01' });
    await expectCall('setIssueProperty', 200, APP, 'PUT', milestones, {});
    await expectCall('deleteIssueProperty', 204, APP, 'DELETE', milestones);
    await expectCall('getIssueProperty', 404, APP, 'GET', milestones);
  });

  test('linkIssues, getIssueLink, deleteIssueLink', async () => {
    const other = await createIssue(site, APP, task('Data access: claims warehouse'));
    await expectCall('linkIssues', 201, APP, 'POST', '/rest/api/3/issueLink', {
      type: { name: 'Relates' },
      inwardIssue: { key: pilot.key },
      outwardIssue: { key: other.key },
    });
    const link = site.issueLinks().find((candidate) => candidate.destinationKey === other.key);
    expect(link).toBeDefined();
    await expectCall('getIssueLink', 200, APP, 'GET', `/rest/api/3/issueLink/${link?.id}`);
    await expectCall('deleteIssueLink', 204, APP, 'DELETE', `/rest/api/3/issueLink/${link?.id}`);
    await expectCall('getIssueLink', 404, APP, 'GET', `/rest/api/3/issueLink/${link?.id}`);
  });

  test('issue link types: list, get one, create', async () => {
    await expectCall('getIssueLinkTypes', 200, APP, 'GET', '/rest/api/3/issueLinkType');
    await expectCall('getIssueLinkType', 200, APP, 'GET', '/rest/api/3/issueLinkType/10000');
    await expectCall('createIssueLinkType', 201, APP, 'POST', '/rest/api/3/issueLinkType', {
      name: 'Data access',
      inward: 'is data access for',
      outward: 'needs data access',
    });
  });

  test('remote links: list, get by globalId, upsert (201 then 200), delete', async () => {
    const remoteLinks = onPilot('/remotelink');
    const byGlobalId = (globalId: string): string =>
      `${remoteLinks}?globalId=${encodeURIComponent(globalId)}`;
    const list = await call(site, APP, 'GET', remoteLinks);
    expect(list.status).toBe(200);
    // The description types this 200 as one RemoteIssueLink; Jira returns a list (its own example): check each element.
    for (const link of list.json as unknown[])
      expectResponseMatchesContract('getRemoteIssueLinks', 200, link);
    await expectCall('getRemoteIssueLinks', 200, APP, 'GET', byGlobalId('pilot-pathway:servicenow:abc'));
    const body = {
      globalId: 'pilot-pathway:servicenow:xyz',
      object: { url: 'https://example.service-now.com/x', title: 'RITM2' },
    };
    await expectCall('createOrUpdateRemoteIssueLink', 201, APP, 'POST', remoteLinks, body);
    await expectCall('createOrUpdateRemoteIssueLink', 200, APP, 'POST', remoteLinks, body);
    await expectCall(
      'deleteRemoteIssueLinkByGlobalId',
      204,
      APP,
      'DELETE',
      byGlobalId('pilot-pathway:servicenow:xyz'),
    );
  });

  test('issue types: all, one, create (201 then 409), per project', async () => {
    await expectCall('getIssueAllTypes', 200, APP, 'GET', '/rest/api/3/issuetype');
    await expectCall('getIssueType', 200, APP, 'GET', '/rest/api/3/issuetype/10001');
    await expectCall('createIssueType', 201, APP, 'POST', '/rest/api/3/issuetype', {
      name: 'AI Pilot',
      description: 'An AI pilot',
      hierarchyLevel: 0,
    });
    await expectCall('createIssueType', 409, APP, 'POST', '/rest/api/3/issuetype', { name: 'AI Pilot' });
    await expectCall(
      'getIssueTypesForProject',
      200,
      APP,
      'GET',
      '/rest/api/3/issuetype/project?projectId=10000',
    );
  });

  test('issue type schemes: for projects, add types', async () => {
    const forProjects = '/rest/api/3/issuetypescheme/project?projectId=10000&projectId=10002';
    await expectCall('getIssueTypeSchemeForProjects', 200, APP, 'GET', forProjects);
    const created = await call(site, APP, 'POST', '/rest/api/3/issuetype', { name: 'Review' });
    const addTypes = '/rest/api/3/issuetypescheme/10001/issuetype';
    await expectCall('addIssueTypesToIssueTypeScheme', 204, APP, 'PUT', addTypes, {
      issueTypeIds: [String(created.body['id'])],
    });
  });

  test('projects: get, search', async () => {
    await expectCall('getProject', 200, APP, 'GET', '/rest/api/3/project/AIP');
    await expectCall(
      'getProject',
      200,
      APP,
      'GET',
      '/rest/api/3/project/TEAM?expand=issueTypes,permissions,insight,issueTypeHierarchy',
    );
    await expectCall('searchProjects', 200, APP, 'GET', '/rest/api/3/project/search?expand=issueTypes,lead');
    await expectCall('getProject', 404, APP, 'GET', '/rest/api/3/project/NOPE');
    await expectCall('searchProjects', 200, APP, 'GET', '/rest/api/3/project/search?orderBy=name');
  });

  test('users: get, bulk, myself', async () => {
    const { admin, outsider, projectManager } = SANDBOX_USERS;
    await expectCall('getUser', 200, APP, 'GET', `/rest/api/3/user?accountId=${projectManager.accountId}`);
    await expectCall('getUser', 404, APP, 'GET', '/rest/api/3/user?accountId=nobody');
    const bulk = `/rest/api/3/user/bulk?accountId=${admin.accountId}&accountId=${outsider.accountId}`;
    await expectCall('bulkGetUsers', 200, APP, 'GET', bulk);
    await expectCall('getCurrentUser', 200, APP, 'GET', '/rest/api/3/myself');
    await expectCall('getCurrentUser', 200, PM, 'GET', '/rest/api/3/myself');
  });

  test('users: search by name (active and deactivated), by account id, refused without either', async () => {
    const search = '/rest/api/3/user/search';
    const byName = await expectCall('findUsers', 200, PM, 'GET', `${search}?query=f&maxResults=10`);
    expect(byName.json).toEqual([
      expect.objectContaining({ displayName: 'Fay Former', active: false, accountType: 'atlassian' }),
    ]);
    const { accountId } = SANDBOX_USERS.pathwayEngineer;
    const byId = await expectCall('findUsers', 200, APP, 'GET', `${search}?accountId=${accountId}`);
    expect(byId.json).toEqual([expect.objectContaining({ displayName: 'Pat Pathway', active: true })]);
    await expectCall('findUsers', 400, PM, 'GET', `${search}?maxResults=5`);
  });

  test('users: assignable in a project or to an issue', async () => {
    const assignable = '/rest/api/3/user/assignable/search';
    await expectCall('findAssignableUsers', 200, PM, 'GET', `${assignable}?project=AIP&query=p`);
    await expectCall('findAssignableUsers', 200, APP, 'GET', `${assignable}?issueKey=${pilot.key}&query=d`);
    await expectCall('findAssignableUsers', 400, PM, 'GET', `${assignable}?query=p`);
    await expectCall('findAssignableUsers', 404, PM, 'GET', `${assignable}?project=NOPE&query=p`);
  });

  test('permissions: mine and bulk check', async () => {
    const mine = '/rest/api/3/mypermissions';
    await expectCall(
      'getMyPermissions',
      200,
      PM,
      'GET',
      `${mine}?permissions=BROWSE_PROJECTS,ADMINISTER&projectKey=AIP`,
    );
    await expectCall('getMyPermissions', 400, PM, 'GET', `${mine}?permissions=PERMISSION_123`);
    await expectCall('getBulkPermissions', 200, APP, 'POST', '/rest/api/3/permissions/check', {
      accountId: SANDBOX_USERS.outsider.accountId,
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [10000, 10001] }],
    });
  });

  test('fields and app field values', async () => {
    await expectCall('getFields', 200, APP, 'GET', '/rest/api/3/field');
    await expectCall(
      'getFieldsPaginated',
      200,
      APP,
      'GET',
      '/rest/api/3/field/search?type=custom&maxResults=2&expand=key,isLocked,lastUsed',
    );
    await expectCall('getFieldsPaginated', 400, APP, 'GET', '/rest/api/3/field/search?orderBy=screensCount');
    await expectCall('getFieldsPaginated', 403, PM, 'GET', '/rest/api/3/field/search');
    const readiness = '/rest/api/3/app/field/customfield_10040/value';
    await expectCall('updateCustomFieldValue', 204, APP, 'PUT', readiness, {
      updates: [{ issueIds: [Number(pilot.id)], value: 44 }],
    });
    await expectCall('updateMultipleCustomFieldValues', 204, APP, 'POST', '/rest/api/3/app/field/value', {
      updates: [{ customField: 'customfield_10043', issueIds: [Number(pilot.id)], value: '2026-12-15' }],
    });
    expect(site.issue(pilot.key)?.customFields).toMatchObject({
      customfield_10040: 44,
      customfield_10043: '2026-12-15',
    });
  });

  test('comments: add and list', async () => {
    await expectCall('addComment', 201, APP, 'POST', onPilot('/comment'), { body: doc('Second') });
    const list = await expectCall('getComments', 200, APP, 'GET', onPilot('/comment?orderBy=-created'));
    expect(list.body['total']).toBe(2);
  });

  test('serverInfo', async () => {
    await expectCall('getServerInfo', 200, OUTSIDER, 'GET', '/rest/api/3/serverInfo');
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
    await refused('POST', '/rest/api/3/issue/AIP-1/notify', {
      to: { users: [{ accountId: 'x', nickname: 'y' }] },
    });
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
