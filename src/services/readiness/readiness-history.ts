import { nextHistory, type ReadinessHistory } from '../../domain/history';
import { utcCalendarDate } from '../../domain/iso-date';
import type { ReadinessDocument } from '../../domain/types';
import { readHistory, writeHistory } from '../../storage/history';

/**
 * Called wherever a recomputed readiness is stored: appends a point when the score or band changed
 * and remembers the first day each gate passed (the funnel counts from it). Storage only, no Jira call.
 * Answers the history as it now stands.
 */
export async function recordReadinessHistory(
  pilotId: string,
  readiness: ReadinessDocument,
): Promise<ReadinessHistory> {
  const history = await readHistory(pilotId);
  const next = nextHistory(history, readiness, utcCalendarDate(new Date(readiness.computedAt)));
  if (JSON.stringify(next) !== JSON.stringify(history)) await writeHistory(pilotId, next);
  return next;
}
