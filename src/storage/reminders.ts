/**
 * Reminders' stored state (product.md §15), both under compare-and-set: which kinds an admin switched
 * on, and each pilot's ledger of the day (who was reminded, which rejections were), so two daily runs
 * never remind anyone twice in a day.
 */
import {
  ALL_REMINDERS_ON,
  REMINDER_KINDS,
  type ReminderLedger,
  type ReminderSwitches,
} from '../domain/reminders';
import { storageKeys } from './keys';
import { readVersioned, updateVersioned, UNCHANGED } from './versioned-record';

/** The switches as stored; a kind never switched is on. */
export async function readReminderSwitches(): Promise<{ value: ReminderSwitches; revision: number }> {
  const stored = await readVersioned<Partial<ReminderSwitches>>(storageKeys.reminderSwitches);
  return { revision: stored.revision, value: switchesOf(stored.value) };
}

function switchesOf(stored: Partial<ReminderSwitches> | undefined): ReminderSwitches {
  return Object.fromEntries(
    REMINDER_KINDS.map((kind) => [kind, stored?.[kind] ?? ALL_REMINDERS_ON[kind]]),
  ) as Record<(typeof REMINDER_KINDS)[number], boolean>;
}

/** Sets the kinds named, keeps the others (re-applied on a lost race, so no switch is lost). */
export async function updateReminderSwitches(patch: Partial<ReminderSwitches>): Promise<ReminderSwitches> {
  const written = await updateVersioned<Partial<ReminderSwitches>>(
    storageKeys.reminderSwitches,
    (current) => ({
      ...switchesOf(current),
      ...patch,
    }),
  );
  return switchesOf(written.value);
}

export async function readReminderLedger(pilotId: string): Promise<ReminderLedger | undefined> {
  return (await readVersioned<ReminderLedger>(storageKeys.reminderLedger(pilotId))).value;
}

/**
 * Applies `claim` to the pilot's ledger under compare-and-set and answers what it decided: a lost race
 * re-reads the winner's ledger and claims again, so only one run sends a person's reminder of the day.
 */
export async function claimInLedger<T>(
  pilotId: string,
  claim: (ledger: ReminderLedger | undefined) => { ledger: ReminderLedger; result: T },
): Promise<T> {
  let result: T | undefined;
  await updateVersioned<ReminderLedger>(storageKeys.reminderLedger(pilotId), (current) => {
    const claimed = claim(current);
    result = claimed.result;
    return JSON.stringify(claimed.ledger) === JSON.stringify(current) ? UNCHANGED : claimed.ledger;
  });
  return result as T;
}
