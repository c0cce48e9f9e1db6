import { kvs } from '@forge/kvs';
import { storageKeys } from './keys';
import { readAllWithPrefix } from './query-all';

/**
 * Pilots whose queued work failed through every retry the platform gives a queued job: their
 * production path could not be laid out (`generation`), or their readiness not brought up to date
 * (`recompute`). Each stays listed until that work succeeds, so the daily job picks it up again.
 */
export type UnfinishedWork = 'generation' | 'recompute';

const keyOf = (work: UnfinishedWork, pilotId: string) =>
  work === 'generation'
    ? storageKeys.unfinishedGeneration(pilotId)
    : storageKeys.unfinishedRecompute(pilotId);

export async function markUnfinished(work: UnfinishedWork, pilotId: string, since: string): Promise<void> {
  await kvs.set(keyOf(work, pilotId), { pilotId, since });
}

export async function isUnfinished(work: UnfinishedWork, pilotId: string): Promise<boolean> {
  return (await kvs.get(keyOf(work, pilotId))) !== undefined;
}

export async function clearUnfinished(work: UnfinishedWork, pilotId: string): Promise<void> {
  await kvs.delete(keyOf(work, pilotId));
}

export async function unfinishedPilots(work: UnfinishedWork): Promise<string[]> {
  const prefix =
    work === 'generation' ? storageKeys.unfinishedGenerationPrefix : storageKeys.unfinishedRecomputePrefix;
  return (await readAllWithPrefix<{ pilotId: string }>(prefix)).map((entry) => entry.pilotId);
}
