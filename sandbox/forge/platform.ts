/**
 * What the Forge platform does around the app's code besides running it: the documented limits it
 * enforces (`forgeLimits`), the latency of every call the app makes (`jiraLatencyMs`,
 * `serviceNowLatencyMs`, `kvsLatencyMs`), and what it saw (`GET /__sandbox/forge`).
 *
 * Latency and time ("sandbox time runs on"): a call with latency L waits L × timeScale of real time,
 * then the sandbox clock is moved on to where it would stand L after the call started (never back:
 * calls in flight together move it once), and the calling invocation is charged L of platform time
 * along its critical path (invocation-time.ts). Big benchmarks stay feasible (150 ms of Jira latency
 * costs 1.5 ms of real time at the default timeScale 0.01) while the invocation times, the clock the
 * app reads and every per-minute quota see production's time.
 */
import { currentInvocation } from './globals';
import type { InvocationRecord } from './types';
import { FixedWindowCounter, QUEUE_LIMITS, STORAGE_LIMITS, storageUnits } from './platform-limits';

export interface PlatformBehaviour {
  /** Forge's documented limits enforced (invocation time, queue, storage). */
  forgeLimits: boolean;
  jiraLatencyMs: number;
  serviceNowLatencyMs: number;
  kvsLatencyMs: number;
}

export type LatentService = 'jira' | 'servicenow' | 'kvs';

/** The sandbox clock as the platform uses it (SandboxClock). */
export interface PlatformClock {
  nowMs(): number;
  runOnTo(ms: number): void;
  /** Changes when the clock is set, moved or reset. */
  readonly epoch: number;
}

export interface InvocationStats {
  count: number;
  /** The longest invocation, in platform time. */
  maxMs: number;
  limitMs: number;
  timedOut: number;
}

export interface StorageStats {
  readUnits: number;
  writeUnits: number;
  maxReadUnitsPerMinute: number;
  maxWriteUnitsPerMinute: number;
  /** Storage requests refused with 429 (RATE_LIMIT_EXCEEDED). */
  throttled: number;
}

export interface PlatformMetrics {
  invocations: Record<string, InvocationStats>;
  /** Events pushed and refused; the most pushed in one minute. */
  queue: { pushed: number; maxPerMinute: number; refused: number };
  kvs: StorageStats;
}

/** The verdict on a request that a quota may refuse. */
export type Admission = { admitted: true } | { admitted: false; reason: string };

const READ_OPERATIONS = new Set([
  '/api/v1/get',
  '/api/v1/query',
  '/api/v1/batch/get',
  '/api/v1/secret/get',
  '/api/v1/entity/get',
  '/api/v1/entity/query',
]);

export const DEFAULT_BEHAVIOUR: PlatformBehaviour = {
  forgeLimits: true,
  jiraLatencyMs: 0,
  serviceNowLatencyMs: 0,
  kvsLatencyMs: 0,
};

const emptyStorageStats = (): StorageStats => ({
  readUnits: 0,
  writeUnits: 0,
  maxReadUnitsPerMinute: 0,
  maxWriteUnitsPerMinute: 0,
  throttled: 0,
});

export class ForgePlatform {
  private current: PlatformBehaviour = { ...DEFAULT_BEHAVIOUR };
  private invocations = new Map<string, InvocationStats>();
  private queue = { pushed: 0, maxPerMinute: 0, refused: 0 };
  private storage = emptyStorageStats();
  private readonly queueMinute = new FixedWindowCounter(60_000);
  private readonly storageSecond = new FixedWindowCounter(1000);
  private readonly readMinute = new FixedWindowCounter(60_000);
  private readonly writeMinute = new FixedWindowCounter(60_000);

  constructor(
    private readonly clock: PlatformClock | undefined,
    /** Platform seconds × timeScale = real seconds; read at each use, as the runtime's is writable. */
    private readonly timeScale: () => number,
  ) {}

  behaviour(): PlatformBehaviour {
    return { ...this.current };
  }

  setBehaviour(changes: Partial<PlatformBehaviour>): PlatformBehaviour {
    for (const key of ['jiraLatencyMs', 'serviceNowLatencyMs', 'kvsLatencyMs'] as const) {
      const value = changes[key];
      if (value !== undefined && !(Number.isFinite(value) && value >= 0))
        throw new RangeError(`${key} must be a number of milliseconds, 0 or more`);
    }
    this.current = { ...this.current, ...changes };
    return this.behaviour();
  }

  get limitsOn(): boolean {
    return this.current.forgeLimits;
  }

  /** Back to a fresh installation: every quota window empty (the behaviour is the caller's to set). */
  clearQuotas(): void {
    for (const counter of [this.queueMinute, this.storageSecond, this.readMinute, this.writeMinute])
      counter.clear();
  }

  resetMetrics(): void {
    this.invocations = new Map();
    this.queue = { pushed: 0, maxPerMinute: 0, refused: 0 };
    this.storage = emptyStorageStats();
  }

  metrics(): PlatformMetrics {
    return {
      invocations: Object.fromEntries([...this.invocations].map(([key, stats]) => [key, { ...stats }])),
      queue: { ...this.queue },
      kvs: { ...this.storage },
    };
  }

  /**
   * Runs one call of the current invocation to a platform service: its latency waited (scaled),
   * the sandbox clock moved on, the invocation charged. Outside an invocation (a test client, the
   * platform's own work) the call is not the app's: it is served at once.
   */
  call<T>(service: LatentService | undefined, serve: () => Promise<T>): Promise<T> {
    const time = currentInvocation()?.time;
    if (!time) return serve();
    const latencyMs = service ? this.latencyOf(service) : 0;
    return time.call(latencyMs, () => this.wait(latencyMs), serve);
  }

  recordInvocation(record: InvocationRecord, limitMs: number): void {
    const stats = this.invocations.get(record.functionKey) ?? { count: 0, maxMs: 0, limitMs, timedOut: 0 };
    stats.count += 1;
    stats.maxMs = Math.max(stats.maxMs, record.durationMs);
    stats.limitMs = limitMs;
    if (record.outcome === 'timeout') stats.timedOut += 1;
    this.invocations.set(record.functionKey, stats);
  }

  /** A push of `events` events to the queue: within 500 events a minute per installation? */
  admitQueueEvents(events: number): Admission {
    const limit = this.limitsOn ? QUEUE_LIMITS.eventsPerMinute : Number.POSITIVE_INFINITY;
    const { admitted, used } = this.queueMinute.take(this.nowMs(), events, limit);
    if (!admitted) {
      this.queue.refused += events;
      return {
        admitted: false,
        reason: `${used} events were pushed this minute; ${events} more would pass the limit of ${QUEUE_LIMITS.eventsPerMinute} a minute`,
      };
    }
    this.queue.pushed += events;
    this.queue.maxPerMinute = Math.max(this.queue.maxPerMinute, used);
    return { admitted: true };
  }

  /** A push refused before it was counted (too many events or too big). */
  refuseQueueEvents(events: number): void {
    this.queue.refused += events;
  }

  /**
   * A storage request: within 1,000 requests a second, and for a write within 4,000 write units a
   * minute (`requestBytes` gives its units). Reads are admitted here and metered by `meterRead`.
   */
  admitStorageRequest(path: string, requestBytes: number): Admission {
    const now = this.nowMs();
    const second = this.storageSecond.take(now, 1, this.limit(STORAGE_LIMITS.requestsPerSecond));
    if (!second.admitted)
      return this.throttle(`more than ${STORAGE_LIMITS.requestsPerSecond} storage requests in one second`);
    if (READ_OPERATIONS.has(path)) return { admitted: true };
    const units = storageUnits(requestBytes);
    const minute = this.writeMinute.take(now, units, this.limit(STORAGE_LIMITS.writeUnitsPerMinute));
    if (!minute.admitted)
      return this.throttle(
        `${minute.used} write units used this minute; ${units} more would pass ${STORAGE_LIMITS.writeUnitsPerMinute}`,
      );
    this.storage.writeUnits += units;
    this.storage.maxWriteUnitsPerMinute = Math.max(this.storage.maxWriteUnitsPerMinute, minute.used);
    return { admitted: true };
  }

  /** A read's answer of `responseBytes`: within 4,000 read units a minute? (Reads change nothing.) */
  meterRead(path: string, responseBytes: number): Admission {
    if (!READ_OPERATIONS.has(path)) return { admitted: true };
    const units = storageUnits(responseBytes);
    const minute = this.readMinute.take(this.nowMs(), units, this.limit(STORAGE_LIMITS.readUnitsPerMinute));
    if (!minute.admitted)
      return this.throttle(
        `${minute.used} read units used this minute; ${units} more would pass ${STORAGE_LIMITS.readUnitsPerMinute}`,
      );
    this.storage.readUnits += units;
    this.storage.maxReadUnitsPerMinute = Math.max(this.storage.maxReadUnitsPerMinute, minute.used);
    return { admitted: true };
  }

  private throttle(reason: string): Admission {
    this.storage.throttled += 1;
    return { admitted: false, reason };
  }

  private limit(value: number): number {
    return this.limitsOn ? value : Number.POSITIVE_INFINITY;
  }

  private nowMs(): number {
    return this.clock ? this.clock.nowMs() : Date.now();
  }

  private latencyOf(service: LatentService): number {
    if (service === 'jira') return this.current.jiraLatencyMs;
    if (service === 'servicenow') return this.current.serviceNowLatencyMs;
    return this.current.kvsLatencyMs;
  }

  /**
   * Where sandbox time stands when a platform delay (a queue event's `delayInSeconds`) starts; pass
   * it to `delayPassed` once the (scaled) wait is over.
   */
  delayStart(): { atMs: number; epoch: number | undefined } {
    return { atMs: this.nowMs(), epoch: this.clock?.epoch };
  }

  /**
   * A platform delay has passed: sandbox time runs on to its end, as it does for latency, so a
   * delayed event arrives `delayInSeconds` later by the clock every per-minute quota reads (a chain
   * of paced pushes sees the minutes pass that it waited in production).
   */
  delayPassed(start: { atMs: number; epoch: number | undefined }, delayMs: number): void {
    if (delayMs > 0 && this.clock?.epoch === start.epoch) this.clock?.runOnTo(start.atMs + delayMs);
  }

  private async wait(latencyMs: number): Promise<void> {
    if (latencyMs <= 0) return;
    const startedAt = this.nowMs();
    const epoch = this.clock?.epoch;
    const realMs = latencyMs * this.timeScale();
    // Below a millisecond a timer would wait a whole one: yield instead, so calls still interleave.
    await new Promise<void>((resolve) => (realMs >= 1 ? setTimeout(resolve, realMs) : setImmediate(resolve)));
    // A clock set meanwhile (a test, the control API) makes the start meaningless: leave it be.
    if (this.clock?.epoch === epoch) this.clock?.runOnTo(startedAt + latencyMs);
  }
}
