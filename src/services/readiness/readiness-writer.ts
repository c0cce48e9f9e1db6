import { readinessChanged } from '../../domain/readiness';
import { siteTimeZone } from '../../domain/site-provisioning';
import { gateEvidence } from '../../domain/funnel';
import type { OwnershipTemplate, PilotSnapshot, ReadinessDocument } from '../../domain/types';
import type { PilotGateway } from '../../jira/pilots';
import type { Pilot } from '../../domain/pilot';
import { recordReadinessHistory } from './readiness-history';

/**
 * Stores a recomputed readiness on the pilot: the `pilot-readiness` property (indexed for JQL) when it
 * says something new, and the read-only Readiness field whenever the value Jira holds differs from the
 * score (so a field write that failed once heals at the next recompute). A recompute that changes
 * nothing costs nothing. Returns the number of Jira writes made.
 */
export async function storeReadiness(
  gateway: PilotGateway,
  pilot: Pick<Pilot, 'id' | 'publishedReadiness' | 'publishedScore'>,
  next: ReadinessDocument,
  inputs: { snapshot: PilotSnapshot; template: OwnershipTemplate },
): Promise<number> {
  let writes = 0;
  if (readinessChanged(pilot.publishedReadiness, next)) {
    await gateway.writeReadiness(pilot.id, next);
    writes++;
    const zone = siteTimeZone(gateway.provisioning);
    const evidence = gateEvidence(inputs.snapshot, inputs.template, next.gates, zone);
    await recordReadinessHistory(pilot.id, next, zone, evidence);
  }
  if (pilot.publishedScore !== next.score && (await gateway.writeReadinessField(pilot.id, next.score))) {
    writes++;
  }
  return writes;
}
