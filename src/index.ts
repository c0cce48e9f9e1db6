/**
 * The Forge entry points named in manifest.yml, and nothing else.
 * Each handler parses its input, calls one service and maps errors (see src/handlers).
 */
export { uiResolver } from './handlers/ui-resolver';
export { readinessLozenge } from './handlers/readiness-lozenge';
export { onIssueChanged, onIssueDeleted, onIssueLinkChanged } from './handlers/product-events';
export { onAppInstalled } from './handlers/app-installed';
export { onDailySchedule } from './handlers/daily-schedule';
export { onServiceNowWebhook } from './handlers/servicenow-webhook';
export { onServiceNowPoll } from './handlers/servicenow-poll';
export { onPilotWork } from './handlers/pilot-work';
