/** Product events: Forge-shaped, after each change, marked when the app caused them. */
import type { ProductEvent } from '../contracts';
import { APP_ACCOUNT_ID, SANDBOX_USERS } from '../contracts';
import { APP, PM, call, createIssue, subtask, task, testSite } from './testing';

function recorder() {
  const { site } = testSite();
  const events: ProductEvent[] = [];
  const unsubscribe = site.onEvent((event) => events.push(event));
  return { site, events, unsubscribe };
}

test('creating an issue emits one created event, after the issue exists', async () => {
  const { site, events } = recorder();
  let existedWhenDelivered = false;
  site.onEvent((event) => {
    if (event.eventType === 'avi:jira:created:issue')
      existedWhenDelivered = site.issue('AIP-1') !== undefined;
  });
  await createIssue(site, PM, task('Fraud pilot'));
  expect(events).toHaveLength(1);
  const [event] = events;
  expect(event).toMatchObject({
    eventType: 'avi:jira:created:issue',
    atlassianId: SANDBOX_USERS.projectManager.accountId,
    causedByApp: false,
    payload: {
      eventType: 'avi:jira:created:issue',
      issue: {
        id: '10000',
        key: 'AIP-1',
        fields: { summary: 'Fraud pilot', issuetype: { name: 'Task' }, project: { key: 'AIP' } },
      },
    },
  });
  expect(existedWhenDelivered).toBe(true);
});

test('a transition emits an updated event with a status changelog', async () => {
  const { site, events } = recorder();
  await createIssue(site, PM, task('Pilot'));
  events.length = 0;
  expect(
    (await call(site, PM, 'POST', '/rest/api/3/issue/AIP-1/transitions', { transition: { id: '21' } }))
      .status,
  ).toBe(204);
  expect(events).toHaveLength(1);
  expect(events[0]?.eventType).toBe('avi:jira:updated:issue');
  expect((events[0]?.payload['changelog'] as { items: unknown[] }).items).toEqual([
    {
      field: 'status',
      fieldtype: 'jira',
      fieldId: 'status',
      from: '10000',
      fromString: 'To Do',
      to: '10001',
      toString: 'In Progress',
    },
  ]);
});

test('done sets the resolution in the same changelog; reopening clears it', async () => {
  const { site, events } = recorder();
  await createIssue(site, PM, task('Review'));
  await call(site, PM, 'POST', '/rest/api/3/issue/AIP-1/transitions', {
    transition: { id: '31' },
    fields: { resolution: { name: 'Declined' } },
  });
  const done = (
    events.at(-1)?.payload['changelog'] as { items: { field: string; toString: string | null }[] }
  ).items;
  expect(done.map((item) => [item.field, item.toString])).toEqual([
    ['resolution', 'Declined'],
    ['status', 'Done'],
  ]);
  expect(site.issue('AIP-1')).toMatchObject({
    resolution: 'Declined',
    statusCategory: 'done',
    resolutionDate: '2026-11-21T10:00:00.000+0000',
  });
  await call(site, PM, 'POST', '/rest/api/3/issue/AIP-1/transitions', { transition: { id: '11' } });
  expect(site.issue('AIP-1')).toMatchObject({
    resolution: null,
    resolutionDate: null,
    statusCategory: 'new',
  });
});

test('the app’s own changes are marked causedByApp, as are a user’s changes made through the app', async () => {
  const { site, events } = recorder();
  await createIssue(site, APP, task('By the app'));
  expect(events[0]).toMatchObject({ causedByApp: true, atlassianId: APP_ACCOUNT_ID });
  const viaApp = { kind: 'user' as const, accountId: SANDBOX_USERS.projectManager.accountId, viaApp: true };
  await call(site, viaApp, 'PUT', '/rest/api/3/issue/AIP-1', { fields: { summary: 'Renamed in the panel' } });
  expect(events[1]).toMatchObject({
    eventType: 'avi:jira:updated:issue',
    causedByApp: true,
    atlassianId: SANDBOX_USERS.projectManager.accountId,
  });
  await call(site, PM, 'PUT', '/rest/api/3/issue/AIP-1', { fields: { summary: 'Renamed in Jira' } });
  expect(events[2]).toMatchObject({ causedByApp: false });
});

test('an edit emits one updated event whose changelog lists every changed field; a no-op edit emits nothing', async () => {
  const { site, events } = recorder();
  await createIssue(site, PM, task('Pilot'));
  events.length = 0;
  await call(site, PM, 'PUT', '/rest/api/3/issue/AIP-1', {
    fields: {
      summary: 'Pilot v2',
      duedate: '2027-01-31',
      customfield_10041: { accountId: SANDBOX_USERS.pathwayEngineer.accountId },
    },
    update: { labels: [{ add: 'ai-pilot' }] },
  });
  expect(events).toHaveLength(1);
  const items = (
    events[0]?.payload['changelog'] as {
      items: { field: string; fieldId: string; toString: string | null }[];
    }
  ).items;
  expect(items.map((item) => [item.field, item.fieldId, item.toString])).toEqual([
    ['summary', 'summary', 'Pilot v2'],
    ['duedate', 'duedate', '2027-01-31'],
    ['Production owner', 'customfield_10041', 'Pat Pathway'],
    ['labels', 'labels', 'ai-pilot'],
  ]);
  await call(site, PM, 'PUT', '/rest/api/3/issue/AIP-1', { fields: { summary: 'Pilot v2' } });
  expect(events).toHaveLength(1);
});

test('issue links emit created and deleted issuelink events', async () => {
  const { site, events } = recorder();
  await createIssue(site, PM, task('Pilot'));
  await createIssue(site, PM, task('Data access'));
  events.length = 0;
  await call(site, APP, 'POST', '/rest/api/3/issueLink', {
    type: { name: 'Blocks' },
    inwardIssue: { key: 'AIP-2' },
    outwardIssue: { key: 'AIP-1' },
  });
  expect(events).toEqual([
    {
      eventType: 'avi:jira:created:issuelink',
      atlassianId: APP_ACCOUNT_ID,
      causedByApp: true,
      payload: {
        eventType: 'avi:jira:created:issuelink',
        atlassianId: APP_ACCOUNT_ID,
        // Atlassian's documented shape: the link's fields at the top level, no issueLink wrapper.
        id: '10000',
        sourceIssueId: '10001',
        destinationIssueId: '10000',
        sourceProjectId: '10000',
        destinationProjectId: '10000',
        issueLinkType: { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
      },
    },
  ]);
  // A duplicate link is accepted and changes nothing (as Jira documents).
  await call(site, APP, 'POST', '/rest/api/3/issueLink', {
    type: { name: 'Blocks' },
    inwardIssue: { key: 'AIP-2' },
    outwardIssue: { key: 'AIP-1' },
  });
  expect(events).toHaveLength(1);
  await call(site, PM, 'DELETE', '/rest/api/3/issueLink/10000');
  expect(events[1]).toMatchObject({
    eventType: 'avi:jira:deleted:issuelink',
    causedByApp: false,
    payload: { id: '10000', sourceIssueId: '10001', destinationIssueId: '10000' },
  });
});

test('links made at creation (update.issuelinks) emit their events after the created event', async () => {
  const { site, events } = recorder();
  await createIssue(site, PM, task('Pilot'));
  events.length = 0;
  await createIssue(site, APP, task('Data access request'), {
    update: { issuelinks: [{ add: { type: { name: 'Relates' }, inwardIssue: { key: 'AIP-1' } } }] },
  });
  expect(events.map((event) => event.eventType)).toEqual([
    'avi:jira:created:issue',
    'avi:jira:created:issuelink',
  ]);
  expect(site.issueLinks()).toEqual([
    { id: '10000', type: 'Relates', sourceKey: 'AIP-1', destinationKey: 'AIP-2' },
  ]);
});

test('app custom field values emit an updated event unless generateChangelog=false', async () => {
  const { site, events } = recorder();
  await createIssue(site, PM, task('Pilot'));
  events.length = 0;
  await call(site, APP, 'PUT', '/rest/api/3/app/field/customfield_10040/value', {
    updates: [{ issueIds: [10000], value: 44 }],
  });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    causedByApp: true,
    payload: { changelog: { items: [{ field: 'Readiness', fieldId: 'customfield_10040', toString: '44' }] } },
  });
  await call(site, APP, 'PUT', '/rest/api/3/app/field/customfield_10040/value?generateChangelog=false', {
    updates: [{ issueIds: [10000], value: 45 }],
  });
  expect(events).toHaveLength(1);
  expect(site.issue('AIP-1')?.customFields['customfield_10040']).toBe(45);
});

test('deleting an issue emits a deleted event; unsubscribed listeners hear nothing more', async () => {
  const { site, events, unsubscribe } = recorder();
  await createIssue(site, PM, task('Pilot'));
  await call(site, APP, 'DELETE', '/rest/api/3/issue/AIP-1');
  expect(events.map((event) => event.eventType)).toEqual([
    'avi:jira:created:issue',
    'avi:jira:deleted:issue',
  ]);
  unsubscribe();
  await createIssue(site, PM, task('Another'));
  expect(events).toHaveLength(2);
});

test('deleting a parent with deleteSubtasks fires one deleted event per sub-task, then the parent; its links go without issuelink events', async () => {
  const { site, events } = recorder();
  const pilot = await createIssue(site, PM, task('Pilot'));
  const work = await createIssue(site, PM, subtask('Work', pilot.key));
  const review = await createIssue(site, PM, task('Security review', 'SEC'));
  await call(site, PM, 'POST', '/rest/api/3/issueLink', {
    type: { name: 'Blocks' },
    inwardIssue: { key: review.key },
    outwardIssue: { key: pilot.key },
  });
  await call(site, APP, 'POST', `/rest/api/3/issue/${pilot.key}/remotelink`, {
    object: { url: 'https://example.service-now.com/ritm/1', title: 'RITM0010001' },
  });
  events.length = 0;
  expect((await call(site, APP, 'DELETE', `/rest/api/3/issue/${pilot.key}?deleteSubtasks=true`)).status).toBe(
    204,
  );
  expect(events.map((event) => [event.eventType, (event.payload['issue'] as { key: string }).key])).toEqual([
    ['avi:jira:deleted:issue', work.key],
    ['avi:jira:deleted:issue', pilot.key],
  ]);
  expect(events[1]).toMatchObject({
    causedByApp: true,
    payload: {
      eventType: 'avi:jira:deleted:issue',
      atlassianId: APP_ACCOUNT_ID,
      issue: { id: pilot.id, key: pilot.key, fields: { summary: 'Pilot', issuetype: { name: 'Task' } } },
    },
  });
  expect(site.issueLinks()).toEqual([]);
  const left = await call(site, PM, 'GET', `/rest/api/3/issue/${review.key}?fields=issuelinks`);
  expect((left.body['fields'] as { issuelinks: unknown[] }).issuelinks).toEqual([]);
  expect((await call(site, APP, 'GET', `/rest/api/3/issue/${pilot.key}/remotelink`)).status).toBe(404);
});

test('a refused request emits nothing; setting a property emits nothing', async () => {
  const { site, events } = recorder();
  await call(site, PM, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' } },
  });
  expect(events).toEqual([]);
  await createIssue(site, PM, task('Pilot'));
  await call(site, APP, 'PUT', '/rest/api/3/issue/AIP-1/properties/pilot-readiness', { score: 1 });
  expect(events).toHaveLength(1);
});

describe('the issue in an issue event carries only the fields the events reference documents', () => {
  const DOCUMENTED = [
    'summary',
    'issuetype',
    'creator',
    'created',
    'project',
    'reporter',
    'assignee',
    'updated',
    'status',
  ];
  const issueOf = (event: ProductEvent | undefined) =>
    event?.payload['issue'] as { id: string; key: string; fields: Record<string, unknown> };

  test('created, updated and deleted: no resolution, due date, parent or labels; people as {accountId}', async () => {
    const { site, events } = recorder();
    const pilot = await createIssue(site, PM, task('Pilot'));
    await createIssue(site, PM, {
      ...subtask('Work', pilot.key),
      duedate: '2027-01-31',
      labels: ['ai-pilot'],
      assignee: { accountId: SANDBOX_USERS.pathwayEngineer.accountId },
    });
    await call(site, PM, 'POST', '/rest/api/3/issue/AIP-2/transitions', {
      transition: { id: '31' },
      fields: { resolution: { name: 'Declined' } },
    });
    await call(site, PM, 'DELETE', '/rest/api/3/issue/AIP-2');
    expect(events.map((event) => event.eventType)).toEqual([
      'avi:jira:created:issue',
      'avi:jira:created:issue',
      'avi:jira:updated:issue',
      'avi:jira:deleted:issue',
    ]);
    for (const event of events) {
      const issue = issueOf(event);
      expect(Object.keys(issue).sort()).toEqual(['fields', 'id', 'key']);
      expect(Object.keys(issue.fields).filter((field) => !DOCUMENTED.includes(field))).toEqual([]);
      for (const person of ['creator', 'reporter'])
        expect(issue.fields[person]).toEqual({ accountId: SANDBOX_USERS.projectManager.accountId });
    }
    const work = issueOf(events[1]);
    expect(work.fields['assignee']).toEqual({ accountId: SANDBOX_USERS.pathwayEngineer.accountId });
    expect(issueOf(events[0]).fields['assignee']).toBeNull();
    // The status (typed `any`) comes as REST renders it, with its category.
    expect(issueOf(events[2]).fields['status']).toMatchObject({
      name: 'Done',
      statusCategory: { key: 'done' },
    });
    expect(Object.keys(events[2]?.payload ?? {}).sort()).toEqual([
      'associatedUsers',
      'atlassianId',
      'changelog',
      'eventType',
      'issue',
    ]);
  });

  test('what changed outside the documented fields is said by the changelog alone, as Jira writes it', async () => {
    const { site, events } = recorder();
    await createIssue(site, PM, task('Pilot'));
    await createIssue(site, PM, task('Another pilot'));
    await createIssue(site, PM, subtask('Work', 'AIP-1'));
    events.length = 0;
    await call(site, PM, 'PUT', '/rest/api/3/issue/AIP-3', {
      fields: { duedate: '2027-02-01', parent: { key: 'AIP-2' } },
      update: { labels: [{ add: 'late' }] },
    });
    expect(events).toHaveLength(1);
    const payload = events[0]?.payload ?? {};
    expect(issueOf(events[0]).fields).not.toHaveProperty('duedate');
    expect(issueOf(events[0]).fields).not.toHaveProperty('parent');
    expect(issueOf(events[0]).fields).not.toHaveProperty('labels');
    expect(payload['changelog']).toEqual({
      id: expect.any(String),
      items: [
        {
          field: 'duedate',
          fieldtype: 'jira',
          fieldId: 'duedate',
          from: null,
          fromString: null,
          to: '2027-02-01',
          toString: '2027-02-01',
        },
        {
          field: 'IssueParentAssociation',
          fieldtype: 'jira',
          fieldId: 'parent',
          from: '10000',
          fromString: 'AIP-1',
          to: '10001',
          toString: 'AIP-2',
        },
        {
          field: 'labels',
          fieldtype: 'jira',
          fieldId: 'labels',
          from: null,
          fromString: null,
          to: null,
          toString: 'late',
        },
      ],
    });
  });
});
