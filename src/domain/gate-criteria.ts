import { PRODUCTION_DEPLOYMENT } from './default-template';
import type { WaivableCriterion } from './types';

/**
 * What a milestone's gate checks (product.md §6), and so what a waiver on that gate may waive (§7):
 * each template row that must complete before the milestone, and on the production deployment gate
 * also data access and reviews. Pure and free of zod, so the waiver form offers exactly these.
 */
export function gateCriteria(
  milestone: string,
  rows: ReadonlyArray<{ key: string; milestone: string }>,
): WaivableCriterion[] {
  const keys = [...new Set(rows.filter((row) => row.milestone === milestone).map((row) => row.key))];
  const criteria: WaivableCriterion[] = keys.map((row) => ({ type: 'workstream', row }));
  if (milestone === PRODUCTION_DEPLOYMENT) criteria.push({ type: 'data-access' }, { type: 'reviews' });
  return criteria;
}
