/**
 * A template apply's re-syncs as a paced chain of queue events (product.md §16): the resolver stores
 * the pilots to re-sync and queues the first page; each page takes itself by compare-and-set, then
 * queues its pilots' re-syncs and the next page in one push, the next page
 * `PAGE_DELAY_SECONDS` later. A duplicated or late delivery of a page finds it taken and does
 * nothing; a page whose push failed is given back for its retry; a newer apply ends the older chain.
 */
import {
  PAGE_DELAY_SECONDS,
  applyProgress,
  pageAt,
  returnPage,
  startedApply,
  takePage,
  type TemplateApplyProgress,
} from '../../domain/template-apply';
import {
  changeTemplateApply,
  readApplyPilots,
  readTemplateApply,
  removeApplyPilots,
  writeApplyPilots,
} from '../../storage/template-apply';
import { handOffTogether, type PilotJob } from '../queue';

/** Starts the re-sync of `pilotIds` onto template `version`, replacing any apply still under way. */
export async function startTemplateApply(
  version: number,
  pilotIds: readonly string[],
  actorAccountId: string,
  now: Date,
): Promise<void> {
  await writeApplyPilots(version, pilotIds);
  let replaced: Awaited<ReturnType<typeof readTemplateApply>>;
  await changeTemplateApply((current) => {
    replaced = current;
    return startedApply(version, actorAccountId, pilotIds.length, now);
  });
  if (replaced && replaced.version !== version) await removeApplyPilots(replaced);
  if (pilotIds.length > 0) await handOffTogether([{ job: pageJob(version, 0) }]);
}

/**
 * One page of an apply: taken by compare-and-set (nothing happens when it is not there to take),
 * then its re-syncs and the next page queued in one push; a failed push gives the page back.
 */
export async function queueResyncPage(version: number, from: number, now: Date): Promise<void> {
  const taken = await changeTemplateApply((current) => takePage(current, version, from, now));
  if (!taken) return;
  const page = pageAt(from, taken.pilots);
  try {
    const pilotIds = (await readApplyPilots(version, page.chunk)).slice(page.inChunk.start, page.inChunk.end);
    const resyncs = pilotIds.map((pilotId) => ({
      job: {
        kind: 'resync' as const,
        pilotId,
        actorAccountId: taken.actorAccountId,
        templateVersion: version,
      },
    }));
    const next =
      page.to < taken.pilots ? [{ job: pageJob(version, page.to), delayInSeconds: PAGE_DELAY_SECONDS }] : [];
    await handOffTogether([...resyncs, ...next]);
  } catch (error) {
    await changeTemplateApply((current) => returnPage(current, version, from));
    throw error;
  }
  if (taken.finishedAt !== null) await removeApplyPilots(taken);
}

/** The latest apply's progress for the admin page; null when no template was ever applied. */
export async function templateApplyProgress(): Promise<TemplateApplyProgress | null> {
  const apply = await readTemplateApply();
  return apply ? applyProgress(apply) : null;
}

function pageJob(templateVersion: number, from: number): PilotJob {
  return { kind: 'resync-page', templateVersion, from };
}
