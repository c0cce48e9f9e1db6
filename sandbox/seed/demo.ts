/**
 * The demo story `npm start` shows (sandbox.md "Starting states"): one epic grouping five AI
 * pilots in different states. Everything goes through the Jira REST API as the project manager,
 * so the app's own handlers react to the events and do the work (sub-tasks, reviews, readiness).
 *
 * This is the first cut: it creates the epic and the pilots, sets their dates, waits for the app,
 * then moves the sub-tasks the app generated (where they exist) to tell each pilot's story.
 * Every step that the current app cannot support yet is reported as a warning, not an error.
 */
import { SANDBOX_USERS } from '../contracts';

interface SeedTarget {
  jiraAs(
    accountId: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }>;
  idle(): Promise<void>;
  clock: { now(): Date };
  log?: (line: string) => void;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PM = SANDBOX_USERS.projectManager.accountId;
const DAY = 86_400_000;

/** Workstream sub-task summaries (product.md §1) a story moves, by the status category it reaches. */
type Moves = Record<string, 'indeterminate' | 'done'>;

interface PilotStory {
  summary: string;
  story: string;
  kickoffDaysAgo: number;
  demoDaysAgo?: number;
  dueInDays?: number;
  moves: Moves;
}

const ALL_DONE: Moves = {
  'Model development & validation': 'done',
  'Data access requests': 'done',
  'Security & compliance engagement': 'done',
  'Infrastructure spec & provisioning': 'done',
  'Legacy system integration design': 'done',
  'MLOps pipeline setup': 'done',
  'Business change management': 'done',
  'Monitoring & alerting setup': 'done',
};

export const DEMO_PILOTS: PilotStory[] = [
  { summary: 'Invoice triage assistant', story: 'fresh', kickoffDaysAgo: 2, moves: {} },
  {
    summary: 'Claims summarisation copilot',
    story: 'on track',
    kickoffDaysAgo: 30,
    dueInDays: 54,
    moves: {
      'Model development & validation': 'done',
      'Data access requests': 'done',
      'Security & compliance engagement': 'indeterminate',
      'Infrastructure spec & provisioning': 'indeterminate',
      'Business change management': 'indeterminate',
    },
  },
  {
    summary: 'Churn prediction for retail banking',
    story: 'blocked on data access',
    kickoffDaysAgo: 60,
    demoDaysAgo: 20,
    dueInDays: 24,
    moves: { 'Model development & validation': 'done', 'Data access requests': 'indeterminate' },
  },
  {
    summary: 'Support chatbot for field engineers',
    story: 'past 90 days since demo',
    kickoffDaysAgo: 160,
    demoDaysAgo: 104,
    moves: { 'Model development & validation': 'done' },
  },
  {
    summary: 'Contract clause extraction',
    story: 'ready',
    kickoffDaysAgo: 95,
    demoDaysAgo: 53,
    dueInDays: 5,
    moves: ALL_DONE,
  },
];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface DemoSeedResult {
  epic?: string;
  pilots: { key: string; summary: string; story: string }[];
  warnings: string[];
}

export async function seedDemo(sandbox: SeedTarget): Promise<DemoSeedResult> {
  const warnings: string[] = [];
  const warn = (w: string) => {
    warnings.push(w);
    sandbox.log?.(`[seed:demo] ${w}`);
  };
  const jira = (method: string, path: string, body?: unknown) => sandbox.jiraAs(PM, method, path, body);
  const errorOf = (r: { status: number; json: unknown }) => `${r.status} ${JSON.stringify(r.json)}`;
  const result: DemoSeedResult = { pilots: [], warnings };

  const project = await jira('GET', '/rest/api/3/project/AIP');
  if (project.status !== 200) {
    warn(`project AIP is not readable: ${errorOf(project)}`);
    return result;
  }
  const types = ((project.json as Json).issueTypes ?? []) as Json[];
  const epicType = types.find((t) => t.name === 'Epic' || t.hierarchyLevel === 1);
  const pilotType = types.find((t) => t.name === 'AI Pilot');

  const fieldsReply = await jira('GET', '/rest/api/3/field');
  const fieldId = (name: string): string | undefined =>
    fieldsReply.status === 200
      ? ((fieldsReply.json as Json[]).find((f) => f.name === name)?.id as string | undefined)
      : undefined;

  if (epicType) {
    const epic = await jira('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'AIP' },
        issuetype: { id: epicType.id },
        summary: 'Customer operations AI pilots',
      },
    });
    if (epic.status === 201) result.epic = (epic.json as Json).key;
    else warn(`the epic was not created: ${errorOf(epic)}`);
  } else warn('project AIP has no epic issue type');

  if (!pilotType) {
    warn(
      'project AIP has no "AI Pilot" issue type yet: the app\'s install handler has not created it, so no pilot was seeded',
    );
    return result;
  }

  const now = sandbox.clock.now().getTime();
  const kickoff = fieldId('Kickoff date');
  const demo = fieldId('Demo sign-off date');
  for (const pilot of DEMO_PILOTS) {
    const fields: Json = {
      project: { key: 'AIP' },
      issuetype: { id: pilotType.id },
      summary: pilot.summary,
      ...(result.epic ? { parent: { key: result.epic } } : {}),
      ...(pilot.dueInDays !== undefined ? { duedate: isoDay(new Date(now + pilot.dueInDays * DAY)) } : {}),
    };
    const created = await jira('POST', '/rest/api/3/issue', { fields });
    if (created.status !== 201) {
      warn(`pilot "${pilot.summary}" was not created: ${errorOf(created)}`);
      continue;
    }
    const key = (created.json as Json).key as string;
    result.pilots.push({ key, summary: pilot.summary, story: pilot.story });
    const dates: Json = {};
    if (kickoff) dates[kickoff] = isoDay(new Date(now - pilot.kickoffDaysAgo * DAY));
    if (demo && pilot.demoDaysAgo !== undefined)
      dates[demo] = isoDay(new Date(now - pilot.demoDaysAgo * DAY));
    if (Object.keys(dates).length) {
      const updated = await jira('PUT', `/rest/api/3/issue/${key}`, { fields: dates });
      if (updated.status !== 204) warn(`${key}: dates not set: ${errorOf(updated)}`);
    }
  }

  // Let the app generate each pilot's sub-tasks, then move them to tell the story.
  await sandbox.idle();
  for (const [index, pilot] of DEMO_PILOTS.entries()) {
    const seeded = result.pilots.find((p) => p.summary === pilot.summary);
    if (!seeded || Object.keys(pilot.moves).length === 0) continue;
    const issue = await jira('GET', `/rest/api/3/issue/${seeded.key}?fields=subtasks`);
    const subtasks = (((issue.json as Json)?.fields?.subtasks ?? []) as Json[]).map((s) => ({
      key: s.key as string,
      summary: s.fields?.summary as string,
    }));
    if (subtasks.length === 0) {
      if (index === 1) warn('the app generated no sub-tasks yet: the pilots keep their fresh state');
      continue;
    }
    for (const [summary, target] of Object.entries(pilot.moves)) {
      const sub = subtasks.find((s) => s.summary === summary || s.summary?.startsWith(summary));
      if (!sub) continue;
      await moveTo(jira, sub.key, target, warn);
    }
  }
  await sandbox.idle();
  return result;
}

/** Walks an issue through its workflow until its status category is `target`. */
async function moveTo(
  jira: (method: string, path: string, body?: unknown) => Promise<{ status: number; json: unknown }>,
  key: string,
  target: 'indeterminate' | 'done',
  warn: (w: string) => void,
): Promise<void> {
  for (let step = 0; step < 4; step++) {
    const current = await jira('GET', `/rest/api/3/issue/${key}?fields=status`);
    const category = (current.json as Json)?.fields?.status?.statusCategory?.key;
    if (category === target) return;
    const reply = await jira('GET', `/rest/api/3/issue/${key}/transitions`);
    const transitions = ((reply.json as Json)?.transitions ?? []) as Json[];
    const next =
      transitions.find((t) => t.to?.statusCategory?.key === target) ??
      (target === 'done'
        ? transitions.find((t) => t.to?.statusCategory?.key === 'indeterminate')
        : undefined);
    if (!next) {
      warn(`${key}: no transition towards ${target}`);
      return;
    }
    const moved = await jira('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: next.id } });
    if (moved.status !== 204) {
      warn(`${key}: transition ${next.name} failed: ${moved.status}`);
      return;
    }
  }
}
