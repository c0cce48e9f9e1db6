import { standingKillSummary } from '../../domain/kill-clock';
import type { ReadinessDocument, ReviewDecisionRecord } from '../../domain/types';
import {
  readPilotStandings,
  readPilotView,
  writePilotStanding,
  type EpicMember,
  type PilotStanding,
} from '../../storage/pilot-state';

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

/** A pilot's standing (storage/pilot-state.ts): its stored readiness, its no answers, its kill. */
export function standingOf(
  pilot: { id: string; key: string; summary: string; decisions: readonly ReviewDecisionRecord[] },
  readiness: ReadinessDocument,
): PilotStanding {
  return {
    ...epicMemberOf(pilot, readiness),
    noAnswers: readiness.diagnostic.answers.filter((answer) => !answer.yes).map((answer) => answer.id),
    kill: standingKillSummary(pilot.decisions),
  };
}

/**
 * The standings of these pilots from storage (25 a call). A pilot stored before standings were kept
 * gets one from its stored view, once; a pilot never computed is left out.
 */
export async function standingsOf(pilotIds: readonly string[]): Promise<Map<string, PilotStanding>> {
  const standings = await readPilotStandings(pilotIds);
  for (const pilotId of pilotIds) {
    if (standings.has(pilotId)) continue;
    const view = await readPilotView(pilotId);
    if (!view) continue;
    const standing = standingOf(view.snapshot, view.readiness);
    await writePilotStanding(standing);
    standings.set(pilotId, standing);
  }
  return standings;
}
