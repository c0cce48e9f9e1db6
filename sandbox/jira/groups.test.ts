/** Groups: a person's groups (getUserGroups), the group picker (findGroups), groups by id (bulkGetGroups). */
import { SANDBOX_USERS } from '../contracts';
import { APP, PM, call, testSite } from './testing';

const { site } = testSite();
const REVIEW_BOARD = '2f0e6b8e-7c3d-4b1a-9e5f-000000000003';

describe('groups', () => {
  test("a person's groups, asked by the app", async () => {
    const reply = await call(
      site,
      APP,
      'GET',
      `/rest/api/3/user/groups?accountId=${SANDBOX_USERS.businessOwner.accountId}`,
    );
    expect(reply.status).toBe(200);
    expect((reply.json as Array<{ name: string }>).map((group) => group.name)).toEqual([
      'jira-software-users',
      'ai-review-board',
    ]);
    expect((await call(site, APP, 'GET', '/rest/api/3/user/groups?accountId=nobody')).status).toBe(404);
  });

  test('the group picker finds groups whose name contains the query, the match in bold', async () => {
    const reply = await call(site, PM, 'GET', '/rest/api/3/groups/picker?query=REVIEW');
    expect(reply.json).toMatchObject({
      total: 1,
      groups: [{ name: 'ai-review-board', groupId: REVIEW_BOARD, html: 'ai-<b>review</b>-board' }],
    });
  });

  test('groups by id; an unknown id is simply not there', async () => {
    const reply = await call(
      site,
      APP,
      'GET',
      `/rest/api/3/group/bulk?groupId=${REVIEW_BOARD}&groupId=00000000-0000-0000-0000-000000000000`,
    );
    expect(reply.json).toMatchObject({
      total: 1,
      values: [{ name: 'ai-review-board', groupId: REVIEW_BOARD }],
    });
  });
});
