import { EMPTY_HISTORY, type ReadinessHistory } from '../../domain/history';
import { portfolioEntryOf, projectOfKey } from '../../domain/portfolio-entry';
import { readinessChanged } from '../../domain/readiness';
import type { PilotSnapshot, ReadinessDocument } from '../../domain/types';
import { readHistory } from '../../storage/history';
import { deletePortfolioEntry, writePortfolioEntry } from '../../storage/portfolio-entries';

interface Reading {
  snapshot: PilotSnapshot;
  readiness: ReadinessDocument;
  names: Readonly<Record<string, string>>;
}

/** Whether the entry would say something new: its history moves only with the readiness. */
function entryChanged(previous: Reading | undefined, next: Reading): boolean {
  if (!previous || readinessChanged(previous.readiness, next.readiness)) return true;
  const shown = ({ snapshot, readiness, names }: Reading) =>
    JSON.stringify(portfolioEntryOf(snapshot, readiness, names, EMPTY_HISTORY));
  return shown(previous) !== shown(next);
}

/**
 * Stores the pilot's portfolio entry after a recompute, when it would say something new (the history is
 * recorded by then, so the trend and the funnel's days follow); a pilot moved to another project leaves
 * its old project's entries. Storage only, no Jira call; nothing at all when nothing shown changed.
 */
export async function storePortfolioEntry(
  next: Reading,
  previous?: Reading,
  /** The history as the readiness writer just recorded it, when it did. */
  recorded?: ReadinessHistory | null,
): Promise<void> {
  if (!entryChanged(previous, next)) return;
  const history = recorded ?? (await readHistory(next.snapshot.id));
  const entry = portfolioEntryOf(next.snapshot, next.readiness, next.names, history);
  const previousProject = previous ? projectOfKey(previous.snapshot.key) : undefined;
  if (previousProject !== undefined && previousProject !== entry.projectKey)
    await deletePortfolioEntry(previousProject, next.snapshot.id);
  await writePortfolioEntry(entry);
}
