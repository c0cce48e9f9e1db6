/**
 * Killed is an end state (product.md §14): what a kill closed is never counted as done work, an
 * approved review or a passed gate, whatever resolution the workflow set when it closed it.
 */
import type { PilotSnapshot } from './types';

/** The resolution a kill closes issues with, where the workflow's transition offers one. */
export const KILL_RESOLUTION = "Won't Do";

/**
 * The pilot as readiness counts it: every issue the kill closed that is still in the done category
 * counts as not started (no credit, blocking its gate, no demo date). Reopened since, it counts as
 * what it is now; closed again by someone after that, the app forgot it (see closedByKill).
 */
export function countedSnapshot(snapshot: PilotSnapshot): PilotSnapshot {
  const closed = new Set(snapshot.closedByKill ?? []);
  if (closed.size === 0) return snapshot;
  const notDone = <T extends { key: string; statusCategory: string }>(issue: T): boolean =>
    closed.has(issue.key) && issue.statusCategory === 'done';
  return {
    ...snapshot,
    workstreams: snapshot.workstreams.map((issue) =>
      notDone(issue) ? { ...issue, statusCategory: 'new', doneDate: null } : issue,
    ),
    reviews: snapshot.reviews.map((issue) =>
      notDone(issue) ? { ...issue, statusCategory: 'new', resolution: null } : issue,
    ),
  };
}

/**
 * The kill-closed issues still to remember: an issue someone reopened (it left the done category) is
 * forgotten, so once it is done again it counts as the work it is.
 */
export function stillClosedByKill(
  snapshot: Pick<PilotSnapshot, 'closedByKill' | 'workstreams' | 'reviews'>,
): string[] {
  const categories = new Map(
    [...snapshot.workstreams, ...snapshot.reviews].map((issue) => [issue.key, issue.statusCategory]),
  );
  return (snapshot.closedByKill ?? []).filter((key) => {
    const category = categories.get(key);
    return category === undefined || category === 'done';
  });
}
