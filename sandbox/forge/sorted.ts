/**
 * Sorted arrays kept sorted by binary search: the storage emulator's indexes (plain keys for prefix
 * queries, custom entity indexes), so a query costs a search plus its page, never a scan of every key.
 */

/** The first position whose element is not before `probe` (`compare(element, probe) >= 0`). */
export function lowerBound<T, P>(
  items: readonly T[],
  probe: P,
  compare: (item: T, probe: P) => number,
): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(items[middle] as T, probe) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first position whose element is after `probe` (`compare(element, probe) > 0`). */
export function upperBound<T, P>(
  items: readonly T[],
  probe: P,
  compare: (item: T, probe: P) => number,
): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(items[middle] as T, probe) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Inserts `item` in order unless an equal one is there already. */
export function insertSorted<T>(items: T[], item: T, compare: (a: T, b: T) => number): void {
  const at = lowerBound(items, item, compare);
  if (at < items.length && compare(items[at] as T, item) === 0) return;
  items.splice(at, 0, item);
}

/** Removes the element equal to `item`, if there is one. */
export function removeSorted<T>(items: T[], item: T, compare: (a: T, b: T) => number): void {
  const at = lowerBound(items, item, compare);
  if (at < items.length && compare(items[at] as T, item) === 0) items.splice(at, 1);
}

/** Strings in UTF-16 code unit order, as `Array.prototype.sort` orders them. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
