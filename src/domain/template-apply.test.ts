import {
  PAGE_DELAY_SECONDS,
  PILOTS_PER_CHUNK,
  PILOTS_PER_PAGE,
  applyProgress,
  pageAt,
  returnPage,
  startedApply,
  takePage,
} from './template-apply';

const now = new Date('2026-03-02T09:00:00.000Z');
const later = new Date('2026-03-02T09:05:00.000Z');

describe('a template apply, page by page', () => {
  it('one page and the next page job fit one push of 50 events, paced under 400 events a minute', () => {
    expect(PILOTS_PER_PAGE + 1).toBeLessThanOrEqual(50);
    expect(Math.ceil(60 / PAGE_DELAY_SECONDS) * (PILOTS_PER_PAGE + 1)).toBeLessThanOrEqual(400);
  });

  it('takes each page once, in order, and finishes with the last', () => {
    const pilots = 2 * PILOTS_PER_PAGE + 3;
    let apply = startedApply(3, 'ada', pilots, now);
    expect(apply).toMatchObject({ queued: 0, chunks: 1, finishedAt: null });
    expect(takePage(apply, 3, PILOTS_PER_PAGE, later)).toBeUndefined();
    apply = takePage(apply, 3, 0, later) ?? apply;
    expect(apply.queued).toBe(PILOTS_PER_PAGE);
    // A duplicated delivery of the first page finds it taken.
    expect(takePage(apply, 3, 0, later)).toBeUndefined();
    apply = takePage(apply, 3, PILOTS_PER_PAGE, later) ?? apply;
    apply = takePage(apply, 3, 2 * PILOTS_PER_PAGE, later) ?? apply;
    expect(apply).toMatchObject({ queued: pilots, finishedAt: later.toISOString() });
    expect(takePage(apply, 3, pilots, later)).toBeUndefined();
  });

  it('a newer version replaces the apply: the older chain takes nothing', () => {
    const apply = startedApply(4, 'ada', 100, now);
    expect(takePage(apply, 3, 0, later)).toBeUndefined();
    expect(takePage(undefined, 3, 0, later)).toBeUndefined();
  });

  it('a page whose push failed is given back, only while it is the last one taken', () => {
    const pilots = PILOTS_PER_PAGE + 3;
    const taken = takePage(startedApply(3, 'ada', pilots, now), 3, 0, later);
    expect(returnPage(taken, 3, 0)).toMatchObject({ queued: 0, finishedAt: null });
    const last = takePage(
      { ...startedApply(3, 'ada', pilots, now), queued: PILOTS_PER_PAGE },
      3,
      PILOTS_PER_PAGE,
      later,
    );
    expect(last?.finishedAt).toBe(later.toISOString());
    expect(returnPage(last, 3, PILOTS_PER_PAGE)).toMatchObject({ queued: PILOTS_PER_PAGE, finishedAt: null });
    expect(returnPage(last, 3, 0)).toBeUndefined();
    expect(returnPage(last, 4, PILOTS_PER_PAGE)).toBeUndefined();
  });

  it('finds a page in its chunk of stored ids', () => {
    expect(pageAt(0, 5000)).toEqual({
      from: 0,
      to: PILOTS_PER_PAGE,
      chunk: 0,
      inChunk: { start: 0, end: PILOTS_PER_PAGE },
    });
    expect(pageAt(PILOTS_PER_CHUNK + PILOTS_PER_PAGE, 5000)).toEqual({
      from: PILOTS_PER_CHUNK + PILOTS_PER_PAGE,
      to: PILOTS_PER_CHUNK + 2 * PILOTS_PER_PAGE,
      chunk: 1,
      inChunk: { start: PILOTS_PER_PAGE, end: 2 * PILOTS_PER_PAGE },
    });
    expect(pageAt(4998, 5000).to).toBe(5000);
  });

  it('says how far it is and how long the rest takes at its pace', () => {
    const apply = { ...startedApply(3, 'ada', 10_000, now), queued: 6_223 };
    expect(applyProgress(apply)).toEqual({
      version: 3,
      pilots: 10_000,
      queued: 6_223,
      done: false,
      // 756 pages of 5 left, 6 s apart.
      minutesLeft: 76,
    });
    expect(applyProgress(startedApply(3, 'ada', 0, now))).toMatchObject({ done: true, minutesLeft: 0 });
  });
});
