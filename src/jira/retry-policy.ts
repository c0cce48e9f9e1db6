/**
 * When and how long to wait before repeating a Jira call (Atlassian's rate-limit guidance):
 * honour `Retry-After`, otherwise exponential backoff with full jitter; never beyond the deadline.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Epoch ms after which the invocation must stop waiting and hand the work on. */
  deadline: number;
  random: () => number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  deadline: Date.now() + 20_000,
  random: Math.random,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ...overrides,
});

/** Whether a response status may be retried for a request of this method. */
export function isRetryable(status: number, method: string): boolean {
  if (status === 429) return true; // rate-limited requests are not applied: always safe to repeat
  const idempotent = ['GET', 'PUT', 'DELETE', 'HEAD'].includes(method.toUpperCase());
  return idempotent && (status === 500 || status === 502 || status === 503 || status === 504);
}

/** Milliseconds to wait before attempt number `attempt` (1-based count of failures so far). */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterHeader: string | null): number {
  const retryAfterSeconds = retryAfterHeader === null ? NaN : Number(retryAfterHeader);
  if (Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) {
    // Spread the herd a little past the server's own time, never before it.
    return Math.round(retryAfterSeconds * 1000 * (1 + 0.2 * policy.random()));
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * policy.random());
}
