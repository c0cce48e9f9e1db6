/** Graduation gates (product.md §6): one binary gate per milestone, and what blocks each. */
import { gateCriteria } from './gate-criteria';
import { calendarDaysFromTo } from './iso-date';
import {
  describeWorkstreamIssues,
  keysWithStates,
  reviewIssuesOfKind,
  reviewState,
  workstreamIssuesOfRow,
  workstreamState,
} from './states';
import type {
  GateBlocker,
  GateResult,
  IsoDate,
  OwnershipTemplate,
  PilotSnapshot,
  TemplateRow,
  WaivableCriterion,
} from './types';
import { isCriterionWaived } from './waivers';

/** Days past the due date: 0 on the due date itself and before it. */
export function daysOverdue(dueDate: IsoDate, today: IsoDate): number {
  return Math.max(0, calendarDaysFromTo(dueDate, today));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function earliest(dates: readonly IsoDate[]): IsoDate | null {
  return dates.reduce<IsoDate | null>(
    (first, date) => (first === null || calendarDaysFromTo(first, date) < 0 ? date : first),
    null,
  );
}

/** What keeps a row from being done, or null when every sub-task of the row is done. */
export function workstreamBlocker(
  snapshot: PilotSnapshot,
  row: TemplateRow,
  today: IsoDate,
): GateBlocker | null {
  const criterion: WaivableCriterion = { type: 'workstream', row: row.key };
  const issues = workstreamIssuesOfRow(snapshot.workstreams, row.key);
  if (issues.length === 0) {
    return {
      criterion,
      issueKeys: [],
      detail: `${row.workstream}: no sub-task`,
      ownerTeam: row.ownerTeam,
      dueDate: null,
    };
  }
  const open = issues.filter((issue) => workstreamState(issue.statusCategory) !== 'done');
  if (open.length === 0) return null;
  const dueDate = earliest(open.flatMap((issue) => (issue.dueDate === null ? [] : [issue.dueDate])));
  const blocker: GateBlocker = {
    criterion,
    issueKeys: open.map((issue) => issue.key),
    detail: `${row.workstream}: ${describeWorkstreamIssues(open)}`,
    ownerTeam: row.ownerTeam,
    dueDate,
  };
  if (dueDate === null) return blocker;
  const overdue = daysOverdue(dueDate, today);
  return {
    ...blocker,
    daysOverdue: overdue,
    detail: overdue > 0 ? `${blocker.detail}, ${plural(overdue, 'day')} overdue` : blocker.detail,
  };
}

/** What keeps data access from being met: no ticket at all, or tickets not (yet) approved. */
export function dataAccessBlocker(snapshot: PilotSnapshot): GateBlocker | null {
  const criterion: WaivableCriterion = { type: 'data-access' };
  if (snapshot.dataAccess.length === 0) {
    return { criterion, issueKeys: [], detail: 'Data access: no ticket filed' };
  }
  const pending = snapshot.dataAccess.filter((ticket) => ticket.state !== 'approved');
  if (pending.length === 0) return null;
  return {
    criterion,
    issueKeys: pending.map((ticket) => ticket.key),
    detail: `Data access not approved: ${keysWithStates(pending)}`,
  };
}

function reviewLabel(kind: string): string {
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} review`;
}

/** What keeps one review kind from being approved: no ticket, or tickets rejected or still open. */
export function reviewBlocker(
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  kind: string,
): GateBlocker | null {
  const criterion: WaivableCriterion = { type: 'review', kind };
  const issues = reviewIssuesOfKind(snapshot.reviews, kind);
  if (issues.length === 0) return { criterion, issueKeys: [], detail: `${reviewLabel(kind)}: no ticket` };
  const pending = issues
    .map((issue) => ({ key: issue.key, state: reviewState(issue, template.rejectedResolutions) }))
    .filter(({ state }) => state !== 'approved');
  if (pending.length === 0) return null;
  return {
    criterion,
    issueKeys: pending.map(({ key }) => key),
    detail: `${reviewLabel(kind)}: ${keysWithStates(pending)}`,
  };
}

/** One blocker per review kind that is missing, rejected or still open. */
export function reviewBlockers(snapshot: PilotSnapshot, template: OwnershipTemplate): GateBlocker[] {
  return template.reviewKinds.flatMap(({ kind }) => reviewBlocker(snapshot, template, kind) ?? []);
}

interface CriterionCheck {
  criterion: WaivableCriterion;
  blockers: GateBlocker[];
}

function criterionBlockers(
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  criterion: WaivableCriterion,
  today: IsoDate,
): GateBlocker[] {
  switch (criterion.type) {
    case 'workstream': {
      const row = template.rows.find((candidate) => candidate.key === criterion.row);
      const blocker = row ? workstreamBlocker(snapshot, row, today) : null;
      return blocker === null ? [] : [blocker];
    }
    case 'data-access': {
      const blocker = dataAccessBlocker(snapshot);
      return blocker === null ? [] : [blocker];
    }
    case 'review': {
      const blocker = reviewBlocker(snapshot, template, criterion.kind);
      return blocker === null ? [] : [blocker];
    }
    case 'reviews':
      return reviewBlockers(snapshot, template);
  }
}

function criterionChecks(
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  milestone: string,
  today: IsoDate,
): CriterionCheck[] {
  return gateCriteria(milestone, template).map((criterion) => ({
    criterion,
    blockers: criterionBlockers(snapshot, template, criterion, today),
  }));
}

/**
 * A gate passes when each of its criteria is met or waived. `waived` is true only when the gate
 * passes and at least one unmet criterion was let through by a waiver.
 */
export function evaluateGate(
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  milestone: string,
  today: IsoDate,
): GateResult {
  const blocking: GateBlocker[] = [];
  let usedWaiver = false;
  for (const { criterion, blockers } of criterionChecks(snapshot, template, milestone, today)) {
    if (blockers.length === 0) continue;
    if (isCriterionWaived(snapshot.waivers, milestone, criterion, today)) usedWaiver = true;
    else blocking.push(...blockers);
  }
  const passed = blocking.length === 0;
  return { milestone, passed, waived: passed && usedWaiver, blocking };
}

/** Every gate, in the template's milestone order. */
export function evaluateGates(
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  today: IsoDate,
): GateResult[] {
  return template.milestones.map((milestone) => evaluateGate(snapshot, template, milestone.key, today));
}

export function isGraduated(gates: readonly GateResult[]): boolean {
  return gates.every((gate) => gate.passed);
}
