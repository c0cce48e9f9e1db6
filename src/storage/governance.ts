import type { ClosureOutcome } from '../domain/closure';
import type { ReviewDecisionRecord, Waiver } from '../domain/types';
import { storageKeys } from './keys';
import { RecordTooLarge, sizeOf } from './record-size';
import { UNCHANGED, readVersioned, updateVersioned } from './versioned-record';

/**
 * A pilot's waivers and review decisions (product.md §7, §9, §14), under compare-and-set: granting a
 * waiver, recording a decision, a kill's closure and a reopening each change what the others read.
 */
export interface Governance {
  /** Waivers in force (expired ones leave with the next change; the audit log keeps them all). */
  waivers: Waiver[];
  /** The latest decisions, oldest first (older ones only in the audit log). */
  decisions: ReviewDecisionRecord[];
  /** After a kill: what the app closed and what someone must close by hand. */
  closure?: ClosureOutcome;
  /** Keys of the issues the kill closed that are still closed: never counted as done (domain/kill.ts). */
  closedByKill?: string[];
  /** After a kill: whether the pilot itself reached the done category (only then can it be reopened). */
  pilotClosedByKill?: boolean;
}

/**
 * Far below Forge's 240 KiB per value: bounded waivers and decisions come to a few KiB; a value this
 * large means a bound is missing, and it is refused rather than stored (a pilot never goes stale).
 */
export const GOVERNANCE_MAX_BYTES = 64 * 1024;

const EMPTY: Governance = { waivers: [], decisions: [] };

/** Stored before compare-and-set as a plain entry under the same key: moved on the first write. */
const legacy = (pilotId: string) => ({ legacyKey: storageKeys.governance(pilotId) });

export async function readGovernance(pilotId: string): Promise<Governance> {
  return (await readVersioned<Governance>(storageKeys.governance(pilotId), legacy(pilotId))).value ?? EMPTY;
}

/**
 * Changes a pilot's governance by compare-and-set: `change` gets the current value (again, after a
 * race lost to another writer) and answers the next one, `UNCHANGED`, or throws to refuse.
 */
export async function updateGovernance(
  pilotId: string,
  change: (current: Governance) => Governance | typeof UNCHANGED,
): Promise<Governance> {
  const key = storageKeys.governance(pilotId);
  const updated = await updateVersioned<Governance>(
    key,
    (current) => {
      const next = change(current ?? EMPTY);
      if (next !== UNCHANGED && sizeOf(next) > GOVERNANCE_MAX_BYTES) {
        throw new RecordTooLarge(key, sizeOf(next), GOVERNANCE_MAX_BYTES);
      }
      return next;
    },
    legacy(pilotId),
  );
  return updated.value ?? EMPTY;
}

export { UNCHANGED };
