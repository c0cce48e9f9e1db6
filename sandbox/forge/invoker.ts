/**
 * Runs one invocation of an app function as Forge does: in its own invocation context (the
 * AsyncLocalStorage store globals.ts dispatches `__forge_fetch__`, `__forge_runtime__` and `fetch`
 * by), within Forge's time limit measured in platform time (invocation-time.ts), and records how it
 * ended in `records` (`runtime.invocations`) and in the platform's metrics.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type GlobalsTarget, type InvocationStore, invocationStorage } from './globals';
import { InvocationTime } from './invocation-time';
import { type ForgeManifest, splitHandler } from './manifest';
import type { PendingWork } from './pending-work';
import type { ForgePlatform } from './platform';
import { INVOCATION_SECONDS, MAX_TIMEOUT_SECONDS } from './platform-limits';

export type { InvocationKind, InvocationRecord } from './types';
import type { InvocationKind, InvocationRecord } from './types';

export interface Invocation {
  kind: InvocationKind;
  functionKey: string;
  moduleKey: string;
  args: unknown[];
  /** The user the invocation acts for: `asUser()` without an argument uses it. */
  principalAccountId?: string;
  attempt?: number;
  eventType?: string;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown; timedOut?: boolean };

type Handler = (...args: unknown[]) => unknown;

const KEPT_RECORDS = 2000;

/**
 * An `InvocationError` of @forge/events: its constructor returns the plain object
 * `{_retry: true, retryOptions: {retryAfter, retryReason}}` (node_modules/@forge/events/out/invocationError.js),
 * which a handler returns or throws to ask for a retry.
 */
export function isRetryRequest(value: unknown): value is {
  _retry: true;
  retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown };
} {
  return typeof value === 'object' && value !== null && (value as { _retry?: unknown })._retry === true;
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

export class FunctionInvoker {
  readonly records: InvocationRecord[] = [];
  /** Handler module name (`index` of `index.uiResolver`) → the exports of its bundle. */
  private readonly modules = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly manifest: ForgeManifest,
    /** The runtime the invocation's globals dispatch to. */
    private readonly target: GlobalsTarget,
    private readonly work: PendingWork,
    private readonly platform: ForgePlatform,
    private readonly log: (line: string) => void,
  ) {}

  addModule(name: string, exports: Record<string, unknown>): void {
    this.modules.set(name, exports);
  }

  /** Runs the invocation (tracked for idle()) and tells how it ended. */
  execute(invocation: Invocation): Promise<Outcome> {
    return this.work.track(this.run(invocation));
  }

  /** Runs the invocation and answers the handler's result, or throws what it threw. */
  async call(invocation: Invocation): Promise<unknown> {
    const outcome = await this.execute(invocation);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  private handlerFor(functionKey: string): Handler {
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new Error(`No function "${functionKey}" in manifest.yml`);
    const { module, exportName } = splitHandler(fn.handler);
    const exported = this.modules.get(module)?.[exportName];
    if (typeof exported !== 'function')
      throw new Error(`Handler ${fn.handler} of function "${functionKey}" is not an exported function`);
    return exported as Handler;
  }

  /** Forge's limit: its `timeoutSeconds` for a consumer or scheduled trigger function (up to 900 s). */
  timeoutFor(kind: InvocationKind, functionKey: string): number {
    const declared = this.manifest.functions.get(functionKey)?.timeoutSeconds;
    return (kind === 'consumer' || kind === 'scheduled') && declared
      ? Math.min(declared, MAX_TIMEOUT_SECONDS)
      : INVOCATION_SECONDS[kind];
  }

  /**
   * Runs one invocation of a function in its own invocation context, with Forge's time limit: past it
   * in platform time the invocation fails with FUNCTION_TIME_OUT (limits on), and past it in real
   * time in any case (a handler that never returns).
   */
  private async run({
    kind,
    functionKey,
    moduleKey,
    args,
    principalAccountId,
    attempt = 0,
    eventType,
  }: Invocation): Promise<Outcome> {
    const timeoutMs = this.timeoutFor(kind, functionKey) * 1000;
    const time = new InvocationTime(functionKey, timeoutMs, this.platform.limitsOn);
    const store: InvocationStore = {
      runtime: this.target,
      invocationId: randomUUID(),
      functionKey,
      moduleKey,
      principalAccountId,
      time,
      traceId: randomBytes(8).toString('hex'),
      spanId: randomBytes(8).toString('hex'),
    };
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let outcome: Outcome;
    try {
      const handler = this.handlerFor(functionKey);
      const run = this.work.track(invocationStorage().run(store, async () => handler(...args)));
      const realTimeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              Object.assign(
                new Error(
                  `FUNCTION_TIME_OUT: ${functionKey} ran longer than ${timeoutMs / 1000}s of real time`,
                ),
                { timedOut: true },
              ),
            ),
          timeoutMs,
        );
        timer.unref?.();
      });
      const value = await Promise.race([run, realTimeout, time.stopped]);
      // Checked once more now: the handler's own work may have held the event loop past the limit.
      outcome =
        time.enforced && time.pastLimit()
          ? { ok: false, error: time.timeOutError(), timedOut: true }
          : { ok: true, value };
    } catch (error) {
      outcome = { ok: false, error, timedOut: (error as { timedOut?: boolean })?.timedOut === true };
    } finally {
      if (timer) clearTimeout(timer);
      time.finish();
    }
    const retry = outcome.ok ? isRetryRequest(outcome.value) : isRetryRequest(outcome.error);
    const record: InvocationRecord = {
      kind,
      functionKey,
      moduleKey,
      attempt,
      outcome: retry ? 'retry' : outcome.ok ? 'ok' : outcome.timedOut ? 'timeout' : 'error',
      durationMs: Math.round(time.elapsedMs() * 10) / 10,
      realMs: Math.round((performance.now() - started) * 10) / 10,
      ...(eventType ? { eventType } : {}),
      ...(!outcome.ok && !retry ? { error: errorText(outcome.error) } : {}),
    };
    this.records.push(record);
    if (this.records.length > KEPT_RECORDS) this.records.splice(0, this.records.length - KEPT_RECORDS);
    this.platform.recordInvocation(record, timeoutMs);
    if (record.outcome === 'error' || record.outcome === 'timeout') {
      this.log(`[forge] ${kind} ${functionKey}${eventType ? ` (${eventType})` : ''} failed: ${record.error}`);
    }
    return outcome;
  }
}
