/** The kill clock and the band (product.md §9). */
import { AT_RISK_SCORE, KILL_CLOCK_DAYS, PURGATORY_NO_COUNT } from './bands';
import { MODEL_VALIDATION_ROW } from './default-template';
import { daysOverdue } from './gates';
import { calendarDaysFromTo, isOnOrBefore } from './iso-date';
import { rowState, workstreamIssuesOfRow, workstreamState } from './states';
import type { Band, IsoDate, PilotSnapshot, ReviewDecisionRecord } from './types';

export { AT_RISK_SCORE, KILL_CLOCK_DAYS, PURGATORY_NO_COUNT };

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

/** Accelerate and kill stand for good; a pause lapses on its resumption date. */
export function isDecisionInForce(record: ReviewDecisionRecord, today: IsoDate): boolean {
  const { decision } = record;
  return decision.outcome !== 'pause' || !isOnOrBefore(decision.resumptionDate, today);
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
  graduated: boolean;
  noCount: number;
  reviewRequired: boolean;
  score: number;
  overdueWorkstream: boolean;
}

/** First match wins: ready → purgatory → at-risk → on-track. */
export function band(input: BandInput): Band {
  if (input.graduated) return 'ready';
  if (input.noCount >= PURGATORY_NO_COUNT || input.reviewRequired) return 'purgatory';
  if (input.score < AT_RISK_SCORE || input.overdueWorkstream) return 'at-risk';
  return 'on-track';
}
