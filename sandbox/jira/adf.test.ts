/**
 * Rich text is checked against Atlassian's ADF schema wherever a body enters (adf.ts): Jira answers
 * a document it cannot accept with 400 INVALID_INPUT and stores nothing of the request.
 */
import { APP, call, createIssue, doc, expectResponseMatchesContract, task, testSite } from './testing';

const paragraph = (...content: unknown[]) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content }],
});

/** Documents real Jira refuses, each for a different reason. */
const BROKEN: Record<string, Record<string, unknown>> = {
  'an unknown node type': { type: 'doc', version: 1, content: [{ type: 'sparkleBlock', content: [] }] },
  'an empty text node': paragraph({ type: 'text', text: '' }),
  'an unknown mark': paragraph({ type: 'text', text: 'shiny', marks: [{ type: 'glitter' }] }),
};

/** Jira's whole answer to a broken document. */
const INVALID_INPUT = { errorMessages: ['INVALID_INPUT'], errors: {} };

/** A document using much of what Jira accepts: every entry point must still take it. */
const RICH = {
  type: 'doc',
  version: 1,
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Why' }] },
    { type: 'paragraph' },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Bold', marks: [{ type: 'strong' }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'a link', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }] },
        { type: 'text', text: ' 🚀 ünïcødé' },
      ],
    },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
      ],
    },
  ],
};

describe.each(Object.entries(BROKEN))('a document with %s', (_reason, broken) => {
  test('is refused as a new issue’s description, and no issue is created', async () => {
    const { site, warnings } = testSite();
    const reply = await call(site, APP, 'POST', '/rest/api/3/issue', {
      fields: task('Pilot', 'AIP', { description: broken }),
    });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual(INVALID_INPUT);
    expectResponseMatchesContract('createIssue', 400, reply.json);
    expect(site.issues()).toEqual([]);
    // The log says what Jira's answer does not.
    expect(warnings.join('\n')).toMatch(/description is not valid ADF: \S+/);
  });

  test('is refused as an edited description (fields or update), and the issue keeps its own', async () => {
    const { site } = testSite();
    const { key } = await createIssue(site, APP, task('Pilot', 'AIP', { description: doc('Before') }));
    const before = site.issue(key);
    for (const body of [
      { fields: { summary: 'Renamed', description: broken } },
      { fields: { summary: 'Renamed' }, update: { description: [{ set: broken }] } },
    ]) {
      const reply = await call(site, APP, 'PUT', `/rest/api/3/issue/${key}`, body);
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual(INVALID_INPUT);
    }
    expect(site.issue(key)).toEqual(before);
  });

  test('is refused as a comment, and the issue has none', async () => {
    const { site, clock } = testSite();
    const { key } = await createIssue(site, APP, task('Pilot'));
    const before = site.issue(key);
    clock.advance(60_000);
    const reply = await call(site, APP, 'POST', `/rest/api/3/issue/${key}/comment`, { body: broken });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual(INVALID_INPUT);
    expectResponseMatchesContract('addComment', 400, reply.json);
    expect(site.issue(key)).toEqual(before);
  });

  test('is refused as update.comment of an edit or a transition, which then change nothing', async () => {
    const { site, clock } = testSite();
    const { key } = await createIssue(site, APP, task('Pilot'));
    const before = site.issue(key);
    clock.advance(60_000);
    const update = { comment: [{ add: { body: broken } }] };
    const edit = await call(site, APP, 'PUT', `/rest/api/3/issue/${key}`, {
      fields: { summary: 'Renamed' },
      update,
    });
    const transition = await call(site, APP, 'POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: '21' },
      update,
    });
    for (const reply of [edit, transition]) {
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual(INVALID_INPUT);
    }
    expect(site.issue(key)).toEqual(before);
  });

  test('is refused as the comment of a new issue link, and no link is made', async () => {
    const { site } = testSite();
    const source = await createIssue(site, APP, task('Pilot'));
    const destination = await createIssue(site, APP, task('Data access'));
    const reply = await call(site, APP, 'POST', '/rest/api/3/issueLink', {
      type: { name: 'Relates' },
      inwardIssue: { key: source.key },
      outwardIssue: { key: destination.key },
      comment: { body: broken },
    });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual(INVALID_INPUT);
    expect(site.issueLinks()).toEqual([]);
    expect(site.issue(destination.key)?.comments).toEqual([]);
  });

  test('fails its own element of a bulk create; the others are created', async () => {
    const { site } = testSite();
    const reply = await call(site, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [
        { fields: task('Fine', 'AIP', { description: doc('Fine') }) },
        { fields: task('Broken', 'AIP', { description: broken }) },
      ],
    });
    expect(reply.status).toBe(201);
    expectResponseMatchesContract('createIssues', 201, reply.json);
    expect(reply.body['errors']).toEqual([
      { status: 400, elementErrors: INVALID_INPUT, failedElementNumber: 1 },
    ]);
    expect(site.issues().map((issue) => issue.summary)).toEqual(['Fine']);
  });
});

test('a valid document is taken at every entry point, as sent', async () => {
  const { site } = testSite();
  const { key } = await createIssue(site, APP, task('Pilot', 'AIP', { description: RICH }));
  const other = await createIssue(site, APP, task('Data access'));
  const replies = [
    await call(site, APP, 'PUT', `/rest/api/3/issue/${other.key}`, { fields: { description: RICH } }),
    await call(site, APP, 'POST', `/rest/api/3/issue/${key}/comment`, { body: RICH }),
    await call(site, APP, 'PUT', `/rest/api/3/issue/${key}`, {
      update: { comment: [{ add: { body: RICH } }] },
    }),
    await call(site, APP, 'POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: '21' },
      update: { comment: [{ add: { body: RICH } }] },
    }),
    await call(site, APP, 'POST', '/rest/api/3/issueLink', {
      type: { name: 'Relates' },
      inwardIssue: { key: other.key },
      outwardIssue: { key },
      comment: { body: RICH },
    }),
    await call(site, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [{ fields: task('Bulk', 'AIP', { description: RICH }) }],
    }),
  ];
  expect(replies.map((reply) => reply.status)).toEqual([204, 201, 204, 204, 201, 201]);
  expect(site.issue(key)?.description).toEqual(RICH);
  expect(site.issue(other.key)?.description).toEqual(RICH);
  expect(site.issue(key)?.comments.map((comment) => comment.body)).toEqual([RICH, RICH, RICH, RICH]);
});
