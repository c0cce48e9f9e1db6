import { receivePush, type PushRequest, type PushResponse } from '../services/servicenow';

/** The ServiceNow web trigger: a record the app filed changed on the customer's instance (signed push). */
export async function onServiceNowWebhook(request: PushRequest): Promise<PushResponse> {
  return receivePush(request, new Date());
}
