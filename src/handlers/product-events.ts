import { z } from 'zod';
import { JiraClient } from '../jira/client';
import { RetryLaterError } from '../jira/errors';
import { pilotOwningIssue, readGenerationRecord, rememberIssueOwners } from '../storage/generation-record';
import { generatePilotWork } from '../services/generate-pilot';
import { handOff, type PilotJob } from '../services/work-queue';
import { ensureProvisioned } from '../services/provisioning-lookup';
import { recomputeReadiness } from '../services/recompute-readiness';

const issueEventSchema = z.object({
  eventType: z.string(),
  atlassianId: z.string().optional(),
  issue: z.object({ id: z.string(), key: z.string(), fields: z.record(z.string(), z.unknown()).optional() }),
});

const linkEventSchema = z.object({
  eventType: z.string(),
  issueLink: z.object({
    id: z.union([z.string(), z.number()]),
    sourceIssueId: z.union([z.string(), z.number()]),
    destinationIssueId: z.union([z.string(), z.number()]),
    issueLinkType: z.object({ name: z.string() }).passthrough(),
  }),
});

/** avi:jira:created:issue and avi:jira:updated:issue (the app's own writes are filtered out by ignoreSelf). */
export async function onIssueChanged(event: unknown, context?: { invocationId?: string }): Promise<void> {
  const parsed = issueEventSchema.safeParse(event);
  if (!parsed.success) return;
  const { issue, eventType } = parsed.data;
  const now = new Date();
  const provisioning = await ensureProvisioned(now);
  const issueTypeId = (issue.fields?.issuetype as { id?: string } | undefined)?.id;
  const isPilot = issueTypeId === provisioning.aiPilotIssueTypeId;
  if (isPilot && eventType === 'avi:jira:created:issue') {
    await withHandOff({ kind: 'generate', pilotId: issue.id }, () =>
      generatePilotWork(issue.id, now, invocationIdOf(issue.id, now, context)),
    );
    return;
  }
  if (isPilot) {
    await withHandOff({ kind: 'generate', pilotId: issue.id }, async () => {
      // A pilot whose generation never completed (Jira was down, say) is finished on its next change.
      if (!(await generationCompleted(issue.id))) {
        await generatePilotWork(issue.id, now, invocationIdOf(issue.id, now, context));
      }
      await recomputeReadiness(issue.id, now, parsed.data.atlassianId);
    });
    return;
  }
  const pilotId = await pilotOwningIssue(issue.id);
  if (pilotId) {
    await withHandOff({ kind: 'recompute', pilotId }, () =>
      recomputeReadiness(pilotId, now, parsed.data.atlassianId),
    );
  }
}

function invocationIdOf(issueId: string, now: Date, context?: { invocationId?: string }): string {
  return context?.invocationId ?? `${issueId}-${now.getTime()}-${Math.random().toString(36).slice(2)}`;
}

async function generationCompleted(pilotId: string): Promise<boolean> {
  return (await readGenerationRecord(pilotId)).completedAt !== null;
}

/** avi:jira:created:issuelink and avi:jira:deleted:issuelink: data-access tickets joining or leaving a pilot. */
export async function onIssueLinkChanged(event: unknown): Promise<void> {
  const parsed = linkEventSchema.safeParse(event);
  if (!parsed.success) return;
  const now = new Date();
  const provisioning = await ensureProvisioned(now);
  const link = parsed.data.issueLink;
  if (link.issueLinkType.name !== provisioning.dataAccessLinkType.name) return;
  const ends = [String(link.sourceIssueId), String(link.destinationIssueId)];
  const issues = await JiraClient.asApp().searchAll(`id in (${ends.join(', ')})`, ['issuetype']);
  const pilot = issues.find((issue) => issue.fields.issuetype?.id === provisioning.aiPilotIssueTypeId);
  if (!pilot) return;
  const ticketId = ends.find((id) => id !== pilot.id);
  if (ticketId && parsed.data.eventType === 'avi:jira:created:issuelink')
    await rememberIssueOwners(pilot.id, [ticketId]);
  await withHandOff({ kind: 'recompute', pilotId: pilot.id }, () => recomputeReadiness(pilot.id, now));
}

const RETRY_FAILED_WORK_AFTER_SECONDS = 30;

/**
 * Runs the work; when Jira's rate limit outlasts this invocation, or Jira keeps failing, the queue
 * consumer (longer time limit, Forge retries) finishes it later, so no event's work is lost.
 */
async function withHandOff(job: PilotJob, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof RetryLaterError) {
      await handOff([job], error.retryAfterSeconds);
      return;
    }
    console.error(`${job.kind} of pilot ${job.pilotId} failed; handing it to the queue`, error);
    await handOff([job], RETRY_FAILED_WORK_AFTER_SECONDS);
  }
}
