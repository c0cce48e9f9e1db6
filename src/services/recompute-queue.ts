import { storageKeys } from '../storage/keys';
import { releaseLease, tryAcquireLease } from '../storage/lock';
import type { WorkIssueChange } from '../domain/work-change';
import { clearPilotDirty, markPilotDirty, readPilotDirty, recordWorkChange } from '../storage/pilot-state';
import { recomputeReadiness, type RecomputeOptions, type RecomputeOutcome } from './recompute-readiness';
import { handOff } from './work-queue';

/**
 * Recomputes of one pilot are coalesced and serialized (product.md §13). Each change raises the pilot's
 * change counter in Forge storage and queues a recompute a few seconds later; a queued recompute that
 * finds a newer change waiting leaves the work to that change's recompute, so a burst of changes
 * becomes one recompute that reads the pilot after the last of them. A storage lease lets one
 * recompute of a pilot run at a time, so an older reading is never stored over a newer one.
 */

/** How long a change waits for more changes to the same pilot before its recompute runs. */
export const RECOMPUTE_DELAY_SECONDS = 10;
/** A pilot that keeps changing is recomputed at least this often all the same. */
const MAX_WAIT_MS = 60_000;
const LEASE_SECONDS = 120;
/** A recompute that finds another running for the same pilot tries again after this. */
const BUSY_RETRY_SECONDS = 5;

/** A change to the pilot (or one of its issues): recompute it soon, together with the changes around it. */
export async function requestRecompute(
  pilotId: string,
  change: { issueId?: string; actorAccountId?: string; workChange?: WorkIssueChange },
  now: Date,
): Promise<void> {
  const { workChange, issueId, actorAccountId } = change;
  // A change the event carries whole is stored for the recompute, which then reads nothing.
  if (workChange) await recordWorkChange(pilotId, workChange);
  const dirty = await markPilotDirty(pilotId, {
    ...(issueId && !workChange ? { issueId } : {}),
    ...(actorAccountId ? { actorAccountId } : {}),
    at: now.toISOString(),
  });
  await handOff([{ kind: 'recompute', pilotId, generation: dirty.generation }], RECOMPUTE_DELAY_SECONDS);
}

/**
 * The queued recompute of a change: skipped when a later change's recompute is on its way (or when the
 * change was already recomputed), else run under the pilot's lease.
 */
export async function runRequestedRecompute(
  job: { pilotId: string; generation?: number; actorAccountId?: string },
  now: Date,
  invocationId: string,
): Promise<void> {
  const dirty = await readPilotDirty(job.pilotId);
  if (job.generation !== undefined) {
    if (!dirty || dirty.generation < job.generation) return;
    const waitedLong = now.getTime() - Date.parse(dirty.since) > MAX_WAIT_MS;
    if (dirty.generation > job.generation && !waitedLong) return;
  }
  await recomputeSerialized(job.pilotId, now, invocationId, {
    ...(job.actorAccountId ? { actorAccountId: job.actorAccountId } : {}),
    // A change event's recompute: when only generated issues changed, only they are read again.
    changedWorkOnly: job.generation !== undefined,
  });
}

/**
 * Recomputes the pilot now if no other recompute of it runs; otherwise queues a retry shortly (the
 * running one may have read before the latest change) and returns undefined.
 */
export async function recomputeSerialized(
  pilotId: string,
  now: Date,
  invocationId: string,
  options: RecomputeOptions = {},
): Promise<RecomputeOutcome | undefined> {
  const lease = storageKeys.recomputeLock(pilotId);
  if (!(await tryAcquireLease(lease, invocationId, LEASE_SECONDS))) {
    const dirty = await markPilotDirty(pilotId, { at: now.toISOString() });
    await handOff([{ kind: 'recompute', pilotId, generation: dirty.generation }], BUSY_RETRY_SECONDS);
    return undefined;
  }
  try {
    const dirty = await readPilotDirty(pilotId);
    const outcome = await recomputeReadiness(pilotId, now, {
      ...options,
      actorAccountId: options.actorAccountId ?? dirty?.actorAccountId,
      changedIssueIds: [...(options.changedIssueIds ?? []), ...(dirty?.changedIssueIds ?? [])],
    });
    if (dirty) await clearPilotDirty(pilotId, dirty.generation);
    return outcome;
  } finally {
    await releaseLease(lease, invocationId);
  }
}
