/** The `pilot-readiness` document (product.md §10): everything the panel, JQL and the portfolio read. */
import { runDiagnostic } from './diagnostic';
import { evaluateGates, isGraduated } from './gates';
import { countedSnapshot } from './kill';
import {
  band,
  daysSinceDemo,
  demoDate,
  hasOverdueWorkstream,
  reviewRequired,
  standingKill,
} from './kill-clock';
import { computeScore } from './score';
import { siteToday } from './site-dates';
import { goLiveDateOf, valueReviewState } from './value-review';
import type {
  Band,
  DataAccessSummary,
  DataAccessTicket,
  OwnershipTemplate,
  PilotSnapshot,
  IsoDate,
  ReadinessDocument,
  ValueReviewStatus,
} from './types';

export function summarizeDataAccess(tickets: readonly DataAccessTicket[]): DataAccessSummary {
  const count = (state: DataAccessTicket['state']) =>
    tickets.filter((ticket) => ticket.state === state).length;
  return {
    total: tickets.length,
    requested: count('requested'),
    inProgress: count('in-progress'),
    approved: count('approved'),
    rejected: count('rejected'),
  };
}

/** The day the first data-access request was filed (the earliest ticket), for the week-1 figure. */
export function firstDataAccessRequest(tickets: readonly DataAccessTicket[]): IsoDate | null {
  return tickets.reduce<IsoDate | null>(
    (first, ticket) =>
      ticket.openedDate !== null && (first === null || ticket.openedDate < first) ? ticket.openedDate : first,
    null,
  );
}

/**
 * Recomputes a pilot's readiness. "Today" (for waivers, overdue work and the kill clock) is the
 * calendar date of `now` in the site's time zone (product.md §14), wherever the function runs. Issues a kill
 * closed count as not done; while the kill stands the band is `killed`, the score the one at the kill,
 * and the pilot is neither graduated nor on the kill list (product.md §14).
 */
export function computeReadiness(
  recorded: PilotSnapshot,
  template: OwnershipTemplate,
  now: Date,
  siteTimeZone: string,
): ReadinessDocument {
  const today = siteToday(now, siteTimeZone);
  const snapshot = countedSnapshot(recorded);
  const kill = standingKill(snapshot.decisions);
  const computed = computeScore(snapshot, template, today).score;
  const score = kill ? (kill.scoreAtKill ?? computed) : computed;
  const gates = evaluateGates(snapshot, template, today);
  const graduated = kill === null && isGraduated(gates);
  const diagnostic = runDiagnostic(snapshot, template);
  const demo = demoDate(snapshot);
  const days = daysSinceDemo(demo, today);
  const killListed =
    kill === null &&
    reviewRequired({
      daysSinceDemo: days,
      graduated,
      decisions: snapshot.decisions,
      demoDate: demo,
      today,
    });
  const valueReview = valueReviewState(
    goLiveDateOf(snapshot, gates, template, today),
    snapshot.valueReviews ?? [],
    today,
  );
  return {
    version: 1,
    score,
    band: band({
      killed: kill !== null,
      graduated,
      noCount: diagnostic.noCount,
      reviewRequired: killListed,
      score,
      overdueWorkstream: hasOverdueWorkstream(snapshot, today),
    }),
    graduated,
    gates,
    diagnostic,
    dataAccess: summarizeDataAccess(snapshot.dataAccess),
    daysSinceDemo: days,
    reviewRequired: killListed,
    firstDataAccessRequest: firstDataAccessRequest(snapshot.dataAccess),
    valueReview,
    valueReviewDue: valueReview.status === 'due',
    templateVersion: template.version,
    computedAt: now.toISOString(),
  };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  // A document read back from storage lost its undefined members; treat absent and undefined alike.
  const keysOf = (value: object) =>
    Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key]) => key);
  const aKeys = keysOf(a);
  const bKeys = keysOf(b);
  if (aKeys.length !== bKeys.length) return false;
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  return aKeys.every((key) => Object.hasOwn(bRecord, key) && deepEqual(aRecord[key], bRecord[key]));
}

/**
 * True when the new document says something the stored one does not. `computedAt` alone does not
 * count, so the caller rewrites the issue property (and fires its events) only on real change.
 */
export function readinessChanged(previous: ReadinessDocument | undefined, next: ReadinessDocument): boolean {
  if (previous === undefined) return true;
  return !deepEqual({ ...previous, computedAt: null }, { ...next, computedAt: null });
}

/** The fields Jira indexes for JQL (product.md §10); booleans are indexed as "true"/"false". */
export interface IndexedReadinessFields {
  score: number;
  band: Band;
  graduated: 'true' | 'false';
  reviewRequired: 'true' | 'false';
  daysSinceDemo: number | null;
  valueReviewDue: 'true' | 'false';
  'valueReview.status': ValueReviewStatus;
}

export function indexedReadinessFields(doc: ReadinessDocument): IndexedReadinessFields {
  return {
    score: doc.score,
    band: doc.band,
    graduated: doc.graduated ? 'true' : 'false',
    reviewRequired: doc.reviewRequired ? 'true' : 'false',
    daysSinceDemo: doc.daysSinceDemo,
    valueReviewDue: doc.valueReviewDue ? 'true' : 'false',
    'valueReview.status': doc.valueReview.status,
  };
}
