import { kvs } from '@forge/kvs';
import type { WorkIssueChange } from '../domain/work-change';
import { storageKeys } from './keys';
import { readAllWithPrefix } from './query-all';

/**
 * A change to a pilot not yet recomputed (coalesced, see services/readiness/recompute-queue.ts). Each change is
 * stored under a key of its own, written once and deleted once it is recomputed: changes that arrive
 * at the same moment never overwrite each other (a shared counter read and written back lost them),
 * and a recompute forgets exactly the changes it read, never one that came in while it ran.
 */
export interface PilotChange {
  /** Its storage key: orders changes by when they came in. */
  key: string;
  at: string;
  /** The issue that changed (the pilot, a sub-task, a review, a data-access ticket), if one did. */
  issueId?: string;
  /** The issue was moved under these (its event's changelog): the search reads them fresh too. */
  newParentIds?: string[];
  actorAccountId?: string;
  /** The whole pilot must be read again, not just the issues that changed. */
  full?: boolean;
  /** A path issue's new state as its event carried it: applied without reading the issue. */
  workChange?: WorkIssueChange;
}

/** Batch deletes take at most 25 keys. */
const BATCH_LIMIT = 25;

/**
 * Keys order changes by when they were recorded, not by the `at` their caller gives (an event's or a
 * request's start, which may be long before: a panel request that filed in ServiceNow first). A
 * queued recompute leaves its work to the change recorded last; were a change recorded late sorted
 * early, a later one already read by a running recompute would take that work along, and the change
 * recorded late would never be recomputed.
 */
export async function recordPilotChange(
  pilotId: string,
  change: Omit<PilotChange, 'key'>,
): Promise<PilotChange> {
  const unique = `${new Date().toISOString()}:${Math.random().toString(36).slice(2, 10)}`;
  const stored: PilotChange = { key: storageKeys.pilotChange(pilotId, unique), ...change };
  await kvs.set(stored.key, stored);
  return stored;
}

/** The pilot's changes waiting for a recompute, oldest first. */
export async function readPilotChanges(pilotId: string): Promise<PilotChange[]> {
  return readAllWithPrefix<PilotChange>(storageKeys.pilotChangesPrefix(pilotId));
}

/** These changes are recomputed: forget them (and only them). */
export async function forgetPilotChanges(changes: readonly PilotChange[]): Promise<void> {
  for (let offset = 0; offset < changes.length; offset += BATCH_LIMIT) {
    await kvs.batchDelete(changes.slice(offset, offset + BATCH_LIMIT).map(({ key }) => ({ key })));
  }
}
