/**
 * Each project's portfolio entries (domain/portfolio-entry.ts), one key per pilot, written by every
 * recompute that changes the pilot: the pages that list many projects (the global page, the dashboard
 * gadget) read them page by page instead of searching Jira.
 */
import { kvs } from '@forge/kvs';
import type { PortfolioPilot } from '../domain/portfolio-entry';
import { storageKeys } from './keys';
import { readAllWithPrefix } from './query-all';

/** Forge storage writes at most this many keys in one batch. */
const BATCH_SET_LIMIT = 25;

export async function writePortfolioEntry(entry: PortfolioPilot): Promise<void> {
  await kvs.set(storageKeys.portfolioEntry(entry.projectKey, entry.id), entry);
}

export async function deletePortfolioEntry(projectKey: string, pilotId: string): Promise<void> {
  await kvs.delete(storageKeys.portfolioEntry(projectKey, pilotId));
}

/** Every entry of a project, `AIP-2` before `AIP-10` (a storage query returns at most 20 a page). */
export async function readPortfolioEntries(projectKey: string): Promise<PortfolioPilot[]> {
  const entries = await readAllWithPrefix<PortfolioPilot>(storageKeys.portfolioEntriesPrefix(projectKey));
  return entries.sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
}

/**
 * True when the project's entries list every pilot: on a site installed with stored entries (every
 * pilot's is written from its first recompute), or once the project was read in full.
 */
export async function isProjectPortfolioComplete(projectKey: string): Promise<boolean> {
  if ((await kvs.get<boolean>(storageKeys.portfolioEntriesComplete)) === true) return true;
  return (await kvs.get<boolean>(storageKeys.projectPortfolioComplete(projectKey))) === true;
}

/** A fresh install: every project's entries are complete by construction. */
export async function markPortfolioEntriesComplete(): Promise<void> {
  await kvs.set(storageKeys.portfolioEntriesComplete, true);
}

/** Stores every entry of a project at once (read by one search) and marks the project complete. */
export async function writeProjectPortfolio(
  projectKey: string,
  entries: readonly PortfolioPilot[],
): Promise<void> {
  for (let offset = 0; offset < entries.length; offset += BATCH_SET_LIMIT) {
    await kvs.batchSet(
      entries
        .slice(offset, offset + BATCH_SET_LIMIT)
        .map((entry) => ({ key: storageKeys.portfolioEntry(projectKey, entry.id), value: entry })),
    );
  }
  await kvs.set(storageKeys.projectPortfolioComplete(projectKey), true);
}
