/**
 * Injected failures for resilience tests: a rule answers a share of the app's matching requests
 * with an error status before anything is applied. Draws come from a seeded PRNG, so a test that
 * sets a seed gets the same failures every run (`rate: 1` always fails).
 */
import { seededRandom } from '../seeded-random';

export interface FaultRule {
  /** Share of matching requests that fail, 0..1. */
  rate: number;
  /** Status to answer, e.g. 429, 500, 503. */
  status: number;
  /** Seconds for the Retry-After header. */
  retryAfter?: number;
  /** Substring of the request path (so also a path prefix), e.g. `/rest/api/3/issue/bulk`. */
  match?: string;
  /** Only this HTTP method (any when absent). */
  method?: string;
  /** Fail at most this many matching requests, then let them through (unlimited when absent). */
  times?: number;
  /** For 429: the `RateLimit-Reason` header (default `jira-burst-based`). */
  reason?: 'jira-quota-global-based' | 'jira-burst-based' | 'jira-per-issue-on-write';
  /**
   * A timeout: the request IS applied, then the response is lost and the app sees `status`
   * (e.g. 504). The worst case for idempotency: a retry repeats work that already happened.
   */
  lostResponse?: boolean;
}

/** What the injector did since the last `set` or `resetCounts`: by kind, and requests the app repeated. */
export interface FaultCounts {
  injected: number;
  byKind: Record<string, number>;
  /** Requests the app sent again (same method and path) after one of them got an injected fault. */
  repeated: number;
}

/** `429 jira-burst-based`, `503`, `504 lost response`: how the counts name a rule. */
export function faultKind(rule: FaultRule): string {
  if (rule.lostResponse) return `${rule.status} lost response`;
  return rule.status === 429 ? `429 ${rule.reason ?? 'jira-burst-based'}` : String(rule.status);
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private random: () => number = seededRandom(1);
  private counts: FaultCounts = { injected: 0, byKind: {}, repeated: 0 };
  /** Requests that got a fault and have not been sent again yet, by `METHOD path`. */
  private readonly awaitingRepeat = new Map<string, number>();

  set(rules: FaultRule[], options: { seed?: number } = {}): void {
    for (const rule of rules) {
      if (!(rule.rate >= 0 && rule.rate <= 1))
        throw new Error(`fault rate must be within 0..1, got ${rule.rate}`);
      if (!Number.isInteger(rule.status) || rule.status < 400 || rule.status > 599) {
        throw new Error(`fault status must be an HTTP error status, got ${rule.status}`);
      }
    }
    this.rules = rules.map((rule) => ({ ...rule }));
    this.random = seededRandom(options.seed ?? 1);
  }

  clear(): void {
    this.rules = [];
  }

  get counted(): FaultCounts {
    return { ...this.counts, byKind: { ...this.counts.byKind } };
  }

  resetCounts(): void {
    this.counts = { injected: 0, byKind: {}, repeated: 0 };
    this.awaitingRepeat.clear();
  }

  get active(): readonly FaultRule[] {
    return this.rules;
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
    const rule = this.draw(method, path);
    if (rule) {
      this.counts.injected++;
      const kind = faultKind(rule);
      this.counts.byKind[kind] = (this.counts.byKind[kind] ?? 0) + 1;
      this.awaitingRepeat.set(request, (this.awaitingRepeat.get(request) ?? 0) + 1);
    }
    return rule;
  }

  private draw(method: string, path: string): FaultRule | null {
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.match && !path.includes(rule.match)) continue;
      if (rule.times !== undefined && rule.times <= 0) continue;
      if (rule.rate >= 1 || this.random() < rule.rate) {
        if (rule.times !== undefined) rule.times--;
        return rule;
      }
    }
    return null;
  }
}
