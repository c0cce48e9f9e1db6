/**
 * ServiceNow data-access tickets (product.md §4, §12): only records the app itself filed count; a
 * remote link that merely looks like one (same globalId prefix) earns nothing, and the panel says why.
 * A state the mapping does not know is "unknown (<value>)" and counts as requested, never guessed.
 */
import { serviceNowDataAccessState, type ServiceNowStateMap } from './states';
import type { DataAccessState, DataAccessTicket } from './types';
import { ownValue } from './records';
import { calendarDateInZone } from './site-dates';

export const SERVICENOW_GLOBAL_ID_PREFIX = 'pilot-pathway:servicenow:';
export const CORRELATION_DISPLAY = 'Pilot Pathway';
/** The fields that mark a record as one the app filed for a pilot: the filing table must have both. */
export const CORRELATION_FIELDS = ['correlation_id', 'correlation_display'] as const;

/**
 * Whether a record ServiceNow answered carries the pilot's correlation pair. ServiceNow drops a query
 * condition on a field the table lacks (and may then answer every record), so what a query on the
 * pair returns is checked again here before it is adopted or applied.
 */
export function carriesCorrelation(
  record: Readonly<Partial<Record<(typeof CORRELATION_FIELDS)[number], string>>>,
  pilotId: string,
): boolean {
  return record.correlation_id === pilotId && record.correlation_display === CORRELATION_DISPLAY;
}

/** The correlation fields a table lacks, given the names of its fields. */
export function missingCorrelationFields(fields: readonly string[]): string[] {
  return CORRELATION_FIELDS.filter((field) => !fields.includes(field));
}

/** What the domain needs of a record the app filed. */
export interface FiledServiceNowRecord {
  globalId: string;
  table: string;
  number: string;
  /** The data source the request is for: only the newest request per data source counts. */
  dataSource: string;
  stateCode: string;
  /** ISO timestamp. */
  filedAt: string;
  /** ISO timestamp: when the app last learned the state. */
  syncedAt: string;
  /** ISO timestamp: when ServiceNow approved or rejected it (its "open for N days" stops there). */
  decidedAt?: string | null;
  url: string;
}

export interface RemoteLinkLike {
  globalId?: string;
  object: { title: string; url: string };
}

export interface IgnoredServiceNowLink {
  title: string;
  url: string;
  reason: string;
}

/** Look-alike links kept for the panel to name (anyone who can edit a pilot can add links). */
export const IGNORED_LINKS_SHOWN = 20;
/** A look-alike link's title and address as kept: enough to recognise it, never a whole document. */
export const IGNORED_LINK_TITLE_LENGTH = 200;
export const IGNORED_LINK_URL_LENGTH = 500;
/** Requests a pilot may have in ServiceNow, superseded ones included (product.md §14: bounded records). */
export const MAX_SERVICENOW_REQUESTS = 50;

const NOT_FILED_BY_THE_APP =
  'Pilot Pathway did not file this ServiceNow record, so it does not count towards readiness: file data-access requests from this panel.';

/** `pilot-pathway:servicenow:<instance host>:<table>:<sys_id>` */
export function serviceNowGlobalId(instanceHost: string, table: string, sysId: string): string {
  return `${SERVICENOW_GLOBAL_ID_PREFIX}${instanceHost}:${table}:${sysId}`;
}

/**
 * A catalog order's justification as the app sends it: a first line naming the app's reference for
 * this order and the pilot, then the requester's words. ServiceNow's `order_now` takes only the
 * item's variables, so this line is how a retry recognises an order whose answer it never got.
 */
export function catalogJustification(reference: string, pilotKey: string, justification: string): string {
  return `${orderReferenceLine(reference, pilotKey)}\n${justification}`;
}

/**
 * Whether a requested item's justification variable is the one the app sent with this reference
 * (its first line; a text area may come back with `\r\n` line ends).
 */
export function carriesOrderReference(justification: string, reference: string, pilotKey: string): boolean {
  return justification.split(/\r?\n/, 1)[0]?.trim() === orderReferenceLine(reference, pilotKey);
}

function orderReferenceLine(reference: string, pilotKey: string): string {
  return `Pilot Pathway request ${reference} for ${pilotKey}`;
}

export interface MappedState {
  state: DataAccessState;
  /** Set when the mapping does not know the value. */
  unknownState?: string;
}

export function mapServiceNowState(stateCode: string, mapping: ServiceNowStateMap): MappedState {
  const state = serviceNowDataAccessState(stateCode, mapping);
  return state ? { state } : { state: 'requested', unknownState: stateCode.trim() || 'empty' };
}

/** The words for a state: "approved", or "unknown (9)". */
export function serviceNowStateWords(mapped: MappedState): string {
  return mapped.unknownState !== undefined ? `unknown (${mapped.unknownState})` : mapped.state;
}

/** The one request of each data source that counts: its newest (product.md §4). */
export function newestPerDataSource<T extends { dataSource: string; filedAt: string }>(
  records: readonly T[],
): { current: T[]; superseded: T[] } {
  const newest = new Map<string, T>();
  for (const record of records) {
    const held = newest.get(sourceKey(record.dataSource));
    if (!held || held.filedAt <= record.filedAt) newest.set(sourceKey(record.dataSource), record);
  }
  const current = new Set(newest.values());
  return {
    current: records.filter((record) => current.has(record)),
    superseded: records.filter((record) => !current.has(record)),
  };
}

/** Data sources are told apart as people write them, case and surrounding spaces aside. */
function sourceKey(dataSource: string): string {
  return dataSource.trim().toLowerCase();
}

/** The request that counts for this data source, if any was filed. */
export function currentRequestFor<T extends { dataSource: string; filedAt: string }>(
  records: readonly T[],
  dataSource: string,
): T | undefined {
  return newestPerDataSource(records).current.find(
    (record) => sourceKey(record.dataSource) === sourceKey(dataSource),
  );
}

/**
 * The pilot's records with `record` added, or in place of the one with its sys_id. Past the limit,
 * superseded requests (history) make room, oldest first; when every request still counts, null:
 * the request is refused rather than any record dropped.
 */
export function recordsWithFiled<T extends { sysId: string; dataSource: string; filedAt: string }>(
  records: readonly T[],
  record: T,
  limit = MAX_SERVICENOW_REQUESTS,
): T[] | null {
  const next = [...records.filter((held) => held.sysId !== record.sysId), record];
  if (next.length <= limit) return next;
  const history = newestPerDataSource(next)
    .superseded.slice()
    .sort((a, b) => a.filedAt.localeCompare(b.filedAt));
  const dropped = new Set(history.slice(0, next.length - limit));
  return next.length - dropped.size <= limit ? next.filter((held) => !dropped.has(held)) : null;
}

function ticketOf(
  record: FiledServiceNowRecord,
  stateMaps: Readonly<Record<string, ServiceNowStateMap>>,
  lastConfirmedAt: string | null,
  siteTimeZone: string,
): DataAccessTicket {
  const mapped = mapServiceNowState(record.stateCode, ownValue(stateMaps, record.table) ?? {});
  const asOf = lastConfirmedAt && lastConfirmedAt > record.syncedAt ? lastConfirmedAt : record.syncedAt;
  const decided = mapped.state === 'approved' || mapped.state === 'rejected';
  return {
    source: 'servicenow',
    key: record.number,
    state: mapped.state,
    openedDate: calendarDateInZone(new Date(record.filedAt), siteTimeZone),
    closedDate:
      decided && record.decidedAt ? calendarDateInZone(new Date(record.decidedAt), siteTimeZone) : null,
    url: record.url,
    ...(mapped.unknownState !== undefined ? { unknownState: mapped.unknownState } : {}),
    asOf,
    ...(record.dataSource !== undefined ? { dataSource: record.dataSource } : {}),
  };
}

/** A look-alike link as kept: its title and address cut to a readable length. */
function ignoredLinkOf(link: RemoteLinkLike): IgnoredServiceNowLink {
  return {
    title: link.object.title.slice(0, IGNORED_LINK_TITLE_LENGTH),
    url: link.object.url.slice(0, IGNORED_LINK_URL_LENGTH),
    reason: NOT_FILED_BY_THE_APP,
  };
}

/**
 * The pilot's ServiceNow tickets from the app's own records (the newest request per data source; the
 * superseded ones apart, as history), and the look-alike remote links that earn nothing (the first
 * few, and how many more). `lastConfirmedAt` (the last successful poll) refreshes every "as of".
 */
export function serviceNowTickets(
  filed: readonly FiledServiceNowRecord[],
  remoteLinks: readonly RemoteLinkLike[],
  stateMaps: Readonly<Record<string, ServiceNowStateMap>>,
  lastConfirmedAt: string | null,
  siteTimeZone: string,
): {
  tickets: DataAccessTicket[];
  history: DataAccessTicket[];
  ignored: IgnoredServiceNowLink[];
  moreIgnored: number;
} {
  const ours = new Set(filed.map((record) => record.globalId));
  const { current, superseded } = newestPerDataSource(filed);
  const ticket = (record: FiledServiceNowRecord) =>
    ticketOf(record, stateMaps, lastConfirmedAt, siteTimeZone);
  const lookAlikes = remoteLinks.filter(
    (link) => link.globalId?.startsWith(SERVICENOW_GLOBAL_ID_PREFIX) && !ours.has(link.globalId),
  );
  return {
    tickets: current.map(ticket),
    history: superseded.map(ticket),
    ignored: lookAlikes.slice(0, IGNORED_LINKS_SHOWN).map(ignoredLinkOf),
    moreIgnored: Math.max(0, lookAlikes.length - IGNORED_LINKS_SHOWN),
  };
}
