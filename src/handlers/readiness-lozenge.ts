import { issueLozenge, UNAVAILABLE } from '../services/panel';

type IssueRef = { id?: string | number; key?: string };
/** What Forge documents for a dynamicProperties function: the module's extension context alone. */
interface DynamicPropertiesRequest {
  extension?: { issue?: IssueRef };
}

/** The issue context's dynamic properties: its collapsed lozenge (see services/panel/lozenge.ts). */
export async function readinessLozenge(request: DynamicPropertiesRequest = {}) {
  const ref = request.extension?.issue;
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
