import type { ReadinessHistory } from '../../domain/history';
import { readinessChanged } from '../../domain/readiness';
import { siteTimeZone } from '../../domain/site-provisioning';
import { gateEvidence } from '../../domain/funnel';
import type { OwnershipTemplate, PilotSnapshot, ReadinessDocument } from '../../domain/types';
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
  pilot: Pick<Pilot, 'id' | 'publishedReadiness' | 'publishedScore'>,
  next: ReadinessDocument,
  inputs: { snapshot: PilotSnapshot; template: OwnershipTemplate },
): Promise<StoredReadiness> {
  let writes = 0;
  let history: ReadinessHistory | null = null;
  if (readinessChanged(pilot.publishedReadiness, next)) {
    await gateway.writeReadiness(pilot.id, next);
    writes++;
    const zone = siteTimeZone(gateway.provisioning);
    const evidence = gateEvidence(inputs.snapshot, inputs.template, next.gates, zone);
    history = await recordReadinessHistory(pilot.id, next, zone, evidence);
  }
  if (pilot.publishedScore !== next.score && (await gateway.writeReadinessField(pilot.id, next.score))) {
    writes++;
  }
  return { writes, history };
}
