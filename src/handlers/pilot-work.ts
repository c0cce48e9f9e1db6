import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { RetryLaterError } from '../jira/errors';
import { reportGivenUp } from '../services/queue/given-up';
import { runPilotJob } from '../services/jobs/pilot-jobs';
import type { PilotJob } from '../services/queue/work-queue';

const pilotJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('generate'), pilotId: z.string().min(1) }),
  z.object({
    kind: z.literal('recompute'),
    pilotId: z.string().min(1),
    actorAccountId: z.string().optional(),
    change: z.string().min(1).max(200).optional(),
  }),
  z.object({ kind: z.literal('daily'), pilotIds: z.array(z.string().min(1)).min(1).max(100) }),
  z.object({
    kind: z.literal('resync'),
    pilotId: z.string().min(1),
    actorAccountId: z.string().min(1),
    templateVersion: z.number().int().positive(),
  }),
]) satisfies z.ZodType<PilotJob>;

/** Forge retries a queued event at most 4 times; the event of the last one carries retryCount 4. */
const LAST_RETRY = 4;

/** The `pilot-work` queue consumer: jobs handed over by triggers, with a consumer's longer time limit. */
export async function onPilotWork(event: {
  body?: unknown;
  eventId?: string;
  retryContext?: { retryCount?: number };
}): Promise<InvocationError | void> {
  const job = pilotJobSchema.safeParse(event.body);
  if (!job.success) {
    console.error('pilot-work: dropping a malformed job', z.prettifyError(job.error));
    return;
  }
  // Copies of one event delivered at once share its eventId: each delivery holds leases under its own id.
  const invocationId = `${event.eventId ?? job.data.kind}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  try {
    await runPilotJob(job.data, new Date(), invocationId);
  } catch (error) {
    const work = job.data;
    if (work.kind !== 'daily' && (event.retryContext?.retryCount ?? 0) >= LAST_RETRY) {
      // Forge will not deliver this job again: say so on the pilot and leave it to the daily job
      // (a re-sync is generation on the new template: the daily job's generation adds what it lacks).
      const givenUp = work.kind === 'recompute' ? 'recompute' : 'generation';
      await reportGivenUp(givenUp, work.pilotId, error, new Date(), invocationId);
      return;
    }
    // Forge retries the job (at most 4 times); a daily batch still failing is left to the next day's job.
    const rateLimited = error instanceof RetryLaterError;
    if (!rateLimited) console.error(`pilot-work: ${job.data.kind} job failed`, job.data, error);
    return new InvocationError({
      retryAfter: rateLimited ? error.retryAfterSeconds : 60,
      retryReason: rateLimited
        ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
        : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  }
}
