import { EMPTY_HISTORY, type ReadinessHistory } from '../domain/history';
import { storageKeys } from './keys';
import { UNCHANGED, readVersioned, readVersionedMany, updateVersioned } from './versioned-record';

/** Stored before compare-and-set as a plain entry under the same key: moved on the first write. */
const legacy = (pilotId: string) => ({ legacyKey: storageKeys.readinessHistory(pilotId) });

export async function readHistory(pilotId: string): Promise<ReadinessHistory> {
  const key = storageKeys.readinessHistory(pilotId);
  return (await readVersioned<ReadinessHistory>(key, legacy(pilotId))).value ?? EMPTY_HISTORY;
}

/**
 * Changes the history by compare-and-set: a recompute and the daily job can record a reading at once,
 * and the loser of the race re-applies its reading to what the winner wrote, so neither is lost.
 */
export async function updateHistory(
  pilotId: string,
  change: (current: ReadinessHistory) => ReadinessHistory | typeof UNCHANGED,
): Promise<ReadinessHistory> {
  const updated = await updateVersioned<ReadinessHistory>(
    storageKeys.readinessHistory(pilotId),
    (current) => change(current ?? EMPTY_HISTORY),
    legacy(pilotId),
  );
  return updated.value ?? EMPTY_HISTORY;
}

export { UNCHANGED };

/** The histories of many pilots, 25 keys a storage call; pilots without one get the empty history. */
export async function readHistories(pilotIds: readonly string[]): Promise<Map<string, ReadinessHistory>> {
  const idByKey = new Map(pilotIds.map((id) => [storageKeys.readinessHistory(id), id]));
  const stored = await readVersionedMany<ReadinessHistory>([...idByKey.keys()], { legacy: true });
  return new Map(pilotIds.map((id) => [id, stored.get(storageKeys.readinessHistory(id)) ?? EMPTY_HISTORY]));
}
