/**
 * Shared state under compare-and-set (product.md §14 "No lost updates"). Forge's key-value `set`
 * overwrites whatever is there; the Custom Entity Store's transactions take conditions. So every value
 * that more than one invocation reads, changes and writes back (configuration, a pilot's governance,
 * generation records, link lists) is an entity `versioned-record` `{revision, value}` (manifest.yml,
 * `app.storage.entities`), written only while its revision is still the one that was read.
 *
 * Two ways to use it:
 * - `writeVersioned(key, value, revision)`: the caller read the record (an admin loaded a page) and
 *   writes against that reading; a change made meanwhile refuses the write with `ChangedMeanwhile`.
 * - `updateVersioned(key, change)`: read, change, write, and on a race read again and re-apply the
 *   change to what the winner wrote; the change may refuse (throw) when the new state no longer allows
 *   it, so two decisions that exclude each other can never both stand.
 *
 * A site that upgrades keeps its data: a value stored before as a plain key-value entry (`legacyKey`)
 * reads as revision 0 while no record exists, and the first write creates the record and removes the
 * plain entry in one transaction, so the old value is never read again once it has been moved.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';

export const VERSIONED_ENTITY = 'versioned-record';

interface StoredRecord<T> {
  revision: number;
  value: T;
}

/** A value as read, with the revision a write against this reading must still find. */
export interface Versioned<T> {
  /** Undefined when nothing is stored yet (revision 0). */
  value: T | undefined;
  revision: number;
}

/** The record changed between its reading and the write: the writer must read it again. */
export class ChangedMeanwhile extends Error {
  constructor(readonly key: string) {
    super(`${key} was changed by someone else meanwhile`);
    this.name = 'ChangedMeanwhile';
  }
}

/** Where a record's value lived before it was versioned: a plain key-value entry, read until moved. */
export interface VersionedOptions {
  legacyKey?: string;
}

/**
 * A write under compare-and-set may carry plain key-value entries written in the same transaction:
 * they are written exactly when the record's revision still holds (a fence for values too big or too
 * often read to be records themselves).
 */
export interface VersionedWriteOptions extends VersionedOptions {
  alongside?: ReadonlyArray<{ key: string; value: unknown }>;
}

export async function readVersioned<T>(key: string, options: VersionedOptions = {}): Promise<Versioned<T>> {
  const stored = await kvs.entity<StoredRecord<T>>(VERSIONED_ENTITY).get(key);
  if (stored !== undefined) return { value: stored.value, revision: stored.revision };
  const legacy = options.legacyKey === undefined ? undefined : await kvs.get<T>(options.legacyKey);
  return { value: legacy, revision: 0 };
}

/**
 * Writes `value` only while the stored revision is `revision` (0: nothing stored yet); answers the new
 * revision. Throws `ChangedMeanwhile` when another write came first, and writes nothing then.
 */
export async function writeVersioned<T>(
  key: string,
  value: T,
  revision: number,
  options: VersionedWriteOptions = {},
): Promise<number> {
  const conditions =
    revision === 0
      ? new Filter<StoredRecord<T>>().and('revision', FilterConditions.notExists())
      : new Filter<StoredRecord<T>>().and('revision', FilterConditions.equalTo(revision));
  try {
    let transaction = kvs
      .transact()
      .set<StoredRecord<T>>(
        key,
        { revision: revision + 1, value },
        { entityName: VERSIONED_ENTITY, conditions },
      );
    // The record's first write moves the value out of the plain entry it was read from.
    if (revision === 0 && options.legacyKey !== undefined)
      transaction = transaction.delete(options.legacyKey);
    for (const entry of options.alongside ?? []) transaction = transaction.set(entry.key, entry.value);
    await transaction.execute();
  } catch (error) {
    if (isConditionFailure(error)) throw new ChangedMeanwhile(key);
    throw error;
  }
  return revision + 1;
}

/** Removes the record only while it is still at `revision`. */
export async function deleteVersioned(key: string, revision: number): Promise<void> {
  if (revision === 0) return;
  try {
    await kvs
      .transact()
      .delete<StoredRecord<unknown>>(key, {
        entityName: VERSIONED_ENTITY,
        conditions: new Filter<StoredRecord<unknown>>().and('revision', FilterConditions.equalTo(revision)),
      })
      .execute();
  } catch (error) {
    if (isConditionFailure(error)) throw new ChangedMeanwhile(key);
    throw error;
  }
}

/** Answer of a change that leaves the record as it is (nothing is written). */
export const UNCHANGED = Symbol('unchanged');

/** Races lost in a row before the update gives up: far beyond what a pilot's few deciders make. */
const UPDATE_ATTEMPTS = 8;

/**
 * Read, change, write; on a lost race, read the winner's value and apply the change to it again. The
 * change is a pure function of the current value: it answers the next value, `UNCHANGED`, or throws
 * (a rule the current value breaks), and then nothing is written.
 */
export async function updateVersioned<T>(
  key: string,
  change: (current: T | undefined) => T | typeof UNCHANGED,
  options: VersionedOptions = {},
): Promise<Versioned<T>> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await readVersioned<T>(key, options);
    const next = change(current.value);
    if (next === UNCHANGED) return current;
    try {
      return { value: next, revision: await writeVersioned(key, next, current.revision, options) };
    } catch (error) {
      if (!(error instanceof ChangedMeanwhile) || attempt >= UPDATE_ATTEMPTS) throw error;
    }
  }
}

/** A failed transaction condition: Forge answers 409 (the sandbox: CONDITION_CHECK_FAILED). */
function isConditionFailure(error: unknown): boolean {
  const failure = error as { code?: unknown; responseDetails?: { status?: unknown } } | null;
  return (
    failure?.responseDetails?.status === 409 ||
    (typeof failure?.code === 'string' && failure.code.includes('CONDITION'))
  );
}

/** Keys changed in one transaction: each may also remove its plain entry, within Forge's 25 operations. */
const KEYS_PER_TRANSACTION = 12;
/** Forge storage reads at most this many keys in one batch. */
const BATCH_GET_LIMIT = 25;

/**
 * `updateVersioned` for many records at once (e.g. the owners of the issues generation just created):
 * one batch read and one conditional transaction per dozen keys instead of a read and a write each; a
 * race lost on any key reads that dozen again and re-applies the change. `legacy`: each record may
 * still be a plain entry under the same key (moved by this write).
 */
export async function updateVersionedMany<T>(
  keys: readonly string[],
  change: (key: string, current: T | undefined) => T | typeof UNCHANGED,
  options: { legacy?: boolean } = {},
): Promise<void> {
  const unique = [...new Set(keys)];
  for (let offset = 0; offset < unique.length; offset += KEYS_PER_TRANSACTION) {
    const chunk = unique.slice(offset, offset + KEYS_PER_TRANSACTION);
    for (let attempt = 1; ; attempt += 1) {
      const current = await readMany<T>(chunk, options.legacy === true);
      let transaction = kvs.transact();
      let writes = 0;
      for (const key of chunk) {
        const read = current.get(key) ?? { value: undefined, revision: 0, legacy: false };
        const next = change(key, read.value);
        if (next === UNCHANGED) continue;
        const conditions =
          read.revision === 0
            ? new Filter<StoredRecord<T>>().and('revision', FilterConditions.notExists())
            : new Filter<StoredRecord<T>>().and('revision', FilterConditions.equalTo(read.revision));
        transaction = transaction.set<StoredRecord<T>>(
          key,
          { revision: read.revision + 1, value: next },
          { entityName: VERSIONED_ENTITY, conditions },
        );
        if (read.legacy) transaction = transaction.delete(key);
        writes += 1;
      }
      if (writes === 0) break;
      try {
        await transaction.execute();
        break;
      } catch (error) {
        if (!isConditionFailure(error) || attempt >= UPDATE_ATTEMPTS) {
          throw isConditionFailure(error) ? new ChangedMeanwhile(chunk.join(', ')) : error;
        }
      }
    }
  }
}

/**
 * The values of many records, 25 keys a storage call (with `legacy`, plain entries stored before under
 * the same keys where no record exists yet); a key with neither is left out.
 */
export async function readVersionedMany<T>(
  keys: readonly string[],
  options: { legacy?: boolean } = {},
): Promise<Map<string, T>> {
  const read = await readMany<T>(keys, options.legacy === true);
  const values = new Map<string, T>();
  for (const [key, { value }] of read) if (value !== undefined) values.set(key, value);
  return values;
}

/** Records by key (and, with `legacy`, plain entries under the same keys where no record exists yet). */
async function readMany<T>(
  keys: readonly string[],
  legacy: boolean,
): Promise<Map<string, Versioned<T> & { legacy: boolean }>> {
  const records = new Map<string, StoredRecord<T>>();
  const plain = new Map<string, T>();
  await batchRead(
    keys.map((key) => ({ key, entityName: VERSIONED_ENTITY })),
    (key, value) => records.set(key, value as StoredRecord<T>),
  );
  // Plain entries only where no record exists yet: once a site has moved its values, a read costs
  // one storage unit per key, not two (the portfolio reads every pilot's history at once).
  if (legacy) {
    const unmoved = keys.filter((key) => !records.has(key));
    await batchRead(
      unmoved.map((key) => ({ key })),
      (key, value) => plain.set(key, value as T),
    );
  }
  return new Map(
    keys.map((key) => {
      const record = records.get(key);
      if (record) return [key, { value: record.value, revision: record.revision, legacy: false }];
      return [key, { value: plain.get(key), revision: 0, legacy: plain.has(key) }];
    }),
  );
}

async function batchRead(
  items: ReadonlyArray<{ key: string; entityName?: string }>,
  found: (key: string, value: unknown) => void,
): Promise<void> {
  for (let offset = 0; offset < items.length; offset += BATCH_GET_LIMIT) {
    const batch = await kvs.batchGet<unknown>(items.slice(offset, offset + BATCH_GET_LIMIT));
    for (const item of batch.successfulKeys) found(item.key, item.value);
  }
}
