/**
 * Everything the app stores for one pilot, removed when the pilot is deleted in Jira (product.md §14):
 * its keys (`pilot:<id>:…`: view, generation record, governance, changes, history, locks, links), its
 * audit log, its place in its epic's roll-up and in the lists the daily job reads, the owners of its
 * issues (the list of pilots generated lately, at most 50, keeps its id until it falls off), and what it filed in ServiceNow (the records stay in ServiceNow; the app stops tracking them).
 */
import { kvs } from '@forge/kvs';
import { forgetIssueOwner } from './generation-record';
import { storageKeys } from './keys';
import { readEntriesWithPrefix } from './query-all';
import { deleteVersioned, readVersioned } from './versioned-record';

/** Batch deletes take at most 25 keys. */
const BATCH_LIMIT = 25;

export interface PilotFootprint {
  pilotId: string;
  /** The epic whose roll-up lists the pilot. */
  epicId: string | null;
  /** The project whose portfolio lists the pilot (null: never computed, so never listed). */
  projectKey: string | null;
  /** Issues recorded as the pilot's (its path, its data-access tickets): their owner entries go. */
  issueIds: readonly string[];
  /** sys_ids of the ServiceNow records filed for it: their index entries go. */
  serviceNowSysIds: readonly string[];
}

export async function forgetPilotState(footprint: PilotFootprint): Promise<void> {
  const { pilotId } = footprint;
  for (const issueId of footprint.issueIds) await forgetIssueOwner(pilotId, issueId);
  const prefixed = await Promise.all(
    [`pilot:${pilotId}:`, storageKeys.auditPrefix(pilotId), `servicenow:order:${pilotId}:`].map((prefix) =>
      readEntriesWithPrefix<unknown>(prefix),
    ),
  );
  const keys = [
    ...prefixed.flat().map((entry) => entry.key),
    storageKeys.unfinishedRecompute(pilotId),
    storageKeys.unfinishedGeneration(pilotId),
    storageKeys.pathSummary(pilotId),
    storageKeys.serviceNowFiled(pilotId),
    storageKeys.serviceNowIgnoredLinks(pilotId),
    ...footprint.serviceNowSysIds.map((sysId) => storageKeys.serviceNowRecordOwner(sysId)),
    ...(footprint.epicId ? [storageKeys.epicMember(footprint.epicId, pilotId)] : []),
    ...(footprint.projectKey ? [storageKeys.portfolioEntry(footprint.projectKey, pilotId)] : []),
  ];
  for (let offset = 0; offset < keys.length; offset += BATCH_LIMIT) {
    await kvs.batchDelete(keys.slice(offset, offset + BATCH_LIMIT).map((key) => ({ key })));
  }
  // Values kept under compare-and-set live in the custom entity, under the same names.
  for (const key of [
    storageKeys.serviceNowFiled(pilotId),
    storageKeys.generationRecord(pilotId),
    storageKeys.governance(pilotId),
    storageKeys.pilotDataAccess(pilotId),
    storageKeys.readinessHistory(pilotId),
    storageKeys.reminderLedger(pilotId),
    storageKeys.valueReviews(pilotId),
    storageKeys.auditRecent(pilotId),
    storageKeys.pilotViewFence(pilotId),
  ]) {
    const stored = await readVersioned<unknown>(key);
    if (stored.revision > 0) await deleteVersioned(key, stored.revision);
  }
}
