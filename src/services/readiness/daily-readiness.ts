import { computeReadiness, readinessChanged } from '../../domain/readiness';
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
import { readReminderSwitches } from '../../storage/reminders';
import { reminderDay } from '../../domain/reminders';
import { siteTimeZone } from '../../domain/site-provisioning';
import type { OwnershipTemplate, PilotSnapshot, ReadinessDocument } from '../../domain/types';
import { sendDueReminders, type ReminderRun } from './reminders';
import { afterGoLiveInputs } from './after-go-live';
import { epicMemberOf } from './epic-member';
import { storePortfolioEntry } from './portfolio-entry-writer';
import { ensureProvisioned } from '../provisioning';
import { storeReadiness } from './readiness-writer';
import { handOff, type PilotJob } from '../queue';

/** Pilots per queued batch of the daily job (one search page). */
const DAILY_BATCH_SIZE = 100;
const LEASE_SECONDS = 120;
/** A change still waiting this long after it came in lost its queued recompute (see recompute-queue.ts). */
const STUCK_CHANGE_MS = 60 * 60 * 1000;

/**
 * The daily job (product.md §13): time alone moves the kill clock, expires waivers, makes work overdue
 * and brings a live pilot's value review due (§15), so the pilots whose readiness the date can change
 * (not done and not graduated, or live and awaiting their value review, whatever their status) are
 * found with one paged search on the indexed readiness property, and recomputed from their stored
 * inputs in batches on the queue: no Jira read per pilot, one write per pilot whose readiness changed.
 */
export async function queueDailyRecompute(now: Date): Promise<number> {
  const gateway = PilotGateway.asApp(await ensureProvisioned(now));
  const pilots = await gateway.storedReadinessOf(
    '(statusCategory != Done AND issue.property[pilot-readiness].graduated = "false") OR issue.property[pilot-readiness].valueReview.status = "awaiting"',
  );
  const ids = pilots.map((pilot) => pilot.id);
  const batches = [];
  for (let offset = 0; offset < ids.length; offset += DAILY_BATCH_SIZE) {
    batches.push({ kind: 'daily' as const, pilotIds: ids.slice(offset, offset + DAILY_BATCH_SIZE) });
  }
  await handOff(batches);
  return ids.length;
}

/**
 * One batch of the daily job: each pilot's stored inputs recomputed for today, changed ones written,
 * then its reminders due on the site's day sent (reminders.ts).
 */
export async function runDailyBatch(pilotIds: string[], now: Date, invocationId: string): Promise<void> {
  const { template } = await readConfig();
  const provisioning = await ensureProvisioned(now);
  const gateway = PilotGateway.asApp(provisioning);
  const reminders: ReminderRun = {
    gateway,
    switches: (await readReminderSwitches()).value,
    rejectedResolutions: template.rejectedResolutions,
    today: reminderDay(now, siteTimeZone(provisioning)),
    now,
    reviewBoard: [],
  };
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
    const lease = storageKeys.recomputeLock(pilotId);
    // A recompute running now reads the pilot afresh and computes it for today itself; the reminders
    // go from what is stored, their ledger keeping them to one a day.
    let today = { snapshot: stored.snapshot, readiness: stored.readiness };
    if (await tryAcquireLease(lease, invocationId, LEASE_SECONDS)) {
      try {
        today = await recomputeForToday(gateway, stored, template, now);
      } finally {
        await releaseLease(lease, invocationId);
      }
    }
    await sendDueReminders({ ...today, read: stored.read?.pilot, names: stored.names }, reminders);
  }
  // Pilots recomputed before their inputs were stored: one full recompute each, once.
  await handOff([...neverStored.map((pilotId) => ({ kind: 'recompute' as const, pilotId })), ...stuck]);
}

/** The pilot's stored inputs computed for today; written (with the same writer as every recompute) when changed. */
async function recomputeForToday(
  gateway: PilotGateway,
  stored: StoredPilotView,
  template: OwnershipTemplate,
  now: Date,
): Promise<{ snapshot: PilotSnapshot; readiness: ReadinessDocument }> {
  const pilotId = stored.id;
  const governance = await readGovernance(pilotId);
  const snapshot = {
    ...stored.snapshot,
    ...governance,
    ...(await afterGoLiveInputs(pilotId, stored.readiness, template)),
  };
  const readiness = computeReadiness(snapshot, template, now);
  if (!readinessChanged(stored.readiness, readiness)) return { snapshot, readiness };
  // The same writer as every recompute, so the history and the funnel's dates follow the daily job too.
  const { history } = await storeReadiness(
    gateway,
    { id: pilotId, storedReadiness: stored.readiness, readinessFieldValue: stored.readiness.score },
    readiness,
  );
  await writePilotView({ ...stored, snapshot, readiness });
  await storePortfolioEntry({ snapshot, readiness, names: stored.names }, stored, history);
  if (stored.parent) await writeEpicMember(stored.parent.id, epicMemberOf(snapshot, readiness));
  return { snapshot, readiness };
}
