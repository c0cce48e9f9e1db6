import type { PilotWork } from './pilot';
import { workWithChanges, type WorkIssueChange } from './work-change';

describe("a pilot's path with the changes its issue events carried", () => {
  const origin = { pilot: '10020', row: 'model-validation' };
  const stored: PilotWork = {
    workstreams: [
      {
        key: 'AIP-2',
        row: 'model-validation',
        statusCategory: 'new',
        assigneeAccountId: null,
        dueDate: '2026-04-01',
        doneDate: null,
      },
    ],
    reviews: [{ key: 'AIP-3', kind: 'security', statusCategory: 'new', resolution: null }],
    dataAccess: [],
    existing: [{ key: 'AIP-2', origin, statusCategory: 'new', dueDate: '2026-04-01' }],
    names: {},
  };
  const change = (version: number, rest: Partial<WorkIssueChange>): WorkIssueChange => ({
    issueId: '10021',
    key: 'AIP-2',
    version,
    at: '2026-03-04T11:30:00.000Z',
    ...rest,
  });

  it('applies them without a read, dating work done in the site zone', () => {
    const applied = workWithChanges(
      stored,
      [change(12, { statusCategory: 'done', assignee: { accountId: 'acc-1', displayName: 'Pat' } })],
      {},
      'Pacific/Auckland',
    );
    expect(applied?.work.workstreams[0]).toMatchObject({
      statusCategory: 'done',
      doneDate: '2026-03-05',
      assigneeAccountId: 'acc-1',
    });
    expect(applied?.work.existing[0]?.statusCategory).toBe('done');
    expect(applied?.work.names).toEqual({ 'acc-1': 'Pat' });
    expect(applied?.versions).toEqual({ 'AIP-2/status': 12, 'AIP-2/assignee': 12 });
    // The stored path itself is left as it was.
    expect(stored.workstreams[0]?.statusCategory).toBe('new');
  });

  it('never lets a late event undo a newer one, field by field, and takes a repeated one once', () => {
    const newer = workWithChanges(stored, [change(12, { statusCategory: 'done' })], {}, 'Etc/UTC');
    const late = workWithChanges(
      newer!.work,
      [
        change(11, { statusCategory: 'indeterminate', dueDate: '2026-04-20' }),
        change(12, { statusCategory: 'done' }),
      ],
      newer!.versions,
      'Etc/UTC',
    );
    expect(late?.work.workstreams[0]).toMatchObject({
      statusCategory: 'done',
      doneDate: '2026-03-04',
      dueDate: '2026-04-20',
    });
    expect(late?.versions).toEqual({ 'AIP-2/status': 12, 'AIP-2/duedate': 11 });
    // Out of order in one batch: applied oldest first.
    const batch = workWithChanges(
      stored,
      [change(14, { statusCategory: 'new' }), change(13, { statusCategory: 'done' })],
      {},
      'Etc/UTC',
    );
    expect(batch?.work.workstreams[0]).toMatchObject({ statusCategory: 'new', doneDate: null });
  });

  it('takes a review decision with its resolution', () => {
    const applied = workWithChanges(
      stored,
      [change(20, { issueId: '10022', key: 'AIP-3', statusCategory: 'done', resolution: "Won't Do" })],
      {},
      'Etc/UTC',
    );
    expect(applied?.work.reviews[0]).toMatchObject({ statusCategory: 'done', resolution: "Won't Do" });
  });

  it('leaves what a read already holds, field by field: an event of an earlier change is in it', () => {
    const read: PilotWork = {
      ...stored,
      knownAt: { 'AIP-2/status': Date.parse('2026-03-04T12:00:00.000Z') },
    };
    const earlier = workWithChanges(
      read,
      [change(30, { statusCategory: 'done', dueDate: '2026-04-20' })],
      {},
      'Etc/UTC',
    );
    // The status was read after the change: kept; the due date was not: taken.
    expect(earlier?.work.workstreams[0]).toMatchObject({ statusCategory: 'new', dueDate: '2026-04-20' });
    const later = workWithChanges(
      read,
      [change(31, { at: '2026-03-04T12:00:01.000Z', statusCategory: 'done' })],
      {},
      'Etc/UTC',
    );
    expect(later?.work.workstreams[0]?.statusCategory).toBe('done');
    // Without a time it cannot be placed against the read: read it again.
    expect(
      workWithChanges(
        read,
        [change(32, { at: null, assignee: { accountId: null, displayName: null } })],
        {},
        'Etc/UTC',
      ),
    ).toBeUndefined();
  });

  it('reads a done issue that is done again on another day: it may have been reopened in between', () => {
    const done = workWithChanges(stored, [change(40, { statusCategory: 'done' })], {}, 'Etc/UTC')!;
    const sameDay = workWithChanges(
      done.work,
      [change(41, { statusCategory: 'done', at: '2026-03-04T18:00:00.000Z' })],
      done.versions,
      'Etc/UTC',
    );
    expect(sameDay?.work.workstreams[0]?.doneDate).toBe('2026-03-04');
    expect(
      workWithChanges(
        done.work,
        [change(42, { statusCategory: 'done', at: '2026-03-09T09:00:00.000Z' })],
        done.versions,
        'Etc/UTC',
      ),
    ).toBeUndefined();
  });

  it('asks for a read when the change is to an issue the stored path does not hold, or done without a time', () => {
    expect(
      workWithChanges(stored, [change(12, { key: 'AIP-99', statusCategory: 'done' })], {}, 'Etc/UTC'),
    ).toBeUndefined();
    expect(
      workWithChanges(stored, [change(12, { at: null, statusCategory: 'done' })], {}, 'Etc/UTC'),
    ).toBeUndefined();
  });
});
