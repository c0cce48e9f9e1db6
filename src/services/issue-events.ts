import { JiraClient } from '../jira/client';
import { pilotOwningIssue, readGenerationRecord, rememberIssueOwners } from '../storage/generation-record';
import { generatePilotWork } from './generate-pilot';
import { ensureProvisioned } from './provisioning-lookup';
import { recomputeReadiness } from './recompute-readiness';
import type { PilotJob } from './work-queue';

export interface IssueChange {
  created: boolean;
  issueId: string;
  issueTypeId: string | undefined;
  actorAccountId?: string;
}

/**
 * What an issue change means for the app: a new pilot gets its production path; a changed pilot, or a
 * change to one of its sub-tasks, reviews or data-access tickets, gets its readiness recomputed (and a
 * pilot whose generation never completed is finished first). Any other issue costs no Jira call.
 * Returns the job to hand to the queue if the work has to be finished later, or null when ignored.
 */
export async function onIssueChange(
  change: IssueChange,
  now: Date,
  invocationId: string,
): Promise<{ job: PilotJob; run: () => Promise<unknown> } | null> {
  const provisioning = await ensureProvisioned(now);
  if (change.issueTypeId === provisioning.aiPilotIssueTypeId) {
    const pilotId = change.issueId;
    return {
      job: { kind: 'generate', pilotId },
      run: async () => {
        // Generation stores a fresh pilot's readiness itself (4 calls in all): no recompute after it.
        if (change.created) return generatePilotWork(pilotId, now, invocationId);
        if ((await readGenerationRecord(pilotId)).completedAt === null) {
          await generatePilotWork(pilotId, now, invocationId);
        }
        return recomputeReadiness(pilotId, now, change.actorAccountId);
      },
    };
  }
  const pilotId = await pilotOwningIssue(change.issueId);
  if (!pilotId) return null;
  return {
    job: {
      kind: 'recompute',
      pilotId,
      ...(change.actorAccountId ? { actorAccountId: change.actorAccountId } : {}),
    },
    run: () => recomputeReadiness(pilotId, now, change.actorAccountId),
  };
}

export interface LinkChange {
  created: boolean;
  linkTypeName: string;
  issueIds: [string, string];
}

/** A *Data access* link joined or left a pilot: remember the ticket as the pilot's, recompute the pilot. */
export async function onDataAccessLinkChange(
  change: LinkChange,
  now: Date,
): Promise<{ job: PilotJob; run: () => Promise<unknown> } | null> {
  const provisioning = await ensureProvisioned(now);
  if (change.linkTypeName !== provisioning.dataAccessLinkType.name) return null;
  const ends = await JiraClient.asApp().searchAll(`id in (${change.issueIds.join(', ')})`, ['issuetype']);
  const pilot = ends.find((issue) => issue.fields.issuetype?.id === provisioning.aiPilotIssueTypeId);
  if (!pilot) return null;
  const ticketId = change.issueIds.find((id) => id !== pilot.id);
  if (ticketId && change.created) await rememberIssueOwners(pilot.id, [ticketId]);
  return { job: { kind: 'recompute', pilotId: pilot.id }, run: () => recomputeReadiness(pilot.id, now) };
}
