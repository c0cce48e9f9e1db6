/**
 * ServiceNow data-access tickets (product.md §4, §12): only records the app itself filed count; a
 * remote link that merely looks like one (same globalId prefix) earns nothing, and the panel says why.
 * A state the mapping does not know is "unknown (<value>)" and counts as requested, never guessed.
 */
import { serviceNowDataAccessState, type ServiceNowStateMap } from './states';
import type { DataAccessState, DataAccessTicket, IsoDate } from './types';

export const SERVICENOW_GLOBAL_ID_PREFIX = 'pilot-pathway:servicenow:';
export const CORRELATION_DISPLAY = 'Pilot Pathway';

/** What the domain needs of a record the app filed. */
export interface FiledServiceNowRecord {
  globalId: string;
  table: string;
  number: string;
  stateCode: string;
  /** ISO timestamp. */
  filedAt: string;
  /** ISO timestamp: when the app last learned the state. */
  syncedAt: string;
  url: string;
  /** The data source the request is for, as it was filed. */
  dataSource?: string;
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

/**
 * The pilot's ServiceNow tickets from the app's own records, and the look-alike remote links that
 * earn nothing. `lastConfirmedAt` (the last successful poll) refreshes every record's "as of".
 */
export function serviceNowTickets(
  filed: readonly FiledServiceNowRecord[],
  remoteLinks: readonly RemoteLinkLike[],
  stateMaps: Readonly<Record<string, ServiceNowStateMap>>,
  lastConfirmedAt: string | null,
): { tickets: DataAccessTicket[]; ignored: IgnoredServiceNowLink[] } {
  const ours = new Set(filed.map((record) => record.globalId));
  const tickets = filed.map((record): DataAccessTicket => {
    const mapped = mapServiceNowState(record.stateCode, stateMaps[record.table] ?? {});
    const asOf = lastConfirmedAt && lastConfirmedAt > record.syncedAt ? lastConfirmedAt : record.syncedAt;
    return {
      source: 'servicenow',
      key: record.number,
      state: mapped.state,
      openedDate: record.filedAt.slice(0, 10) as IsoDate,
      url: record.url,
      ...(mapped.unknownState !== undefined ? { unknownState: mapped.unknownState } : {}),
      asOf,
      ...(record.dataSource !== undefined ? { dataSource: record.dataSource } : {}),
    };
  });
  const ignored = remoteLinks
    .filter((link) => link.globalId?.startsWith(SERVICENOW_GLOBAL_ID_PREFIX) && !ours.has(link.globalId))
    .map((link) => ({
      title: link.object.title,
      url: link.object.url,
      reason:
        'Pilot Pathway did not file this ServiceNow record, so it does not count towards readiness: file data-access requests from this panel.',
    }));
  return { tickets, ignored };
}
