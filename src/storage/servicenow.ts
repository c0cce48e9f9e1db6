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
import { readVersioned, UNCHANGED, updateVersioned } from './versioned-record';

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
  /** When ServiceNow approved or rejected it (ISO), null while it is open. */
  decidedAt?: string | null;
  filedBy: string;
}

interface FiledRecords {
  records: FiledRecord[];
}

/**
 * Before the list was a versioned record it was a plain value under the same key: read as the
 * starting value until the first write moves it.
 */
async function legacyFiledRecords(pilotId: string): Promise<FiledRecords | undefined> {
  return kvs.get<FiledRecords>(storageKeys.serviceNowFiled(pilotId));
}

export async function readFiledRecords(pilotId: string): Promise<FiledRecord[]> {
  const stored = await readVersioned<FiledRecords>(storageKeys.serviceNowFiled(pilotId));
  return (stored.value ?? (await legacyFiledRecords(pilotId)))?.records ?? [];
}

/**
 * Changes a pilot's list of filed records under compare-and-set (filing, the poll and the push may
 * change it at once): `change` gets the current list and answers the next one, or `UNCHANGED`, or
 * throws to refuse. Answers the list as stored.
 */
export async function updateFiledRecords(
  pilotId: string,
  change: (records: FiledRecord[]) => FiledRecord[] | typeof UNCHANGED,
): Promise<FiledRecord[]> {
  const key = storageKeys.serviceNowFiled(pilotId);
  const legacy = await legacyFiledRecords(pilotId);
  const updated = await updateVersioned<FiledRecords>(key, (current) => {
    const next = change((current ?? legacy)?.records ?? []);
    return next === UNCHANGED ? UNCHANGED : { records: next };
  });
  if (legacy && updated.revision > 0) await kvs.delete(key);
  return updated.value?.records ?? [];
}

/** Indexes a filed record by sys_id, for the sync (written once, before the record is listed). */
export async function indexFiledRecord(
  record: Pick<FiledRecord, 'sysId' | 'pilotId' | 'table'>,
): Promise<void> {
  await kvs.set(storageKeys.serviceNowRecordOwner(record.sysId), {
    pilotId: record.pilotId,
    table: record.table,
  });
}

export async function forgetFiledRecordIndex(sysId: string): Promise<void> {
  await kvs.delete(storageKeys.serviceNowRecordOwner(sysId));
}

/** The pilot a filed record belongs to, or undefined for a record the app did not file. */
export async function filedRecordBySysId(sysId: string): Promise<FiledRecord | undefined> {
  const owner = await kvs.get<{ pilotId: string }>(storageKeys.serviceNowRecordOwner(sysId));
  if (!owner) return undefined;
  return (await readFiledRecords(owner.pilotId)).find((r) => r.sysId === sysId);
}

// ---------------------------------------------------------------- who the app is in ServiceNow

/**
 * The user name the connection's records are created by (`sys_created_by`), as the app learned it
 * from a record it created itself (OAuth: the client acts as an application user the app is not told).
 */
export async function readLearnedIdentity(instanceHost: string): Promise<string | undefined> {
  const stored = await kvs.get<{ host: string; user: string }>(storageKeys.serviceNowIdentity);
  return stored?.host === instanceHost ? stored.user : undefined;
}

export async function writeLearnedIdentity(instanceHost: string, user: string): Promise<void> {
  await kvs.set(storageKeys.serviceNowIdentity, { host: instanceHost, user });
}

// ---------------------------------------------------------------- filings in flight

/**
 * A filing the app is about to make (or made without learning its outcome): a random reference it
 * writes into the record (its description, or a catalog order's justification) and when. ServiceNow
 * has no idempotency key, so a retry adopts only a record carrying this reference, created since,
 * by the connection's own user; and a record counts only when the app stored its intent first.
 */
export interface FilingIntent {
  reference: string;
  /** ISO timestamp, taken just before the filing. */
  orderedAt: string;
}

/** An intent outlives any retry worth making; a stale one only costs the retry one look-up. */
const FILING_INTENT_TTL_DAYS = 30;

function filingIntentKey(pilotId: string, shortDescription: string): string {
  const request = createHash('sha256').update(shortDescription, 'utf8').digest('hex').slice(0, 24);
  return storageKeys.serviceNowOrderIntent(pilotId, request);
}

export async function readFilingIntent(
  pilotId: string,
  shortDescription: string,
): Promise<FilingIntent | undefined> {
  return (await kvs.get<FilingIntent>(filingIntentKey(pilotId, shortDescription))) ?? undefined;
}

export async function writeFilingIntent(
  pilotId: string,
  shortDescription: string,
  intent: FilingIntent,
): Promise<void> {
  await kvs.set(filingIntentKey(pilotId, shortDescription), intent, {
    ttl: { value: FILING_INTENT_TTL_DAYS, unit: 'DAYS' },
  });
}

export async function deleteFilingIntent(pilotId: string, shortDescription: string): Promise<void> {
  await kvs.delete(filingIntentKey(pilotId, shortDescription));
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

/** Look-alike ServiceNow links on a pilot (earning nothing, the first few), and how many more. */
export interface IgnoredLinks {
  links: IgnoredServiceNowLink[];
  more: number;
}

export async function readIgnoredLinks(pilotId: string): Promise<IgnoredLinks> {
  const stored = await kvs.get<Partial<IgnoredLinks>>(storageKeys.serviceNowIgnoredLinks(pilotId));
  return { links: stored?.links ?? [], more: stored?.more ?? 0 };
}

export async function writeIgnoredLinks(pilotId: string, ignored: IgnoredLinks): Promise<void> {
  const key = storageKeys.serviceNowIgnoredLinks(pilotId);
  const current = await readIgnoredLinks(pilotId);
  if (JSON.stringify(current) === JSON.stringify(ignored)) return;
  if (ignored.links.length === 0) await kvs.delete(key);
  else await kvs.set(key, ignored);
}
