import { portfolioEntryOf, projectOfKey } from '../../domain/portfolio-entry';
import type { PilotSnapshot, ReadinessDocument } from '../../domain/types';
import { readHistory } from '../../storage/history';
import { deletePortfolioEntry, writePortfolioEntry } from '../../storage/portfolio-entries';

/**
 * Stores the pilot's portfolio entry after a recompute that changed it (the history is already
 * recorded then, so the trend and the funnel's days follow); a pilot moved to another project leaves
 * its old project's entries. Storage only, no Jira call.
 */
export async function storePortfolioEntry(
  snapshot: PilotSnapshot,
  readiness: ReadinessDocument,
  names: Readonly<Record<string, string>>,
  previousKey?: string,
): Promise<void> {
  const entry = portfolioEntryOf(snapshot, readiness, names, await readHistory(snapshot.id));
  if (previousKey !== undefined && projectOfKey(previousKey) !== entry.projectKey)
    await deletePortfolioEntry(projectOfKey(previousKey), snapshot.id);
  await writePortfolioEntry(entry);
}
