import {
  ALL_REMINDERS_ON,
  MAX_NOTIFIED_A_DAY,
  claimReminders,
  killListJoinDay,
  reminderDay,
  remindersDueToday,
  type ReminderFacts,
} from './reminders';
import {
  ACCELERATE,
  KILL,
  PRODUCTION_OWNER,
  dataAccessTicket,
  decision,
  fields,
  pauseUntil,
  pilotWith,
  reviewRejected,
  waiver,
  workstream,
  type SnapshotChange,
} from './test-support/snapshots';

const REPORTER = 'reporter-account';
const DEMO = '2026-01-01';
/** Demo + 91 days: the first day of the kill list. */
const JOINS = '2026-04-02';

function facts(today: string, ...changes: SnapshotChange[]): ReminderFacts {
  return {
    snapshot: pilotWith(
      fields({ demoSignOffDate: DEMO, productionOwnerAccountId: PRODUCTION_OWNER }),
      ...changes,
    ),
    graduated: false,
    reporterAccountId: REPORTER,
    reviewBoard: ['board-account'],
    rejectedResolutions: ['Declined'],
    rejectionsReminded: [],
    switches: ALL_REMINDERS_ON,
    today,
  };
}

const due = (input: ReminderFacts) =>
  remindersDueToday(input).map((reminder) => [reminder.kind, reminder.recipients]);

describe('the day the daily job reminds on', () => {
  test.each([
    ['2026-04-05T11:30:00.000Z', 'Pacific/Auckland', '2026-04-05'],
    ['2026-04-05T12:30:00.000Z', 'Pacific/Auckland', '2026-04-06'],
    ['2026-04-06T06:00:00.000Z', 'America/Los_Angeles', '2026-04-05'],
    ['2026-04-06T07:00:00.000Z', 'America/Los_Angeles', '2026-04-06'],
    ['2026-04-05T23:59:59.000Z', 'Etc/UTC', '2026-04-05'],
  ])('%s in %s is %s', (instant, zone, day) => {
    expect(reminderDay(new Date(instant), zone)).toBe(day);
  });
});

describe('the day a pilot joins the kill list', () => {
  test.each<[string, SnapshotChange[], boolean, string | null]>([
    ['no decision: day 91 after the demo', [], false, JOINS],
    ['graduated: never', [], true, null],
    [
      'a pause to a later day: that day',
      [decision(pauseUntil('2026-05-01'), '2026-04-03')],
      false,
      '2026-05-01',
    ],
    [
      'an accelerate: 90 days after it was decided, when it lapses (product.md §9)',
      [decision(ACCELERATE, '2026-04-03')],
      false,
      '2026-07-02',
    ],
    ['a kill stands: never', [decision(KILL, '2026-04-03')], false, null],
    ['a decision before the demo does not count', [decision(KILL, '2025-12-01')], false, JOINS],
  ])('%s', (_, changes, graduated, expected) => {
    expect(killListJoinDay(facts('2026-03-01', ...changes).snapshot, graduated)).toBe(expected);
  });

  test('no demo: no day', () => {
    const input = facts('2026-03-01', fields({ demoSignOffDate: null }));
    expect(killListJoinDay(input.snapshot, false)).toBeNull();
  });
});

describe('which reminders are due today', () => {
  test.each<[string, string, SnapshotChange[], Array<[string, string[]]>]>([
    ['15 days before joining: none', '2026-03-18', [], []],
    ['14 days before: owner and reporter', '2026-03-19', [], [['kill-list', [PRODUCTION_OWNER, REPORTER]]]],
    ['2 days before: none', '2026-03-31', [], []],
    ['1 day before: owner and reporter', '2026-04-01', [], [['kill-list', [PRODUCTION_OWNER, REPORTER]]]],
    [
      'the day it joins: the review board too',
      JOINS,
      [],
      [['kill-list', [PRODUCTION_OWNER, REPORTER, 'board-account']]],
    ],
    ['the day after: none', '2026-04-03', [], []],
    [
      "a pause's resumption date: back on the kill list, and the decider and owner told",
      '2026-05-01',
      [decision(pauseUntil('2026-05-01'), '2026-04-03')],
      [
        ['kill-list', [PRODUCTION_OWNER, REPORTER, 'board-account']],
        ['pause-ends', ['leader-account', PRODUCTION_OWNER]],
      ],
    ],
    [
      '7 days before a waiver expires: who granted it and the owner',
      '2026-03-03',
      [waiver('demo-sign-off', { type: 'reviews' }, '2026-03-10')],
      [['waiver-expiring', ['admin-account', PRODUCTION_OWNER]]],
    ],
    [
      '8 days before a waiver expires: none',
      '2026-03-02',
      [waiver('demo-sign-off', { type: 'reviews' }, '2026-03-10')],
      [],
    ],
    [
      'a rejected review and a rejected data-access request: the owner, once each',
      '2026-03-03',
      [reviewRejected('security'), dataAccessTicket('rejected'), dataAccessTicket('approved')],
      [
        ['rejected', [PRODUCTION_OWNER]],
        ['rejected', [PRODUCTION_OWNER]],
      ],
    ],
    [
      'a Monday: each assignee their own overdue workstreams',
      '2026-03-02',
      [
        workstream('infrastructure', { assigneeAccountId: 'pat', dueDate: '2026-03-01' }),
        workstream('mlops', { assigneeAccountId: 'pat', dueDate: '2026-02-20' }),
        workstream('monitoring', {
          assigneeAccountId: 'dana',
          dueDate: '2026-02-20',
          statusCategory: 'done',
        }),
        workstream('legacy-integration', { assigneeAccountId: 'lee', dueDate: '2026-03-02' }),
      ],
      [['overdue-work', ['pat']]],
    ],
    [
      'a Tuesday: no digest',
      '2026-03-03',
      [workstream('infrastructure', { assigneeAccountId: 'pat', dueDate: '2026-03-01' })],
      [],
    ],
  ])('%s', (_, today, changes, expected) => {
    expect(due(facts(today, ...changes))).toEqual(expected);
  });

  test('a rejection already reminded of is not reminded again', () => {
    const input = {
      ...facts('2026-03-03', reviewRejected('security')),
      rejectionsReminded: ['review:AIP-10'],
    };
    const ids = remindersDueToday(facts('2026-03-03', reviewRejected('security'))).map((r) => r.rejection);
    expect(ids).toEqual(['review:AIP-10']);
    expect(due(input)).toEqual([]);
  });

  test('a kind switched off is not due', () => {
    const input = { ...facts('2026-03-19'), switches: { ...ALL_REMINDERS_ON, 'kill-list': false } };
    expect(due(input)).toEqual([]);
  });

  test('the digest lists the overdue workstreams of the assignee', () => {
    const [digest] = remindersDueToday(
      facts('2026-03-02', workstream('infrastructure', { assigneeAccountId: 'pat', dueDate: '2026-03-01' })),
    );
    expect(digest?.line).toBe('Your overdue workstreams of AIP-1: AIP-5 (due 1 Mar 2026).');
  });
});

describe('claiming the day: one message per person per pilot per day', () => {
  const joinDay = facts(JOINS, waiver('demo-sign-off', { type: 'reviews' }, '2026-04-09'));

  test('each person gets every line meant for them in one message; the same lines share a message', () => {
    const { messages, ledger } = claimReminders(undefined, JOINS, remindersDueToday(joinDay), []);
    expect(messages.map((message) => [message.recipients, message.kinds])).toEqual([
      [[PRODUCTION_OWNER], ['kill-list', 'waiver-expiring']],
      [[REPORTER, 'board-account'], ['kill-list']],
      [['admin-account'], ['waiver-expiring']],
    ]);
    expect(ledger.notified.sort()).toEqual(
      ['admin-account', 'board-account', PRODUCTION_OWNER, REPORTER].sort(),
    );
  });

  test('a second run the same day sends nothing; the next day starts afresh', () => {
    const first = claimReminders(undefined, JOINS, remindersDueToday(joinDay), []);
    expect(claimReminders(first.ledger, JOINS, remindersDueToday(joinDay), []).messages).toEqual([]);
    expect(claimReminders(first.ledger, '2026-04-03', remindersDueToday(joinDay), []).messages).toHaveLength(
      3,
    );
  });

  test('a rejection seen after its owner was told today waits for the next day', () => {
    const first = claimReminders(undefined, JOINS, remindersDueToday(joinDay), []);
    const later = facts(JOINS, reviewRejected('security'));
    const again = claimReminders(first.ledger, JOINS, remindersDueToday(later), ['review:AIP-10']);
    expect(again.messages).toEqual([]);
    expect(again.ledger.rejectionsReminded).toEqual([]);
    const nextDay = facts('2026-04-03', reviewRejected('security'));
    const sent = claimReminders(again.ledger, '2026-04-03', remindersDueToday(nextDay), ['review:AIP-10']);
    expect(sent.messages.map((message) => message.recipients)).toEqual([[PRODUCTION_OWNER]]);
    expect(sent.ledger.rejectionsReminded).toEqual(['review:AIP-10']);
  });

  test('the ledger stays bounded: past its size nobody more is reminded that day, and nobody reminded is forgotten', () => {
    const crowd = Array.from({ length: MAX_NOTIFIED_A_DAY + 50 }, (_, index) => `person-${index}`);
    const reminder = { kind: 'overdue-work' as const, recipients: crowd, line: 'Your overdue workstreams' };
    const first = claimReminders(undefined, JOINS, [reminder], []);
    expect(first.ledger.notified).toEqual(crowd.slice(0, MAX_NOTIFIED_A_DAY));
    expect(first.messages[0]?.recipients).toHaveLength(MAX_NOTIFIED_A_DAY);
    expect(claimReminders(first.ledger, JOINS, [reminder], []).messages).toEqual([]);
  });

  test('a rejection no longer rejected leaves the ledger', () => {
    const ledger = { day: '2026-04-01', notified: [], rejectionsReminded: ['review:AIP-10'] };
    expect(claimReminders(ledger, JOINS, [], []).ledger.rejectionsReminded).toEqual([]);
  });
});
