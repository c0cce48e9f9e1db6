/**
 * The sandbox clock: one "current time" that the emulated Jira site, the emulated ServiceNow
 * instance and the app's handlers all see.
 *
 * The app reads the clock the ordinary way (`new Date()`, `Date.now()`), so the clock patches the
 * global `Date` of this realm: the no-argument constructor, `Date()` called as a function and
 * `Date.now()` return real time plus an offset. Everything else (`new Date(value)`, `Date.UTC`,
 * `Date.parse`, `instanceof Date`, the prototype) is the real `Date`. Time keeps flowing from the
 * time that was set; `set()` moves the offset, `reset()` puts it back to zero.
 *
 * Under jest every test file has its own realm (its own `Date`), so the patch stays inside the
 * test file that created the sandbox.
 */
const PATCHED = Symbol.for('pilot-pathway.sandbox.clock');

interface PatchedDateConstructor extends DateConstructor {
  [PATCHED]?: { realDate: DateConstructor; clocks: Set<SandboxClock> };
}

export class SandboxClock {
  private offsetMs = 0;
  private settings = 0;
  private readonly realDate: DateConstructor;

  constructor() {
    const current = globalThis.Date as PatchedDateConstructor;
    this.realDate = current[PATCHED]?.realDate ?? current;
  }

  /** The current sandbox time. */
  now(): Date {
    return new this.realDate(this.realDate.now() + this.offsetMs);
  }

  nowMs(): number {
    return this.realDate.now() + this.offsetMs;
  }

  /** Sets the current time; time flows on from there. */
  set(at: Date | string | number): Date {
    const target =
      at instanceof this.realDate ? at.getTime() : new this.realDate(at as string | number).getTime();
    if (Number.isNaN(target)) throw new RangeError(`Invalid time: ${String(at)}`);
    this.settings += 1;
    this.offsetMs = target - this.realDate.now();
    return this.now();
  }

  advance(ms: number): Date {
    this.settings += 1;
    this.offsetMs += ms;
    return this.now();
  }

  /** Moves the time on to `ms` if it stands before it (never back): emulated latency passing. */
  runOnTo(ms: number): void {
    const behind = ms - this.nowMs();
    if (behind > 0) this.offsetMs += behind;
  }

  reset(): void {
    this.settings += 1;
    this.offsetMs = 0;
  }

  /** Counts the times the clock was set, moved or reset (not run on): a time read before one is stale. */
  get epoch(): number {
    return this.settings;
  }

  get offset(): number {
    return this.offsetMs;
  }

  /**
   * Makes `new Date()`, `Date()` and `Date.now()` of this realm read this clock. Only one clock
   * drives the patch at a time: the most recently installed one.
   */
  install(): void {
    const current = globalThis.Date as PatchedDateConstructor;
    const state = current[PATCHED];
    if (state) {
      state.clocks.delete(this);
      state.clocks.add(this);
      return;
    }
    const realDate = current;
    const clocks = new Set<SandboxClock>([this]);
    const active = (): SandboxClock | undefined => [...clocks].pop();
    const nowMs = (): number => active()?.nowMs() ?? realDate.now();
    const patched = new Proxy(realDate, {
      construct(target, args, newTarget) {
        if (args.length === 0) return Reflect.construct(target, [nowMs()], newTarget);
        return Reflect.construct(target, args, newTarget);
      },
      apply() {
        return new realDate(nowMs()).toString();
      },
      get(target, property, receiver) {
        if (property === 'now') return nowMs;
        if (property === PATCHED) return { realDate, clocks };
        return Reflect.get(target, property, receiver);
      },
    });
    globalThis.Date = patched;
  }

  /** Stops this clock driving `Date`; the last clock out restores the real `Date`. */
  uninstall(): void {
    const current = globalThis.Date as PatchedDateConstructor;
    const state = current[PATCHED];
    if (!state) return;
    state.clocks.delete(this);
    if (state.clocks.size === 0) globalThis.Date = state.realDate;
  }
}
