/**
 * Records keyed by what people type (owner teams, milestones, tables, state codes): a key such as
 * `constructor`, `toString` or `__proto__` names something every plain object inherits, so a lookup
 * with `record[key]` finds a function where nothing was stored, and an assignment to `__proto__`
 * changes the object's prototype instead of storing a value. Lookups go through `ownValue`, records
 * are built with `Object.fromEntries` (which stores every key as its own), never by assignment.
 */

/** The value stored under `key` itself; undefined when only an inherited name matches. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
