import { nextHistory, type ReadinessHistory } from '../../domain/history';
import { siteToday } from '../../domain/site-dates';
import type { GateEvidence } from '../../domain/funnel';
import type { ReadinessDocument } from '../../domain/types';
import { UNCHANGED, updateHistory } from '../../storage/history';

/**
 * Called wherever a recomputed readiness is stored: appends a point when the score or band changed
 * and remembers the first day each gate passed (the funnel counts from it). Storage only, no Jira call.
 * Answers the history as it now stands.
 */
export async function recordReadinessHistory(
  pilotId: string,
  readiness: ReadinessDocument,
  siteTimeZone: string,
  evidence?: Record<string, GateEvidence>,
): Promise<ReadinessHistory> {
  const today = siteToday(new Date(readiness.computedAt), siteTimeZone);
  return updateHistory(pilotId, (history) => {
    const next = nextHistory(history, readiness, today, evidence);
    return JSON.stringify(next) === JSON.stringify(history) ? UNCHANGED : next;
  });
}
