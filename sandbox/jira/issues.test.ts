/** Jira's semantics beyond the schema: create rules, hierarchy, screens, workflow, links, install flow. */
import type { Caller } from '../contracts';
import { SANDBOX_USERS } from '../contracts';
import type { JiraSite } from './site';
import { APP, PM, call, createIssue, doc, epic, subtask, task, testSite } from './testing';

/** An issue's fields as the caller gets them, asking for only these. */
async function fieldsOf(
  site: JiraSite,
  caller: Caller,
  key: string,
  fields: string[],
): Promise<Record<string, unknown>> {
  const reply = await call(site, caller, 'GET', `/rest/api/3/issue/${key}?fields=${fields.join(',')}`);
  return reply.body['fields'] as Record<string, unknown>;
}

async function errorsOf(reply: Promise<{ status: number; body: Record<string, unknown> }>): Promise<unknown> {
  const { status, body } = await reply;
  expect(status).toBe(400);
  return body['errors'];
}

describe('creating issues', () => {
  test('created/updated come from the sandbox clock, in Jira’s format; reporter and creator are the caller', async () => {
    const { site, clock } = testSite();
    clock.set('2026-03-01T09:00:00.000Z');
    await createIssue(site, PM, task('Pilot'));
    const fields = ['created', 'updated', 'reporter', 'creator', 'status', 'priority'];
    expect(await fieldsOf(site, APP, 'AIP-1', fields)).toMatchObject({
      created: '2026-03-01T09:00:00.000+0000',
      updated: '2026-03-01T09:00:00.000+0000',
      reporter: { accountId: SANDBOX_USERS.projectManager.accountId },
      creator: { accountId: SANDBOX_USERS.projectManager.accountId },
      status: { name: 'To Do', statusCategory: { key: 'new' } },
      priority: { name: 'Medium' },
    });
  });

  test('unknown project, missing or wrong issue type, missing summary', async () => {
    const { site } = testSite();
    const post = (fields: Record<string, unknown>) =>
      call(site, APP, 'POST', '/rest/api/3/issue', { fields });
    expect(
      await errorsOf(post({ project: { key: 'NOPE' }, issuetype: { name: 'Task' }, summary: 'x' })),
    ).toEqual({ project: 'valid project is required' });
    expect(await errorsOf(post({ project: { id: '10000' }, summary: 'x' }))).toEqual({
      issuetype: 'Specify an issue type',
    });
    expect(
      await errorsOf(post({ project: { key: 'AIP' }, issuetype: { name: 'Story' }, summary: 'x' })),
    ).toEqual({
      issuetype: 'The issue type selected is invalid.',
    });
    expect(await errorsOf(post({ project: { key: 'AIP' }, issuetype: { id: '10001' } }))).toEqual({
      summary: 'You must specify a summary of the issue.',
    });
    expect(site.issues()).toEqual([]);
  });

  test('sub-tasks need a standard parent in the same project', async () => {
    const { site } = testSite();
    const portfolio = await createIssue(site, APP, epic('Epic'));
    const pilot = await createIssue(site, APP, task('Pilot'));
    const review = await createIssue(site, APP, task('Review', 'SEC'));
    const createSubtask = (parent?: string, project = 'AIP') =>
      call(site, APP, 'POST', '/rest/api/3/issue', { fields: subtask('Work', parent, project) });
    expect(await errorsOf(createSubtask())).toEqual({
      issuetype: 'Issue type is a sub-task but parent issue key or id not specified.',
    });
    expect(await errorsOf(createSubtask(portfolio.key))).toEqual({
      parent: 'Given parent issue does not belong to appropriate hierarchy.',
    });
    expect(await errorsOf(createSubtask(review.key))).toEqual({
      project: 'Sub-tasks must be created in the same project as the parent.',
    });
    expect(await errorsOf(createSubtask('AIP-99'))).toEqual({ parent: 'Could not find issue by id or key.' });
    expect((await createSubtask(pilot.key)).status).toBe(201);
    // A standard issue's parent must be an epic.
    expect(
      await errorsOf(
        call(site, APP, 'POST', '/rest/api/3/issue', {
          fields: task('Child', 'AIP', { parent: { key: pilot.key } }),
        }),
      ),
    ).toEqual({
      parent: 'Given parent issue does not belong to appropriate hierarchy.',
    });
    expect(
      (
        await call(site, APP, 'POST', '/rest/api/3/issue', {
          fields: task('Child', 'AIP', { parent: { key: portfolio.key } }),
        })
      ).status,
    ).toBe(201);
  });

  test('a project can have sub-tasks switched off', async () => {
    const { site } = testSite();
    const pilot = await createIssue(site, APP, task('Pilot'));
    site.configureProject('AIP', { subtasksEnabled: false });
    const reply = call(site, APP, 'POST', '/rest/api/3/issue', {
      fields: subtask('Work', pilot.key),
    });
    expect(await errorsOf(reply)).toEqual({ issuetype: 'The issue type selected is invalid.' });
    const types = await call(site, APP, 'GET', '/rest/api/3/issuetype/project?projectId=10000');
    expect((types.json as { name: string }[]).map((type) => type.name)).toEqual(['Epic', 'Task']);
  });

  test('fields must be on the screen; read-only app fields are on none', async () => {
    const { site } = testSite();
    expect(
      await errorsOf(
        call(site, APP, 'POST', '/rest/api/3/issue', {
          fields: task('x', 'AIP', { resolution: { name: 'Done' }, status: { name: 'Done' } }),
        }),
      ),
    ).toEqual({
      resolution: "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown.",
      status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    site.configureProject('SEC', { hiddenFields: ['customfield_10042'] });
    expect(
      await errorsOf(
        call(site, APP, 'POST', '/rest/api/3/issue', {
          fields: task('x', 'SEC', { customfield_10042: '2026-11-02' }),
        }),
      ),
    ).toEqual({
      customfield_10042:
        "Field 'customfield_10042' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    expect(
      (
        await call(site, APP, 'POST', '/rest/api/3/issue', {
          fields: task('x', 'AIP', { customfield_10042: '2026-11-02' }),
        })
      ).status,
    ).toBe(201);
  });

  test('values are checked by type: ADF description, labels without spaces, users that exist', async () => {
    const { site } = testSite();
    const errors = await errorsOf(
      call(site, APP, 'POST', '/rest/api/3/issue', {
        fields: task('x', 'AIP', {
          description: 'plain text is v2, not v3',
          labels: ['two words'],
          customfield_10040: 5,
          customfield_10041: { accountId: 'nobody' },
          assignee: { accountId: 'nobody' },
          priority: { name: 'Urgent' },
        }),
      }),
    );
    expect(errors).toEqual({
      description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
      labels: "The label 'two words' contains spaces which is invalid.",
      customfield_10040:
        "Field 'customfield_10040' cannot be set. It is not on the appropriate screen, or unknown.",
      customfield_10041: 'Specify a valid user for Production owner.',
      assignee: 'Specified user does not exist or you do not have required permissions',
      priority: 'The priority selected is invalid.',
    });
  });

  test('team-managed projects own their issue types; company-managed ones are not theirs', async () => {
    const { site } = testSite();
    expect(
      await errorsOf(
        call(site, APP, 'POST', '/rest/api/3/issue', {
          fields: task('x', 'TEAM', { issuetype: { id: '10001' } }),
        }),
      ),
    ).toEqual({
      issuetype: 'The issue type selected is invalid.',
    });
    expect((await call(site, APP, 'POST', '/rest/api/3/issue', { fields: task('x', 'TEAM') })).status).toBe(
      201,
    );
    const project = await call(site, APP, 'GET', '/rest/api/3/project/TEAM');
    expect(project.body).toMatchObject({ style: 'next-gen', simplified: true });
    expect((project.body['issueTypes'] as { id: string; scope?: unknown }[]).map((type) => type.id)).toEqual([
      '10003',
      '10004',
      '10005',
      '10006',
    ]);
  });

  test('properties and update.issuelinks at creation', async () => {
    const { site } = testSite();
    const pilot = await createIssue(site, APP, task('Pilot'));
    const review = await createIssue(site, APP, task('Security review: Pilot', 'SEC'), {
      properties: [{ key: 'pilot-pathway-origin', value: { pilot: pilot.id, review: 'security' } }],
      update: { issuelinks: [{ add: { type: { name: 'Relates' }, outwardIssue: { key: pilot.key } } }] },
    });
    expect(site.issue(review.key)?.properties).toEqual({
      'pilot-pathway-origin': { pilot: pilot.id, review: 'security' },
    });
    expect(site.issueLinks()).toEqual([
      { id: '10000', type: 'Relates', sourceKey: review.key, destinationKey: pilot.key },
    ]);
    expect((await fieldsOf(site, APP, pilot.key, ['issuelinks']))['issuelinks']).toEqual([
      expect.objectContaining({
        id: '10000',
        type: expect.objectContaining({ name: 'Relates' }),
        inwardIssue: expect.objectContaining({ key: review.key }),
      }),
    ]);
  });

  test('bulk create: at most 50; every element is validated on its own', async () => {
    const { site } = testSite();
    const tooMany = await call(site, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: Array.from({ length: 51 }, () => ({ fields: task('x') })),
    });
    expect(tooMany.status).toBe(400);
    expect(site.issues()).toEqual([]);
    const fifty = await call(site, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: Array.from({ length: 50 }, (_, n) => ({ fields: task(`x${n}`) })),
    });
    expect(fifty.status).toBe(201);
    expect(site.issues()).toHaveLength(50);
  });
});

describe('editing, transitions, deleting', () => {
  test('status is not editable; transitions must be valid for the issue', async () => {
    const { site } = testSite();
    await createIssue(site, PM, task('Pilot'));
    expect(
      await errorsOf(
        call(site, PM, 'PUT', '/rest/api/3/issue/AIP-1', { fields: { status: { name: 'Done' } } }),
      ),
    ).toEqual({
      status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    const toSame = await call(site, PM, 'POST', '/rest/api/3/issue/AIP-1/transitions', {
      transition: { id: '11' },
    });
    expect(toSame.body).toEqual({
      errorMessages: ["Transition id '11' is not valid for this issue."],
      errors: {},
    });
    const unknown = await call(site, PM, 'POST', '/rest/api/3/issue/AIP-1/transitions', {
      transition: { id: '99' },
    });
    expect(unknown.status).toBe(400);
    const resolutionOffScreen = await call(site, PM, 'POST', '/rest/api/3/issue/AIP-1/transitions', {
      transition: { id: '21' },
      fields: { resolution: { name: 'Done' } },
    });
    expect(resolutionOffScreen.body['errors']).toEqual({
      resolution: "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    const transitions = await call(site, PM, 'GET', '/rest/api/3/issue/AIP-1/transitions');
    expect((transitions.body['transitions'] as { id: string }[]).map((transition) => transition.id)).toEqual([
      '21',
      '31',
    ]);
    expect(site.issue('AIP-1')?.status).toBe('To Do');
  });

  test('a project whose workflow has no way to done offers no transition into done, and refuses one', async () => {
    const { site } = testSite();
    await createIssue(site, PM, task('Pilot'));
    site.configureProject('AIP', { noTransitionToDone: true });
    const transitions = await call(site, PM, 'GET', '/rest/api/3/issue/AIP-1/transitions');
    expect((transitions.body['transitions'] as { id: string }[]).map((transition) => transition.id)).toEqual([
      '21',
    ]);
    const toDone = await call(site, PM, 'POST', '/rest/api/3/issue/AIP-1/transitions', {
      transition: { id: '31' },
    });
    expect(toDone.status).toBe(400);
    expect(site.issue('AIP-1')?.status).toBe('To Do');
  });

  test('a done transition without a resolution gets "Done"; statusCategory follows', async () => {
    const { site, clock } = testSite();
    await createIssue(site, PM, task('Pilot'));
    clock.advance(60_000);
    await call(site, PM, 'POST', '/rest/api/3/issue/AIP-1/transitions', { transition: { id: '31' } });
    const fields = ['status', 'resolution', 'resolutiondate', 'statusCategory', 'updated'];
    expect(await fieldsOf(site, PM, 'AIP-1', fields)).toMatchObject({
      status: { name: 'Done', statusCategory: { key: 'done' } },
      statusCategory: { key: 'done' },
      resolution: { name: 'Done' },
      resolutiondate: '2026-11-21T10:01:00.000+0000',
      updated: '2026-11-21T10:01:00.000+0000',
    });
  });

  test('re-parenting follows the hierarchy rules', async () => {
    const { site } = testSite();
    const portfolio = await createIssue(site, PM, epic('Epic'));
    const pilot = await createIssue(site, PM, task('Pilot'));
    expect(
      (
        await call(site, PM, 'PUT', `/rest/api/3/issue/${pilot.key}`, {
          fields: { parent: { key: portfolio.key } },
        })
      ).status,
    ).toBe(204);
    expect(site.issue(pilot.key)?.parentKey).toBe(portfolio.key);
    expect(
      await errorsOf(
        call(site, PM, 'PUT', `/rest/api/3/issue/${portfolio.key}`, {
          fields: { parent: { key: pilot.key } },
        }),
      ),
    ).toEqual({
      parent: 'Given parent issue does not belong to appropriate hierarchy.',
    });
    expect(
      (await call(site, PM, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { parent: null } })).status,
    ).toBe(204);
    expect(site.issue(pilot.key)?.parentKey).toBeNull();
  });

  test('an issue with sub-tasks is deleted only with deleteSubtasks=true', async () => {
    const { site } = testSite();
    const pilot = await createIssue(site, PM, task('Pilot'));
    await createIssue(site, PM, subtask('Work', pilot.key));
    expect((await call(site, PM, 'DELETE', `/rest/api/3/issue/${pilot.key}`)).status).toBe(400);
    expect(
      (await call(site, PM, 'DELETE', `/rest/api/3/issue/${pilot.key}?deleteSubtasks=true`)).status,
    ).toBe(204);
    expect(site.issues()).toEqual([]);
  });

  test('the changelog pages from oldest to newest', async () => {
    const { site } = testSite();
    await createIssue(site, PM, task('v0'));
    for (let n = 1; n <= 5; n += 1)
      await call(site, PM, 'PUT', '/rest/api/3/issue/AIP-1', { fields: { summary: `v${n}` } });
    const page = await call(site, PM, 'GET', '/rest/api/3/issue/AIP-1/changelog?startAt=1&maxResults=2');
    expect(page.body).toMatchObject({ startAt: 1, maxResults: 2, total: 5, isLast: false });
    expect(
      (page.body['values'] as { items: { toString: string }[] }[]).map((entry) => entry.items[0]?.toString),
    ).toEqual(['v2', 'v3']);
  });
});

describe('properties, remote links, comments', () => {
  test('an entity property is at most 32 KB', async () => {
    const { site } = testSite();
    await createIssue(site, APP, task('Pilot'));
    const big = await call(site, APP, 'PUT', '/rest/api/3/issue/AIP-1/properties/big', {
      text: 'x'.repeat(33_000),
    });
    expect(big.status).toBe(400);
    expect(site.issue('AIP-1')?.properties).toEqual({});
  });

  test('remote links upsert by globalId and null what an update leaves out', async () => {
    const { site } = testSite();
    await createIssue(site, APP, task('Pilot'));
    const globalId = 'pilot-pathway:servicenow:sc_req_item:abc';
    const first = await call(site, APP, 'POST', '/rest/api/3/issue/AIP-1/remotelink', {
      globalId,
      relationship: 'data access',
      application: { type: 'com.servicenow', name: 'ServiceNow' },
      object: { url: 'https://x.service-now.com/abc', title: 'RITM1', status: { resolved: false } },
    });
    expect(first.status).toBe(201);
    const second = await call(site, APP, 'POST', '/rest/api/3/issue/AIP-1/remotelink', {
      globalId,
      object: { url: 'https://x.service-now.com/abc', title: 'RITM1', status: { resolved: true } },
    });
    expect(second.status).toBe(200);
    expect(second.body['id']).toBe(first.body['id']);
    const links = await call(site, APP, 'GET', '/rest/api/3/issue/AIP-1/remotelink');
    expect(links.json).toEqual([
      {
        id: first.body['id'],
        self: expect.any(String),
        globalId,
        object: { url: 'https://x.service-now.com/abc', title: 'RITM1', status: { resolved: true } },
      },
    ]);
    const remove = () =>
      call(
        site,
        APP,
        'DELETE',
        `/rest/api/3/issue/AIP-1/remotelink?globalId=${encodeURIComponent(globalId)}`,
      );
    expect((await remove()).status).toBe(204);
    expect((await remove()).status).toBe(404);
  });

  test('comments take Atlassian Document Format and move updated', async () => {
    const { site, clock } = testSite();
    await createIssue(site, PM, task('Pilot'));
    clock.advance(5 * 60_000);
    expect((await call(site, PM, 'POST', '/rest/api/3/issue/AIP-1/comment', { body: 'plain' })).status).toBe(
      400,
    );
    expect(
      (await call(site, PM, 'POST', '/rest/api/3/issue/AIP-1/comment', { body: doc('Looks good') })).status,
    ).toBe(201);
    expect(site.issue('AIP-1')?.updated).toBe('2026-11-21T10:05:00.000+0000');
  });
});

describe('the app’s install flow', () => {
  test('a new issue type joins the default scheme only; AIP gets it through its own scheme; TEAM cannot', async () => {
    const { site } = testSite();
    const created = await call(site, APP, 'POST', '/rest/api/3/issuetype', {
      name: 'AI Pilot',
      description: 'An AI pilot',
      hierarchyLevel: 0,
    });
    expect(created.status).toBe(201);
    const typeId = String(created.body['id']);
    const pilotFields = { project: { key: 'AIP' }, issuetype: { id: typeId }, summary: 'Pilot' };
    expect(await errorsOf(call(site, APP, 'POST', '/rest/api/3/issue', { fields: pilotFields }))).toEqual({
      issuetype: 'The issue type selected is invalid.',
    });

    const schemes = await call(
      site,
      APP,
      'GET',
      '/rest/api/3/issuetypescheme/project?projectId=10000&projectId=10001',
    );
    expect(schemes.body['values']).toEqual([
      { issueTypeScheme: expect.objectContaining({ id: '10001', isDefault: false }), projectIds: ['10000'] },
    ]);
    expect(
      (
        await call(site, APP, 'PUT', '/rest/api/3/issuetypescheme/10001/issuetype', {
          issueTypeIds: [typeId],
        })
      ).status,
    ).toBe(204);
    const again = await call(site, APP, 'PUT', '/rest/api/3/issuetypescheme/10001/issuetype', {
      issueTypeIds: [typeId],
    });
    expect(again.body['errorMessages']).toEqual([
      `These issue types were not added because they are already present in the issue type scheme: ${typeId}`,
    ]);
    expect((await call(site, APP, 'POST', '/rest/api/3/issue', { fields: pilotFields })).status).toBe(201);
    expect(
      (
        await call(site, APP, 'PUT', '/rest/api/3/issuetypescheme/10001/issuetype', {
          issueTypeIds: ['10004'],
        })
      ).status,
    ).toBe(404);

    const duplicate = await call(site, APP, 'POST', '/rest/api/3/issuetype', { name: 'ai pilot' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body['errorMessages']).toEqual(['An issue type with this name already exists.']);
  });

  test('the Data access link type is created once; a second create is refused', async () => {
    const { site } = testSite();
    const body = { name: 'Data access', inward: 'is data access for', outward: 'needs data access from' };
    expect((await call(site, APP, 'POST', '/rest/api/3/issueLinkType', body)).status).toBe(201);
    const again = await call(site, APP, 'POST', '/rest/api/3/issueLinkType', body);
    expect(again.status).toBe(404);
    expect(again.body['errorMessages']).toEqual([
      "The issue link type name 'Data access' is already in use.",
    ]);
    const types = await call(site, APP, 'GET', '/rest/api/3/issueLinkType');
    expect((types.body['issueLinkTypes'] as { name: string }[]).map((type) => type.name)).toEqual([
      'Blocks',
      'Relates',
      'Data access',
    ]);
  });

  test('the app finds its custom fields by their Forge key; the runtime can redefine them from the manifest', async () => {
    const { site } = testSite();
    const fields = (await call(site, APP, 'GET', '/rest/api/3/field')).json as {
      id: string;
      name: string;
      schema: { type: string; custom?: string };
    }[];
    const mine = fields.filter((field) => field.schema.custom?.includes('/static/'));
    expect(mine.map((field) => [field.id, field.name, field.schema.type])).toEqual([
      ['customfield_10040', 'Readiness', 'number'],
      ['customfield_10041', 'Production owner', 'user'],
      ['customfield_10042', 'Kickoff date', 'date'],
      ['customfield_10043', 'Demo sign-off date', 'date'],
    ]);
    const defined = site.setAppCustomFields([
      { key: 'kickoff-date-field', name: 'Kickoff date', type: 'date' },
      { key: 'risk-field', name: 'Risk', type: 'string' },
    ]);
    expect(defined).toEqual([
      { id: 'customfield_10042', key: 'kickoff-date-field', name: 'Kickoff date' },
      { id: 'customfield_10044', key: 'risk-field', name: 'Risk' },
    ]);
    site.reset('bare');
    expect(
      site
        .fields()
        .filter((field) => field.schema.custom?.includes('/static/'))
        .map((field) => field.id),
    ).toEqual(['customfield_10042', 'customfield_10044']);
  });
});

test('reset brings back the bare site', async () => {
  const { site } = testSite();
  await createIssue(site, APP, task('Pilot'));
  site.setFaults([{ rate: 1, status: 500 }]);
  site.reset('bare');
  expect(site.issues()).toEqual([]);
  expect(site.metrics().calls).toBe(0);
  expect((await createIssue(site, APP, task('Again'))).key).toBe('AIP-1');
});
