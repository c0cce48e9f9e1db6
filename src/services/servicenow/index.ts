/**
 * ServiceNow (product.md §12): filing a data-access request, the sync back (the poll and the signed
 * push), the pilot's remote link to each record, and the admin page's connection settings.
 */
export { fileServiceNowRequest } from './filing';
export { receivePush, type PushRequest, type PushResponse } from './push';
export {
  generateServiceNowPushSecret,
  getServiceNowSettings,
  saveServiceNowSettings,
  testServiceNowConnection,
} from './settings';
export { pollServiceNow, type PollOutcome } from './sync';
