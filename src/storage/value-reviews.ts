/**
 * A pilot's value reviews (product.md §15): read and changed by deciders on the portfolio, so kept as a
 * versioned record (compare-and-set) and bounded (domain/value-review.ts keeps the last few).
 */
import type { ValueReviewRecord } from '../domain/types';
import { storageKeys } from './keys';
import { readVersioned, UNCHANGED, updateVersioned } from './versioned-record';

export async function readValueReviews(pilotId: string): Promise<ValueReviewRecord[]> {
  return (await readVersioned<ValueReviewRecord[]>(storageKeys.valueReviews(pilotId))).value ?? [];
}

/**
 * Applies `change` to the reviews as stored, again on a lost race; `null` from the change writes
 * nothing. Answers whether it wrote.
 */
export async function changeValueReviews(
  pilotId: string,
  change: (reviews: ValueReviewRecord[]) => ValueReviewRecord[] | null,
): Promise<boolean> {
  let wrote = false;
  await updateVersioned<ValueReviewRecord[]>(storageKeys.valueReviews(pilotId), (current) => {
    const next = change(current ?? []);
    wrote = next !== null;
    return next ?? UNCHANGED;
  });
  return wrote;
}
