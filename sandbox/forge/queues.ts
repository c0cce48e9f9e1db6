/**
 * The async events queue of @forge/events: `Queue.push` posts to
 * `/webhook/queue/publish/...` (node_modules/@forge/events/out/queue.js, queries.js, validators.js);
 * every pushed event goes to the queue's `consumer` function as an AsyncEvent
 * `{body, queueName, jobId, eventId, retryContext?, contextToken}` (node_modules/@forge/events/out/types.d.ts),
 * after `delayInSeconds` × `timeScale` of real time, when sandbox time runs on to the push's time plus
 * `delayInSeconds` (as it does for latency), delivered and retried as delivery.ts says. Job stats
 * count each event once, however many copies were delivered.
 *
 * With `forgeLimits` on, a push past Forge's async events limits is refused the way @forge/events
 * surfaces it (validators.js `validatePushAPIResponse`): more than 50 events or 200 KB (and, for a
 * consumer whose function declares more than 55 s, an event over 100 KB) → 413 `{errorMessage}`,
 * which the package throws as PayloadTooBigError; more than 500 events a minute per installation →
 * 429, thrown as RateLimitError. The package refuses 51 events and 200 KB itself before sending.
 */
import { randomUUID } from 'node:crypto';
import type { EventDelivery } from './delivery';
import { sleep } from './delivery';
import { jsonResponse, toResponse } from './http-messages';
import type { ForgeManifest } from './manifest';
import type { ForgePlatform } from './platform';
import { QUEUE_LIMITS } from './platform-limits';
import { newContextToken } from './sandbox-ids';

interface QueueJob {
  success: number;
  inProgress: number;
  failed: number;
}

export interface PublishRequest {
  queueName?: string;
  jobId?: string;
  payload?: { body: Record<string, unknown>; delayInSeconds?: number; concurrency?: unknown }[];
}

export class AsyncEventQueues {
  private readonly jobs = new Map<string, QueueJob>();

  constructor(
    private readonly manifest: ForgeManifest,
    private readonly delivery: EventDelivery,
    private readonly platform: ForgePlatform,
  ) {}

  publish(body: PublishRequest): Response {
    const consumer = this.manifest.consumers.find((c) => c.queue === body.queueName);
    if (!consumer)
      return jsonResponse(400, { message: `No consumer module is declared for queue "${body.queueName}"` });
    const events = body.payload ?? [];
    const refusal = this.platform.limitsOn ? this.pastPushLimits(events, consumer.function) : undefined;
    if (refusal) {
      this.platform.refuseQueueEvents(events.length);
      return refusal;
    }
    const admission = this.platform.admitQueueEvents(events.length);
    if (!admission.admitted)
      return jsonResponse(429, { message: `Rate limit exceeded: ${admission.reason}` });
    const jobId = body.jobId ?? randomUUID();
    this.delivery.counts.queued += events.length;
    const job: QueueJob = { success: 0, inProgress: events.length, failed: 0 };
    this.jobs.set(jobId, job);
    for (const pushed of events) {
      const eventId = randomUUID();
      const delaySeconds = pushed.delayInSeconds ?? 0;
      const delayMs = this.delivery.scaledMs(delaySeconds);
      const delayStart = this.platform.delayStart();
      const asyncEvent = {
        body: pushed.body,
        ...(pushed.delayInSeconds !== undefined ? { delayInSeconds: pushed.delayInSeconds } : {}),
        ...(pushed.concurrency !== undefined ? { concurrency: pushed.concurrency } : {}),
        queueName: consumer.queue,
        jobId,
        eventId,
        contextToken: newContextToken(),
      };
      let settled = false;
      this.delivery.deliverCopies(async () => {
        await sleep(delayMs);
        this.platform.delayPassed(delayStart, delaySeconds * 1000);
        const ok = await this.delivery.deliverWithRetries(
          { kind: 'consumer', functionKey: consumer.function, moduleKey: consumer.key },
          asyncEvent,
        );
        if (!settled) {
          settled = true;
          job.inProgress -= 1;
          if (ok) job.success += 1;
          else job.failed += 1;
        }
      });
    }
    return jsonResponse(201, { jobId });
  }

  /** The refusal of a push past the per-push limits, if it is. */
  private pastPushLimits(
    events: NonNullable<PublishRequest['payload']>,
    functionKey: string,
  ): Response | undefined {
    const kilobytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value)) / 1024;
    if (events.length > QUEUE_LIMITS.eventsPerPush)
      return jsonResponse(400, {
        message: `A push holds at most ${QUEUE_LIMITS.eventsPerPush} events; this one holds ${events.length}`,
      });
    if (kilobytes(events) > QUEUE_LIMITS.kilobytesPerPush)
      return jsonResponse(413, {
        errorMessage: `The combined payload of the pushed events is over ${QUEUE_LIMITS.kilobytesPerPush} KB`,
      });
    const timeoutSeconds = this.manifest.functions.get(functionKey)?.timeoutSeconds ?? 0;
    if (
      timeoutSeconds > QUEUE_LIMITS.longRunningAboveSeconds &&
      events.some((event) => kilobytes(event) > QUEUE_LIMITS.kilobytesPerLongRunningEvent)
    )
      return jsonResponse(413, {
        errorMessage: `An event for a function with a timeout over ${QUEUE_LIMITS.longRunningAboveSeconds} s is over ${QUEUE_LIMITS.kilobytesPerLongRunningEvent} KB`,
      });
    return undefined;
  }

  stats(jobId: string): Response {
    const job = this.jobs.get(jobId);
    if (!job) return jsonResponse(404, { message: 'Job not found' });
    return jsonResponse(200, { ...job });
  }

  cancel(jobId: string): Response {
    if (!this.jobs.has(jobId)) return jsonResponse(404, { message: 'Job not found' });
    return toResponse({ status: 204 });
  }
}
