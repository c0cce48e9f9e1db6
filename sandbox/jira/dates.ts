/**
 * Jira's date formats. Jira writes an instant in the time zone of the person calling (their
 * profile's zone; the site's default zone `Etc/UTC` for the app's account), so the same `created`
 * reads `2026-11-21T23:30:00.000+0000` to the app and `2026-11-22T12:30:00.000+1300` to someone in
 * Auckland. The emulator evaluates a JQL date without a time as midnight UTC.
 */
import { SITE_TIME_ZONE } from '../contracts';

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Whether the name is a time zone of the IANA database as Intl knows it (`Pacific/Auckland`, `Etc/UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.trim() !== '';
  } catch {
    return false;
  }
}

/** Minutes east of UTC of a time zone at an instant (IANA data through Intl, DST included). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  // The site's default zone, the app's: no need to ask Intl (slow enough to show on big sites).
  if (timeZone === 'Etc/UTC' || timeZone === 'UTC') return 0;
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * `2026-11-21T10:00:00.000+0000`, as Jira Cloud writes `created`, `updated`, `resolutiondate`,
 * in the caller's time zone.
 */
export function formatJiraDateTime(epochMs: number, timeZone: string = SITE_TIME_ZONE): string {
  const offset = zoneOffsetMinutes(epochMs, timeZone);
  const local = new Date(epochMs + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local}${sign}${hours}${minutes}`;
}

/** `YYYY-MM-DD` calendar date (duedate, date custom fields). */
export function formatDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

const DATE_ONLY = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const DATE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})$/;
const RELATIVE = /^([+-])?((?:\d+[wdhm])+)$/i;

/** A valid `YYYY-MM-DD` date string, or null. */
export function parseCalendarDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return formatDate(ms) === value ? value : null;
}

/**
 * A JQL date operand as epoch ms: absolute `2026-11-21`, `2026/11/21`, `2026-11-21 10:00`, or
 * relative to now `-15m`, `-2d`, `-1w`, `4h`, `-1w2d`. Null when the text is not a date.
 */
export function parseJqlDate(value: string, now: Date): number | null {
  const trimmed = value.trim();
  const dateOnly = DATE_ONLY.exec(trimmed);
  if (dateOnly) return utc(dateOnly[1], dateOnly[2], dateOnly[3], '0', '0');
  const dateTime = DATE_TIME.exec(trimmed);
  if (dateTime) return utc(dateTime[1], dateTime[2], dateTime[3], dateTime[4], dateTime[5]);
  const relative = RELATIVE.exec(trimmed);
  if (relative) {
    const sign = relative[1] === '-' ? -1 : 1;
    let minutes = 0;
    for (const part of (relative[2] ?? '').matchAll(/(\d+)([wdhm])/gi)) {
      const amount = Number(part[1]);
      const unit = (part[2] ?? 'm').toLowerCase();
      minutes += amount * (unit === 'w' ? 7 * 24 * 60 : unit === 'd' ? 24 * 60 : unit === 'h' ? 60 : 1);
    }
    return now.getTime() + sign * minutes * 60_000;
  }
  return null;
}

function utc(y?: string, m?: string, d?: string, h?: string, min?: string): number | null {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(min);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  return new Date(ms).getUTCDate() === day ? ms : null;
}
