import { projectOfKey } from '../../domain/portfolio-entry';
import { JiraError } from '../../jira/errors';
import { readGenerationRecord } from '../../storage/generation-record';
import { forgetPilotState } from '../../storage/pilot-removal';
import { readDataAccessLinks, readPilotView } from '../../storage/pilot-state';
import { readFiledRecords } from '../../storage/servicenow';

/**
 * A pilot deleted in Jira leaves its epic's roll-up, the portfolio and the queues (product.md §14):
 * everything the app stored for it goes (storage/pilot-removal.ts). Its delete event says so; a
 * recompute or a generation that finds the pilot gone says so too (its event may have been lost).
 */
export async function forgetDeletedPilot(pilotId: string): Promise<void> {
  const [view, record, links, filed] = await Promise.all([
    readPilotView(pilotId),
    readGenerationRecord(pilotId),
    readDataAccessLinks(pilotId),
    readFiledRecords(pilotId),
  ]);
  await forgetPilotState({
    pilotId,
    epicId: view?.parent?.id ?? null,
    projectKey: view ? projectOfKey(view.snapshot.key) : null,
    issueIds: [...Object.values(record.created).map((issue) => issue.id), ...links.linked],
    serviceNowSysIds: filed.map((record) => record.sysId),
  });
}

/** Jira answered that the pilot itself does not exist (read as the app, which sees every issue). */
export function isPilotGone(error: unknown, pilotId: string): boolean {
  return error instanceof JiraError && error.status === 404 && error.operation.endsWith(`/issue/${pilotId}`);
}
