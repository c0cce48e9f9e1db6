import { readGenerationRecord } from '../../storage/generation-record';
import { clearUnfinished } from '../../storage/unfinished-work';
import { queueResyncPage, resyncPilot } from '../admin';
import { retryAfterSeconds } from '../errors';
import { generatePilotWork } from '../generation';
import { generateAfterWaiting, handOff, reportGivenUp, type PilotJob } from '../queue';
import { recomputeSerialized, runDailyBatch, runRequestedRecompute } from '../readiness';

/** Forge retries a queued event at most 4 times; the event of the last one carries retryCount 4. */
const LAST_RETRY = 4;
const RETRY_FAILED_JOB_AFTER_SECONDS = 60;
const RESUME_PAGE_AFTER_SECONDS = 300;

/** How a delivery of a queued job ended: done (or given up for good), or to be delivered again later. */
export type JobOutcome =
  | { status: 'done' }
  | { status: 'given-up' }
  | { status: 'retry'; afterSeconds: number; rateLimited: boolean };

/**
 * One delivery of a queued job (see queue/work-queue.ts for who queues what). A failure is retried by
 * Forge; on its last retry a pilot's generation or recompute is reported as given up (on the pilot, and
 * left to the daily job), and a daily batch still failing is left to the next day's job.
 */
export async function runQueuedJob(
  job: PilotJob,
  delivery: { retryCount: number; invocationId: string },
  now: Date,
): Promise<JobOutcome> {
  try {
    await runPilotJob(job, now, delivery.invocationId);
    return { status: 'done' };
  } catch (error) {
    if (job.kind === 'resync-page' && delivery.retryCount >= LAST_RETRY) {
      // The apply's chain must not end here: its page (given back when its push failed) comes again
      // as a new job with retries of its own.
      console.error('pilot-work: a template apply page failed on every retry; queued again', job, error);
      await handOff([job], RESUME_PAGE_AFTER_SECONDS);
      return { status: 'given-up' };
    }
    if (job.kind !== 'daily' && job.kind !== 'resync-page' && delivery.retryCount >= LAST_RETRY) {
      // Forge will not deliver this job again: say so on the pilot and leave it to the daily job (a
      // re-sync is generation on the new template: the daily job's generation adds what it lacks).
      const givenUp = job.kind === 'recompute' ? 'recompute' : 'generation';
      await reportGivenUp(givenUp, job.pilotId, error, new Date(), delivery.invocationId);
      return { status: 'given-up' };
    }
    const quotaWait = retryAfterSeconds(error);
    if (quotaWait === undefined) console.error(`pilot-work: ${job.kind} job failed`, job, error);
    return {
      status: 'retry',
      afterSeconds: quotaWait ?? RETRY_FAILED_JOB_AFTER_SECONDS,
      rateLimited: quotaWait !== undefined,
    };
  }
}

/** Runs one queued job. */
async function runPilotJob(job: PilotJob, now: Date, invocationId: string): Promise<void> {
  switch (job.kind) {
    case 'generate': {
      const waits = job.waits ?? 0;
      // Queued to look again after a generation that was running: if it completed, only the recompute is left.
      const completed = waits > 0 && (await readGenerationRecord(job.pilotId)).completedAt !== null;
      if (!completed) {
        if ((await generatePilotWork(job.pilotId, now, invocationId)).status === 'already-running') {
          // Another invocation holds the pilot's generation, or held it and died: come back (once,
          // later each time) to finish what it may not have; its end is followed by a recompute.
          await generateAfterWaiting(job.pilotId, waits);
          return;
        }
        await clearUnfinished('generation', job.pilotId);
      }
      await recomputeSerialized(job.pilotId, now, invocationId);
      return;
    }
    case 'recompute':
      await runRequestedRecompute(job, now, invocationId);
      return;
    case 'resync':
      await resyncPilot(job.pilotId, now, job.actorAccountId, job.templateVersion);
      return;
    case 'resync-page':
      await queueResyncPage(job.templateVersion, job.from, now);
      return;
    case 'daily':
      await runDailyBatch(job.pilotIds, now, invocationId, job.published, job.attached);
      return;
  }
}
