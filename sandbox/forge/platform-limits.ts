/**
 * Forge's documented limits, as the sandbox enforces them when `forgeLimits` is on. Each value's
 * source page is recorded in docs/forge-notes.md ("Forge platform limits the sandbox enforces").
 */
import type { InvocationKind } from './types';

/** Invocation time limits ("Invocation limits", limits-invocation). */
export const INVOCATION_SECONDS: Record<InvocationKind, number> = {
  resolver: 25,
  trigger: 25,
  dynamicProperties: 25,
  webtrigger: 55,
  // The default of a function referenced only by consumer or scheduled trigger modules; its
  // `timeoutSeconds` extends it up to 900.
  consumer: 55,
  scheduled: 55,
};
export const MAX_TIMEOUT_SECONDS = 900;

/** The async events queue, per installation ("Async events limits", limits-async-events). */
export const QUEUE_LIMITS = {
  eventsPerPush: 50,
  /** Combined payload of one push, measured as @forge/events measures it (JSON bytes / 1024 ≤ 200). */
  kilobytesPerPush: 200,
  eventsPerMinute: 500,
  /** One event's payload when its consumer's function declares a timeout above 55 s. */
  kilobytesPerLongRunningEvent: 100,
  longRunningAboveSeconds: 55,
};

/** The Key-Value and Custom Entity Stores, per installation ("KVS and Custom Entity Store limits", limits-kvs-ce). */
export const STORAGE_LIMITS = {
  requestsPerSecond: 1000,
  readUnitsPerMinute: 4000,
  writeUnitsPerMinute: 4000,
  /** A request counts one unit per started 10 KB of its size; 10 KB or less is one unit. */
  unitBytes: 10 * 1024,
};

/** The units a storage request of `bytes` counts for. */
export function storageUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / STORAGE_LIMITS.unitBytes));
}

/**
 * A fixed-window counter (a new window every `windowMs` of sandbox time), as a per-minute or
 * per-second platform quota counts. A clock set back or forward starts a fresh window.
 */
export class FixedWindowCounter {
  private window = Number.NaN;
  private used = 0;

  constructor(private readonly windowMs: number) {}

  /**
   * Counts `amount` in the window holding `nowMs` unless it would pass `limit` (then nothing is
   * counted and it answers false). Returns the window's use after counting.
   */
  take(nowMs: number, amount: number, limit: number): { admitted: boolean; used: number } {
    const window = Math.floor(nowMs / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.used = 0;
    }
    if (this.used + amount > limit) return { admitted: false, used: this.used };
    this.used += amount;
    return { admitted: true, used: this.used };
  }

  clear(): void {
    this.window = Number.NaN;
    this.used = 0;
  }
}
