/**
 * The async events queue of @forge/events: `Queue.push` posts to
 * `/webhook/queue/publish/...` (node_modules/@forge/events/out/queue.js, queries.js, validators.js);
 * every pushed event goes to the queue's `consumer` function as an AsyncEvent
 * `{body, queueName, jobId, eventId, retryContext?, contextToken}` (node_modules/@forge/events/out/types.d.ts),
 * after `delayInSeconds` × `timeScale`, delivered and retried as delivery.ts says. Job stats
 * count each event once, however many copies were delivered.
 */
import { randomUUID } from 'node:crypto';
import type { EventDelivery } from './delivery';
import { sleep } from './delivery';
import { jsonResponse, toResponse } from './http-messages';
import type { ForgeManifest } from './manifest';
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
  ) {}

  publish(body: PublishRequest): Response {
    const consumer = this.manifest.consumers.find((c) => c.queue === body.queueName);
    if (!consumer)
      return jsonResponse(400, { message: `No consumer module is declared for queue "${body.queueName}"` });
    const jobId = body.jobId ?? randomUUID();
    const events = body.payload ?? [];
    this.delivery.counts.queued += events.length;
    const job: QueueJob = { success: 0, inProgress: events.length, failed: 0 };
    this.jobs.set(jobId, job);
    for (const pushed of events) {
      const eventId = randomUUID();
      const delayMs = this.delivery.scaledMs(pushed.delayInSeconds ?? 0);
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
