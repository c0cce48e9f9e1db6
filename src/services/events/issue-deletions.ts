import { isPilotIssueType } from '../../domain/site-provisioning';
import { pilotsOwningIssue } from '../../storage/generation-record';
import { noteDataAccessLink, readDataAccessLinks, readPilotView } from '../../storage/pilot-state';
import { ensureProvisioned } from '../provisioning';
import { forgetDeletedPilot, requestRecompute } from '../readiness';
import type { IssueWork } from './issue-events';

export interface IssueDeletion {
  issueId: string;
  issueTypeId: string | undefined;
  actorAccountId?: string;
}

/**
 * An issue deleted in Jira (product.md §14). A pilot: everything the app stored for it goes, so it
 * leaves its epic, the portfolio and the queues. One of a pilot's issues (a workstream, a review, a
 * data-access ticket): the pilot is recomputed, and its fresh read finds the issue gone, so it counts
 * as missing (0) and a restore lays it out again. Jira sends one event per sub-task, then the parent's;
 * the daily job notices a deletion whose event was lost.
 */
export async function onIssueDeleted(deletion: IssueDeletion, now: Date): Promise<IssueWork[]> {
  const { issueId } = deletion;
  const provisioning = await ensureProvisioned(now);
  if (isPilotIssueType(provisioning, deletion.issueTypeId) || (await readPilotView(issueId))) {
    return [{ job: { kind: 'recompute', pilotId: issueId }, run: () => forgetDeletedPilot(issueId) }];
  }
  const pilotIds = await pilotsOwningIssue(issueId);
  return pilotIds.map((pilotId) => ({
    job: { kind: 'recompute', pilotId },
    run: async () => {
      if ((await readDataAccessLinks(pilotId)).linked.includes(issueId))
        await noteDataAccessLink(pilotId, issueId, false);
      await requestRecompute(
        pilotId,
        { issueId, ...(deletion.actorAccountId ? { actorAccountId: deletion.actorAccountId } : {}) },
        now,
      );
    },
  }));
}
