/**
 * Files a data-access request in ServiceNow for a pilot (product.md §12): a table insert or a
 * Service Catalog order, the record carrying `correlation_id` = the pilot's issue id and
 * `correlation_display` = "Pilot Pathway". ServiceNow has no idempotency key, so the app looks the
 * correlation pair (and the request's short description) up before any create; when a create's
 * answer is lost it looks again before giving up. A retry never files twice.
 *
 * A catalog order gets its correlation fields only after `order_now` answers (they are fields of the
 * requested item, not variables), so an order whose answer was lost, or whose marking failed, is not
 * found by the pair. For those the app keeps an intent (a random reference and the time) in Forge
 * storage before ordering and writes the reference into the order's justification; a retry adopts
 * the one unmarked requested item of that catalog item, created since the intent, carrying it.
 */
import { randomBytes } from 'node:crypto';
import {
  CORRELATION_DISPLAY,
  carriesOrderReference,
  catalogJustification,
  serviceNowGlobalId,
} from '../../domain/servicenow-tickets';
import type { ServiceNowClient, ServiceNowRecord } from '../../servicenow/client';
import { condition, encodedQuery, glideDateTime } from '../../servicenow/encoded-query';
import { ServiceNowError } from '../../servicenow/errors';
import {
  deleteOrderIntent,
  readOrderIntent,
  recordTable,
  saveFiledRecord,
  writeOrderIntent,
  type FiledRecord,
  type FilingMode,
  type ServiceNowConnection,
} from '../../storage/servicenow';
import { openServiceNow } from './connection';
import { upsertRemoteLink } from './remote-link';
import { UserFacingError } from '../errors';
import { dataAccessRequestTitle } from '../../domain/data-sources';

export const RECORD_FIELDS = [
  'sys_id',
  'number',
  'state',
  'sys_mod_count',
  'sys_updated_on',
  'correlation_id',
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

function descriptionOf(input: ServiceNowFilingInput): string {
  return [
    `Data source: ${input.dataSource}`,
    `Data steward: ${input.steward.displayName} (Jira account ${input.steward.accountId})`,
    `Requested for AI pilot ${input.pilot.key} by Pilot Pathway.`,
    `Justification: ${input.justification}`,
  ].join('\n');
}

/** The app's record of this request, if ServiceNow already has it (correlation pair + short description). */
async function lookUp(
  client: ServiceNowClient,
  table: string,
  pilotId: string,
  shortDescription: string,
): Promise<ServiceNowRecord | undefined> {
  const query = encodedQuery(
    [
      condition('correlation_id', '=', pilotId),
      condition('correlation_display', '=', CORRELATION_DISPLAY),
      condition('short_description', '=', shortDescription),
    ],
    [{ field: 'sys_created_on' }],
  );
  const page = await client.list(table, { query, fields: RECORD_FIELDS, limit: 1 });
  return page.records[0];
}

/** The fields that mark a record as the app's record of this request. */
type Correlation = Record<
  'correlation_id' | 'correlation_display' | 'short_description' | 'description',
  string
>;
type CatalogFiling = Extract<FilingMode, { mode: 'catalog' }>;

/** How far ServiceNow's clock may be behind the app's when it stamps an order's `sys_created_on`. */
const ORDER_CLOCK_SKEW_MS = 5 * 60_000;
/** Unmarked requested items of the catalog item read at once when a lost order is looked for. */
const UNMARKED_ORDERS_PAGE = 100;

function correlationOf(input: ServiceNowFilingInput, shortDescription: string): Correlation {
  return {
    correlation_id: input.pilot.id,
    correlation_display: CORRELATION_DISPLAY,
    short_description: shortDescription,
    description: descriptionOf(input),
  };
}

/**
 * A catalog order placed for this request before (its answer lost, or its marking failed), marked
 * now: the one requested item of the catalog item, created since the intent and not yet marked, whose
 * justification carries the intent's reference. Undefined when there is no intent or no such item.
 */
async function adoptUnmarkedOrder(
  client: ServiceNowClient,
  filing: CatalogFiling,
  input: ServiceNowFilingInput,
  correlation: Correlation,
): Promise<ServiceNowRecord | undefined> {
  const intent = await readOrderIntent(input.pilot.id, correlation.short_description);
  if (!intent) return undefined;
  const since = new Date(Date.parse(intent.orderedAt) - ORDER_CLOCK_SKEW_MS);
  const justification = `variables.${filing.variables.justification}`;
  const page = await client.list(recordTable(filing), {
    query: encodedQuery(
      [
        condition('cat_item', '=', filing.catalogItemSysId),
        condition('sys_created_on', '>=', glideDateTime(since)),
        condition('correlation_id', 'ISEMPTY'),
      ],
      [{ field: 'sys_created_on' }],
    ),
    fields: ['sys_id', justification],
    limit: UNMARKED_ORDERS_PAGE,
  });
  const ours = page.records.filter((item) =>
    carriesOrderReference(item[justification] ?? '', intent.reference, input.pilot.key),
  );
  if (ours.length !== 1 || !ours[0]?.sys_id) return undefined;
  return client.update(recordTable(filing), ours[0].sys_id, correlation);
}

/** Orders the catalog item (after noting the intent), then marks its requested item as the app's. */
async function orderFromCatalog(
  client: ServiceNowClient,
  filing: CatalogFiling,
  input: ServiceNowFilingInput,
  correlation: Correlation,
): Promise<ServiceNowRecord> {
  const reference = randomBytes(8).toString('hex');
  await writeOrderIntent(input.pilot.id, correlation.short_description, {
    reference,
    orderedAt: input.now.toISOString(),
  });
  const order = await client
    .orderNow(filing.catalogItemSysId, {
      [filing.variables.dataSource]: input.dataSource,
      [filing.variables.steward]: input.steward.displayName,
      [filing.variables.justification]: catalogJustification(reference, input.pilot.key, input.justification),
    })
    .catch(async (error: unknown) => {
      // Refused for sure (bad item, no permission): no order to find later, so no intent either.
      if (!(error instanceof ServiceNowError && error.outcomeUnknown))
        await deleteOrderIntent(input.pilot.id, correlation.short_description);
      throw error;
    });
  const items = await client.list(recordTable(filing), {
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
  return client.update(recordTable(filing), item.sys_id, correlation);
}

/** The app's record of this request if ServiceNow has it: marked, or (catalog) ordered but unmarked. */
async function findFiled(
  client: ServiceNowClient,
  connection: ServiceNowConnection,
  input: ServiceNowFilingInput,
  correlation: Correlation,
): Promise<ServiceNowRecord | undefined> {
  const filing = connection.filing;
  const marked = await lookUp(client, recordTable(filing), input.pilot.id, correlation.short_description);
  if (marked || filing.mode !== 'catalog') return marked;
  return adoptUnmarkedOrder(client, filing, input, correlation);
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
  const filing = connection.filing;
  const table = recordTable(filing);
  const correlation = correlationOf(input, shortDescriptionOf(input.dataSource, input.pilot.key));
  let record = await findFiled(client, connection, input, correlation);
  if (!record) {
    try {
      record =
        filing.mode === 'table'
          ? await client.create(filing.table, correlation)
          : await orderFromCatalog(client, filing, input, correlation);
    } catch (error) {
      // The create may have happened although its answer was lost: look before reporting a failure.
      if (!(error instanceof ServiceNowError && error.outcomeUnknown)) throw error;
      record = await findFiled(client, connection, input, correlation).catch(() => undefined);
      if (!record) throw error;
    }
  }
  const sysId = record.sys_id ?? '';
  const host = new URL(connection.instanceUrl).host;
  const filed: FiledRecord = {
    globalId: serviceNowGlobalId(host, table, sysId),
    instanceHost: host,
    table,
    sysId,
    number: record.number ?? sysId,
    pilotId: input.pilot.id,
    pilotKey: input.pilot.key,
    dataSource: input.dataSource,
    stateCode: record.state ?? '',
    modCount: Number(record.sys_mod_count ?? 0),
    updatedOn: record.sys_updated_on ?? '',
    filedAt: input.now.toISOString(),
    syncedAt: input.now.toISOString(),
    filedBy: input.actorAccountId,
  };
  await saveFiledRecord(filed);
  await upsertRemoteLink(filed, connection);
  // Marked now: the correlation pair finds it from here on.
  if (filing.mode === 'catalog') await deleteOrderIntent(input.pilot.id, correlation.short_description);
  return filed;
}
