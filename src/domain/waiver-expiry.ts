import { addDays, addYears, format, parseISO } from 'date-fns';
import type { IsoDate } from './types';

/**
 * The earliest and latest expiry a waiver granted today may have (product.md §7): the expiry date
 * is the first day the gate blocks again, so tomorrow at the earliest; and at most one year ahead.
 * Kept apart from waivers.ts so the Custom UI's date picker uses the same bounds without zod.
 */
export function waiverExpiryRange(today: IsoDate): { earliest: IsoDate; latest: IsoDate } {
  const day = parseISO(today);
  return {
    earliest: format(addDays(day, 1), 'yyyy-MM-dd'),
    // A year after 29 February is 28 February (date-fns clamps to the month's last day).
    latest: format(addYears(day, 1), 'yyyy-MM-dd'),
  };
}
