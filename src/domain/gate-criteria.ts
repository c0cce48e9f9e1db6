import { PRODUCTION_DEPLOYMENT } from './default-template';
import type { WaivableCriterion } from './types';

/**
 * What a milestone's gate checks (product.md §6), and so what a waiver on that gate may waive (§7),
 * one criterion each: each template row that must complete before the milestone, and on the
 * production deployment gate also data access and each review kind. Pure and free of zod, so the
 * waiver form offers exactly these.
 */
export function gateCriteria(
  milestone: string,
  template: {
    rows: ReadonlyArray<{ key: string; milestone: string }>;
    reviewKinds: ReadonlyArray<{ kind: string }>;
  },
): WaivableCriterion[] {
  const keys = [...new Set(template.rows.filter((row) => row.milestone === milestone).map((row) => row.key))];
  const criteria: WaivableCriterion[] = keys.map((row) => ({ type: 'workstream', row }));
  if (milestone === PRODUCTION_DEPLOYMENT) {
    criteria.push({ type: 'data-access' });
    for (const kind of new Set(template.reviewKinds.map((config) => config.kind)))
      criteria.push({ type: 'review', kind });
  }
  return criteria;
}
