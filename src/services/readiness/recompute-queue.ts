import type { WorkIssueChange } from '../../domain/work-change';
import { storageKeys } from '../../storage/keys';
import { releaseLease, tryAcquireLease } from '../../storage/lock';
import { forgetPilotChanges, readPilotChanges, recordPilotChange } from '../../storage/pilot-changes';
import { readPilotView } from '../../storage/pilot-state';
import { ChangedMeanwhile } from '../../storage/versioned-record';
import { clearRecomputeGivenUp, generateAfterWaiting, handOff, waitForLeaseSeconds } from '../queue';
import { forgetDeletedPilot, isPilotGone } from './deleted-pilot';
import { recomputeReadiness, type RecomputeOptions, type RecomputeOutcome } from './recompute-readiness';

/**
 * Recomputes of one pilot are coalesced and serialized (product.md §13). Each change is stored in
 * Forge storage under a key of its own and queues a recompute a few seconds later; a queued recompute
 * that finds a later change waiting leaves the work to that change's recompute, so a burst of changes
 * becomes one recompute that reads the pilot after the last of them. A storage lease lets one
 * recompute of a pilot run at a time, so an older reading is never stored over a newer one; it
 * forgets exactly the changes it read, so a change that comes in while it runs is recomputed after.
 */

/** How long a change waits for more changes to the same pilot before its recompute runs. */
export const RECOMPUTE_DELAY_SECONDS = 10;
/** A pilot that keeps changing is recomputed at least this often all the same. */
const MAX_WAIT_MS = 60_000;
const LEASE_SECONDS = 120;
/** A recompute that finds another running for the same pilot first tries again after this. */
const BUSY_RETRY_SECONDS = 5;

/** The queued job a recompute runs for: the change it was queued for, and how often it waited already. */
interface QueuedFor {
  change?: string;
  waits: number;
}

/** A change to the pilot (or one of its issues): recompute it soon, together with the changes around it. */
export async function requestRecompute(
  pilotId: string,
  change: {
    issueId?: string;
    actorAccountId?: string;
    workChange?: WorkIssueChange;
    newParentIds?: string[];
  },
  now: Date,
): Promise<void> {
  const { issueId, actorAccountId, workChange, newParentIds } = change;
  // A change its event carries whole is kept for the recompute, which then reads nothing for it.
  const recorded = await recordPilotChange(pilotId, {
    at: now.toISOString(),
    ...(actorAccountId ? { actorAccountId } : {}),
    ...(workChange ? { workChange } : issueId ? { issueId } : {}),
    ...(newParentIds ? { newParentIds } : {}),
  });
  await handOff([{ kind: 'recompute', pilotId, change: recorded.key }], RECOMPUTE_DELAY_SECONDS);
}

/**
 * The queued recompute of a change: skipped when a later change's recompute is on its way (or when the
 * change was already recomputed), else run under the pilot's lease.
 */
export async function runRequestedRecompute(
  job: { pilotId: string; change?: string; actorAccountId?: string; waits?: number },
  now: Date,
  invocationId: string,
): Promise<void> {
  if (job.change !== undefined) {
    const waiting = await readPilotChanges(job.pilotId);
    if (!waiting.some((change) => change.key === job.change)) return;
    const latest = waiting[waiting.length - 1];
    const waitedLong = now.getTime() - Date.parse(waiting[0]?.at ?? now.toISOString()) > MAX_WAIT_MS;
    if (latest?.key !== job.change && !waitedLong) return;
  }
  await recomputeSerialized(
    job.pilotId,
    now,
    invocationId,
    {
      ...(job.actorAccountId ? { actorAccountId: job.actorAccountId } : {}),
      // A change event's recompute: when only generated issues changed, only they are read again.
      changedWorkOnly: job.change !== undefined,
    },
    { ...(job.change !== undefined ? { change: job.change } : {}), waits: job.waits ?? 0 },
  );
}

/**
 * Recomputes the pilot now if no other recompute of it runs; otherwise queues one retry (the running
 * one may have read before the latest change), later each time it waits again, and returns undefined.
 */
export async function recomputeSerialized(
  pilotId: string,
  now: Date,
  invocationId: string,
  options: RecomputeOptions = {},
  queued: QueuedFor = { waits: 0 },
): Promise<RecomputeOutcome | undefined> {
  const lease = await tryAcquireLease(storageKeys.recomputeLock(pilotId), invocationId, LEASE_SECONDS);
  if (!lease) {
    await recomputeAfterWaiting(pilotId, now, { ...options, full: !options.changedWorkOnly }, queued);
    return undefined;
  }
  try {
    const changes = await readPilotChanges(pilotId);
    // A moved issue's new parent is asked for fresh as well: the index may not have it yet.
    const changedIssueIds = changes.flatMap((change) => [
      ...(change.issueId ? [change.issueId] : []),
      ...(change.newParentIds ?? []),
    ]);
    const outcome = await recomputeReadiness(pilotId, now, {
      ...options,
      actorAccountId:
        options.actorAccountId ?? changes.findLast((change) => change.actorAccountId)?.actorAccountId,
      changedIssueIds: [...new Set([...(options.changedIssueIds ?? []), ...changedIssueIds])],
      workChanges: changes.flatMap((change) => (change.workChange ? [change.workChange] : [])),
      changedWorkOnly: options.changedWorkOnly === true && !changes.some((change) => change.full),
    }).catch(async (error: unknown) => {
      // Another recompute stored the pilot while this one ran (this one's lease expired meanwhile):
      // this older reading is dropped, and the pilot read again with every change still waiting.
      if (error instanceof ChangedMeanwhile) {
        await recomputeShortly(pilotId, now);
        return undefined;
      }
      // The pilot was deleted (its own event lost, or a change to one of its issues came after it).
      if (!isPilotGone(error, pilotId)) throw error;
      await forgetDeletedPilot(pilotId);
      return undefined;
    });
    if (!outcome) return undefined;
    await forgetPilotChanges(changes);
    await clearRecomputeGivenUp(pilotId);
    // Generation is laying the dates out from its own reading of the pilot: look again after it. Its
    // job comes back until the generation lease is free, so a generation whose holder died is finished.
    if (outcome.generationRunning) await generateAfterWaiting(pilotId, 0);
    return outcome;
  } finally {
    await releaseLease(lease);
  }
}

/**
 * A fresh pilot's first readiness, worked out by generation from what it just created (no read):
 * stored under the pilot's recompute lease, so it never interleaves with a recompute's writes. When a
 * recompute holds the lease or has stored the pilot already (it may have read the pilot after an edit
 * generation did not see), or when generation cannot tell (`store` null: a create's answer was lost,
 * so what it made is known only from a search), the pilot is recomputed in full shortly instead.
 */
export async function storeFirstReadiness(
  pilotId: string,
  now: Date,
  invocationId: string,
  store: (() => Promise<unknown>) | null,
): Promise<void> {
  const lease = store
    ? await tryAcquireLease(storageKeys.recomputeLock(pilotId), invocationId, LEASE_SECONDS)
    : undefined;
  if (!store || !lease) {
    await recomputeShortly(pilotId, now);
    return;
  }
  try {
    if (await readPilotView(pilotId)) await recomputeShortly(pilotId, now);
    else await store();
  } finally {
    await releaseLease(lease);
  }
}

/** Queues a full recompute of the pilot a few seconds from now. */
function recomputeShortly(pilotId: string, now: Date): Promise<void> {
  return recomputeAfterWaiting(pilotId, now, { full: true }, { waits: 0 });
}

/**
 * Queues one later recompute of a pilot whose lease was busy (`full`: read all of it, not just what
 * changed), a few seconds from now the first time and twice as long each time it waits again. A queued
 * change comes back for the change it was queued for, which is still stored: a change recorded at each
 * wait would pile up while the lease stands (a lease outliving its holder stands until it expires).
 */
async function recomputeAfterWaiting(
  pilotId: string,
  now: Date,
  options: { actorAccountId?: string; full: boolean },
  queued: QueuedFor,
): Promise<void> {
  const change =
    queued.change ??
    (
      await recordPilotChange(pilotId, {
        at: now.toISOString(),
        ...(options.actorAccountId ? { actorAccountId: options.actorAccountId } : {}),
        ...(options.full ? { full: true } : {}),
      })
    ).key;
  await handOff(
    [{ kind: 'recompute', pilotId, change, waits: queued.waits + 1 }],
    waitForLeaseSeconds(BUSY_RETRY_SECONDS, queued.waits),
  );
}
