import { WhereConditions, kvs } from '@forge/kvs';
import { storageKeys } from './keys';
import { KVS_QUERY_PAGE_LIMIT } from './query-all';
import { UNCHANGED, readVersioned, updateVersioned } from './versioned-record';

/** One line of a pilot's audit log: who did what, when (product.md §10). */
export interface AuditEntry {
  at: string;
  actorAccountId: string;
  /** The actor's display name when the writer knew it (shown instead of the account id). */
  actorName?: string;
  action:
    | 'review-decision'
    | 'waiver'
    | 'waiver-revoked'
    | 'reopened-after-kill'
    | 'readiness-restored'
    | 'template-resync'
    | 'generation'
    | 'due-dates-moved'
    | 'value-review'
    | 'reminder';
  summary: string;
  details?: unknown;
}

/**
 * The keys of a pilot's newest entries, oldest first: the panel reads one page of the log, whatever
 * its length (product.md §14 "Bounded records"); older entries keep their keys, read page by page.
 */
export const AUDIT_PAGE_SIZE = 50;

/**
 * Appends an entry under its own key, so the log never outgrows one value and nothing is overwritten,
 * and names it among the pilot's newest entries (by compare-and-set: appends never lose each other).
 */
export async function appendAudit(pilotId: string, entry: AuditEntry, id: string): Promise<void> {
  const key = storageKeys.auditEntry(pilotId, entry.at, id);
  await kvs.set(key, entry);
  const existing = (await readVersioned<string[]>(storageKeys.auditRecent(pilotId))).revision > 0;
  // A log kept before the newest keys were: they start from its last page, read once.
  const earlier = existing ? [] : await lastKeysWithPrefix(storageKeys.auditPrefix(pilotId));
  await updateVersioned<string[]>(storageKeys.auditRecent(pilotId), (current) => {
    const keys = [...new Set([...(current ?? earlier), key])].sort();
    const next = keys.slice(-AUDIT_PAGE_SIZE);
    return current && next.join() === current.join() ? UNCHANGED : next;
  });
}

/** The pilot's newest entries, oldest first (one page: at most AUDIT_PAGE_SIZE, 2 storage reads). */
export async function readAudit(pilotId: string): Promise<AuditEntry[]> {
  const recent = (await readVersioned<string[]>(storageKeys.auditRecent(pilotId))).value;
  const keys = recent ?? (await lastKeysWithPrefix(storageKeys.auditPrefix(pilotId)));
  const entries: AuditEntry[] = [];
  for (let offset = 0; offset < keys.length; offset += 25) {
    const batch = await kvs.batchGet<AuditEntry>(keys.slice(offset, offset + 25).map((key) => ({ key })));
    const byKey = new Map(batch.successfulKeys.map((found) => [found.key, found.value]));
    for (const key of keys.slice(offset, offset + 25)) {
      const entry = byKey.get(key);
      if (entry) entries.push(entry);
    }
  }
  return entries;
}

/** The last AUDIT_PAGE_SIZE keys under a prefix, in key order (a log kept before newest keys were). */
async function lastKeysWithPrefix(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(KVS_QUERY_PAGE_LIMIT);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    keys.push(...page.results.map((result) => result.key));
    if (keys.length > AUDIT_PAGE_SIZE) keys.splice(0, keys.length - AUDIT_PAGE_SIZE);
    cursor = page.nextCursor;
  } while (cursor);
  return keys;
}
