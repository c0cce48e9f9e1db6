import { RetryLaterError } from '../../jira/errors';
import { storageQuotaUsedUp } from '../../storage/test-support/storage-errors';
import { toResolverError } from '../errors';
import { runRequestedRecompute } from '../readiness';
import { runQueuedJob } from './pilot-jobs';

jest.mock('../readiness', () => ({
  recomputeSerialized: jest.fn(),
  runDailyBatch: jest.fn(),
  runRequestedRecompute: jest.fn(),
}));

const recompute = jest.mocked(runRequestedRecompute);

const job = { kind: 'recompute', pilotId: '10001' } as const;
const firstDelivery = { retryCount: 0, invocationId: 'delivery-1' };
const now = new Date('2026-03-02T09:00:00Z');

describe('a queued job that meets a used-up quota', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  test('storage over its per-minute units: delivered again after the next minute starts, not logged as a failure', async () => {
    recompute.mockRejectedValueOnce(storageQuotaUsedUp());
    await expect(runQueuedJob(job, firstDelivery, now)).resolves.toEqual({
      status: 'retry',
      afterSeconds: 60,
      rateLimited: true,
    });
    expect(logged).not.toHaveBeenCalled();
  });

  test("Jira's rate limit: delivered again after the wait Jira asked for", async () => {
    recompute.mockRejectedValueOnce(new RetryLaterError(17, 'Tier 1 quota'));
    await expect(runQueuedJob(job, firstDelivery, now)).resolves.toEqual({
      status: 'retry',
      afterSeconds: 17,
      rateLimited: true,
    });
  });

  test('any other failure is logged and retried as a failure', async () => {
    recompute.mockRejectedValueOnce(new Error('boom'));
    await expect(runQueuedJob(job, firstDelivery, now)).resolves.toEqual({
      status: 'retry',
      afterSeconds: 60,
      rateLimited: false,
    });
    expect(logged).toHaveBeenCalledTimes(1);
  });

  test('a resolver meeting storage over its quota tells the person to try again in a minute', () => {
    expect(toResolverError(storageQuotaUsedUp(), 'AIP-1')).toEqual({
      code: 'rate-limited',
      message: 'Pilot Pathway is busy right now; try again in 60 seconds.',
    });
    expect(logged).not.toHaveBeenCalled();
  });
});
