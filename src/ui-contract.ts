/**
 * What the Custom UI asks the `ui-resolver` function and what it gets back. Shared by the resolver
 * (src/handlers/ui-resolver.ts) and the panels (static/app), which take every rule they show from
 * here: the types, and the few domain values and functions below (small and free of zod, so the
 * browser bundle stays small). The panels copy no rule of their own (static/app/src/rules.test.ts).
 */
import type { ClosureOutcome } from './domain/closure';
import type { FunnelOutcomes } from './domain/funnel-outcomes';
import type { HistoryPoint, Trend } from './domain/history';
import type { DiagnosticCount, FunnelStage, QueueEntry } from './domain/portfolio';
import type { ReminderKind } from './domain/reminders';
import type { SeedsScorecard } from './domain/seeds-scorecard';
import type { TemplateApplyProgress } from './domain/template-apply';

export type { ReminderKind };
import type {
  ActiveBand,
  Band,
  DataAccessState,
  SuccessMetric,
  ValueOutcome,
  ValueReviewRecord,
  ValueReviewState,
  GateResult,
  IsoDate,
  OwnershipTemplate,
  ProductionSpec,
  ReadinessDocument,
  ReviewDecision,
  ReviewState,
  WaivableCriterion,
  Waiver,
  WorkstreamState,
} from './domain/types';

/** The band words and the thresholds that decide a band, defined once in the domain. */
export {
  ACCELERATE_CLOCK_DAYS,
  AT_RISK_SCORE,
  BAND_LABELS,
  BANDS_BY_URGENCY,
  KILLED_BAND,
  KILL_CLOCK_DAYS,
  PURGATORY_NO_COUNT,
} from './domain/bands';
/** The score's scale (0 to MAX_SCORE; the template's weights add up to it). */
export { MAX_SCORE } from './domain/score-scale';
/** The diagnostic's questions, in the domain's words. */
export {
  DIAGNOSTIC_QUESTIONS,
  REVIEWS_ENGAGED_QUESTION,
  diagnosticQuestionText,
} from './domain/diagnostic-questions';
/** The seeds' scorecard: the yes count and the next step it implies (product.md §15). */
export type { SeedsScorecard } from './domain/seeds-scorecard';
/** The funnel past the gates: live, reviewed, delivering value, week-1 data access (product.md §11, §15). */
export type { FunnelOutcomes } from './domain/funnel-outcomes';
/** The value review's outcomes and their words, and the days after go-live it is due (product.md §15). */
export { VALUE_OUTCOMES, VALUE_OUTCOME_LABELS, VALUE_REVIEW_DAYS } from './domain/value-review';
/** The gadget's setting for every project the viewer may browse. */
export { ALL_PROJECTS } from './domain/gadget-settings';
/** Week 1 of a pilot, in days: the week-1 data-access figure counts requests filed in it. */
export { WEEK_ONE_DAYS } from './domain/funnel-outcomes';
/** What each gate checks, and so what a waiver on it may waive. */
export { gateCriteria } from './domain/gate-criteria';
/** The earliest and latest expiry of a waiver granted on a day. */
export { waiverExpiryRange } from './domain/waiver-expiry';
/** What a waiver's reason must be (a sentence, within bounds). */
export {
  MAX_WAIVER_REASON_LENGTH,
  MIN_WAIVER_REASON_LENGTH,
  MIN_WAIVER_REASON_WORDS,
} from './domain/waiver-rules';
/** The bounds of a kill's budget. */
export { MAX_ENGINEERING_WEEKS, MAX_MONTHLY_COMPUTE_COST } from './domain/kill-budget';
/** The longest people search the server accepts. */
export { PEOPLE_QUERY_MAX_LENGTH } from './domain/people-search';
/** The portfolio's CSV export, written as the domain writes CSV. */
export { toCsv } from './domain/csv';

/** Every resolver answer: data, or an error in plain words the panel shows as it is. */
export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

export interface ResolverError {
  code:
    | 'no-permission'
    | 'not-found'
    | 'not-a-pilot'
    | 'not-generated'
    | 'invalid-input'
    | 'servicenow-unreachable'
    | 'rate-limited'
    /** Someone else saved meanwhile: the page must reload before saving again (product.md §14). */
    | 'changed-meanwhile'
    | 'internal';
  /** A sentence for the user, e.g. "You don't have permission to see AIP-4." */
  message: string;
  /** Field-level messages for forms (field name → message). */
  fieldErrors?: Record<string, string>;
  /** For servicenow-unreachable: since when (ISO timestamp). */
  since?: string;
}

export interface WorkstreamView {
  row: string;
  workstream: string;
  ownerTeam: string;
  milestone: string;
  /** Null when the sub-task is missing (generation problem). */
  key: string | null;
  state: WorkstreamState | null;
  assigneeAccountId: string | null;
  dueDate: IsoDate | null;
  daysOverdue: number;
}

export interface ReviewView {
  kind: string;
  key: string | null;
  state: ReviewState | null;
}

export interface DataAccessView {
  source: 'jira' | 'servicenow';
  key: string;
  state: DataAccessState;
  openedDate: IsoDate | null;
  ageDays: number | null;
  url: string | null;
  /** A ServiceNow state the mapping does not know: shown as "unknown (<value>)", counted as requested. */
  unknownState?: string;
  /** ServiceNow: when the app last learned this state (ISO). */
  asOf?: string;
}

export interface PilotView {
  kind: 'pilot';
  id: string;
  key: string;
  summary: string;
  readiness: ReadinessDocument;
  /** One sentence saying what the band means for this pilot. */
  bandMeaning: string;
  /** The seeds' reading of the diagnostic: "N of 7 yes" and the next step (product.md §15). */
  scorecard: SeedsScorecard;
  gates: GateResult[];
  workstreams: WorkstreamView[];
  reviews: ReviewView[];
  dataAccess: DataAccessView[];
  productionSpec: ProductionSpec;
  /** The spec's data sources, each with whether a data-access request names it (product.md §15). */
  dataSources: Array<{ name: string; requested: boolean }>;
  /** Names of the success metrics defined after the demo (§15): recorded, with a warning. */
  metricsDefinedAfterDemo: string[];
  waivers: WaiverView[];
  demoDate: IsoDate | null;
  /** Problems generation could not solve on its own (missing sub-tasks or reviews, and why). */
  generationProblems: string[];
  /**
   * Template rows and review kinds the pilot has no issue for (deleted, or never created): each counts
   * as missing (0) until restored (`restoreMissingWork`). Empty lists in the compact view.
   */
  missing: { workstreams: string[]; reviews: string[] };
  generated: boolean;
  milestones: Array<{ key: string; name: string; target: IsoDate }>;
  /** The pilot's own milestone targets (`pilot-milestones`), by milestone; others follow their week. */
  milestoneOverrides: Record<string, IsoDate>;
  /** Dates on the pilot a person has to fix, naming the field (product.md §2). */
  dateWarnings: Array<{ field: string; message: string }>;
  /** The viewer may grant and revoke waivers (a decider: a Jira admin or a review board member). */
  canWaive: boolean;
  today: IsoDate;
  /** ServiceNow: whether requests can be filed there, links that earn nothing and why, sync trouble. */
  serviceNow?: ServiceNowPanelView;
  /** The full panel only: score and band changes, oldest first (bounded). */
  history?: HistoryPoint[];
  /** The full panel only: the score's last change and recent scores. */
  trend?: Trend;
  /** The full panel only: the pilot's audit log, newest first. */
  audit?: AuditEntryView[];
  /** The viewer may record a kill-list decision (a decider). */
  canDecide?: boolean;
  /** Who decides, shown in place of the forms to someone who does not ("Deciders: Jira admins and …"). */
  deciders?: string;
  /** The full panel only: the decision the kill clock shows (the one that stands, or one that lapsed). */
  killClock?: KillClockView;
  /** The kill that stands, if the pilot is killed (its score is the one at the kill). */
  kill?: KillView | null;
  /** Keys of the issues the kill closed: shown as closed by the kill, counted as not done. */
  closedByKill?: string[];
  /**
   * Whether the viewer may waive or decide is not known without asking Jira (a view asks it nothing):
   * the panel offers the forms and asks `checkGovernanceRights` when one is opened.
   */
  checkRights?: boolean;
  /** After a kill: what was closed and what someone must close by hand. */
  closure?: ClosureOutcome | null;
  /** Go-live and the value review (product.md §15); the latest review as recorded. */
  valueReview?: { state: ValueReviewState; latest: ValueReviewRecord | null };
}

/** A waiver in force, with the decider who granted it by name. */
export interface WaiverView extends Waiver {
  grantedByName: string;
}

/** A kill-list decision as the kill clock shows it. */
export interface DecisionView {
  outcome: ReviewDecision['outcome'];
  /** The decision in words (owner by name, dates, budget). */
  summary: string;
  decidedOn: IsoDate;
  decidedBy: string;
  /** The day it stops holding and the pilot is back on the kill list if undecided; null for a kill. */
  lapsesOn: IsoDate | null;
}

export interface KillClockView {
  standing: DecisionView | null;
  /** The last decision since the demo when it has lapsed: the pilot is back on the kill list since then. */
  lapsed: DecisionView | null;
}

export interface KillView {
  decidedOn: IsoDate;
  decidedBy: string;
  reason: string;
  /** The score the pilot had when it was killed (its score while the kill stands). */
  scoreAtKill: number | null;
  /** The budget the kill freed, in words; null when none was given. */
  budgetFreed: string | null;
}

export interface ServiceNowPanelView {
  connected: boolean;
  /** The first few look-alike links (anyone can add links; these earn nothing) and how many more. */
  ignoredLinks: Array<{ title: string; url: string; reason: string }>;
  moreIgnoredLinks: number;
  /** Requests superseded by a newer one of the same data source: shown, never counted. */
  history: DataAccessView[];
  /** Set while the poll cannot reach ServiceNow (ISO): states shown are the last known ones. */
  failingSince: string | null;
}

/** One line of a pilot's audit log as the panel shows it: who, when, what. */
export interface AuditEntryView {
  at: string;
  actor: string;
  action: string;
  summary: string;
}

export interface EpicPilotSummary {
  key: string;
  summary: string;
  score: number | null;
  band: Band | null;
  firstBlockingGate: string | null;
  reviewRequired: boolean;
  daysSinceDemo: number | null;
}

/** An epic's roll-up: only the pilots the viewer may browse, the others left out without a count. */
export interface EpicView {
  kind: 'epic';
  key: string;
  /** The epic's pilots under way (killed ones are listed apart). */
  pilots: EpicPilotSummary[];
  /** Killed pilots, listed apart and left out of the means, band counts, gates and kill list. */
  killed: EpicPilotSummary[];
  countByBand: Record<ActiveBand, number>;
  /** Pilots without a stored readiness yet. */
  notComputed: number;
  meanScore: number | null;
  lowest: { key: string; score: number } | null;
  /** The template's milestones, in order, with their names. */
  milestones: Array<{ key: string; name: string }>;
  blockedByGate: Array<{ milestone: string; pilots: string[] }>;
  killList: string[];
}

export type PanelView = PilotView | EpicView;

/** An edit of the production spec: the app dates each success metric itself. */
export type ProductionSpecInput = Omit<ProductionSpec, 'successMetrics'> & {
  /** `target` null when the field was left empty (refused with the metric's position). */
  successMetrics?: Array<{ name: string; target: number | null; unit: string }>;
};

export interface DataAccessRequestInput {
  target: 'jira' | 'servicenow';
  dataSource: string;
  stewardAccountId: string;
  justification: string;
}

/** A person a people picker offers (GET /rest/api/3/user/search, as the viewer). */
export interface PersonOption {
  accountId: string;
  displayName: string;
  /** False for a deactivated account: shown, but not choosable. */
  active: boolean;
}

export interface WaiverInput {
  milestone: string;
  criterion: WaivableCriterion;
  reason: string;
  expires: IsoDate;
}

/** One pilot of the portfolio table, from its stored readiness and history (nothing recomputed). */
export interface PortfolioRow {
  id: string;
  key: string;
  summary: string;
  score: number | null;
  band: Band | null;
  firstBlockingGate: string | null;
  daysSinceDemo: number | null;
  reviewRequired: boolean;
  productionOwner: string | null;
  trend: Trend;
  /** Killed: the day of the kill (its score is the one at the kill); null for a pilot under way. */
  killedOn: IsoDate | null;
  /** The seeds' reading of the diagnostic; null before the pilot's first computation. */
  scorecard: SeedsScorecard | null;
  /** Go-live and the value review; null before the pilot's first computation. */
  valueReview: ValueReviewState | null;
  /** Past go-live + 90 days without a value review (flagged like the kill list). */
  valueReviewDue: boolean;
}

/** What kills freed across a project's killed pilots (product.md §15 "Budget recovered"). */
export interface BudgetFreed {
  killedPilots: number;
  engineeringWeeks: number;
  /** Monthly compute cost freed, per currency label as the deciders typed it. */
  monthlyCompute: Array<{ currency: string; amount: number }>;
}

/** A live pilot whose value review is open on the portfolio, with the metrics to measure. */
export interface ValueReviewDueView {
  key: string;
  summary: string;
  goLiveDate: IsoDate;
  opensOn: IsoDate;
  /** Past go-live + 90 days (flagged); false while the review is open but not yet overdue. */
  overdue: boolean;
  successMetrics: SuccessMetric[];
}

/** What the portfolio shows of some pilots: one project's, or every browsable project's. */
export interface PortfolioContent {
  rows: PortfolioRow[];
  /** Pilots without a stored readiness yet. */
  notComputed: number;
  /** Computed pilots per band, most urgent first (a killed pilot is in none). */
  countByBand: Array<{ band: Band; pilots: number }>;
  milestones: Array<{ key: string; name: string }>;
  /** What the project's kills freed. */
  budgetFreed: BudgetFreed;
  /** How many pilots answer *no* to each diagnostic question. */
  diagnostic: DiagnosticCount[];
  funnel: FunnelStage[];
  /** Past the gates: delivering value and the week-1 data-access figure. */
  outcomes: FunnelOutcomes;
  /** Live pilots whose value review is open (due or overdue), oldest go-live first. */
  valueReviews: ValueReviewDueView[];
  today: IsoDate;
}

/** What a page that lists many projects shows of some pilots: no table, the kill list picked out. */
export interface PortfolioSummary extends Omit<PortfolioContent, 'rows'> {
  /** Pilots counted, computed or not. */
  pilots: number;
  killList: Array<{ key: string; summary: string; daysSinceDemo: number | null }>;
}

/** A pilot project you may browse, named as Jira names it. */
export interface ProjectRef {
  key: string;
  name: string;
}

/** One project's portfolio on the global page. */
export interface ProjectPortfolio extends PortfolioContent {
  project: ProjectRef;
}

/** The global page (product.md §15): the portfolio of every pilot project the viewer may browse. */
export interface GlobalPortfolioView {
  projects: ProjectPortfolio[];
  /** Every one of them together. */
  all: PortfolioSummary;
  today: IsoDate;
}

/** The dashboard gadget: its project's (or every browsable project's) band counts, kill list and funnel. */
export interface GadgetView {
  /** The project the gadget is set to, or null for every project the viewer may browse. */
  project: ProjectRef | null;
  /** The projects counted, for their links. */
  projects: ProjectRef[];
  summary: PortfolioSummary;
}

export interface PortfolioView extends PortfolioContent {
  projectKey: string;
  /** Owner teams of the template, for the queues. */
  teams: string[];
  today: IsoDate;
  /** The viewer decides (a Jira admin or a review board member): the decision form is theirs. */
  viewerMayDecide: boolean;
  /** Who decides, shown instead of the form to someone who does not. */
  deciders: string;
  viewerAccountId: string;
}

export interface OwnerQueueView {
  team: string;
  entries: QueueEntry[];
  /** Continues the queue's search for more entries. */
  nextPageToken: string | null;
}

export interface ReviewDecisionInput {
  /** Only on the portfolio page (a project page has no issue): the pilot decided on. */
  pilotKey?: string;
  decision: Partial<ReviewDecision> & { outcome?: string };
}

export interface ReviewDecisionResult {
  key: string;
  summary: string;
  readiness: ReadinessDocument;
  closure: ClosureOutcome | null;
}

/** A value review from the portfolio: the pilot (of the page's project) and the review. */
export interface ValueReviewInput {
  pilotKey: string;
  review: {
    outcome?: ValueOutcome | '';
    /** `value` null when left empty (refused, naming the metric). */
    measured: Array<{ metric: string; value: number | null }>;
    note: string;
  };
}

export interface ValueReviewResult {
  key: string;
  summary: string;
  readiness: ReadinessDocument;
  review: ValueReviewRecord;
}

/** What the viewer may do on a pilot (product.md §14: deciders waive and decide). */
export interface GovernanceRights {
  canWaive: boolean;
  canDecide: boolean;
  /** Who decides, for someone who does not. */
  deciders: string;
}

/** A Jira group the review board picker offers. */
export interface GroupOption {
  groupId: string;
  name: string;
}

/** Resolver function keys and their payloads (the issue comes from the Forge context, never the payload). */

export interface ResolverCalls extends ServiceNowAdminCalls {
  /** `compact`: the issue context's view, from stored readiness (lists left empty). */
  getPanel: { payload: { compact?: boolean }; result: PanelView };
  saveProductionSpec: { payload: ProductionSpecInput; result: PilotView };
  requestDataAccess: { payload: DataAccessRequestInput; result: { key: string; view: PilotView } };
  grantWaiver: { payload: WaiverInput; result: PilotView };
  revokeWaiver: { payload: { waiverId: string }; result: PilotView };
  retryGeneration: { payload: Record<string, never>; result: PilotView };
  /**
   * Lays out again the workstreams and reviews the pilot is missing (deleted in Jira), through
   * generation: nothing existing is created twice. For a decider or anyone who may edit the pilot.
   */
  restoreMissingWork: { payload: Record<string, never>; result: PilotView };
  /**
   * The pilot's milestone target overrides (`pilot-milestones`): a date per milestone, null to go back
   * to its week. For anyone who may edit the pilot; a milestone before the one it follows is refused.
   */
  saveMilestoneDates: { payload: { overrides: Record<string, IsoDate | null> }; result: PilotView };
  /** Asked when the viewer opens the waiver or decision form and `checkRights` is set. */
  checkGovernanceRights: { payload: Record<string, never>; result: GovernanceRights };
  /** Up to 10 people whose name starts with the query (1–100 characters), deactivated people last. */
  findPeople: { payload: { query: string }; result: PersonOption[] };
  getPortfolio: { payload: Record<string, never>; result: PortfolioView };
  getOwnerQueue: { payload: { team: string; nextPageToken?: string }; result: OwnerQueueView };
  /** The global page: every pilot project the viewer may browse (1 Jira call, then stored entries). */
  getGlobalPortfolio: { payload: Record<string, never>; result: GlobalPortfolioView };
  /** The dashboard gadget, for the project its setting names (from the Forge context, never the payload). */
  getGadget: { payload: Record<string, never>; result: GadgetView };
  /** The pilot projects the viewer may browse, for the gadget's edit view (1 Jira call). */
  getPilotProjects: { payload: Record<string, never>; result: ProjectRef[] };
  decideReview: { payload: ReviewDecisionInput; result: ReviewDecisionResult };
  /** A decider's value review of a live pilot, from the portfolio (product.md §15). */
  recordValueReview: { payload: ValueReviewInput; result: ValueReviewResult };
  getConfiguration: { payload: Record<string, never>; result: ConfigurationView };
  /**
   * `revision`: the configuration's revision the page loaded; a save against an older one is refused
   * with `changed-meanwhile`. `reviewBoardGroupId` null: no review board (admins only decide).
   */
  saveConfiguration: {
    payload: {
      revision: number;
      pilotProjects?: string[];
      ownerAssignees?: Record<string, string | null>;
      reviewBoardGroupId?: string | null;
    };
    result: ConfigurationView;
  };
  /** Groups whose name contains the query (1–100 characters), for the review board picker. */
  findGroups: { payload: { query: string }; result: GroupOption[] };
  previewTemplateChange: { payload: { template: OwnershipTemplate }; result: TemplateChangePreview };
  applyTemplateChange: {
    payload: { template: OwnershipTemplate; confirmation: string; revision: number };
    result: { version: number; pilotsQueued: number };
  };
  repairInstallation: { payload: Record<string, never>; result: ConfigurationView };
  /** Which reminder kinds go out (product.md §15); admins only. */
  getReminderSettings: { payload: Record<string, never>; result: ReminderSettingsView };
  /** Switches the kinds named, keeps the others. */
  saveReminderSettings: {
    payload: { switches: Partial<Record<ReminderKind, boolean>> };
    result: ReminderSettingsView;
  };
}

export interface ReminderSettingsView {
  kinds: Array<{ kind: ReminderKind; label: string; on: boolean }>;
}

/** The admin page's data: the settings and what the install did on each pilot project. */
export interface ConfigurationView {
  /** The revision a save from this page must still find (product.md §14 "No lost updates"). */
  revision: number;
  /** The latest template apply: how many of its pilots' re-syncs are queued; null: none yet. */
  templateApply: TemplateApplyProgress | null;
  config: {
    template: OwnershipTemplate;
    ownerAssignees: Record<string, string>;
    pilotProjects: string[];
    /** The review board group whose members decide with the Jira admins; null: admins only. */
    reviewBoard: GroupOption | null;
  };
  provisioning: {
    projects: Record<
      string,
      { style: 'company-managed' | 'team-managed'; aiPilotAvailable: boolean; instructions: string[] }
    >;
    provisionedAt: string;
  };
  /** Display names of the people the owner mappings name. */
  people: PersonOption[];
}

export interface TemplateChangePreview {
  fromVersion: number;
  toVersion: number;
  /** The configuration's revision the preview read: the apply must still find it. */
  revision: number;
  /** Active pilots (not killed, not in the done category): the only ones a template change touches. */
  pilots: number;
  pilotsChanged: number;
  workstreamsToAdd: number;
  reviewsToAdd: number;
  dueDatesToMove: number;
  summary: string;
  confirmation: string;
  /** Every active pilot the change would change, by key, with what changes, before anything is written. */
  changes: PilotTemplateChange[];
  /** Pilots left alone: killed ones and those whose status is in the done category. */
  skipped: { killed: string[]; closed: string[] };
}

/** What a template change would do to one pilot. */
export interface PilotTemplateChange {
  key: string;
  summary: string;
  /** Workstream sub-tasks to create, by their summary. */
  workstreamsToAdd: string[];
  /** Review tickets to create, by kind. */
  reviewsToAdd: string[];
  dueDatesToMove: Array<{ key: string; from: IsoDate | null; to: IsoDate }>;
}

// ---------------------------------------------------------------- ServiceNow (admin page section)

export type ServiceNowFilingView =
  | { mode: 'table'; table: string }
  | {
      mode: 'catalog';
      catalogItemSysId: string;
      variables: { dataSource: string; steward: string; justification: string };
    };

/** The connection as the admin page sees it: never a secret, only whether each one is set. */
export interface ServiceNowSettingsView {
  connection: {
    instanceUrl: string;
    auth: { kind: 'basic'; username: string } | { kind: 'oauth'; clientId: string };
    filing: ServiceNowFilingView;
    stateMaps: Record<string, Record<string, DataAccessState>>;
    updatedAt: string;
  } | null;
  secrets: { password: boolean; clientSecret: boolean; pushSecretSetAt: string | null };
  /** Where ServiceNow pushes, the steps to set it up, and the business rule's script to paste there. */
  push: { url: string; steps: string[]; script: string };
  sync: { lastSuccessAt: string | null; failingSince: string | null; lastError: string | null };
  defaults: { table: string; stateMap: Record<string, DataAccessState> };
}

/** Saving the connection; a secret left out (or empty) keeps the stored one. */
export interface ServiceNowSettingsInput {
  instanceUrl: string;
  auth:
    | { kind: 'basic'; username: string; password?: string }
    | { kind: 'oauth'; clientId: string; clientSecret?: string };
  filing: ServiceNowFilingView;
  stateMaps: Record<string, Record<string, DataAccessState>>;
}

export interface ServiceNowConnectionCheck {
  /** What was checked: "Address", "Sign-in", "Table sc_req_item", "Catalog item". */
  name: string;
  ok: boolean;
  message: string;
}

export interface ServiceNowConnectionTest {
  ok: boolean;
  checks: ServiceNowConnectionCheck[];
}

export interface ServiceNowAdminCalls {
  getServiceNowSettings: { payload: Record<string, never>; result: ServiceNowSettingsView };
  saveServiceNowSettings: { payload: ServiceNowSettingsInput; result: ServiceNowSettingsView };
  /** Tests the values typed on the page (a secret left out: the saved one, only for its own host). */
  testServiceNowConnection: {
    payload: ServiceNowSettingsInput | Record<string, never>;
    result: ServiceNowConnectionTest;
  };
  /** A new shared secret, shown once to paste into ServiceNow; the old one stops working. */
  generateServiceNowPushSecret: {
    payload: Record<string, never>;
    result: { secret: string; view: ServiceNowSettingsView };
  };
}
