import { kvs } from '@forge/kvs';

/**
 * A lease in key-value storage: a conditional write (`FAIL_IF_EXISTS`) with a time to live, so
 * exactly one of several concurrent invocations holds it and a crashed holder frees it by expiry.
 */
export async function tryAcquireLease(key: string, holder: string, ttlSeconds: number): Promise<boolean> {
  try {
    await kvs.set(
      key,
      { holder },
      { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } },
    );
    return true;
  } catch (error) {
    // Whatever the error code, the lease is held exactly when the key now exists.
    const current = await kvs.get<{ holder: string }>(key);
    if (current !== undefined) return current.holder === holder;
    throw error;
  }
}

export async function releaseLease(key: string, holder: string): Promise<void> {
  const current = await kvs.get<{ holder: string }>(key);
  if (current?.holder === holder) await kvs.delete(key);
}

/** Whether some invocation holds the lease now (it frees it when done, or expiry does). */
export async function isLeaseHeld(key: string): Promise<boolean> {
  return (await kvs.get(key)) !== undefined;
}
