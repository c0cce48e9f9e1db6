import { JiraClient } from '../../jira/client';
import { handOff } from './work-queue';
import { JiraError, RetryLaterError } from '../../jira/errors';
import { UNCHANGED, updateGenerationRecord } from '../../storage/generation-record';
import { releaseLease, tryAcquireLease } from '../../storage/lock';
import {
  clearUnfinished,
  isUnfinished,
  markUnfinished,
  type UnfinishedWork,
} from '../../storage/unfinished-work';

/** The generation record's problem item for "every attempt failed", by the work given up. */
export const GIVEN_UP_ITEM: Record<UnfinishedWork, string> = {
  generation: 'generation',
  recompute: 'readiness',
};

const MESSAGE: Record<UnfinishedWork, (failure: string) => string> = {
  generation: (failure) =>
    `Pilot Pathway could not lay out this pilot's production path: Jira kept failing (${failure}) through every retry. Nothing will be created twice: the daily job tries again, or choose "Retry generation" on the Production readiness panel.`,
  recompute: (failure) =>
    `Pilot Pathway could not bring this pilot's readiness up to date: Jira kept failing (${failure}) through every retry. The score shown may be out of date until the daily job recomputes it, or choose "Retry generation" on the Production readiness panel.`,
};

/**
 * The queue's last retry of a pilot's generation or recompute failed: the platform will not try
 * again. Leaves what a person sees (the panel's warning, one comment on the pilot) and lists the
 * pilot for the daily job, so its production path or its readiness is never lost silently (issue 12).
 */
export async function reportGivenUp(
  work: UnfinishedWork,
  pilotId: string,
  error: unknown,
  now: Date,
  invocationId: string,
): Promise<void> {
  await markUnfinished(work, pilotId, now.toISOString());
  const lease = await tryAcquireLease(`pilot:${pilotId}:given-up-lock`, invocationId, 60);
  if (!lease) return;
  try {
    const message = MESSAGE[work](failureOf(error));
    let reported = false;
    await updateGenerationRecord(pilotId, (record) => {
      if (record.problems.some((problem) => problem.item === GIVEN_UP_ITEM[work])) return UNCHANGED;
      reported = true;
      const problem = { item: GIVEN_UP_ITEM[work], message, at: now.toISOString() };
      return { ...record, problems: [...record.problems, problem] };
    });
    if (!reported) return;
    await JiraClient.asApp()
      .addComment(pilotId, message)
      .catch((commentError: unknown) =>
        console.error(`pilot ${pilotId}: could not comment that its ${work} was given up`, commentError),
      );
  } finally {
    await releaseLease(lease);
  }
}

/** A change saved a moment ago waits this long before its queued recompute tries Jira again. */
const STALE_RECOMPUTE_AFTER_SECONDS = 30;

/**
 * A change was saved (a ServiceNow record filed, a Jira ticket linked, a waiver stored) but the
 * recompute after it failed: the pilot is never left silently stale (product.md §14). It is queued for
 * a recompute, listed for the daily job, and its panel says its readiness may be out of date until a
 * recompute succeeds (which clears the note). No comment: Jira is what failed.
 */
export async function reportStaleReadiness(
  pilotId: string,
  change: string,
  error: unknown,
  now: Date,
  invocationId: string,
): Promise<void> {
  await markUnfinished('recompute', pilotId, now.toISOString());
  await handOff([{ kind: 'recompute', pilotId }], STALE_RECOMPUTE_AFTER_SECONDS).catch(
    (queueError: unknown) =>
      // Listed as unfinished: the daily job recomputes it even when the queue refused the job.
      console.error(`pilot ${pilotId}: could not queue the recompute after ${change}`, queueError),
  );
  const lease = await tryAcquireLease(`pilot:${pilotId}:given-up-lock`, invocationId, 60);
  if (!lease) return;
  try {
    const message = `${change}, but the readiness shown may be out of date: Jira failed while Pilot Pathway recomputed this pilot (${failureOf(error)}). It is queued and recomputed as soon as Jira answers.`;
    await updateGenerationRecord(pilotId, (record) => ({
      ...record,
      problems: [
        ...record.problems.filter((problem) => problem.item !== GIVEN_UP_ITEM.recompute),
        { item: GIVEN_UP_ITEM.recompute, message, at: now.toISOString() },
      ],
    }));
  } finally {
    await releaseLease(lease);
  }
}

/** A recompute succeeded: a pilot listed as given up leaves the list, and its warning goes. */
export async function clearRecomputeGivenUp(pilotId: string): Promise<void> {
  if (!(await isUnfinished('recompute', pilotId))) return;
  await updateGenerationRecord(pilotId, (record) => {
    const problems = record.problems.filter((problem) => problem.item !== GIVEN_UP_ITEM.recompute);
    return problems.length === record.problems.length ? UNCHANGED : { ...record, problems };
  });
  await clearUnfinished('recompute', pilotId);
}

function failureOf(error: unknown): string {
  if (error instanceof RetryLaterError) return `rate limited: ${error.reason}`;
  if (error instanceof JiraError) return `HTTP ${error.status} on ${error.operation}`;
  return 'an unexpected error';
}
