/**
 * Sync back (product.md §12): the 5-minute poll of the records changed since the last run and the
 * signed push both land here. A version whose `sys_mod_count` the app has seen changes nothing; a
 * newer one updates the app's record, the pilot's remote link, and recomputes the pilot (queued).
 */
import { CORRELATION_DISPLAY } from '../../domain/servicenow-tickets';
import { condition, encodedQuery, glideDateTime } from '../../servicenow/encoded-query';
import type { ServiceNowRecord } from '../../servicenow/client';
import {
  filedRecordBySysId,
  readPollState,
  recordTable,
  saveFiledRecord,
  writePollState,
  type PollState,
  type ServiceNowConnection,
} from '../../storage/servicenow';
import { openServiceNow } from './connection';
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
  };
}

/** Applies versions: newer ones update the app's record and the remote link; the pilots are recomputed once each. */
export async function applyVersions(
  versions: readonly RecordVersion[],
  connection: ServiceNowConnection,
  now: Date,
): Promise<ApplyOutcome> {
  const pilots = new Set<string>();
  let changed = 0;
  for (const version of versions) {
    const filed = await filedRecordBySysId(version.sysId);
    if (!filed || version.modCount <= filed.modCount) continue;
    const next = {
      ...filed,
      number: version.number || filed.number,
      stateCode: version.stateCode,
      modCount: version.modCount,
      updatedOn: version.updatedOn || filed.updatedOn,
      syncedAt: now.toISOString(),
    };
    // The remote link first: the record saved with its new sys_mod_count is what tells the poll this
    // version was applied, so it must not be saved before the link is (a failed link is retried).
    if (next.stateCode !== filed.stateCode || next.number !== filed.number)
      await upsertRemoteLink(next, connection);
    await saveFiledRecord(next);
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
