/**
 * Injected failures, one vocabulary for both emulators (Jira and ServiceNow) and for the control
 * API `POST /__sandbox/faults`: a rule answers a share of the matching requests with an error
 * status. Each emulator decides whose requests a rule may hit and how the failure looks in its own
 * error shape; this module decides which request fails. Draws come from a seeded PRNG, so a test
 * that sets a seed gets the same failures every run (`rate: 1` always fails, without a draw).
 */
import { z } from 'zod';
import { seededRandom } from './seeded-random';

export const RATE_LIMIT_REASONS = [
  'jira-quota-global-based',
  'jira-burst-based',
  'jira-per-issue-on-write',
] as const;

export const faultRuleSchema = z
  .object({
    /** Share of matching requests that fail, 0..1. */
    rate: z.number().min(0).max(1),
    /** The status to answer: an HTTP error status, or a 2xx with `bare` (a malformed answer). */
    status: z.number().int().min(200).max(599),
    /** Seconds for the Retry-After header. */
    retryAfter: z.number().min(0).optional(),
    /**
     * A substring of the request path (so also a prefix, e.g. `/rest/api/3/issue/bulk`), or of
     * `METHOD path` (e.g. `POST /api/now/table/sc_req_item`).
     */
    match: z.string().min(1).optional(),
    /** Only this HTTP method (any when absent). */
    method: z.string().min(1).optional(),
    /** Let this many matching requests through before the rule starts failing them. */
    after: z.number().int().min(0).optional(),
    /** Fail at most this many matching requests, then let them through (unlimited when absent). */
    times: z.number().int().min(1).optional(),
    /** Jira only, for 429: the `RateLimit-Reason` header (default `jira-burst-based`). */
    reason: z.enum(RATE_LIMIT_REASONS).optional(),
    /**
     * A timeout: the request IS carried out, then its response is lost and the caller sees `status`
     * (e.g. 504). The worst case for idempotency: a retry repeats work that already happened.
     */
    lostResponse: z.boolean().optional(),
    /**
     * Answered by something in front of the service (a proxy, an egress block): a short HTML body
     * instead of the service's JSON error shape.
     */
    bare: z.boolean().optional(),
  })
  .strict()
  .refine((rule) => rule.status >= 400 || rule.bare === true, {
    message: 'a status below 400 needs bare: true (a malformed answer from in front of the service)',
    path: ['status'],
  });

export type FaultRule = z.infer<typeof faultRuleSchema>;

/** What an injector did since its counts were last reset: by kind, and requests repeated after one. */
export interface FaultCounts {
  injected: number;
  byKind: Record<string, number>;
  /** Requests sent again (same method and path) after one of them got an injected fault. */
  repeated: number;
}

export interface FaultInjectorOptions {
  /** How a 429 without `reason` is named in the counts (Jira: `jira-burst-based`); none: plain `429`. */
  defaultRateLimitReason?: string;
}

/** `429 jira-burst-based`, `503`, `504 lost response`: how the counts name a rule. */
export function faultKind(rule: FaultRule, defaultRateLimitReason?: string): string {
  if (rule.lostResponse) return `${rule.status} lost response`;
  const reason = rule.reason ?? defaultRateLimitReason;
  if (rule.status === 429 && reason) return `429 ${reason}`;
  return String(rule.status);
}

/** The rules, checked: a bad one throws naming what is wrong (the control API answers 400 first). */
export function parseFaultRules(rules: unknown[]): FaultRule[] {
  return rules.map((rule, index) => {
    const parsed = faultRuleSchema.safeParse(rule);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`);
    throw new Error(`fault rule ${index}: ${problems.join('; ')}`);
  });
}

/** A rule as armed: its own counters of requests let through (`after`) and failed (`times`). */
interface ArmedRule {
  rule: FaultRule;
  toLetThrough: number;
  failuresLeft: number;
}

export class FaultInjector {
  private armed: ArmedRule[] = [];
  private random: () => number = seededRandom(1);
  private counts: FaultCounts = { injected: 0, byKind: {}, repeated: 0 };
  /** Requests that got a fault and have not been sent again yet, by `METHOD path`. */
  private readonly awaitingRepeat = new Map<string, number>();

  constructor(private readonly options: FaultInjectorOptions = {}) {}

  set(rules: FaultRule[], options: { seed?: number } = {}): void {
    this.armed = parseFaultRules(rules).map((rule) => ({
      rule,
      toLetThrough: rule.after ?? 0,
      failuresLeft: rule.times ?? Infinity,
    }));
    this.random = seededRandom(options.seed ?? 1);
  }

  clear(): void {
    this.armed = [];
  }

  get active(): readonly FaultRule[] {
    return this.armed.map((armed) => armed.rule);
  }

  get counted(): FaultCounts {
    return { ...this.counts, byKind: { ...this.counts.byKind } };
  }

  resetCounts(): void {
    this.counts = { injected: 0, byKind: {}, repeated: 0 };
    this.awaitingRepeat.clear();
  }

  /** The rule that fails this request, if any (one draw per matching rule, in order). */
  pick(method: string, path: string): FaultRule | null {
    const request = `${method.toUpperCase()} ${path}`;
    const waiting = this.awaitingRepeat.get(request) ?? 0;
    if (waiting > 0) {
      this.counts.repeated++;
      if (waiting === 1) this.awaitingRepeat.delete(request);
      else this.awaitingRepeat.set(request, waiting - 1);
    }
    const rule = this.draw(method.toUpperCase(), path);
    if (rule) {
      this.counts.injected++;
      const kind = faultKind(rule, this.options.defaultRateLimitReason);
      this.counts.byKind[kind] = (this.counts.byKind[kind] ?? 0) + 1;
      this.awaitingRepeat.set(request, (this.awaitingRepeat.get(request) ?? 0) + 1);
    }
    return rule;
  }

  private draw(method: string, path: string): FaultRule | null {
    for (const armed of this.armed) {
      const { rule } = armed;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (rule.match && !path.includes(rule.match) && !`${method} ${path}`.includes(rule.match)) continue;
      if (armed.failuresLeft <= 0) continue;
      if (armed.toLetThrough > 0) {
        armed.toLetThrough--;
        continue;
      }
      if (rule.rate >= 1 || this.random() < rule.rate) {
        armed.failuresLeft--;
        return rule;
      }
    }
    return null;
  }
}

/** The short HTML page something in front of a service answers with (`bare` faults). */
export function bareFaultBody(status: number): string {
  return `<html><head><title>${status}</title></head><body><h1>${status}</h1><p>The request was answered before it reached the service (injected fault).</p></body></html>`;
}
