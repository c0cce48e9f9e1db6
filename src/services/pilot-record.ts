import { trendOf } from '../domain/history';
import type { JiraClient } from '../jira/client';
import { getUsersByAccountIds } from '../jira/configuration';
import { readAudit } from '../storage/audit';
import { readGovernance } from '../storage/governance';
import { readHistory } from '../storage/history';
import type { PilotView } from '../ui-contract';

/** Audit lines the panel shows, newest first. */
const AUDIT_LINES_SHOWN = 50;
const APP_ACTOR = 'app';

/**
 * What the app recorded about a pilot, for its full panel: the readiness history (trend), the audit
 * log with who did each thing (one user lookup for every name), and what a kill left to close by hand.
 */
export async function pilotRecord(
  jira: JiraClient,
  pilotId: string,
): Promise<Pick<PilotView, 'history' | 'trend' | 'audit' | 'closure'>> {
  const [history, entries, governance] = await Promise.all([
    readHistory(pilotId),
    readAudit(pilotId),
    readGovernance(pilotId),
  ]);
  const newest = entries.slice(-AUDIT_LINES_SHOWN).reverse();
  const people = [...new Set(newest.map((entry) => entry.actorAccountId))].filter((id) => id !== APP_ACTOR);
  const names = new Map(
    (await getUsersByAccountIds(jira, people).catch(() => [])).map((user) => [
      user.accountId,
      user.displayName ?? user.accountId,
    ]),
  );
  return {
    history: history.points,
    trend: trendOf(history.points),
    audit: newest.map((entry) => ({
      at: entry.at,
      actor:
        entry.actorAccountId === APP_ACTOR
          ? 'Pilot Pathway'
          : (names.get(entry.actorAccountId) ?? entry.actorAccountId),
      action: entry.action,
      summary: entry.summary,
    })),
    closure: governance.closure ?? null,
  };
}
