/**
 * Atlassian's rate-limit model for Forge, Connect and 3LO apps on Jira Cloud (enforced since
 * March 2026), applied to the app's own calls (those made through the Forge runtime):
 *
 * 1. Points, charged to an hourly quota: every request costs 1 point, plus 1 per issue or project
 *    and 2 per user or group in the response (a search returning 3 issues costs 4; a user lookup 3).
 *    Tier 1 gives 65,000 points per hour, shared by every site the app is installed on.
 *    → 429 with `RateLimit-Reason: jira-quota-global-based` until the next hour.
 * 2. Burst limits per endpoint and HTTP method, in requests per second (BURST_LIMITS below).
 *    → 429 with `RateLimit-Reason: jira-burst-based`.
 * 3. Per-issue write limits: 20 writes to one issue in 2 seconds, 100 in 30 seconds.
 *    → 429 with `RateLimit-Reason: jira-per-issue-on-write`.
 *
 * Every 429 carries `Retry-After` (whole seconds), `X-RateLimit-Limit`, `X-RateLimit-Remaining`,
 * `X-RateLimit-Reset` (ISO 8601, `yyyy-MM-ddTHH:mmZ`) and `RateLimit-Reason`. Time comes from the
 * sandbox clock, so tests advance it instead of sleeping. Limiting is off by default; points are
 * always counted in the metrics.
 */
import type { Returned } from './context';

export const HOURLY_POINTS_QUOTA = 65_000;

export const POINTS = { base: 1, perIssue: 1, perProject: 1, perUser: 2 } as const;

export interface BurstLimit {
  method: string;
  /** An OpenAPI path template, or `*` for every endpoint of the method. */
  path: string;
  perSecond: number;
}

/** Burst limits (requests per second) per endpoint and method; the first match wins. */
export const BURST_LIMITS: readonly BurstLimit[] = [
  { method: 'POST', path: '/rest/api/3/issue/bulk', perSecond: 10 },
  { method: 'POST', path: '/rest/api/3/issue', perSecond: 50 },
  { method: 'POST', path: '/rest/api/3/search/jql', perSecond: 50 },
  { method: 'GET', path: '/rest/api/3/search/jql', perSecond: 50 },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}', perSecond: 50 },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/transitions', perSecond: 50 },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', perSecond: 100 },
  { method: 'POST', path: '/rest/api/3/issueLink', perSecond: 50 },
  { method: 'PUT', path: '/rest/api/3/app/field/{fieldIdOrKey}/value', perSecond: 50 },
  { method: 'POST', path: '/rest/api/3/app/field/value', perSecond: 50 },
  { method: 'GET', path: '*', perSecond: 100 },
  { method: 'POST', path: '*', perSecond: 100 },
  { method: 'PUT', path: '*', perSecond: 100 },
  { method: 'DELETE', path: '*', perSecond: 50 },
];

export const PER_ISSUE_WRITE_LIMITS: readonly { windowMs: number; max: number }[] = [
  { windowMs: 2_000, max: 20 },
  { windowMs: 30_000, max: 100 },
];

export type RateLimitReason = 'jira-quota-global-based' | 'jira-burst-based' | 'jira-per-issue-on-write';

export interface RateLimitRejection {
  reason: RateLimitReason;
  limit: number;
  retryAfterSeconds: number;
  resetAt: number;
}

export function pointsFor(returned: Returned | undefined): number {
  return (
    POINTS.base +
    POINTS.perIssue * (returned?.issues ?? 0) +
    POINTS.perProject * (returned?.projects ?? 0) +
    POINTS.perUser * (returned?.users ?? 0)
  );
}

export function burstLimitFor(method: string, template: string): BurstLimit {
  const upper = method.toUpperCase();
  return (
    BURST_LIMITS.find((limit) => limit.method === upper && limit.path === template) ??
    BURST_LIMITS.find((limit) => limit.method === upper && limit.path === '*') ?? {
      method: upper,
      path: '*',
      perSecond: 100,
    }
  );
}

/** `yyyy-MM-ddTHH:mmZ`, the format Jira documents for X-RateLimit-Reset. */
function isoMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

export function rateLimitHeaders(rejection: RateLimitRejection): Record<string, string> {
  return {
    'Retry-After': String(rejection.retryAfterSeconds),
    'X-RateLimit-Limit': String(rejection.limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': isoMinute(rejection.resetAt),
    'RateLimit-Reason': rejection.reason,
  };
}

const HOUR_MS = 3_600_000;

export class RateLimiter {
  private enabled = false;
  private readonly burstHits = new Map<string, number[]>();
  private readonly issueWrites = new Map<string, number[]>();
  private quotaHour = -1;
  private quotaUsed = 0;

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** Switching limiting on or off starts from clean windows and an unused quota. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.burstHits.clear();
    this.issueWrites.clear();
    this.quotaHour = -1;
    this.quotaUsed = 0;
  }

  /**
   * Admits a request or says why not. An admitted request is counted against its burst window and
   * against the write windows of the issues it writes.
   */
  admit(method: string, template: string, writtenIssueIds: string[], now: number): RateLimitRejection | null {
    if (!this.enabled) return null;
    this.rollQuota(now);
    if (this.quotaUsed >= HOURLY_POINTS_QUOTA) {
      const resetAt = (this.quotaHour + 1) * HOUR_MS;
      return {
        reason: 'jira-quota-global-based',
        limit: HOURLY_POINTS_QUOTA,
        retryAfterSeconds: seconds(resetAt - now),
        resetAt,
      };
    }
    const burst = burstLimitFor(method, template);
    const burstKey = `${method.toUpperCase()} ${template}`;
    const hits = recent(this.burstHits.get(burstKey) ?? [], now, 1_000);
    if (hits.length >= burst.perSecond) {
      const resetAt = (hits[0] ?? now) + 1_000;
      return {
        reason: 'jira-burst-based',
        limit: burst.perSecond,
        retryAfterSeconds: seconds(resetAt - now),
        resetAt,
      };
    }
    for (const issueId of writtenIssueIds) {
      const writes = this.issueWrites.get(issueId) ?? [];
      for (const window of PER_ISSUE_WRITE_LIMITS) {
        const inWindow = recent(writes, now, window.windowMs);
        if (inWindow.length >= window.max) {
          const resetAt = (inWindow[0] ?? now) + window.windowMs;
          return {
            reason: 'jira-per-issue-on-write',
            limit: window.max,
            retryAfterSeconds: seconds(resetAt - now),
            resetAt,
          };
        }
      }
    }
    this.burstHits.set(burstKey, [...hits, now]);
    const longest = Math.max(...PER_ISSUE_WRITE_LIMITS.map((window) => window.windowMs));
    for (const issueId of writtenIssueIds) {
      this.issueWrites.set(issueId, [...recent(this.issueWrites.get(issueId) ?? [], now, longest), now]);
    }
    return null;
  }

  /** Charges an answered request's points to the hourly quota. */
  charge(points: number, now: number): void {
    if (!this.enabled) return;
    this.rollQuota(now);
    this.quotaUsed += points;
  }

  private rollQuota(now: number): void {
    const hour = Math.floor(now / HOUR_MS);
    if (hour !== this.quotaHour) {
      this.quotaHour = hour;
      this.quotaUsed = 0;
    }
  }
}

function recent(timestamps: number[], now: number, windowMs: number): number[] {
  return timestamps.filter((at) => at > now - windowMs && at <= now);
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
