import { defaultRetryPolicy, isRetryable, retryDelayMs } from './retry-policy';

describe('isRetryable', () => {
  const ISSUE = '/rest/api/3/issue/AIP-1';
  const BULK = '/rest/api/3/issue/bulk';
  const SEARCH = '/rest/api/3/search/jql';
  it.each([
    [429, 'POST', BULK, true],
    [429, 'GET', ISSUE, true],
    [503, 'GET', ISSUE, true],
    [500, 'PUT', ISSUE, true],
    [502, 'POST', BULK, false], // a failed create may have happened: the caller re-plans instead
    [503, 'POST', `${ISSUE}/comment`, false],
    [503, 'POST', SEARCH, true], // JQL search is a read, whatever its method
    [500, 'post', `${SEARCH}?validation=strict`, true],
    [504, 'POST', '/rest/api/3/search/jql/extra', false],
    [400, 'POST', SEARCH, false],
    [400, 'GET', ISSUE, false],
    [404, 'GET', ISSUE, false],
  ])('status %i on %s %s → %s', (status, method, path, expected) => {
    expect(isRetryable(status, method, path)).toBe(expected);
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
