/**
 * The panel's view of the backend contract. Type-only re-exports: nothing from src/ reaches the bundle.
 */
export type {
  DataAccessRequestInput,
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
  ProductionSpec,
  WaivableCriterion,
  Waiver,
} from '../../../src/domain/types';
