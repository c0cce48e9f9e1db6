/**
 * The soak (issue 12): one seeded script of pilots created and worked on the sandbox (edits right
 * after create, sub-tasks moved soon after creation, data-access tickets linked, reviews decided,
 * kickoff and Due dates moved), run twice: fault-free, then under injected faults of every kind on
 * Jira and ServiceNow with duplicated, concurrent event delivery. The two end states, normalised so
 * issue keys and timestamps do not matter, must be the same. `npm run soak` runs 200 pilots;
 * test/soak/soak.test.ts runs a short one in CI.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { FaultRule } from '../../sandbox/faults';
import type { Sandbox } from '../../sandbox/server';
import { createSandbox } from '../../sandbox/server';
import { seededRandom } from '../../sandbox/seeded-random';
import { DEFAULT_TEMPLATE } from '../../src/domain/default-template';
import { reviewSummary } from '../../src/domain/generation-plan';
import { fieldId, issueTypeId, jira, site } from '../support/jira-steps';
import {
  connectServiceNow,
  enablePush,
  FILING,
  panelCall,
  stewardChanges,
} from '../support/servicenow-steps';
import { fingerprintDifferences } from '../support/state-fingerprint';
import { storedValue } from '../support/trust-steps';

export interface SoakOptions {
  pilots: number;
  seed: number;
  /** Share of the app's Jira and ServiceNow calls that fail, spread evenly over the fault kinds. */
  faultRate: number;
  /** Copies of every product and queue event, delivered at once. */
  duplicates: number;
  /** Pilots worked at the same time. */
  concurrency: number;
  /** Real Jira's search index lag in ms (both runs; 0 for a tidy emulator). */
  searchLagMs?: number;
  /** Forge's documented limits enforced (`POST /__sandbox/behaviour`); default on, as after a reset. */
  forgeLimits?: boolean;
  log?: (line: string) => void;
}

export const SOAK_START = '2026-03-02T09:00:00.000Z';

/** Fault kinds of issue 12: 429 with each `RateLimit-Reason`, 500, 503, and timeouts (lost responses). */
export function soakFaultRules(totalRate: number): FaultRule[] {
  const kinds: Omit<FaultRule, 'rate'>[] = [
    // The hourly quota is spent: Retry-After is longer than an invocation can wait → hand-off.
    { status: 429, reason: 'jira-quota-global-based', retryAfter: 60 },
    { status: 429, reason: 'jira-burst-based', retryAfter: 1 },
    { status: 429, reason: 'jira-per-issue-on-write', retryAfter: 2 },
    { status: 500 },
    { status: 503 },
    { status: 504, lostResponse: true },
  ];
  // One draw per rule in order: each rule's rate so that all of them together fail `totalRate`.
  const each = 1 - (1 - totalRate) ** (1 / kinds.length);
  return kinds.map((kind) => ({ ...kind, rate: each }));
}

/** What one pilot goes through, drawn from the seed; the same for both runs. */
export interface PilotScript {
  summary: string;
  kickoff: string | null;
  due: string | null;
  /** Changed on the pilot right after its create call returns, before the app has read it. */
  editAfterCreate: { kickoff?: string; due?: string } | null;
  /** Sub-tasks moved as soon as they exist. */
  earlyMoves: Array<{ row: string; to: 'in-progress' | 'done' }>;
  /** A Jira ticket linked by hand, or a ServiceNow request filed from the panel (approved later or not). */
  dataAccess: 'none' | 'requested' | 'approved' | 'servicenow' | 'servicenow-approved';
  reviewsDone: string[];
  /** Moved once the pilot has settled. */
  laterEdit: { kickoff?: string; due?: string } | null;
}

const ROWS = ['model-validation', 'data-access', 'infrastructure', 'change-management', 'mlops'];
const KINDS = ['security', 'compliance', 'legal', 'privacy', 'infrastructure'];

const day = (offset: number) =>
  new Date(Date.parse(SOAK_START) + offset * 86_400_000).toISOString().slice(0, 10);

export function soakScript(pilots: number, seed: number): PilotScript[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  return Array.from({ length: pilots }, (_, index) => {
    const dates = () => ({
      ...(chance(0.6) ? { kickoff: day(7 * Math.floor(random() * 6) - 14) } : {}),
      ...(chance(0.6) ? { due: day(60 + Math.floor(random() * 60)) } : {}),
    });
    return {
      summary: `Soak pilot ${String(index + 1).padStart(3, '0')}`,
      kickoff: chance(0.5) ? day(7 * Math.floor(random() * 4)) : null,
      due: chance(0.4) ? day(80 + Math.floor(random() * 40)) : null,
      editAfterCreate: chance(0.6) ? dates() : null,
      earlyMoves: chance(0.5)
        ? [...new Set([pick(ROWS), pick(ROWS)])].map((row) => ({
            row,
            to: chance(0.5) ? ('done' as const) : ('in-progress' as const),
          }))
        : [],
      dataAccess: pick(['none', 'requested', 'approved', 'servicenow', 'servicenow-approved'] as const),
      reviewsDone: KINDS.filter(() => chance(0.3)),
      laterEdit: chance(0.4) ? dates() : null,
    };
  });
}

export interface SoakCounts {
  jiraFaults: number;
  jiraFaultsByKind: Record<string, number>;
  servicenowFaults: Record<string, number>;
  /** App requests repeated after an injected fault (the client's own retries). */
  retries: number;
  /** Events the platform delivered again because a handler asked for a retry. */
  redeliveries: number;
  /** Jobs the app handed to its queue. */
  handOffs: number;
  /** Events still failing after Forge's 4 retries. */
  dropped: number;
  jiraCalls: number;
  ms: number;
}

export interface SoakRun {
  state: Record<string, PilotEndState>;
  counts: SoakCounts;
  /**
   * Where a pilot's stored state differs from a full recompute made once the run is over: a stale
   * property, whether or not the other run has the same one.
   */
  stale: string[];
}

/** One pilot's end state, with keys replaced by what the issues are (row, review kind, ticket). */
export interface PilotEndState {
  pilot: { due: string | null; kickoff: string | null; readinessField: unknown };
  readiness: unknown;
  issues: Record<string, { count: number; summaries: string[]; due: Array<string | null>; status: string[] }>;
  links: string[];
  problems: unknown;
  appComments: number;
  /** ServiceNow records filed for the pilot (by correlation id) and their states; remote links by title. */
  servicenow: { records: string[]; remoteLinks: string[] };
}

const PM = '5b10ac8d82e05b22cc7d4ef5';
const TRANSITION = { 'in-progress': '21', done: '31' } as const;

/** Runs the script on a sandbox reset to `empty`; faults and delivery as given. */
export async function runSoak(
  sandbox: Sandbox,
  script: PilotScript[],
  options: SoakOptions & { faults: boolean },
): Promise<SoakRun> {
  await sandbox.reset('empty');
  sandbox.clock.set(SOAK_START);
  await connectServiceNow(sandbox);
  await enablePush(sandbox);
  sandbox.jira.setBehaviour?.({ searchLagMs: options.searchLagMs ?? 0 });
  sandbox.runtime.setPlatformBehaviour({ forgeLimits: options.forgeLimits ?? true });
  const kickoffField = await fieldId(sandbox, 'Kickoff date');
  const readinessField = await fieldId(sandbox, 'Readiness');
  const pilotType = await issueTypeId(sandbox, 'AIP', 'AI Pilot');
  const before = sandbox.runtime.deliveryCounts();
  site(sandbox).resetMetrics();
  if (options.faults) {
    site(sandbox).setFaults(soakFaultRules(options.faultRate), { seed: options.seed });
    site(sandbox).resetFaultCounts();
    // The same kinds; a 429's RateLimit-Reason is Jira's alone.
    sandbox.servicenow.setFaults(
      soakFaultRules(options.faultRate).map(({ reason: _reason, ...rule }) => rule),
      { seed: options.seed },
    );
    sandbox.runtime.setDeliveryMode({ duplicates: options.duplicates, concurrent: true });
  } else {
    sandbox.runtime.setDeliveryMode({ duplicates: 1, concurrent: false });
  }
  const started = performance.now();
  const ids = new Map<string, { id: string; key: string }>();
  const fields = (dates: { kickoff?: string | null; due?: string | null }) => ({
    ...(dates.kickoff ? { [kickoffField]: dates.kickoff } : {}),
    ...(dates.due ? { duedate: dates.due } : {}),
  });

  await inBatches(script, options.concurrency, async (pilot) => {
    const created = await jira(sandbox, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'AIP' },
        issuetype: { id: pilotType },
        summary: pilot.summary,
        ...fields(pilot),
      },
    });
    ids.set(pilot.summary, created);
    if (pilot.editAfterCreate) {
      await jira(sandbox, 'PUT', `/rest/api/3/issue/${created.key}`, {
        fields: fields(pilot.editAfterCreate),
      });
    }
    for (const move of pilot.earlyMoves) {
      const key = await appIssueOnceItExists(sandbox, created.key, 'row', move.row);
      if (!key) continue;
      await transition(sandbox, key, move.to);
    }
  });
  await sandbox.idle();
  options.log?.(`  created ${script.length} pilots (${Math.round(performance.now() - started)} ms)`);

  await inBatches(script, options.concurrency, async (pilot) => {
    const { key } = ids.get(pilot.summary) ?? { key: '' };
    for (const kind of pilot.reviewsDone) {
      const review = await appIssueOnceItExists(sandbox, key, 'review', kind);
      if (review) await transition(sandbox, review, 'done');
    }
    if (pilot.dataAccess === 'servicenow' || pilot.dataAccess === 'servicenow-approved') {
      const sysId = await fileInServiceNow(sandbox, ids.get(pilot.summary) as { id: string; key: string });
      if (sysId && pilot.dataAccess === 'servicenow-approved')
        await stewardChanges(sandbox, sysId, { state: '3' });
    } else if (pilot.dataAccess !== 'none') {
      const ticket = await jira(sandbox, 'POST', '/rest/api/3/issue', {
        fields: {
          project: { key: 'AIP' },
          issuetype: { id: await issueTypeId(sandbox, 'AIP', 'Task') },
          summary: `Data access for ${pilot.summary}`,
        },
      });
      await jira(sandbox, 'POST', '/rest/api/3/issueLink', {
        type: { name: 'Data access' },
        inwardIssue: { key },
        outwardIssue: { key: ticket.key },
      });
      if (pilot.dataAccess === 'approved') await transition(sandbox, ticket.key, 'done');
    }
    if (pilot.laterEdit) {
      await jira(sandbox, 'PUT', `/rest/api/3/issue/${key}`, { fields: fields(pilot.laterEdit) });
    }
  });
  await sandbox.idle();

  // The faults end; the app is left to catch up on its own, as it would overnight.
  const serviceNowFaults = sandbox.servicenow.faultCounts().byKind;
  site(sandbox).clearFaults();
  sandbox.servicenow.setFaults([]);
  await sandbox.idle();
  await sandbox.runtime.runScheduled('servicenow-poll-trigger');
  await sandbox.idle();
  await sandbox.runtime.runScheduled('daily-readiness-trigger');
  await sandbox.idle();
  const ms = Math.round(performance.now() - started);

  const after = sandbox.runtime.deliveryCounts();
  const faultCounts = site(sandbox).faultCounts();
  const counts: SoakCounts = {
    jiraFaults: options.faults ? faultCounts.injected : 0,
    jiraFaultsByKind: options.faults ? faultCounts.byKind : {},
    servicenowFaults: options.faults ? serviceNowFaults : {},
    retries: options.faults ? faultCounts.repeated : 0,
    redeliveries: after.retries - before.retries,
    handOffs: after.queued - before.queued,
    dropped: after.dropped - before.dropped,
    jiraCalls: site(sandbox).metrics().calls,
    ms,
  };
  sandbox.runtime.setDeliveryMode({ duplicates: 1, concurrent: false });
  const fieldIds = { kickoff: kickoffField, readiness: readinessField };
  const state = endState(sandbox, fieldIds);
  return { state, counts, stale: await staleState(sandbox, state, [...ids.values()], fieldIds) };
}

/**
 * Recomputes every pilot in full (the panel's "Retry generation", as a site admin, once the search
 * index has caught up) and lists where the state stored before differs from it.
 */
async function staleState(
  sandbox: Sandbox,
  stored: Record<string, PilotEndState>,
  pilots: Array<{ id: string; key: string }>,
  fieldIds: { kickoff: string; readiness: string },
): Promise<string[]> {
  sandbox.clock.advance(site(sandbox).behaviour().searchLagMs);
  for (const pilot of pilots) {
    const result = await panelCall(sandbox, pilot, 'retryGeneration', {}, SANDBOX_USERS.admin.accountId);
    if (!result.ok) throw new Error(`${pilot.key}: retryGeneration failed: ${result.error.message}`);
  }
  await sandbox.idle();
  return compareEndStates(stored, endState(sandbox, fieldIds)).map((line) => `stale: ${line}`);
}

/**
 * Files the pilot's ServiceNow data-access request from its panel, as the project manager would:
 * a refusal (ServiceNow or Jira failing) is tried again, as a person would, up to 10 times.
 */
async function fileInServiceNow(
  sandbox: Sandbox,
  pilot: { id: string; key: string },
): Promise<string | null> {
  for (let attempt = 1; attempt <= 10; attempt++) {
    const result = await panelCall<{ key: string }>(sandbox, pilot, 'requestDataAccess', FILING);
    if (result.ok) {
      const record = sandbox.servicenow.records('sc_req_item').find((r) => r.number === result.data.key);
      return record ? String(record.sys_id) : null;
    }
  }
  return null;
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let offset = 0; offset < items.length; offset += size) {
    await Promise.all(items.slice(offset, offset + size).map(work));
  }
}

async function transition(sandbox: Sandbox, key: string, to: keyof typeof TRANSITION): Promise<void> {
  await jira(sandbox, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: TRANSITION[to] } });
}

/** How long a person keeps looking before they wait for the app to finish what it is doing. */
const LOOK_AGAIN_MS = 5_000;

/**
 * Waits (a person clicking soon after creation) until the app has made that issue, for as long as
 * the app needs (under heavy faults its retries and hand-offs take a while); null only once the app
 * has nothing left to do and the issue is still not there. Looks at the pilot's sub-tasks and links,
 * as a person on the issue view would.
 */
async function appIssueOnceItExists(
  sandbox: Sandbox,
  pilotKey: string,
  kind: 'row' | 'review',
  value: string,
): Promise<string | null> {
  const summary =
    kind === 'row' ? DEFAULT_TEMPLATE.rows.find((row) => row.key === value)?.workstream : undefined;
  const look = async (): Promise<string | null> => {
    const pilot = await jira(
      sandbox,
      'GET',
      `/rest/api/3/issue/${pilotKey}?fields=subtasks,issuelinks,summary`,
    );
    const related: Array<{ key: string; fields: { summary: string } }> = [
      ...(pilot.fields.subtasks ?? []),
      ...(pilot.fields.issuelinks ?? []).map(
        (link: { inwardIssue?: unknown; outwardIssue?: unknown }) => link.inwardIssue ?? link.outwardIssue,
      ),
    ];
    const wanted = summary ?? reviewSummary(value, pilot.fields.summary);
    return related.find((issue) => issue?.fields?.summary === wanted)?.key ?? null;
  };
  for (let waited = 0; waited < LOOK_AGAIN_MS; waited += 50) {
    const found = await look();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Not there yet: the app is still at it (retries, hand-offs). Once it has nothing left to do, the
  // issue is there, or every retry of its generation failed: the panel then says so, and the person
  // chooses "Retry generation" (as often as a person would while Jira keeps failing).
  await sandbox.idle();
  for (let attempt = 1; attempt <= RETRIES_BY_HAND; attempt++) {
    const found = await look();
    if (found) return found;
    await panelCall(sandbox, { id: await idOf(sandbox, pilotKey), key: pilotKey }, 'retryGeneration', {});
  }
  return look();
}

/** How often the person retries generation from the panel before giving the issue up. */
const RETRIES_BY_HAND = 10;

async function idOf(sandbox: Sandbox, key: string): Promise<string> {
  return String((await jira(sandbox, 'GET', `/rest/api/3/issue/${key}?fields=summary`)).id);
}

const APP_ACCOUNT = '557058:pilot-pathway-app';

/** Each pilot's end state by summary: generated issues by origin, links by what they join, readiness. */
export function endState(
  sandbox: Sandbox,
  fieldIds: { kickoff: string; readiness: string },
): Record<string, PilotEndState> {
  const issues = site(sandbox).issues();
  const byKey = new Map(issues.map((issue) => [issue.key, issue]));
  const serviceNowRecords = sandbox.servicenow.records('sc_req_item');
  const label = (key: string): string => {
    const issue = byKey.get(key);
    if (!issue) return `missing ${key}`;
    const origin = issue.properties['pilot-pathway-origin'] as Record<string, string> | undefined;
    if (origin) return origin.row ? `row:${origin.row}` : `review:${origin.review}`;
    return issue.summary;
  };
  const pilots = issues.filter((issue) => issue.issueType === 'AI Pilot');
  const state: Record<string, PilotEndState> = {};
  for (const pilot of pilots) {
    const own = issues.filter(
      (issue) =>
        (issue.properties['pilot-pathway-origin'] as { pilot?: string } | undefined)?.pilot === pilot.id,
    );
    const grouped: PilotEndState['issues'] = {};
    for (const issue of own.sort((a, b) => Number(a.id) - Number(b.id))) {
      const item = label(issue.key);
      const entry = (grouped[item] ??= { count: 0, summaries: [], due: [], status: [] });
      entry.count++;
      entry.summaries.push(issue.summary);
      entry.due.push(issue.dueDate);
      entry.status.push(issue.statusCategory);
      if (issue.parentKey && issue.parentKey !== pilot.key) entry.summaries.push(`parent ${issue.parentKey}`);
    }
    const stored = { ...(pilot.properties['pilot-readiness'] as Record<string, unknown> | undefined) };
    delete stored.computedAt;
    // Keys differ between runs (creation order); what each key is does not.
    const readiness = JSON.parse(
      JSON.stringify(stored)
        .replace(/\b[A-Z][A-Z0-9]+-\d+\b/g, (key) => `<${labelFor(key)}>`)
        .replace(/\bRITM\d+\b/g, '<servicenow request>'),
    ) as unknown;
    const ownKeys = new Set([pilot.key, ...own.map((issue) => issue.key)]);
    state[pilot.summary] = {
      pilot: {
        due: pilot.dueDate,
        kickoff: (pilot.customFields[fieldIds.kickoff] as string | undefined) ?? null,
        readinessField: pilot.customFields[fieldIds.readiness] ?? null,
      },
      readiness,
      issues: grouped,
      links: site(sandbox)
        .issueLinks()
        .filter((link) => ownKeys.has(link.sourceKey) || ownKeys.has(link.destinationKey))
        .map((link) => `${link.type}: ${labelFor(link.sourceKey)} → ${labelFor(link.destinationKey)}`)
        .sort(),
      problems:
        (storedValue(sandbox, `pilot:${pilot.id}:generation`) as { problems?: unknown } | undefined)
          ?.problems ?? null,
      appComments: pilot.comments.filter((comment) => comment.authorAccountId === APP_ACCOUNT).length,
      servicenow: {
        records: serviceNowRecords
          .filter((r) => r.correlation_id === pilot.id)
          .map((r) => `${String(r.short_description).replace(pilot.key, 'pilot')}: state ${String(r.state)}`)
          .sort(),
        remoteLinks: pilot.remoteLinks
          .map((link) => {
            const status = link.object.status as { resolved?: boolean } | undefined;
            return `${String(link.globalId).split(':').slice(0, 4).join(':')} resolved=${String(status?.resolved ?? false)}`;
          })
          .sort(),
      },
    };
    function labelFor(key: string): string {
      return key === pilot.key ? 'pilot' : label(key);
    }
  }
  return state;
}

/** Where the faulted run's end state differs from the fault-free one, one line per difference. */
export function compareEndStates(
  expected: Record<string, PilotEndState>,
  actual: Record<string, PilotEndState>,
): string[] {
  const differences: string[] = [];
  for (const summary of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const want = expected[summary];
    const got = actual[summary];
    if (!want || !got) {
      differences.push(`${summary}: ${want ? 'lost' : 'unexpected'} pilot`);
      continue;
    }
    for (const [item, issue] of Object.entries(got.issues)) {
      if (!want.issues[item]) differences.push(`${summary}: unexpected ${item}`);
      if (issue.count > 1) differences.push(`${summary}: ${item} duplicated (${issue.count} issues)`);
    }
    for (const item of Object.keys(want.issues)) {
      if (!got.issues[item]) differences.push(`${summary}: ${item} lost`);
    }
    for (const aspect of ['pilot', 'readiness', 'issues', 'links', 'problems', 'servicenow'] as const) {
      for (const difference of fingerprintDifferences(want[aspect], got[aspect], aspect)) {
        differences.push(`${summary}: ${difference}`);
      }
    }
  }
  return differences;
}

export async function soakSandbox(): Promise<Sandbox> {
  return createSandbox({ seed: 'empty', log: () => undefined });
}

export const PROJECT_MANAGER = PM;
