import { kvs, WhereConditions } from '@forge/kvs';
import { storageKeys } from './keys';

/** One line of a pilot's audit log: who did what, when (product.md §10). */
export interface AuditEntry {
  at: string;
  actorAccountId: string;
  /** The actor's display name when the writer knew it (shown instead of the account id). */
  actorName?: string;
  action: 'review-decision' | 'waiver' | 'template-resync' | 'generation' | 'due-dates-moved';
  summary: string;
  details?: unknown;
}

/** Appends an entry under its own key, so the log never outgrows one value and nothing is overwritten. */
export async function appendAudit(pilotId: string, entry: AuditEntry, id: string): Promise<void> {
  await kvs.set(storageKeys.auditEntry(pilotId, entry.at, id), entry);
}

export async function readAudit(pilotId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(storageKeys.auditPrefix(pilotId)))
      .limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<AuditEntry>();
    entries.push(...page.results.map((result) => result.value));
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}
