import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { RetryLaterError } from '../jira/errors';
import { runPilotJob } from '../services/pilot-jobs';

const pilotJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('generate'), pilotId: z.string().min(1) }),
  z.object({
    kind: z.literal('recompute'),
    pilotId: z.string().min(1),
    actorAccountId: z.string().optional(),
  }),
]);

/** The `pilot-work` queue consumer: jobs handed over by triggers, with a consumer's longer time limit. */
export async function onPilotWork(event: {
  body?: unknown;
  eventId?: string;
}): Promise<InvocationError | void> {
  const job = pilotJobSchema.safeParse(event.body);
  if (!job.success) {
    console.error('pilot-work: dropping a malformed job', z.prettifyError(job.error));
    return;
  }
  try {
    await runPilotJob(job.data, new Date(), event.eventId ?? `${job.data.pilotId}-${Date.now()}`);
  } catch (error) {
    if (error instanceof RetryLaterError) {
      return new InvocationError({
        retryAfter: error.retryAfterSeconds,
        retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
      });
    }
    throw error;
  }
}
