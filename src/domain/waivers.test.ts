import { DEFAULT_TEMPLATE } from './default-template';
import { freshPilot, pilotWith, waiver } from './test-support/snapshots';
import type { Waiver } from './types';
import {
  MAX_WAIVERS_IN_FORCE,
  activeWaivers,
  isCriterionWaived,
  isWaiverActive,
  validateWaiverRequest,
  waiverExpiryRange,
  waiversWith,
} from './waivers';

const TODAY = '2026-02-15';

describe('isWaiverActive (§7: the expiry date is the first day the gate blocks again)', () => {
  test.each([
    ['expiring today', '2026-02-15', '2026-02-15', false],
    ['expiring tomorrow', '2026-02-16', '2026-02-15', true],
    ['expired yesterday', '2026-02-14', '2026-02-15', false],
    ['expiring on 1 January, on 31 December', '2027-01-01', '2026-12-31', true],
    ['expiring on 1 January, on 1 January', '2027-01-01', '2027-01-01', false],
    ['expiring on a leap day, the day before', '2028-02-29', '2028-02-28', true],
    ['expiring on a leap day, that day', '2028-02-29', '2028-02-29', false],
    ['expiring on 1 March of a leap year, on the leap day', '2028-03-01', '2028-02-29', true],
    ['with a malformed expiry', '2026-02-30', '2026-02-15', false],
  ])('a waiver %s: %p on %p → %p', (_label, expires, today, active) => {
    expect(isWaiverActive({ expires }, today)).toBe(active);
  });
});

describe('activeWaivers', () => {
  it('keeps only the waivers that still hold', () => {
    const { waivers } = pilotWith(
      waiver('production-deployment', { type: 'data-access' }, '2026-02-15'),
      waiver('production-deployment', { type: 'reviews' }, '2026-02-16'),
    );
    expect(activeWaivers(waivers, TODAY).map((held) => held.id)).toEqual(['waiver-2']);
  });
});

describe('isCriterionWaived', () => {
  const { waivers } = pilotWith(
    waiver('load-testing', { type: 'workstream', row: 'mlops' }, '2026-03-01'),
    waiver('production-deployment', { type: 'data-access' }, '2026-02-14'),
  );

  test.each([
    ['the waived row on its milestone', true, 'load-testing', { type: 'workstream', row: 'mlops' } as const],
    ['another row', false, 'load-testing', { type: 'workstream', row: 'monitoring' } as const],
    [
      'the row on another milestone',
      false,
      'production-go-live',
      { type: 'workstream', row: 'mlops' } as const,
    ],
    [
      'data access whose waiver expired yesterday',
      false,
      'production-deployment',
      { type: 'data-access' } as const,
    ],
    ['reviews, never waived', false, 'production-deployment', { type: 'reviews' } as const],
  ])('%s → %p', (_label, waived, milestone, criterion) => {
    expect(isCriterionWaived(waivers, milestone, criterion, TODAY)).toBe(waived);
  });

  it('is false with no waiver at all', () => {
    expect(
      isCriterionWaived(freshPilot().waivers, 'production-deployment', { type: 'data-access' }, TODAY),
    ).toBe(false);
  });
});

describe('validateWaiverRequest', () => {
  const valid = {
    milestone: 'production-deployment',
    criterion: { type: 'data-access' },
    reason: '  Data is covered by the existing vendor contract  ',
    expires: '2026-03-01',
  };

  it('accepts a complete request and trims the reason', () => {
    expect(validateWaiverRequest(valid, TODAY, DEFAULT_TEMPLATE)).toEqual({
      ok: true,
      request: {
        milestone: 'production-deployment',
        criterion: { type: 'data-access' },
        reason: 'Data is covered by the existing vendor contract',
        expires: '2026-03-01',
      },
    });
  });

  test.each([
    ['expiring tomorrow (holds today only)', { expires: '2026-02-16' }],
    ['expiring exactly one year ahead', { expires: '2027-02-15' }],
    [
      'a workstream on its own milestone',
      { milestone: 'load-testing', criterion: { type: 'workstream', row: 'mlops' } },
    ],
    ['one review on production-deployment', { criterion: { type: 'review', kind: 'legal' } }],
    ['a reason of exactly 30 characters in 5 words', { reason: 'Vendor DPA covers it until Q3.' }],
    ['a reason of exactly 1000 characters', { reason: 'Covered by contract. '.repeat(50).slice(0, 1000) }],
  ])('accepts %s', (_label, change) => {
    expect(validateWaiverRequest({ ...valid, ...change }, TODAY, DEFAULT_TEMPLATE).ok).toBe(true);
  });

  const TOO_SHORT =
    'The reason is too short: write at least 30 characters on why the criterion can be waived';
  const TOO_FEW_WORDS =
    'The reason is too short: write a sentence of at least 5 words on why the criterion can be waived';
  test.each([
    ['an empty reason', { reason: '' }, ['Write the reason for the waiver']],
    ['a blank reason', { reason: '   ' }, ['Write the reason for the waiver']],
    ['no reason', { reason: undefined }, ['Write the reason for the waiver']],
    ['a reason too short', { reason: ' too short ' }, [TOO_SHORT]],
    ['a ten-character placeholder', { reason: 'Ten chars!' }, [TOO_SHORT]],
    ['a long reason of one word', { reason: 'r'.repeat(40) }, [TOO_FEW_WORDS]],
    [
      'a reason of 240 KB',
      { reason: 'r'.repeat(240 * 1024) },
      ['The reason is too long: keep it to 1000 characters or fewer'],
    ],
    [
      'an impossible expiry',
      { expires: '2026-02-30' },
      ['The expiry date must be a valid date (YYYY-MM-DD)'],
    ],
    [
      'an expiry in another format',
      { expires: '01/03/2026' },
      ['The expiry date must be a valid date (YYYY-MM-DD)'],
    ],
    ['no expiry', { expires: undefined }, ['Set the expiry date of the waiver']],
    [
      'an expiry yesterday',
      { expires: '2026-02-14' },
      [
        'The expiry date 2026-02-14 is the first day the gate blocks again, so it must be after today (2026-02-15): 2026-02-16 at the earliest',
      ],
    ],
    [
      'an expiry today (it would never hold)',
      { expires: TODAY },
      [
        'The expiry date 2026-02-15 is the first day the gate blocks again, so it must be after today (2026-02-15): 2026-02-16 at the earliest',
      ],
    ],
    [
      'an expiry a year and a day ahead',
      { expires: '2027-02-16' },
      ['The expiry date 2027-02-16 is more than a year ahead: 2027-02-15 at the latest'],
    ],
    [
      'an unknown milestone',
      { milestone: 'go-live' },
      [
        'Unknown milestone "go-live": choose one of demo-sign-off, integration-testing, load-testing, user-rollout, production-deployment, production-go-live',
      ],
    ],
    ['no milestone', { milestone: ' ' }, ['Choose the milestone whose gate the waiver applies to']],
    [
      'a workstream on a milestone it does not belong to',
      { milestone: 'integration-testing', criterion: { type: 'workstream', row: 'mlops' } },
      [
        'Workstream "mlops" must complete before load-testing, not integration-testing: waive it on the load-testing gate',
      ],
    ],
    [
      'an unknown workstream',
      { milestone: 'load-testing', criterion: { type: 'workstream', row: 'catering' } },
      ['Unknown workstream "catering"'],
    ],
    [
      'a workstream criterion without a row',
      { criterion: { type: 'workstream' } },
      ['Choose the workstream to waive'],
    ],
    [
      'data access on another milestone',
      { milestone: 'load-testing' },
      ['Data access can only be waived on the production-deployment gate, not load-testing'],
    ],
    [
      'a review on another milestone',
      { milestone: 'demo-sign-off', criterion: { type: 'review', kind: 'legal' } },
      ['A review can only be waived on the production-deployment gate, not demo-sign-off'],
    ],
    [
      'every review at once',
      { criterion: { type: 'reviews' } },
      ['Waive one review at a time: choose the review kind (a waiver covers one criterion)'],
    ],
    [
      'an unknown review',
      { criterion: { type: 'review', kind: 'astrology' } },
      ['Unknown review "astrology": choose one of security, compliance, legal, privacy, infrastructure'],
    ],
    [
      'no criterion',
      { criterion: undefined },
      ['Choose what to waive: a workstream, data access or one review'],
    ],
    [
      'an unknown criterion',
      { criterion: { type: 'accuracy' } },
      ['Choose what to waive: a workstream, data access or one review'],
    ],
  ])('rejects %s', (_label, change, errors) => {
    expect(validateWaiverRequest({ ...valid, ...change }, TODAY, DEFAULT_TEMPLATE)).toEqual({
      ok: false,
      errors,
    });
  });

  it('reports every problem at once', () => {
    const result = validateWaiverRequest(
      {
        milestone: 'go-live',
        criterion: { type: 'workstream', row: 'mlops' },
        reason: '',
        expires: '2026-01-31',
      },
      TODAY,
      DEFAULT_TEMPLATE,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'Write the reason for the waiver',
        'The expiry date 2026-01-31 is the first day the gate blocks again, so it must be after today (2026-02-15): 2026-02-16 at the earliest',
        'Unknown milestone "go-live": choose one of demo-sign-off, integration-testing, load-testing, user-rollout, production-deployment, production-go-live',
      ],
    });
  });

  test.each([null, 'waive it', 42])('rejects %p as a request', (input) => {
    expect(validateWaiverRequest(input, TODAY, DEFAULT_TEMPLATE)).toEqual({
      ok: false,
      errors: ['Send a waiver request with a milestone, a criterion, a reason and an expiry date'],
    });
  });
});

describe('waiverExpiryRange (§7: at most one year ahead)', () => {
  test.each([
    ['an ordinary day', '2026-02-15', '2026-02-16', '2027-02-15'],
    ['the last day of a year', '2026-12-31', '2027-01-01', '2027-12-31'],
    ['a leap day: a year later is 28 February', '2028-02-29', '2028-03-01', '2029-02-28'],
    ['the day before a leap day', '2027-02-28', '2027-03-01', '2028-02-28'],
  ])('%s (%s): from %s to %s', (_label, today, earliest, latest) => {
    expect(waiverExpiryRange(today)).toEqual({ earliest, latest });
  });

  it('on a leap day, 28 February next year is accepted and 1 March is not', () => {
    const request = {
      milestone: 'production-deployment',
      criterion: { type: 'data-access' },
      reason: 'Data is covered by the existing vendor contract',
    };
    expect(
      validateWaiverRequest({ ...request, expires: '2029-02-28' }, '2028-02-29', DEFAULT_TEMPLATE).ok,
    ).toBe(true);
    expect(
      validateWaiverRequest({ ...request, expires: '2029-03-01' }, '2028-02-29', DEFAULT_TEMPLATE),
    ).toEqual({
      ok: false,
      errors: ['The expiry date 2029-03-01 is more than a year ahead: 2029-02-28 at the latest'],
    });
  });
});

describe('waiversWith: a pilot keeps its waivers in force, bounded', () => {
  const granted = (id: string, criterion: Waiver['criterion'], expires = '2026-06-01'): Waiver => ({
    id,
    milestone: 'production-deployment',
    criterion,
    reason: 'Covered by the vendor contract until June.',
    expires,
    grantedBy: 'decider',
    grantedAt: '2026-02-01T09:00:00.000Z',
  });

  it('drops the expired ones and adds the new one', () => {
    const expired = granted('old', { type: 'data-access' }, '2026-02-10');
    expect(waiversWith([expired], granted('new', { type: 'data-access' }), TODAY)).toEqual({
      ok: true,
      waivers: [granted('new', { type: 'data-access' })],
    });
  });

  it('refuses a second waiver of a criterion already waived on that gate', () => {
    const result = waiversWith(
      [granted('a', { type: 'review', kind: 'legal' })],
      granted('b', { type: 'review', kind: 'legal' }),
      TODAY,
    );
    expect(result).toEqual({
      ok: false,
      error:
        'This criterion is waived already on production-deployment until 2026-06-01: revoke that waiver first to change it',
    });
    expect(
      waiversWith(
        [granted('a', { type: 'review', kind: 'legal' })],
        granted('b', { type: 'review', kind: 'privacy' }),
        TODAY,
      ).ok,
    ).toBe(true);
  });

  it(`refuses more than ${MAX_WAIVERS_IN_FORCE} in force`, () => {
    const full = Array.from({ length: MAX_WAIVERS_IN_FORCE }, (_, index) =>
      granted(`w${index}`, { type: 'workstream', row: `row-${index}` }),
    );
    expect(waiversWith(full, granted('one-more', { type: 'data-access' }), TODAY)).toEqual({
      ok: false,
      error: `This pilot has ${MAX_WAIVERS_IN_FORCE} waivers in force, the most it may have: revoke one first`,
    });
  });
});
