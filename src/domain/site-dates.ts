/**
 * Calendar dates of instants, in the site's time zone (product.md §2): Jira returns timestamps in the
 * caller's zone, so a timestamp is turned into an instant first and only then into the calendar date
 * the site sees. Same instant, same date, whoever read it. Pure: the zone is an argument.
 */
import { tz } from '@date-fns/tz';
import { format, parseISO, isValid } from 'date-fns';
import { calendarDaysFromTo } from './iso-date';
import type { IsoDate } from './types';

/** The zone of a site that never said (provisioning stored before the zone was recorded). */
export const DEFAULT_SITE_TIME_ZONE = 'Etc/UTC';

/** The calendar date of `instant` in `timeZone` (an IANA name such as `Etc/UTC`, `Pacific/Auckland`). */
export function calendarDateInZone(instant: Date, timeZone: string): IsoDate {
  return format(instant, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/**
 * "Today" of the site (product.md §2, §14): the calendar date of `now` in the site's default time zone,
 * never UTC and never the viewer's. Every rule that counts days (the kill clock, waiver expiry,
 * overdue work, the funnel) takes its today from here, so Auckland's day 91 is day 91.
 */
export function siteToday(now: Date, siteTimeZone: string): IsoDate {
  return calendarDateInZone(now, siteTimeZone);
}

/** True for a time zone name the runtime knows (`Pacific/Auckland`); Jira's answer is input, not proof. */
export function isKnownTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * A Jira timestamp (`2026-11-21T23:30:00.000+1300`, whatever zone it was written in) as a calendar
 * date in the site's zone; null when absent or not a timestamp.
 */
export function siteCalendarDate(timestamp: string | null | undefined, siteTimeZone: string): IsoDate | null {
  if (typeof timestamp !== 'string') return null;
  const instant = parseISO(timestamp);
  return isValid(instant) ? calendarDateInZone(instant, siteTimeZone) : null;
}

/** A Jira timestamp (any zone) as milliseconds since the epoch; null when absent or not a timestamp. */
export function jiraInstant(timestamp: string | null | undefined): number | null {
  if (typeof timestamp !== 'string') return null;
  const instant = parseISO(timestamp);
  return isValid(instant) ? instant.getTime() : null;
}

/** How far a kickoff may lie from today before it is taken for a typo (product.md §2). */
export const KICKOFF_MAX_YEARS_AWAY = 5;

/** A pilot date a person has to fix, named by its field (product.md §2). */
export interface DateProblem {
  field: 'Kickoff date' | 'Due date';
  value: IsoDate;
  message: string;
}

/**
 * The dates of a pilot that are not silently accepted: a kickoff more than 5 years from today, a Due
 * date before the kickoff. The schedule leaves such a value out (see `usableScheduleDates`).
 */
export function pilotDateProblems(
  dates: { kickoffDate: IsoDate | null; createdDate: IsoDate; dueDate: IsoDate | null },
  today: IsoDate,
): DateProblem[] {
  const problems: DateProblem[] = [];
  const maxDays = KICKOFF_MAX_YEARS_AWAY * 366;
  const kickoffOk =
    dates.kickoffDate === null || Math.abs(calendarDaysFromTo(today, dates.kickoffDate)) <= maxDays;
  if (!kickoffOk && dates.kickoffDate !== null) {
    problems.push({
      field: 'Kickoff date',
      value: dates.kickoffDate,
      message: `Kickoff date ${dates.kickoffDate} is more than ${KICKOFF_MAX_YEARS_AWAY} years from today (${today}): the dates are counted from the day the pilot was created until it is fixed.`,
    });
  }
  const kickoff = kickoffOk && dates.kickoffDate !== null ? dates.kickoffDate : dates.createdDate;
  if (dates.dueDate !== null && calendarDaysFromTo(kickoff, dates.dueDate) < 0) {
    problems.push({
      field: 'Due date',
      value: dates.dueDate,
      message: `Due date ${dates.dueDate} is before the kickoff (${kickoff}): it is not used as the production deployment target until it is fixed.`,
    });
  }
  return problems;
}

/** Kickoff and Due date with the problem values of `pilotDateProblems` left out. */
export function usableScheduleDates<T extends { kickoffDate: IsoDate | null; dueDate: IsoDate | null }>(
  dates: T,
  problems: readonly DateProblem[],
): T {
  const bad = new Set(problems.map((problem) => problem.field));
  return {
    ...dates,
    kickoffDate: bad.has('Kickoff date') ? null : dates.kickoffDate,
    dueDate: bad.has('Due date') ? null : dates.dueDate,
  };
}
