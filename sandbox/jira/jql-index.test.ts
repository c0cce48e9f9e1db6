/**
 * JQL answered from the site's index gives exactly what a scan of every issue gives: for every
 * clause shape the app sends, on sites changed through the REST API in every way the index must
 * follow (creates, parents, transitions, properties, labels, deletes), with the search index current
 * or lagging writes, and for random sites and queries (fast-check). The reference scan runs on a copy
 * of the site's state (`exportState`), outside the live site's index.
 */
import fc from 'fast-check';
import type { Caller } from '../contracts';
import { IssueTable } from './issue-table';
import { compileJql, searchIssues } from './jql';
import type { IssueRecord } from './model';
import { Access } from './permissions';
import { SearchIndex } from './search-index';
import { DEFAULT_INDEXED_PROPERTIES, type JiraSite } from './site';
import { SiteStore } from './store';
import type { TestClock } from './testing';
import { APP, OUTSIDER, PM, call, createIssue, epic, subtask, task, testSite } from './testing';

const ORIGIN = 'pilot-pathway-origin';
const READINESS = 'pilot-readiness';
const INDEXED = [
  ...DEFAULT_INDEXED_PROPERTIES,
  { propertyKey: ORIGIN, path: 'pilot', type: 'string' as const },
  { propertyKey: ORIGIN, path: 'row', type: 'string' as const },
];

function freshSite(): { site: JiraSite; clock: TestClock } {
  const { site, clock } = testSite();
  site.setIndexedProperties(INDEXED);
  return { site, clock };
}

/** The site's answer through POST /search/jql (its index): keys in order, or the 400's message. */
async function indexAnswer(site: JiraSite, caller: Caller, jql: string, reconcile: string[] = []) {
  const keys: string[] = [];
  let nextPageToken: string | undefined;
  do {
    const reply = await call(site, caller, 'POST', '/rest/api/3/search/jql', {
      jql,
      fields: ['key'],
      maxResults: 7,
      reconcileIssues: reconcile.map(Number),
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    if (reply.status !== 200) return { error: (reply.body['errorMessages'] as string[])[0] };
    keys.push(...(reply.body['issues'] as { key: string }[]).map((issue) => issue.key));
    nextPageToken = reply.body['nextPageToken'] as string | undefined;
  } while (nextPageToken);
  return { keys };
}

/** A copy of the site's state, as search sees it now (lag included). */
function searchedCopy(site: JiraSite, clock: TestClock, reconcile: string[]): SiteStore {
  const state = site.exportState();
  const store = new SiteStore();
  store.importState(state.store);
  const index = new SearchIndex();
  index.setLag(state.behaviour.searchLagMs);
  index.importState(state.searchIndex);
  return index.indexedStore(store, clock.now().getTime(), new Set(reconcile));
}

/** The same query by reading every issue of a copy of the site's state. */
function scanAnswer(site: JiraSite, clock: TestClock, caller: Caller, jql: string, reconcile: string[] = []) {
  const store = searchedCopy(site, clock, reconcile);
  try {
    const env = { store, access: new Access(store, caller), now: clock.now() };
    return { keys: searchIssues(jql, env, 'scan').map((issue) => issue.key) };
  } catch (error) {
    return { error: (error as { errorMessages?: string[] }).errorMessages?.[0] ?? String(error) };
  }
}

async function expectSameAnswer(
  site: JiraSite,
  clock: TestClock,
  caller: Caller,
  jql: string,
  reconcile: string[] = [],
): Promise<{ keys?: string[]; error?: string }> {
  const indexed = await indexAnswer(site, caller, jql, reconcile);
  expect({ jql, ...indexed }).toEqual({ jql, ...scanAnswer(site, clock, caller, jql, reconcile) });
  return indexed;
}

const origin = (pilot: string, row: string) => ({ properties: [{ key: ORIGIN, value: { pilot, row } }] });

/** The JQL shapes the app sends (src/jira/pilots.ts and the services that call it). */
const APP_SHAPES = [
  'id = 10001 OR issue.property[pilot-pathway-origin].pilot = "10001" ORDER BY key ASC',
  'id = 10001 OR issue.property[pilot-pathway-origin].pilot = "10001" OR id in (10004, 10009) ORDER BY key ASC',
  'issue.property[pilot-pathway-origin].pilot IN ("10001", "10002", "10010")',
  'id in (10003, 10004, 10012)',
  'id in (10003, 10004) ORDER BY key ASC',
  'issuetype in (10001, 10006) ORDER BY key ASC',
  'issuetype in (10001, 10006) AND (project = "AIP") ORDER BY key ASC',
  'issuetype in (10001, 10006) AND (parent = 10000) ORDER BY key ASC',
  'issuetype in (10001, 10006) AND (statusCategory != Done AND issue.property[pilot-readiness].graduated = "false") ORDER BY key ASC',
  'project = "AIP" AND issue.property[pilot-pathway-origin].row IN ("data", "mlops") AND statusCategory != Done ORDER BY duedate ASC, key ASC',
  '(id = 10001 OR issue.property[pilot-pathway-origin].pilot = "10001") AND statusCategory != Done ORDER BY key ASC',
  'parent in (AIP-2, AIP-3) ORDER BY key ASC',
];

describe('a site of pilots changed through the REST API', () => {
  const { site, clock } = freshSite();

  beforeAll(async () => {
    // AIP-1 epic; AIP-2, AIP-3 pilots (tasks) under it, each with two sub-tasks; SEC-1 a review.
    await createIssue(site, APP, epic('Portfolio'));
    for (const name of ['Fraud', 'Churn']) {
      clock.advance(60_000);
      const pilot = await createIssue(site, APP, task(name, 'AIP', { parent: { key: 'AIP-1' } }), {
        properties: [
          {
            key: READINESS,
            value: { score: name === 'Fraud' ? 30 : 80, band: 'at-risk', graduated: false },
          },
        ],
      });
      for (const [row, due] of [
        ['data', '2027-01-15'],
        ['mlops', '2027-02-01'],
      ] as const) {
        clock.advance(60_000);
        await createIssue(
          site,
          APP,
          { ...subtask(`${row} of ${name}`, pilot.key), duedate: due },
          origin(pilot.id, row),
        );
      }
    }
    await createIssue(site, APP, task('Security review', 'SEC'), origin('10001', 'security'));
    await createIssue(site, APP, task('A task of the team', 'TEAM'));
    await call(site, APP, 'POST', '/rest/api/3/issue/AIP-4/transitions', { transition: { id: '31' } });
  });

  test.each(APP_SHAPES)('the index narrows the app’s query: %s', (jql) => {
    const store = searchedCopy(site, clock, []);
    const compiled = compileJql(jql, { store, access: new Access(store, APP), now: clock.now() });
    const candidates = compiled.candidates?.();
    expect(candidates).toBeDefined();
    expect(candidates?.size).toBeLessThan(store.issues.size);
  });

  test.each(APP_SHAPES)('the index answers what a scan answers: %s', async (jql) => {
    const answer = await expectSameAnswer(site, clock, APP, jql);
    expect(answer.error).toBeUndefined();
  });

  test('every answer follows changes of parent, status, properties, labels and deletes', async () => {
    const queries = [
      'parent = AIP-1 ORDER BY key',
      'parent = AIP-2 ORDER BY key',
      'statusCategory = Done',
      'statusCategory in ("To Do", "In Progress") AND project = AIP',
      `issue.property[${ORIGIN}].pilot = "10001"`,
      `issue.property[${ORIGIN}].row in ("data", "renamed")`,
      `issue.property[${READINESS}].graduated = "true"`,
      'labels in (moved, fraud)',
      'key in (AIP-3, AIP-5, SEC-1)',
      'id in (10002, 10004, 10005, 10099)',
    ];
    const changes: Array<() => Promise<unknown>> = [
      () => call(site, APP, 'PUT', '/rest/api/3/issue/AIP-3', { fields: { parent: { key: 'AIP-5' } } }),
      () => call(site, APP, 'POST', '/rest/api/3/issue/AIP-6/transitions', { transition: { id: '31' } }),
      () => call(site, APP, 'PUT', `/rest/api/3/issue/AIP-7/properties/${ORIGIN}`, { row: 'renamed' }),
      () =>
        call(site, APP, 'PUT', `/rest/api/3/issue/AIP-2/properties/${READINESS}`, {
          score: 100,
          graduated: true,
        }),
      () => call(site, APP, 'DELETE', `/rest/api/3/issue/SEC-1/properties/${ORIGIN}`),
      () => call(site, APP, 'PUT', '/rest/api/3/issue/AIP-4', { update: { labels: [{ add: 'moved' }] } }),
      () => call(site, APP, 'DELETE', '/rest/api/3/issue/AIP-5?deleteSubtasks=true'),
    ];
    for (const change of changes) {
      const before = await Promise.all(queries.map((jql) => indexAnswer(site, APP, jql)));
      const reply = (await change()) as { status: number };
      expect(reply.status).toBeLessThan(300);
      const after = [];
      for (const jql of queries) after.push(await expectSameAnswer(site, clock, APP, jql));
      // Each change moves at least one answer, so the index cannot pass by standing still.
      expect(after).not.toEqual(before);
    }
  });

  test('with the search index lagging, and issues reconciled, the answers stay a scan’s', async () => {
    // Left by the test before: AIP-1 epic, AIP-2 pilot, AIP-4 its done sub-task, SEC-1, TEAM-1.
    site.setBehaviour({ searchLagMs: 1500 });
    const late = await createIssue(site, APP, subtask('late row', 'AIP-2'), origin('10001', 'late'));
    const writes = [
      await call(site, APP, 'PUT', `/rest/api/3/issue/AIP-4/properties/${ORIGIN}`, {
        pilot: '10001',
        row: 'moved',
      }),
      await call(site, APP, 'POST', '/rest/api/3/issue/AIP-4/transitions', { transition: { id: '11' } }),
      await call(site, APP, 'DELETE', '/rest/api/3/issue/SEC-1'),
    ];
    expect(writes.map((reply) => reply.status)).toEqual([200, 204, 204]);
    const queries = [
      `issue.property[${ORIGIN}].pilot = "10001" ORDER BY key`,
      `issue.property[${ORIGIN}].row in (late, moved, data, mlops, security)`,
      'parent = AIP-2',
      `key in (${late.key}, AIP-2)`,
      'statusCategory = Done',
      `id in (${late.id}, 10003, 10007)`,
    ];
    const lagging = [];
    for (const jql of queries) lagging.push(await expectSameAnswer(site, clock, APP, jql));
    const reconciled = [];
    for (const jql of queries)
      reconciled.push(await expectSameAnswer(site, clock, APP, jql, [late.id, '10003']));
    clock.advance(2000);
    const caughtUp = [];
    for (const jql of queries) caughtUp.push(await expectSameAnswer(site, clock, APP, jql));
    expect(reconciled).not.toEqual(lagging);
    expect(caughtUp).not.toEqual(reconciled);
    site.setBehaviour({ searchLagMs: 0 });
  });

  test('a caller sees only what they may browse, through the index as through a scan', async () => {
    for (const jql of APP_SHAPES) await expectSameAnswer(site, clock, OUTSIDER, jql);
    await expectSameAnswer(site, clock, OUTSIDER, 'project in (SEC, TEAM) OR labels = moved');
  });
});

describe('the issue table follows records changed in place during a write', () => {
  const record = (id: string, parentId: string | null): IssueRecord => ({
    id,
    key: `AIP-${id}`,
    projectId: '10000',
    issueTypeId: '10001',
    summary: '',
    description: null,
    statusId: '10000',
    statusCategoryChangeDate: 0,
    resolutionId: null,
    resolutionDate: null,
    priorityId: null,
    assigneeId: null,
    reporterId: null,
    creatorId: 'someone',
    labels: [],
    dueDate: null,
    parentId,
    created: 0,
    updated: 0,
    customFields: new Map(),
    properties: new Map(),
    changelog: [],
    comments: [],
    remoteLinks: [],
  });

  test('a record handed out, then an indexed lookup, then a change: the next lookup sees the change', () => {
    const table = new IssueTable();
    table.set('1', record('1', null));
    table.set('2', record('2', null));
    table.beginWrite({ preImages: false });
    const issue = table.get('2') as IssueRecord;
    expect([...table.idsWith('parent', '1')]).toEqual([]);
    issue.parentId = '1';
    expect([...table.idsWith('parent', '1')]).toEqual(['2']);
    issue.statusId = '10002';
    const written = table.endWrite();
    expect([...written.keys()]).toEqual(['2']);
    expect([...table.idsWith('status', '10002')]).toEqual(['2']);
    expect([...table.idsWith('status', '10000')]).toEqual(['1']);
  });

  test('iterating the table inside a write hands out every record', () => {
    const table = new IssueTable();
    for (const id of ['1', '2', '3']) table.set(id, record(id, null));
    table.beginWrite({ preImages: true });
    for (const issue of table.values()) issue.labels = [`l${issue.id}`];
    const written = table.endWrite();
    expect([...written.keys()].sort()).toEqual(['1', '2', '3']);
    expect([...written.values()].every((before) => before instanceof Buffer)).toBe(true);
    expect([...table.idsWith('label', 'l3')]).toEqual(['3']);
  });

  test('a new record counts as written with no earlier copy; a deleted one leaves the index', () => {
    const table = new IssueTable();
    table.set('1', record('1', null));
    table.beginWrite({ preImages: true });
    table.set('2', record('2', '1'));
    table.delete('1');
    const written = table.endWrite();
    expect(written.get('2')).toBeNull();
    expect(written.get('1')).toBeInstanceOf(Buffer);
    expect(table.byKey('AIP-1')).toBeUndefined();
    expect(table.byKey('AIP-2')?.id).toBe('2');
    expect([...table.idsWith('parent', '1')]).toEqual(['2']);
  });
});

// ------------------------------------------------------------------ random sites and queries

const PILOTS = ['10001', '10002', '10003'];
const ROWS = ['data', 'mlops', 'ops'];

type Operation =
  | {
      kind: 'create';
      project: 'AIP' | 'SEC' | 'TEAM';
      type: 'Task' | 'Epic' | 'Sub-task' | 'AI Pilot';
      parent: number;
      labels: string[];
      due: string | null;
      origin: { pilot: string | string[]; row: string } | null;
      readiness: { score: number; graduated: boolean; band: string } | null;
    }
  | { kind: 'parent'; issue: number; parent: number | null }
  | { kind: 'transition'; issue: number; to: '11' | '21' | '31' }
  | { kind: 'origin'; issue: number; value: { pilot: string; row: string } | null }
  | { kind: 'labels'; issue: number; labels: string[] }
  | { kind: 'delete'; issue: number }
  | { kind: 'wait'; ms: number };

const labels = fc.subarray(['a', 'b', 'fraud']);
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      project: fc.constantFrom('AIP' as const, 'AIP' as const, 'SEC' as const, 'TEAM' as const),
      type: fc.constantFrom('Task' as const, 'Epic' as const, 'Sub-task' as const, 'AI Pilot' as const),
      parent: fc.nat(40),
      labels,
      due: fc.option(fc.constantFrom('2027-01-15', '2027-02-01', '2027-03-10')),
      origin: fc.option(
        fc.record({
          pilot: fc.oneof(fc.constantFrom(...PILOTS), fc.subarray(PILOTS, { minLength: 1 })),
          row: fc.constantFrom(...ROWS),
        }),
      ),
      readiness: fc.option(
        fc.record({
          score: fc.integer({ min: 0, max: 100 }),
          graduated: fc.boolean(),
          band: fc.constantFrom('ready', 'blocked'),
        }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('parent' as const),
      issue: fc.nat(40),
      parent: fc.option(fc.nat(40)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('transition' as const),
      issue: fc.nat(40),
      to: fc.constantFrom('11' as const, '21' as const, '31' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('origin' as const),
      issue: fc.nat(40),
      value: fc.option(fc.record({ pilot: fc.constantFrom(...PILOTS), row: fc.constantFrom(...ROWS) })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('labels' as const), issue: fc.nat(40), labels }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), issue: fc.nat(40) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 2000 }) }),
  },
);

const quoted = (values: string[]) => values.map((value) => `"${value}"`).join(', ');
const clauseText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 10000, max: 10030 }).map((id) => `id = ${id}`),
  fc
    .uniqueArray(fc.integer({ min: 10000, max: 10030 }), { minLength: 1, maxLength: 4 })
    .map((ids) => `id in (${ids.join(', ')})`),
  fc.integer({ min: 1, max: 12 }).map((n) => `key = AIP-${n}`),
  fc
    .subarray(['AIP-1', 'AIP-2', 'SEC-1', 'TEAM-1'], { minLength: 1 })
    .map((keys) => `issue in (${keys.join(', ')})`),
  fc
    .subarray(['10000', '10001', '10002', '10006'], { minLength: 1 })
    .map((ids) => `issuetype in (${ids.join(', ')})`),
  fc.constantFrom('type = "Sub-task"', 'issuetype = Epic'),
  fc.constantFrom('project = "AIP"', 'project in (AIP, SEC)', 'project = TEAM'),
  fc.integer({ min: 1, max: 8 }).map((n) => `parent = AIP-${n}`),
  fc
    .subarray(['10000', '10001', '10002', '10003'], { minLength: 1 })
    .map((ids) => `parent in (${ids.join(', ')})`),
  fc.constantFrom(
    'statusCategory != Done',
    'statusCategory = Done',
    'statusCategory in ("To Do", "In Progress")',
    'status = "In Progress"',
    'status != "To Do"',
  ),
  fc.constantFrom(...PILOTS).map((pilot) => `issue.property[${ORIGIN}].pilot = "${pilot}"`),
  fc
    .subarray(PILOTS, { minLength: 1 })
    .map((pilots) => `issue.property[${ORIGIN}].pilot IN (${quoted(pilots)})`),
  fc.subarray(ROWS, { minLength: 1 }).map((rows) => `issue.property[${ORIGIN}].row in (${quoted(rows)})`),
  fc.constantFrom(
    `issue.property[${ORIGIN}].row is EMPTY`,
    `issue.property[${ORIGIN}].pilot != "10001"`,
    `issue.property[${READINESS}].graduated = "false"`,
    `issue.property[${READINESS}].band in (ready, blocked)`,
    `issue.property[${READINESS}].score >= 50`,
    `issue.property[${READINESS}].score = 50`,
  ),
  fc.constantFrom('labels = fraud', 'labels in (a, b)', 'labels is EMPTY', 'labels not in (a)'),
  fc.constantFrom('duedate < "2027-02-15"', 'duedate is EMPTY', 'due = "2027-01-15"'),
);

const where: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    clauseText,
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => `(${a}) AND (${b})`),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => `(${a}) OR (${b})`),
    tie('node').map((inner) => `NOT (${inner})`),
  ),
})).node;

const orderBy = fc.constantFrom(
  '',
  ' ORDER BY key ASC',
  ' ORDER BY duedate ASC, key ASC',
  ' ORDER BY created DESC',
  ` ORDER BY issue.property[${READINESS}].score DESC`,
);

async function apply(site: JiraSite, clock: TestClock, keys: string[], step: Operation): Promise<void> {
  const at = (index: number) => keys[index % Math.max(1, keys.length)] ?? 'AIP-1';
  switch (step.kind) {
    case 'create': {
      const fields: Record<string, unknown> = {
        project: { key: step.project },
        issuetype: { name: step.project === 'TEAM' && step.type === 'Sub-task' ? 'Subtask' : step.type },
        summary: 'random',
        labels: step.labels,
        ...(step.due ? { duedate: step.due } : {}),
        ...(keys.length > 0 && step.type !== 'Epic' ? { parent: { key: at(step.parent) } } : {}),
      };
      const properties = [
        ...(step.origin ? [{ key: ORIGIN, value: step.origin }] : []),
        ...(step.readiness ? [{ key: READINESS, value: step.readiness }] : []),
      ];
      const reply = await call(site, APP, 'POST', '/rest/api/3/issue', { fields, properties });
      if (reply.status === 201) keys.push(String(reply.body['key']));
      return;
    }
    case 'parent':
      await call(site, APP, 'PUT', `/rest/api/3/issue/${at(step.issue)}`, {
        fields: { parent: step.parent === null ? null : { key: at(step.parent) } },
      });
      return;
    case 'transition':
      await call(site, APP, 'POST', `/rest/api/3/issue/${at(step.issue)}/transitions`, {
        transition: { id: step.to },
      });
      return;
    case 'origin':
      await (step.value
        ? call(site, APP, 'PUT', `/rest/api/3/issue/${at(step.issue)}/properties/${ORIGIN}`, step.value)
        : call(site, APP, 'DELETE', `/rest/api/3/issue/${at(step.issue)}/properties/${ORIGIN}`));
      return;
    case 'labels':
      await call(site, APP, 'PUT', `/rest/api/3/issue/${at(step.issue)}`, {
        fields: { labels: step.labels },
      });
      return;
    case 'delete':
      await call(site, APP, 'DELETE', `/rest/api/3/issue/${at(step.issue)}?deleteSubtasks=true`);
      return;
    case 'wait':
      clock.advance(step.ms);
  }
}

test('random sites and random queries: the index answers what a scan answers (fast-check)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(operation, { minLength: 5, maxLength: 35 }),
      fc.array(fc.tuple(where, orderBy), { minLength: 1, maxLength: 6 }),
      fc.constantFrom(0, 0, 1500),
      fc.subarray(['10000', '10001', '10002', '10005', '10008']),
      fc.constantFrom<Caller>(APP, APP, PM, OUTSIDER),
      async (operations, queries, lagMs, reconcile, caller) => {
        const { site, clock } = freshSite();
        site.setBehaviour({ searchLagMs: lagMs });
        const keys: string[] = [];
        for (const step of operations) await apply(site, clock, keys, step);
        for (const [condition, order] of queries) {
          const jql = `${condition}${order}`;
          const indexed = await indexAnswer(site, caller, jql, reconcile);
          expect({ jql, ...indexed }).toEqual({ jql, ...scanAnswer(site, clock, caller, jql, reconcile) });
        }
      },
    ),
    { numRuns: 120 },
  );
});
