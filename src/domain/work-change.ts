/**
 * A change to one issue of a pilot's path, as its issue event carried it (src/jira/changelog.ts reads
 * it from the event), and the pilot's path with such changes applied instead of reading the issues
 * again: the readiness model needs a path issue's status category, resolution, assignee and due date.
 */
import type { FieldVersions, PilotWork } from './pilot';
import { siteCalendarDate, jiraInstant } from './site-dates';
import type { IsoDate, StatusCategory } from './types';

/**
 * The fields of a path issue that readiness reads and that an event carries whole, by their Jira field
 * ids; also the `<issue key>/<field>` names of field versions and instants.
 */
export const WORK_CHANGE_FIELDS = ['status', 'resolution', 'assignee', 'duedate'] as const;
export type WorkChangeField = (typeof WORK_CHANGE_FIELDS)[number];

/** One field's new value; `version` is the changelog id, so a late event never undoes a newer one. */
export interface WorkIssueChange {
  issueId: string;
  key: string;
  /**
   * The changelog's id. Assumed (not documented) to grow with the order of changes on a site, as every
   * changelog page shows; it only orders events against each other (reads are ordered by time, below).
   */
  version: number;
  /** When the change happened (the event's `updated`), an ISO timestamp; for the day work got done. */
  at: string | null;
  statusCategory?: StatusCategory;
  resolution?: string | null;
  assignee?: { accountId: string | null; displayName: string | null };
  dueDate?: IsoDate | null;
}

/** The fields a change sets, each with the version it was set at: `<issue key>/<field>`. */
export function changedFieldsOf(change: WorkIssueChange): string[] {
  const set: Record<WorkChangeField, boolean> = {
    status: change.statusCategory !== undefined,
    resolution: change.resolution !== undefined,
    assignee: change.assignee !== undefined,
    duedate: change.dueDate !== undefined,
  };
  return WORK_CHANGE_FIELDS.filter((field) => set[field]).map((field) => `${change.key}/${field}`);
}

/**
 * The pilot's path with changes taken from issue events applied, oldest first. A field keeps its value
 * when it is stored from a newer changelog (a late or repeated event) or is known as of a later instant
 * (read after the change, or written by the app since). Undefined when the issue must be read from Jira
 * instead: a change to an issue the stored path does not hold, a change without a time to an issue read
 * before, or a done issue done again (was it reopened in between, and when?).
 */
export function workWithChanges(
  work: PilotWork,
  changes: readonly WorkIssueChange[],
  versions: FieldVersions,
  siteZone: string,
): { work: PilotWork; versions: FieldVersions } | undefined {
  const next: PilotWork = {
    ...work,
    workstreams: work.workstreams.map((issue) => ({ ...issue })),
    reviews: work.reviews.map((issue) => ({ ...issue })),
    existing: work.existing.map((issue) => ({ ...issue })),
    names: { ...work.names },
  };
  let nextVersions = { ...versions };
  for (const change of [...changes].sort((a, b) => a.version - b.version)) {
    const workstream = next.workstreams.find((issue) => issue.key === change.key);
    const review = next.reviews.find((issue) => issue.key === change.key);
    const existing = next.existing.find((issue) => issue.key === change.key);
    if (!workstream && !review) return undefined;
    const at = jiraInstant(change.at);
    const newer: Partial<Record<WorkChangeField, boolean>> = {};
    for (const field of WORK_CHANGE_FIELDS) {
      const known = work.knownAt?.[`${change.key}/${field}`];
      if (known !== undefined && at === null) return undefined;
      newer[field] =
        (nextVersions[`${change.key}/${field}`] ?? 0) < change.version &&
        (known === undefined || (at as number) > known);
    }
    if (change.statusCategory !== undefined && newer.status) {
      if (workstream) {
        const doneDate = change.statusCategory === 'done' ? siteCalendarDate(change.at, siteZone) : null;
        if (change.statusCategory === 'done' && doneDate === null) return undefined;
        // Done again: the day it got done is today's only if it was reopened in between.
        if (workstream.statusCategory === 'done' && change.statusCategory === 'done') {
          if (workstream.doneDate !== doneDate) return undefined;
        }
        workstream.statusCategory = change.statusCategory;
        workstream.doneDate = doneDate;
      }
      if (review) {
        review.statusCategory = change.statusCategory;
        // The day a review was decided is the funnel's evidence (funnel.ts); unknown stays unknown.
        review.doneDate = change.statusCategory === 'done' ? siteCalendarDate(change.at, siteZone) : null;
      }
      if (existing) existing.statusCategory = change.statusCategory;
    }
    if (change.resolution !== undefined && newer.resolution && review) review.resolution = change.resolution;
    if (change.assignee !== undefined && newer.assignee) {
      const { accountId, displayName } = change.assignee;
      if (workstream) workstream.assigneeAccountId = accountId;
      if (accountId && displayName) next.names[accountId] = displayName;
    }
    if (change.dueDate !== undefined && newer.duedate) {
      if (workstream) workstream.dueDate = change.dueDate;
      if (existing) existing.dueDate = change.dueDate;
    }
    nextVersions = versionsWith(nextVersions, [change]);
  }
  return { work: next, versions: nextVersions };
}

/** The field versions once these changes are in (applied, or held by a read made after them). */
export function versionsWith(versions: FieldVersions, changes: readonly WorkIssueChange[]): FieldVersions {
  const next = { ...versions };
  for (const change of changes) {
    for (const field of changedFieldsOf(change)) next[field] = Math.max(next[field] ?? 0, change.version);
  }
  return next;
}
