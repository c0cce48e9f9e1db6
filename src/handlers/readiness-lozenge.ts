import { issueLozenge, UNAVAILABLE } from '../services/panel';

type IssueRef = { id?: string | number; key?: string };
interface DynamicPropertiesRequest {
  extension?: { issue?: IssueRef };
  context?: { extension?: { issue?: IssueRef } };
}

/** The issue context's dynamic properties: its collapsed lozenge (see services/panel/lozenge.ts). */
export async function readinessLozenge(request: DynamicPropertiesRequest = {}) {
  const ref = request.extension?.issue ?? request.context?.extension?.issue;
  const issueIdOrKey = ref?.id ?? ref?.key;
  let value;
  try {
    value = await issueLozenge(issueIdOrKey === undefined ? undefined : String(issueIdOrKey));
  } catch (error) {
    console.warn(`issue context lozenge of ${issueIdOrKey} unavailable`, error);
    value = UNAVAILABLE;
  }
  return { status: { type: 'lozenge' as const, value } };
}
