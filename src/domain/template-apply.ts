/**
 * A template apply as a paced chain (product.md §16): the pilots to re-sync are taken one page at a
 * time, each page one push of its re-sync jobs plus the job of the next page, delayed so that the
 * chain stays well under Forge's 500 queue events a minute and leaves room for other work.
 */

/**
 * A page's re-syncs and the next page's job go out in one push. Pages are small and frequent: the
 * re-syncs of a page start together, and Forge allows 1,000 storage requests a second (a re-sync
 * makes about 40).
 */
export const PILOTS_PER_PAGE = 5;
/**
 * Between two pages. Storage sets the pace more than the queue does: a re-sync reads about 30
 * storage units, and Forge allows 4,000 read units a minute, so 50 re-syncs a minute (about 1,500
 * units, 60 queue events of the 500 allowed) leave room for the site's other work and for re-syncs
 * that come back after a 429.
 */
export const PAGE_DELAY_SECONDS = 6;
/** The pilot ids are stored in chunks of whole pages (about 9 KB each, one storage unit). */
export const PILOTS_PER_CHUNK = PILOTS_PER_PAGE * 200;

/** The apply of one template version, as stored (a compare-and-set record). */
export interface TemplateApply {
  version: number;
  actorAccountId: string;
  /** Active pilots the apply re-syncs. */
  pilots: number;
  /** Pilots whose re-sync jobs are queued: the cursor of the next page. */
  queued: number;
  /** How many chunks of pilot ids are stored for this version. */
  chunks: number;
  startedAt: string;
  finishedAt: string | null;
}

/** What the admin page shows of the latest apply. */
export interface TemplateApplyProgress {
  version: number;
  pilots: number;
  queued: number;
  done: boolean;
  /** Minutes until every re-sync is queued, at the chain's pace (0 once done). */
  minutesLeft: number;
}

export function startedApply(
  version: number,
  actorAccountId: string,
  pilots: number,
  now: Date,
): TemplateApply {
  return {
    version,
    actorAccountId,
    pilots,
    queued: 0,
    chunks: Math.ceil(pilots / PILOTS_PER_CHUNK),
    startedAt: now.toISOString(),
    finishedAt: pilots === 0 ? now.toISOString() : null,
  };
}

/** The page starting at `from`: which pilots, in which stored chunk, and where in that chunk. */
export function pageAt(
  from: number,
  pilots: number,
): { from: number; to: number; chunk: number; inChunk: { start: number; end: number } } {
  const to = Math.min(from + PILOTS_PER_PAGE, pilots);
  const chunk = Math.floor(from / PILOTS_PER_CHUNK);
  const chunkStart = chunk * PILOTS_PER_CHUNK;
  return { from, to, chunk, inChunk: { start: from - chunkStart, end: to - chunkStart } };
}

/**
 * The apply once the page starting at `from` of `version` is taken, or undefined when it is not
 * there to take: a newer version's apply replaced this one, or the page was taken already (a
 * duplicated or late delivery of its job), so a page is never queued twice.
 */
export function takePage(
  current: TemplateApply | undefined,
  version: number,
  from: number,
  now: Date,
): TemplateApply | undefined {
  if (!current || current.version !== version || current.finishedAt !== null || current.queued !== from)
    return undefined;
  const { to } = pageAt(from, current.pilots);
  return { ...current, queued: to, finishedAt: to >= current.pilots ? now.toISOString() : null };
}

/** The apply with the page from `from` given back (its push failed), if it is still the last one taken. */
export function returnPage(
  current: TemplateApply | undefined,
  version: number,
  from: number,
): TemplateApply | undefined {
  if (!current || current.version !== version) return undefined;
  if (current.queued !== pageAt(from, current.pilots).to) return undefined;
  return { ...current, queued: from, finishedAt: null };
}

export function applyProgress(apply: TemplateApply): TemplateApplyProgress {
  const pagesLeft = Math.ceil((apply.pilots - apply.queued) / PILOTS_PER_PAGE);
  return {
    version: apply.version,
    pilots: apply.pilots,
    queued: apply.queued,
    done: apply.finishedAt !== null,
    minutesLeft: Math.ceil((Math.max(0, pagesLeft - 1) * PAGE_DELAY_SECONDS) / 60),
  };
}
