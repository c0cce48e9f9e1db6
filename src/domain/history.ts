/**
 * A pilot's readiness history: one point per recomputation that changed the score or the band, the
 * newest last, bounded so it always fits one storage value; and the day each gate first passed, which
 * the portfolio's funnel counts from kickoff.
 */
import type { GateEvidence } from './funnel';
import { calendarDaysFromTo } from './iso-date';
import type { Band, GateResult, IsoDate, ReadinessDocument } from './types';

/** Points kept per pilot: about a quarter of daily changes, far below one storage value's size. */
export const HISTORY_LIMIT = 60;

export interface HistoryPoint {
  at: string;
  score: number;
  band: Band;
}

export interface ReadinessHistory {
  points: HistoryPoint[];
  /** Milestone → the calendar day its gate was first seen passing; never moved later. */
  gatesFirstPassed: Record<string, IsoDate>;
  /** Milestone → the gate's evidence at the last change (funnel.ts): when it passed, who held it up. */
  evidence?: Record<string, GateEvidence>;
}

export const EMPTY_HISTORY: ReadinessHistory = { points: [], gatesFirstPassed: {} };

/** A new point when the score or the band differs from the last point; the oldest fall off past the limit. */
export function appendHistoryPoint(
  points: readonly HistoryPoint[],
  next: HistoryPoint,
  limit = HISTORY_LIMIT,
): HistoryPoint[] {
  const last = points[points.length - 1];
  if (last && last.score === next.score && last.band === next.band) return [...points];
  return [...points, next].slice(-limit);
}

/** Keeps the first day each gate passed; gates passing for the first time get `today`. */
export function recordGatesFirstPassed(
  firstPassed: Readonly<Record<string, IsoDate>>,
  gates: readonly GateResult[],
  today: IsoDate,
): Record<string, IsoDate> {
  const recorded = { ...firstPassed };
  for (const gate of gates)
    if (gate.passed && recorded[gate.milestone] === undefined) recorded[gate.milestone] = today;
  return recorded;
}

/** The history after a recomputation that produced `readiness` on `today`. */
export function nextHistory(
  history: ReadinessHistory,
  readiness: Pick<ReadinessDocument, 'score' | 'band' | 'gates' | 'computedAt'>,
  today: IsoDate,
  evidence?: Record<string, GateEvidence>,
): ReadinessHistory {
  return {
    ...(evidence ? { evidence } : history.evidence ? { evidence: history.evidence } : {}),
    points: appendHistoryPoint(history.points, {
      at: readiness.computedAt,
      score: readiness.score,
      band: readiness.band,
    }),
    gatesFirstPassed: recordGatesFirstPassed(history.gatesFirstPassed, readiness.gates, today),
  };
}

export type TrendDirection = 'up' | 'down' | 'flat' | 'new';

export interface Trend {
  direction: TrendDirection;
  /** Score change since the previous point (0 for `new`). */
  change: number;
  /** The last scores, oldest first, for a sparkline. */
  recent: number[];
}

/** Points a trend shows. */
export const TREND_POINTS = 8;

/** Where the score went at its last change. */
export function trendOf(points: readonly HistoryPoint[]): Trend {
  const recent = points.slice(-TREND_POINTS).map((point) => point.score);
  const last = points[points.length - 1];
  const previous = points[points.length - 2];
  if (!last || !previous) return { direction: 'new', change: 0, recent };
  const change = last.score - previous.score;
  return { direction: change > 0 ? 'up' : change < 0 ? 'down' : 'flat', change, recent };
}

/** Whole days from kickoff to the day a gate first passed (0 when it passed before kickoff). */
export function daysToPass(kickoff: IsoDate, passedOn: IsoDate): number {
  return Math.max(0, calendarDaysFromTo(kickoff, passedOn));
}
