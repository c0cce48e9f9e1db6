import { JiraClient } from '../jira/client';
import { JiraError, RetryLaterError } from '../jira/errors';
import { readGenerationRecord, writeGenerationRecord } from '../storage/generation-record';
import { releaseLease, tryAcquireLease } from '../storage/lock';
import { markGenerationUnfinished } from '../storage/unfinished-generation';

/** The generation record's problem item for "every attempt failed". */
export const GIVEN_UP_ITEM = 'generation';

/**
 * The queue's last retry of a pilot's generation failed: the platform will not try again. Leaves what
 * a person sees (the panel's warning, one comment on the pilot) and lists the pilot for the daily job,
 * so its production path is never lost silently (issue 12).
 */
export async function reportGenerationGivenUp(
  pilotId: string,
  error: unknown,
  now: Date,
  invocationId: string,
): Promise<void> {
  await markGenerationUnfinished(pilotId, now.toISOString());
  const lease = `pilot:${pilotId}:given-up-lock`;
  if (!(await tryAcquireLease(lease, invocationId, 60))) return;
  try {
    const record = await readGenerationRecord(pilotId);
    if (record.problems.some((problem) => problem.item === GIVEN_UP_ITEM)) return;
    const message = `Pilot Pathway could not lay out this pilot's production path: Jira kept failing (${failureOf(error)}) through every retry. Nothing will be created twice: the daily job tries again, or choose "Retry generation" on the Production readiness panel.`;
    record.problems = [...record.problems, { item: GIVEN_UP_ITEM, message, at: now.toISOString() }];
    await writeGenerationRecord(pilotId, record);
    await JiraClient.asApp()
      .addComment(pilotId, message)
      .catch((commentError: unknown) =>
        console.error(`pilot ${pilotId}: could not comment that generation was given up`, commentError),
      );
  } finally {
    await releaseLease(lease, invocationId);
  }
}

function failureOf(error: unknown): string {
  if (error instanceof RetryLaterError) return `rate limited: ${error.reason}`;
  if (error instanceof JiraError) return `HTTP ${error.status} on ${error.operation}`;
  return 'an unexpected error';
}
