import { ForgeKvsAPIError } from '@forge/kvs';

/**
 * Forge's storage quotas are counted per minute (4,000 read and 4,000 write units, docs/forge-notes.md),
 * so a request refused with 429 succeeds once the next minute starts: work waits that long.
 */
export const STORAGE_RETRY_AFTER_SECONDS = 60;

/** Did Forge's storage refuse this request for being over a quota (429 RATE_LIMIT_EXCEEDED)? */
export function isStorageRateLimited(error: unknown): boolean {
  return (
    error instanceof ForgeKvsAPIError &&
    (error.code === 'RATE_LIMIT_EXCEEDED' || error.responseDetails?.status === 429)
  );
}
