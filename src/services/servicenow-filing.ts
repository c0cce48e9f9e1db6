/**
 * Files a data-access request in ServiceNow for a pilot (product.md §12): a table insert or a
 * Service Catalog order, the record carrying `correlation_id` = the pilot's issue id and
 * `correlation_display` = "Pilot Pathway". ServiceNow has no idempotency key, so the app looks the
 * correlation pair (and the request's short description) up before any create; when a create's
 * answer is lost it looks again before giving up. A retry never files twice.
 */
import { CORRELATION_DISPLAY, serviceNowGlobalId } from '../domain/servicenow-tickets';
import type { ServiceNowClient, ServiceNowRecord } from '../servicenow/client';
import { condition, encodedQuery } from '../servicenow/encoded-query';
import { ServiceNowError } from '../servicenow/errors';
import {
  recordTable,
  saveFiledRecord,
  type FiledRecord,
  type ServiceNowConnection,
} from '../storage/servicenow';
import { openServiceNow } from './servicenow-access';
import { upsertRemoteLink } from './servicenow-links';
import { UserFacingError } from './resolver-errors';

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
  return `Data access: ${dataSource} for ${pilotKey}`.slice(0, 160);
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

async function create(
  client: ServiceNowClient,
  connection: ServiceNowConnection,
  input: ServiceNowFilingInput,
  shortDescription: string,
): Promise<ServiceNowRecord> {
  const correlation = {
    correlation_id: input.pilot.id,
    correlation_display: CORRELATION_DISPLAY,
    short_description: shortDescription,
    description: descriptionOf(input),
  };
  const filing = connection.filing;
  if (filing.mode === 'table') return client.create(filing.table, correlation);
  const order = await client.orderNow(filing.catalogItemSysId, {
    [filing.variables.dataSource]: input.dataSource,
    [filing.variables.steward]: input.steward.displayName,
    [filing.variables.justification]: input.justification,
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
  const table = recordTable(connection.filing);
  const shortDescription = shortDescriptionOf(input.dataSource, input.pilot.key);
  let record = await lookUp(client, table, input.pilot.id, shortDescription);
  if (!record) {
    try {
      record = await create(client, connection, input, shortDescription);
    } catch (error) {
      // The create may have happened although its answer was lost: look before reporting a failure.
      if (!(error instanceof ServiceNowError && error.outcomeUnknown)) throw error;
      record = await lookUp(client, table, input.pilot.id, shortDescription).catch(() => undefined);
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
  return filed;
}
