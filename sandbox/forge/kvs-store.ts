/**
 * Forge hosted storage (Key-Value Store, secrets, custom entities get/set/delete) in memory,
 * answering the JSON protocol `@forge/kvs` speaks over `__forge_fetch__({type: 'kvs'}, path, init)`:
 * `POST /api/v1/{get,set,delete,query,transaction,batch/*,secret/*,entity/*}` with a JSON body;
 * errors are `{code, message}` with an HTTP status (node_modules/@forge/kvs/out/storage-api.js,
 * out/utils/error-handling.js). Limits and codes follow "Error handling for the Key-Value Store":
 * keys 1..500 chars matching /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/, values up to 240 KiB and 32 levels
 * deep, transactions up to 25 operations with unique keys. A query's `limit` may be 1..100, but a
 * page holds at most 20 results ("Limit the result size ... up to a maximum of 20", Forge's
 * storage query reference, https://developer.atlassian.com/platform/forge/js-api-reference/storage-api-query,
 * updated Feb 2026): more come through `cursor`.
 *
 * Custom entities are those the manifest declares (entity-store.ts: values typed, index queries).
 * Plain keys are kept in a sorted index as well, so a prefix query is a binary search and its page,
 * never a scan and sort of every key (the app holds ~170,000 keys at 10,000 pilots).
 */
import { type ConditionGroup, EntityStore, meetsConditions } from './entity-store';
import { KvsError, fail } from './kvs-errors';
import type { ManifestEntity } from './manifest';
import { compareStrings, insertSorted, lowerBound, removeSorted, upperBound } from './sorted';

export interface KvsResponse {
  status: number;
  body?: unknown;
}

interface Entry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
  /** The value's size as stored (JSON, UTF-8). */
  bytes: number;
}

/** What is stored, for `GET /__sandbox/forge`: live keys, their values' bytes, the largest value. */
export interface StorageUsage {
  keys: number;
  bytes: number;
  largestValueBytes: number;
}

/** Everything stored, as `save()` gives it and `restore()` takes it back (state snapshots). */
export type SavedStorage = [Namespace, [string, Entry][]][];

type Namespace = 'kvs' | 'secret' | `entity:${string}`;

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 240 * 1024;
const MAX_DEPTH = 32;
const MAX_QUERY_LIMIT = 100;
/** The most results one query page returns, whatever the limit. */
export const MAX_QUERY_PAGE = 20;
const DEFAULT_QUERY_LIMIT = 10;
const MAX_TRANSACTION_OPERATIONS = 25;
const TTL_UNITS: Record<string, number> = { SECONDS: 1e3, MINUTES: 60e3, HOURS: 3600e3, DAYS: 86400e3 };

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let max = 0;
  for (const child of Object.values(value as Record<string, unknown>)) max = Math.max(max, depthOf(child));
  return max + 1;
}

function validateKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) fail(400, 'KEY_TOO_SHORT', 'Key cannot be empty.');
  const k = key as string;
  if (k.length > MAX_KEY_LENGTH)
    fail(400, 'KEY_TOO_LONG', `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters.`);
  if (!KEY_PATTERN.test(k))
    fail(400, 'INVALID_KEY', `The provided key does not match the regex: ${KEY_PATTERN}`);
  return k;
}

/** Checks a value against Forge's size and depth limits; answers its size in bytes. */
function validateValue(value: unknown): number {
  if (value === undefined) fail(400, 'BAD_REQUEST', 'Provided request body is invalid: value is required');
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > MAX_VALUE_BYTES)
    fail(
      400,
      'MAX_SIZE',
      `The provided value has exceeded the maximum size limit (${bytes} > ${MAX_VALUE_BYTES} bytes).`,
    );
  if (depthOf(value) > MAX_DEPTH)
    fail(400, 'MAX_DEPTH', `The provided value has exceeded the maximum object depth (${MAX_DEPTH}) limit.`);
  return bytes;
}

function validateEntityName(name: unknown): string {
  if (typeof name !== 'string' || name.length < 3)
    fail(400, 'ENTITY_TYPE_TOO_SHORT', 'The entity name needs to be more than 3 characters.');
  const n = name as string;
  if (n.length > 60)
    fail(400, 'ENTITY_TYPE_TOO_LARGE', 'The entity name has exceeded the maximum 60 characters.');
  if (!/^(?![.-])(?!.*\.{2})[a-z0-9:\-.]*(?<![.])$/.test(n))
    fail(400, 'INVALID_ENTITY_TYPE', `Invalid entity name: ${n}`);
  return n;
}

interface SetOptions {
  ttl?: { value: number; unit: string };
  keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  returnValue?: 'PREVIOUS' | 'LATEST';
}

const entityNamespace = (name: string): Namespace => `entity:${name}`;

export class KvsStore {
  private readonly spaces = new Map<Namespace, Map<string, Entry>>();
  /** Every plain key stored (live or expired), sorted: prefix queries search it. */
  private readonly plainKeys: string[] = [];
  private readonly entities: EntityStore;

  constructor(
    private readonly nowMs: () => number = () => Date.now(),
    entities: readonly ManifestEntity[] = [],
  ) {
    this.entities = new EntityStore(entities);
  }

  clear(): void {
    this.spaces.clear();
    this.plainKeys.length = 0;
    this.entities.clear();
  }

  /** Test/inspection helper: the live (non-expired) plain KVS entries. */
  snapshot(namespace: Namespace = 'kvs'): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of this.space(namespace)) if (this.alive(entry)) out[key] = entry.value;
    return out;
  }

  /** How much is stored: live keys of every kind (plain, secret, entity), their bytes, the largest. */
  usage(): StorageUsage {
    const usage: StorageUsage = { keys: 0, bytes: 0, largestValueBytes: 0 };
    for (const space of this.spaces.values())
      for (const entry of space.values()) {
        if (!this.alive(entry)) continue;
        usage.keys += 1;
        usage.bytes += entry.bytes;
        usage.largestValueBytes = Math.max(usage.largestValueBytes, entry.bytes);
      }
    return usage;
  }

  /** Everything stored (values shared, not copied: restore before changing the store again). */
  save(): SavedStorage {
    return [...this.spaces].map(([ns, space]) => [ns, [...space].map(([key, entry]) => [key, { ...entry }])]);
  }

  /** Back to what `save()` gave, indexes rebuilt. */
  restore(saved: SavedStorage): void {
    this.clear();
    for (const [ns, entries] of saved) for (const [key, entry] of entries) this.put(ns, key, { ...entry });
  }

  handle(path: string, body: unknown): KvsResponse {
    try {
      return this.route(path.replace(/\?.*$/, ''), (body ?? {}) as Record<string, unknown>);
    } catch (e) {
      if (e instanceof KvsError) return { status: e.status, body: { code: e.code, message: e.message } };
      throw e;
    }
  }

  private route(path: string, body: Record<string, unknown>): KvsResponse {
    switch (path) {
      case '/api/v1/get':
        return this.get('kvs', body);
      case '/api/v1/set':
        return this.set('kvs', body);
      case '/api/v1/delete':
        return this.remove('kvs', body);
      case '/api/v1/query':
        return this.query(body);
      case '/api/v1/transaction':
        return this.transaction(body);
      case '/api/v1/batch/set':
        return this.batchSet(body as unknown as Record<string, unknown>[]);
      case '/api/v1/batch/get':
        return this.batchGet(body as unknown as Record<string, unknown>[]);
      case '/api/v1/batch/delete':
        return this.batchDelete(body as unknown as Record<string, unknown>[]);
      case '/api/v1/secret/get':
        return this.get('secret', body);
      case '/api/v1/secret/set':
        return this.set('secret', body);
      case '/api/v1/secret/delete':
        return this.remove('secret', body);
      case '/api/v1/entity/get':
        return this.get(this.entityNamespace(body.entityName), body);
      case '/api/v1/entity/set':
        return this.set(this.entityNamespace(body.entityName), body);
      case '/api/v1/entity/delete':
        return this.remove(this.entityNamespace(body.entityName), body);
      case '/api/v1/entity/query':
        return this.queryEntity(body);
      default:
        return fail(404, 'NOT_FOUND', `Unknown storage operation ${path}`);
    }
  }

  /** The namespace of a declared custom entity; a malformed or undeclared name is refused. */
  private entityNamespace(name: unknown): Namespace {
    const valid = validateEntityName(name);
    this.entities.declared(valid);
    return entityNamespace(valid);
  }

  /** The namespace of a batch item: its entity's, or the plain store's. */
  private itemNamespace(item: Record<string, unknown>): Namespace {
    return item.entityName ? this.entityNamespace(item.entityName) : 'kvs';
  }

  private space(ns: Namespace): Map<string, Entry> {
    let s = this.spaces.get(ns);
    if (!s) this.spaces.set(ns, (s = new Map()));
    return s;
  }

  private alive(entry: Entry | undefined): entry is Entry {
    return !!entry && (entry.expiresAt === undefined || entry.expiresAt > this.nowMs());
  }

  private read(ns: Namespace, key: string): Entry | undefined {
    const entry = this.space(ns).get(key);
    return this.alive(entry) ? entry : undefined;
  }

  /** Stores an entry, keeping the sorted keys and the entity's indexes in step. */
  private put(ns: Namespace, key: string, entry: Entry): void {
    const space = this.space(ns);
    const previous = space.get(key);
    space.set(key, entry);
    if (ns === 'kvs' && !previous) insertSorted(this.plainKeys, key, compareStrings);
    if (ns.startsWith('entity:')) this.entities.reindex(ns.slice(7), key, previous?.value, entry.value);
  }

  private drop(ns: Namespace, key: string): void {
    const space = this.space(ns);
    const previous = space.get(key);
    if (!previous) return;
    space.delete(key);
    if (ns === 'kvs') removeSorted(this.plainKeys, key, compareStrings);
    if (ns.startsWith('entity:')) this.entities.reindex(ns.slice(7), key, previous.value, undefined);
  }

  private describe(key: string, entry: Entry, value = entry.value): Record<string, unknown> {
    return {
      key,
      value: structuredClone(value),
      createdAt: entry.createdAt,
      updatedAt: entry.updatedAt,
      ...(entry.expiresAt !== undefined ? { expireTime: new Date(entry.expiresAt).toISOString() } : {}),
    };
  }

  private get(ns: Namespace, body: Record<string, unknown>): KvsResponse {
    const key = validateKey(body.key);
    const entry = this.read(ns, key);
    if (!entry) return fail(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    return { status: 200, body: this.describe(key, entry) };
  }

  /** Checks a value for its namespace (size, depth, and an entity's declared attributes). */
  private checkValue(ns: Namespace, value: unknown): number {
    const bytes = validateValue(value);
    if (ns.startsWith('entity:')) this.entities.validateValue(ns.slice(7), value);
    return bytes;
  }

  private write(
    ns: Namespace,
    key: string,
    value: unknown,
    options: SetOptions = {},
  ): { previous?: Entry; entry: Entry } {
    const bytes = this.checkValue(ns, value);
    const previous = this.read(ns, key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous)
      fail(409, 'KEY_ALREADY_EXISTS', `Key ${key} already exists`);
    const now = this.nowMs();
    let expiresAt: number | undefined;
    if (options.ttl) {
      const unit = TTL_UNITS[options.ttl.unit];
      if (!unit || !(options.ttl.value > 0)) fail(400, 'BAD_REQUEST', 'Invalid ttl');
      expiresAt = now + options.ttl.value * (unit as number);
    }
    const entry: Entry = {
      value: structuredClone(value),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      expiresAt,
      bytes,
    };
    this.put(ns, key, entry);
    return { previous: previous ? { ...previous } : undefined, entry };
  }

  private set(ns: Namespace, body: Record<string, unknown>): KvsResponse {
    const key = validateKey(body.key);
    const options = (body.options ?? {}) as SetOptions;
    const { previous, entry } = this.write(ns, key, body.value, options);
    if (options.returnValue === 'LATEST') return { status: 200, body: this.describe(key, entry) };
    if (options.returnValue === 'PREVIOUS') {
      return { status: 200, body: previous ? this.describe(key, previous) : '' };
    }
    return { status: 204 };
  }

  private remove(ns: Namespace, body: Record<string, unknown>): KvsResponse {
    const key = validateKey(body.key);
    this.drop(ns, key);
    return { status: 204 };
  }

  private query(body: Record<string, unknown>): KvsResponse {
    const limit = body.limit === undefined ? DEFAULT_QUERY_LIMIT : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
      fail(
        400,
        'LIST_QUERY_LIMIT_EXCEEDED',
        `Limit for list query should be between 1 and ${MAX_QUERY_LIMIT}.`,
      );
    }
    const where = (body.where ?? []) as { property: string; condition: string; values: unknown[] }[];
    if (!Array.isArray(where) || where.length > 1)
      fail(400, 'QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
    let prefix = '';
    const clause = where[0];
    if (clause) {
      if (clause.property !== 'key')
        fail(400, 'QUERY_WHERE_FIELD_INVALID', 'The specified field is not supported for filters.');
      if (clause.condition !== 'BEGINS_WITH')
        fail(400, 'INVALID_FILTER_CONDITION', 'The specified condition is not supported for filters.');
      if (!Array.isArray(clause.values) || clause.values.length !== 1) {
        fail(
          400,
          'INVALID_FILTER_VALUES',
          'The specified number of values are not supported by the given condition.',
        );
      }
      prefix = String(clause.values[0]);
    }
    const after =
      typeof body.after === 'string' && body.after
        ? Buffer.from(body.after, 'base64url').toString('utf8')
        : undefined;
    const pageSize = Math.min(limit, MAX_QUERY_PAGE);
    // From the first key at or after the prefix (and after the cursor), while keys hold the prefix;
    // one more than a page tells whether another page follows.
    const space = this.space('kvs');
    const page: [string, Entry][] = [];
    let at = lowerBound(this.plainKeys, prefix, compareStrings);
    if (after !== undefined) at = Math.max(at, upperBound(this.plainKeys, after, compareStrings));
    for (; at < this.plainKeys.length && page.length <= pageSize; at++) {
      const key = this.plainKeys[at] as string;
      if (!key.startsWith(prefix)) break;
      const entry = space.get(key);
      if (this.alive(entry)) page.push([key, entry]);
    }
    const more = page.length > pageSize;
    if (more) page.length = pageSize;
    const data = page.map(([key, entry]) => this.describe(key, entry));
    const last = page[page.length - 1]?.[0];
    const cursor = more && last !== undefined ? Buffer.from(last, 'utf8').toString('base64url') : undefined;
    return { status: 200, body: { data, ...(cursor ? { cursor } : {}) } };
  }

  private queryEntity(body: Record<string, unknown>): KvsResponse {
    const name = validateEntityName(body.entityName);
    const ns = entityNamespace(name);
    const liveValue = (_entity: string, key: string) =>
      this.read(ns, key)?.value as Record<string, unknown> | undefined;
    const { keys, cursor } = this.entities.query(body, liveValue);
    const data = keys.map((key) => this.describe(key, this.read(ns, key) as Entry));
    return { status: 200, body: { data, ...(cursor ? { cursor } : {}) } };
  }

  private batchSet(items: Record<string, unknown>[]): KvsResponse {
    if (!Array.isArray(items)) fail(400, 'BAD_REQUEST', 'Provided request body is invalid');
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      try {
        this.write(
          this.itemNamespace(item),
          validateKey(item.key),
          item.value,
          (item.options ?? {}) as SetOptions,
        );
        successfulKeys.push({ key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) });
      } catch (e) {
        if (!(e instanceof KvsError)) throw e;
        failedKeys.push({
          key: item.key,
          ...(item.entityName ? { entityName: item.entityName } : {}),
          error: { code: e.code, message: e.message },
        });
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchGet(items: Record<string, unknown>[]): KvsResponse {
    if (!Array.isArray(items)) fail(400, 'BAD_REQUEST', 'Provided request body is invalid');
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      const key = String(item.key);
      const entry = this.read(this.itemNamespace(item), key);
      if (entry)
        successfulKeys.push({
          ...this.describe(key, entry),
          ...(item.entityName ? { entityName: item.entityName } : {}),
        });
      else failedKeys.push({ key, error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } });
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchDelete(items: Record<string, unknown>[]): KvsResponse {
    if (!Array.isArray(items)) fail(400, 'BAD_REQUEST', 'Provided request body is invalid');
    const successfulKeys: unknown[] = [];
    for (const item of items) {
      this.drop(this.itemNamespace(item), String(item.key));
      successfulKeys.push({ key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) });
    }
    return { status: 200, body: { successfulKeys, failedKeys: [] } };
  }

  private transaction(body: Record<string, unknown>): KvsResponse {
    type Op = {
      key: string;
      value?: unknown;
      entityName?: string;
      conditions?: ConditionGroup;
      options?: SetOptions;
    };
    const sets = (body.set ?? []) as Op[];
    const deletes = (body.delete ?? []) as Op[];
    const checks = (body.check ?? []) as Op[];
    const all = [...sets, ...deletes, ...checks];
    if (all.length === 0) fail(400, 'BAD_REQUEST', 'A transaction needs at least one operation.');
    if (all.length > MAX_TRANSACTION_OPERATIONS) {
      fail(
        400,
        'TOO_MANY_OPERATIONS',
        `Each transaction can contain a maximum of ${MAX_TRANSACTION_OPERATIONS} operations.`,
      );
    }
    const seen = new Set<string>();
    const nsOf = (op: Op): Namespace => (op.entityName ? this.entityNamespace(op.entityName) : 'kvs');
    for (const op of all) {
      validateKey(op.key);
      const id = `${op.entityName ?? ''}\u0000${op.key}`;
      if (seen.has(id))
        fail(400, 'DUPLICATE_KEYS', `Each key can only be used once in a transaction: ${op.key}`);
      seen.add(id);
      if (op.conditions && !op.entityName)
        fail(400, 'BAD_REQUEST', 'Conditions are only supported for custom entities.');
      if (op.conditions && op.entityName) this.entities.validateConditions(op.entityName, op.conditions);
    }
    for (const op of sets) this.checkValue(nsOf(op), op.value);
    // Check every condition first: all operations commit together or none does.
    for (const op of all) {
      if (!op.conditions && !checks.includes(op)) continue;
      const current = this.read(nsOf(op), op.key);
      if (checks.includes(op) && !current)
        fail(409, 'CONDITION_CHECK_FAILED', `Transaction check failed: ${op.key} does not exist`);
      if (op.conditions && !meetsConditions(current?.value, op.conditions)) {
        fail(409, 'CONDITION_CHECK_FAILED', `Transaction condition not met for key ${op.key}`);
      }
    }
    for (const op of sets) this.write(nsOf(op), op.key, op.value, op.options);
    for (const op of deletes) this.drop(nsOf(op), op.key);
    return { status: 204 };
  }
}
