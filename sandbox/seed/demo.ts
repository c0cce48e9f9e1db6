/**
 * The demo story `npm start` shows (sandbox.md "Starting states"): one epic grouping five AI pilots,
 * one per state a newcomer should recognise in a minute: fresh, on track, blocked on data access,
 * past 90 days since its demo (on the kill list), and ready for production.
 *
 * Everything goes through the Jira REST API as the people of the site (the project manager, the
 * reviewers, the data steward), so the app's own handlers react to the events and do the work:
 * sub-tasks, reviews, readiness. Nothing is written into the emulator by hand.
 */
import { DEFAULT_TEMPLATE } from '../../src/domain/default-template';
import { REVIEW_KINDS } from '../../src/domain/types';
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
type Progress = 'in-progress' | 'done';

const PM = SANDBOX_USERS.projectManager.accountId;
const DAY = 86_400_000;
const TRANSITION = { 'in-progress': '21', done: '31' } as const;
/** The default template's workstream rows and review kinds: what the app generates for a pilot. */
const ALL_ROWS = DEFAULT_TEMPLATE.rows.map((row) => row.key);
const ALL_REVIEWS = REVIEW_KINDS;
const COMPLETE_SPEC = {
  latency: 'p95 under 800 ms per claim',
  availability: '99.5 % in business hours',
  rollback: 'Feature flag back to the manual queue within 5 minutes',
  monitoring: 'Drift and error-rate dashboards, paging on 2 % errors',
};

interface PilotStory {
  summary: string;
  story: string;
  kickoffDaysAgo: number;
  demoDaysAgo?: number;
  dueInDays?: number;
  productionOwner?: string;
  spec?: Record<string, string>;
  workstreams: Record<string, Progress>;
  reviews: Record<string, Progress>;
  /** Data-access tickets filed in Jira, by how far the data steward got. */
  dataAccess: Array<'requested' | Progress>;
}

const every = (keys: readonly string[], progress: Progress) =>
  Object.fromEntries(keys.map((key) => [key, progress]));

export const DEMO_PILOTS: PilotStory[] = [
  {
    summary: 'Invoice triage assistant',
    story: 'fresh: created two days ago, the whole production path laid out and nothing started',
    kickoffDaysAgo: 2,
    workstreams: {},
    reviews: {},
    dataAccess: [],
  },
  {
    summary: 'Claims summarisation copilot',
    story: 'on track: data access approved early, reviews running in parallel, nothing overdue',
    kickoffDaysAgo: 30,
    dueInDays: 54,
    productionOwner: SANDBOX_USERS.businessOwner.accountId,
    spec: COMPLETE_SPEC,
    workstreams: { ...every(ALL_ROWS, 'in-progress'), 'model-validation': 'done', 'data-access': 'done' },
    reviews: { security: 'done', compliance: 'in-progress', legal: 'in-progress' },
    dataAccess: ['done'],
  },
  {
    summary: 'Churn prediction for retail banking',
    story:
      'blocked on data access: the data steward has not started on the request, so production deployment cannot pass',
    kickoffDaysAgo: 60,
    demoDaysAgo: 20,
    dueInDays: 24,
    productionOwner: SANDBOX_USERS.pathwayEngineer.accountId,
    spec: COMPLETE_SPEC,
    workstreams: {
      ...every(ALL_ROWS, 'in-progress'),
      'model-validation': 'done',
      infrastructure: 'done',
      'legacy-integration': 'done',
    },
    reviews: every(ALL_REVIEWS, 'done'),
    dataAccess: ['requested'],
  },
  {
    summary: 'Support chatbot for field engineers',
    story: 'past 90 days since its demo with no decision: on the kill list',
    kickoffDaysAgo: 160,
    demoDaysAgo: 104,
    workstreams: { 'model-validation': 'done' },
    reviews: {},
    dataAccess: [],
  },
  {
    summary: 'Contract clause extraction',
    story: 'ready: every gate passes',
    kickoffDaysAgo: 95,
    demoDaysAgo: 53,
    dueInDays: 5,
    productionOwner: SANDBOX_USERS.businessOwner.accountId,
    spec: COMPLETE_SPEC,
    workstreams: every(ALL_ROWS, 'done'),
    reviews: every(ALL_REVIEWS, 'done'),
    dataAccess: ['done'],
  },
];

export interface DemoSeedResult {
  epic?: string;
  pilots: { key: string; summary: string; story: string }[];
  warnings: string[];
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export async function seedDemo(sandbox: SeedTarget): Promise<DemoSeedResult> {
  const result: DemoSeedResult = { pilots: [], warnings: [] };
  const seed = new DemoSeeder(sandbox, result);
  const { epicTypeId, pilotTypeId, fieldIds } = await seed.siteFacts();
  if (!pilotTypeId) {
    seed.warn('project AIP has no "AI Pilot" issue type: the app is not installed or not configured for AIP');
    return result;
  }
  if (epicTypeId)
    result.epic = await seed.create({
      issuetype: { id: epicTypeId },
      summary: 'Customer operations AI pilots',
    });
  const now = sandbox.clock.now().getTime();
  for (const pilot of DEMO_PILOTS) {
    const key = await seed.create({
      issuetype: { id: pilotTypeId },
      summary: pilot.summary,
      ...(result.epic ? { parent: { key: result.epic } } : {}),
      ...(pilot.dueInDays !== undefined ? { duedate: isoDay(new Date(now + pilot.dueInDays * DAY)) } : {}),
      ...(fieldIds.kickoff ? { [fieldIds.kickoff]: isoDay(new Date(now - pilot.kickoffDaysAgo * DAY)) } : {}),
      ...(fieldIds.demo && pilot.demoDaysAgo !== undefined
        ? { [fieldIds.demo]: isoDay(new Date(now - pilot.demoDaysAgo * DAY)) }
        : {}),
      ...(fieldIds.owner && pilot.productionOwner
        ? { [fieldIds.owner]: { accountId: pilot.productionOwner } }
        : {}),
    });
    if (key) result.pilots.push({ key, summary: pilot.summary, story: pilot.story });
  }
  await sandbox.idle(); // the app lays out every pilot's production path
  for (const pilot of DEMO_PILOTS) {
    const seeded = result.pilots.find((candidate) => candidate.summary === pilot.summary);
    if (seeded) await seed.tell(seeded.key, pilot);
  }
  await sandbox.idle();
  return result;
}

class DemoSeeder {
  constructor(
    private readonly sandbox: SeedTarget,
    private readonly result: DemoSeedResult,
  ) {}

  warn(warning: string): void {
    this.result.warnings.push(warning);
    this.sandbox.log?.(`[seed:demo] ${warning}`);
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
    as: string = PM,
  ): Promise<Json | undefined> {
    const reply = await this.sandbox.jiraAs(as, method, path, body);
    if (reply.status >= 400) {
      this.warn(`${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.json)}`);
      return undefined;
    }
    return (reply.json ?? {}) as Json;
  }

  async siteFacts() {
    const project = await this.call('GET', '/rest/api/3/project/AIP');
    const types = (project?.issueTypes ?? []) as Json[];
    const fields = ((await this.call('GET', '/rest/api/3/field')) ?? []) as Json[];
    const fieldId = (name: string) => fields.find((field) => field.name === name)?.id as string | undefined;
    return {
      epicTypeId: types.find((type) => type.hierarchyLevel === 1)?.id as string | undefined,
      pilotTypeId: types.find((type) => type.name === 'AI Pilot')?.id as string | undefined,
      taskTypeId: types.find((type) => type.name === 'Task')?.id as string | undefined,
      fieldIds: {
        kickoff: fieldId('Kickoff date'),
        demo: fieldId('Demo sign-off date'),
        owner: fieldId('Production owner'),
      },
    };
  }

  async create(fields: Json): Promise<string | undefined> {
    const created = await this.call('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'AIP' }, ...fields },
    });
    return created?.key as string | undefined;
  }

  /** Moves the pilot's issues the way the people of its story did. */
  async tell(pilotKey: string, pilot: PilotStory): Promise<void> {
    const pilotIssue = await this.call('GET', `/rest/api/3/issue/${pilotKey}?fields=summary`);
    if (!pilotIssue) return;
    const ours = await this.call('POST', '/rest/api/3/search/jql', {
      jql: `issue.property[pilot-pathway-origin].pilot = "${pilotIssue.id}"`,
      fields: ['summary'],
      properties: ['pilot-pathway-origin'],
      maxResults: 100,
    });
    const keyOf = (field: 'row' | 'review', value: string) =>
      ((ours?.issues ?? []) as Json[]).find(
        (issue) => issue.properties?.['pilot-pathway-origin']?.[field] === value,
      )?.key as string | undefined;
    if (pilot.spec)
      await this.call('PUT', `/rest/api/3/issue/${pilotKey}/properties/pilot-production-spec`, pilot.spec);
    for (const [row, progress] of Object.entries(pilot.workstreams))
      await this.move(keyOf('row', row), progress);
    for (const [kind, progress] of Object.entries(pilot.reviews))
      await this.move(keyOf('review', kind), progress);
    for (const [index, progress] of pilot.dataAccess.entries()) {
      const ticket = await this.create({
        issuetype: { name: 'Task' },
        summary: `Data access: ${index === 0 ? 'customer records warehouse' : 'event stream'} for ${pilotKey}`,
        assignee: { accountId: SANDBOX_USERS.pathwayEngineer.accountId },
      });
      if (!ticket) continue;
      await this.call('POST', '/rest/api/3/issueLink', {
        type: { name: 'Data access' },
        inwardIssue: { key: pilotKey },
        outwardIssue: { key: ticket },
      });
      if (progress !== 'requested') await this.move(ticket, progress);
    }
  }

  private async move(key: string | undefined, progress: Progress): Promise<void> {
    if (!key) {
      this.warn(`an issue of the story is missing (the app did not generate it)`);
      return;
    }
    if (progress === 'done')
      await this.call('POST', `/rest/api/3/issue/${key}/transitions`, {
        transition: { id: TRANSITION['in-progress'] },
      });
    await this.call('POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: TRANSITION[progress] },
      ...(progress === 'done' ? { fields: { resolution: { name: 'Done' } } } : {}),
    });
  }
}
