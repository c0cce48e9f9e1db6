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
