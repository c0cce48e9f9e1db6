/**
 * Reminders (product.md §15): on the day something crosses a line, the people who must act hear of it
 * through Jira's own notifications, at most once per person per pilot per day. This module decides,
 * from a pilot's stored state and the site's day, which reminders are due and who gets which message;
 * the daily job sends them.
 */
import { format, getISODay, parseISO } from 'date-fns';
import { KILL_CLOCK_DAYS } from './bands';
import { daysOverdue } from './gates';
import { calendarDaysFromTo, plusDays } from './iso-date';
import { decisionLapsesOn, demoDate, latestDecisionSinceDemo } from './kill-clock';
import { calendarDateInZone } from './site-dates';
import { reviewState, workstreamState } from './states';
import type { IsoDate, PilotSnapshot } from './types';

export const REMINDER_KINDS = [
  'kill-list',
  'pause-ends',
  'waiver-expiring',
  'rejected',
  'overdue-work',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
/** Which kinds an admin left on (all on until an admin switches one off). */
export type ReminderSwitches = Readonly<Record<ReminderKind, boolean>>;

export const ALL_REMINDERS_ON: ReminderSwitches = Object.fromEntries(
  REMINDER_KINDS.map((kind) => [kind, true]),
) as Record<ReminderKind, boolean>;

/** What each kind is, in the admin page's words. */
export const REMINDER_KIND_LABELS: Readonly<Record<ReminderKind, string>> = {
  'kill-list':
    'Kill list: the production owner and the reporter, 14 days and 1 day before a pilot joins the kill list and on the day (the review board too)',
  'pause-ends': "Pause ends: the decider who paused and the production owner, on the pause's resumption date",
  'waiver-expiring': 'Waiver expiring: the decider who granted it and the production owner, 7 days before',
  rejected: 'Rejected: the production owner, the day a review or data-access request is rejected',
  'overdue-work':
    'Overdue work: each workstream assignee, on Mondays, one digest of their overdue workstreams',
};

/** Days before joining the kill list on which its reminder goes, beside the day itself. */
export const KILL_LIST_NOTICE_DAYS = [14, 1] as const;
export const WAIVER_NOTICE_DAYS = 7;
/** The digest of overdue work goes on Mondays (ISO day 1), in the site's zone. */
const DIGEST_ISO_DAY = 1;

/**
 * The site's day at `now`: the one place the daily job's "today" comes from, so a reminder of day 91
 * in Auckland goes on Auckland's day 91 (product.md §14 "Time zone").
 */
export function reminderDay(now: Date, siteZone: string): IsoDate {
  return calendarDateInZone(now, siteZone);
}

/** A reminder due today: its kind, who gets it, and what it says. */
export interface Reminder {
  kind: ReminderKind;
  recipients: string[];
  line: string;
  /** The rejected ticket it is about (`review:AIP-10`, `data-access:servicenow:RITM0010001`). */
  rejection?: string;
}

/** A reminder's recipient that is a group, not a person (the review board): `group:<groupId>`. */
export const GROUP_RECIPIENT = 'group:';

/** The review board as a reminder's recipient: its members, by Jira's notification to the group. */
export function groupRecipient(groupId: string): string {
  return `${GROUP_RECIPIENT}${groupId}`;
}

export interface ReminderFacts {
  snapshot: PilotSnapshot;
  graduated: boolean;
  /** The pilot's reporter, when known. */
  reporterAccountId: string | null;
  /** The review board (a group recipient, groupRecipient), told the day a pilot joins the kill list. */
  reviewBoard: readonly string[];
  rejectedResolutions: readonly string[];
  /** Rejected tickets already reminded of (a rejection is reminded once, the first day it is seen). */
  rejectionsReminded: readonly string[];
  switches: ReminderSwitches;
  today: IsoDate;
}

const readable = (date: IsoDate): string => format(parseISO(date), 'd MMM yyyy');

/**
 * The day the pilot joins the kill list as its decisions stand today: the 91st day after its demo with
 * no decision since, or the day the latest decision lapses (a pause's resumption date, an accelerate's
 * 90th day: decisionLapsesOn), never before day 91. None once graduated, and none while a kill stands.
 */
export function killListJoinDay(snapshot: PilotSnapshot, graduated: boolean): IsoDate | null {
  const demo = demoDate(snapshot);
  if (demo === null || graduated) return null;
  const firstDay = plusDays(demo, KILL_CLOCK_DAYS + 1);
  const latest = latestDecisionSinceDemo(snapshot.decisions, demo);
  if (!latest) return firstDay;
  const lapses = decisionLapsesOn(latest);
  if (lapses === null) return null;
  return calendarDaysFromTo(firstDay, lapses) > 0 ? lapses : firstDay;
}

/** Every rejected review and data-access request of the pilot, by a stable id. */
export function rejectedTickets(
  snapshot: PilotSnapshot,
  rejectedResolutions: readonly string[],
): Array<{ id: string; line: string }> {
  const reviews = snapshot.reviews
    .filter((review) => reviewState(review, rejectedResolutions) === 'rejected')
    .map((review) => ({
      id: `review:${review.key}`,
      line: `The ${review.kind} review ${review.key} of ${snapshot.key} was rejected: settle what it asks, then ask again.`,
    }));
  const requests = snapshot.dataAccess
    .filter((ticket) => ticket.state === 'rejected')
    .map((ticket) => ({
      id: `data-access:${ticket.source}:${ticket.key}`,
      line: `The data-access request ${ticket.key}${ticket.dataSource ? ` (${ticket.dataSource})` : ''} of ${snapshot.key} was rejected.`,
    }));
  return [...reviews, ...requests];
}

const owners = (snapshot: PilotSnapshot): string[] =>
  snapshot.productionOwnerAccountId ? [snapshot.productionOwnerAccountId] : [];

function killListReminders(facts: ReminderFacts): Reminder[] {
  const { snapshot, today } = facts;
  const joins = killListJoinDay(snapshot, facts.graduated);
  if (joins === null) return [];
  const daysLeft = calendarDaysFromTo(today, joins);
  const people = [...owners(snapshot), ...(facts.reporterAccountId ? [facts.reporterAccountId] : [])];
  if (daysLeft === 0) {
    return [
      {
        kind: 'kill-list',
        recipients: [...people, ...facts.reviewBoard],
        line: `${snapshot.key} joins the kill list today: a decider records accelerate, pause or kill.`,
      },
    ];
  }
  if (!(KILL_LIST_NOTICE_DAYS as readonly number[]).includes(daysLeft)) return [];
  const when = daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days, on ${readable(joins)}`;
  return [
    {
      kind: 'kill-list',
      recipients: people,
      line: `${snapshot.key} joins the kill list ${when}: graduate it or prepare the decision.`,
    },
  ];
}

function pauseReminders({ snapshot, today }: ReminderFacts): Reminder[] {
  const record = latestDecisionSinceDemo(snapshot.decisions, demoDate(snapshot));
  if (record?.decision.outcome !== 'pause' || record.decision.resumptionDate !== today) return [];
  return [
    {
      kind: 'pause-ends',
      recipients: [record.decidedBy, ...owners(snapshot)],
      line: `The pause of ${snapshot.key} ends today (condition: ${record.decision.resumptionCondition}): it is back on the kill list.`,
    },
  ];
}

function waiverReminders({ snapshot, today }: ReminderFacts): Reminder[] {
  return snapshot.waivers
    .filter((waiver) => calendarDaysFromTo(today, waiver.expires) === WAIVER_NOTICE_DAYS)
    .map((waiver) => ({
      kind: 'waiver-expiring' as const,
      recipients: [waiver.grantedBy, ...owners(snapshot)],
      line: `The waiver on the ${waiver.milestone} gate of ${snapshot.key} expires on ${readable(waiver.expires)}, in ${WAIVER_NOTICE_DAYS} days.`,
    }));
}

function rejectionReminders(facts: ReminderFacts): Reminder[] {
  const reminded = new Set(facts.rejectionsReminded);
  return rejectedTickets(facts.snapshot, facts.rejectedResolutions)
    .filter((ticket) => !reminded.has(ticket.id))
    .map((ticket) => ({
      kind: 'rejected' as const,
      recipients: owners(facts.snapshot),
      line: ticket.line,
      rejection: ticket.id,
    }));
}

function overdueDigests({ snapshot, today }: ReminderFacts): Reminder[] {
  if (getISODay(parseISO(today)) !== DIGEST_ISO_DAY) return [];
  const byAssignee = new Map<string, string[]>();
  for (const issue of snapshot.workstreams) {
    if (issue.assigneeAccountId === null || issue.dueDate === null) continue;
    if (workstreamState(issue.statusCategory) === 'done' || daysOverdue(issue.dueDate, today) <= 0) continue;
    const list = byAssignee.get(issue.assigneeAccountId) ?? [];
    list.push(`${issue.key} (due ${readable(issue.dueDate)})`);
    byAssignee.set(issue.assigneeAccountId, list);
  }
  return [...byAssignee].map(([assignee, issues]) => ({
    kind: 'overdue-work' as const,
    recipients: [assignee],
    line: `Your overdue workstreams of ${snapshot.key}: ${issues.join(', ')}.`,
  }));
}

const REMINDERS_OF_KIND: Readonly<Record<ReminderKind, (facts: ReminderFacts) => Reminder[]>> = {
  'kill-list': killListReminders,
  'pause-ends': pauseReminders,
  'waiver-expiring': waiverReminders,
  rejected: rejectionReminders,
  'overdue-work': overdueDigests,
};

/** Which reminders are due today for this pilot, of the kinds switched on. */
export function remindersDueToday(facts: ReminderFacts): Reminder[] {
  return REMINDER_KINDS.filter((kind) => facts.switches[kind]).flatMap((kind) =>
    REMINDERS_OF_KIND[kind](facts),
  );
}

/** What the daily job keeps of a pilot's reminders (`pilot:<id>:reminders`, compare-and-set). */
export interface ReminderLedger {
  day: IsoDate;
  /** Who got a reminder of this pilot on `day`. */
  notified: string[];
  /** Rejected tickets reminded of (only those still rejected are kept). */
  rejectionsReminded: string[];
}

/** One notification: the same lines to each of its recipients. */
export interface ReminderMessage {
  recipients: string[];
  lines: string[];
  kinds: ReminderKind[];
}

/**
 * Far above the people of one pilot (its owner, reporter, deciders and assignees); keeps the ledger
 * bounded whatever a pilot's data says: past it, nobody more is reminded that day (nobody forgotten).
 */
export const MAX_NOTIFIED_A_DAY = 200;
/** Rejections remembered (only those still rejected are kept). */
const MAX_REJECTIONS_KEPT = 200;

/**
 * The messages to send now and the ledger that records them. Each person not yet notified today gets
 * one message with every line meant for them; someone already notified today gets nothing more (a
 * rejection seen later that day waits for the next day). Recipients with the same lines share a message.
 */
export function claimReminders(
  ledger: ReminderLedger | undefined,
  today: IsoDate,
  reminders: readonly Reminder[],
  currentRejections: readonly string[],
): { ledger: ReminderLedger; messages: ReminderMessage[] } {
  const notifiedToday = new Set(ledger?.day === today ? ledger.notified : []);
  const linesOf = new Map<string, { lines: string[]; kinds: ReminderKind[] }>();
  const reminded = new Set(ledger?.rejectionsReminded ?? []);
  const hasRoomFor = (person: string) =>
    linesOf.has(person) || notifiedToday.size + linesOf.size < MAX_NOTIFIED_A_DAY;
  for (const reminder of reminders) {
    const people = [...new Set(reminder.recipients)];
    let everyoneTold = true;
    for (const person of people) {
      if (notifiedToday.has(person) || !hasRoomFor(person)) {
        everyoneTold = false;
        continue;
      }
      const entry = linesOf.get(person) ?? { lines: [], kinds: [] };
      if (!entry.lines.includes(reminder.line)) entry.lines.push(reminder.line);
      if (!entry.kinds.includes(reminder.kind)) entry.kinds.push(reminder.kind);
      linesOf.set(person, entry);
    }
    if (reminder.rejection !== undefined && everyoneTold) reminded.add(reminder.rejection);
  }
  const messages = new Map<string, ReminderMessage>();
  for (const [person, { lines, kinds }] of linesOf) {
    const key = lines.join('\n');
    const message = messages.get(key) ?? { recipients: [], lines, kinds };
    message.recipients.push(person);
    messages.set(key, message);
  }
  const stillRejected = new Set(currentRejections);
  return {
    ledger: {
      day: today,
      notified: [...notifiedToday, ...linesOf.keys()],
      rejectionsReminded: [...reminded].filter((id) => stillRejected.has(id)).slice(-MAX_REJECTIONS_KEPT),
    },
    messages: [...messages.values()],
  };
}
