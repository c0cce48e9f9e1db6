/** Atlassian's rate-limit model: points, burst limits, per-issue write limits, hourly quota, faults. */
import { SANDBOX_USERS } from '../contracts';
import { HOURLY_POINTS_QUOTA } from './rate-limit';
import type { Reply } from './testing';
import { ADMIN, APP, PM, call, createIssue, task, testSite } from './testing';

function expectRateLimited(reply: Reply, reason: string, limit: number): void {
  expect(reply.status).toBe(429);
  expect(reply.headers['RateLimit-Reason']).toBe(reason);
  expect(reply.headers['X-RateLimit-Limit']).toBe(String(limit));
  expect(reply.headers['X-RateLimit-Remaining']).toBe('0');
  expect(reply.headers['X-RateLimit-Reset']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
  expect(Number(reply.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
  expect(reply.json).toEqual({ errorMessages: [expect.stringContaining(reason)], errors: {} });
}

describe('points', () => {
  test('a search returning 3 issues costs 4 points; a user lookup 3; only the app’s calls count', async () => {
    const { site } = testSite();
    for (const summary of ['a', 'b', 'c']) await createIssue(site, PM, task(summary));
    expect(site.metrics()).toEqual({ calls: 0, points: 0, byEndpoint: {}, byOperation: {} });

    await call(site, APP, 'POST', '/rest/api/3/search/jql', { jql: 'project = AIP', fields: ['summary'] });
    expect(site.metrics().points).toBe(4);
    await call(site, APP, 'GET', `/rest/api/3/user?accountId=${SANDBOX_USERS.projectManager.accountId}`);
    expect(site.metrics()).toEqual({
      calls: 2,
      points: 7,
      byEndpoint: { 'POST /rest/api/3/search/jql': 1, 'GET /rest/api/3/user': 1 },
      byOperation: { searchAndReconsileIssuesUsingJqlPost: 1, getUser: 1 },
    });
    await call(
      site,
      { kind: 'user', accountId: SANDBOX_USERS.projectManager.accountId, viaApp: true },
      'GET',
      '/rest/api/3/project/AIP',
    );
    expect(site.metrics().points).toBe(9);
    site.resetMetrics();
    expect(site.metrics().calls).toBe(0);
  });

  test('refused requests cost the base point; bulk create costs one per created issue', async () => {
    const { site } = testSite();
    await call(site, APP, 'POST', '/rest/api/3/issue', { fields: { summary: 'no project' } });
    expect(site.metrics().points).toBe(1);
    await call(site, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [{ fields: task('x') }, { fields: task('y') }],
    });
    expect(site.metrics().points).toBe(1 + 3);
  });
});

describe('burst limits', () => {
  test('off by default: bursts go through', async () => {
    const { site } = testSite();
    for (let index = 0; index < 150; index += 1) {
      expect((await call(site, APP, 'GET', '/rest/api/3/serverInfo')).status).toBe(200);
    }
  });

  test('beyond the endpoint limit: 429 with every documented header; clears after a second', async () => {
    const { site, clock } = testSite();
    site.setRateLimiting(true);
    const bulk = () =>
      call(site, APP, 'POST', '/rest/api/3/issue/bulk', { issueUpdates: [{ fields: task('burst') }] });
    for (let index = 0; index < 10; index += 1) expect((await bulk()).status).toBe(201);
    const limited = await bulk();
    expectRateLimited(limited, 'jira-burst-based', 10);
    expect(limited.headers['Retry-After']).toBe('1');
    expect(site.issues()).toHaveLength(10);
    // Other endpoints have their own budget.
    expect((await call(site, APP, 'GET', '/rest/api/3/serverInfo')).status).toBe(200);
    // A person's own calls are not the app's budget.
    expect(
      (
        await call(site, ADMIN, 'POST', '/rest/api/3/issue/bulk', {
          issueUpdates: [{ fields: task('admin') }],
        })
      ).status,
    ).toBe(201);
    clock.advance(1_000);
    expect((await bulk()).status).toBe(201);
  });

  test('a 429 costs no point but counts as a call', async () => {
    const { site } = testSite();
    site.setRateLimiting(true);
    for (let index = 0; index < 101; index += 1) await call(site, APP, 'GET', '/rest/api/3/serverInfo');
    expect(site.metrics()).toMatchObject({ calls: 101, points: 100 });
  });
});

describe('per-issue write limits', () => {
  test('the 21st write to one issue within 2 s is refused; other issues are not; it clears after 2 s', async () => {
    const { site, clock } = testSite();
    const pilot = await createIssue(site, PM, task('Pilot'));
    const other = await createIssue(site, PM, task('Other'));
    site.setRateLimiting(true);
    const write = (key: string, n: number) =>
      call(site, APP, 'PUT', `/rest/api/3/issue/${key}/properties/pilot-readiness`, { score: n });
    for (let n = 0; n < 20; n += 1) {
      expect((await write(pilot.key, n)).status).toBeLessThan(300);
      clock.advance(50);
    }
    const limited = await write(pilot.key, 20);
    expectRateLimited(limited, 'jira-per-issue-on-write', 20);
    expect(site.issue(pilot.key)?.properties['pilot-readiness']).toEqual({ score: 19 });
    expect((await write(other.key, 0)).status).toBe(201);
    // Reads are not writes.
    expect((await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}`)).status).toBe(200);
    clock.advance(2_000);
    expect((await write(pilot.key, 21)).status).toBe(200);
  });

  test('a notification is a write on its issue: one point, and under the per-issue limit', async () => {
    const { site } = testSite();
    const assignee = { accountId: SANDBOX_USERS.dataScientist.accountId };
    const pilot = await createIssue(site, PM, task('Pilot', 'AIP', { assignee }));
    site.setRateLimiting(true);
    const notify = () =>
      call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/notify`, { to: { assignee: true } });
    for (let n = 0; n < 20; n += 1) expect((await notify()).status).toBe(204);
    expect(site.metrics()).toMatchObject({ calls: 20, points: 20, byOperation: { notify: 20 } });
    expectRateLimited(await notify(), 'jira-per-issue-on-write', 20);
    expect(site.notifications()).toHaveLength(20);
  });

  test('100 writes to one issue within 30 s, even spread out, is the ceiling', async () => {
    const { site, clock } = testSite();
    const pilot = await createIssue(site, PM, task('Pilot'));
    site.setRateLimiting(true);
    const edit = (n: number) =>
      call(site, APP, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { summary: `Pilot ${n}` } });
    for (let round = 0; round < 5; round += 1) {
      for (let n = 0; n < 20; n += 1) expect((await edit(round * 20 + n)).status).toBe(204);
      clock.advance(2_100);
    }
    expectRateLimited(await edit(100), 'jira-per-issue-on-write', 100);
    clock.advance(30_000);
    expect((await edit(101)).status).toBe(204);
  });
});

describe('hourly points quota', () => {
  test('65,000 points an hour; the next request waits for the next hour', async () => {
    const { site, clock } = testSite();
    clock.set('2026-11-21T10:59:00.000Z');
    const issueUpdates = Array.from({ length: 50 }, (_, index) => ({ fields: task(`Filler ${index}`) }));
    for (let batch = 0; batch < 100; batch += 1) {
      expect((await call(site, ADMIN, 'POST', '/rest/api/3/issue/bulk', { issueUpdates })).status).toBe(201);
    }
    site.setRateLimiting(true);
    const search = () =>
      call(site, APP, 'POST', '/rest/api/3/search/jql', { jql: 'project = AIP', maxResults: 5000 });
    let spent = 0;
    while (spent < HOURLY_POINTS_QUOTA) {
      clock.advance(1_000);
      expect((await search()).status).toBe(200);
      spent += 5_001;
    }
    const limited = await search();
    expectRateLimited(limited, 'jira-quota-global-based', HOURLY_POINTS_QUOTA);
    expect(limited.headers['X-RateLimit-Reset']).toBe('2026-11-21T11:00Z');
    clock.set('2026-11-21T11:00:00.000Z');
    expect((await search()).status).toBe(200);
  });
});

describe('injected faults', () => {
  test('rate 1 fails every matching request before anything changes', async () => {
    const { site } = testSite();
    site.setFaults([{ rate: 1, status: 503, retryAfter: 7, match: '/rest/api/3/issue/bulk' }]);
    const reply = await call(site, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [{ fields: task('x') }],
    });
    expect(reply.status).toBe(503);
    expect(reply.headers['Retry-After']).toBe('7');
    expect(reply.json).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    expect(site.issues()).toEqual([]);
    expect((await call(site, APP, 'POST', '/rest/api/3/issue', { fields: task('y') })).status).toBe(201);
    // Test clients and people are not the app: faults leave them alone.
    expect(
      (await call(site, PM, 'POST', '/rest/api/3/issue/bulk', { issueUpdates: [{ fields: task('z') }] }))
        .status,
    ).toBe(201);
    site.clearFaults();
    expect(
      (await call(site, APP, 'POST', '/rest/api/3/issue/bulk', { issueUpdates: [{ fields: task('x') }] }))
        .status,
    ).toBe(201);
  });

  test('an injected 429 looks like Jira’s', async () => {
    const { site } = testSite();
    site.setFaults([{ rate: 1, status: 429, retryAfter: 2 }]);
    expectRateLimited(await call(site, APP, 'GET', '/rest/api/3/myself'), 'jira-burst-based', 100);
  });

  test('a fractional rate with a seed fails the same requests every run', async () => {
    const outcomes = async (): Promise<number[]> => {
      const { site } = testSite();
      site.setFaults([{ rate: 0.3, status: 500 }], { seed: 42 });
      const statuses: number[] = [];
      for (let index = 0; index < 40; index += 1)
        statuses.push((await call(site, APP, 'GET', '/rest/api/3/serverInfo')).status);
      return statuses;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    const failures = first.filter((status) => status === 500).length;
    expect(failures).toBeGreaterThan(4);
    expect(failures).toBeLessThan(25);
  });

  test('bulk create can fail chosen elements', async () => {
    const { site } = testSite();
    site.setBulkElementFailure((_update, index) => (index === 1 ? 'Injected failure' : null));
    const reply = await call(site, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [{ fields: task('one') }, { fields: task('two') }, { fields: task('three') }],
    });
    expect(reply.status).toBe(201);
    expect((reply.body['issues'] as unknown[]).length).toBe(2);
    expect(reply.body['errors']).toEqual([
      {
        status: 400,
        elementErrors: { errorMessages: ['Injected failure'], errors: {} },
        failedElementNumber: 1,
      },
    ]);
    expect(site.issues().map((issue) => issue.summary)).toEqual(['one', 'three']);
  });
});
