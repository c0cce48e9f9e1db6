import { retryAfterSeconds } from '../errors';
import { handOff } from '../queue';
import { onIssueDeleted, type IssueDeletion } from './issue-deletions';
import {
  onDataAccessLinkChange,
  onIssueChange,
  type IssueChange,
  type IssueWork,
  type LinkChange,
} from './issue-events';

const RETRY_FAILED_WORK_AFTER_SECONDS = 30;

/** An issue created or updated: what it means for the app's pilots, done now (see onIssueChange). */
export async function handleIssueChange(change: IssueChange, now: Date, invocationId: string): Promise<void> {
  await runAll(await onIssueChange(change, now, invocationId));
}

/** An issue deleted: see onIssueDeleted. */
export async function handleIssueDeletion(deletion: IssueDeletion, now: Date): Promise<void> {
  await runAll(await onIssueDeleted(deletion, now));
}

/** A *Data access* link made or removed: see onDataAccessLinkChange. */
export async function handleDataAccessLinkChange(change: LinkChange, now: Date): Promise<void> {
  await runAll(await onDataAccessLinkChange(change, now));
}

/**
 * Runs the work; when Jira's rate limit outlasts this invocation, or Jira keeps failing, the queue
 * consumer (longer time limit, Forge retries) finishes it later, so no event's work is lost.
 */
async function runAll(work: IssueWork[]): Promise<void> {
  for (const { job, run } of work) {
    try {
      await run();
    } catch (error) {
      const quotaWait = retryAfterSeconds(error);
      if (quotaWait !== undefined) {
        await handOff([job], quotaWait);
        continue;
      }
      console.error(`${job.kind} job failed; handing it to the queue`, job, error);
      await handOff([job], RETRY_FAILED_WORK_AFTER_SECONDS);
    }
  }
}
