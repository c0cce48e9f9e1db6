/**
 * A pilot's milestone target overrides (product.md §10 `pilot-milestones`, §14): what an edit from the
 * panel may set, and the warnings a schedule whose milestones run backwards gets. Pure.
 */
import { PRODUCTION_DEPLOYMENT } from './default-template';
import { isValidIsoDate } from './iso-date';
import {
  milestonesOutOfOrder,
  pilotSchedule,
  type MilestoneOrderProblem,
  type ScheduleInputs,
} from './schedule';
import type { IsoDate, OwnershipTemplate } from './types';

/** Milestone key → a new target date, or null to go back to the milestone's week. */
export type MilestoneDatesEdit = Record<string, IsoDate | null>;

export type MilestoneDatesResult =
  { ok: true; overrides: Record<string, IsoDate> } | { ok: false; fieldErrors: Record<string, string> };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function orderProblemWords(problem: MilestoneOrderProblem, verb: string): string {
  const { earlier, later } = problem;
  return `${later.name} (${later.target}) ${verb} before ${earlier.name} (${earlier.target})`;
}

/**
 * The overrides after an edit, or why it is refused, field by field: a key that is no milestone of
 * the template, a value that is no date, the production deployment while the Due date sets it, and a
 * milestone the edit would put before the one it follows (naming both).
 */
export function editedMilestoneDates(
  payload: unknown,
  template: Pick<OwnershipTemplate, 'milestones'>,
  pilot: ScheduleInputs,
): MilestoneDatesResult {
  const edit = isRecord(payload) ? payload['overrides'] : undefined;
  if (!isRecord(payload) || !isRecord(edit) || Object.keys(payload).some((key) => key !== 'overrides'))
    return { ok: false, fieldErrors: { form: 'Send the milestone dates as overrides by milestone' } };
  const names = new Map(template.milestones.map((milestone) => [milestone.key, milestone.name]));
  const fieldErrors: Record<string, string> = {};
  for (const [key, value] of Object.entries(edit)) {
    if (!names.has(key)) fieldErrors[key] = `"${key}" is not a milestone of the ownership template`;
    else if (value !== null && (typeof value !== 'string' || !isValidIsoDate(value)))
      fieldErrors[key] = 'Enter a date as YYYY-MM-DD, or clear it to follow the milestone’s week';
    else if (key === PRODUCTION_DEPLOYMENT && value !== null && pilot.dueDate !== null)
      fieldErrors[key] =
        `${names.get(key)} is the pilot's Due date (${pilot.dueDate}): change the Due date instead`;
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const edited = new Set(Object.keys(edit));
  const overrides = Object.fromEntries([
    ...Object.entries(pilot.milestoneOverrides).filter(([key]) => names.has(key) && !edited.has(key)),
    ...Object.entries(edit).filter((entry): entry is [string, IsoDate] => entry[1] !== null),
  ]);
  const { targets } = pilotSchedule(template, { ...pilot, milestoneOverrides: overrides });
  for (const problem of milestonesOutOfOrder(template, targets)) {
    if (!edited.has(problem.earlier.key) && !edited.has(problem.later.key)) continue;
    const field = edited.has(problem.later.key) ? problem.later.key : problem.earlier.key;
    fieldErrors[field] ??=
      `${orderProblemWords(problem, 'would be')}: a milestone cannot come before the one it follows`;
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, overrides };
}

/** A warning about a schedule whose milestones run backwards, naming the field to fix. */
export interface MilestoneOrderWarning {
  field: 'Due date' | 'Milestone dates';
  value: IsoDate;
  message: string;
}

/**
 * The pilot's milestones that come before the one they follow (a Due date that puts go-live before
 * deployment, an override out of order): warned about, naming both, never silently accepted.
 */
export function milestoneOrderWarnings(
  template: Pick<OwnershipTemplate, 'milestones'>,
  pilot: ScheduleInputs,
): MilestoneOrderWarning[] {
  const { targets } = pilotSchedule(template, pilot);
  return milestonesOutOfOrder(template, targets).map((problem) => {
    const byDueDate =
      pilot.dueDate !== null && [problem.earlier.key, problem.later.key].includes(PRODUCTION_DEPLOYMENT);
    return {
      field: byDueDate ? 'Due date' : 'Milestone dates',
      value: problem.later.target,
      message: `${orderProblemWords(problem, 'comes')}: ${
        byDueDate
          ? 'the Due date is the production deployment target; move it, or move the other milestone on the panel'
          : 'move one of them on the panel'
      }.`,
    };
  });
}
