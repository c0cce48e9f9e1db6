import {
  ORIGIN_PROPERTY,
  parseOrigin,
  planGeneration,
  type ExistingIssue,
  type GenerationPlan,
} from '../domain/generation-plan';
import { computeReadiness } from '../domain/readiness';
import { pilotSchedule } from '../domain/schedule';
import type { PilotSnapshot, StatusCategory } from '../domain/types';
import { JiraClient, type BulkCreateResult } from '../jira/client';
import { RetryLaterError } from '../jira/errors';
import type { JiraIssue } from '../jira/types';
import { readConfig, type AppConfig } from '../storage/config';
import {
  readGenerationRecord,
  rememberIssueOwners,
  writeGenerationRecord,
  type GenerationProblem,
  type GenerationRecord,
} from '../storage/generation-record';
import { storageKeys } from '../storage/keys';
import { releaseLease, tryAcquireLease } from '../storage/lock';
import type { Provisioning } from '../storage/provisioning';
import { calendarDate, pilotFields, relatedIssuesJql } from './pilot-snapshot';
import { ensureProvisioned, projectProvisioning } from './provisioning-lookup';
import { storeReadiness } from './readiness-writer';
import { handleFailures, problemComment, unassignableKey } from './generation-failures';
import { reviewUpdate, workstreamUpdate, type PlannedItem } from './generation-items';

const MAX_ROUNDS = 3;
const LEASE_SECONDS = 120;

export type GenerationOutcome =
  | { status: 'generated'; created: number; problems: GenerationProblem[] }
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
): Promise<GenerationOutcome> {
  const jira = JiraClient.asApp();
  const config = await readConfig();
  const provisioning = await ensureProvisioned(now);
  const lease = storageKeys.generationLock(pilotId);
  if (!(await tryAcquireLease(lease, invocationId, LEASE_SECONDS))) return { status: 'already-running' };
  try {
    return await generateUnderLease(jira, pilotId, config, provisioning, now);
  } finally {
    await releaseLease(lease, invocationId);
  }
}

async function generateUnderLease(
  jira: JiraClient,
  pilotId: string,
  config: AppConfig,
  provisioning: Provisioning,
  now: Date,
): Promise<GenerationOutcome> {
  const record = await readGenerationRecord(pilotId);
  const first = await readPilotAndItsIssues(jira, pilotId, provisioning, record);
  if (!first.pilot || first.pilot.fields.issuetype?.id !== provisioning.aiPilotIssueTypeId) {
    return { status: 'not-a-pilot' };
  }
  const pilot = first.pilot;
  const problems = new Map<string, GenerationProblem>();
  let existing: KnownIssue[] = first.existing;
  const preExisting = existing.length;
  let created = 0;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const plan = planGeneration({
      template: config.template,
      pilot: generationPilot(pilot, provisioning),
      existing,
      ownerAssignees: config.ownerAssignees,
    });
    const items = await plannedItems(jira, plan, pilot, provisioning, problems, now);
    if (items.length === 0) break;
    let result: BulkCreateResult;
    try {
      result = await jira.bulkCreate(items.map((item) => item.update));
    } catch (error) {
      // Out of time (a long rate limit) or out of rounds: the caller hands the work on.
      if (error instanceof RetryLaterError || round === MAX_ROUNDS) throw error;
      // The call failed as a whole; some issues may exist all the same: look again before retrying.
      existing = (
        await readPilotAndItsIssues(jira, pilotId, provisioning, await readGenerationRecord(pilotId))
      ).existing;
      continue;
    }
    created += result.created.length;
    await recordCreated(pilot.id, record, items, result);
    existing = [...existing, ...createdAsExisting(items, result, pilot.id)];
    const retryable = handleFailures(items, result, problems, now);
    if (retryable === 0) break;
  }
  const finalProblems = [...problems.values()];
  record.problems = finalProblems;
  record.completedAt = now.toISOString();
  // Laid out once; later milestone moves (kickoff, Due date, template) are followed by the recompute.
  record.appliedTargets ??= pilotSchedule(config.template, generationPilot(pilot, provisioning)).targets;
  await writeGenerationRecord(pilot.id, record);
  if (finalProblems.length > 0) await jira.addComment(pilot.id, problemComment(finalProblems));
  if (preExisting === 0 && !hasLinks(pilot)) {
    // A fresh pilot: everything it has was just created, so its readiness needs no further read.
    const readiness = computeReadiness(freshSnapshot(pilot, existing, provisioning), config.template, now);
    await storeReadiness(jira, pilot.id, readiness, undefined, provisioning.fields.readiness);
  }
  return { status: 'generated', created, problems: finalProblems };
}

/**
 * The pilot and the app's issues for it in one search (the pilot by id, its issues by the indexed
 * origin property), plus those in the generation record that the search index may not show yet.
 */
async function readPilotAndItsIssues(
  jira: JiraClient,
  pilotId: string,
  provisioning: Provisioning,
  record: GenerationRecord,
): Promise<{ pilot: JiraIssue | undefined; existing: KnownIssue[] }> {
  const found = await jira.searchAll(
    `id = ${pilotId} OR ${relatedIssuesJql(pilotId, [])}`,
    [...new Set([...pilotFields(provisioning), 'status', 'duedate'])],
    [ORIGIN_PROPERTY],
  );
  const pilot = found.find((issue) => issue.id === pilotId);
  const existing: KnownIssue[] = [];
  for (const issue of found) {
    const origin = parseOrigin(issue.properties?.[ORIGIN_PROPERTY]);
    if (!origin || origin.pilot !== pilotId) continue;
    existing.push({
      key: issue.key,
      origin,
      statusCategory: (issue.fields.status?.statusCategory.key ?? 'new') as StatusCategory,
      dueDate: typeof issue.fields.duedate === 'string' ? issue.fields.duedate : null,
    });
  }
  const foundKeys = new Set(existing.map((issue) => issue.key));
  for (const [item, issue] of Object.entries(record.created)) {
    if (foundKeys.has(issue.key)) continue;
    const origin = item.startsWith('row:')
      ? { pilot: pilotId, row: item.slice(4) }
      : { pilot: pilotId, review: item.slice(7) };
    existing.push({ key: issue.key, origin, statusCategory: 'new', dueDate: null });
  }
  return { pilot, existing };
}

async function plannedItems(
  jira: JiraClient,
  plan: GenerationPlan,
  pilot: JiraIssue,
  provisioning: Provisioning,
  problems: Map<string, GenerationProblem>,
  now: Date,
): Promise<PlannedItem[]> {
  const projectKey = pilot.fields.project?.key ?? '';
  const project = await projectProvisioning(jira, projectKey, provisioning);
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
      update: workstreamUpdate(planned, pilot, project.subtaskIssueTypeId),
    });
  }
  for (const review of plan.reviewsToCreate) {
    const id = `review:${review.kind}`;
    if (problems.has(id)) continue;
    items.push({
      id,
      label: review.summary,
      update: reviewUpdate(review, pilot, provisioning.reviewLinkTypeName),
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
  await writeGenerationRecord(pilotId, record);
  await rememberIssueOwners(
    pilotId,
    result.created.map((created) => created.id),
  );
}

/** An issue of this pilot as generation knows it; the assignee is known only for issues it created. */
type KnownIssue = ExistingIssue & { assigneeAccountId?: string | null };

function createdAsExisting(items: PlannedItem[], result: BulkCreateResult, pilotId: string): KnownIssue[] {
  return result.created.flatMap((created) => {
    const fields = items[created.index]?.update.fields;
    const origin = parseOrigin(items[created.index]?.update.properties?.[0]?.value);
    if (!fields || !origin || origin.pilot !== pilotId) return [];
    const assignee = fields.assignee as { accountId: string } | undefined;
    return [
      {
        key: created.key,
        origin,
        statusCategory: 'new' as const,
        dueDate: typeof fields.duedate === 'string' ? fields.duedate : null,
        assigneeAccountId: assignee?.accountId ?? null,
      },
    ];
  });
}

function generationPilot(pilot: JiraIssue, provisioning: Provisioning) {
  const kickoff = provisioning.fields.kickoffDate ? pilot.fields[provisioning.fields.kickoffDate] : null;
  return {
    id: pilot.id,
    key: pilot.key,
    projectKey: pilot.fields.project?.key ?? '',
    summary: pilot.fields.summary ?? '',
    createdDate: calendarDate(pilot.fields.created) ?? '1970-01-01',
    kickoffDate: typeof kickoff === 'string' ? kickoff : null,
    dueDate: typeof pilot.fields.duedate === 'string' ? pilot.fields.duedate : null,
    milestoneOverrides: {},
  };
}

function freshSnapshot(pilot: JiraIssue, existing: KnownIssue[], provisioning: Provisioning): PilotSnapshot {
  const schedule = generationPilot(pilot, provisioning);
  const owner = provisioning.fields.productionOwner
    ? pilot.fields[provisioning.fields.productionOwner]
    : null;
  const demo = provisioning.fields.demoSignOffDate ? pilot.fields[provisioning.fields.demoSignOffDate] : null;
  return {
    ...schedule,
    demoSignOffDate: typeof demo === 'string' ? demo : null,
    productionOwnerAccountId: (owner as { accountId?: string } | null)?.accountId ?? null,
    productionSpec: {},
    workstreams: existing.flatMap((issue) =>
      'row' in issue.origin
        ? [
            {
              key: issue.key,
              row: issue.origin.row,
              statusCategory: issue.statusCategory,
              assigneeAccountId: issue.assigneeAccountId ?? null,
              dueDate: issue.dueDate,
              doneDate: null,
            },
          ]
        : [],
    ),
    reviews: existing.flatMap((issue) =>
      'review' in issue.origin
        ? [
            {
              key: issue.key,
              kind: issue.origin.review,
              statusCategory: issue.statusCategory,
              resolution: null,
            },
          ]
        : [],
    ),
    dataAccess: [],
    waivers: [],
    decisions: [],
  };
}

function hasLinks(pilot: JiraIssue): boolean {
  return (pilot.fields.issuelinks ?? []).length > 0;
}
