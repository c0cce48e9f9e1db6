/**
 * Files a data-access request in ServiceNow for a pilot (product.md §12): a table insert or a
 * Service Catalog order, the record carrying `correlation_id` = the pilot's issue id and
 * `correlation_display` = "Pilot Pathway".
 *
 * Provenance: those fields are only text anyone with access to the table can type, so they prove
 * nothing. Before any create the app stores an intent (a random reference and the time) and writes the
 * reference into the record (its description; a catalog order's justification). A record counts only
 * when the app filed it: one it created itself, or, when a create's answer was lost, one carrying the
 * intent's reference, created since the intent by the connection's own user (`sys_created_by`). A
 * record someone else made with the same correlation fields is never adopted.
 *
 * Only the newest request per data source counts: filing again while it is open finds it (nothing is
 * filed twice); filing again after a rejection files a new request, and the rejected one is history.
 */
import { randomBytes } from 'node:crypto';
import { mapServiceNowState } from '../../domain/servicenow-tickets';
import {
  CORRELATION_DISPLAY,
  CORRELATION_FIELDS,
  MAX_SERVICENOW_REQUESTS,
  carriesCorrelation,
  carriesOrderReference,
  catalogJustification,
  currentRequestFor,
  recordsWithFiled,
  serviceNowGlobalId,
} from '../../domain/servicenow-tickets';
import { ownValue } from '../../domain/records';
import type { ServiceNowClient, ServiceNowRecord } from '../../servicenow/client';
import { condition, encodedQuery, glideDateTime } from '../../servicenow/encoded-query';
import { ServiceNowError } from '../../servicenow/errors';
import {
  deleteFilingIntent,
  forgetFiledRecordIndex,
  indexFiledRecord,
  readFiledRecords,
  readFilingIntent,
  recordTable,
  updateFiledRecords,
  writeFilingIntent,
  writeLearnedIdentity,
  type FiledRecord,
  type FilingIntent,
  type FilingMode,
  type ServiceNowConnection,
} from '../../storage/servicenow';
import { openServiceNow, recordsCreatedBy } from './connection';
import { upsertRemoteLink } from './remote-link';
import { UserFacingError } from '../errors';
import { dataAccessRequestTitle } from '../../domain/data-sources';

export const RECORD_FIELDS = [
  'sys_id',
  'number',
  'state',
  'sys_mod_count',
  'sys_updated_on',
  'sys_created_by',
  ...CORRELATION_FIELDS,
] as const;

export interface ServiceNowFilingInput {
  pilot: { id: string; key: string };
  dataSource: string;
  steward: { accountId: string; displayName: string };
  justification: string;
  actorAccountId: string;
  now: Date;
}

/** The short description names the pilot's key (and the data source, to tell a pilot's requests apart). */
export function shortDescriptionOf(dataSource: string, pilotKey: string): string {
  return dataAccessRequestTitle(dataSource, pilotKey).slice(0, 160);
}

function descriptionOf(input: ServiceNowFilingInput, intent: FilingIntent): string {
  return catalogJustification(
    intent.reference,
    input.pilot.key,
    [
      `Data source: ${input.dataSource}`,
      `Data steward: ${input.steward.displayName} (Jira account ${input.steward.accountId})`,
      `Requested for AI pilot ${input.pilot.key} by Pilot Pathway.`,
      `Justification: ${input.justification}`,
    ].join('\n'),
  );
}

/** The fields that mark a record as the app's record of this request. */
type Correlation = Record<
  'correlation_id' | 'correlation_display' | 'short_description' | 'description',
  string
>;
type CatalogFiling = Extract<FilingMode, { mode: 'catalog' }>;

/** How far ServiceNow's clock may be behind the app's when it stamps a record's `sys_created_on`. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Candidate records read at once when a lost filing is looked for. */
const CANDIDATES_PAGE = 100;

function correlationOf(
  input: ServiceNowFilingInput,
  intent: FilingIntent,
  shortDescription: string,
): Correlation {
  return {
    correlation_id: input.pilot.id,
    correlation_display: CORRELATION_DISPLAY,
    short_description: shortDescription,
    description: descriptionOf(input, intent),
  };
}

/** What a filing knows while it looks for or makes its record. */
interface Filing {
  client: ServiceNowClient;
  connection: ServiceNowConnection;
  input: ServiceNowFilingInput;
  intent: FilingIntent;
  correlation: Correlation;
  /** The connection's own user, when known: only records it created are the app's. */
  createdBy: string | undefined;
  /** Records of this pilot the app keeps already: never adopted a second time. */
  known: ReadonlySet<string>;
}

/** The conditions every adoptable record meets: created since the intent, by the connection's user. */
function provenanceConditions(filing: Filing) {
  const since = new Date(Date.parse(filing.intent.orderedAt) - CLOCK_SKEW_MS);
  return [
    condition('sys_created_on', '>=', glideDateTime(since)),
    ...(filing.createdBy ? [condition('sys_created_by', '=', filing.createdBy)] : []),
  ];
}

/** The one candidate carrying the intent's reference in `field` that the app does not hold yet. */
function carryingReference(filing: Filing, records: ServiceNowRecord[], field: string) {
  const ours = records.filter(
    (record) =>
      record.sys_id &&
      !filing.known.has(record.sys_id) &&
      (!filing.createdBy || record.sys_created_by === filing.createdBy) &&
      carriesOrderReference(record[field] ?? '', filing.intent.reference, filing.input.pilot.key),
  );
  return ours.length === 1 ? ours[0] : undefined;
}

/** The app's record of this request, marked with the correlation pair, if ServiceNow has it. */
async function findMarked(filing: Filing): Promise<ServiceNowRecord | undefined> {
  const page = await filing.client.list(recordTable(filing.connection.filing), {
    query: encodedQuery(
      [
        condition('correlation_id', '=', filing.input.pilot.id),
        condition('correlation_display', '=', CORRELATION_DISPLAY),
        condition('short_description', '=', filing.correlation.short_description),
        ...provenanceConditions(filing),
      ],
      [{ field: 'sys_created_on' }],
    ),
    fields: [...RECORD_FIELDS, 'description'],
    limit: CANDIDATES_PAGE,
  });
  const marked = page.records.filter((record) => carriesCorrelation(record, filing.input.pilot.id));
  return carryingReference(filing, marked, 'description');
}

/**
 * A catalog order placed for this request before (its answer lost, or its marking failed), marked
 * now: the one requested item of the catalog item, created since the intent by the connection's user
 * and not yet marked, whose justification carries the intent's reference.
 */
async function adoptUnmarkedOrder(
  filing: Filing,
  catalog: CatalogFiling,
): Promise<ServiceNowRecord | undefined> {
  const justification = `variables.${catalog.variables.justification}`;
  const page = await filing.client.list(recordTable(catalog), {
    query: encodedQuery(
      [
        condition('cat_item', '=', catalog.catalogItemSysId),
        condition('correlation_id', 'ISEMPTY'),
        ...provenanceConditions(filing),
      ],
      [{ field: 'sys_created_on' }],
    ),
    fields: ['sys_id', 'sys_created_by', 'correlation_id', justification],
    limit: CANDIDATES_PAGE,
  });
  // Unmarked as ServiceNow answers it: a table without the field would have dropped the condition.
  const unmarked = page.records.filter((record) => record.correlation_id === '');
  const item = carryingReference(filing, unmarked, justification);
  return item?.sys_id
    ? filing.client.update(recordTable(catalog), item.sys_id, filing.correlation)
    : undefined;
}

/** Orders the catalog item (the intent noted before), then marks its requested item as the app's. */
async function orderFromCatalog(filing: Filing, catalog: CatalogFiling): Promise<ServiceNowRecord> {
  const { client, input } = filing;
  const order = await client
    .orderNow(catalog.catalogItemSysId, {
      [catalog.variables.dataSource]: input.dataSource,
      [catalog.variables.steward]: input.steward.displayName,
      [catalog.variables.justification]: catalogJustification(
        filing.intent.reference,
        input.pilot.key,
        input.justification,
      ),
    })
    .catch((error: unknown) => forgetIntentIfRefused(filing, error));
  const items = await client.list(recordTable(catalog), {
    query: encodedQuery([condition('request', '=', order.requestSysId)]),
    fields: ['sys_id'],
    limit: 1,
  });
  const item = items.records[0];
  if (!item?.sys_id)
    throw new UserFacingError(
      'servicenow-unreachable',
      `ServiceNow created request ${order.requestNumber} but no requested item for it: check the catalog item on the admin page.`,
    );
  return client.update(recordTable(catalog), item.sys_id, filing.correlation);
}

/** The app's record of this request if ServiceNow has it: marked, or (catalog) ordered but unmarked. */
async function findFiled(filing: Filing): Promise<ServiceNowRecord | undefined> {
  const marked = await findMarked(filing);
  const catalog = filing.connection.filing;
  if (marked || catalog.mode !== 'catalog') return marked;
  return adoptUnmarkedOrder(filing, catalog);
}

/**
 * A create ServiceNow refused for sure (a bad table or item, no permission) made nothing to find later:
 * its intent goes. Rethrows the error.
 */
async function forgetIntentIfRefused(filing: Filing, error: unknown): Promise<never> {
  if (!(error instanceof ServiceNowError && error.outcomeUnknown))
    await deleteFilingIntent(filing.input.pilot.id, filing.correlation.short_description);
  throw error;
}

/** Creates the record (an insert, or an order then its marking). */
async function create(filing: Filing): Promise<ServiceNowRecord> {
  const mode = filing.connection.filing;
  return mode.mode === 'table'
    ? filing.client
        .create(mode.table, filing.correlation)
        .catch((error: unknown) => forgetIntentIfRefused(filing, error))
    : orderFromCatalog(filing, mode);
}

/** The request of this data source that counts, when it is still open or approved: filed already. */
function openRequest(
  records: readonly FiledRecord[],
  input: ServiceNowFilingInput,
  connection: ServiceNowConnection,
) {
  const current = currentRequestFor(records, input.dataSource);
  if (!current) return undefined;
  const state = mapServiceNowState(current.stateCode, ownValue(connection.stateMaps, current.table) ?? {});
  return state.state === 'rejected' ? undefined : current;
}

function refuseWhenFull(records: readonly FiledRecord[], candidate: FiledRecord): void {
  if (recordsWithFiled(records, candidate) === null)
    throw new UserFacingError(
      'invalid-input',
      `This pilot already has ${MAX_SERVICENOW_REQUESTS} ServiceNow requests that count: nothing was filed. Use one of them, or ask a ServiceNow admin to close the ones it no longer needs.`,
      { dataSource: `At most ${MAX_SERVICENOW_REQUESTS} ServiceNow requests per pilot` },
    );
}

/** Files (or finds) the request, keeps the app's own record of it, and links it to the pilot. */
export async function fileServiceNowRequest(input: ServiceNowFilingInput): Promise<FiledRecord> {
  const connected = await openServiceNow();
  if (!connected)
    throw new UserFacingError(
      'invalid-input',
      'ServiceNow is not connected: a Jira admin connects it on the Pilot Pathway admin page.',
      { target: 'ServiceNow is not connected yet: file the request in Jira' },
    );
  const { connection, client } = connected;
  const records = await readFiledRecords(input.pilot.id);
  const open = openRequest(records, input, connection);
  if (open) {
    // Filed before: its link may be what failed then (the link is upserted by its global id).
    await upsertRemoteLink(open, connection);
    return open;
  }
  const host = new URL(connection.instanceUrl).host;
  const table = recordTable(connection.filing);
  refuseWhenFull(records, filedRecordOf(input, host, table, { sys_id: 'new' }));
  const shortDescription = shortDescriptionOf(input.dataSource, input.pilot.key);
  // Stored before any create: it is what makes a record found later the app's own. An intent left by
  // an earlier attempt is kept, so its record (if that attempt made one) is found by its reference.
  const earlier = await readFilingIntent(input.pilot.id, shortDescription);
  const intent = earlier ?? { reference: randomBytes(8).toString('hex'), orderedAt: input.now.toISOString() };
  if (!earlier) await writeFilingIntent(input.pilot.id, shortDescription, intent);
  const filing: Filing = {
    client,
    connection,
    input,
    intent,
    correlation: correlationOf(input, intent, shortDescription),
    createdBy: await recordsCreatedBy(connection),
    known: new Set(records.map((record) => record.sysId)),
  };
  // A fresh reference is on no record yet: only an earlier attempt's can have made one.
  let record = earlier ? await findFiled(filing) : undefined;
  if (!record) {
    try {
      record = await create(filing);
    } catch (error) {
      if (!(error instanceof ServiceNowError && error.outcomeUnknown)) throw error;
      // The create may have happened although its answer was lost: look before reporting a failure.
      record = await findFiled(filing).catch(() => undefined);
      if (!record) throw error;
    }
  }
  if (!filing.createdBy && record.sys_created_by) await writeLearnedIdentity(host, record.sys_created_by);
  const filed = filedRecordOf(input, host, table, record);
  await saveFiled(filed);
  await upsertRemoteLink(filed, connection);
  await deleteFilingIntent(input.pilot.id, shortDescription);
  return filed;
}

function filedRecordOf(
  input: ServiceNowFilingInput,
  host: string,
  table: string,
  record: ServiceNowRecord,
): FiledRecord {
  const sysId = record.sys_id ?? '';
  return {
    globalId: serviceNowGlobalId(host, table, sysId),
    instanceHost: host,
    table,
    sysId,
    number: (record.number ?? sysId).slice(0, 40),
    pilotId: input.pilot.id,
    pilotKey: input.pilot.key,
    dataSource: input.dataSource,
    stateCode: (record.state ?? '').slice(0, 40),
    modCount: Number(record.sys_mod_count ?? 0),
    updatedOn: (record.sys_updated_on ?? '').slice(0, 40),
    filedAt: input.now.toISOString(),
    syncedAt: input.now.toISOString(),
    decidedAt: null,
    filedBy: input.actorAccountId,
  };
}

/** Lists the record among the pilot's (indexed by sys_id first); superseded ones past the limit go. */
async function saveFiled(filed: FiledRecord): Promise<void> {
  await indexFiledRecord(filed);
  let dropped: FiledRecord[] = [];
  await updateFiledRecords(filed.pilotId, (records) => {
    const next = recordsWithFiled(records, filed);
    if (next === null) refuseWhenFull(records, filed);
    const kept = new Set((next ?? []).map((record) => record.sysId));
    dropped = records.filter((record) => !kept.has(record.sysId));
    return next ?? records;
  });
  for (const record of dropped) await forgetFiledRecordIndex(record.sysId);
}
