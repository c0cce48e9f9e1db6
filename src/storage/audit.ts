import { kvs } from '@forge/kvs';
import { storageKeys } from './keys';
import { readAllWithPrefix } from './query-all';

/** One line of a pilot's audit log: who did what, when (product.md §10). */
export interface AuditEntry {
  at: string;
  actorAccountId: string;
  /** The actor's display name when the writer knew it (shown instead of the account id). */
  actorName?: string;
  action:
    | 'review-decision'
    | 'waiver'
    | 'template-resync'
    | 'generation'
    | 'due-dates-moved'
    | 'value-review'
    | 'reminder';
  summary: string;
  details?: unknown;
}

/** Appends an entry under its own key, so the log never outgrows one value and nothing is overwritten. */
export async function appendAudit(pilotId: string, entry: AuditEntry, id: string): Promise<void> {
  await kvs.set(storageKeys.auditEntry(pilotId, entry.at, id), entry);
}

export function readAudit(pilotId: string): Promise<AuditEntry[]> {
  return readAllWithPrefix<AuditEntry>(storageKeys.auditPrefix(pilotId));
}
