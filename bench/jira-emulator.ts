/**
 * The Jira emulator's own speed on a big site (sandbox.md: at 10,000 pilots the emulators stay fast).
 * Fills the emulated site with N pilot-shaped families written as the app writes them (a pilot with
 * its readiness property, 8 workstream sub-tasks and 5 review tasks with the origin property, the
 * reviews linked to the pilot: 14 issues and 5 links a pilot), then times single requests of the
 * kinds the app sends: creates, reads, writes and the app's own JQL searches, first page and a
 * later page, with the search index current and with it lagging writes (`searchLagMs`). Issues
 * named by key are from the middle of the site (a lookup by key that reads issues in order would
 * find the first ones at once).
 *
 * The families are created as the app (its own events do not reach its triggers: `ignoreSelf`), so
 * this measures the emulator alone; `npm run bench:scale` measures the app on sites it built itself.
 *
 *   npm run bench:emulator [-- --pilots 1000,8000] [--repeat 15]
 */
import type { Caller } from '../sandbox/contracts';
import { SANDBOX_USERS } from '../sandbox/contracts';
import { createSandbox, type Sandbox } from '../sandbox/server';

const APP: Caller = { kind: 'app', viaApp: true };
const PM: Caller = { kind: 'user', accountId: SANDBOX_USERS.projectManager.accountId, viaApp: false };
const ORIGIN = 'pilot-pathway-origin';
const READINESS = 'pilot-readiness';
const ROWS = [
  'model-validation',
  'data-access',
  'security-compliance',
  'infrastructure',
  'legacy-integration',
  'mlops',
  'change-management',
  'monitoring',
];
const REVIEWS = ['security', 'compliance', 'legal', 'privacy', 'infrastructure'];
const say = (line: string) => process.stdout.write(`${line}\n`);

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(sandbox: Sandbox, caller: Caller, method: string, path: string, body?: unknown) {
  const reply = await sandbox.jira.handle(
    {
      method,
      path,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    caller,
  );
  if (reply.status >= 400) throw new Error(`${method} ${path} → ${reply.status} ${reply.body.slice(0, 500)}`);
  return (reply.body ? JSON.parse(reply.body) : undefined) as Json;
}

/** A stored readiness document about the size the app writes (≈ 3.5 KB: score, band, gates). */
function readinessDocument(index: number): Record<string, unknown> {
  return {
    version: 1,
    score: (index * 7) % 101,
    band: ['on-track', 'at-risk', 'blocked', 'ready'][index % 4],
    graduated: index % 10 === 0,
    reviewRequired: index % 3 === 0,
    daysSinceDemo: index % 5 === 0 ? null : index % 120,
    gates: ROWS.map((row) => ({
      milestone: row,
      passed: false,
      waived: false,
      blocking: [
        {
          criterion: { type: 'workstream', row },
          issueKeys: [`AIP-${index}`],
          detail: `${row} design: to do, owned by the production pathway team, due in a few weeks`,
          ownerTeam: 'Production pathway team',
          dueDate: '2027-01-21',
          daysOverdue: 0,
        },
      ],
    })),
  };
}

interface SiteIds {
  pilotType: string;
  subtaskType: string;
  taskType: string;
}

async function siteIds(sandbox: Sandbox): Promise<SiteIds> {
  const project = await call(sandbox, PM, 'GET', '/rest/api/3/project/AIP');
  const typeId = (name: string): string => {
    const found = (project.issueTypes as Json[]).find((type) => type.name === name);
    if (!found) throw new Error(`AIP has no issue type ${name}`);
    return String(found.id);
  };
  return { pilotType: typeId('AI Pilot'), subtaskType: typeId('Sub-task'), taskType: typeId('Task') };
}

interface Created {
  id: string;
  key: string;
}

/** Creates `total` pilots with their families, 50 issues a bulk call; answers the pilots. */
async function fill(sandbox: Sandbox, ids: SiteIds, total: number): Promise<Created[]> {
  const created: Created[] = [];
  for (let start = 0; start < total; start += 50) {
    const count = Math.min(50, total - start);
    const pilots = await call(sandbox, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: Array.from({ length: count }, (_, offset) => ({
        fields: {
          project: { key: 'AIP' },
          issuetype: { id: ids.pilotType },
          summary: `Pilot ${start + offset + 1}`,
        },
        properties: [{ key: READINESS, value: readinessDocument(start + offset + 1) }],
      })),
    });
    created.push(...(pilots.issues as Created[]));
    const family = (pilots.issues as Json[]).flatMap((pilot: Json, offset: number) => [
      ...ROWS.map((row, rowIndex) => ({
        fields: {
          project: { key: 'AIP' },
          issuetype: { id: ids.subtaskType },
          parent: { id: pilot.id },
          summary: `${row} of pilot ${start + offset + 1}`,
          duedate: `2027-0${1 + ((start + offset + rowIndex) % 9)}-1${rowIndex % 10}`,
        },
        properties: [{ key: ORIGIN, value: { pilot: pilot.id, row } }],
      })),
      ...REVIEWS.map((review) => ({
        fields: {
          project: { key: 'AIP' },
          issuetype: { id: ids.taskType },
          summary: `${review} review of pilot ${start + offset + 1}`,
        },
        update: {
          issuelinks: [{ add: { type: { name: 'Relates' }, outwardIssue: { id: pilot.id } } }],
        },
        properties: [{ key: ORIGIN, value: { pilot: pilot.id, review } }],
      })),
    ]);
    for (let offset = 0; offset < family.length; offset += 50) {
      await call(sandbox, APP, 'POST', '/rest/api/3/issue/bulk', {
        issueUpdates: family.slice(offset, offset + 50),
      });
    }
  }
  return created;
}

interface Timing {
  what: string;
  medianMs: number;
  maxMs: number;
}

async function timed(what: string, repeat: number, work: (round: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let round = 0; round < repeat; round++) {
    const started = performance.now();
    await work(round);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    what,
    medianMs: round(times[Math.floor(times.length / 2)] ?? 0),
    maxMs: round(times[times.length - 1] ?? 0),
  };
}

function search(sandbox: Sandbox, jql: string, fields: string[], nextPageToken?: string) {
  return call(sandbox, APP, 'POST', '/rest/api/3/search/jql', {
    jql,
    fields,
    properties: [ORIGIN, READINESS],
    maxResults: 100,
    ...(nextPageToken ? { nextPageToken } : {}),
  });
}

/** The token of page `page` (1-based) of a query, by reading the pages before it. */
async function tokenOfPage(sandbox: Sandbox, jql: string, page: number): Promise<string | undefined> {
  let token: string | undefined;
  for (let at = 1; at < page; at++) {
    const reply = await call(sandbox, APP, 'POST', '/rest/api/3/search/jql', {
      jql,
      fields: ['id'],
      maxResults: 100,
      ...(token ? { nextPageToken: token } : {}),
    });
    token = reply.nextPageToken;
    if (!token) return undefined;
  }
  return token;
}

async function measure(
  sandbox: Sandbox,
  ids: SiteIds,
  created: Created[],
  repeat: number,
): Promise<Timing[]> {
  const pilots = created.length;
  const pilotAt = (n: number) => created[(n - 1) % pilots] as Created;
  const pilotKey = (n: number) => pilotAt(n).key;
  const pilotId = (n: number) => pilotAt(n).id;
  const middle = Math.ceil(pilots / 2);
  const pilotsJql = `issuetype in (${ids.pilotType})`;
  const daily = `${pilotsJql} AND (statusCategory != Done AND issue.property[${READINESS}].graduated = "false") ORDER BY key ASC`;
  const queue = `project = "AIP" AND issue.property[${ORIGIN}].row IN ("data-access", "mlops") AND statusCategory != Done ORDER BY duedate ASC, key ASC`;
  const laterDaily = await tokenOfPage(sandbox, daily, Math.max(2, Math.floor(pilots / 200)));
  const epic = await call(sandbox, APP, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'AIP' }, issuetype: { name: 'Epic' }, summary: 'Benchmark epic' },
  });
  const family = await search(
    sandbox,
    `issue.property[${ORIGIN}].pilot IN (${Array.from({ length: 10 }, (_, n) => `"${pilotId(middle + n)}"`).join(', ')})`,
    ['summary'],
  );
  const subtaskKeys = (family.issues as Json[]).map((issue) => String(issue.key));
  const results: Timing[] = [];
  const add = async (what: string, work: (round: number) => Promise<unknown>) => {
    results.push(await timed(what, repeat, work));
  };
  await add('create an issue (POST /issue)', () =>
    call(sandbox, APP, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'AIP' }, issuetype: { id: ids.taskType }, summary: 'One more task' },
    }),
  );
  await add('create a sub-task, parent by key', (round) =>
    call(sandbox, APP, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'AIP' },
        issuetype: { id: ids.subtaskType },
        parent: { key: pilotKey(middle + round) },
        summary: 'One more sub-task',
      },
    }),
  );
  await add('bulk create 50 sub-tasks of 50 pilots', (round) =>
    call(sandbox, APP, 'POST', '/rest/api/3/issue/bulk', {
      issueUpdates: Array.from({ length: 50 }, (_, offset) => ({
        fields: {
          project: { key: 'AIP' },
          issuetype: { id: ids.subtaskType },
          parent: { key: pilotKey(middle + ((round * 50 + offset) % middle)) },
          summary: 'A new template row',
        },
        properties: [{ key: ORIGIN, value: { pilot: pilotId(1 + offset), row: 'new-row' } }],
      })),
    }),
  );
  await add('read an issue by key (GET /issue)', (round) =>
    call(sandbox, APP, 'GET', `/rest/api/3/issue/${pilotKey(middle + round)}?fields=summary,status,subtasks`),
  );
  await add('set an issue property by key', (round) =>
    call(
      sandbox,
      APP,
      'PUT',
      `/rest/api/3/issue/${pilotKey(middle + round)}/properties/${READINESS}`,
      readinessDocument(round),
    ),
  );
  await add('transition a sub-task by key', (round) =>
    call(sandbox, APP, 'POST', `/rest/api/3/issue/${subtaskKeys[round % subtaskKeys.length]}/transitions`, {
      transition: { id: '21' },
    }),
  );
  await add('move a pilot under an epic (edit parent)', (round) =>
    call(sandbox, APP, 'PUT', `/rest/api/3/issue/${pilotKey(middle + round)}`, {
      fields: { parent: { key: epic.key } },
    }),
  );
  await add('search: a pilot and its path (id = X OR origin.pilot = "X")', (round) =>
    search(
      sandbox,
      `id = ${pilotId(1 + round)} OR issue.property[${ORIGIN}].pilot = "${pilotId(1 + round)}" ORDER BY key ASC`,
      ['summary', 'status', 'duedate', 'parent'],
    ),
  );
  await add('search: 50 pilots\u2019 paths (origin.pilot IN 50 ids)', (round) =>
    search(
      sandbox,
      `issue.property[${ORIGIN}].pilot IN (${Array.from({ length: 50 }, (_, offset) => `"${pilotId(1 + ((round * 50 + offset) % pilots))}"`).join(', ')})`,
      ['status', 'duedate'],
    ),
  );
  await add('search: issues by id (id in 20 ids)', (round) =>
    search(
      sandbox,
      `id in (${Array.from({ length: 20 }, (_, offset) => pilotId(1 + ((round * 20 + offset) % pilots))).join(', ')}) ORDER BY key ASC`,
      ['status'],
    ),
  );
  await add('search: portfolio, first page (pilots of project AIP)', () =>
    search(sandbox, `${pilotsJql} AND (project = "AIP") ORDER BY key ASC`, ['summary', 'parent']),
  );
  await add('search: daily job, first page', () => search(sandbox, daily, ['summary']));
  await add('search: daily job, a later page', () => search(sandbox, daily, ['summary'], laterDaily));
  await add('search: owner queue (project, origin.row IN, not done)', () =>
    search(sandbox, queue, ['summary', 'duedate', 'parent']),
  );
  await add('search: children of an epic (parent = X)', () =>
    search(sandbox, `${pilotsJql} AND (parent = ${epic.id}) ORDER BY key ASC`, ['summary']),
  );

  await call(sandbox, PM, 'GET', '/rest/api/3/myself');
  (sandbox.jira as unknown as { setBehaviour(b: { searchLagMs: number }): void }).setBehaviour({
    searchLagMs: 1500,
  });
  await add('with search lag: create an issue', () =>
    call(sandbox, APP, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'AIP' }, issuetype: { id: ids.taskType }, summary: 'Lagging task' },
    }),
  );
  await add('with search lag: set an issue property by key', (round) =>
    call(
      sandbox,
      APP,
      'PUT',
      `/rest/api/3/issue/${pilotKey(middle + round)}/properties/${READINESS}`,
      readinessDocument(round + 1),
    ),
  );
  await add('with search lag: a pilot and its path', (round) =>
    search(
      sandbox,
      `id = ${pilotId(1 + round)} OR issue.property[${ORIGIN}].pilot = "${pilotId(1 + round)}" ORDER BY key ASC`,
      ['summary', 'status'],
    ),
  );
  await add('with search lag: daily job, first page', () => search(sandbox, daily, ['summary']));
  (sandbox.jira as unknown as { setBehaviour(b: { searchLagMs: number }): void }).setBehaviour({
    searchLagMs: 0,
  });
  return results;
}

async function main(): Promise<void> {
  const sizes = option('pilots', '1000,8000')
    .split(',')
    .map((text) => Number(text.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 10))
    throw new Error('--pilots wants whole numbers of at least 10, comma-separated');
  const repeat = Number(option('repeat', '15'));
  const sandbox = await createSandbox({ seed: 'empty', log: () => undefined });
  try {
    for (const size of sizes) {
      await sandbox.reset('empty');
      const ids = await siteIds(sandbox);
      const started = performance.now();
      const created = await fill(sandbox, ids, size);
      say(
        `\n${size} pilots (${(size * 14).toLocaleString('en')} issues): filled in ${Math.round((performance.now() - started) / 1000)} s`,
      );
      for (const timing of await measure(sandbox, ids, created, repeat))
        say(`  ${timing.what.padEnd(64)} ${String(timing.medianMs).padStart(8)} ms  (max ${timing.maxMs})`);
    }
  } finally {
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
