/** Issue security levels: an issue set at a level is seen only by the level's members (and the app). */
import type { Caller } from '../contracts';
import { SANDBOX_USERS } from '../contracts';
import { APP, PM, call, createIssue, expectResponseMatchesContract, task, testSite } from './testing';

const { site } = testSite();
const SCIENTIST: Caller = { kind: 'user', accountId: SANDBOX_USERS.dataScientist.accountId, viaApp: false };
let level: string;
let secret: { id: string; key: string };
let open: { id: string; key: string };

beforeAll(async () => {
  level = site.addSecurityLevel('Board only', [SANDBOX_USERS.projectManager.accountId]);
  secret = await createIssue(site, PM, task('Confidential pilot', 'AIP', { security: { id: level } }));
  open = await createIssue(site, PM, task('Open pilot'));
});

async function searchKeys(caller: Caller): Promise<string[]> {
  const reply = await call(site, caller, 'POST', '/rest/api/3/search/jql', {
    jql: 'project = AIP ORDER BY key',
    fields: ['security'],
  });
  expect(reply.status).toBe(200);
  return (reply.body['issues'] as { key: string }[]).map((issue) => issue.key);
}

test('a member and the app see the issue and its level; someone who may browse the project but is not a member does not', async () => {
  expect(await searchKeys(PM)).toEqual([secret.key, open.key]);
  expect(await searchKeys(APP)).toEqual([secret.key, open.key]);
  expect(await searchKeys(SCIENTIST)).toEqual([open.key]);
  const read = await call(site, PM, 'GET', `/rest/api/3/issue/${secret.key}?fields=security`);
  expect(read.status).toBe(200);
  expect((read.body['fields'] as Record<string, unknown>)['security']).toMatchObject({
    id: level,
    name: 'Board only',
  });
  expectResponseMatchesContract('getIssue', 200, read.body);
  expect((await call(site, SCIENTIST, 'GET', `/rest/api/3/issue/${secret.key}`)).status).toBe(404);
  const openRead = await call(site, PM, 'GET', `/rest/api/3/issue/${open.key}?fields=security`);
  expect((openRead.body['fields'] as Record<string, unknown>)['security']).toBeNull();
});

test('the bulk permission check grants a non-member nothing on the issue', async () => {
  const check = async (caller: Caller) => {
    const reply = await call(site, caller, 'POST', '/rest/api/3/permissions/check', {
      projectPermissions: [
        { permissions: ['BROWSE_PROJECTS'], issues: [Number(secret.id), Number(open.id)] },
      ],
    });
    expect(reply.status).toBe(200);
    return (reply.body['projectPermissions'] as Array<{ issues: number[] }>)[0]?.issues.sort();
  };
  expect(await check(PM)).toEqual([Number(secret.id), Number(open.id)].sort());
  expect(await check(SCIENTIST)).toEqual([Number(open.id)]);
});

test('setting the level is an edit with a changelog item; a bad level or someone without Set Issue Security changes nothing', async () => {
  const edit = await call(site, PM, 'PUT', `/rest/api/3/issue/${open.key}`, {
    fields: { security: { id: level } },
  });
  expect(edit.status).toBe(204);
  expect(await searchKeys(SCIENTIST)).toEqual([]);
  const changelog = site.issue(open.key)?.changelog.at(-1)?.items[0];
  expect(changelog).toMatchObject({ field: 'security', to: level, toString: 'Board only' });
  expect(
    (await call(site, PM, 'PUT', `/rest/api/3/issue/${open.key}`, { fields: { security: null } })).status,
  ).toBe(204);
  expect(await searchKeys(SCIENTIST)).toEqual([open.key]);

  const unknown = await call(site, PM, 'PUT', `/rest/api/3/issue/${open.key}`, {
    fields: { security: { id: '99999' } },
  });
  expect(unknown.status).toBe(400);
  expect(unknown.body['errors']).toEqual({
    security: "Security level: Security level with id '99999' does not exist.",
  });
  const notAllowed = await call(site, SCIENTIST, 'PUT', `/rest/api/3/issue/${open.key}`, {
    fields: { security: { id: level } },
  });
  expect(notAllowed.status).toBe(400);
  expect(notAllowed.body['errors']).toEqual({
    security: "Field 'security' cannot be set. It is not on the appropriate screen, or unknown.",
  });
  expect(await searchKeys(SCIENTIST)).toEqual([open.key]);
});
