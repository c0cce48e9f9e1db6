/** The readiness score (product.md §5): an integer 0–100 from workstreams, reviews and data access. */
import { PRODUCTION_DEPLOYMENT } from './default-template';
import {
  dataAccessCredit,
  reviewCredit,
  reviewIssuesOfKind,
  reviewKindState,
  rowState,
  workstreamCredit,
  workstreamIssuesOfRow,
} from './states';
import type { IsoDate, OwnershipTemplate, PilotSnapshot, TemplateRow } from './types';
import { isCriterionWaived } from './waivers';

/** Raw (unrounded) points of each part. */
export interface ScoreBreakdown {
  workstreams: number;
  reviews: number;
  dataAccess: number;
}

export interface Score {
  score: number;
  breakdown: ScoreBreakdown;
}

/**
 * Sums of quarters and sixteenths are not exact in binary floating point (e.g. 80.5 may come out
 * as 80.49999999999999); a nudge far below any real score step keeps half up half up.
 */
const ROUNDING_TOLERANCE = 1e-9;

/** Rounds half up: 12.5 → 13, 81.25 → 81, 0.49 → 0. */
export function roundHalfUp(value: number): number {
  return Math.floor(value + 0.5 + ROUNDING_TOLERANCE);
}

/** A row's credit: 1 while a waiver of it holds, else its sub-task's credit (0 with no sub-task). */
export function rowCredit(snapshot: PilotSnapshot, row: TemplateRow, today: IsoDate): number {
  if (isCriterionWaived(snapshot.waivers, row.milestone, { type: 'workstream', row: row.key }, today))
    return 1;
  const state = rowState(workstreamIssuesOfRow(snapshot.workstreams, row.key));
  return state === null ? 0 : workstreamCredit(state);
}

/**
 * The workstream points, split over the rows in proportion to their weight. A template with no
 * weighted row has nothing left to do, so the part is earned in full (as its gates pass).
 */
export function workstreamPoints(
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  today: IsoDate,
): number {
  const totalWeight = template.rows.reduce((sum, row) => sum + row.weight, 0);
  if (totalWeight <= 0) return template.weights.workstreams;
  const weightedCredit = template.rows.reduce(
    (sum, row) => sum + row.weight * rowCredit(snapshot, row, today),
    0,
  );
  return (template.weights.workstreams * weightedCredit) / totalWeight;
}

/** The review points, split equally over the template's review kinds; a missing ticket earns 0. */
export function reviewPoints(snapshot: PilotSnapshot, template: OwnershipTemplate, today: IsoDate): number {
  const kinds = template.reviewKinds;
  if (kinds.length === 0) return template.weights.reviews;
  const credit = kinds.reduce((sum, { kind }) => {
    if (isCriterionWaived(snapshot.waivers, PRODUCTION_DEPLOYMENT, { type: 'review', kind }, today)) {
      return sum + 1;
    }
    const state = reviewKindState(reviewIssuesOfKind(snapshot.reviews, kind), template.rejectedResolutions);
    return sum + (state === null ? 0 : reviewCredit(state));
  }, 0);
  return (template.weights.reviews * credit) / kinds.length;
}

/** The data-access points: the weight times the mean credit over all tickets; 0 with no ticket. */
export function dataAccessPoints(
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  today: IsoDate,
): number {
  if (isCriterionWaived(snapshot.waivers, PRODUCTION_DEPLOYMENT, { type: 'data-access' }, today)) {
    return template.weights.dataAccess;
  }
  const tickets = snapshot.dataAccess;
  if (tickets.length === 0) return 0;
  const credit = tickets.reduce((sum, ticket) => sum + dataAccessCredit(ticket.state), 0);
  return (template.weights.dataAccess * credit) / tickets.length;
}

export function computeScore(snapshot: PilotSnapshot, template: OwnershipTemplate, today: IsoDate): Score {
  const breakdown: ScoreBreakdown = {
    workstreams: workstreamPoints(snapshot, template, today),
    reviews: reviewPoints(snapshot, template, today),
    dataAccess: dataAccessPoints(snapshot, template, today),
  };
  return { score: roundHalfUp(breakdown.workstreams + breakdown.reviews + breakdown.dataAccess), breakdown };
}
