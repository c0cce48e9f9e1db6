/**
 * How the platform delivers async events (product, lifecycle and queue events) to the app:
 * - asynchronously, after the call that caused them returns and outside its invocation context;
 * - at least once: `setDeliveryMode({duplicates, concurrent})` delivers every later event n times,
 *   all at once or one after another;
 * - in no particular order and overlapping: `hold()` keeps every later event back until `release()`
 *   delivers all of them at once (separate changes whose events reach the app at the same moment);
 * - a handler that returns (or throws) an `InvocationError` of @forge/events (see
 *   invoker.ts `isRetryRequest`) is retried up to 4 times, each after `retryAfter` seconds ×
 *   `timeScale` (default 0.01: 1 s becomes 10 ms), and the event of a retry carries
 *   `retryContext: {retryCount, retryReason, retryData}`; other errors are logged and not retried;
 * - a queue consumer that ran past its time limit is retried the same way, with the retry reason
 *   `FUNCTION_TIME_OUT` (@forge/events InvocationErrorCode, not imported here: loading @forge/api
 *   before globals.ts would capture the real `fetch`); a timed-out trigger is not.
 */
import { INSTALL_CONTEXT } from './sandbox-ids';
import { invocationStorage } from './globals';
import { type FunctionInvoker, type InvocationKind, errorText, isRetryRequest } from './invoker';
import type { PendingWork } from './pending-work';

export interface DeliveryMode {
  duplicates: number;
  concurrent: boolean;
}

/** The function an event goes to. */
export interface DeliveryTarget {
  kind: InvocationKind;
  functionKey: string;
  moduleKey: string;
  eventType?: string;
}

const MAX_RETRIES = 4;

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

/** What delivery did since the runtime started: retries asked for by handlers, events given up on. */
export interface DeliveryCounts {
  retries: number;
  dropped: number;
  /** Events pushed to the app's queues (hand-offs). */
  queued: number;
}

/** The platform's delays in sandbox time (ForgePlatform's delayStart and delayPassed). */
export interface PlatformDelays {
  delayStart(): { atMs: number; epoch: number | undefined };
  delayPassed(start: { atMs: number; epoch: number | undefined }, delayMs: number): void;
}

export class EventDelivery {
  private mode: DeliveryMode = { duplicates: 1, concurrent: false };
  /** Deliveries kept back by hold(), in the order they came; null when not holding. */
  private held: Array<() => Promise<unknown>> | null = null;
  readonly counts: DeliveryCounts = { retries: 0, dropped: 0, queued: 0 };

  constructor(
    private readonly invoker: FunctionInvoker,
    private readonly work: PendingWork,
    /** Platform seconds × timeScale = sandbox seconds; read at each use, as the runtime's is writable. */
    private readonly timeScale: () => number,
    private readonly log: (line: string) => void,
    /** Where sandbox time runs on to once a retry's wait is over (ForgePlatform), if anywhere. */
    private readonly delays?: PlatformDelays,
  ) {}

  setMode(mode: Partial<DeliveryMode>): DeliveryMode {
    const duplicates = mode.duplicates ?? this.mode.duplicates;
    if (!Number.isInteger(duplicates) || duplicates < 1 || duplicates > 100)
      throw new RangeError('duplicates must be an integer from 1 to 100');
    this.mode = { duplicates, concurrent: mode.concurrent ?? this.mode.concurrent };
    return { ...this.mode };
  }

  getMode(): DeliveryMode {
    return { ...this.mode };
  }

  /** A platform delay (retryAfter, delayInSeconds) in sandbox milliseconds: seconds × 1000 × timeScale. */
  scaledMs(seconds: number): number {
    return seconds * 1000 * this.timeScale();
  }

  /** Delivers one event `duplicates` times, concurrently or one after another. */
  deliverCopies(deliver: () => Promise<unknown>): void {
    const { duplicates, concurrent } = this.mode;
    const copies = async () => {
      if (concurrent) {
        await Promise.all(Array.from({ length: duplicates }, () => deliver()));
      } else {
        for (let i = 0; i < duplicates; i++) await deliver();
      }
    };
    if (this.held) this.held.push(copies);
    else this.schedule(copies);
  }

  /** Keeps every event delivered from now on back, until release(). */
  hold(): void {
    this.held ??= [];
  }

  /** Delivers every event kept back since hold() at the same moment; returns how many. */
  release(): number {
    return this.delayHeld()();
  }

  /**
   * Takes the events kept back since hold() out of the way (delivery stops holding) and returns what
   * delivers them later: events come in no guaranteed order, so one may arrive after later changes
   * were handled.
   */
  delayHeld(): () => number {
    const held = this.held ?? [];
    this.held = null;
    return () => {
      if (held.length > 0) this.schedule(() => Promise.all(held.map((copies) => copies())));
      return held.length;
    };
  }

  /**
   * Delivers an async event as `handler(event, {installContext})`, each attempt with its own copy of
   * the event; retries on InvocationError up to 4 times after retryAfter × timeScale. Resolves with
   * whether the handler finally succeeded.
   */
  async deliverWithRetries(target: DeliveryTarget, event: Record<string, unknown>): Promise<boolean> {
    const { kind, functionKey, eventType } = target;
    let retryContext: Record<string, unknown> | undefined;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.invoker.execute({
        ...target,
        args: [
          structuredClone({ ...event, ...(retryContext ? { retryContext } : {}) }),
          { installContext: INSTALL_CONTEXT },
        ],
        attempt,
      });
      const request = outcome.ok ? outcome.value : outcome.error;
      const timedOutConsumer = kind === 'consumer' && !outcome.ok && outcome.timedOut === true;
      if (!isRetryRequest(request) && !timedOutConsumer) return outcome.ok;
      const retryOptions = isRetryRequest(request)
        ? request.retryOptions
        : { retryReason: 'FUNCTION_TIME_OUT' };
      if (attempt >= MAX_RETRIES) {
        this.counts.dropped++;
        this.log(
          `[forge] ${kind} ${functionKey}${eventType ? ` (${eventType})` : ''}: still asking for a retry after ${MAX_RETRIES} retries; dropped`,
        );
        return false;
      }
      this.counts.retries++;
      const retryAfter = Math.min(Math.max(retryOptions?.retryAfter ?? 1, 1), 900);
      retryContext = {
        retryCount: attempt + 1,
        retryReason: retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST',
        retryData: retryOptions?.retryData,
      };
      const waitStart = this.delays?.delayStart();
      await sleep(this.scaledMs(retryAfter));
      if (waitStart) this.delays?.delayPassed(waitStart, retryAfter * 1000);
    }
  }

  /** Schedules work asynchronously (after the current call returns) and tracks it for idle(). */
  private schedule(work: () => Promise<unknown>): void {
    this.work.track(
      new Promise<void>((resolveDone) => {
        setImmediate(() => {
          // Run outside any invocation context: the delivery is the platform's, not the caller's.
          invocationStorage().exit(() => {
            work()
              .catch((e) => this.log(`[forge] delivery failed: ${errorText(e)}`))
              .finally(resolveDone);
          });
        });
      }),
    );
  }
}
