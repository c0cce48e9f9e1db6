/**
 * Builders that make tests read like the spec:
 *   pilotWith(workstreamDone('mlops'), reviewApproved('security'), dataAccessTicket('requested'))
 * Every builder starts from freshPilot() (the pilot right after generation) and returns a new snapshot.
 */
import { DEFAULT_TEMPLATE } from '../default-template';
import type {
  DataAccessState,
  DataAccessTicket,
  IsoDate,
  PilotSnapshot,
  ReviewDecision,
  ReviewIssue,
  WaivableCriterion,
  Waiver,
  WorkstreamIssue,
} from '../types';

export type SnapshotChange = (snapshot: PilotSnapshot) => PilotSnapshot;

export const DEFAULT_ROWS = DEFAULT_TEMPLATE.rows.map((row) => row.key);
export const DEFAULT_REVIEW_KINDS = DEFAULT_TEMPLATE.reviewKinds.map((config) => config.kind);

/** Keys of the generated issues: workstreams AIP-2…AIP-9 in template order, reviews AIP-10…AIP-14. */
export function workstreamKey(row: string): string {
  const index = DEFAULT_ROWS.indexOf(row);
  if (index < 0) throw new Error(`No default row ${row}`);
  return `AIP-${2 + index}`;
}

export function reviewKey(kind: string): string {
  const index = DEFAULT_REVIEW_KINDS.indexOf(kind);
  if (index < 0) throw new Error(`No default review kind ${kind}`);
  return `AIP-${10 + index}`;
}

/** The sub-task generation creates for a row: to do, unassigned, no dates. */
function generatedWorkstream(row: string): WorkstreamIssue {
  return {
    key: workstreamKey(row),
    row,
    statusCategory: 'new',
    assigneeAccountId: null,
    dueDate: null,
    doneDate: null,
  };
}

/** A pilot just generated: 8 sub-tasks to do, 5 reviews not started, nothing else set. */
export function freshPilot(): PilotSnapshot {
  return {
    id: '10001',
    key: 'AIP-1',
    summary: 'Claims triage assistant',
    createdDate: '2026-01-05',
    kickoffDate: null,
    dueDate: null,
    demoSignOffDate: null,
    productionOwnerAccountId: null,
    milestoneOverrides: {},
    productionSpec: {},
    workstreams: DEFAULT_ROWS.map(generatedWorkstream),
    reviews: DEFAULT_REVIEW_KINDS.map((kind) => ({
      key: reviewKey(kind),
      kind,
      statusCategory: 'new',
      resolution: null,
    })),
    dataAccess: [],
    waivers: [],
    decisions: [],
  };
}

export function pilotWith(...changes: SnapshotChange[]): PilotSnapshot {
  return applyChanges(freshPilot(), ...changes);
}

export function applyChanges(snapshot: PilotSnapshot, ...changes: SnapshotChange[]): PilotSnapshot {
  return changes.reduce((current, change) => change(current), snapshot);
}

export function fields(patch: Partial<PilotSnapshot>): SnapshotChange {
  return (snapshot) => ({ ...snapshot, ...patch });
}

// Workstreams

/** Changes the generated sub-task of `row` (adds one if it was removed). */
export function workstream(row: string, patch: Partial<WorkstreamIssue>): SnapshotChange {
  return (snapshot) => {
    const exists = snapshot.workstreams.some((issue) => issue.row === row);
    return {
      ...snapshot,
      workstreams: exists
        ? snapshot.workstreams.map((issue) => (issue.row === row ? { ...issue, ...patch } : issue))
        : [...snapshot.workstreams, { ...generatedWorkstream(row), ...patch }],
    };
  };
}

export function workstreamInProgress(row: string, patch: Partial<WorkstreamIssue> = {}): SnapshotChange {
  return workstream(row, { statusCategory: 'indeterminate', ...patch });
}

export function workstreamDone(row: string, doneDate: IsoDate = '2026-02-10'): SnapshotChange {
  return workstream(row, { statusCategory: 'done', doneDate });
}

export function allWorkstreamsDone(doneDate: IsoDate = '2026-02-10'): SnapshotChange {
  return (snapshot) => applyChanges(snapshot, ...DEFAULT_ROWS.map((row) => workstreamDone(row, doneDate)));
}

export function withoutWorkstream(row: string): SnapshotChange {
  return (snapshot) => ({
    ...snapshot,
    workstreams: snapshot.workstreams.filter((issue) => issue.row !== row),
  });
}

/** A second sub-task for a row that already has one (a clone, a re-created issue). */
export function extraWorkstream(issue: WorkstreamIssue): SnapshotChange {
  return (snapshot) => ({ ...snapshot, workstreams: [...snapshot.workstreams, issue] });
}

// Reviews

export function review(kind: string, patch: Partial<ReviewIssue>): SnapshotChange {
  return (snapshot) => ({
    ...snapshot,
    reviews: snapshot.reviews.map((issue) => (issue.kind === kind ? { ...issue, ...patch } : issue)),
  });
}

export function reviewInProgress(kind: string): SnapshotChange {
  return review(kind, { statusCategory: 'indeterminate', resolution: null });
}

export function reviewApproved(kind: string): SnapshotChange {
  return review(kind, { statusCategory: 'done', resolution: 'Done' });
}

export function reviewRejected(kind: string, resolution = 'Declined'): SnapshotChange {
  return review(kind, { statusCategory: 'done', resolution });
}

export function allReviewsApproved(): SnapshotChange {
  return (snapshot) => applyChanges(snapshot, ...DEFAULT_REVIEW_KINDS.map(reviewApproved));
}

export function withoutReview(kind: string): SnapshotChange {
  return (snapshot) => ({ ...snapshot, reviews: snapshot.reviews.filter((issue) => issue.kind !== kind) });
}

export function extraReview(issue: ReviewIssue): SnapshotChange {
  return (snapshot) => ({ ...snapshot, reviews: [...snapshot.reviews, issue] });
}

// Data access

/** Adds a Jira data-access ticket (AIP-100, AIP-101… in order), or a ServiceNow one with a key given. */
export function dataAccessTicket(
  state: DataAccessState,
  patch: Partial<DataAccessTicket> = {},
): SnapshotChange {
  return (snapshot) => ({
    ...snapshot,
    dataAccess: [
      ...snapshot.dataAccess,
      {
        source: 'jira',
        key: `AIP-${100 + snapshot.dataAccess.length}`,
        state,
        openedDate: '2026-01-06',
        url: null,
        ...patch,
      },
    ],
  });
}

export function withoutDataAccess(): SnapshotChange {
  return (snapshot) => ({ ...snapshot, dataAccess: [] });
}

// Waivers and decisions

export function waiver(milestone: string, criterion: WaivableCriterion, expires: IsoDate): SnapshotChange {
  return (snapshot) => {
    const granted: Waiver = {
      id: `waiver-${snapshot.waivers.length + 1}`,
      milestone,
      criterion,
      reason: 'Covered by the vendor contract until the next release',
      expires,
      grantedBy: 'admin-account',
      grantedAt: '2026-02-01T09:00:00.000Z',
    };
    return { ...snapshot, waivers: [...snapshot.waivers, granted] };
  };
}

export function decision(recorded: ReviewDecision, decidedOn: IsoDate): SnapshotChange {
  return (snapshot) => ({
    ...snapshot,
    decisions: [...snapshot.decisions, { decision: recorded, decidedBy: 'leader-account', decidedOn }],
  });
}

export const ACCELERATE: ReviewDecision = {
  outcome: 'accelerate',
  ownerAccountId: 'owner-account',
  resourcingNote: 'Two engineers full time from March',
};
export const KILL: ReviewDecision = { outcome: 'kill', reason: 'No business case left' };
export function pauseUntil(resumptionDate: IsoDate): ReviewDecision {
  return {
    outcome: 'pause',
    rationale: 'Waiting for the data platform migration',
    resumptionDate,
    resumptionCondition: 'The new data platform is live',
  };
}

// Whole pilots

export const PRODUCTION_OWNER = 'owner-account';
export const MODELLER = 'modeller-account';
export const CHANGE_LEAD = 'change-lead-account';

/** The diagnostic's non-workstream evidence in place: owner, due date, a full production spec. */
export function diagnosticFieldsFilled(): SnapshotChange {
  return fields({
    productionOwnerAccountId: PRODUCTION_OWNER,
    dueDate: '2026-03-27',
    productionSpec: {
      latency: 'p95 under 800 ms',
      availability: '99.9% business hours',
      rollback: 'Feature flag off, previous model stays warm',
      monitoring: 'Drift and error-rate alerts to on-call',
    },
  });
}

/** Everything done and approved, one approved data-access ticket, every diagnostic answer yes. */
export function readyPilot(): PilotSnapshot {
  return pilotWith(
    diagnosticFieldsFilled(),
    allWorkstreamsDone(),
    workstream('model-validation', { assigneeAccountId: MODELLER }),
    workstream('change-management', { assigneeAccountId: CHANGE_LEAD }),
    allReviewsApproved(),
    dataAccessTicket('approved'),
  );
}
