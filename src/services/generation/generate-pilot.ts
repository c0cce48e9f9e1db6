import {
  planGeneration,
  type ExistingIssue,
  type GenerationPilot,
  type GenerationPlan,
} from '../../domain/generation-plan';
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import { pilotSchedule } from '../../domain/schedule';
import type { BulkCreateResult } from '../../jira/client';
import { JiraError, RetryLaterError } from '../../jira/errors';
import { PilotGateway } from '../../jira/pilots';
import type { Pilot, PilotWork } from '../../domain/pilot';
import type { IsoDate } from '../../domain/types';
import { readConfig, type AppConfig } from '../../storage/config';
import {
  readGenerationRecord,
  recordCreatedIssues,
  rememberIssueOwners,
  updateGenerationRecord,
  type GenerationProblem,
  type GenerationRecord,
} from '../../storage/generation-record';
import { storageKeys } from '../../storage/keys';
import { rememberRecentPilot } from '../../storage/pilot-state';
import { releaseLease, tryAcquireLease } from '../../storage/lock';
import { usableSchedule } from '../readiness';
import { ensureProvisioned, projectProvisioning } from '../provisioning';
import { storeFirstReadiness } from '../readiness';
import { storeFreshReadiness } from '../readiness';
import {
  handleFailures,
  plannedAssignee,
  problemComment,
  unassignableKey,
  type PlannedItem,
} from './generation-failures';

const MAX_ROUNDS = 3;
/**
 * Longer than any invocation may run (a queue consumer's 900 s): two generations of one pilot never
 * run at once, or both would create its path (the second cannot see the first's issues in a search
 * that lags). A holder that dies holds it up to this long; its follow-up job comes back meanwhile.
 */
const LEASE_SECONDS = 960;

export type GenerationOutcome =
  | {
      status: 'generated';
      created: number;
      problems: GenerationProblem[];
      /** The production path as it stands now: what was read plus what was just created. */
      work?: PilotWork;
    }
  | { status: 'already-running' }
  | { status: 'not-a-pilot' };

/**
 * Lays out a pilot's production path (product.md §1–§3): one sub-task per template row and one review
 * ticket per kind, each stamped with `pilot-pathway-origin` in the create call, in one bulk create.
 * Safe under at-least-once and concurrent delivery: a storage lease admits one invocation per pilot,
 * and the plan skips every row and kind that already has an issue (by origin property and by the
 * generation record written right after each create). Elements that fail transiently are retried;
 * what still fails is recorded and reported on the pilot, never dropped.
 */
export async function generatePilotWork(
  pilotId: string,
  now: Date,
  invocationId: string,
  options: {
    fresh?: boolean;
    /** The pilot and its path, read a moment ago by the caller (a template re-sync): no read again. */
    preread?: { pilot: Pilot; work: PilotWork };
  } = {},
): Promise<GenerationOutcome> {
  const config = await readConfig();
  const provisioning = await ensureProvisioned(now);
  const gateway = PilotGateway.asApp(provisioning);
  const lease = await tryAcquireLease(storageKeys.generationLock(pilotId), invocationId, LEASE_SECONDS);
  if (!lease) return { status: 'already-running' };
  try {
    return await generateUnderLease(gateway, pilotId, config, now, invocationId, options);
  } finally {
    await releaseLease(lease);
  }
}

async function generateUnderLease(
  gateway: PilotGateway,
  pilotId: string,
  config: AppConfig,
  now: Date,
  invocationId: string,
  options: { fresh?: boolean; preread?: { pilot: Pilot; work: PilotWork } },
): Promise<GenerationOutcome> {
  const pilot = options.preread?.pilot ?? (await readPilotById(gateway, pilotId));
  if (!pilot?.isPilot) return { status: 'not-a-pilot' };
  const record = await readGenerationRecord(pilotId);
  // A pilot just created has nothing but what the record lists; any other reads what Jira holds.
  let existing =
    options.fresh || options.preread
      ? withRecorded(options.preread?.work.existing ?? [], pilotId, record)
      : await existingInJira(gateway, pilotId, record);
  const preExisting = existing.length;
  const problems = new Map<string, GenerationProblem>();
  const planned = generationPilot(pilot, siteToday(now, siteTimeZone(gateway.provisioning)));
  let created = 0;
  /** Whether a create failed as a whole and what exists was read back (assignees and dates unknown). */
  let readBack = false;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const plan = planGeneration({
      template: config.template,
      pilot: planned,
      existing,
      ownerAssignees: config.ownerAssignees,
    });
    const items = await plannedItems(gateway, plan, pilot, problems, now);
    if (items.length === 0) break;
    let result: BulkCreateResult;
    try {
      result = await gateway.createPathIssues(items.map((item) => item.issue));
    } catch (error) {
      // Out of time (a long rate limit) or out of rounds: the caller hands the work on.
      if (error instanceof RetryLaterError || round === MAX_ROUNDS) throw error;
      // The call failed as a whole; some issues may exist all the same: look again before retrying.
      // It may have created issues (a lost answer) that the search index does not show yet.
      readBack = true;
      existing = await existingInJira(gateway, pilotId, record);
      continue;
    }
    created += result.created.length;
    await recordCreated(pilot.id, record, items, result);
    existing = [...existing, ...createdAsExisting(items, result, pilot.id)];
    const retryable = handleFailures(items, result, problems, now);
    if (retryable === 0) break;
  }
  const finalProblems = [...problems.values()];
  const laidOut = pilotSchedule(config.template, planned).targets;
  const completed = await updateGenerationRecord(pilot.id, (current) => ({
    ...current,
    created: { ...current.created, ...record.created },
    problems: finalProblems,
    completedAt: now.toISOString(),
    // Laid out once; later milestone moves (kickoff, Due date, template) are followed by the recompute.
    appliedTargets: current.appliedTargets ?? record.appliedTargets ?? laidOut,
  }));
  if (finalProblems.length > 0) await gateway.comment(pilot.id, problemComment(finalProblems));
  // Only a pilot's first generation can meet a search index that lags: a re-sync of a generated pilot
  // leaves the shared list alone (a template apply's re-syncs would all race on it).
  if (record.completedAt === null) await rememberRecentPilot(pilot.id);
  if (preExisting === 0 && pilot.linkCount === 0) {
    // A fresh pilot: everything it has was just created, so its readiness needs no further read.
    await storeFirstReadiness(
      pilot.id,
      now,
      invocationId,
      readBack
        ? null
        : () =>
            storeFreshReadiness(
              gateway,
              pilot,
              freshWork(existing),
              config.template,
              now,
              completed.appliedTargets,
            ),
    );
  }
  const work = options.preread ? withCreated(options.preread.work, existing) : undefined;
  return { status: 'generated', created, problems: finalProblems, ...(work ? { work } : {}) };
}

/** The path read before generation, with the issues generation created since added as fresh ones. */
function withCreated(read: PilotWork, existing: KnownIssue[]): PilotWork {
  const known = new Set(read.existing.map((issue) => issue.key));
  const created = freshWork(existing.filter((issue) => !known.has(issue.key)));
  return {
    ...read,
    workstreams: [...read.workstreams, ...created.workstreams],
    reviews: [...read.reviews, ...created.reviews],
    existing: [...read.existing, ...created.existing],
  };
}

/** The pilot by id (GET /issue sees a pilot created a moment ago, which search may not yet). */
async function readPilotById(gateway: PilotGateway, pilotId: string): Promise<Pilot | undefined> {
  try {
    return await gateway.readPilot(pilotId);
  } catch (error) {
    if (error instanceof JiraError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * The app's issues for the pilot as Jira holds them: by the indexed origin property, and those hanging
 * on the pilot (sub-tasks, links) read fresh, since a create whose answer was lost may have made issues
 * the search index does not show yet; with those of the generation record. Issues Jira shows that the
 * record lacks (made by a create whose answer was lost) are added to it and remembered as the pilot's,
 * so their events reach the pilot and its recomputes ask for them by id.
 */
async function existingInJira(
  gateway: PilotGateway,
  pilotId: string,
  record: GenerationRecord,
): Promise<KnownIssue[]> {
  const found = [
    ...((await gateway.existingIssuesOf([pilotId])).get(pilotId) ?? []),
    ...(await gateway.issuesAttachedTo(pilotId)),
  ];
  const issues = [...new Map(found.map((issue) => [issue.key, issue])).values()];
  const recorded = new Set(Object.values(record.created).map((issue) => issue.key));
  const unrecorded = issues.filter((issue) => !recorded.has(issue.key));
  if (unrecorded.length > 0) {
    for (const issue of unrecorded)
      record.created[itemIdOf(issue.origin)] ??= { id: issue.id, key: issue.key };
    await recordCreatedIssues(pilotId, record.created);
    await rememberIssueOwners(
      pilotId,
      unrecorded.map((issue) => issue.id),
    );
  }
  return withRecorded(issues, pilotId, record);
}

/** The generation record's item of an issue of the path: `row:<key>` or `review:<kind>`. */
function itemIdOf(origin: KnownIssue['origin']): string {
  return 'row' in origin ? `row:${origin.row}` : `review:${origin.review}`;
}

/**
 * The app's issues for the pilot: those found in Jira (by the indexed origin property) and those in
 * the generation record (written right after each create, so known before the search index shows them).
 */
function withRecorded(read: KnownIssue[], pilotId: string, record: GenerationRecord): KnownIssue[] {
  const found: KnownIssue[] = [...read];
  const foundKeys = new Set(found.map((issue) => issue.key));
  for (const [item, issue] of Object.entries(record.created)) {
    if (foundKeys.has(issue.key)) continue;
    const origin = item.startsWith('row:')
      ? { pilot: pilotId, row: item.slice(4) }
      : { pilot: pilotId, review: item.slice(7) };
    found.push({ key: issue.key, origin, statusCategory: 'new', dueDate: null });
  }
  return found;
}

async function plannedItems(
  gateway: PilotGateway,
  plan: GenerationPlan,
  pilot: Pilot,
  problems: Map<string, GenerationProblem>,
  now: Date,
): Promise<PlannedItem[]> {
  const { projectKey } = pilot;
  const project = await projectProvisioning(gateway.jira, projectKey, gateway.provisioning);
  const items: PlannedItem[] = [];
  for (const workstream of plan.workstreamsToCreate) {
    const id = `row:${workstream.row}`;
    if (problems.has(id)) continue;
    if (!project.subtaskIssueTypeId) {
      problems.set(id, {
        item: id,
        message: `"${workstream.summary}" was not created: project ${projectKey} has sub-tasks disabled. Enable sub-tasks (Jira settings > Work items > Sub-tasks), then choose "Retry generation" on the pilot's panel.`,
        at: now.toISOString(),
      });
      continue;
    }
    const assignable = !problems.has(unassignableKey(id));
    const planned = assignable ? workstream : { ...workstream, assigneeAccountId: null };
    items.push({
      id,
      label: workstream.summary,
      issue: {
        kind: 'workstream',
        workstream: planned,
        pilot,
        subtaskIssueTypeId: project.subtaskIssueTypeId,
      },
    });
  }
  for (const review of plan.reviewsToCreate) {
    const id = `review:${review.kind}`;
    if (problems.has(id)) continue;
    items.push({
      id,
      label: review.summary,
      issue: { kind: 'review', review, pilot },
    });
  }
  return items;
}

async function recordCreated(
  pilotId: string,
  record: GenerationRecord,
  items: PlannedItem[],
  result: BulkCreateResult,
): Promise<void> {
  for (const created of result.created) {
    const item = items[created.index];
    if (item) record.created[item.id] = { id: created.id, key: created.key };
  }
  await recordCreatedIssues(pilotId, record.created);
  await rememberIssueOwners(
    pilotId,
    result.created.map((created) => created.id),
  );
}

/** An issue of this pilot as generation knows it; the assignee is known only for issues it created. */
type KnownIssue = ExistingIssue & { assigneeAccountId?: string | null };

function createdAsExisting(items: PlannedItem[], result: BulkCreateResult, pilotId: string): KnownIssue[] {
  return result.created.flatMap((created) => {
    const item = items[created.index];
    if (!item) return [];
    const { issue } = item;
    const origin = issue.kind === 'workstream' ? issue.workstream.origin : issue.review.origin;
    if (origin.pilot !== pilotId) return [];
    return [
      {
        key: created.key,
        origin,
        statusCategory: 'new' as const,
        dueDate: issue.kind === 'workstream' ? issue.workstream.dueDate : null,
        assigneeAccountId: plannedAssignee(item),
      },
    ];
  });
}

/** What generation plans with: the pilot's schedule (overrides included), the dates to fix left out. */
function generationPilot(pilot: Pilot, today: IsoDate): GenerationPilot {
  return {
    id: pilot.id,
    key: pilot.key,
    projectKey: pilot.projectKey,
    summary: pilot.summary,
    ...usableSchedule(pilot, today),
  };
}

/** The production path of a fresh pilot: exactly what generation created. */
function freshWork(existing: KnownIssue[]): PilotWork {
  const work: PilotWork = { workstreams: [], reviews: [], dataAccess: [], existing, names: {} };
  for (const issue of existing) {
    if ('row' in issue.origin) {
      work.workstreams.push({
        key: issue.key,
        row: issue.origin.row,
        statusCategory: issue.statusCategory,
        assigneeAccountId: issue.assigneeAccountId ?? null,
        dueDate: issue.dueDate,
        doneDate: null,
      });
    } else {
      work.reviews.push({
        key: issue.key,
        kind: issue.origin.review,
        statusCategory: issue.statusCategory,
        resolution: null,
      });
    }
  }
  return work;
}
