/**
 * Which reminder kinds go out (product.md §15), switched on the admin page: each call checks on the
 * server that the caller administers Jira; a save names the kinds it switches and keeps the others
 * (compare-and-set, so two admins' saves both count); anything else is refused and changes nothing.
 */
import { z } from 'zod';
import { REMINDER_KINDS, REMINDER_KIND_LABELS, type ReminderSwitches } from '../../domain/reminders';
import type { JiraClient } from '../../jira/client';
import { readReminderSwitches, updateReminderSwitches } from '../../storage/reminders';
import type { ReminderSettingsView } from '../../ui-contract';
import { invalidInput } from '../errors';
import { assertJiraAdmin } from '../permissions';

const saveSchema = z.strictObject(
  {
    switches: z
      .partialRecord(z.enum(REMINDER_KINDS), z.boolean({ error: 'Say on (true) or off (false)' }))
      .refine((switches) => Object.keys(switches).length > 0, 'Switch at least one reminder kind'),
  },
  { error: 'Only reminder switches can be saved here' },
);

function viewOf(switches: ReminderSwitches): ReminderSettingsView {
  return {
    kinds: REMINDER_KINDS.map((kind) => ({ kind, label: REMINDER_KIND_LABELS[kind], on: switches[kind] })),
  };
}

export async function getReminderSettings(asUser: JiraClient): Promise<ReminderSettingsView> {
  await assertJiraAdmin(asUser);
  return viewOf((await readReminderSwitches()).value);
}

export async function saveReminderSettings(
  asUser: JiraClient,
  payload: unknown,
): Promise<ReminderSettingsView> {
  await assertJiraAdmin(asUser);
  const parsed = saveSchema.safeParse(payload);
  if (!parsed.success) throw invalidInput(parsed.error, 'The reminder switches were not saved');
  return viewOf(await updateReminderSwitches(parsed.data.switches));
}
