/**
 * An invocation's duration as the platform sees it ("platform time"): the handler's own work plus
 * the emulated latency of every call it makes, never the time the emulated services took to answer.
 *
 * - While none of its calls is in flight, platform time runs with real time (the handler works).
 * - While one is in flight, the handler's real clock is paused: the emulator's own work, the scaled
 *   real wait and other invocations sharing the process are not this invocation's time.
 * - A call started at platform time `s` with latency `L` ends at `s + L`; the invocation's platform
 *   time is at least the latest such end. Calls in flight together therefore overlap, as concurrent
 *   requests do in production, and calls made one after another add up.
 *
 * With `forgeLimits` on, an invocation past its limit is stopped: the moment a timer (or the end of
 * a call) finds it past the limit its outcome is a FUNCTION_TIME_OUT error, and every later call it
 * makes fails, so nothing it does afterwards reaches Jira, storage or the queue. The invoker also
 * checks the limit when the handler returns, so a handler whose work held the event loop (no timer
 * could fire) is still reported and failed.
 */

export class FunctionTimeOut extends Error {
  readonly timedOut = true;
  constructor(functionKey: string, limitMs: number, elapsedMs: number) {
    super(
      `FUNCTION_TIME_OUT: ${functionKey} ran ${Math.round(elapsedMs)} ms of platform time, past its limit of ${limitMs / 1000}s`,
    );
    this.name = 'FunctionTimeOut';
  }
}

export class InvocationTime {
  private readonly startedReal = performance.now();
  private inFlight = 0;
  private pausedSince = 0;
  private pausedMs = 0;
  /** Platform time beyond the handler's own real time: the latency on its critical path. */
  private latencyMs = 0;
  private stoppedWith?: FunctionTimeOut;
  private timer?: NodeJS.Timeout;
  private finished = false;
  private rejectStopped!: (error: FunctionTimeOut) => void;
  /** Rejects when the invocation is stopped at its limit (only when limits are enforced). */
  readonly stopped: Promise<never>;

  constructor(
    readonly functionKey: string,
    readonly limitMs: number,
    /** `forgeLimits`: stop the invocation at its limit. */
    readonly enforced: boolean,
  ) {
    this.stopped = new Promise<never>((_, reject) => (this.rejectStopped = reject));
    this.stopped.catch(() => undefined);
    if (enforced) this.arm();
  }

  /** Platform milliseconds since the invocation started. */
  elapsedMs(): number {
    return this.ownMs() + this.latencyMs;
  }

  remainingMs(): number {
    return Math.max(0, this.limitMs - this.elapsedMs());
  }

  get isStopped(): boolean {
    return this.stoppedWith !== undefined;
  }

  /**
   * One call to a platform service: waits `realWaitMs` (the latency, scaled), then `serve()`; charges
   * `latencyMs` of platform time along the critical path. A stopped invocation's call fails.
   */
  async call<T>(latencyMs: number, wait: () => Promise<void>, serve: () => Promise<T>): Promise<T> {
    this.throwIfStopped();
    const startedAt = this.elapsedMs();
    this.pause();
    let result: T;
    try {
      await wait();
      this.throwIfStopped();
      result = await serve();
    } finally {
      this.resume();
      this.latencyMs = Math.max(this.latencyMs, startedAt + latencyMs - this.ownMs());
      this.check();
    }
    // Past its limit while the call was in flight: the handler never sees the answer.
    this.throwIfStopped();
    return result;
  }

  /** Whether the invocation ran past its limit (checked when the handler has returned). */
  pastLimit(): boolean {
    return this.elapsedMs() > this.limitMs;
  }

  timeOutError(): FunctionTimeOut {
    return this.stoppedWith ?? new FunctionTimeOut(this.functionKey, this.limitMs, this.elapsedMs());
  }

  /** The handler has finished: no more timers. */
  finish(): void {
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private ownMs(): number {
    const now = performance.now();
    return now - this.startedReal - this.pausedMs - (this.inFlight > 0 ? now - this.pausedSince : 0);
  }

  private pause(): void {
    if (this.inFlight++ === 0) this.pausedSince = performance.now();
  }

  private resume(): void {
    if (--this.inFlight === 0) this.pausedMs += performance.now() - this.pausedSince;
  }

  private throwIfStopped(): void {
    if (this.stoppedWith) throw this.stoppedWith;
  }

  /** Stops the invocation if it is past its limit, else arms a timer for when it would be. */
  private check(): void {
    if (!this.enforced || this.finished || this.stoppedWith) return;
    if (this.pastLimit()) {
      this.stoppedWith = new FunctionTimeOut(this.functionKey, this.limitMs, this.elapsedMs());
      if (this.timer) clearTimeout(this.timer);
      this.rejectStopped(this.stoppedWith);
      return;
    }
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    // While a call is in flight its end checks again; otherwise platform time runs with real time.
    if (this.inFlight > 0) return;
    this.timer = setTimeout(() => this.check(), this.remainingMs() + 1);
    this.timer.unref?.();
  }
}
