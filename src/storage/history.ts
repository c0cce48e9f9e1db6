import { kvs } from '@forge/kvs';
import { EMPTY_HISTORY, type ReadinessHistory } from '../domain/history';
import { storageKeys } from './keys';

/** Forge storage reads at most this many keys in one batch. */
const BATCH_GET_LIMIT = 25;

export async function readHistory(pilotId: string): Promise<ReadinessHistory> {
  return (await kvs.get<ReadinessHistory>(storageKeys.readinessHistory(pilotId))) ?? EMPTY_HISTORY;
}

export async function writeHistory(pilotId: string, history: ReadinessHistory): Promise<void> {
  await kvs.set(storageKeys.readinessHistory(pilotId), history);
}

/** The histories of many pilots, 25 keys a storage call; pilots without one get the empty history. */
export async function readHistories(pilotIds: readonly string[]): Promise<Map<string, ReadinessHistory>> {
  const histories = new Map<string, ReadinessHistory>(pilotIds.map((id) => [id, EMPTY_HISTORY]));
  const idByKey = new Map(pilotIds.map((id) => [storageKeys.readinessHistory(id), id]));
  const keys = [...idByKey.keys()];
  for (let offset = 0; offset < keys.length; offset += BATCH_GET_LIMIT) {
    const batch = await kvs.batchGet<ReadinessHistory>(
      keys.slice(offset, offset + BATCH_GET_LIMIT).map((key) => ({ key })),
    );
    for (const found of batch.successfulKeys) {
      const pilotId = idByKey.get(found.key);
      if (pilotId !== undefined) histories.set(pilotId, found.value);
    }
  }
  return histories;
}
