/** JQL: every supported clause and operator, and a 400 (never a silent wrong answer) for the rest. */
import { SANDBOX_USERS } from '../contracts';
import type { Reply } from './testing';
import { APP, call, createIssue, epic, subtask, task, testSite } from './testing';

const { site, clock } = testSite();

/** POST /rest/api/3/search/jql as the app. */
const search = (body: Record<string, unknown>): Promise<Reply> =>
  call(site, APP, 'POST', '/rest/api/3/search/jql', body);

/** GET /rest/api/3/search/jql as the app, with this query string. */
const searchByGet = (query: string): Promise<Reply> =>
  call(site, APP, 'GET', `/rest/api/3/search/jql?${query}`);

/** Keys matching a query, in result order. */
async function keys(jql: string): Promise<string[]> {
  const reply = await search({ jql, fields: ['key'], maxResults: 100 });
  if (reply.status !== 200) throw new Error(`${jql}: ${reply.status} ${JSON.stringify(reply.json)}`);
  return (reply.body['issues'] as { key: string }[]).map((issue) => issue.key);
}

async function refused(jql: string): Promise<string> {
  const reply = await search({ jql });
  expect(reply.status).toBe(400);
  expect(reply.body['errors']).toEqual({});
  const messages = reply.body['errorMessages'] as string[];
  expect(messages.length).toBe(1);
  return messages[0] ?? '';
}

const readiness = (score: number, band: string, graduated: boolean, daysSinceDemo: number | null) => ({
  properties: [
    {
      key: 'pilot-readiness',
      value: { version: 1, score, band, graduated, reviewRequired: false, daysSinceDemo },
    },
  ],
});

beforeAll(async () => {
  // AIP-1 epic, 2026-11-01 09:00
  clock.set('2026-11-01T09:00:00.000Z');
  await createIssue(site, APP, epic('Portfolio'));
  // AIP-2 pilot under the epic, 2026-11-10 09:00, score 30 at-risk
  clock.set('2026-11-10T09:00:00.000Z');
  await createIssue(
    site,
    APP,
    task('Fraud pilot', 'AIP', {
      parent: { key: 'AIP-1' },
      labels: ['ai-pilot', 'fraud'],
      assignee: { accountId: SANDBOX_USERS.dataScientist.accountId },
      duedate: '2027-01-15',
      customfield_10042: '2026-11-02',
    }),
    readiness(30, 'at-risk', false, 12),
  );
  // AIP-3 pilot, 2026-11-20 09:00, score 80 ready
  clock.set('2026-11-20T09:00:00.000Z');
  await createIssue(
    site,
    APP,
    task('Churn pilot', 'AIP', { labels: ['ai-pilot'] }),
    readiness(80, 'ready', true, 95),
  );
  // AIP-4 sub-task of AIP-2, 2026-11-21 09:50; SEC-1 review, 2026-11-21 10:00
  clock.set('2026-11-21T09:50:00.000Z');
  await createIssue(site, APP, subtask('Data access', 'AIP-2'));
  clock.set('2026-11-21T10:00:00.000Z');
  await createIssue(site, APP, task('Security review: Fraud pilot', 'SEC'));
  await call(site, APP, 'POST', '/rest/api/3/issue/AIP-4/transitions', { transition: { id: '21' } });
  await call(site, APP, 'POST', '/rest/api/3/issue/AIP-3/transitions', {
    transition: { id: '31' },
    fields: { resolution: { name: "Won't Do" } },
  });
  await call(site, APP, 'PUT', '/rest/api/3/app/field/customfield_10040/value', {
    updates: [{ issueIds: [10001], value: 30 }],
  });
});

describe('fields', () => {
  test('project by key, id and name', async () => {
    expect(await keys('project = AIP ORDER BY key')).toEqual(['AIP-1', 'AIP-2', 'AIP-3', 'AIP-4']);
    expect(await keys('project = 10002')).toEqual(['SEC-1']);
    expect(await keys('project = "Security Reviews"')).toEqual(['SEC-1']);
  });

  test('issuetype and its alias type', async () => {
    expect(await keys('issuetype = Epic')).toEqual(['AIP-1']);
    expect(await keys('type = "Sub-task"')).toEqual(['AIP-4']);
    expect(await keys('issuetype = 10001 AND project = AIP ORDER BY key')).toEqual(['AIP-2', 'AIP-3']);
  });

  test('parent', async () => {
    expect(await keys('parent = AIP-1')).toEqual(['AIP-2']);
    expect(await keys('parent = 10001')).toEqual(['AIP-4']);
    expect(await keys('parent in (AIP-1, AIP-2) ORDER BY key')).toEqual(['AIP-2', 'AIP-4']);
  });

  test('key, issuekey and id', async () => {
    expect(await keys('key = AIP-2')).toEqual(['AIP-2']);
    expect(await keys('issuekey in (AIP-3, SEC-1) ORDER BY key')).toEqual(['AIP-3', 'SEC-1']);
    expect(await keys('id = 10002')).toEqual(['AIP-3']);
    expect(await keys('id >= 10003 ORDER BY id')).toEqual(['AIP-4', 'SEC-1']);
  });

  test('status and statusCategory', async () => {
    expect(await keys('status = "In Progress"')).toEqual(['AIP-4']);
    expect(await keys('status != "To Do" ORDER BY key')).toEqual(['AIP-3', 'AIP-4']);
    expect(await keys('statusCategory = Done')).toEqual(['AIP-3']);
    expect(await keys('statusCategory = indeterminate')).toEqual(['AIP-4']);
    expect(await keys('statusCategory in ("To Do") AND project = AIP ORDER BY key')).toEqual([
      'AIP-1',
      'AIP-2',
    ]);
  });

  test('resolution, including Unresolved', async () => {
    expect(await keys('resolution = "Won\'t Do"')).toEqual(['AIP-3']);
    expect(await keys('project = AIP AND resolution = Unresolved ORDER BY key')).toEqual([
      'AIP-1',
      'AIP-2',
      'AIP-4',
    ]);
  });

  test('labels: =, !=, IN, NOT IN, IS EMPTY, IS NOT EMPTY', async () => {
    expect(await keys('labels = fraud')).toEqual(['AIP-2']);
    expect(await keys('labels in (fraud, ai-pilot) ORDER BY key')).toEqual(['AIP-2', 'AIP-3']);
    // Jira: != and NOT IN never match an issue without labels.
    expect(await keys('labels != fraud')).toEqual(['AIP-3']);
    expect(await keys('labels not in (fraud)')).toEqual(['AIP-3']);
    expect(await keys('project = AIP AND labels is EMPTY ORDER BY key')).toEqual(['AIP-1', 'AIP-4']);
    expect(await keys('labels is not empty ORDER BY key')).toEqual(['AIP-2', 'AIP-3']);
  });

  test('assignee by account id', async () => {
    expect(await keys(`assignee = "${SANDBOX_USERS.dataScientist.accountId}"`)).toEqual(['AIP-2']);
    expect(await keys('project = AIP AND assignee is EMPTY ORDER BY key')).toEqual([
      'AIP-1',
      'AIP-3',
      'AIP-4',
    ]);
  });

  test('created and updated against absolute dates, with every comparison operator', async () => {
    expect(await keys('created < "2026-11-10" ORDER BY key')).toEqual(['AIP-1']);
    expect(await keys('created <= "2026-11-10 09:00" ORDER BY key')).toEqual(['AIP-1', 'AIP-2']);
    expect(await keys('created > "2026-11-20 09:00" ORDER BY key')).toEqual(['AIP-4', 'SEC-1']);
    expect(await keys('created >= "2026/11/20" ORDER BY key')).toEqual(['AIP-3', 'AIP-4', 'SEC-1']);
    expect(await keys('created = "2026-11-10 09:00"')).toEqual(['AIP-2']);
    expect(await keys('created != "2026-11-10 09:00" AND project = AIP ORDER BY key')).toEqual([
      'AIP-1',
      'AIP-3',
      'AIP-4',
    ]);
    expect(await keys('updated >= "2026-11-21 10:00" ORDER BY key')).toEqual([
      'AIP-2',
      'AIP-3',
      'AIP-4',
      'SEC-1',
    ]);
  });

  test('created against relative dates (-15m, -2d, -1w)', async () => {
    expect(await keys('created >= -15m ORDER BY key')).toEqual(['AIP-4', 'SEC-1']);
    expect(await keys('created >= -2d ORDER BY key')).toEqual(['AIP-3', 'AIP-4', 'SEC-1']);
    expect(await keys('created < -1w ORDER BY key')).toEqual(['AIP-1', 'AIP-2']);
  });

  test('duedate and custom date / number fields', async () => {
    expect(await keys('duedate <= "2027-01-15"')).toEqual(['AIP-2']);
    expect(await keys('"Kickoff date" = "2026-11-02"')).toEqual(['AIP-2']);
    expect(await keys('cf[10040] >= 30')).toEqual(['AIP-2']);
    expect(await keys('cf[10040] is EMPTY AND project = AIP ORDER BY key')).toEqual([
      'AIP-1',
      'AIP-3',
      'AIP-4',
    ]);
  });

  test('a name two custom fields share (the site\'s own "Readiness" and the app\'s) is ambiguous: 400', async () => {
    const reply = await search({ jql: 'Readiness is EMPTY', fields: ['key'] });
    expect(reply.status).toBe(400);
    expect(reply.body['errorMessages']).toEqual([
      "More than one field is named 'Readiness': use cf[10020] or cf[10040].",
    ]);
  });

  test('indexed entity properties: number, string and booleans indexed as strings', async () => {
    expect(await keys('issue.property[pilot-readiness].score < 50')).toEqual(['AIP-2']);
    expect(
      await keys(
        'issue.property[pilot-readiness].score >= 30 ORDER BY issue.property[pilot-readiness].score DESC',
      ),
    ).toEqual(['AIP-3', 'AIP-2']);
    expect(await keys('issue.property[pilot-readiness].band = "at-risk"')).toEqual(['AIP-2']);
    expect(await keys('issue.property[pilot-readiness].band in (ready, purgatory)')).toEqual(['AIP-3']);
    expect(await keys('issue.property[pilot-readiness].graduated = "true"')).toEqual(['AIP-3']);
    expect(await keys('issue.property["pilot-readiness"].graduated = "false"')).toEqual(['AIP-2']);
    // Atlassian's grammar reserves the bare word: quote it, as Jira requires.
    expect(await refused('issue.property[pilot-readiness].graduated = false')).toContain(
      "mismatched input 'false'",
    );
    expect(await keys('issue.property[pilot-readiness].daysSinceDemo > 90')).toEqual(['AIP-3']);
    expect(
      await keys('project = AIP AND issue.property[pilot-readiness].score is EMPTY ORDER BY key'),
    ).toEqual(['AIP-1', 'AIP-4']);
  });

  test('the indexed paths come from setIndexedProperties', async () => {
    site.setIndexedProperties([{ propertyKey: 'pilot-readiness', path: 'version', type: 'number' }]);
    try {
      expect(await keys('issue.property[pilot-readiness].version = 1 ORDER BY key')).toEqual([
        'AIP-2',
        'AIP-3',
      ]);
      expect(await refused('issue.property[pilot-readiness].score < 50')).toBe(
        "Field 'issue.property[pilot-readiness].score' does not exist or you do not have permission to view it.",
      );
    } finally {
      site.setIndexedProperties([
        { propertyKey: 'pilot-readiness', path: 'score', type: 'number' },
        { propertyKey: 'pilot-readiness', path: 'band', type: 'string' },
        { propertyKey: 'pilot-readiness', path: 'graduated', type: 'string' },
        { propertyKey: 'pilot-readiness', path: 'reviewRequired', type: 'string' },
        { propertyKey: 'pilot-readiness', path: 'daysSinceDemo', type: 'number' },
      ]);
    }
  });
});

describe('boolean logic and ordering', () => {
  test('AND, OR, NOT and parentheses', async () => {
    expect(await keys('project = AIP AND (issuetype = Epic OR labels = fraud) ORDER BY key')).toEqual([
      'AIP-1',
      'AIP-2',
    ]);
    expect(await keys('project = AIP AND NOT issuetype = Task ORDER BY key')).toEqual(['AIP-1', 'AIP-4']);
    expect(await keys('project = AIP AND !(statusCategory = "To Do") ORDER BY key')).toEqual([
      'AIP-3',
      'AIP-4',
    ]);
    expect(await keys('key = AIP-1 OR key = SEC-1 ORDER BY key')).toEqual(['AIP-1', 'SEC-1']);
  });

  test('ORDER BY key, created and updated, ascending and descending', async () => {
    expect(await keys('project = AIP ORDER BY key DESC')).toEqual(['AIP-4', 'AIP-3', 'AIP-2', 'AIP-1']);
    expect(await keys('project in (AIP, SEC) ORDER BY created ASC')).toEqual([
      'AIP-1',
      'AIP-2',
      'AIP-3',
      'AIP-4',
      'SEC-1',
    ]);
    expect(await keys('project = AIP ORDER BY updated DESC, key ASC')).toEqual([
      'AIP-2',
      'AIP-3',
      'AIP-4',
      'AIP-1',
    ]);
  });

  test('without ORDER BY: newest first', async () => {
    expect(await keys('project in (AIP, SEC)')).toEqual(['SEC-1', 'AIP-4', 'AIP-3', 'AIP-2', 'AIP-1']);
  });
});

describe('refused with 400, naming the problem', () => {
  test('unsupported syntax: functions, ~, WAS, CHANGED', async () => {
    expect(await refused('assignee = currentUser()')).toContain("'currentUser()'");
    expect(await refused('summary ~ fraud')).toContain("'~'");
    expect(await refused('status WAS "Done"')).toContain("'WAS'");
    expect(await refused('status CHANGED')).toContain("'CHANGED'");
    expect(await refused('created > startOfDay()')).toContain("'startOfDay()'");
  });

  test('unknown fields and values', async () => {
    expect(await refused('flavour = vanilla')).toBe(
      "Field 'flavour' does not exist or you do not have permission to view it.",
    );
    expect(await refused('project = NOPE')).toBe("The value 'NOPE' does not exist for the field 'project'.");
    expect(await refused('status = Blocked')).toBe(
      "The value 'Blocked' does not exist for the field 'status'.",
    );
    expect(await refused('key = AIP-99')).toBe("An issue with key 'AIP-99' does not exist for field 'key'.");
    expect(await refused('fixVersion = 1.0')).toContain("'fixVersion'");
  });

  test('operators a field does not take, and bad operands', async () => {
    expect(await refused('project > AIP')).toBe("The operator '>' is not supported by the 'project' field.");
    expect(await refused('issue.property[pilot-readiness].band < "b"')).toContain("'<'");
    expect(await refused('created > "yesterday"')).toContain(
      "Date value 'yesterday' for field 'created' is invalid",
    );
    expect(await refused('issue.property[pilot-readiness].score < many')).toContain(
      "'many' is not a valid number",
    );
  });

  test('syntax errors and unbounded queries', async () => {
    expect(await refused('project = ')).toMatch(/^Error in the JQL Query: .*\(line 1, character 11\)$/);
    expect(await refused('ORDER BY key')).toContain('Unbounded JQL queries are not allowed');
    expect(await refused('')).toContain('Unbounded JQL queries are not allowed');
  });
});

describe('paging', () => {
  test('nextPageToken walks the results; isLast marks the end', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const reply = await search({
        jql: 'project in (AIP, SEC) ORDER BY key',
        fields: ['key'],
        maxResults: 2,
        ...(token ? { nextPageToken: token } : {}),
      });
      seen.push(...(reply.body['issues'] as { key: string }[]).map((issue) => issue.key));
      if (reply.body['isLast'] === true) {
        expect(reply.body['nextPageToken']).toBeUndefined();
        break;
      }
      token = String(reply.body['nextPageToken']);
    }
    expect(seen).toEqual(['AIP-1', 'AIP-2', 'AIP-3', 'AIP-4', 'SEC-1']);
  });

  test('a token from another query, or a garbled one, is refused', async () => {
    const first = await search({ jql: 'project = AIP', maxResults: 1 });
    const token = String(first.body['nextPageToken']);
    const other = await search({ jql: 'project = SEC', nextPageToken: token });
    expect(other.status).toBe(400);
    expect(other.body['errorMessages']).toEqual(['Invalid format of nextPageToken']);
    const garbled = await searchByGet('jql=project%3DAIP&nextPageToken=zzz');
    expect(garbled.status).toBe(400);
  });

  test('fields default to id only; properties are returned when asked for (at most 5)', async () => {
    const reply = await searchByGet(`jql=${encodeURIComponent('key = AIP-2')}&properties=pilot-readiness`);
    expect(reply.body['issues']).toEqual([
      { id: '10001', properties: { 'pilot-readiness': expect.objectContaining({ score: 30 }) } },
    ]);
    const tooMany = await search({ jql: 'project = AIP', properties: ['a', 'b', 'c', 'd', 'e', 'f'] });
    expect(tooMany.status).toBe(400);
  });

  test('maxResults is capped at 100 with fields and 5000 for ids only', async () => {
    for (let index = 0; index < 105; index += 1)
      await createIssue(site, APP, task(`Filler ${index}`, 'TEAM', { issuetype: { id: '10004' } }));
    const withFields = await search({ jql: 'project = TEAM', fields: ['summary'], maxResults: 500 });
    expect((withFields.body['issues'] as unknown[]).length).toBe(100);
    expect(withFields.body['isLast']).toBe(false);
    const idsOnly = await search({ jql: 'project = TEAM', maxResults: 500 });
    expect((idsOnly.body['issues'] as unknown[]).length).toBe(105);
    expect(idsOnly.body['isLast']).toBe(true);
  });
});
