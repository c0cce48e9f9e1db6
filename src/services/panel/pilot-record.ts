import { trendOf } from '../../domain/history';
import { readAudit } from '../../storage/audit';
import { readGovernance } from '../../storage/governance';
import { readHistory } from '../../storage/history';
import type { PilotView } from '../../ui-contract';

/** Audit lines the panel shows, newest first. */
const AUDIT_LINES_SHOWN = 50;
const APP_ACTOR = 'app';

/**
 * What the app recorded about a pilot, for its full panel, from Forge storage only (no Jira call):
 * the readiness history and trend, the audit log (who, when, what) and what a kill left to close by
 * hand. People are named from the names the entry or the stored view know; else their account id.
 */
export async function pilotRecord(
  pilotId: string,
  viewer: { accountId: string; names: Readonly<Record<string, string>> },
): Promise<Pick<PilotView, 'history' | 'trend' | 'audit' | 'closure'>> {
  const [history, entries, governance] = await Promise.all([
    readHistory(pilotId),
    readAudit(pilotId),
    readGovernance(pilotId),
  ]);
  const actor = (entry: { actorAccountId: string; actorName?: string }) => {
    if (entry.actorAccountId === APP_ACTOR) return 'Pilot Pathway';
    const name = entry.actorName ?? viewer.names[entry.actorAccountId] ?? entry.actorAccountId;
    return entry.actorAccountId === viewer.accountId ? `${name} (you)` : name;
  };
  return {
    history: history.points,
    trend: trendOf(history.points),
    audit: entries
      .slice(-AUDIT_LINES_SHOWN)
      .reverse()
      .map((entry) => ({ at: entry.at, actor: actor(entry), action: entry.action, summary: entry.summary })),
    closure: governance.closure ?? null,
  };
}
