import { RetryLaterError } from '../../jira/errors';
import { isStorageRateLimited, STORAGE_RETRY_AFTER_SECONDS } from '../../storage/rate-limit';

/**
 * How long to wait before trying work again that failed only because a quota was used up (Jira's
 * rate limit outlasting the invocation, or Forge storage's per-minute units), or undefined for any
 * other failure. Such work is handed on to a later delivery, never logged as an error.
 */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (error instanceof RetryLaterError) return error.retryAfterSeconds;
  if (isStorageRateLimited(error)) return STORAGE_RETRY_AFTER_SECONDS;
  return undefined;
}
