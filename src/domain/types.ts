/**
 * The vocabulary of the readiness model (product.md). Pure types: no I/O, no clock.
 * Names follow the spec and the Jira REST API (`statusCategory`, `resolution`).
 */

/** A calendar date, `YYYY-MM-DD`, no time of day (product.md §2). */
export type IsoDate = string;

/** A Jira status category key, as the REST API reports it in `status.statusCategory.key`. */
export type StatusCategory = 'new' | 'indeterminate' | 'done';

export const REVIEW_KINDS = ['security', 'compliance', 'legal', 'privacy', 'infrastructure'] as const;
/** Review kinds are admin-editable; the defaults are REVIEW_KINDS. */
export type ReviewKind = string;

export type WorkstreamState = 'to-do' | 'in-progress' | 'done';
export type ReviewState = 'not-started' | 'in-progress' | 'approved' | 'rejected';
export type DataAccessState = 'requested' | 'in-progress' | 'approved' | 'rejected';
/** `killed` is an end state (product.md §14): the band of a pilot whose kill decision stands. */
export type Band = 'killed' | 'ready' | 'purgatory' | 'at-risk' | 'on-track';
/** The bands of pilots still under way: what means, band counts and queues are about. */
export type ActiveBand = Exclude<Band, 'killed'>;

/** A milestone of the production path, with its default target week counted from kickoff. */
export interface Milestone {
  key: string;
  name: string;
  week: number;
}

/** One row of the ownership table (product.md §1). */
export interface TemplateRow {
  key: string;
  /** The sub-task summary. */
  workstream: string;
  ownerTeam: string;
  startWeek: number;
  /** Key of the milestone this workstream must complete before. */
  milestone: string;
  /** Share of the workstream points; rows split the points in proportion to weight (default 1 each). */
  weight: number;
}

export interface ReviewKindConfig {
  kind: ReviewKind;
  /** Target Jira project key; null means the pilot's own project. */
  projectKey: string | null;
  /** Issue type name of the review ticket (default Task). */
  issueTypeName: string;
  /**
   * Diagnostic question 3 asks that reviews of this kind are engaged (in progress or done) early:
   * by default security, compliance and legal (product.md §8). Absent means no.
   */
  engagedEarly?: boolean;
}

/** Points of the three parts of the score (product.md §5); they sum to 100. */
export interface ScoreWeights {
  workstreams: number;
  reviews: number;
  dataAccess: number;
}

/** The ownership template: what a pilot's production path consists of. Admin-editable. */
export interface OwnershipTemplate {
  version: number;
  milestones: Milestone[];
  rows: TemplateRow[];
  reviewKinds: ReviewKindConfig[];
  weights: ScoreWeights;
  /** Resolutions that make a done review or data-access ticket count as rejected. */
  rejectedResolutions: string[];
}

/** A workstream sub-task as read from Jira, recognised by its `pilot-pathway-origin` row. */
export interface WorkstreamIssue {
  key: string;
  row: string;
  statusCategory: StatusCategory;
  assigneeAccountId: string | null;
  dueDate: IsoDate | null;
  /** The day the issue reached done (Jira `resolutiondate`, as a calendar date), if done. */
  doneDate: IsoDate | null;
}

/** A review ticket as read from Jira, recognised by its `pilot-pathway-origin` review kind. */
export interface ReviewIssue {
  key: string;
  kind: ReviewKind;
  statusCategory: StatusCategory;
  resolution: string | null;
  /** The day it reached done (as a calendar date), if done: the day it was approved or rejected. */
  doneDate?: IsoDate | null;
}

/** A data-access ticket, in Jira (linked with *Data access*) or in ServiceNow (remote link). */
export interface DataAccessTicket {
  source: 'jira' | 'servicenow';
  /** Jira issue key, or the ServiceNow record number. */
  key: string;
  state: DataAccessState;
  /** When the ticket was filed, for its age. */
  openedDate: IsoDate | null;
  /** When it was approved or rejected: its age stops there ("open for N days"). */
  closedDate?: IsoDate | null;
  url: string | null;
  /** A ServiceNow state the mapping does not know, shown as "unknown (<value>)" (counted as requested). */
  unknownState?: string;
  /** ServiceNow: when the app last learned this state (ISO); the panel says "as of". */
  asOf?: string;
  /**
   * The data source the request is for (data-sources.ts): what the app's own requests name, or a hand-
   * linked ticket's summary. Absent on tickets read before sources were recorded.
   */
  dataSource?: string;
}

/**
 * What a waiver can waive: one workstream row, data access, or one review kind (product.md §7: one
 * criterion per waiver). `reviews` (every review at once) is how waivers were granted before: such a
 * waiver is still read and honoured until it expires, but never granted again.
 */
export type WaivableCriterion =
  | { type: 'workstream'; row: string }
  | { type: 'data-access' }
  | { type: 'review'; kind: ReviewKind }
  | { type: 'reviews' };

export interface Waiver {
  id: string;
  milestone: string;
  criterion: WaivableCriterion;
  reason: string;
  /** Last day the waiver holds; from the next day on the gate blocks again. */
  expires: IsoDate;
  grantedBy: string;
  /** The decider's display name when the grant was recorded (shown instead of the account id). */
  grantedByName?: string;
  grantedAt: string;
}

/** The budget a kill frees (product.md §9), both parts optional. */
export interface KillBudget {
  /** Engineering weeks no longer spent on the pilot. */
  engineeringWeeks?: number;
  /** Compute cost per month no longer spent, in `computeCurrency` (a plain label such as USD). */
  monthlyComputeCost?: number;
  computeCurrency?: string;
}

export type ReviewDecision =
  | { outcome: 'accelerate'; ownerAccountId: string; resourcingNote: string }
  | { outcome: 'pause'; rationale: string; resumptionDate: IsoDate; resumptionCondition: string }
  | ({ outcome: 'kill'; reason: string } & KillBudget);

export interface ReviewDecisionRecord {
  decision: ReviewDecision;
  decidedBy: string;
  decidedOn: IsoDate;
  /** The decider's display name when it was recorded. */
  decidedByName?: string;
  /** A kill: the score the pilot had when it was killed, kept as its score while the kill stands. */
  scoreAtKill?: number;
  /** A kill: the day the pilot was reopened (left the done category); the kill stands no more. */
  reopenedOn?: IsoDate;
}

/** What the production system must achieve, with its target (product.md §15; success-metrics.ts). */
export interface SuccessMetric {
  name: string;
  target: number;
  /** "%", "hours a week", "claims a day"; may be empty. */
  unit: string;
  /** The day the metric got its present name, target and unit. */
  definedOn: IsoDate;
}

/** The written requirements of a production spec (diagnostic question 4). */
export type ProductionSpecEntry = 'latency' | 'availability' | 'rollback' | 'monitoring';

export interface ProductionSpec {
  latency?: string;
  availability?: string;
  rollback?: string;
  monitoring?: string;
  /** The data sources the production system needs; each wants a data-access request (§15). */
  dataSources?: string[];
  /** What the system must achieve after go-live, defined before the demo (§15). */
  successMetrics?: SuccessMetric[];
}

/** A value review's verdict 90 days after go-live (product.md §15). */
export type ValueOutcome = 'delivering' | 'partly' | 'not-delivering';

/** One success metric as the value review measured it, with the target it had then. */
export interface MeasuredValue {
  metric: string;
  target: number;
  unit: string;
  measured: number;
}

/** A value review recorded by a decider (value-review.ts). */
export interface ValueReviewRecord {
  outcome: ValueOutcome;
  measured: MeasuredValue[];
  note: string;
  reviewedBy: string;
  reviewedByName?: string;
  reviewedOn: IsoDate;
}

/**
 * Where a pilot stands with its value review: `not-live` until production-go-live passes, `awaiting`
 * while the review is not yet due, `due` once go-live is more than 90 days past without one,
 * `reviewed` once one is recorded.
 */
export type ValueReviewStatus = 'not-live' | 'awaiting' | 'due' | 'reviewed';

export interface ValueReviewState {
  status: ValueReviewStatus;
  /** The day production-go-live first passed. */
  goLiveDate: IsoDate | null;
  /** The first day a value review may be recorded (go-live + 90 days). */
  opensOn: IsoDate | null;
  /** The latest review's outcome and day. */
  outcome: ValueOutcome | null;
  reviewedOn: IsoDate | null;
}

/** Everything the readiness computation needs about one pilot, already read from Jira and ServiceNow. */
export interface PilotSnapshot {
  id: string;
  key: string;
  summary: string;
  createdDate: IsoDate;
  kickoffDate: IsoDate | null;
  /** The pilot's Jira Due date: the production-deployment target when set. */
  dueDate: IsoDate | null;
  demoSignOffDate: IsoDate | null;
  productionOwnerAccountId: string | null;
  /** The pilot has an issue security level (Pilot.restricted); absent: it has none. */
  restricted?: boolean;
  milestoneOverrides: Record<string, IsoDate>;
  productionSpec: ProductionSpec;
  workstreams: WorkstreamIssue[];
  reviews: ReviewIssue[];
  dataAccess: DataAccessTicket[];
  waivers: Waiver[];
  decisions: ReviewDecisionRecord[];
  /**
   * Keys of the issues a kill closed (product.md §14): never done work or an approved review,
   * whatever resolution the workflow set, until someone reopens them.
   */
  closedByKill?: string[];
  /** The day production-go-live first passed, as the readiness history keeps it (absent: not known). */
  goLiveDate?: IsoDate | null;
  /** Value reviews recorded, oldest first (absent: none). */
  valueReviews?: ValueReviewRecord[];
}

export interface GateBlocker {
  /** What blocks: a workstream row, the data-access criterion or the reviews criterion. */
  criterion: WaivableCriterion;
  /** Issue keys that block (empty when the issue is missing altogether). */
  issueKeys: string[];
  detail: string;
  ownerTeam?: string;
  dueDate?: IsoDate | null;
  daysOverdue?: number;
}

export interface GateResult {
  milestone: string;
  passed: boolean;
  waived: boolean;
  blocking: GateBlocker[];
}

export interface DiagnosticAnswer {
  id: number;
  yes: boolean;
  evidence: string;
}

export interface DataAccessSummary {
  total: number;
  requested: number;
  inProgress: number;
  approved: number;
  rejected: number;
}

/** The `pilot-readiness` issue property (product.md §10). */
export interface ReadinessDocument {
  version: 1;
  score: number;
  band: Band;
  graduated: boolean;
  gates: GateResult[];
  diagnostic: { answers: DiagnosticAnswer[]; noCount: number };
  dataAccess: DataAccessSummary;
  daysSinceDemo: number | null;
  reviewRequired: boolean;
  /** The day the first data-access request was filed (§11's week-1 figure); null before any. */
  firstDataAccessRequest: IsoDate | null;
  /** Go-live and its value review (product.md §15). */
  valueReview: ValueReviewState;
  /** Past go-live + 90 days without a value review: flagged like a kill-list pilot. */
  valueReviewDue: boolean;
  templateVersion: number;
  computedAt: string;
}
