import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { releaseLease, tryAcquireLease } from './lock';

jest.mock('@forge/kvs', () => ({
  ...jest.requireActual<object>('@forge/kvs'),
  kvs: { set: jest.fn(), get: jest.fn(), delete: jest.fn() },
}));

const storage = jest.mocked(kvs);

/** What @forge/kvs throws when Forge's storage answers 429 (utils/error-handling.js). */
function overQuota(path: string): ForgeKvsAPIError {
  return new ForgeKvsAPIError(
    {
      status: 429,
      statusText: '',
      traceId: null,
      httpMethod: 'POST',
      httpPath: path,
      responseBodyLength: 90,
    },
    { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
  );
}

beforeEach(() => {
  jest.resetAllMocks();
  storage.set.mockResolvedValue(undefined as never);
  storage.delete.mockResolvedValue(undefined);
});

test("a lease is released without a read, so the minute's used-up read units cannot leave it standing", async () => {
  storage.get.mockRejectedValue(overQuota('/api/v1/get'));
  const lease = await tryAcquireLease('pilot:1:recompute-lock', 'holder-1', 120);
  expect(lease).toBeDefined();
  await releaseLease(lease!);
  expect(storage.delete).toHaveBeenCalledWith('pilot:1:recompute-lock');
  expect(storage.get).not.toHaveBeenCalled();
});

test('a release refused for too many requests a second is tried once more', async () => {
  storage.delete.mockRejectedValueOnce(overQuota('/api/v1/delete'));
  const lease = await tryAcquireLease('pilot:1:generation-lock', 'holder-1', 120);
  await releaseLease(lease!);
  expect(storage.delete).toHaveBeenCalledTimes(2);
});

test('a lease that may have expired is deleted only while it is still its holder’s', async () => {
  storage.get.mockResolvedValue({ holder: 'holder-2' } as never);
  await releaseLease({ key: 'pilot:1:recompute-lock', holder: 'holder-1', expiresAtMs: Date.now() - 1 });
  expect(storage.delete).not.toHaveBeenCalled();
});

test('another holder’s lease is not acquired', async () => {
  storage.set.mockRejectedValue(new Error('key exists'));
  storage.get.mockResolvedValue({ holder: 'holder-2' } as never);
  await expect(tryAcquireLease('pilot:1:recompute-lock', 'holder-1', 120)).resolves.toBeUndefined();
});
