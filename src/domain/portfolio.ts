/**
 * The portfolio's reading of many pilots (product.md §11): the diagnostic summary, the funnel per
 * gate, each owner team's queue and the table's CSV. Pure: every input was read and stored before.
 */
import { DIAGNOSTIC_QUESTIONS } from './diagnostic-questions';
import { daysBlocked, type GateEvidence } from './funnel';
import { daysToPass } from './history';
import { calendarDaysFromTo } from './iso-date';
import type { GateResult, IsoDate, ReadinessDocument } from './types';

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

/** For each of the 7 questions, how many pilots answer *no*, from their stored readiness. */
export function diagnosticSummary(
  readiness: ReadonlyArray<Pick<ReadinessDocument, 'diagnostic'>>,
): DiagnosticCount[] {
  return DIAGNOSTIC_QUESTIONS.map((id) => ({
    id,
    no: readiness.filter((document) =>
      document.diagnostic.answers.some((answer) => answer.id === id && !answer.yes),
    ).length,
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
    for (const criterion of pilot.evidence?.[milestone]?.criteria ?? []) {
      const blocked = daysBlocked(pilot.kickoff, criterion, today);
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
      return day === null ? [] : [daysToPass(pilot.kickoff, day)];
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
