/**
 * Reminders (product.md §15), sent by the daily job after it brought a pilot up to date: the domain
 * says which are due on the site's day (domain/reminders.ts); the pilot's ledger is claimed under
 * compare-and-set before anything is sent, so a second run, a retried batch or a race never reminds
 * anyone twice in a day (a notification that then fails is not sent again that day: at most once);
 * each notification sent is one Jira write and one line of the pilot's audit log.
 */
import type { Pilot } from '../../domain/pilot';
import {
  claimReminders,
  rejectedTickets,
  remindersDueToday,
  type ReminderSwitches,
} from '../../domain/reminders';
import type { IsoDate, PilotSnapshot, ReadinessDocument } from '../../domain/types';
import type { PilotGateway } from '../../jira/pilots';
import { appendAudit } from '../../storage/audit';
import { claimInLedger, readReminderLedger } from '../../storage/reminders';

/** What every pilot of a daily run shares. */
export interface ReminderRun {
  gateway: PilotGateway;
  switches: ReminderSwitches;
  rejectedResolutions: readonly string[];
  /** The site's day (reminderDay). */
  today: IsoDate;
  now: Date;
  /**
   * Deciders told the day a pilot joins the kill list beside its owner and reporter: the review board
   * chosen on the admin page (product.md §14), as a group recipient; none when none is chosen.
   */
  reviewBoard: readonly string[];
  /** The review board's name, for the audit log. */
  reviewBoardName?: string;
}

export interface RemindedPilot {
  snapshot: PilotSnapshot;
  readiness: ReadinessDocument;
  /** The pilot as last read from Jira (its reporter and owner by name), when stored. */
  read?: Pick<Pilot, 'reporter' | 'productionOwner'>;
  names: Record<string, string>;
}

/** Sends the pilot's reminders due today; answers how many notifications it sent. */
export async function sendDueReminders(pilot: RemindedPilot, run: ReminderRun): Promise<number> {
  const { snapshot } = pilot;
  const rejections = run.switches.rejected
    ? rejectedTickets(snapshot, run.rejectedResolutions).map((ticket) => ticket.id)
    : [];
  // Only a pilot with a rejection needs its ledger to say which were reminded of already.
  const ledger = rejections.length > 0 ? await readReminderLedger(snapshot.id) : undefined;
  const due = remindersDueToday({
    snapshot,
    graduated: pilot.readiness.graduated,
    reporterAccountId: pilot.read?.reporter?.accountId ?? null,
    reviewBoard: run.reviewBoard,
    rejectedResolutions: run.rejectedResolutions,
    rejectionsReminded: ledger?.rejectionsReminded ?? [],
    switches: run.switches,
    today: run.today,
  });
  if (due.length === 0) return 0;
  const messages = await claimInLedger(snapshot.id, (current) => {
    const claimed = claimReminders(current, run.today, due, rejections);
    return { ledger: claimed.ledger, result: claimed.messages };
  });
  const names = { ...pilot.names };
  for (const person of [pilot.read?.reporter, pilot.read?.productionOwner])
    if (person) names[person.accountId] = person.displayName;
  for (const group of run.reviewBoard)
    names[group] = `the review board${run.reviewBoardName ? ` (${run.reviewBoardName})` : ''}`;
  let sent = 0;
  for (const [index, message] of messages.entries()) {
    const subject = `Pilot Pathway: ${snapshot.key} ${snapshot.summary}`.slice(0, 255);
    try {
      await run.gateway.remind(snapshot.key, subject, message.lines.join('\n'), message.recipients);
    } catch (error) {
      // Claimed already: the person is not reminded twice today; tomorrow's crossings remind again.
      console.warn(`Reminder about ${snapshot.key} not sent: ${String(error)}`);
      continue;
    }
    sent += 1;
    const to = message.recipients.map((accountId) => names[accountId] ?? accountId).join(', ');
    await appendAudit(
      snapshot.id,
      {
        at: run.now.toISOString(),
        actorAccountId: 'app',
        action: 'reminder',
        summary: `Reminder sent to ${to}: ${message.lines.join(' ')}`,
        details: { kinds: message.kinds, recipients: message.recipients },
      },
      `reminder-${run.today}-${index}`,
    );
  }
  return sent;
}
