/**
 * States of workstreams, reviews and data-access tickets (product.md §3, §4) and their score
 * credits (§5).
 */
import type {
  DataAccessState,
  ReviewIssue,
  ReviewKind,
  ReviewState,
  StatusCategory,
  WorkstreamIssue,
  WorkstreamState,
} from './types';

const WORKSTREAM_STATE_BY_CATEGORY: Record<StatusCategory, WorkstreamState> = {
  new: 'to-do',
  indeterminate: 'in-progress',
  done: 'done',
};

export function workstreamState(statusCategory: StatusCategory): WorkstreamState {
  return WORKSTREAM_STATE_BY_CATEGORY[statusCategory];
}

/** Jira sites spell "Won't Do" with a straight or a typographic apostrophe, in any case. */
function normalizeResolution(resolution: string): string {
  return resolution
    .trim()
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase();
}

/** True when the resolution is in the rejected set, ignoring case, surrounding spaces and apostrophe style. */
export function isRejectedResolution(
  resolution: string | null,
  rejectedResolutions: readonly string[],
): boolean {
  if (resolution === null) return false;
  const normalized = normalizeResolution(resolution);
  return rejectedResolutions.some((rejected) => normalizeResolution(rejected) === normalized);
}

/**
 * A review is approved when done with a resolution outside the rejected set (a done issue with no
 * resolution at all counts as approved: many workflows never set one), rejected when done with one.
 */
export function reviewState(
  issue: Pick<ReviewIssue, 'statusCategory' | 'resolution'>,
  rejectedResolutions: readonly string[],
): ReviewState {
  switch (issue.statusCategory) {
    case 'new':
      return 'not-started';
    case 'indeterminate':
      return 'in-progress';
    case 'done':
      return isRejectedResolution(issue.resolution, rejectedResolutions) ? 'rejected' : 'approved';
  }
}

export function jiraDataAccessState(
  statusCategory: StatusCategory,
  resolution: string | null,
  rejectedResolutions: readonly string[],
): DataAccessState {
  switch (statusCategory) {
    case 'new':
      return 'requested';
    case 'indeterminate':
      return 'in-progress';
    case 'done':
      return isRejectedResolution(resolution, rejectedResolutions) ? 'rejected' : 'approved';
  }
}

/** ServiceNow `state` value (as the Table API returns it, a string) → data-access state. */
export type ServiceNowStateMap = Readonly<Record<string, DataAccessState>>;

/** Default mapping for requested items (sc_req_item): product.md §4. */
export const DEFAULT_SERVICENOW_STATE_MAP: ServiceNowStateMap = {
  '-5': 'requested',
  '1': 'requested',
  '2': 'in-progress',
  '3': 'approved',
  '4': 'rejected',
  '7': 'rejected',
};

/** The mapped state, or null for a code the mapping does not know (the caller reports it; no guessing). */
export function serviceNowDataAccessState(
  stateCode: string,
  mapping: ServiceNowStateMap = DEFAULT_SERVICENOW_STATE_MAP,
): DataAccessState | null {
  const code = stateCode.trim();
  return Object.hasOwn(mapping, code) ? (mapping[code] ?? null) : null;
}

const WORKSTREAM_CREDIT: Record<WorkstreamState, number> = { 'to-do': 0, 'in-progress': 0.5, done: 1 };
const REVIEW_CREDIT: Record<ReviewState, number> = {
  'not-started': 0,
  'in-progress': 0.5,
  approved: 1,
  rejected: 0,
};
/** Filing early is itself progress, so a request that is merely filed earns a quarter. */
const DATA_ACCESS_CREDIT: Record<DataAccessState, number> = {
  requested: 0.25,
  'in-progress': 0.5,
  approved: 1,
  rejected: 0,
};

export function workstreamCredit(state: WorkstreamState): number {
  return WORKSTREAM_CREDIT[state];
}

export function reviewCredit(state: ReviewState): number {
  return REVIEW_CREDIT[state];
}

export function dataAccessCredit(state: DataAccessState): number {
  return DATA_ACCESS_CREDIT[state];
}

export function workstreamIssuesOfRow(
  workstreams: readonly WorkstreamIssue[],
  row: string,
): WorkstreamIssue[] {
  return workstreams.filter((issue) => issue.row === row);
}

export function reviewIssuesOfKind(reviews: readonly ReviewIssue[], kind: ReviewKind): ReviewIssue[] {
  return reviews.filter((issue) => issue.kind === kind);
}

const WORKSTREAM_PROGRESS: readonly WorkstreamState[] = ['to-do', 'in-progress', 'done'];
const REVIEW_PROGRESS: readonly ReviewState[] = ['rejected', 'not-started', 'in-progress', 'approved'];

function leastAdvanced<S>(states: readonly S[], progress: readonly S[]): S | null {
  let least: S | null = null;
  for (const state of states) {
    if (least === null || progress.indexOf(state) < progress.indexOf(least)) least = state;
  }
  return least;
}

/**
 * The state of a template row: null when it has no sub-task, else its least advanced sub-task
 * (a duplicate left open keeps the row open).
 */
export function rowState(issues: readonly WorkstreamIssue[]): WorkstreamState | null {
  return leastAdvanced(
    issues.map((issue) => workstreamState(issue.statusCategory)),
    WORKSTREAM_PROGRESS,
  );
}

/** The state of a review kind: null with no ticket, else its least advanced ticket (rejected counts lowest). */
export function reviewKindState(
  issues: readonly ReviewIssue[],
  rejectedResolutions: readonly string[],
): ReviewState | null {
  return leastAdvanced(
    issues.map((issue) => reviewState(issue, rejectedResolutions)),
    REVIEW_PROGRESS,
  );
}

/**
 * The sub-task that stands for a row wherever one issue is shown for it: its least advanced one, the
 * one `rowState` (and so the score and the gates) counts. Undefined when the row has none.
 */
export function countingWorkstreamIssue(
  workstreams: readonly WorkstreamIssue[],
  row: string,
): WorkstreamIssue | undefined {
  const issues = workstreamIssuesOfRow(workstreams, row);
  const state = rowState(issues);
  return issues.find((issue) => workstreamState(issue.statusCategory) === state);
}

/** The review ticket that stands for a kind: its least advanced one, as `reviewKindState` counts. */
export function countingReviewIssue(
  reviews: readonly ReviewIssue[],
  kind: ReviewKind,
  rejectedResolutions: readonly string[],
): ReviewIssue | undefined {
  const issues = reviewIssuesOfKind(reviews, kind);
  const state = reviewKindState(issues, rejectedResolutions);
  return issues.find((issue) => reviewState(issue, rejectedResolutions) === state);
}

/** Any state an issue of the production path can be in. */
export type PathIssueState = WorkstreamState | ReviewState | DataAccessState;

const STATE_WORDS: Record<PathIssueState, string> = {
  'to-do': 'to do',
  'in-progress': 'in progress',
  done: 'done',
  'not-started': 'not started',
  approved: 'approved',
  rejected: 'rejected',
  requested: 'requested',
};

/** A state as plain English, for evidence and blocker texts ("in progress", "not started"). */
export function stateInWords(state: PathIssueState): string {
  return STATE_WORDS[state];
}

/** Issue keys with their states in words: "AIP-7 in progress, AIP-40 to do". */
export function keysWithStates(items: readonly { key: string; state: PathIssueState }[]): string {
  return items.map(({ key, state }) => `${key} ${stateInWords(state)}`).join(', ');
}

/** Workstream sub-tasks as "AIP-7 in progress, AIP-40 to do". */
export function describeWorkstreamIssues(issues: readonly WorkstreamIssue[]): string {
  return keysWithStates(
    issues.map(({ key, statusCategory }) => ({ key, state: workstreamState(statusCategory) })),
  );
}

/** Review tickets as "AIP-10 approved, AIP-30 rejected". */
export function describeReviewIssues(
  issues: readonly ReviewIssue[],
  rejectedResolutions: readonly string[],
): string {
  return keysWithStates(
    issues.map((issue) => ({ key: issue.key, state: reviewState(issue, rejectedResolutions) })),
  );
}
