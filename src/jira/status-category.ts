import type { StatusCategory } from '../domain/types';

const STATUS_CATEGORIES: readonly string[] = ['new', 'indeterminate', 'done'] satisfies StatusCategory[];

/**
 * The status category of a Jira status (`status.statusCategory.key`), or undefined when the status, its
 * category, or a category the readiness model knows is missing (Jira's "No category" is `undefined`).
 */
export function statusCategoryOf(status: unknown): StatusCategory | undefined {
  const key = (status as { statusCategory?: { key?: unknown } } | null | undefined)?.statusCategory?.key;
  return typeof key === 'string' && STATUS_CATEGORIES.includes(key) ? (key as StatusCategory) : undefined;
}

/** The status category of an issue read from Jira; an issue without a known one has not started. */
export function issueStatusCategory(fields: { status?: unknown }): StatusCategory {
  return statusCategoryOf(fields.status) ?? 'new';
}
