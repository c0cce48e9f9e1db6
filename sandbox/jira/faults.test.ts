import { FaultInjector, faultKind } from './faults';

describe('FaultInjector', () => {
  test('counts faults by kind and the requests the app sends again after one', () => {
    const faults = new FaultInjector();
    faults.set([
      { rate: 1, status: 429, reason: 'jira-quota-global-based', times: 1 },
      { rate: 1, status: 504, lostResponse: true, times: 1 },
    ]);
    expect(faults.pick('POST', '/rest/api/3/issue/bulk')?.reason).toBe('jira-quota-global-based');
    expect(faults.pick('POST', '/rest/api/3/issue/bulk')?.lostResponse).toBe(true);
    expect(faults.pick('POST', '/rest/api/3/issue/bulk')).toBeNull();
    expect(faults.pick('GET', '/rest/api/3/myself')).toBeNull();
    expect(faults.counted).toEqual({
      injected: 2,
      byKind: { '429 jira-quota-global-based': 1, '504 lost response': 1 },
      repeated: 2,
    });
  });

  test('names each kind of fault', () => {
    expect(faultKind({ rate: 1, status: 429 })).toBe('429 jira-burst-based');
    expect(faultKind({ rate: 1, status: 503 })).toBe('503');
    expect(faultKind({ rate: 1, status: 504, lostResponse: true })).toBe('504 lost response');
  });
});
