import { computeReadiness, readinessChanged } from '../../domain/readiness';
import { siteTimeZone } from '../../domain/site-provisioning';
import { PilotGateway } from '../../jira/pilots';
import { readConfig } from '../../storage/config';
import { readGovernance } from '../../storage/governance';
import { storageKeys } from '../../storage/keys';
import { releaseLease, tryAcquireLease } from '../../storage/lock';
import { readPilotChanges } from '../../storage/pilot-changes';
import {
  readPilotView,
  writeEpicMember,
  writePilotView,
  type StoredPilotView,
} from '../../storage/pilot-state';
import { epicMemberOf } from './epic-member';
import { ensureProvisioned } from '../provisioning';
import { storeReadiness } from './readiness-writer';
import { handOff, type PilotJob } from '../queue';

/** Pilots per queued batch of the daily job (one search page). */
const DAILY_BATCH_SIZE = 100;
const LEASE_SECONDS = 120;
/** A change still waiting this long after it came in lost its queued recompute (see recompute-queue.ts). */
const STUCK_CHANGE_MS = 60 * 60 * 1000;

/**
 * The daily job (product.md §13): time alone moves the kill clock, expires waivers and makes work
 * overdue, so the pilots whose readiness the date can change (not done, not graduated) are found with
 * one paged search on the indexed readiness property, and recomputed from their stored inputs in
 * batches on the queue: no Jira read per pilot, one write per pilot whose readiness changed.
 */
export async function queueDailyRecompute(now: Date): Promise<number> {
  const gateway = PilotGateway.asApp(await ensureProvisioned(now));
  const pilots = await gateway.storedReadinessOf(
    'statusCategory != Done AND issue.property[pilot-readiness].graduated = "false"',
    [],
    { attached: true },
  );
  const batches = [];
  for (let offset = 0; offset < pilots.length; offset += DAILY_BATCH_SIZE) {
    const batch = pilots.slice(offset, offset + DAILY_BATCH_SIZE);
    batches.push({
      kind: 'daily' as const,
      pilotIds: batch.map((pilot) => pilot.id),
      // The same search tells which issues still hang on each pilot: a deletion whose event was lost.
      attached: Object.fromEntries(batch.map((pilot) => [pilot.id, pilot.attachedKeys ?? []])),
    });
  }
  await handOff(batches);
  return pilots.length;
}

/**
 * Issues of the pilot's path (and its Jira data-access tickets) the stored reading holds that no longer
 * hang on the pilot in Jira: deleted (or unlinked) without the app hearing of it.
 */
function goneFromPilot(stored: StoredPilotView, attachedKeys: readonly string[]): boolean {
  const attached = new Set(attachedKeys);
  const { workstreams, reviews, dataAccess } = stored.snapshot;
  return [...workstreams, ...reviews, ...dataAccess.filter((ticket) => ticket.source === 'jira')].some(
    (issue) => !attached.has(issue.key),
  );
}

/**
 * One batch of the daily job: each pilot's stored inputs recomputed for today; changed ones written.
 * A pilot whose stored path holds an issue no longer attached to it is recomputed in full instead.
 */
export async function runDailyBatch(
  pilotIds: string[],
  now: Date,
  invocationId: string,
  attached?: Record<string, string[]>,
): Promise<void> {
  const { template } = await readConfig();
  const provisioning = await ensureProvisioned(now);
  const gateway = PilotGateway.asApp(provisioning);
  const neverStored: string[] = [];
  const stuck: PilotJob[] = [];
  for (const pilotId of pilotIds) {
    const stored = await readPilotView(pilotId);
    if (!stored) {
      neverStored.push(pilotId);
      continue;
    }
    // A change whose queued recompute never came (its queue push failed): recompute it now instead.
    const waiting = await readPilotChanges(pilotId);
    const latest = waiting[waiting.length - 1];
    if (latest && now.getTime() - Date.parse(latest.at) > STUCK_CHANGE_MS) {
      stuck.push({ kind: 'recompute', pilotId, change: latest.key });
      continue;
    }
    const attachedKeys = attached?.[pilotId];
    if (attachedKeys && goneFromPilot(stored, attachedKeys)) {
      stuck.push({ kind: 'recompute', pilotId });
      continue;
    }
    // A recompute running now reads the pilot afresh and computes it for today itself.
    const lease = await tryAcquireLease(storageKeys.recomputeLock(pilotId), invocationId, LEASE_SECONDS);
    if (!lease) continue;
    try {
      const governance = await readGovernance(pilotId);
      const snapshot = { ...stored.snapshot, ...governance };
      const readiness = computeReadiness(snapshot, template, now, siteTimeZone(provisioning));
      if (!readinessChanged(stored.readiness, readiness)) continue;
      // The same writer as every recompute, so the history and the funnel's dates follow the daily job too.
      await storeReadiness(
        gateway,
        { id: pilotId, storedReadiness: stored.readiness, readinessFieldValue: stored.readiness.score },
        readiness,
        { snapshot, template },
      );
      await writePilotView({ ...stored, snapshot, readiness });
      if (stored.parent) await writeEpicMember(stored.parent.id, epicMemberOf(snapshot, readiness));
    } finally {
      await releaseLease(lease);
    }
  }
  // Pilots recomputed before their inputs were stored: one full recompute each, once.
  await handOff([...neverStored.map((pilotId) => ({ kind: 'recompute' as const, pilotId })), ...stuck]);
}
