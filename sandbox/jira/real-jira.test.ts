/**
 * The messier parts of a real Jira site that the emulator can show (sandbox.md "Fidelity rules"):
 * the search index lagging writes, done without a resolution, strict Content-Type, the caller's
 * time zone, the team-managed project TEAM with its own AI Pilot type, `update.comment`, `expand`
 * values the emulator does not render, and a site field sharing the app's field name.
 */
import { SANDBOX_USERS } from '../contracts';
import { TIDY_BEHAVIOUR } from './behaviour';
import { TEAM_AI_PILOT_TYPE_ID, TEAM_PROJECT_ID } from './seed';
import type { Caller } from '../contracts';
import {
  APP,
  PM,
  call,
  createIssue,
  doc,
  expectResponseMatchesContract,
  task,
  testClock,
  testSite,
} from './testing';

const AUCKLAND: Caller = { kind: 'user', accountId: SANDBOX_USERS.aucklandManager.accountId, viaApp: false };

async function searchKeys(site: ReturnType<typeof testSite>['site'], body: Record<string, unknown>) {
  const reply = await call(site, APP, 'POST', '/rest/api/3/search/jql', { fields: ['summary'], ...body });
  expect(reply.status).toBe(200);
  return (reply.body['issues'] as { key: string; fields: { summary: string } }[]).map(
    (issue) => `${issue.key} ${issue.fields.summary}`,
  );
}

describe('search lags writes (searchLagMs)', () => {
  test('a new issue: GET sees it at once, search only after the lag or when reconciled', async () => {
    const { site, clock } = testSite();
    site.setBehaviour({ searchLagMs: 1500 });
    const pilot = await createIssue(site, APP, task('Fresh pilot'));
    expect((await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.id}?fields=summary`)).status).toBe(200);
    expect(await searchKeys(site, { jql: `id = ${pilot.id}` })).toEqual([]);
    expect(await searchKeys(site, { jql: `id = ${pilot.id}`, reconcileIssues: [Number(pilot.id)] })).toEqual([
      `${pilot.key} Fresh pilot`,
    ]);
    const viaGet = await call(
      site,
      APP,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent(`id = ${pilot.id}`)}&reconcileIssues=${pilot.id}`,
    );
    expect(viaGet.body['issues']).toEqual([{ id: pilot.id }]);
    clock.advance(1499);
    expect(await searchKeys(site, { jql: `id = ${pilot.id}` })).toEqual([]);
    clock.advance(1);
    expect(await searchKeys(site, { jql: `id = ${pilot.id}` })).toEqual([`${pilot.key} Fresh pilot`]);
  });

  test('a changed issue reads as it was, and matches as it was, until the index catches up', async () => {
    const { site, clock } = testSite();
    const pilot = await createIssue(site, APP, task('Before'));
    site.setBehaviour({ searchLagMs: 1000 });
    expect(
      (await call(site, APP, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { summary: 'After' } }))
        .status,
    ).toBe(204);
    clock.advance(600);
    // A second write inside the lag keeps the index on its older copy for another full lag.
    await call(site, APP, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { summary: 'After again' } });
    expect(await searchKeys(site, { jql: 'project = AIP' })).toEqual([`${pilot.key} Before`]);
    clock.advance(600);
    expect(await searchKeys(site, { jql: 'project = AIP' })).toEqual([`${pilot.key} Before`]);
    clock.advance(400);
    expect(await searchKeys(site, { jql: 'project = AIP' })).toEqual([`${pilot.key} After again`]);
  });

  test('a deleted issue is still found for the lag; off again after reset', async () => {
    const { site, clock } = testSite();
    const pilot = await createIssue(site, APP, task('Doomed'));
    site.setBehaviour({ searchLagMs: 500 });
    expect((await call(site, APP, 'DELETE', `/rest/api/3/issue/${pilot.key}`)).status).toBe(204);
    expect((await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}`)).status).toBe(404);
    expect(await searchKeys(site, { jql: 'project = AIP' })).toEqual([`${pilot.key} Doomed`]);
    clock.advance(500);
    expect(await searchKeys(site, { jql: 'project = AIP' })).toEqual([]);

    site.reset();
    expect(site.behaviour()).toEqual(TIDY_BEHAVIOUR);
    const fresh = await createIssue(site, APP, task('Found at once'));
    expect(await searchKeys(site, { jql: `id = ${fresh.id}` })).toEqual([`${fresh.key} Found at once`]);
  });
});

describe('workflows that reach done without a resolution (resolutionOnDone: false)', () => {
  test('done sets no resolution; the status category change date still moves', async () => {
    const { site, clock } = testSite();
    site.setBehaviour({ resolutionOnDone: false });
    const pilot = await createIssue(site, APP, task('Pilot'));
    clock.advance(3_600_000);
    expect(
      (
        await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/transitions`, {
          transition: { id: '31' },
        })
      ).status,
    ).toBe(204);
    const issue = await call(
      site,
      APP,
      'GET',
      `/rest/api/3/issue/${pilot.key}?fields=status,resolution,resolutiondate,statuscategorychangedate,created`,
    );
    expectResponseMatchesContract('getIssue', 200, issue.json);
    expect(issue.body['fields']).toMatchObject({
      resolution: null,
      resolutiondate: null,
      statuscategorychangedate: '2026-11-21T11:00:00.000+0000',
      created: '2026-11-21T10:00:00.000+0000',
    });
    // A resolution named on the transition screen is still set.
    const other = await createIssue(site, APP, task('Other'));
    await call(site, APP, 'POST', `/rest/api/3/issue/${other.key}/transitions`, {
      transition: { id: '31' },
      fields: { resolution: { name: "Won't Do" } },
    });
    expect(site.issue(other.key)).toMatchObject({ resolution: "Won't Do" });
  });

  test('search finds it by statusCategoryChangedDate', async () => {
    const { site, clock } = testSite();
    const pilot = await createIssue(site, APP, task('Pilot'));
    clock.advance(86_400_000);
    await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/transitions`, { transition: { id: '21' } });
    expect(await searchKeys(site, { jql: 'statusCategoryChangedDate >= "2026-11-22"' })).toEqual([
      `${pilot.key} Pilot`,
    ]);
  });
});

describe('strict Content-Type (strictContentType)', () => {
  test('a body without Content-Type: application/json is refused with 415 in Jira’s error shape', async () => {
    const { site } = testSite();
    site.setBehaviour({ strictContentType: true });
    const body = JSON.stringify({ fields: task('Pilot') });
    const bare = await site.handle({ method: 'POST', path: '/rest/api/3/issue', headers: {}, body }, APP);
    expect(bare.status).toBe(415);
    expect(JSON.parse(bare.body)).toEqual({
      errorMessages: [expect.stringMatching(/Content-Type/)],
      errors: {},
    });
    const text = await site.handle(
      { method: 'POST', path: '/rest/api/3/issue', headers: { 'Content-Type': 'text/plain' }, body },
      APP,
    );
    expect(text.status).toBe(415);
    expect(site.issues()).toEqual([]);
    const json = await site.handle(
      {
        method: 'POST',
        path: '/rest/api/3/issue',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body,
      },
      APP,
    );
    expect(json.status).toBe(201);
    // Without the switch, the emulator reads any body.
    site.setBehaviour({ strictContentType: false });
    expect(
      (await site.handle({ method: 'POST', path: '/rest/api/3/issue', headers: {}, body }, APP)).status,
    ).toBe(201);
  });
});

describe('time zones: Jira writes instants in the caller’s zone', () => {
  test('the app (site zone Etc/UTC) and a person in Pacific/Auckland read the same instant', async () => {
    const { site } = testSite(testClock('2026-11-21T23:30:00.000Z'));
    const pilot = await createIssue(site, APP, task('Late pilot'));
    const fields = '?fields=created,updated,statuscategorychangedate';
    const asApp = await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}${fields}`);
    const asAuckland = await call(site, AUCKLAND, 'GET', `/rest/api/3/issue/${pilot.key}${fields}`);
    expectResponseMatchesContract('getIssue', 200, asAuckland.json);
    expect(asApp.body['fields']).toMatchObject({ created: '2026-11-21T23:30:00.000+0000' });
    expect(asAuckland.body['fields']).toEqual({
      created: '2026-11-22T12:30:00.000+1300',
      updated: '2026-11-22T12:30:00.000+1300',
      statuscategorychangedate: '2026-11-22T12:30:00.000+1300',
    });
    const created = (reply: typeof asApp) =>
      Date.parse(String((reply.body['fields'] as { created: string }).created));
    expect(created(asAuckland)).toBe(created(asApp));
    const myself = await call(site, AUCKLAND, 'GET', '/rest/api/3/myself');
    expect(myself.body['timeZone']).toBe('Pacific/Auckland');
  });

  test('siteTimeZone moves the app’s account and everyone without a zone of their own; reset puts it back', async () => {
    const { site } = testSite(testClock('2026-11-21T23:30:00.000Z'));
    const pilot = await createIssue(site, APP, task('Late pilot'));
    const created = async (caller: Caller) =>
      (
        (await call(site, caller, 'GET', `/rest/api/3/issue/${pilot.key}?fields=created`)).body['fields'] as {
          created: string;
        }
      ).created;
    const zoneOf = async (caller: Caller) =>
      (await call(site, caller, 'GET', '/rest/api/3/myself')).body['timeZone'];
    expect(site.setBehaviour({ siteTimeZone: 'America/New_York' }).siteTimeZone).toBe('America/New_York');
    expect([await zoneOf(APP), await zoneOf(PM), await zoneOf(AUCKLAND)]).toEqual([
      'America/New_York',
      'America/New_York',
      'Pacific/Auckland',
    ]);
    expect(await created(APP)).toBe('2026-11-21T18:30:00.000-0500');
    expect(await created(PM)).toBe('2026-11-21T18:30:00.000-0500');
    expect(await created(AUCKLAND)).toBe('2026-11-22T12:30:00.000+1300');
    const assignee = await call(
      site,
      APP,
      'GET',
      `/rest/api/3/user?accountId=${SANDBOX_USERS.dataScientist.accountId}`,
    );
    expect(assignee.body['timeZone']).toBe('America/New_York');
    expect(() => site.setBehaviour({ siteTimeZone: 'Mars/Olympus_Mons' })).toThrow(/IANA time zone/);
    site.reset();
    expect(site.behaviour().siteTimeZone).toBe('Etc/UTC');
    expect(await zoneOf(APP)).toBe('Etc/UTC');
  });

  test('Auckland is UTC+12 in its winter', async () => {
    const { site } = testSite(testClock('2026-06-01T00:00:00.000Z'));
    const pilot = await createIssue(site, APP, task('Winter pilot'));
    const reply = await call(site, AUCKLAND, 'GET', `/rest/api/3/issue/${pilot.key}?fields=created`);
    expect(reply.body['fields']).toEqual({ created: '2026-06-01T12:00:00.000+1200' });
  });
});

describe('the team-managed project TEAM', () => {
  test('owns its issue types, AI Pilot among them, created by its project admin', async () => {
    const { site } = testSite();
    const project = await call(site, APP, 'GET', '/rest/api/3/project/TEAM');
    expectResponseMatchesContract('getProject', 200, project.json);
    expect(project.body).toMatchObject({
      id: TEAM_PROJECT_ID,
      key: 'TEAM',
      style: 'next-gen',
      simplified: true,
    });
    const pilotType = (project.body['issueTypes'] as { id: string; name: string; scope?: unknown }[]).find(
      (type) => type.name === 'AI Pilot',
    );
    expect(pilotType).toMatchObject({
      id: TEAM_AI_PILOT_TYPE_ID,
      scope: { type: 'PROJECT', project: { id: TEAM_PROJECT_ID } },
    });
    const pilot = await call(site, PM, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'TEAM' }, issuetype: { name: 'AI Pilot' }, summary: 'Team pilot' },
    });
    expect(pilot.status).toBe(201);
    expect(site.issue(String(pilot.body['key']))).toMatchObject({ issueType: 'AI Pilot' });
  });

  test('the app cannot add an issue type to it through REST', async () => {
    const { site } = testSite();
    const created = await call(site, APP, 'POST', '/rest/api/3/issuetype', {
      name: 'AI Pilot',
      hierarchyLevel: 0,
    });
    expect(created.status).toBe(201);
    const schemes = await call(
      site,
      APP,
      'GET',
      `/rest/api/3/issuetypescheme/project?projectId=${TEAM_PROJECT_ID}`,
    );
    expect(schemes.body['values']).toEqual([]);
    const types = await call(site, APP, 'GET', `/rest/api/3/issuetype/project?projectId=${TEAM_PROJECT_ID}`);
    expect((types.json as { id: string }[]).map((type) => type.id)).not.toContain(String(created.body['id']));
    const scoped = await call(site, APP, 'PUT', '/rest/api/3/issuetypescheme/10000/issuetype', {
      issueTypeIds: [TEAM_AI_PILOT_TYPE_ID],
    });
    expect(scoped.status).toBe(404);
  });
});

describe('update.comment on edits and transitions (Atlassian’s own example)', () => {
  test('a transition with a comment moves the issue and adds the comment', async () => {
    const { site } = testSite();
    const pilot = await createIssue(site, APP, task('Pilot'));
    const reply = await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/transitions`, {
      transition: { id: '21' },
      update: { comment: [{ add: { body: doc('Started by the app') } }] },
    });
    expect(reply.status).toBe(204);
    expect(site.issue(pilot.key)).toMatchObject({
      status: 'In Progress',
      comments: [expect.objectContaining({ body: doc('Started by the app') })],
    });
  });

  test('an edit with a comment changes the field and adds the comment', async () => {
    const { site } = testSite();
    const pilot = await createIssue(site, APP, task('Pilot'));
    const reply = await call(site, APP, 'PUT', `/rest/api/3/issue/${pilot.key}`, {
      fields: { duedate: '2027-01-15' },
      update: { comment: [{ add: { body: doc('Due date is before kickoff') } }] },
    });
    expect(reply.status).toBe(204);
    expect(site.issue(pilot.key)).toMatchObject({
      dueDate: '2027-01-15',
      comments: [expect.objectContaining({ body: doc('Due date is before kickoff') })],
    });
  });

  test('a comment that is not an Atlassian document, or not an add, changes nothing', async () => {
    const { site } = testSite();
    const pilot = await createIssue(site, APP, task('Pilot'));
    const plain = await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/transitions`, {
      transition: { id: '21' },
      update: { comment: [{ add: { body: 'plain text' } }] },
    });
    expect(plain.status).toBe(400);
    expect(plain.body['errors']).toEqual({ comment: expect.stringMatching(/Atlassian Document/) });
    const edit = await call(site, APP, 'PUT', `/rest/api/3/issue/${pilot.key}`, {
      fields: { summary: 'Renamed' },
      update: { comment: [{ set: { body: doc('x') } }] },
    });
    expect(edit.status).toBe(400);
    expect(edit.body['errors']).toEqual({
      comment: expect.stringMatching(/Supported operation\(s\) are: 'add'/),
    });
    expect(site.issue(pilot.key)).toMatchObject({ summary: 'Pilot', status: 'To Do', comments: [] });
  });
});

describe('expand values the emulator does not render answer 400', () => {
  test('names, schema and changelog are rendered; renderedFields, editmeta, ... are refused, not dropped', async () => {
    const { site, warnings } = testSite();
    const pilot = await createIssue(site, APP, task('Pilot'));
    expect(
      (await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}?expand=names,schema,changelog`)).status,
    ).toBe(200);
    const rendered = await call(
      site,
      APP,
      'GET',
      `/rest/api/3/issue/${pilot.key}?expand=names,renderedFields`,
    );
    expect(rendered.status).toBe(400);
    expect(rendered.body['errorMessages']).toEqual([expect.stringMatching(/expand=renderedFields/)]);
    const search = await call(site, APP, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = AIP',
      expand: 'editmeta',
    });
    expect(search.status).toBe(400);
    const transitions = `/rest/api/3/issue/${pilot.key}/transitions`;
    expect((await call(site, APP, 'GET', `${transitions}?expand=transitions.fields`)).status).toBe(200);
    expect((await call(site, APP, 'GET', `/rest/api/3/project/AIP?expand=lead`)).status).toBe(200);
    expect(
      (await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}/comment?expand=renderedBody`)).status,
    ).toBe(400);
    expect(warnings.filter((line) => line.includes('is not emulated'))).toHaveLength(3);
  });
});

describe('a site field that shares the app’s field name', () => {
  test('GET /field lists the site’s own "Readiness" beside the app’s, told apart by schema.custom', async () => {
    const { site } = testSite();
    const reply = await call(site, APP, 'GET', '/rest/api/3/field');
    const named = (reply.json as { id: string; name: string; schema: { custom: string } }[]).filter(
      (field) => field.name === 'Readiness',
    );
    expect(named.map((field) => field.id)).toEqual(['customfield_10020', 'customfield_10040']);
    expect(named[1]?.schema.custom).toMatch(/\/static\/readiness-field$/);
    expect(named[0]?.schema.custom).toBe('com.atlassian.jira.plugin.system.customfieldtypes:textfield');
  });
});

test('the tidy defaults are what a fresh site has', () => {
  expect(testSite().site.behaviour()).toEqual(TIDY_BEHAVIOUR);
  expect(TIDY_BEHAVIOUR).toEqual({
    searchLagMs: 0,
    resolutionOnDone: true,
    strictContentType: false,
    siteTimeZone: 'Etc/UTC',
  });
});

describe('closing with a resolution where the workflow offers it', () => {
  const transitionsOf = async (site: ReturnType<typeof testSite>['site'], key: string) =>
    (await call(site, APP, 'GET', `/rest/api/3/issue/${key}/transitions?expand=transitions.fields`)).body[
      'transitions'
    ] as { id: string; name: string; fields?: Record<string, { allowedValues: { name: string }[] }> }[];

  test("AIP's done transition has Resolution on its screen, with Won't Do among the values", async () => {
    const { site } = testSite();
    const pilot = await createIssue(site, APP, task('Stalled pilot'));
    const done = (await transitionsOf(site, pilot.key)).find((transition) => transition.name === 'Done');
    expect(done?.fields?.['resolution']?.allowedValues.map((value) => value.name)).toContain("Won't Do");
    const closed = await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/transitions`, {
      transition: { id: done?.id },
      fields: { resolution: { name: "Won't Do" } },
    });
    expect(closed.status).toBe(204);
    expect(site.issue(pilot.key)).toMatchObject({ status: 'Done', resolution: "Won't Do" });
  });

  test('TEAM (team-managed) offers no Resolution on done and sets none; asking for one is a 400', async () => {
    const { site } = testSite();
    const pilot = await createIssue(site, APP, task('Team pilot', 'TEAM'));
    const done = (await transitionsOf(site, pilot.key)).find((transition) => transition.name === 'Done');
    expect(done?.fields).toEqual({});
    const refused = await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/transitions`, {
      transition: { id: done?.id },
      fields: { resolution: { name: "Won't Do" } },
    });
    expect([refused.status, refused.body['errors']]).toEqual([
      400,
      { resolution: "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown." },
    ]);
    expect(site.issue(pilot.key)?.status).toBe('To Do');
    expect(
      (
        await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/transitions`, {
          transition: { id: done?.id },
        })
      ).status,
    ).toBe(204);
    expect(site.issue(pilot.key)).toMatchObject({ status: 'Done', resolution: null });
  });

  test('any project can be given a done without resolution (configureProject)', async () => {
    const { site } = testSite();
    site.configureProject('AIP', { doneWithoutResolution: true });
    const pilot = await createIssue(site, APP, task('Pilot'));
    const done = (await transitionsOf(site, pilot.key)).find((transition) => transition.name === 'Done');
    expect(done?.fields).toEqual({});
  });
});
