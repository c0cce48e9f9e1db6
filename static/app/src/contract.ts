/**
 * The panel's view of the backend contract: types, and the band words and thresholds the domain
 * defines (the only values from src/ in the bundle, a few constants).
 */
export {
  AT_RISK_SCORE,
  BAND_LABELS,
  BANDS_BY_URGENCY,
  KILL_CLOCK_DAYS,
  PURGATORY_NO_COUNT,
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
  ResolverCalls,
  ResolverError,
  ResolverResult,
  ServiceNowConnectionTest,
  ServiceNowPanelView,
  ServiceNowSettingsInput,
  ServiceNowSettingsView,
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
  WaivableCriterion,
  Waiver,
} from '../../../src/domain/types';
export type { ClosureOutcome } from '../../../src/domain/closure';
export type { HistoryPoint, Trend } from '../../../src/domain/history';
export type { DiagnosticCount, FunnelStage, QueueEntry } from '../../../src/domain/portfolio';
