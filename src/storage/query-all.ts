import { kvs, WhereConditions } from '@forge/kvs';

/**
 * The page size of every kvs query: Forge returns at most 20 results a page whatever `limit` asks
 * (storage query reference, updated Feb 2026), so queries ask for 20 and follow `nextCursor`.
 */
export const KVS_QUERY_PAGE_LIMIT = 20;

/** Every entry stored under keys beginning with `prefix`, in key order, page by page. */
export async function readEntriesWithPrefix<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
  const entries: Array<{ key: string; value: T }> = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(KVS_QUERY_PAGE_LIMIT);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<T>();
    entries.push(...page.results.map(({ key, value }) => ({ key, value })));
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

/** Every value stored under keys beginning with `prefix`, in key order, page by page. */
export async function readAllWithPrefix<T>(prefix: string): Promise<T[]> {
  return (await readEntriesWithPrefix<T>(prefix)).map((entry) => entry.value);
}
