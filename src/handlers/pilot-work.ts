import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { runQueuedJob } from '../services/jobs';
import type { PilotJob } from '../services/queue';

const leaseWaits = z.number().int().min(0).max(1000).optional();

const pilotJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('generate'), pilotId: z.string().min(1), waits: leaseWaits }),
  z.object({
    kind: z.literal('recompute'),
    pilotId: z.string().min(1),
    actorAccountId: z.string().optional(),
    change: z.string().min(1).max(200).optional(),
    waits: leaseWaits,
  }),
  z.object({
    kind: z.literal('daily'),
    pilotIds: z.array(z.string().min(1)).min(1).max(100),
    attached: z.record(z.string(), z.array(z.string().max(50)).max(1000)).optional(),
    published: z
      .record(
        z.string(),
        z.object({ digest: z.string().nullable(), score: z.number().nullable(), done: z.boolean() }),
      )
      .optional(),
  }),
  z.object({
    kind: z.literal('resync'),
    pilotId: z.string().min(1),
    actorAccountId: z.string().min(1),
    templateVersion: z.number().int().positive(),
  }),
  z.object({
    kind: z.literal('resync-page'),
    templateVersion: z.number().int().positive(),
    from: z.number().int().min(0),
  }),
]) satisfies z.ZodType<PilotJob>;

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
  const outcome = await runQueuedJob(
    job.data,
    { retryCount: event.retryContext?.retryCount ?? 0, invocationId },
    new Date(),
  );
  if (outcome.status !== 'retry') return;
  return new InvocationError({
    retryAfter: outcome.afterSeconds,
    retryReason: outcome.rateLimited
      ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
      : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
  });
}
