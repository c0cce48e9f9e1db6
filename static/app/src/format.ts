/** Words and dates as the panel shows them. Dates are calendar dates: formatted in UTC, never shifted. */
import { BAND_LABELS as BAND_WORDS, BANDS_BY_URGENCY } from './contract';
import type { ActiveBand, Band, DataAccessState, WaivableCriterion, WorkstreamView } from './contract';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** `2026-11-21` → `21 Nov 2026`; anything unparsable is shown as it came. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const time = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(time) ? isoDate : dateFormat.format(time);
}

export function formatDateTime(timestamp: string | null | undefined): string {
  if (!timestamp) return '';
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? timestamp : dateTimeFormat.format(time);
}

const shareFormat = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

/** `0.4` → `40%`. */
export function formatShare(fraction: number): string {
  return shareFormat.format(fraction);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Band titles as the domain names them ("At risk"). */
export const BAND_LABELS: Record<Band, string> = {
  ready: BAND_WORDS.ready.title,
  'on-track': BAND_WORDS['on-track'].title,
  'at-risk': BAND_WORDS['at-risk'].title,
  purgatory: BAND_WORDS.purgatory.title,
  killed: BAND_WORDS.killed.title,
};

/** Best first: the order the band scale and the roll-up show them in (pilots under way only). */
export const BANDS: readonly ActiveBand[] = [...BANDS_BY_URGENCY].reverse();

export const DATA_ACCESS_STATE_LABELS: Record<DataAccessState, string> = {
  requested: 'Requested',
  'in-progress': 'In progress',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** `production-deployment` → `Production deployment`, for keys the view does not name. */
export function humanize(key: string): string {
  const words = key.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function milestoneName(key: string, milestones: ReadonlyArray<{ key: string; name: string }>): string {
  return milestones.find((milestone) => milestone.key === key)?.name ?? humanize(key);
}

export function criterionLabel(criterion: WaivableCriterion, workstreams: readonly WorkstreamView[]): string {
  if (criterion.type === 'data-access') return 'Data access';
  if (criterion.type === 'reviews') return 'Every review';
  if (criterion.type === 'review') return `${humanize(criterion.kind)} review`;
  const { row } = criterion;
  return workstreams.find((w) => w.row === row)?.workstream ?? humanize(row);
}

export function formatScore(score: number): string {
  return String(Math.round(score * 10) / 10);
}

/** An amount with thousands separators: `4000` → `4,000`. */
export function formatAmount(amount: number): string {
  return amount.toLocaleString('en');
}
