import { addDays, differenceInCalendarDays, format, isValid, parseISO } from 'date-fns';
import { z } from 'zod';
import type { IsoDate } from './types';

const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30, 2026-1-5, times of day). */
export function isValidIsoDate(value: string): boolean {
  if (!ISO_DATE_PATTERN.test(value)) return false;
  const parsed = parseISO(value);
  return isValid(parsed) && format(parsed, 'yyyy-MM-dd') === value;
}

/**
 * Whole calendar days from `from` to `to`: positive when `to` is later.
 * Both dates are parsed as local midnights, so the machine time zone (and its DST) cancels out.
 */
export function calendarDaysFromTo(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** The day `days` calendar days after `date` (before it when negative). */
export function plusDays(date: IsoDate, days: number): IsoDate {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}

/** True when `date` is `reference` or an earlier day. */
export function isOnOrBefore(date: IsoDate, reference: IsoDate): boolean {
  return calendarDaysFromTo(date, reference) >= 0;
}

/** A trimmed `YYYY-MM-DD` text field: `missing` when absent or blank, `invalid` when not a real date. */
export function isoDateField(messages: { missing: string; invalid: string }) {
  return z
    .string({ error: messages.missing })
    .trim()
    .min(1, { error: messages.missing, abort: true })
    .refine(isValidIsoDate, { error: messages.invalid, abort: true });
}

/** A trimmed text field where absent and blank both mean missing. */
export function requiredText(missing: string) {
  return z.string({ error: missing }).trim().min(1, { error: missing });
}
