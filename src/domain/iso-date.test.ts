import { calendarDaysFromTo, isOnOrBefore, isValidIsoDate } from './iso-date';

describe('isValidIsoDate', () => {
  test.each(['2026-01-05', '2028-02-29', '2026-12-31'])('%s is a calendar date', (value) => {
    expect(isValidIsoDate(value)).toBe(true);
  });

  test.each([
    '2026-02-30',
    '2027-02-29',
    '2026-13-01',
    '2026-1-5',
    '20260105',
    '2026-01-05T10:00',
    ' 2026-01-05',
    '',
    'tomorrow',
    '0000-01-01',
  ])('%p is not', (value) => {
    expect(isValidIsoDate(value)).toBe(false);
  });
});

describe('calendarDaysFromTo (same in every machine time zone)', () => {
  test.each([
    ['2026-01-05', '2026-01-05', 0],
    ['2026-01-31', '2026-02-01', 1],
    ['2026-02-28', '2026-03-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-12-31', '2027-01-01', 1],
    ['2027-01-01', '2026-12-31', -1],
    ['2026-03-07', '2026-03-09', 2], // US daylight saving starts on 8 March 2026
    ['2026-04-04', '2026-04-06', 2], // New Zealand daylight saving ends on 5 April 2026
    ['2026-09-26', '2026-09-28', 2], // New Zealand daylight saving starts on 27 September 2026
  ])('%s → %s is %d days', (from, to, days) => {
    expect(calendarDaysFromTo(from, to)).toBe(days);
  });
});

describe('isOnOrBefore', () => {
  it('includes the same day', () => {
    expect(isOnOrBefore('2026-03-01', '2026-03-01')).toBe(true);
    expect(isOnOrBefore('2026-02-28', '2026-03-01')).toBe(true);
    expect(isOnOrBefore('2026-03-02', '2026-03-01')).toBe(false);
  });
});
