/**
 * Everything the app could change in the sandbox, as one comparable value: every Jira issue (fields,
 * properties, comments, remote links, changelog), every issue link, the app's key-value storage, its
 * compare-and-set records and secrets, and every ServiceNow record. "Bad input changes nothing" is
 * `fingerprint before = after`.
 */
import type { Sandbox } from '../../sandbox/server';
import { TABLES } from '../../sandbox/servicenow/tables';
import { site } from './jira-steps';

export interface StateFingerprint {
  issues: unknown[];
  links: unknown[];
  storage: Record<string, unknown>;
  records: Record<string, unknown>;
  secrets: Record<string, unknown>;
  servicenow: Record<string, unknown[]>;
}

/**
 * Leases come and go with every invocation that takes one, and the admin and decider checks are
 * short-lived caches of what Jira says: none is state a refusal could have changed.
 */
const isLease = (key: string) =>
  key.endsWith('-lock') || key.startsWith('admin-check:') || key.startsWith('decider-check:');

export function stateFingerprint(sandbox: Sandbox): StateFingerprint {
  const storage = Object.fromEntries(
    Object.entries(sandbox.runtime.kvs.snapshot('kvs')).filter(([key]) => !isLease(key)),
  );
  const servicenow: Record<string, unknown[]> = {};
  for (const table of Object.keys(TABLES).sort()) servicenow[table] = sandbox.servicenow.records(table);
  return structuredClone({
    issues: site(sandbox).issues(),
    links: site(sandbox).issueLinks(),
    storage,
    records: sandbox.runtime.kvs.snapshot('entity:versioned-record'),
    secrets: sandbox.runtime.kvs.snapshot('secret'),
    servicenow,
  });
}

/** The paths where two fingerprints differ (empty when identical), for readable test failures. */
export function fingerprintDifferences(before: unknown, after: unknown, path = '$'): string[] {
  if (Object.is(before, after)) return [];
  if (
    typeof before !== 'object' ||
    typeof after !== 'object' ||
    before === null ||
    after === null ||
    Array.isArray(before) !== Array.isArray(after)
  ) {
    return [`${path}: ${short(before)} → ${short(after)}`];
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) =>
    fingerprintDifferences(
      (before as Record<string, unknown>)[key],
      (after as Record<string, unknown>)[key],
      `${path}.${key}`,
    ),
  );
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
