import { z } from 'zod';
import {
  pilotSchedule,
  planDueDateMoves,
  workstreamDates,
  type DueDateMove,
  type ScheduleInputs,
} from './schedule';
import { SUMMARY_MAX_LENGTH } from './template';
import type { IsoDate, OwnershipTemplate, ReviewKindConfig, StatusCategory, TemplateRow } from './types';
import { ownValue } from './records';

/*
 * What to create and move in Jira so a pilot has its production path (product.md §1–§3, §10):
 * one sub-task per template row, one review ticket per review kind, due dates on their milestones.
 * Idempotent on the `pilot-pathway-origin` issue property: nothing is created twice.
 */

/** The issue property that marks the app's own sub-tasks and review tickets (product.md §10). */
export const ORIGIN_PROPERTY = 'pilot-pathway-origin';

/** `pilot-pathway-origin` of a workstream sub-task: the pilot's issue id and the template row. */
export interface WorkstreamOrigin {
  pilot: string;
  row: string;
}

/** `pilot-pathway-origin` of a review ticket: the pilot's issue id and the review kind. */
export interface ReviewOrigin {
  pilot: string;
  review: string;
}

export type PilotPathwayOrigin = WorkstreamOrigin | ReviewOrigin;

export function isWorkstreamOrigin(origin: PilotPathwayOrigin): origin is WorkstreamOrigin {
  return 'row' in origin;
}

export function isReviewOrigin(origin: PilotPathwayOrigin): origin is ReviewOrigin {
  return 'review' in origin;
}

const nonEmpty = z.string().min(1);

/** The property value as read back from Jira; anything else is not one of ours. */
export const originSchema: z.ZodType<PilotPathwayOrigin> = z.union([
  z.object({ pilot: nonEmpty, row: nonEmpty }),
  z.object({ pilot: nonEmpty, review: nonEmpty }),
]);

/** The `pilot-pathway-origin` property value, or null when it is absent or malformed. */
export function parseOrigin(value: unknown): PilotPathwayOrigin | null {
  const result = originSchema.safeParse(value);
  return result.success ? result.data : null;
}

export interface GenerationPilot extends ScheduleInputs {
  /** Jira issue id; the `pilot` of every origin. */
  id: string;
  key: string;
  projectKey: string;
  summary: string;
}

/** An issue that already carries a `pilot-pathway-origin` property (of this pilot or another). */
export interface ExistingIssue {
  key: string;
  origin: PilotPathwayOrigin;
  statusCategory: StatusCategory;
  dueDate: IsoDate | null;
}

export interface GenerationInput {
  template: OwnershipTemplate;
  pilot: GenerationPilot;
  existing: readonly ExistingIssue[];
  /** Owner team → Jira account id. Teams not in it get unassigned sub-tasks. */
  ownerAssignees: Record<string, string>;
}

export interface WorkstreamToCreate {
  row: string;
  summary: string;
  ownerTeam: string;
  assigneeAccountId: string | null;
  /** Plain text, one paragraph per line. */
  description: string;
  startDate: IsoDate;
  dueDate: IsoDate;
  origin: WorkstreamOrigin;
}

export interface ReviewToCreate {
  kind: string;
  summary: string;
  projectKey: string;
  issueTypeName: string;
  /** Plain text, one paragraph per line. */
  description: string;
  origin: ReviewOrigin;
}

export interface GenerationPlan {
  workstreamsToCreate: WorkstreamToCreate[];
  reviewsToCreate: ReviewToCreate[];
  dueDateUpdates: DueDateMove[];
}

/** Jira rejects longer summaries; a long pilot summary is cut with an ellipsis. */
function fitSummary(summary: string): string {
  if (summary.length <= SUMMARY_MAX_LENGTH) return summary;
  const cut = summary.slice(0, SUMMARY_MAX_LENGTH - 1);
  // Never leave half of a surrogate pair (an emoji, say) at the end.
  const whole = /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  return `${whole}…`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `Security review: Claims triage assistant` (product.md §3). */
export function reviewSummary(kind: string, pilotSummary: string): string {
  return fitSummary(`${capitalise(kind)} review: ${pilotSummary}`);
}

function pilotReference(pilot: GenerationPilot): string {
  return `${pilot.key} (${pilot.summary})`;
}

function ownerLine(ownerTeam: string, assigneeAccountId: string | null): string {
  return assigneeAccountId === null
    ? `Owner team: ${ownerTeam}. No Jira user is mapped to this team yet, so this sub-task is unassigned.`
    : `Owner team: ${ownerTeam}.`;
}

function workstreamDescription(
  row: TemplateRow,
  milestoneName: string,
  pilot: GenerationPilot,
  assigneeAccountId: string | null,
): string {
  return [
    `Production path of AI pilot ${pilotReference(pilot)}: ${row.workstream}.`,
    ownerLine(row.ownerTeam, assigneeAccountId),
    `Must complete before: ${milestoneName}.`,
  ].join('\n');
}

function reviewDescription(kind: string, pilot: GenerationPilot): string {
  return [
    `${capitalise(kind)} review of AI pilot ${pilotReference(pilot)}.`,
    'Every review of this pilot starts now, in parallel with the others, not after the demo.',
  ].join('\n');
}

function assigneeFor(ownerTeam: string, ownerAssignees: Record<string, string>): string | null {
  const accountId = ownValue(ownerAssignees, ownerTeam);
  return accountId === undefined || accountId.trim() === '' ? null : accountId;
}

/** The origins this pilot's issues already carry, split into rows and review kinds. */
function existingOrigins(pilotId: string, existing: readonly ExistingIssue[]) {
  const own = existing.filter((issue) => issue.origin.pilot === pilotId);
  const rows = new Set<string>();
  const reviews = new Set<string>();
  for (const { origin } of own) {
    if (isWorkstreamOrigin(origin)) rows.add(origin.row);
    else reviews.add(origin.review);
  }
  return { own, rows, reviews };
}

function planWorkstreams(input: GenerationInput, existingRows: Set<string>): WorkstreamToCreate[] {
  const { template, pilot, ownerAssignees } = input;
  const { kickoff, targets } = pilotSchedule(template, pilot);
  const milestoneNames = new Map(template.milestones.map((milestone) => [milestone.key, milestone.name]));
  return template.rows
    .filter((row) => !existingRows.has(row.key))
    .map((row) => {
      const assigneeAccountId = assigneeFor(row.ownerTeam, ownerAssignees);
      const milestoneName = milestoneNames.get(row.milestone) ?? row.milestone;
      return {
        row: row.key,
        summary: row.workstream,
        ownerTeam: row.ownerTeam,
        assigneeAccountId,
        description: workstreamDescription(row, milestoneName, pilot, assigneeAccountId),
        ...workstreamDates(row, targets, kickoff),
        origin: { pilot: pilot.id, row: row.key },
      };
    });
}

function planReviews(
  reviewKinds: readonly ReviewKindConfig[],
  pilot: GenerationPilot,
  existingKinds: Set<string>,
): ReviewToCreate[] {
  return reviewKinds
    .filter(({ kind }) => !existingKinds.has(kind))
    .map(({ kind, projectKey, issueTypeName }) => ({
      kind,
      summary: reviewSummary(kind, pilot.summary),
      projectKey: projectKey ?? pilot.projectKey,
      issueTypeName,
      description: reviewDescription(kind, pilot),
      origin: { pilot: pilot.id, review: kind },
    }));
}

function ownWorkstreamDueDates(own: readonly ExistingIssue[]) {
  return own.flatMap(({ key, origin, statusCategory, dueDate }) =>
    isWorkstreamOrigin(origin) ? [{ key, row: origin.row, statusCategory, dueDate }] : [],
  );
}

/**
 * The sub-tasks and review tickets a pilot is missing, and the due dates of its not-done
 * sub-tasks that are off their milestone. Issues with another pilot's origin are ignored.
 */
export function planGeneration(input: GenerationInput): GenerationPlan {
  const { own, rows, reviews } = existingOrigins(input.pilot.id, input.existing);
  return {
    workstreamsToCreate: planWorkstreams(input, rows),
    reviewsToCreate: planReviews(input.template.reviewKinds, input.pilot, reviews),
    dueDateUpdates: planDueDateMoves(input.template, input.pilot, ownWorkstreamDueDates(own)),
  };
}
