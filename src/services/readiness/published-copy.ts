import { createHash } from 'node:crypto';
import type { ReadinessDocument } from '../../domain/types';

/** What the daily job's search saw Jira publish of one pilot, carried to its batch (small: a digest). */
export interface PublishedCopy {
  /** The digest of the `pilot-readiness` property (null: none). */
  digest: string | null;
  /** The Readiness field (null: empty or not provisioned). */
  score: number | null;
  /** The pilot's status is in the done category. */
  done: boolean;
}

/** JSON with object keys in order, so the same document always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A digest of a readiness document as published, leaving out when it was computed (a recompute that
 * changes nothing does not rewrite the property, so that may differ): equal digests, equal readings.
 */
export function publishedDigest(readiness: ReadinessDocument | undefined): string | null {
  if (readiness === undefined || readiness === null) return null;
  const document = typeof readiness === 'object' ? { ...readiness, computedAt: null } : readiness;
  return createHash('sha256').update(canonical(document)).digest('hex').slice(0, 24);
}
