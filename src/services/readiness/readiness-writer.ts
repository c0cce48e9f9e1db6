import type { ReadinessHistory } from '../../domain/history';
import { readinessChanged } from '../../domain/readiness';
import type { ReadinessDocument } from '../../domain/types';
import type { PilotGateway } from '../../jira/pilots';
import type { Pilot } from '../../domain/pilot';
import { recordReadinessHistory } from './readiness-history';

export interface StoredReadiness {
  /** Jira writes made. */
  writes: number;
  /** The history as recorded when the readiness changed (null when it did not, and was not read). */
  history: ReadinessHistory | null;
}

/**
 * Stores a recomputed readiness on the pilot: the `pilot-readiness` property (indexed for JQL) when it
 * says something new, and the read-only Readiness field whenever the value Jira holds differs from the
 * score (so a field write that failed once heals at the next recompute). A recompute that changes
 * nothing costs nothing.
 */
export async function storeReadiness(
  gateway: PilotGateway,
  pilot: Pick<Pilot, 'id' | 'storedReadiness' | 'readinessFieldValue'>,
  next: ReadinessDocument,
): Promise<StoredReadiness> {
  let writes = 0;
  let history: ReadinessHistory | null = null;
  if (readinessChanged(pilot.storedReadiness, next)) {
    await gateway.writeReadiness(pilot.id, next);
    writes++;
    history = await recordReadinessHistory(pilot.id, next);
  }
  if (pilot.readinessFieldValue !== next.score && (await gateway.writeReadinessField(pilot.id, next.score))) {
    writes++;
  }
  return { writes, history };
}
