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

/**
 * POST operations that only read: JQL search and the bulk permission check take their question in
 * the body, so repeating them after a 5xx changes nothing on the site.
 */
const READ_ONLY_POSTS = new Set(['/rest/api/3/search/jql', '/rest/api/3/permissions/check']);

/** Whether repeating the request can change nothing that the first attempt may have changed. */
export function isSafeToRepeat(method: string, path: string): boolean {
  const verb = method.toUpperCase();
  if (['GET', 'PUT', 'DELETE', 'HEAD'].includes(verb)) return true;
  return verb === 'POST' && READ_ONLY_POSTS.has(path.split('?')[0] ?? '');
}

/**
 * Whether a response status may be retried for this request (method and path, query string
 * ignored): 429 always (a rate-limited request was not applied), 5xx when repeating is safe.
 */
export function isRetryable(status: number, method: string, path: string): boolean {
  if (status === 429) return true;
  return (
    isSafeToRepeat(method, path) && (status === 500 || status === 502 || status === 503 || status === 504)
  );
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
