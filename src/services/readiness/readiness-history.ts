import { nextHistory } from '../../domain/history';
import { utcCalendarDate } from '../../domain/iso-date';
import type { ReadinessDocument } from '../../domain/types';
import { UNCHANGED, updateHistory } from '../../storage/history';

/**
 * Called wherever a recomputed readiness is stored: appends a point when the score or band changed
 * and remembers the first day each gate passed (the funnel counts from it). Storage only, no Jira call.
 */
export async function recordReadinessHistory(pilotId: string, readiness: ReadinessDocument): Promise<void> {
  await updateHistory(pilotId, (history) => {
    const next = nextHistory(history, readiness, utcCalendarDate(new Date(readiness.computedAt)));
    return JSON.stringify(next) === JSON.stringify(history) ? UNCHANGED : next;
  });
}
