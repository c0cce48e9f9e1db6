import { stillClosedByKill } from '../../domain/kill';
import { standingKill } from '../../domain/kill-clock';
import type { Pilot } from '../../domain/pilot';
import type { IsoDate, PilotSnapshot } from '../../domain/types';
import { appendAudit } from '../../storage/audit';
import { UNCHANGED, updateGovernance, type Governance } from '../../storage/governance';

/** Whether the kill's closure reached the pilot itself (a kill recorded before this was kept: its closure says). */
function pilotClosedByKill(pilot: Pick<Pilot, 'key'>, governance: Governance): boolean {
  return governance.pilotClosedByKill ?? governance.closure?.closed.includes(pilot.key) ?? false;
}

/**
 * What the pilot says about a kill (product.md §14): a killed pilot whose status left the done category
 * was reopened, so it is active again (audited); one closed by hand after a kill that could not close it
 * is closed now (`pilotReadNow`: only a pilot read afresh tells its status). Once no kill stands, an
 * issue the kill closed that someone reopened is forgotten, so when it is done again it counts.
 */
export async function followKill(
  pilot: Pick<Pilot, 'id' | 'key' | 'statusCategory'>,
  governance: Governance,
  snapshot: Pick<PilotSnapshot, 'closedByKill' | 'workstreams' | 'reviews'>,
  context: { now: Date; today: IsoDate; actorAccountId: string; pilotReadNow: boolean },
): Promise<Governance> {
  const kill = standingKill(governance.decisions);
  const closedNow = pilot.statusCategory === 'done';
  if (kill && context.pilotReadNow && pilotClosedByKill(pilot, governance) && !closedNow)
    return reopen(pilot, context);
  if (kill && context.pilotReadNow && !pilotClosedByKill(pilot, governance) && closedNow) {
    return updateGovernance(pilot.id, (current) => ({ ...current, pilotClosedByKill: true }));
  }
  const remembered = snapshot.closedByKill ?? [];
  const still = stillClosedByKill(snapshot);
  if (kill || still.length === remembered.length) return governance;
  return updateGovernance(pilot.id, (current) =>
    standingKill(current.decisions) ? UNCHANGED : { ...current, closedByKill: still },
  );
}

async function reopen(
  pilot: Pick<Pilot, 'id' | 'key'>,
  context: { now: Date; today: IsoDate; actorAccountId: string },
): Promise<Governance> {
  let reopened: { decidedOn: IsoDate; closed: number } | undefined;
  const governance = await updateGovernance(pilot.id, (current) => {
    const kill = standingKill(current.decisions);
    if (!kill) return UNCHANGED;
    reopened = { decidedOn: kill.decidedOn, closed: current.closedByKill?.length ?? 0 };
    return {
      ...current,
      decisions: current.decisions.map((record) =>
        record === kill ? { ...record, reopenedOn: context.today } : record,
      ),
      pilotClosedByKill: false,
    };
  });
  if (reopened) {
    await appendAudit(
      pilot.id,
      {
        at: context.now.toISOString(),
        actorAccountId: context.actorAccountId,
        action: 'reopened-after-kill',
        summary: `Reopened after kill: ${pilot.key} left the done category, so the kill of ${reopened.decidedOn} no longer stands and the pilot is active again. The ${reopened.closed} issue${reopened.closed === 1 ? '' : 's'} the kill closed stay closed and count as not done until someone reopens them.`,
      },
      `${context.now.getTime()}-reopened`,
    );
  }
  return governance;
}
