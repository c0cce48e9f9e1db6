/**
 * What the Forge platform saw while the app worked, as the sandbox reports it: `GET /__sandbox/forge`
 * (invocations against their limits, queue pushes, storage units), after the production switches
 * `POST /__sandbox/behaviour {"forgeLimits": true, "jiraLatencyMs": 150, "kvsLatencyMs": 10}`.
 *
 * A sandbox without those is still measured, and the report says what it lacks: invocation times
 * are then the sandbox's wall time (no emulated latency), read from the runtime's invocation
 * records; queue pushes come from the runtime's delivery counts; storage size from what is stored.
 */
import type { Sandbox } from '../../sandbox/server';
import type { InvocationRecord } from '../../sandbox/forge/runtime';
import { control } from '../sandbox-control';

export const PRODUCTION_BEHAVIOUR = { forgeLimits: true, jiraLatencyMs: 150, kvsLatencyMs: 10 } as const;

/** `GET /__sandbox/forge` (sandbox.md), since the last metrics reset. */
export interface ForgeReport {
  invocations: Record<string, { count: number; maxMs: number; limitMs: number; timedOut: number }>;
  queue: { pushed: number; maxPerMinute: number; refused: number };
  kvs: {
    readUnits: number;
    writeUnits: number;
    maxReadUnitsPerMinute: number;
    maxWriteUnitsPerMinute: number;
    throttled: number;
    keys: number;
    bytes: number;
    largestValueBytes: number;
  };
}

/** Switches the production behaviours on; answers the ones the sandbox refused (it lacks them). */
export async function switchProductionBehaviour(sandbox: Sandbox): Promise<string[]> {
  const all = await control(sandbox, 'POST', '/__sandbox/behaviour', PRODUCTION_BEHAVIOUR);
  if (all.status === 200) return [];
  const lacking: string[] = [];
  for (const [name, value] of Object.entries(PRODUCTION_BEHAVIOUR)) {
    const one = await control(sandbox, 'POST', '/__sandbox/behaviour', { [name]: value });
    if (one.status !== 200) lacking.push(name);
  }
  return lacking;
}

export async function forgeReport(sandbox: Sandbox): Promise<ForgeReport | undefined> {
  const reply = await control(sandbox, 'GET', '/__sandbox/forge');
  return reply.status === 200 ? (reply.json as ForgeReport) : undefined;
}

export interface SlowestInvocation {
  functionKey: string;
  ms: number;
  limitMs: number;
  percentOfLimit: number;
}

export interface InvocationSummary {
  /** `platform` (GET /__sandbox/forge, latency included) or `wall` (the runtime's records). */
  source: 'platform' | 'wall';
  count: number;
  timedOut: number;
  slowest?: SlowestInvocation;
}

const percent = (ms: number, limitMs: number) => Math.round((ms / limitMs) * 1000) / 10;

function slowestOf(candidates: SlowestInvocation[]): SlowestInvocation | undefined {
  return candidates.sort((a, b) => b.percentOfLimit - a.percentOfLimit)[0];
}

export function fromPlatform(report: ForgeReport): InvocationSummary {
  const entries = Object.entries(report.invocations);
  return {
    source: 'platform',
    count: entries.reduce((sum, [, stats]) => sum + stats.count, 0),
    timedOut: entries.reduce((sum, [, stats]) => sum + stats.timedOut, 0),
    slowest: slowestOf(
      entries.map(([functionKey, stats]) => ({
        functionKey,
        ms: stats.maxMs,
        limitMs: stats.limitMs,
        percentOfLimit: percent(stats.maxMs, stats.limitMs),
      })),
    ),
  };
}

/**
 * Forge's documented time limits, for the wall-time fallback only: 25 s for resolvers and product
 * events; scheduled triggers and queue consumers their declared `timeoutSeconds`, else 55 s.
 */
function limitMsOf(sandbox: Sandbox, record: InvocationRecord): number {
  const declared = sandbox.runtime.manifest.functions.get(record.functionKey)?.timeoutSeconds;
  const long = record.kind === 'scheduled' || record.kind === 'consumer' || record.kind === 'webtrigger';
  return (long ? (declared ?? 55) : 25) * 1000;
}

/** Collects the runtime's invocation records while a phase runs (the wall-time fallback). */
export class InvocationTap {
  private records: InvocationRecord[] = [];
  private readonly push: InvocationRecord[]['push'];

  constructor(private readonly sandbox: Sandbox) {
    const list = sandbox.runtime.invocations;
    this.push = list.push.bind(list);
    list.push = (...added: InvocationRecord[]) => {
      this.records.push(...added);
      return this.push(...added);
    };
  }

  start(): void {
    this.records = [];
  }

  summary(): InvocationSummary {
    return {
      source: 'wall',
      count: this.records.length,
      timedOut: this.records.filter((record) => record.outcome === 'timeout').length,
      slowest: slowestOf(
        this.records.map((record) => {
          const limitMs = limitMsOf(this.sandbox, record);
          return {
            functionKey: record.functionKey,
            ms: record.durationMs,
            limitMs,
            percentOfLimit: percent(record.durationMs, limitMs),
          };
        }),
      ),
    };
  }
}

export interface StorageSummary {
  keys: number;
  bytes: number;
  largestValueBytes: number;
  largestKey?: string;
  /** Units and throttling: only from the platform report. */
  maxReadUnitsPerMinute?: number;
  maxWriteUnitsPerMinute?: number;
  throttled?: number;
}

/** What the app stores now, measured on the stored values (JSON bytes), whatever the platform says. */
export function storedSize(sandbox: Sandbox): StorageSummary {
  let keys = 0;
  let bytes = 0;
  let largestValueBytes = 0;
  let largestKey: string | undefined;
  for (const [namespace, entries] of sandbox.runtime.kvs.save()) {
    for (const [key, entry] of entries) {
      const size = Buffer.byteLength(JSON.stringify(entry.value) ?? '', 'utf8');
      keys += 1;
      bytes += size;
      if (size > largestValueBytes) {
        largestValueBytes = size;
        largestKey = namespace === 'kvs' ? key : `${namespace} ${key}`;
      }
    }
  }
  return { keys, bytes, largestValueBytes, ...(largestKey ? { largestKey } : {}) };
}
