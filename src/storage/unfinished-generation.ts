import { kvs, WhereConditions } from '@forge/kvs';
import { storageKeys } from './keys';

/**
 * Pilots whose production path could not be laid out after every retry the platform gives a queued
 * job. Each stays listed until a generation succeeds, so the daily job picks it up again.
 */
export async function markGenerationUnfinished(pilotId: string, since: string): Promise<void> {
  await kvs.set(storageKeys.unfinishedGeneration(pilotId), { pilotId, since });
}

export async function clearGenerationUnfinished(pilotId: string): Promise<void> {
  await kvs.delete(storageKeys.unfinishedGeneration(pilotId));
}

export async function unfinishedGenerations(): Promise<string[]> {
  const pilotIds: string[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(storageKeys.unfinishedGenerationPrefix))
      .limit(20);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<{ pilotId: string }>();
    pilotIds.push(...page.results.map((result) => result.value.pilotId));
    cursor = page.nextCursor;
  } while (cursor);
  return pilotIds;
}
