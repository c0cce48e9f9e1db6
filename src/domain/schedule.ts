import { addWeeks, format, parseISO } from 'date-fns';
import { PRODUCTION_DEPLOYMENT } from './default-template';
import { isValidIsoDate } from './iso-date';
import type { IsoDate, OwnershipTemplate, StatusCategory, TemplateRow } from './types';
import { ownValue } from './records';

/*
 * Dates of a pilot's production path (product.md §2). Calendar dates only: an IsoDate is parsed
 * as local midnight and formatted back in local time, so the result never shifts by a day,
 * whatever the process time zone.
 */

/** Target date of every milestone, by milestone key. */
export type MilestoneTargets = Record<string, IsoDate>;

/** What a pilot's dates are computed from. A PilotSnapshot satisfies it. */
export interface ScheduleInputs {
  /** The *Kickoff date* field, if set. */
  kickoffDate: IsoDate | null;
  /** The day the pilot was created. */
  createdDate: IsoDate;
  /** The Jira *Due date*: the production-deployment target when set. */
  dueDate: IsoDate | null;
  /** The `pilot-milestones` property: per-pilot target overrides by milestone key. */
  milestoneOverrides: Record<string, IsoDate>;
}

export interface PilotSchedule {
  kickoff: IsoDate;
  targets: MilestoneTargets;
}

/** A workstream sub-task as far as its due date is concerned. */
export interface WorkstreamDueDate {
  key: string;
  row: string;
  statusCategory: StatusCategory;
  dueDate: IsoDate | null;
}

/** Set the due date of sub-task `key` (workstream `row`) from `from` to `to`. */
export interface DueDateMove {
  key: string;
  row: string;
  from: IsoDate | null;
  to: IsoDate;
}

/** True for an existing calendar date written `YYYY-MM-DD` (so not `2026-02-30`), whatever the value's type. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && isValidIsoDate(value);
}

function toLocalDate(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parseISO(date);
}

function toIsoDate(date: Date): IsoDate {
  return format(date, 'yyyy-MM-dd');
}

/** The pilot's *Kickoff date* field, else the day it was created. */
export function kickoffDate(pilot: Pick<ScheduleInputs, 'kickoffDate' | 'createdDate'>): IsoDate {
  return pilot.kickoffDate ?? pilot.createdDate;
}

/** The first day of week `week` (1-based): kickoff + (week − 1) weeks. */
export function weekStart(kickoff: IsoDate, week: number): IsoDate {
  if (!Number.isInteger(week) || week < 1)
    throw new RangeError(`Week must be a positive integer (got ${week})`);
  return toIsoDate(addWeeks(toLocalDate(kickoff), week - 1));
}

/**
 * Target date of each milestone of the template: the pilot's Due date for production-deployment
 * when set (it *is* the production deployment target, so it beats an override of that milestone),
 * else the per-pilot override, else the start of the milestone's week. Overrides of milestones the
 * template does not have, and overrides that are not calendar dates, are ignored.
 */
export function milestoneTargets(
  template: Pick<OwnershipTemplate, 'milestones'>,
  kickoff: IsoDate,
  overrides: Record<string, IsoDate>,
  dueDate: IsoDate | null,
): MilestoneTargets {
  const targetOf = (key: string, week: number): IsoDate => {
    if (key === PRODUCTION_DEPLOYMENT && dueDate !== null) return dueDate;
    const override = ownValue(overrides, key);
    return isIsoDate(override) ? override : weekStart(kickoff, week);
  };
  return Object.fromEntries(template.milestones.map(({ key, week }) => [key, targetOf(key, week)]));
}

/** Two consecutive milestones whose targets run backwards: `later` is due before `earlier`. */
export interface MilestoneOrderProblem {
  earlier: { key: string; name: string; target: IsoDate };
  later: { key: string; name: string; target: IsoDate };
}

/**
 * Milestones (in template order) whose target comes before the target of the milestone they follow
 * (product.md §14): a date an override, the Due date or a template change put out of order.
 */
export function milestonesOutOfOrder(
  template: Pick<OwnershipTemplate, 'milestones'>,
  targets: MilestoneTargets,
): MilestoneOrderProblem[] {
  const dated = template.milestones.flatMap(({ key, name }) => {
    const target = ownValue(targets, key);
    return target === undefined ? [] : [{ key, name, target }];
  });
  return dated.flatMap((later, index) => {
    const earlier = dated[index - 1];
    return earlier && later.target < earlier.target ? [{ earlier, later }] : [];
  });
}

/** Kickoff and milestone targets of one pilot. */
export function pilotSchedule(
  template: Pick<OwnershipTemplate, 'milestones'>,
  pilot: ScheduleInputs,
): PilotSchedule {
  const kickoff = kickoffDate(pilot);
  return { kickoff, targets: milestoneTargets(template, kickoff, pilot.milestoneOverrides, pilot.dueDate) };
}

/** A workstream is due on the target date of the milestone it must complete before. */
function workstreamDueDate(row: TemplateRow, targets: MilestoneTargets): IsoDate {
  const target = ownValue(targets, row.milestone);
  if (target === undefined) {
    throw new RangeError(`Row "${row.key}" must complete before unknown milestone "${row.milestone}"`);
  }
  return target;
}

/** Start (the start of its start week) and due date (its milestone's target) of a workstream. */
export function workstreamDates(
  row: TemplateRow,
  targets: MilestoneTargets,
  kickoff: IsoDate,
): { startDate: IsoDate; dueDate: IsoDate } {
  return { startDate: weekStart(kickoff, row.startWeek), dueDate: workstreamDueDate(row, targets) };
}

/**
 * The due-date changes that keep not-done workstreams on their milestones after a kickoff, Due
 * date or override change (product.md §2). Done workstreams never move; workstreams already on
 * target, and those whose row is no longer in the template, produce nothing.
 */
export function planDueDateMoves(
  template: Pick<OwnershipTemplate, 'milestones' | 'rows'>,
  schedule: ScheduleInputs,
  workstreams: readonly WorkstreamDueDate[],
): DueDateMove[] {
  const { targets } = pilotSchedule(template, schedule);
  const rowsByKey = new Map(template.rows.map((row) => [row.key, row]));
  return workstreams.flatMap((workstream): DueDateMove[] => {
    const row = rowsByKey.get(workstream.row);
    if (row === undefined || workstream.statusCategory === 'done') return [];
    const to = workstreamDueDate(row, targets);
    return to === workstream.dueDate
      ? []
      : [{ key: workstream.key, row: workstream.row, from: workstream.dueDate, to }];
  });
}

/**
 * The due-date moves owed after milestone targets changed from `appliedTargets` (what the
 * workstreams were last laid out on): only not-done workstreams of a milestone whose target moved
 * follow it, so a due date set by hand on an unmoved milestone stays. With no applied targets
 * (never laid out) nothing moves.
 */
export function planMovesForMovedMilestones(
  template: Pick<OwnershipTemplate, 'milestones' | 'rows'>,
  schedule: ScheduleInputs,
  workstreams: readonly WorkstreamDueDate[],
  appliedTargets: MilestoneTargets | undefined,
): DueDateMove[] {
  if (!appliedTargets) return [];
  const { targets } = pilotSchedule(template, schedule);
  const moved = new Set(
    Object.keys(targets).filter((key) => ownValue(targets, key) !== ownValue(appliedTargets, key)),
  );
  if (moved.size === 0) return [];
  const milestoneOfRow = new Map(template.rows.map((row) => [row.key, row.milestone]));
  return planDueDateMoves(template, schedule, workstreams).filter((move) =>
    moved.has(milestoneOfRow.get(move.row) ?? ''),
  );
}
