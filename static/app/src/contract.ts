/**
 * The panel's view of the backend contract: types, and the rules the domain defines that the panels
 * show (band words and thresholds, the score's scale, the diagnostic's questions, what a gate checks,
 * waiver expiry bounds). The only door from the panels to src/: no other UI file imports from there.
 */
export {
  AT_RISK_SCORE,
  BAND_LABELS,
  BANDS_BY_URGENCY,
  DIAGNOSTIC_QUESTIONS,
  KILL_CLOCK_DAYS,
  MAX_SCORE,
  PEOPLE_QUERY_MAX_LENGTH,
  PURGATORY_NO_COUNT,
  REVIEWS_ENGAGED_QUESTION,
  diagnosticQuestionText,
  gateCriteria,
  toCsv,
  waiverExpiryRange,
} from '../../../src/ui-contract';
export type {
  AuditEntryView,
  ConfigurationView,
  DataAccessRequestInput,
  GovernanceRights,
  OwnerQueueView,
  PortfolioRow,
  PortfolioView,
  ReviewDecisionInput,
  ReviewDecisionResult,
  TemplateChangePreview,
  DataAccessView,
  EpicPilotSummary,
  EpicView,
  PanelView,
  PersonOption,
  PilotView,
  ProductionSpecInput,
  ResolverCalls,
  ResolverError,
  ResolverResult,
  ServiceNowConnectionTest,
  ServiceNowPanelView,
  ServiceNowSettingsInput,
  ServiceNowSettingsView,
  SeedsScorecard,
  WaiverInput,
  WorkstreamView,
} from '../../../src/ui-contract';
export type {
  Band,
  DataAccessState,
  DiagnosticAnswer,
  GateBlocker,
  GateResult,
  IsoDate,
  OwnershipTemplate,
  ProductionSpec,
  ProductionSpecEntry,
  WaivableCriterion,
  Waiver,
} from '../../../src/domain/types';
export type { ClosureOutcome } from '../../../src/domain/closure';
export type { HistoryPoint, Trend } from '../../../src/domain/history';
export type { DiagnosticCount, FunnelStage, QueueEntry } from '../../../src/domain/portfolio';
