/**
 * What a template change needs to know of one pilot (product.md §15, §16): the app's issues of its
 * path, the milestone targets its due dates were laid on, and whether a kill stands. Small (about a
 * kilobyte) and stored under one prefix, so a preview across 10,000 pilots reads them a page of 20 at
 * a time instead of each pilot's view, generation record and standing.
 */
import type { ExistingIssue } from './generation-plan';
import { standingKill } from './kill-clock';
import type { PilotSnapshot } from './types';

export interface PathSummary {
  id: string;
  issues: ExistingIssue[];
  /** Null while no recompute recorded them (the generation record then holds the truth). */
  appliedTargets: Record<string, string> | null;
  killed: boolean;
}

/** The app's issues of a pilot as its snapshot holds them. */
export function existingIssuesOfSnapshot(snapshot: PilotSnapshot): ExistingIssue[] {
  return [
    ...snapshot.workstreams.map((issue) => ({
      key: issue.key,
      origin: { pilot: snapshot.id, row: issue.row },
      statusCategory: issue.statusCategory,
      dueDate: issue.dueDate,
    })),
    ...snapshot.reviews.map((issue) => ({
      key: issue.key,
      origin: { pilot: snapshot.id, review: issue.kind },
      statusCategory: issue.statusCategory,
      dueDate: null,
    })),
  ];
}

export function pathSummaryOf(
  snapshot: PilotSnapshot,
  appliedTargets: Record<string, string> | null | undefined,
): PathSummary {
  return {
    id: snapshot.id,
    issues: existingIssuesOfSnapshot(snapshot),
    appliedTargets: appliedTargets ?? null,
    killed: standingKill(snapshot.decisions) !== null,
  };
}
