/**
 * ServiceNow in Forge storage: the connection an admin set up (validated with zod, no secrets in
 * it), the secrets (Forge secret storage, write-only), the records the app filed (its own record of
 * what it filed: only those count for readiness), the poll's cursor and the pushes already seen.
 */
import { createHash } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { IgnoredServiceNowLink } from '../domain/servicenow-tickets';
import { DEFAULT_SERVICENOW_STATE_MAP } from '../domain/states';
import { secretKeys, storageKeys } from './keys';

const DATA_ACCESS_STATES = ['requested', 'in-progress', 'approved', 'rejected'] as const;
const tableName = z
  .string()
  .trim()
  .regex(/^[a-z_][a-z0-9_]{0,79}$/, 'A table name such as sc_req_item (lower case letters, digits, _)');
const variableName = z
  .string()
  .trim()
  .regex(/^[a-z_][a-z0-9_]{0,79}$/, 'A catalog variable name such as data_source');

export const instanceUrlSchema = z
  .string()
  .trim()
  .transform((url) => url.replace(/\/+$/, ''))
  .pipe(
    z
      .string()
      .regex(
        /^https:\/\/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.service-now\.com$/,
        'The instance address is https://<name>.service-now.com',
      ),
  );

export const stateMapSchema = z
  .record(
    z
      .string()
      .trim()
      .regex(/^-?\d{1,4}$/, 'A state value is a number such as 3 or -5'),
    z.enum(DATA_ACCESS_STATES, { error: 'Map each state to requested, in-progress, approved or rejected' }),
  )
  .refine((map) => Object.keys(map).length > 0, 'Map at least one state');

export const connectionSchema = z.object({
  instanceUrl: instanceUrlSchema,
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('basic'), username: z.string().trim().min(1, 'Enter the integration user') }),
    z.object({ kind: z.literal('oauth'), clientId: z.string().trim().min(1, 'Enter the OAuth client id') }),
  ]),
  filing: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('table'), table: tableName }),
    z.object({
      mode: z.literal('catalog'),
      catalogItemSysId: z
        .string()
        .trim()
        .regex(/^[0-9a-f]{32}$/, 'A catalog item sys_id is 32 hexadecimal characters'),
      variables: z.object({ dataSource: variableName, steward: variableName, justification: variableName }),
    }),
  ]),
  /** Table → ServiceNow state value → data-access state (product.md §4). */
  stateMaps: z.record(tableName, stateMapSchema),
  /** When the push secret was generated (ISO), null before. */
  pushSecretSetAt: z.string().nullable(),
  updatedAt: z.string(),
});

export type ServiceNowConnection = z.infer<typeof connectionSchema>;
export type FilingMode = ServiceNowConnection['filing'];

export const DEFAULT_FILING_TABLE = 'sc_req_item';
export const DEFAULT_STATE_MAPS: ServiceNowConnection['stateMaps'] = {
  [DEFAULT_FILING_TABLE]: { ...DEFAULT_SERVICENOW_STATE_MAP },
};

/** The table the app's records live in: the filing table, or the catalog's requested items. */
export function recordTable(filing: FilingMode): string {
  return filing.mode === 'table' ? filing.table : DEFAULT_FILING_TABLE;
}

export async function readConnection(): Promise<ServiceNowConnection | undefined> {
  const stored = await kvs.get<unknown>(storageKeys.serviceNowConnection);
  if (stored === undefined) return undefined;
  const parsed = connectionSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

export async function writeConnection(connection: ServiceNowConnection): Promise<void> {
  await kvs.set(storageKeys.serviceNowConnection, connectionSchema.parse(connection));
}

// ---------------------------------------------------------------- secrets

export type SecretName = keyof typeof secretKeys;

export async function readSecret(name: SecretName): Promise<string | undefined> {
  const value = await kvs.getSecret<string>(secretKeys[name]);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function writeSecret(name: SecretName, value: string): Promise<void> {
  await kvs.setSecret(secretKeys[name], value);
}

export async function deleteSecret(name: SecretName): Promise<void> {
  await kvs.deleteSecret(secretKeys[name]);
}

/** A secret kept as an object (the cached OAuth token), or undefined when none is kept. */
export async function readSecretObject<T extends object>(name: SecretName): Promise<T | undefined> {
  return (await kvs.getSecret<T>(secretKeys[name])) ?? undefined;
}

export async function writeSecretObject(name: SecretName, value: object): Promise<void> {
  await kvs.setSecret(secretKeys[name], value);
}

// ---------------------------------------------------------------- what the app filed

/** One ServiceNow record the app filed for a pilot, with its last known state. */
export interface FiledRecord {
  globalId: string;
  instanceHost: string;
  table: string;
  sysId: string;
  number: string;
  pilotId: string;
  pilotKey: string;
  dataSource: string;
  /** ServiceNow's `state` value, as a string ('3'). */
  stateCode: string;
  /** `sys_mod_count` of the last version seen: an older or equal one changes nothing. */
  modCount: number;
  /** `sys_updated_on` of the last version seen (`YYYY-MM-DD HH:mm:ss`, UTC). */
  updatedOn: string;
  filedAt: string;
  /** When the app last learned the state from ServiceNow (ISO): the "as of" of the panel. */
  syncedAt: string;
  filedBy: string;
}

export async function readFiledRecords(pilotId: string): Promise<FiledRecord[]> {
  return (await kvs.get<{ records: FiledRecord[] }>(storageKeys.serviceNowFiled(pilotId)))?.records ?? [];
}

/** Adds or replaces (by sys_id) a filed record, and indexes it by sys_id for the sync. */
export async function saveFiledRecord(record: FiledRecord): Promise<void> {
  const records = await readFiledRecords(record.pilotId);
  const next = [...records.filter((r) => r.sysId !== record.sysId), record];
  await kvs
    .transact()
    .set(storageKeys.serviceNowFiled(record.pilotId), { records: next })
    .set(storageKeys.serviceNowRecordOwner(record.sysId), { pilotId: record.pilotId, table: record.table })
    .execute();
}

/** The pilot a filed record belongs to, or undefined for a record the app did not file. */
export async function filedRecordBySysId(sysId: string): Promise<FiledRecord | undefined> {
  const owner = await kvs.get<{ pilotId: string }>(storageKeys.serviceNowRecordOwner(sysId));
  if (!owner) return undefined;
  return (await readFiledRecords(owner.pilotId)).find((r) => r.sysId === sysId);
}

// ---------------------------------------------------------------- catalog orders in flight

/**
 * A catalog order the app is about to place (or placed without learning its outcome): the reference
 * it wrote into the order and when. ServiceNow's `order_now` has no idempotency key, so a retry looks
 * for an unmarked requested item carrying this reference before it orders again.
 */
export interface OrderIntent {
  reference: string;
  /** ISO timestamp, taken just before the order. */
  orderedAt: string;
}

/** An intent outlives any retry worth making; a stale one only costs the retry one look-up. */
const ORDER_INTENT_TTL_DAYS = 30;

function orderIntentKey(pilotId: string, shortDescription: string): string {
  const request = createHash('sha256').update(shortDescription, 'utf8').digest('hex').slice(0, 24);
  return storageKeys.serviceNowOrderIntent(pilotId, request);
}

export async function readOrderIntent(
  pilotId: string,
  shortDescription: string,
): Promise<OrderIntent | undefined> {
  return (await kvs.get<OrderIntent>(orderIntentKey(pilotId, shortDescription))) ?? undefined;
}

export async function writeOrderIntent(
  pilotId: string,
  shortDescription: string,
  intent: OrderIntent,
): Promise<void> {
  await kvs.set(orderIntentKey(pilotId, shortDescription), intent, {
    ttl: { value: ORDER_INTENT_TTL_DAYS, unit: 'DAYS' },
  });
}

export async function deleteOrderIntent(pilotId: string, shortDescription: string): Promise<void> {
  await kvs.delete(orderIntentKey(pilotId, shortDescription));
}

// ---------------------------------------------------------------- sync state

export interface PollState {
  /** `sys_updated_on` from which the next run reads (inclusive; already overlapped). */
  since: string | null;
  lastSuccessAt: string | null;
  /** Set while ServiceNow fails: since when (ISO), and the last failure's words. */
  failingSince: string | null;
  lastError: string | null;
}

export const EMPTY_POLL_STATE: PollState = {
  since: null,
  lastSuccessAt: null,
  failingSince: null,
  lastError: null,
};

export async function readPollState(): Promise<PollState> {
  return { ...EMPTY_POLL_STATE, ...((await kvs.get<PollState>(storageKeys.serviceNowPoll)) ?? {}) };
}

export async function writePollState(state: PollState): Promise<void> {
  await kvs.set(storageKeys.serviceNowPoll, state);
}

/**
 * Marks a push signature as seen; false when it was seen before (a replay). The mark outlives the
 * 5-minute freshness window, so a replay is refused either as stale or as seen.
 */
export async function markPushSeen(signatureHex: string, ttlSeconds: number): Promise<boolean> {
  const key = storageKeys.serviceNowPushSeen(signatureHex);
  try {
    await kvs.set(
      key,
      { at: Date.now() },
      { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } },
    );
    return true;
  } catch (error) {
    if ((await kvs.get(key)) !== undefined) return false;
    throw error;
  }
}

/** Look-alike ServiceNow links on a pilot (earning nothing), for the panel to say why. */
export async function readIgnoredLinks(pilotId: string): Promise<IgnoredServiceNowLink[]> {
  return (
    (await kvs.get<{ links: IgnoredServiceNowLink[] }>(storageKeys.serviceNowIgnoredLinks(pilotId)))?.links ??
    []
  );
}

export async function writeIgnoredLinks(pilotId: string, links: IgnoredServiceNowLink[]): Promise<void> {
  const key = storageKeys.serviceNowIgnoredLinks(pilotId);
  const current = await kvs.get<{ links: IgnoredServiceNowLink[] }>(key);
  if (JSON.stringify(current?.links ?? []) === JSON.stringify(links)) return;
  if (links.length === 0) await kvs.delete(key);
  else await kvs.set(key, { links });
}
