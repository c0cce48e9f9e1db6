import { kvs } from '@forge/kvs';
import { isStorageRateLimited } from './rate-limit';

/** A lease this invocation holds: its key, its holder id, and when storage lets it expire at the earliest. */
export interface Lease {
  key: string;
  holder: string;
  /** Set only when this invocation wrote the lease itself (it knows when the key expires). */
  expiresAtMs?: number;
}

/**
 * Before its expiry a lease is released without reading it first: the clocks of the function and of
 * storage may differ by this much, so a lease this close to its expiry is read before it is deleted.
 */
const CLOCK_MARGIN_MS = 5_000;
const RATE_LIMITED_RETRY_MS = 1_000;

/**
 * A lease in key-value storage: a conditional write (`FAIL_IF_EXISTS`) with a time to live, so
 * exactly one of several concurrent invocations holds it and a crashed holder frees it by expiry.
 * Undefined when another invocation holds it.
 */
export async function tryAcquireLease(
  key: string,
  holder: string,
  ttlSeconds: number,
): Promise<Lease | undefined> {
  const askedAt = Date.now();
  try {
    await kvs.set(
      key,
      { holder },
      { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } },
    );
    return { key, holder, expiresAtMs: askedAt + ttlSeconds * 1000 };
  } catch (error) {
    // Whatever the error code, the lease is held exactly when the key now exists.
    const current = await kvs.get<{ holder: string }>(key);
    if (current !== undefined) return current.holder === holder ? { key, holder } : undefined;
    throw error;
  }
}

/**
 * Frees the lease. Until it could have expired, the key is this holder's (no one else can write it
 * while it exists), so it is deleted without a read: a release must not need a read unit, or the
 * minute's used-up read quota would leave the lease standing its whole time to live, long after its
 * holder finished, and every other invocation for the pilot waiting on it.
 */
export async function releaseLease(lease: Lease): Promise<void> {
  if (lease.expiresAtMs !== undefined && Date.now() < lease.expiresAtMs - CLOCK_MARGIN_MS) {
    await deleteOnceAdmitted(lease.key);
    return;
  }
  // It may have expired and been taken by another invocation: delete it only if it is still ours.
  const current = await kvs.get<{ holder: string }>(lease.key);
  if (current?.holder === lease.holder) await kvs.delete(lease.key);
}

/**
 * Deletes the key, once more after a second if storage refused the request as over a quota: the
 * requests-a-second quota frees within that second, and a lease left standing would hold up every
 * other invocation for the pilot until it expires.
 */
async function deleteOnceAdmitted(key: string): Promise<void> {
  try {
    await kvs.delete(key);
  } catch (error) {
    if (!isStorageRateLimited(error)) throw error;
    await new Promise((resolve) => setTimeout(resolve, RATE_LIMITED_RETRY_MS));
    await kvs.delete(key);
  }
}

/** Whether some invocation holds the lease now (it frees it when done, or expiry does). */
export async function isLeaseHeld(key: string): Promise<boolean> {
  return (await kvs.get(key)) !== undefined;
}
