import { pollServiceNow, type PollOutcome } from '../services/servicenow';

/** Every 5 minutes: the ServiceNow records the app filed that changed since the last run. */
export async function onServiceNowPoll(): Promise<PollOutcome> {
  const outcome = await pollServiceNow(new Date());
  if (outcome.status === 'failed')
    console.warn(`ServiceNow poll failed; it resumes next run: ${outcome.error}`);
  return outcome;
}
