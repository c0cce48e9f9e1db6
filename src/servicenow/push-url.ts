import { webTrigger } from '@forge/api';

/** The web trigger of manifest.yml that receives the push of ServiceNow's business rule. */
export const PUSH_WEB_TRIGGER = 'servicenow-webhook';

/** The address the business rule posts to: this installation's URL of the push web trigger. */
export function pushWebTriggerUrl(): Promise<string> {
  return webTrigger.getUrl(PUSH_WEB_TRIGGER);
}
