import { ForgeKvsAPIError } from '@forge/kvs';

/** What @forge/kvs throws when Forge's storage answers 429 (its utils/error-handling.js), for tests above storage. */
export function storageQuotaUsedUp(): ForgeKvsAPIError {
  return new ForgeKvsAPIError(
    {
      status: 429,
      statusText: '',
      traceId: null,
      httpMethod: 'POST',
      httpPath: '/api/v1/query',
      responseBodyLength: 90,
    },
    { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded: 4000 read units used this minute' },
  );
}
