import { defaultRetryPolicy, isRetryable, retryDelayMs } from './retry-policy';

describe('isRetryable', () => {
  it.each([
    [429, 'POST', true],
    [429, 'GET', true],
    [503, 'GET', true],
    [500, 'PUT', true],
    [502, 'POST', false], // a failed create may have happened: the caller re-plans instead
    [400, 'GET', false],
    [404, 'GET', false],
  ])('status %i on %s → %s', (status, method, expected) => {
    expect(isRetryable(status, method)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  const policy = (random: number) =>
    defaultRetryPolicy({ random: () => random, baseDelayMs: 500, maxDelayMs: 20_000 });

  it('waits at least Retry-After, plus at most 20 % jitter', () => {
    expect(retryDelayMs(policy(0), 1, '3')).toBe(3000);
    expect(retryDelayMs(policy(0.999), 1, '3')).toBe(3599);
  });

  it('backs off exponentially with full jitter when Jira gives no Retry-After', () => {
    expect(retryDelayMs(policy(1), 1, null)).toBe(500);
    expect(retryDelayMs(policy(1), 3, null)).toBe(2000);
    expect(retryDelayMs(policy(0.5), 3, null)).toBe(1000);
    expect(retryDelayMs(policy(1), 20, null)).toBe(20_000);
  });

  it('ignores a Retry-After that is not a number of seconds', () => {
    expect(retryDelayMs(policy(1), 2, 'soon')).toBe(1000);
  });
});
