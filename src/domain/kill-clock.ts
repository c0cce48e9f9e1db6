/** The kill clock and the band (product.md §9). */
import { addDays, format, parseISO } from 'date-fns';
import { ACCELERATE_CLOCK_DAYS, AT_RISK_SCORE, KILL_CLOCK_DAYS, PURGATORY_NO_COUNT } from './bands';
import { MODEL_VALIDATION_ROW } from './default-template';
import { daysOverdue } from './gates';
import { calendarDaysFromTo, isOnOrBefore } from './iso-date';
import { rowState, workstreamIssuesOfRow, workstreamState } from './states';
import type { Band, IsoDate, KillBudget, PilotSnapshot, ReviewDecisionRecord } from './types';

export { ACCELERATE_CLOCK_DAYS, AT_RISK_SCORE, KILL_CLOCK_DAYS, PURGATORY_NO_COUNT };

/**
 * The Demo sign-off date field if set, else the day the model-validation workstream reached done
 * (with several sub-tasks: the day the last one did), else null.
 */
export function demoDate(snapshot: PilotSnapshot): IsoDate | null {
  if (snapshot.demoSignOffDate !== null) return snapshot.demoSignOffDate;
  const issues = workstreamIssuesOfRow(snapshot.workstreams, MODEL_VALIDATION_ROW);
  if (rowState(issues) !== 'done') return null;
  return issues.reduce<IsoDate | null>((latest, issue) => {
    if (issue.doneDate === null) return latest;
    return latest === null || calendarDaysFromTo(latest, issue.doneDate) > 0 ? issue.doneDate : latest;
  }, null);
}

/** Whole days from the demo to today: 0 on the demo day, null with no demo or before it. */
export function daysSinceDemo(demo: IsoDate | null, today: IsoDate): number | null {
  if (demo === null) return null;
  const days = calendarDaysFromTo(demo, today);
  return days < 0 ? null : days;
}

/** The last decision recorded on or after the demo day (on the same day, the one recorded last). */
export function latestDecisionSinceDemo(
  decisions: readonly ReviewDecisionRecord[],
  demo: IsoDate | null,
): ReviewDecisionRecord | null {
  if (demo === null) return null;
  return decisions.reduce<ReviewDecisionRecord | null>((latest, record) => {
    if (!isOnOrBefore(demo, record.decidedOn)) return latest;
    return latest === null || isOnOrBefore(latest.decidedOn, record.decidedOn) ? record : latest;
  }, null);
}

function plusDays(date: IsoDate, days: number): IsoDate {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}

/**
 * The day a decision stops holding, so the pilot is back on the kill list if still undecided then: a
 * pause on its resumption date; an accelerate 90 days after it was decided (it buys one more clock,
 * not immunity); a kill never lapses on its own (null), it ends only when the pilot is reopened.
 */
export function decisionLapsesOn(record: ReviewDecisionRecord): IsoDate | null {
  const { decision } = record;
  switch (decision.outcome) {
    case 'pause':
      return decision.resumptionDate;
    case 'accelerate':
      return plusDays(record.decidedOn, ACCELERATE_CLOCK_DAYS);
    case 'kill':
      return null;
  }
}

/** A decision holds until the day it lapses; a kill until the pilot is reopened. */
export function isDecisionInForce(record: ReviewDecisionRecord, today: IsoDate): boolean {
  if (record.decision.outcome === 'kill') return record.reopenedOn === undefined;
  const lapses = decisionLapsesOn(record);
  return lapses === null || !isOnOrBefore(lapses, today);
}

/**
 * The kill that stands (product.md §14), if any: the last decision recorded, when it is a kill and the
 * pilot was not reopened since. Decisions are recorded in order and none is recorded on a killed pilot.
 */
export function standingKill(decisions: readonly ReviewDecisionRecord[]): ReviewDecisionRecord | null {
  const last = decisions[decisions.length - 1];
  return last?.decision.outcome === 'kill' && last.reopenedOn === undefined ? last : null;
}

/** The kill that stands as the lists show it: its day and the budget it freed (null: none stands). */
export function standingKillSummary(
  decisions: readonly ReviewDecisionRecord[],
): { decidedOn: IsoDate; budget: KillBudget } | null {
  const kill = standingKill(decisions);
  if (!kill) return null;
  const { decision } = kill;
  const budget: KillBudget =
    decision.outcome === 'kill'
      ? {
          ...(decision.engineeringWeeks !== undefined ? { engineeringWeeks: decision.engineeringWeeks } : {}),
          ...(decision.monthlyComputeCost !== undefined
            ? { monthlyComputeCost: decision.monthlyComputeCost }
            : {}),
          ...(decision.computeCurrency !== undefined ? { computeCurrency: decision.computeCurrency } : {}),
        }
      : {};
  return { decidedOn: kill.decidedOn, budget };
}

/** A decision as the kill clock shows it, with the day it lapses (null: a kill, until reopened). */
export interface ClockDecision {
  record: ReviewDecisionRecord;
  lapsesOn: IsoDate | null;
}

/**
 * What the kill clock says about decisions (the panel's kill-clock section): the decision that stands,
 * or the last one since the demo that has lapsed (a pause whose resumption date came, an accelerate
 * 90 days old), from which day the pilot is back on the kill list.
 */
export function killClockDecisions(
  decisions: readonly ReviewDecisionRecord[],
  demo: IsoDate | null,
  today: IsoDate,
): { standing: ClockDecision | null; lapsed: ClockDecision | null } {
  const kill = standingKill(decisions);
  const latest = kill ?? latestDecisionSinceDemo(decisions, demo);
  if (latest === null) return { standing: null, lapsed: null };
  const shown = { record: latest, lapsesOn: decisionLapsesOn(latest) };
  return isDecisionInForce(latest, today)
    ? { standing: shown, lapsed: null }
    : { standing: null, lapsed: shown };
}

export interface ReviewRequiredInput {
  daysSinceDemo: number | null;
  graduated: boolean;
  decisions: readonly ReviewDecisionRecord[];
  demoDate: IsoDate | null;
  today: IsoDate;
}

/** More than 90 days since the demo, not graduated, and no decision in force since the demo. */
export function reviewRequired(input: ReviewRequiredInput): boolean {
  if (input.daysSinceDemo === null || input.daysSinceDemo <= KILL_CLOCK_DAYS || input.graduated) return false;
  const decision = latestDecisionSinceDemo(input.decisions, input.demoDate);
  return decision === null || !isDecisionInForce(decision, input.today);
}

/** True when any sub-task that is not done is past its due date (a sub-task due today is not late yet). */
export function hasOverdueWorkstream(snapshot: PilotSnapshot, today: IsoDate): boolean {
  return snapshot.workstreams.some(
    (issue) =>
      workstreamState(issue.statusCategory) !== 'done' &&
      issue.dueDate !== null &&
      daysOverdue(issue.dueDate, today) > 0,
  );
}

export interface BandInput {
  /** A kill decision stands (product.md §14). */
  killed?: boolean;
  graduated: boolean;
  noCount: number;
  reviewRequired: boolean;
  score: number;
  overdueWorkstream: boolean;
}

/** First match wins: killed → ready → purgatory → at-risk → on-track. */
export function band(input: BandInput): Band {
  if (input.killed === true) return 'killed';
  if (input.graduated) return 'ready';
  if (input.noCount >= PURGATORY_NO_COUNT || input.reviewRequired) return 'purgatory';
  if (input.score < AT_RISK_SCORE || input.overdueWorkstream) return 'at-risk';
  return 'on-track';
}
