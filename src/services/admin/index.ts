/**
 * The admin page's Jira side, each call checking on the server that the caller administers Jira: the
 * settings (pilot projects, owner mappings), "Repair installation", and template changes previewed,
 * applied and re-synced on every pilot through the queue; which reminder kinds go out.
 */
export {
  findReviewBoardGroups,
  getConfiguration,
  repairInstallation,
  saveConfiguration,
} from './configuration';
export { applyTemplateChange, previewTemplateChange, resyncPilot } from './template-change';
export { queueResyncPage } from './template-apply';
export { getReminderSettings, saveReminderSettings } from './reminder-settings';
