import { route } from '@forge/api';
import { readinessChanged } from '../domain/readiness';
import type { ReadinessDocument } from '../domain/types';
import type { JiraClient } from '../jira/client';
import { READINESS_PROPERTY } from './pilot-snapshot';
import { recordReadinessHistory } from './readiness-history';

/**
 * Stores a recomputed readiness on the pilot: the `pilot-readiness` property (indexed for JQL) and the
 * read-only Readiness field, each only when it changed, so a recompute that changes nothing costs nothing.
 * Returns the number of Jira writes made.
 */
export async function storeReadiness(
  jira: JiraClient,
  pilotId: string,
  next: ReadinessDocument,
  previous: ReadinessDocument | undefined,
  readinessFieldId: string | null,
): Promise<number> {
  let writes = 0;
  if (readinessChanged(previous, next)) {
    await jira.setIssueProperty(pilotId, READINESS_PROPERTY, next);
    writes++;
    await recordReadinessHistory(pilotId, next);
  }
  if (readinessFieldId && previous?.score !== next.score) {
    await jira.request('PUT', route`/rest/api/3/app/field/${readinessFieldId}/value`, {
      updates: [{ issueIds: [Number(pilotId)], value: next.score }],
    });
    writes++;
  }
  return writes;
}
