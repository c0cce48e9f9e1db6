import {
  calendarDateInZone,
  isKnownTimeZone,
  pilotDateProblems,
  siteCalendarDate,
  siteToday,
  usableScheduleDates,
} from './site-dates';

describe('a timestamp as a calendar date of the site', () => {
  it.each([
    // The same instant, written in three zones, is one site date.
    ['2026-11-21T23:30:00.000+0000', 'Etc/UTC', '2026-11-21'],
    ['2026-11-22T12:30:00.000+1300', 'Etc/UTC', '2026-11-21'],
    ['2026-11-21T15:30:00.000-0800', 'Etc/UTC', '2026-11-21'],
    // A site in Auckland sees that instant on the next day.
    ['2026-11-21T23:30:00.000+0000', 'Pacific/Auckland', '2026-11-22'],
    // Midnight exactly belongs to the new day.
    ['2026-03-02T00:00:00.000+0000', 'Etc/UTC', '2026-03-02'],
  ])('%s in %s is %s', (timestamp, zone, expected) => {
    expect(siteCalendarDate(timestamp, zone)).toBe(expected);
  });

  it('is null for nothing or for what is not a timestamp', () => {
    expect(siteCalendarDate(null, 'Etc/UTC')).toBeNull();
    expect(siteCalendarDate(undefined, 'Etc/UTC')).toBeNull();
    expect(siteCalendarDate('yesterday', 'Etc/UTC')).toBeNull();
  });

  it('formats an instant in a zone across daylight saving', () => {
    expect(calendarDateInZone(new Date('2026-04-05T13:30:00Z'), 'Pacific/Auckland')).toBe('2026-04-06');
    expect(calendarDateInZone(new Date('2026-04-04T10:30:00Z'), 'Pacific/Auckland')).toBe('2026-04-04');
  });
});

describe('pilot dates a person has to fix (product.md §2)', () => {
  const today = '2026-03-02';
  const dates = (kickoffDate: string | null, dueDate: string | null) => ({
    kickoffDate,
    createdDate: '2026-03-01',
    dueDate,
  });

  it('accepts a kickoff up to 5 years away and a Due date on or after the kickoff', () => {
    expect(pilotDateProblems(dates('2031-03-01', '2031-03-01'), today)).toEqual([]);
    expect(pilotDateProblems(dates(null, '2026-03-01'), today)).toEqual([]);
  });

  it('names the Kickoff date more than 5 years from today, either way', () => {
    expect(pilotDateProblems(dates('9999-12-29', null), today).map((problem) => problem.field)).toEqual([
      'Kickoff date',
    ]);
    expect(pilotDateProblems(dates('2020-01-01', null), today).map((problem) => problem.field)).toEqual([
      'Kickoff date',
    ]);
  });

  it('names a Due date before the kickoff (the creation day when the kickoff is unusable)', () => {
    expect(pilotDateProblems(dates('2026-04-01', '2026-03-31'), today)).toEqual([
      expect.objectContaining({ field: 'Due date', value: '2026-03-31' }),
    ]);
    expect(
      pilotDateProblems(dates('9999-12-29', '2026-02-28'), today).map((problem) => problem.field),
    ).toEqual(['Kickoff date', 'Due date']);
  });

  it('leaves the named dates out of the schedule', () => {
    const bad = dates('9999-12-29', '2026-02-28');
    expect(usableScheduleDates(bad, pilotDateProblems(bad, today))).toEqual({
      ...bad,
      kickoffDate: null,
      dueDate: null,
    });
  });
});

describe("the site's today (product.md §14)", () => {
  it.each([
    ['2026-04-01T23:59:59.999Z', 'Etc/UTC', '2026-04-01'],
    ['2026-04-02T00:00:00.000Z', 'Etc/UTC', '2026-04-02'],
    // 08:00 on 2 April in Auckland is 19:00 on 1 April in UTC.
    ['2026-04-01T19:00:00.000Z', 'Pacific/Auckland', '2026-04-02'],
    // 19:00 on 1 April in Los Angeles is 02:00 on 2 April in UTC.
    ['2026-04-02T02:00:00.000Z', 'America/Los_Angeles', '2026-04-01'],
    ['2026-12-31T13:00:00.000Z', 'Pacific/Auckland', '2027-01-01'],
    ['2027-01-01T07:00:00.000Z', 'America/Los_Angeles', '2026-12-31'],
  ])('%s in %s is %s', (instant, zone, date) => {
    expect(siteToday(new Date(instant), zone)).toBe(date);
  });

  it('knows a zone name from anything else', () => {
    expect(isKnownTimeZone('Pacific/Auckland')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
    expect(isKnownTimeZone(undefined)).toBe(false);
  });
});
