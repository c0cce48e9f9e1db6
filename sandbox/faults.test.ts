import { FaultInjector, faultKind, parseFaultRules } from './faults';

describe('FaultInjector', () => {
  test('counts faults by kind and the requests the app sends again after one', () => {
    const faults = new FaultInjector({ defaultRateLimitReason: 'jira-burst-based' });
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

  test('names each kind of fault; a 429 without reason by the default reason of its emulator', () => {
    expect(faultKind({ rate: 1, status: 429 }, 'jira-burst-based')).toBe('429 jira-burst-based');
    expect(faultKind({ rate: 1, status: 429 })).toBe('429');
    expect(faultKind({ rate: 1, status: 503 })).toBe('503');
    expect(faultKind({ rate: 1, status: 504, lostResponse: true })).toBe('504 lost response');
  });

  test('match is a substring of the path or of "METHOD path"; method narrows further', () => {
    const faults = new FaultInjector();
    faults.set([{ rate: 1, status: 500, match: 'POST /api/now/table/sc_req_item' }]);
    expect(faults.pick('GET', '/api/now/table/sc_req_item')).toBeNull();
    expect(faults.pick('POST', '/api/now/table/sc_req_item')?.status).toBe(500);
    faults.set([{ rate: 1, status: 503, match: '/issue/bulk', method: 'post' }]);
    expect(faults.pick('GET', '/rest/api/3/issue/bulk')).toBeNull();
    expect(faults.pick('POST', '/rest/api/3/issue/bulk')?.status).toBe(503);
  });

  test('after lets that many matching requests through, times fails at most that many', () => {
    const faults = new FaultInjector();
    faults.set([{ rate: 1, status: 503, match: '/x', after: 2, times: 1 }]);
    const outcomes = [1, 2, 3, 4].map(() => faults.pick('GET', '/x')?.status ?? 200);
    expect(outcomes).toEqual([200, 200, 503, 200]);
    expect(faults.pick('GET', '/y')).toBeNull();
  });

  test('the same seed replays the same failures', () => {
    const run = (seed: number) => {
      const faults = new FaultInjector();
      faults.set([{ rate: 0.5, status: 500 }], { seed });
      return Array.from({ length: 20 }, () => faults.pick('GET', '/x') !== null);
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  test('a bad rule is refused with what is wrong, and changes nothing', () => {
    const faults = new FaultInjector();
    faults.set([{ rate: 1, status: 503 }]);
    expect(() => faults.set([{ rate: 2, status: 503 }])).toThrow(/rate/);
    expect(() => faults.set([{ rate: 1, status: 200 }])).toThrow(/bare/);
    expect(() => parseFaultRules([{ rate: 1, status: 504, afterApply: true }])).toThrow(/afterApply/);
    expect(faults.active).toEqual([{ rate: 1, status: 503 }]);
    expect(parseFaultRules([{ rate: 1, status: 200, bare: true }])).toEqual([
      { rate: 1, status: 200, bare: true },
    ]);
  });
});
