/**
 * The Custom Entity Store's schema and indexes: the entities the manifest declares
 * (`app.storage.entities`), their values checked against the declared attribute types, and index
 * queries (`kvs.entity(name).query().index(name, {partition}).where(...).filters(...).sort(...)`,
 * node_modules/@forge/kvs/out/entity-query.js → `POST /api/v1/entity/query`).
 *
 * Forge's rules as documented ("Defining Custom Entities", "Custom Entity Store", "Querying the Custom
 * Entity Store", "Error handling for the Custom Entity Store"; docs/forge-notes.md):
 * - an index is a bare attribute name (an index of that name ranging over it) or
 *   `{name, range, partition?}`; an entity is in an index only when it has every attribute the
 *   index names (partition and range);
 * - a query targets one index; every partition attribute needs its value (`partition: [...]`, in the
 *   declared order); `where` is a condition on the range attribute; results come in range order
 *   (`sort`: ASC by default, or DESC), ties by key;
 * - `limit` is 1..100 (COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE), 10 when not given;
 * - `filters` (all `and` or all `or`) are applied to the page the index read, so a page may hold fewer
 *   results than `limit` (even none) and still carry a cursor: follow `nextCursor` until it is absent;
 * - integer values are 32-bit signed; float values are 0 or of magnitude 1E-130 up to below 1E+126.
 *
 * Each index keeps, per partition, its entries sorted by (range values, key): a query is a binary
 * search and its page, never a scan of the entity.
 */
import { fail } from './kvs-errors';
import type { EntityAttributeType, ManifestEntity, ManifestEntityIndex } from './manifest';
import { compareStrings, insertSorted, lowerBound, removeSorted, upperBound } from './sorted';

type Scalar = string | number | boolean;

interface IndexEntry {
  range: Scalar[];
  key: string;
}

export interface Condition {
  property: string;
  condition: string;
  values: unknown[];
}

export interface ConditionGroup {
  and?: Condition[];
  or?: Condition[];
}

export interface EntityQueryBody {
  entityName?: unknown;
  indexName?: unknown;
  partition?: unknown;
  range?: { condition?: unknown; values?: unknown };
  filters?: unknown;
  sort?: unknown;
  cursor?: unknown;
  limit?: unknown;
}

const WHERE_CONDITIONS = new Set([
  'BETWEEN',
  'BEGINS_WITH',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
]);
const FILTER_CONDITIONS = new Set([
  ...WHERE_CONDITIONS,
  'CONTAINS',
  'NOT_CONTAINS',
  'NOT_EQUAL_TO',
  'EXISTS',
  'NOT_EXISTS',
]);
const STRING_CONDITIONS = new Set(['BEGINS_WITH', 'CONTAINS', 'NOT_CONTAINS']);
const VALUELESS_CONDITIONS = new Set(['EXISTS', 'NOT_EXISTS']);
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };
const FLOAT_MAGNITUDE = { min: 1e-130, below: 1e126 };

/** Whether `value` is a valid value of an attribute of `type`. */
function fitsType(type: EntityAttributeType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value) && (value as number) >= INT32.min && (value as number) <= INT32.max;
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      const magnitude = Math.abs(value);
      return magnitude === 0 || (magnitude >= FLOAT_MAGNITUDE.min && magnitude < FLOAT_MAGNITUDE.below);
    }
    case 'any':
      return value !== undefined;
  }
}

const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const TYPE_RANK: Record<string, number> = { boolean: 0, number: 1, string: 2 };

function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a !== typeof b) return (TYPE_RANK[typeof a] ?? 3) - (TYPE_RANK[typeof b] ?? 3);
  if (typeof a === 'string') return compareStrings(a, b as string);
  return Number(a) - Number(b);
}

function compareEntries(a: IndexEntry, b: IndexEntry): number {
  for (let i = 0; i < Math.max(a.range.length, b.range.length); i++) {
    const order = compareScalars(a.range[i] as Scalar, b.range[i] as Scalar);
    if (order !== 0) return order;
  }
  return compareStrings(a.key, b.key);
}

/** Whether a stored value meets one condition (transaction conditions and query filters). */
function conditionHolds(value: unknown, c: Condition): boolean {
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
      return isScalar(actual) && compareScalars(actual, a as Scalar) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return isScalar(actual) && compareScalars(actual, a as Scalar) >= 0;
    case 'LESS_THAN':
      return isScalar(actual) && compareScalars(actual, a as Scalar) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return isScalar(actual) && compareScalars(actual, a as Scalar) <= 0;
    case 'BETWEEN':
      return (
        isScalar(actual) &&
        compareScalars(actual, a as Scalar) >= 0 &&
        compareScalars(actual, b as Scalar) <= 0
      );
    default:
      return fail(
        400,
        'INVALID_FILTER_CONDITION',
        `The condition ${c.condition} is not supported for filters.`,
      );
  }
}

/** Whether a stored value meets a group of conditions (all of `and`, or one of `or`). */
export function meetsConditions(value: unknown, group: ConditionGroup | undefined): boolean {
  if (!group) return true;
  if (group.and) return group.and.every((c) => conditionHolds(value, c));
  if (group.or) return group.or.some((c) => conditionHolds(value, c));
  return true;
}

function encodeCursor(entry: IndexEntry): string {
  return Buffer.from(JSON.stringify({ r: entry.range, k: entry.key }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: unknown): IndexEntry | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  try {
    const { r, k } = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as {
      r: unknown;
      k: unknown;
    };
    if (Array.isArray(r) && r.every(isScalar) && typeof k === 'string') return { range: r, key: k };
  } catch {
    // answered below
  }
  return fail(400, 'INVALID_CURSOR', 'The provided cursor is not one this query returned.');
}

class EntityIndex {
  /** Partition (its values as JSON) → entries sorted by (range values, key). */
  readonly partitions = new Map<string, IndexEntry[]>();

  constructor(readonly definition: ManifestEntityIndex) {}

  /** Where a value sits in this index, if it has every attribute the index names. */
  place(key: string, value: unknown): { partition: string; entry: IndexEntry } | undefined {
    if (!value || typeof value !== 'object') return undefined;
    const attributes = value as Record<string, unknown>;
    const pick = (names: string[]) => names.map((name) => attributes[name]);
    const partition = pick(this.definition.partition);
    const range = pick(this.definition.range);
    if (![...partition, ...range].every(isScalar)) return undefined;
    return { partition: JSON.stringify(partition), entry: { range: range as Scalar[], key } };
  }

  add(key: string, value: unknown): void {
    const place = this.place(key, value);
    if (!place) return;
    let entries = this.partitions.get(place.partition);
    if (!entries) this.partitions.set(place.partition, (entries = []));
    insertSorted(entries, place.entry, compareEntries);
  }

  remove(key: string, value: unknown): void {
    const place = this.place(key, value);
    const entries = place && this.partitions.get(place.partition);
    if (!place || !entries) return;
    removeSorted(entries, place.entry, compareEntries);
    if (entries.length === 0) this.partitions.delete(place.partition);
  }
}

interface DeclaredEntity {
  definition: ManifestEntity;
  indexes: Map<string, EntityIndex>;
}

/** What a query reads a key's live value through (expired entries answer undefined). */
export type LiveRead = (entityName: string, key: string) => Record<string, unknown> | undefined;

export class EntityStore {
  private readonly entities = new Map<string, DeclaredEntity>();

  constructor(definitions: readonly ManifestEntity[]) {
    for (const definition of definitions) {
      const indexes = new Map(definition.indexes.map((index) => [index.name, new EntityIndex(index)]));
      this.entities.set(definition.name, { definition, indexes });
    }
  }

  clear(): void {
    for (const { indexes } of this.entities.values())
      for (const index of indexes.values()) index.partitions.clear();
  }

  /** The entity as the manifest declares it; an undeclared one is refused. */
  declared(name: string): ManifestEntity {
    const entity = this.entities.get(name);
    if (!entity)
      return fail(
        400,
        'INVALID_ENTITY_TYPE',
        `The entity "${name}" is not declared in the app's manifest (app.storage.entities).`,
      );
    return entity.definition;
  }

  /** Refuses a value that is not an object of the entity's declared attributes, each of its type. */
  validateValue(name: string, value: unknown): void {
    const { attributes } = this.declared(name);
    if (!value || typeof value !== 'object' || Array.isArray(value))
      fail(400, 'INVALID_ENTITY_VALUE', `A value of entity "${name}" must be an object of its attributes.`);
    for (const [attribute, attributeValue] of Object.entries(value as Record<string, unknown>)) {
      const declared = attributes[attribute];
      if (!declared)
        fail(400, 'INVALID_ENTITY_VALUE', `"${attribute}" is not an attribute of entity "${name}".`);
      else if (!fitsType(declared.type, attributeValue))
        fail(
          400,
          'INVALID_ENTITY_VALUE',
          `The value of "${attribute}" of entity "${name}" is not of its type ${declared.type}: ${JSON.stringify(attributeValue)}`,
        );
    }
  }

  /** Refuses conditions on attributes the entity does not declare, or of the wrong type. */
  validateConditions(name: string, group: ConditionGroup): void {
    const { attributes } = this.declared(name);
    const hasAnd = group.and !== undefined;
    const hasOr = group.or !== undefined;
    if (hasAnd && hasOr)
      fail(
        400,
        'INVALID_FILTER_OPERATORS_COMBINATION',
        'Filter operators "and" and "or" cannot be present at the same level.',
      );
    const conditions = group.and ?? group.or;
    if (!Array.isArray(conditions) || conditions.length === 0)
      return fail(400, 'EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
    for (const condition of conditions) {
      const declared = attributes[condition.property];
      if (!declared)
        fail(
          400,
          'INVALID_ENTITY_ATTRIBUTE',
          `"${condition.property}" is not an attribute of entity "${name}".`,
        );
      this.validateCondition(condition, declared?.type ?? 'any', FILTER_CONDITIONS);
    }
  }

  /** Keeps every index of the entity in step with a write (`previous`/`next` undefined: none). */
  reindex(name: string, key: string, previous: unknown, next: unknown): void {
    const entity = this.entities.get(name);
    if (!entity) return;
    for (const index of entity.indexes.values()) {
      if (previous !== undefined) index.remove(key, previous);
      if (next !== undefined) index.add(key, next);
    }
  }

  /** One page of an index query: `{data: [{key, value}], cursor?}`. */
  query(body: EntityQueryBody, read: LiveRead): { keys: string[]; cursor?: string } {
    const name = String(body.entityName);
    const definition = this.declared(name);
    const index = this.entities.get(name)?.indexes.get(String(body.indexName));
    if (!index)
      return fail(
        400,
        'INVALID_ENTITY_INDEX',
        `The entity "${name}" has no index "${String(body.indexName)}" in the app's manifest.`,
      );
    const limit = body.limit === undefined ? DEFAULT_LIMIT : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      fail(
        400,
        'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
        `The page limit must be set between 1 and ${MAX_LIMIT}.`,
      );
    if (body.sort !== undefined && body.sort !== 'ASC' && body.sort !== 'DESC')
      fail(400, 'BAD_REQUEST', `sort must be ASC or DESC, not ${JSON.stringify(body.sort)}.`);
    const typeOf = (attribute: string): EntityAttributeType =>
      definition.attributes[attribute]?.type ?? 'any';
    const partition = this.partitionOf(index.definition, body.partition, typeOf);
    const filters = body.filters as ConditionGroup | undefined;
    if (filters !== undefined) this.validateConditions(name, filters);

    const entries = index.partitions.get(partition) ?? [];
    const rangeAttribute = index.definition.range[0] as string;
    let [low, high] = this.rangeBounds(entries, body.range, rangeAttribute, typeOf(rangeAttribute));
    const after = decodeCursor(body.cursor);
    const descending = body.sort === 'DESC';
    if (after && !descending) low = Math.max(low, upperBound(entries, after, compareEntries));
    if (after && descending) high = Math.min(high, lowerBound(entries, after, compareEntries));

    // The index is read first, `limit` entries of it; filters then keep what they match.
    const scanned: IndexEntry[] = [];
    let position = descending ? high - 1 : low;
    const step = descending ? -1 : 1;
    const inside = (at: number) => at >= low && at < high;
    for (; inside(position) && scanned.length < limit; position += step) {
      const entry = entries[position] as IndexEntry;
      if (read(name, entry.key) !== undefined) scanned.push(entry);
    }
    const last = scanned[scanned.length - 1];
    const keys = scanned
      .filter((entry) => filters === undefined || meetsConditions(read(name, entry.key), filters))
      .map((entry) => entry.key);
    return { keys, ...(last && inside(position) ? { cursor: encodeCursor(last) } : {}) };
  }

  private partitionOf(
    index: ManifestEntityIndex,
    given: unknown,
    typeOf: (attribute: string) => EntityAttributeType,
  ): string {
    const values = given === undefined || given === null ? [] : given;
    if (!Array.isArray(values) || values.length !== index.partition.length)
      fail(
        400,
        'BAD_REQUEST',
        index.partition.length === 0
          ? `The index "${index.name}" has no partition.`
          : `The index "${index.name}" needs a partition value for each of ${index.partition.join(', ')}.`,
      );
    index.partition.forEach((attribute, i) => {
      if (!isScalar((values as unknown[])[i]) || !fitsType(typeOf(attribute), (values as unknown[])[i]))
        fail(
          400,
          'BAD_REQUEST',
          `The partition value of "${attribute}" is not of its type ${typeOf(attribute)}.`,
        );
    });
    return JSON.stringify(values);
  }

  /** The positions [low, high) of the entries whose first range value meets the `where` condition. */
  private rangeBounds(
    entries: readonly IndexEntry[],
    range: EntityQueryBody['range'],
    attribute: string,
    type: EntityAttributeType,
  ): [number, number] {
    if (range === undefined || range === null) return [0, entries.length];
    const condition: Condition = {
      property: attribute,
      condition: String(range.condition),
      values: Array.isArray(range.values) ? range.values : [],
    };
    this.validateCondition(condition, type, WHERE_CONDITIONS);
    const [a, b] = condition.values as [Scalar, Scalar];
    const byValue = (entry: IndexEntry, value: Scalar) => compareScalars(entry.range[0] as Scalar, value);
    const byPrefix = (entry: IndexEntry, prefix: Scalar) => {
      const value = entry.range[0];
      return typeof value === 'string' && value.startsWith(String(prefix))
        ? 0
        : compareScalars(value as Scalar, prefix);
    };
    switch (condition.condition) {
      case 'EQUAL_TO':
        return [lowerBound(entries, a, byValue), upperBound(entries, a, byValue)];
      case 'GREATER_THAN':
        return [upperBound(entries, a, byValue), entries.length];
      case 'GREATER_THAN_EQUAL_TO':
        return [lowerBound(entries, a, byValue), entries.length];
      case 'LESS_THAN':
        return [0, lowerBound(entries, a, byValue)];
      case 'LESS_THAN_EQUAL_TO':
        return [0, upperBound(entries, a, byValue)];
      case 'BETWEEN':
        return [lowerBound(entries, a, byValue), upperBound(entries, b, byValue)];
      default:
        return [lowerBound(entries, a, byPrefix), upperBound(entries, a, byPrefix)];
    }
  }

  private validateCondition(condition: Condition, type: EntityAttributeType, allowed: Set<string>): void {
    const { condition: name, values } = condition;
    if (!allowed.has(name))
      fail(400, 'INVALID_FILTER_CONDITION', `The condition ${name} is not supported here.`);
    if (VALUELESS_CONDITIONS.has(name)) return;
    const needed = name === 'BETWEEN' ? 2 : 1;
    if (!Array.isArray(values) || values.length < needed)
      fail(400, 'INSUFFICIENT_FILTER_VALUES', `The condition ${name} needs ${needed} value(s).`);
    if (STRING_CONDITIONS.has(name) && type !== 'string' && type !== 'any')
      fail(400, 'INVALID_FILTER_CONDITION', `The condition ${name} applies to string attributes only.`);
    for (const value of values.slice(0, needed))
      if (type !== 'any' && !fitsType(type, value))
        fail(
          400,
          'INVALID_ENTITY_VALUE',
          `The value ${JSON.stringify(value)} of condition ${name} on "${condition.property}" is not of its type ${type}.`,
        );
  }
}
