/**
 * The funnel's evidence (product.md §11): for each gate of a pilot, the day it passed by the evidence
 * (the demo gate: the demo date of §9; the others: the day their last criterion was met) and, for each
 * criterion, who it waits on and the day it was met. Worked out at each recompute from what Jira said
 * (done dates, approvals), never from the day the app happened to recompute.
 */
import { gateCriteria } from './gate-criteria';
import { calendarDaysFromTo } from './iso-date';
import { demoDate } from './kill-clock';
import { kickoffDate } from './schedule';
import { calendarDateInZone } from './site-dates';
import { reviewIssuesOfKind, reviewKindState, rowState, workstreamIssuesOfRow } from './states';
import type {
  GateResult,
  IsoDate,
  OwnershipTemplate,
  PilotSnapshot,
  WaivableCriterion,
  Waiver,
} from './types';
import { isSameCriterion } from './waivers';

/** Who a data-access criterion waits on. */
export const DATA_STEWARDS = 'data stewards';

/** The team a review kind waits on: `security` → "Security team". */
export function reviewerTeam(kind: string): string {
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} team`;
}

export interface CriterionEvidence {
  /** Who it waits on: an owner team, a reviewer team, or the data stewards. */
  blocker: string;
  /** The day it was met (done, approved, or waived), null while it is not. */
  metOn: IsoDate | null;
}

export interface GateEvidence {
  /** The day the gate passed by its evidence; null while it does not pass. */
  passedOn: IsoDate | null;
  criteria: CriterionEvidence[];
}

/** The latest of some days; null for none. */
function latest(days: ReadonlyArray<IsoDate | null>): IsoDate | null {
  return days.reduce<IsoDate | null>(
    (last, day) => (day !== null && (last === null || day > last) ? day : last),
    null,
  );
}

function waivedOn(
  waivers: readonly Waiver[],
  milestone: string,
  criterion: WaivableCriterion,
  siteTimeZone: string,
): IsoDate | null {
  const waiver = waivers.find(
    (candidate) => candidate.milestone === milestone && isSameCriterion(candidate.criterion, criterion),
  );
  return waiver ? calendarDateInZone(new Date(waiver.grantedAt), siteTimeZone) : null;
}

/**
 * The criteria of one gate with who each waits on and when it was met. A criterion done without a
 * known date counts as met at kickoff (it blocked nobody that the evidence shows).
 */
function criteriaOf(
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  gate: GateResult,
  siteTimeZone: string,
): CriterionEvidence[] {
  const kickoff = kickoffDate(snapshot);
  const blocking = (criterion: WaivableCriterion) =>
    gate.blocking.some((blocker) => isSameCriterion(blocker.criterion, criterion));
  const met = (criterion: WaivableCriterion, doneOn: IsoDate | null, done: boolean): IsoDate | null => {
    if (done) return doneOn ?? kickoff;
    // Not done, yet not blocking: a waiver lets it through.
    return blocking(criterion)
      ? null
      : (waivedOn(snapshot.waivers, gate.milestone, criterion, siteTimeZone) ?? kickoff);
  };
  return gateCriteria(gate.milestone, template).flatMap((criterion): CriterionEvidence[] => {
    switch (criterion.type) {
      case 'workstream': {
        const row = template.rows.find((candidate) => candidate.key === criterion.row);
        const issues = workstreamIssuesOfRow(snapshot.workstreams, criterion.row);
        const done = rowState(issues) === 'done';
        const doneOn = latest(issues.map((issue) => issue.doneDate));
        return [{ blocker: row?.ownerTeam ?? criterion.row, metOn: met(criterion, doneOn, done) }];
      }
      case 'data-access': {
        const tickets = snapshot.dataAccess;
        const done = tickets.length > 0 && tickets.every((ticket) => ticket.state === 'approved');
        const doneOn = latest(tickets.map((ticket) => ticket.closedDate ?? null));
        return [{ blocker: DATA_STEWARDS, metOn: met(criterion, doneOn, done) }];
      }
      case 'review': {
        const issues = reviewIssuesOfKind(snapshot.reviews, criterion.kind);
        const done = reviewKindState(issues, template.rejectedResolutions) === 'approved';
        const doneOn = latest(issues.map((issue) => issue.doneDate ?? null));
        return [{ blocker: reviewerTeam(criterion.kind), metOn: met(criterion, doneOn, done) }];
      }
      case 'reviews':
        // A waiver granted before waivers named one review kind; gateCriteria never lists it.
        return [];
    }
  });
}

/** Each gate's evidence, by milestone, from the pilot's snapshot and its gates as just computed. */
export function gateEvidence(
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  gates: readonly GateResult[],
  siteTimeZone: string,
): Record<string, GateEvidence> {
  const demoMilestone = template.rows.find((row) => row.key === 'model-validation')?.milestone;
  return Object.fromEntries(
    gates.map((gate) => {
      const criteria = criteriaOf(snapshot, template, gate, siteTimeZone);
      const lastMet = latest(criteria.map((criterion) => criterion.metOn));
      const passedOn = !gate.passed
        ? null
        : gate.milestone === demoMilestone
          ? (demoDate(snapshot) ?? lastMet)
          : lastMet;
      return [
        gate.milestone,
        { passedOn: gate.passed ? (passedOn ?? kickoffDate(snapshot)) : null, criteria },
      ];
    }),
  );
}

/** Pilot-days a criterion held its gate up: from kickoff to the day it was met, or to today. */
export function daysBlocked(kickoff: IsoDate, criterion: CriterionEvidence, today: IsoDate): number {
  return Math.max(0, calendarDaysFromTo(kickoff, criterion.metOn ?? today));
}
