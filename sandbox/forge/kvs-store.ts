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
 */

export interface KvsResponse {
  status: number;
  body?: unknown;
}

interface Entry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

type Namespace = 'kvs' | 'secret' | `entity:${string}`;

/** Every namespace's entries (values, times), as plain data for a sandbox snapshot. */
export type KvsStoreState = [Namespace, [string, Entry][]][];

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

class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (status: number, code: string, message: string): never => {
  throw new KvsError(status, code, message);
};

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

function validateValue(value: unknown): void {
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

interface Condition {
  property: string;
  condition: string;
  values: unknown[];
}

export class KvsStore {
  private readonly spaces = new Map<Namespace, Map<string, Entry>>();

  constructor(private readonly nowMs: () => number = () => Date.now()) {}

  clear(): void {
    this.spaces.clear();
  }

  /** Everything stored, sharing the stored values (serialize it at once): for a sandbox snapshot. */
  exportState(): KvsStoreState {
    return [...this.spaces].map(([namespace, entries]) => [namespace, [...entries]]);
  }

  /** Replaces everything stored with a state `exportState()` gave (the values are taken over). */
  importState(state: KvsStoreState): void {
    this.spaces.clear();
    for (const [namespace, entries] of state) this.spaces.set(namespace, new Map(entries));
  }

  /** Test/inspection helper: the live (non-expired) plain KVS entries. */
  snapshot(namespace: Namespace = 'kvs'): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of this.space(namespace)) if (this.alive(entry)) out[key] = entry.value;
    return out;
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
        return this.get(`entity:${validateEntityName(body.entityName)}`, body);
      case '/api/v1/entity/set':
        return this.set(`entity:${validateEntityName(body.entityName)}`, body);
      case '/api/v1/entity/delete':
        return this.remove(`entity:${validateEntityName(body.entityName)}`, body);
      case '/api/v1/entity/query':
        return fail(
          400,
          'INVALID_ENTITY_INDEX',
          'Custom entity index queries are not emulated by the sandbox (the manifest declares no entities).',
        );
      default:
        return fail(404, 'NOT_FOUND', `Unknown storage operation ${path}`);
    }
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

  private write(
    ns: Namespace,
    key: string,
    value: unknown,
    options: SetOptions = {},
  ): { previous?: Entry; entry: Entry } {
    validateValue(value);
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
    };
    this.space(ns).set(key, entry);
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
    this.space(ns).delete(key);
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
    const where = (body.where ?? []) as Condition[];
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
    const keys = [...this.space('kvs').entries()]
      .filter(([k, e]) => this.alive(e) && k.startsWith(prefix) && (after === undefined || k > after))
      .map(([k]) => k)
      .sort();
    const pageSize = Math.min(limit, MAX_QUERY_PAGE);
    const page = keys.slice(0, pageSize);
    const data = page.map((k) => {
      const d = this.describe(k, this.space('kvs').get(k) as Entry);
      return {
        key: d.key,
        value: d.value,
        ...(d.expireTime ? { expireTime: d.expireTime } : {}),
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
      };
    });
    const last = page[page.length - 1];
    const cursor =
      keys.length > pageSize && last !== undefined
        ? Buffer.from(last, 'utf8').toString('base64url')
        : undefined;
    return { status: 200, body: { data, ...(cursor ? { cursor } : {}) } };
  }

  private batchSet(items: Record<string, unknown>[]): KvsResponse {
    if (!Array.isArray(items)) fail(400, 'BAD_REQUEST', 'Provided request body is invalid');
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      const ns: Namespace = item.entityName ? `entity:${String(item.entityName)}` : 'kvs';
      try {
        this.write(ns, validateKey(item.key), item.value, (item.options ?? {}) as SetOptions);
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
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      const ns: Namespace = item.entityName ? `entity:${String(item.entityName)}` : 'kvs';
      const key = String(item.key);
      const entry = this.read(ns, key);
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
    const successfulKeys: unknown[] = [];
    for (const item of items) {
      const ns: Namespace = item.entityName ? `entity:${String(item.entityName)}` : 'kvs';
      this.space(ns).delete(String(item.key));
      successfulKeys.push({ key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) });
    }
    return { status: 200, body: { successfulKeys, failedKeys: [] } };
  }

  private matches(value: unknown, filters: { and?: Condition[]; or?: Condition[] } | undefined): boolean {
    if (!filters) return true;
    const test = (c: Condition): boolean => {
      const actual =
        value && typeof value === 'object' ? (value as Record<string, unknown>)[c.property] : undefined;
      const [a, b] = c.values as [unknown, unknown];
      switch (c.condition) {
        case 'EXISTS':
          return actual !== undefined;
        case 'NOT_EXISTS':
          return actual === undefined;
        case 'EQUAL_TO':
          return actual === a;
        case 'NOT_EQUAL_TO':
          return actual !== a;
        case 'BEGINS_WITH':
          return typeof actual === 'string' && actual.startsWith(String(a));
        case 'CONTAINS':
          return typeof actual === 'string' && actual.includes(String(a));
        case 'NOT_CONTAINS':
          return typeof actual === 'string' && !actual.includes(String(a));
        case 'GREATER_THAN':
          return (actual as number) > (a as number);
        case 'GREATER_THAN_EQUAL_TO':
          return (actual as number) >= (a as number);
        case 'LESS_THAN':
          return (actual as number) < (a as number);
        case 'LESS_THAN_EQUAL_TO':
          return (actual as number) <= (a as number);
        case 'BETWEEN':
          return (actual as number) >= (a as number) && (actual as number) <= (b as number);
        default:
          return fail(
            400,
            'INVALID_FILTER_CONDITION',
            `The condition ${c.condition} is not supported for filters.`,
          );
      }
    };
    if (filters.and) return filters.and.every(test);
    if (filters.or) return filters.or.some(test);
    return true;
  }

  private transaction(body: Record<string, unknown>): KvsResponse {
    type Op = {
      key: string;
      value?: unknown;
      entityName?: string;
      conditions?: { and?: Condition[]; or?: Condition[] };
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
    for (const op of all) {
      validateKey(op.key);
      const id = `${op.entityName ?? ''}\u0000${op.key}`;
      if (seen.has(id))
        fail(400, 'DUPLICATE_KEYS', `Each key can only be used once in a transaction: ${op.key}`);
      seen.add(id);
      if (op.conditions && !op.entityName)
        fail(400, 'BAD_REQUEST', 'Conditions are only supported for custom entities.');
    }
    for (const op of sets) validateValue(op.value);
    // Check every condition first: all operations commit together or none does.
    const nsOf = (op: Op): Namespace =>
      op.entityName ? `entity:${validateEntityName(op.entityName)}` : 'kvs';
    for (const op of [...sets, ...deletes, ...checks]) {
      if (!op.conditions && !checks.includes(op)) continue;
      const current = this.read(nsOf(op), op.key);
      if (checks.includes(op) && !current)
        fail(409, 'CONDITION_CHECK_FAILED', `Transaction check failed: ${op.key} does not exist`);
      if (op.conditions && !this.matches(current?.value, op.conditions)) {
        fail(409, 'CONDITION_CHECK_FAILED', `Transaction condition not met for key ${op.key}`);
      }
    }
    for (const op of sets) this.write(nsOf(op), op.key, op.value, op.options);
    for (const op of deletes) this.space(nsOf(op)).delete(op.key);
    return { status: 204 };
  }
}
