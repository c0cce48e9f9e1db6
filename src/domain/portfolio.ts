/**
 * The portfolio's reading of many pilots (product.md §11): the diagnostic summary, the funnel per
 * gate, each owner team's queue and the table's CSV. Pure: every input was read and stored before.
 */
import { DIAGNOSTIC_QUESTIONS } from './diagnostic-questions';
import { daysBlocked, type GateEvidence } from './funnel';
import { daysToPass } from './history';
import { calendarDaysFromTo, isOnOrBefore } from './iso-date';
import type { GateResult, IsoDate, KillBudget } from './types';

export { DIAGNOSTIC_QUESTIONS } from './diagnostic-questions';

/** The first gate, in template order, that does not pass; null when every gate passes. */
export function firstBlockingGate(gates: readonly GateResult[]): string | null {
  return gates.find((gate) => !gate.passed)?.milestone ?? null;
}

export interface DiagnosticCount {
  id: number;
  /** Pilots answering *no* to this question. */
  no: number;
}

/** For each of the 7 questions, how many pilots answer *no*, from each pilot's questions answered no. */
export function diagnosticSummary(noAnswers: ReadonlyArray<readonly number[]>): DiagnosticCount[] {
  return DIAGNOSTIC_QUESTIONS.map((id) => ({
    id,
    no: noAnswers.filter((answeredNo) => answeredNo.includes(id)).length,
  }));
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** What the funnel needs of one pilot. */
export interface FunnelPilot {
  kickoff: IsoDate;
  /** The day each gate was first seen passing: for pilots whose evidence was never stored. */
  gatesFirstPassed: Readonly<Record<string, IsoDate>>;
  /** Each gate's evidence (funnel.ts): when it passed, and when each criterion was met. */
  evidence?: Readonly<Record<string, GateEvidence>>;
  /** Killed: the day of the kill. It counts up to its kill only, and blocks nothing since (§14). */
  killedOn?: IsoDate | null;
}

export interface FunnelStage {
  milestone: string;
  /** Pilots that passed this gate. */
  passed: number;
  /** Median whole days from kickoff to the day the gate passed; null when none passed. */
  medianDaysToPass: number | null;
  /**
   * Who held this gate up longest across the pilots, in pilot-days (an owner team for workstreams,
   * the reviewer team for reviews, the data stewards for data access; ties: alphabetical).
   */
  blockedLongest: { who: string; pilotDays: number } | null;
}

/** The day a pilot passed a gate: by its evidence, else as first seen. */
function passedOn(pilot: FunnelPilot, milestone: string): IsoDate | null {
  const evidence = pilot.evidence?.[milestone];
  if (evidence) return evidence.passedOn;
  return pilot.gatesFirstPassed[milestone] ?? null;
}

function blockedLongest(
  pilots: readonly FunnelPilot[],
  milestone: string,
  today: IsoDate,
): FunnelStage['blockedLongest'] {
  const days = new Map<string, number>();
  for (const pilot of pilots) {
    const killedOn = pilot.killedOn;
    for (const criterion of pilot.evidence?.[milestone]?.criteria ?? []) {
      // A killed pilot held its gates up until its kill, not since.
      const cut =
        killedOn && !(criterion.metOn && isOnOrBefore(criterion.metOn, killedOn))
          ? { ...criterion, metOn: killedOn }
          : criterion;
      const blocked = daysBlocked(pilot.kickoff, cut, today);
      if (blocked > 0) days.set(criterion.blocker, (days.get(criterion.blocker) ?? 0) + blocked);
    }
  }
  const [top] = [...days].sort(([whoA, a], [whoB, b]) => b - a || whoA.localeCompare(whoB));
  return top ? { who: top[0], pilotDays: top[1] } : null;
}

/**
 * For each gate, in milestone order: pilots that passed it, the median days from kickoff to passing,
 * and who held it up longest (criteria still unmet count up to `today`).
 */
export function gateFunnel(
  pilots: readonly FunnelPilot[],
  milestones: readonly string[],
  today: IsoDate,
): FunnelStage[] {
  return milestones.map((milestone) => {
    const days = pilots.flatMap((pilot) => {
      const day = passedOn(pilot, milestone);
      if (day === null) return [];
      if (pilot.killedOn && !isOnOrBefore(day, pilot.killedOn)) return [];
      return [daysToPass(pilot.kickoff, day)];
    });
    return {
      milestone,
      passed: days.length,
      medianDaysToPass: median(days),
      blockedLongest: blockedLongest(pilots, milestone, today),
    };
  });
}

/** An open workstream in an owner team's queue. */
export interface QueueItem {
  key: string;
  /** The pilot's issue id (its parent), for what the app holds of it. */
  pilotId: string;
  pilotKey: string;
  row: string;
  summary: string;
  dueDate: IsoDate | null;
}

export interface QueueEntry extends QueueItem {
  daysOverdue: number;
}

/** Overdue first (most overdue on top), then by due date, undated last; ties by issue key. */
export function orderQueue(items: readonly QueueItem[], today: IsoDate): QueueEntry[] {
  const withDays = items.map((item) => ({
    ...item,
    daysOverdue: item.dueDate === null ? 0 : Math.max(0, calendarDaysFromTo(item.dueDate, today)),
  }));
  return withDays.sort((a, b) => {
    if (a.daysOverdue !== b.daysOverdue) return b.daysOverdue - a.daysOverdue;
    if (a.dueDate !== b.dueDate) {
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    }
    return a.key.localeCompare(b.key, 'en', { numeric: true });
  });
}

/** The template rows an owner team owns: its queue is their open workstreams. */
export function rowsOfTeam(rows: ReadonlyArray<{ key: string; ownerTeam: string }>, team: string): string[] {
  return rows.filter((row) => row.ownerTeam === team).map((row) => row.key);
}

/** What kills freed across pilots (product.md §15 "Budget recovered"): weeks, and compute per currency. */
export function budgetFreed(kills: readonly KillBudget[]): {
  killedPilots: number;
  engineeringWeeks: number;
  monthlyCompute: Array<{ currency: string; amount: number }>;
} {
  const compute = new Map<string, number>();
  for (const kill of kills) {
    if (kill.monthlyComputeCost === undefined) continue;
    const currency = (kill.computeCurrency ?? '').toUpperCase();
    compute.set(currency, (compute.get(currency) ?? 0) + kill.monthlyComputeCost);
  }
  return {
    killedPilots: kills.length,
    engineeringWeeks: kills.reduce((sum, kill) => sum + (kill.engineeringWeeks ?? 0), 0),
    monthlyCompute: [...compute]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amount]) => ({ currency, amount })),
  };
}
