/**
 * The demo's ServiceNow part (sandbox.md "Starting states"): the app connected to the sandbox's
 * instance and the push enabled, as the two admins would do it (the Jira admin on the app's admin
 * page, the ServiceNow admin in sys_properties), and the pilot blocked on data access with a request
 * its project manager filed in ServiceNow from the panel, not started by the steward yet.
 */
import { DEFAULT_SERVICENOW_STATE_MAP } from '../../src/domain/states';
import { SANDBOX_USERS } from '../contracts';
import type { ServiceNowInstance } from '../servicenow/instance';

interface ServiceNowSeedTarget {
  runtime: {
    invokeResolver(input: {
      moduleKey: string;
      functionKey: string;
      payload?: unknown;
      accountId?: string;
      extension?: Record<string, unknown>;
    }): Promise<unknown>;
  };
  servicenow: ServiceNowInstance;
  jiraAs(accountId: string, method: string, path: string): Promise<{ status: number; json: unknown }>;
  idle(): Promise<void>;
}

type Answer<T> = { ok: true; data: T } | { ok: false; error: { message: string } };

export const DEMO_SERVICENOW_PILOT = 'Churn prediction for retail banking';

/** What the admin enters on the admin page for the sandbox's instance: Basic, table filing, default states. */
export function sandboxServiceNowSettings(instanceUrl: string) {
  return {
    instanceUrl,
    auth: { kind: 'basic' as const, username: 'pilot.pathway', password: 'sandbox-password' },
    filing: { mode: 'table' as const, table: 'sc_req_item' },
    stateMaps: { sc_req_item: { ...DEFAULT_SERVICENOW_STATE_MAP } },
  };
}

export async function seedServiceNow(
  target: ServiceNowSeedTarget,
  pilotKey: string | undefined,
): Promise<string[]> {
  const warnings: string[] = [];
  const admin = SANDBOX_USERS.admin.accountId;
  const call = async <T>(functionKey: string, payload: unknown, moduleKey = 'admin-page', extra = {}) => {
    const answer = (await target.runtime.invokeResolver({
      moduleKey,
      functionKey,
      payload,
      accountId: admin,
      extension: { type: 'jira:adminPage' },
      ...extra,
    })) as Answer<T>;
    await target.idle();
    if (!answer.ok) warnings.push(`${functionKey}: ${answer.error.message}`);
    return answer.ok ? answer.data : undefined;
  };
  await call('saveServiceNowSettings', sandboxServiceNowSettings(target.servicenow.instanceUrl));
  const push = await call<{ secret: string; view: { push: { url: string } } }>(
    'generateServiceNowPushSecret',
    {},
  );
  if (push) target.servicenow.setPush({ enabled: true, url: push.view.push.url, secret: push.secret });
  if (!pilotKey) return warnings;
  const pilot = (await target.jiraAs(admin, 'GET', `/rest/api/3/issue/${pilotKey}?fields=summary`)).json as {
    id?: string;
  };
  if (!pilot.id) return [...warnings, `${pilotKey} not found`];
  const pm = SANDBOX_USERS.projectManager.accountId;
  const filed = (await target.runtime.invokeResolver({
    moduleKey: 'readiness-panel',
    functionKey: 'requestDataAccess',
    accountId: pm,
    payload: {
      target: 'servicenow',
      dataSource: 'Customer transactions (core banking)',
      stewardAccountId: SANDBOX_USERS.pathwayEngineer.accountId,
      justification: 'Twelve months of transactions to train and validate the churn model',
    },
    extension: {
      type: 'jira:issuePanel',
      issue: { id: pilot.id, key: pilotKey, type: 'AI Pilot' },
      project: { id: '10000', key: 'AIP' },
    },
  })) as Answer<unknown>;
  await target.idle();
  if (!filed.ok) warnings.push(`filing in ServiceNow: ${filed.error.message}`);
  return warnings;
}
