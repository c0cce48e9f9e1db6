/**
 * The pilot panel, the issue context and its lozenge (product.md §6, §11): views from stored state, an
 * epic's roll-up, and the panel's actions (production spec, data-access requests, retry generation).
 */
export { issueLozenge, UNAVAILABLE, type Lozenge } from './lozenge';
export { requestDataAccess } from './data-access-request';
export {
  epicRollUpOf,
  openPilot,
  panelFor,
  recomputedView,
  shownPilotOf,
  type PanelRequest,
} from './pilot-panel';
export { saveProductionSpec } from './production-spec';
export { saveMilestoneDates } from './milestone-dates';
export { restoreMissingWork, retryGeneration } from './retry-generation';
