import type { ReadinessDocument } from '../../domain/types';
import type { EpicMember } from '../../storage/pilot-state';

/** An epic's roll-up entry of a pilot, from its stored readiness. */
export function epicMemberOf(
  pilot: { id: string; key: string; summary: string },
  readiness: ReadinessDocument | undefined,
): EpicMember {
  return {
    id: pilot.id,
    key: pilot.key,
    summary: pilot.summary,
    score: readiness?.score ?? null,
    band: readiness?.band ?? null,
    gates: readiness?.gates ?? [],
    reviewRequired: readiness?.reviewRequired ?? false,
    daysSinceDemo: readiness?.daysSinceDemo ?? null,
  };
}
