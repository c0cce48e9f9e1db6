import { computeReadiness, readinessChanged } from '../../domain/readiness';
import { siteTimeZone, type Provisioning } from '../../domain/site-provisioning';
import { gateEvidence } from '../../domain/funnel';
import type { OwnershipTemplate, PilotSnapshot, ReadinessDocument } from '../../domain/types';
import { PilotGateway } from '../../jira/pilots';
import { appendAudit } from '../../storage/audit';
import { readConfig } from '../../storage/config';
import { readGovernance } from '../../storage/governance';
import { storageKeys } from '../../storage/keys';
import { releaseLease, tryAcquireLease } from '../../storage/lock';
import { readPilotChanges } from '../../storage/pilot-changes';
import {
  readFencedPilotView,
  writeEpicMember,
  writePilotStanding,
  writePilotView,
  type StoredPilotView,
} from '../../storage/pilot-state';
import { readReminderSwitches } from '../../storage/reminders';
import { ChangedMeanwhile } from '../../storage/versioned-record';
import { groupRecipient, reminderDay } from '../../domain/reminders';
import { sendDueReminders, type ReminderRun } from './reminders';
import { afterGoLiveInputs } from './after-go-live';
import { epicMemberOf, standingOf } from './epic-member';
import { storePortfolioEntry } from './portfolio-entry-writer';
import { ensureProvisioned } from '../provisioning';
import { publishedDigest, type PublishedCopy } from './published-copy';
import { recordReadinessHistory } from './readiness-history';
import { handOff, handOffEach, type PilotJob } from '../queue';
import { retryAfterSeconds } from '../errors';

/** Pilots per queued batch of the daily job (one search page). */
const DAILY_BATCH_SIZE = 100;
/** Seconds between the starts of two batches (3 a minute); a batch over a quota hands its rest on. */
const DAILY_BATCH_SPACING_SECONDS = 20;
const LEASE_SECONDS = 120;
/** A change still waiting this long after it came in lost its queued recompute (see recompute-queue.ts). */
const STUCK_CHANGE_MS = 60 * 60 * 1000;

/**
 * The daily job (product.md §13, §14, §15): time alone moves the kill clock, expires waivers, makes work
 * overdue and brings a live pilot's value review due, and anyone who can edit a pilot can overwrite
 * what the app published of it. One paged search
 * finds every pilot with its published copies; batches on the queue recompute each active pilot from
 * its stored inputs (no Jira read per pilot) and compare what Jira holds with the stored truth, writing
 * only a pilot whose readiness changed or whose published copy differs.
 */
export async function queueDailyRecompute(now: Date): Promise<number> {
  const gateway = PilotGateway.asApp(await ensureProvisioned(now));
  const pilots = await gateway.publishedPilotsOf(undefined, [], { attached: true });
  const batches = [];
  for (let offset = 0; offset < pilots.length; offset += DAILY_BATCH_SIZE) {
    const batch = pilots.slice(offset, offset + DAILY_BATCH_SIZE);
    batches.push({
      kind: 'daily' as const,
      pilotIds: batch.map((pilot) => pilot.id),
      // The same search tells which issues still hang on each pilot: a deletion whose event was lost.
      attached: Object.fromEntries(batch.map((pilot) => [pilot.id, pilot.attachedKeys ?? []])),
      // What Jira holds, as a digest: the batch compares it with the stored truth without a read.
      published: Object.fromEntries(
        batch.map((pilot): [string, PublishedCopy] => [
          pilot.id,
          {
            digest: publishedDigest(pilot.published),
            score: pilot.publishedScore,
            done: pilot.statusCategory === 'done',
          },
        ]),
      ),
    });
  }
  // Spread out: a batch reads and writes about 600 storage units, and Forge allows 4,000 a minute.
  await handOffEach(
    batches.map((job, index) => ({ job, delayInSeconds: index * DAILY_BATCH_SPACING_SECONDS })),
  );
  return pilots.length;
}

/**
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
 * One batch of the daily job: each active pilot (not killed, not in the done category) recomputed for
 * today from its stored inputs; every pilot's published copies compared with the stored truth and
 * rewritten where they differ, with an audit entry "published readiness restored"; then its reminders
 * due on the site's day sent (reminders.ts). A pilot whose stored path holds an issue no longer attached
 * to it is recomputed in full instead.
 */
export async function runDailyBatch(
  pilotIds: string[],
  now: Date,
  invocationId: string,
  published: Record<string, PublishedCopy> = {},
  attached?: Record<string, string[]>,
): Promise<void> {
  const { template, reviewBoard } = await readConfig();
  const provisioning = await ensureProvisioned(now);
  const gateway = PilotGateway.asApp(provisioning);
  const reminders: ReminderRun = {
    gateway,
    switches: (await readReminderSwitches()).value,
    rejectedResolutions: template.rejectedResolutions,
    today: reminderDay(now, siteTimeZone(provisioning)),
    now,
    reviewBoard: reviewBoard ? [groupRecipient(reviewBoard.groupId)] : [],
    ...(reviewBoard ? { reviewBoardName: reviewBoard.name } : {}),
  };
  const followUps: PilotJob[] = [];
  const site = { template, provisioning, gateway, reminders, published, attached, invocationId, now };
  for (const [index, pilotId] of pilotIds.entries()) {
    try {
      const followUp = await dailyForPilot(pilotId, site);
      if (followUp) followUps.push(followUp);
    } catch (error) {
      // Storage or Jira over its quota: the rest of the page comes back once it has passed, as a job
      // of its own (the pilots done so far are not done twice).
      const wait = retryAfterSeconds(error);
      if (wait === undefined) throw error;
      const rest = pilotIds.slice(index);
      await handOff(
        [
          {
            kind: 'daily',
            pilotIds: rest,
            published: pick(published, rest),
            ...(attached ? { attached: pick(attached, rest) } : {}),
          },
        ],
        wait,
      );
      break;
    }
  }
  // Pilots recomputed before their inputs were stored (one full recompute each, once), and pilots
  // whose stored reading a lost event left behind.
  await handOff(followUps);
}

function pick<T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(keys.flatMap((key) => (key in record ? [[key, record[key] as T]] : [])));
}

interface DailyRun {
  template: OwnershipTemplate;
  provisioning: Provisioning;
  gateway: PilotGateway;
  reminders: ReminderRun;
  published: Record<string, PublishedCopy>;
  attached: Record<string, string[]> | undefined;
  invocationId: string;
  now: Date;
}

/**
 * One pilot of a daily batch: recomputed for today from its stored inputs, its published copies made
 * to say what the app holds, its reminders sent. Answers the job to queue instead when the stored
 * reading cannot be used (never stored, a change whose recompute never came, an issue gone).
 */
async function dailyForPilot(pilotId: string, run: DailyRun): Promise<PilotJob | undefined> {
  const { template, provisioning, gateway, reminders, published, attached, invocationId, now } = run;
  const { view: stored, fence } = await readFencedPilotView(pilotId);
  if (!stored) return { kind: 'recompute', pilotId };
  // A change whose queued recompute never came (its queue push failed): recompute it now instead.
  const waiting = await readPilotChanges(pilotId);
  const latest = waiting[waiting.length - 1];
  if (latest && now.getTime() - Date.parse(latest.at) > STUCK_CHANGE_MS)
    return { kind: 'recompute', pilotId, change: latest.key };
  const attachedKeys = attached?.[pilotId];
  if (attachedKeys && goneFromPilot(stored, attachedKeys)) return { kind: 'recompute', pilotId };
  // A recompute running now reads the pilot afresh and computes it for today itself; the reminders
  // go from what is stored, their ledger keeping them to one a day.
  let truth = { snapshot: stored.snapshot, readiness: stored.readiness };
  const lease = await tryAcquireLease(storageKeys.recomputeLock(pilotId), invocationId, LEASE_SECONDS);
  if (lease) {
    try {
      const copy = published[pilotId];
      // A live pilot awaiting its value review is recomputed whatever its status (product.md §15).
      const awaitingValueReview = stored.readiness.valueReview?.status === 'awaiting';
      const active = stored.readiness.band !== 'killed' && (copy?.done !== true || awaitingValueReview);
      const zone = siteTimeZone(provisioning);
      const today = active ? await recomputedForToday(stored, template, now, zone) : undefined;
      const storedToday = today
        ? await storeRecomputed({ stored, fence }, today, { template, zone, now })
        : false;
      truth = storedToday && today ? today : truth;
      // A recompute stored a newer reading since this batch read the pilot: it publishes that itself.
      if (storedToday || !today)
        await publishTruth(gateway, pilotId, { truth: truth.readiness, held: stored.readiness }, copy, now);
    } finally {
      await releaseLease(lease);
    }
  }
  await sendDueReminders({ ...truth, read: stored.read?.pilot, names: stored.names }, reminders);
  return undefined;
}

/** The pilot's stored inputs with its governance now, computed for today; undefined when nothing changed. */
async function recomputedForToday(
  stored: StoredPilotView,
  template: OwnershipTemplate,
  now: Date,
  zone: string,
): Promise<{ snapshot: PilotSnapshot; readiness: ReadinessDocument } | undefined> {
  const snapshot = {
    ...stored.snapshot,
    ...(await readGovernance(stored.id)),
    ...(await afterGoLiveInputs(stored.id, stored.readiness, template)),
  };
  const readiness = computeReadiness(snapshot, template, now, zone);
  return readinessChanged(stored.readiness, readiness) ? { snapshot, readiness } : undefined;
}

/**
 * The same stores as every recompute, so the history and the funnel's dates follow the daily job too;
 * false (nothing stored) when a recompute stored the pilot since the batch read it.
 */
async function storeRecomputed(
  { stored, fence }: { stored: StoredPilotView; fence: number },
  today: { snapshot: PilotSnapshot; readiness: ReadinessDocument },
  site: { template: OwnershipTemplate; zone: string; now: Date },
): Promise<boolean> {
  try {
    await writePilotView({ ...stored, ...today }, fence, site.now);
  } catch (error) {
    if (error instanceof ChangedMeanwhile) return false;
    throw error;
  }
  const evidence = gateEvidence(today.snapshot, site.template, today.readiness.gates, site.zone);
  const history = await recordReadinessHistory(stored.id, today.readiness, site.zone, evidence);
  await writePilotStanding(standingOf(today.snapshot, today.readiness));
  await storePortfolioEntry({ ...today, names: stored.names }, stored, history);
  if (stored.parent) await writeEpicMember(stored.parent.id, epicMemberOf(today.snapshot, today.readiness));
  return true;
}

/**
 * Makes what Jira publishes say what the app holds: the property when its digest differs (a new
 * reading, or someone wrote over it), the Readiness field when it holds another number. A copy that
 * differed from what the app held before today (someone wrote over it, or a write was lost) is
 * audited as restored.
 */
async function publishTruth(
  gateway: PilotGateway,
  pilotId: string,
  readings: { truth: ReadinessDocument; held: ReadinessDocument },
  copy: PublishedCopy | undefined,
  now: Date,
): Promise<void> {
  // A batch queued before copies were carried knows nothing of them: nothing to compare.
  if (!copy) return;
  const { truth, held } = readings;
  const truthDigest = publishedDigest(truth);
  const propertyDiffers = copy.digest !== truthDigest;
  if (propertyDiffers) await gateway.writeReadiness(pilotId, truth);
  const fieldDiffers =
    copy.score !== truth.score && (await gateway.writeReadinessField(pilotId, truth.score));
  const propertyForged = propertyDiffers && copy.digest !== publishedDigest(held);
  const fieldForged = fieldDiffers && copy.score !== held.score;
  if (!propertyForged && !fieldForged) return;
  await appendAudit(
    pilotId,
    {
      at: now.toISOString(),
      actorAccountId: 'app',
      action: 'readiness-restored',
      summary: `Published readiness restored: ${[
        propertyForged ? 'the pilot-readiness property' : null,
        fieldForged ? `the Readiness field (it held ${copy.score ?? 'nothing'})` : null,
      ]
        .filter(Boolean)
        .join(
          ' and ',
        )} differed from the app's reading and now say${propertyForged && fieldForged ? '' : 's'} what the app holds: ${truth.score}, ${truth.band}.`,
      details: { propertyRestored: propertyForged, fieldRestored: fieldForged },
    },
    `${now.getTime()}-restored`,
  );
}
