/** GET /rest/api/3/user/search (findUsers): who a user picker finds, and what it costs. */
import { SANDBOX_USERS } from '../contracts';
import { APP, OUTSIDER, PM, call, testSite } from './testing';

const { site } = testSite();

async function names(query: string, caller = PM): Promise<string[]> {
  const reply = await call(site, caller, 'GET', `/rest/api/3/user/search?${query}`);
  expect(reply.status).toBe(200);
  return (reply.json as { displayName: string }[]).map((user) => user.displayName);
}

describe('matching', () => {
  test('a case-insensitive prefix of the display name or of any of its words', async () => {
    expect(await names('query=pat')).toEqual(['Pat Pathway']);
    expect(await names('query=PATH')).toEqual(['Pat Pathway']);
    expect(await names('query=pat%20pa')).toEqual(['Pat Pathway']);
    expect(await names('query=sci')).toEqual(['Dana Scientist']);
    expect(await names('query=athway')).toEqual([]);
    expect(await names('query=pat%20dana')).toEqual([]);
  });

  test('ordered by display name; deactivated people too, with their flag; never the app', async () => {
    const reply = await call(site, PM, 'GET', '/rest/api/3/user/search?query=p');
    expect(reply.json).toEqual([
      expect.objectContaining({ displayName: 'Pat Pathway', active: true }),
      expect.objectContaining({ displayName: 'Priya PM', active: true }),
    ]);
    expect((await call(site, PM, 'GET', '/rest/api/3/user/search?query=former')).json).toEqual([
      expect.objectContaining({ displayName: 'Fay Former', active: false }),
    ]);
    expect(await names('query=pilot', APP)).toEqual([]);
    expect(await names('accountId=557058%3Apilot-pathway-app', APP)).toEqual([]);
  });

  test('by exact account id', async () => {
    expect(await names(`accountId=${SANDBOX_USERS.businessOwner.accountId}`)).toEqual(['Bo Business']);
    expect(await names('accountId=nobody')).toEqual([]);
  });

  test('pages with startAt and maxResults', async () => {
    expect(await names('query=p&maxResults=1')).toEqual(['Pat Pathway']);
    expect(await names('query=p&startAt=1&maxResults=1')).toEqual(['Priya PM']);
    expect(await names('query=p&startAt=2')).toEqual([]);
  });
});

describe('permissions', () => {
  test('needs Browse users and groups only: the outsider finds the same people as the project manager', async () => {
    expect(await names('query=p', OUTSIDER)).toEqual(await names('query=p', PM));
  });
});

describe('refusals', () => {
  test.each([
    ['no query, account id or property', 'maxResults=5', /is required/],
    ['a blank query', 'query=%20%20', /is required/],
    ['query and accountId together', `query=pat&accountId=${SANDBOX_USERS.admin.accountId}`, /together/],
    ['a username (GDPR strict mode)', 'username=pat', /GDPR/],
    ['a property search', 'property=team.name%3Dx', /not supported/],
  ])('%s: 400', async (_what, query, message) => {
    const reply = await call(site, PM, 'GET', `/rest/api/3/user/search?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body['errorMessages']).toEqual([expect.stringMatching(message)]);
  });
});

describe('points', () => {
  test('one point for the call and two per user returned', async () => {
    site.resetMetrics();
    await call(site, APP, 'GET', '/rest/api/3/user/search?query=p');
    expect(site.metrics()).toMatchObject({ calls: 1, points: 1 + 2 * 2, byOperation: { findUsers: 1 } });
  });
});
