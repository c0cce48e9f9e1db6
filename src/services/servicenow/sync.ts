/**
 * Sync back (product.md §12): the 5-minute poll of the records changed since the last run and the
 * push (a hint, read back from ServiceNow in push.ts) both land here, as versions ServiceNow itself
 * answered. A version whose `sys_mod_count` the app has seen changes nothing; a newer one of a record
 * the app filed updates the app's record, the pilot's remote link, and recomputes the pilot (queued).
 * A record the app did not file (not in its own record of what it filed, or created by another user)
 * is never applied, whatever its correlation fields say; nor is one that no longer carries the
 * pilot's correlation pair (a query on the pair matches every record of a table without it).
 */
import { ownValue } from '../../domain/records';
import { CORRELATION_DISPLAY, carriesCorrelation, mapServiceNowState } from '../../domain/servicenow-tickets';
import { condition, encodedQuery, glideDateTime, parseGlideDateTime } from '../../servicenow/encoded-query';
import type { ServiceNowRecord } from '../../servicenow/client';
import { UNCHANGED } from '../../storage/versioned-record';
import {
  filedRecordBySysId,
  readPollState,
  recordTable,
  updateFiledRecords,
  writePollState,
  type FiledRecord,
  type PollState,
  type ServiceNowConnection,
} from '../../storage/servicenow';
import { openServiceNow, recordsCreatedBy } from './connection';
import { RECORD_FIELDS } from './filing';
import { upsertRemoteLink } from './remote-link';
import { requestRecompute } from '../readiness';

/** One version of a record as the poll reads it or the push sends it. */
export interface RecordVersion {
  sysId: string;
  number?: string;
  stateCode: string;
  modCount: number;
  updatedOn: string;
  /** `sys_created_by`, when read. */
  createdBy?: string;
  /** The correlation pair as ServiceNow answered it ('' for a field the table does not have). */
  correlation: Pick<ServiceNowRecord, 'correlation_id' | 'correlation_display'>;
}

export interface ApplyOutcome {
  /** Versions newer than what the app knew. */
  changed: number;
  /** Versions already seen, or of records the app did not file. */
  skipped: number;
  pilots: string[];
}

export function versionOf(record: ServiceNowRecord): RecordVersion | undefined {
  if (!record.sys_id) return undefined;
  return {
    sysId: record.sys_id,
    number: record.number,
    stateCode: record.state ?? '',
    modCount: Number(record.sys_mod_count ?? 0),
    updatedOn: record.sys_updated_on ?? '',
    ...(record.sys_created_by ? { createdBy: record.sys_created_by } : {}),
    correlation: {
      correlation_id: record.correlation_id ?? '',
      correlation_display: record.correlation_display ?? '',
    },
  };
}

/**
 * The app's record after a newer version: its state, and when it was decided (approved or rejected:
 * when ServiceNow last updated it into that state), so "open for N days" stops there.
 */
function withVersion(
  filed: FiledRecord,
  version: RecordVersion,
  connection: ServiceNowConnection,
  now: Date,
): FiledRecord {
  const stateOf = (code: string) =>
    mapServiceNowState(code, ownValue(connection.stateMaps, filed.table) ?? {}).state;
  const state = stateOf(version.stateCode);
  const decided = state === 'approved' || state === 'rejected';
  const sameDecision = decided && stateOf(filed.stateCode) === state && filed.decidedAt;
  return {
    ...filed,
    number: (version.number || filed.number).slice(0, 40),
    stateCode: version.stateCode.slice(0, 40),
    modCount: version.modCount,
    updatedOn: (version.updatedOn || filed.updatedOn).slice(0, 40),
    syncedAt: now.toISOString(),
    decidedAt: !decided
      ? null
      : sameDecision
        ? filed.decidedAt
        : (parseGlideDateTime(version.updatedOn) ?? now).toISOString(),
  };
}

/** Applies versions: newer ones update the app's record and the remote link; the pilots are recomputed once each. */
export async function applyVersions(
  versions: readonly RecordVersion[],
  connection: ServiceNowConnection,
  now: Date,
): Promise<ApplyOutcome> {
  const pilots = new Set<string>();
  const createdBy = await recordsCreatedBy(connection);
  const host = new URL(connection.instanceUrl).host;
  let changed = 0;
  for (const version of versions) {
    const filed = await filedRecordBySysId(version.sysId);
    if (!filed || filed.instanceHost !== host || version.modCount <= filed.modCount) continue;
    if (createdBy && version.createdBy && version.createdBy !== createdBy) continue;
    if (!carriesCorrelation(version.correlation, filed.pilotId)) continue;
    const next = withVersion(filed, version, connection, now);
    // The remote link first: the record saved with its new sys_mod_count is what tells the poll this
    // version was applied, so it must not be saved before the link is (a failed link is retried).
    if (next.stateCode !== filed.stateCode || next.number !== filed.number)
      await upsertRemoteLink(next, connection);
    await updateFiledRecords(filed.pilotId, (records) => {
      const held = records.find((record) => record.sysId === version.sysId);
      // The poll and a push may apply versions at once: only a newer one replaces what is held.
      if (!held || version.modCount <= held.modCount) return UNCHANGED;
      return records.map((record) =>
        record === held ? withVersion(held, version, connection, now) : record,
      );
    });
    pilots.add(filed.pilotId);
    changed += 1;
  }
  for (const pilotId of pilots) await requestRecompute(pilotId, { actorAccountId: 'servicenow' }, now);
  return { changed, skipped: versions.length - changed, pilots: [...pilots] };
}

/** The overlap of consecutive poll windows: a record changed while the last run read is read again. */
export const POLL_OVERLAP_MS = 60_000;
export const POLL_PAGE_SIZE = 100;

export interface PollOutcome {
  status: 'not-connected' | 'done' | 'failed';
  calls: number;
  pages: number;
  read: number;
  changed: number;
  skipped: number;
  error?: string;
}

/**
 * Reads the app's records changed since the last run (minus the overlap), page by page by `Link`;
 * after each page the cursor moves, so a run that fails resumes where it stopped.
 */
export async function pollServiceNow(now: Date): Promise<PollOutcome> {
  const connected = await openServiceNow();
  if (!connected) return { status: 'not-connected', calls: 0, pages: 0, read: 0, changed: 0, skipped: 0 };
  const { connection, client } = connected;
  const state = await readPollState();
  const conditions = [condition('correlation_display', '=', CORRELATION_DISPLAY)];
  if (state.since) conditions.push(condition('sys_updated_on', '>=', state.since));
  const query = encodedQuery(conditions, [{ field: 'sys_updated_on' }, { field: 'sys_id' }]);
  const outcome: PollOutcome = { status: 'done', calls: 0, pages: 0, read: 0, changed: 0, skipped: 0 };
  let cursor: PollState = state;
  try {
    for await (const page of client.pages(recordTable(connection.filing), {
      query,
      fields: RECORD_FIELDS,
      limit: POLL_PAGE_SIZE,
    })) {
      const versions = page.records.map(versionOf).filter((v): v is RecordVersion => v !== undefined);
      const applied = await applyVersions(versions, connection, now);
      outcome.pages += 1;
      outcome.read += versions.length;
      outcome.changed += applied.changed;
      outcome.skipped += applied.skipped;
      const last = versions.at(-1)?.updatedOn;
      // Resume point: the newest change read so far (inclusive); seen versions are skipped next time.
      if (last) cursor = { ...cursor, since: last };
      await writePollState(cursor);
    }
    // Done: the next run reads from a minute before this one began (the overlapping window).
    await writePollState({
      since: glideDateTime(new Date(now.getTime() - POLL_OVERLAP_MS)),
      lastSuccessAt: now.toISOString(),
      failingSince: null,
      lastError: null,
    });
  } catch (error) {
    outcome.status = 'failed';
    outcome.error = error instanceof Error ? error.message : String(error);
    await writePollState({
      ...cursor,
      failingSince: cursor.failingSince ?? now.toISOString(),
      lastError: outcome.error,
    });
  }
  outcome.calls = client.calls;
  return outcome;
}
