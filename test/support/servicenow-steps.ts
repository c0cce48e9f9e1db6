/**
 * ServiceNow steps shared by the integration, browser and benchmark code: connect the app to the
 * sandbox's instance through the admin resolvers (as a Jira admin would), enable the push as a
 * ServiceNow admin would (sys_properties), file from the panel resolvers, inject faults.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { handleControl } from '../../sandbox/control';
import type { Sandbox } from '../../sandbox/server';
import type { ServiceNowFault } from '../../sandbox/servicenow/instance';
import type { ResolverResult, ServiceNowSettingsInput, ServiceNowSettingsView } from '../../src/ui-contract';

export const SN_PASSWORD = 'sandbox-password';

export function defaultSettings(sandbox: Sandbox): ServiceNowSettingsInput {
  return {
    instanceUrl: sandbox.servicenow.instanceUrl,
    auth: { kind: 'basic', username: 'pilot.pathway', password: SN_PASSWORD },
    filing: { mode: 'table', table: 'sc_req_item' },
    stateMaps: {
      sc_req_item: {
        '-5': 'requested',
        '1': 'requested',
        '2': 'in-progress',
        '3': 'approved',
        '4': 'rejected',
        '7': 'rejected',
      },
    },
  };
}

export async function adminCall<T>(
  sandbox: Sandbox,
  functionKey: string,
  payload: unknown = {},
  accountId: string = SANDBOX_USERS.admin.accountId,
): Promise<ResolverResult<T>> {
  const result = (await sandbox.runtime.invokeResolver({
    moduleKey: 'admin-page',
    functionKey,
    payload,
    accountId,
    extension: { type: 'jira:adminPage' },
  } as Parameters<Sandbox['runtime']['invokeResolver']>[0])) as ResolverResult<T>;
  await sandbox.idle();
  return result;
}

export async function panelCall<T>(
  sandbox: Sandbox,
  issue: { id: string; key: string },
  functionKey: string,
  payload: unknown = {},
  accountId: string = SANDBOX_USERS.projectManager.accountId,
): Promise<ResolverResult<T>> {
  const result = (await sandbox.runtime.invokeResolver({
    moduleKey: 'readiness-panel',
    functionKey,
    payload,
    accountId,
    extension: {
      type: 'jira:issuePanel',
      issue: { id: issue.id, key: issue.key, type: 'AI Pilot' },
      project: { id: '10000', key: 'AIP' },
    },
  } as Parameters<Sandbox['runtime']['invokeResolver']>[0])) as ResolverResult<T>;
  await sandbox.idle();
  return result;
}

export function data<T>(result: ResolverResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** Connects the app to the sandbox's ServiceNow through the admin resolver. */
export async function connectServiceNow(
  sandbox: Sandbox,
  overrides: Partial<ServiceNowSettingsInput> = {},
): Promise<ServiceNowSettingsView> {
  return data(
    await adminCall<ServiceNowSettingsView>(sandbox, 'saveServiceNowSettings', {
      ...defaultSettings(sandbox),
      ...overrides,
    }),
  );
}

/** Generates the push secret in the app and sets it, with the web trigger URL, in ServiceNow's sys_properties. */
export async function enablePush(sandbox: Sandbox): Promise<string> {
  const { secret, view } = data(
    await adminCall<{ secret: string; view: ServiceNowSettingsView }>(
      sandbox,
      'generateServiceNowPushSecret',
    ),
  );
  sandbox.servicenow.setPush({ enabled: true, url: view.push.url, secret });
  return secret;
}

export const FILING = {
  target: 'servicenow',
  dataSource: 'Claims warehouse',
  stewardAccountId: SANDBOX_USERS.pathwayEngineer.accountId,
  justification: 'Training data for the triage model',
} as const;

export async function injectServiceNowFault(sandbox: Sandbox, rule: ServiceNowFault): Promise<void> {
  const reply = await handleControl(sandbox, 'POST', '/__sandbox/faults', { target: 'servicenow', ...rule });
  if (reply.status !== 200) throw new Error(JSON.stringify(reply.body));
}

export async function clearServiceNowFaults(sandbox: Sandbox): Promise<void> {
  await handleControl(sandbox, 'POST', '/__sandbox/faults', { clear: true, target: 'servicenow' });
}

/** A ServiceNow user (the data steward) changes a record; the configured push fires when enabled. */
export async function stewardChanges(
  sandbox: Sandbox,
  sysId: string,
  fields: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const reply = await handleControl(sandbox, 'POST', `/__sandbox/servicenow/records/sc_req_item/${sysId}`, {
    fields,
  });
  await sandbox.idle();
  return reply;
}

export async function runPoll(sandbox: Sandbox): Promise<Record<string, unknown>> {
  const result = (await sandbox.runtime.runScheduled('servicenow-poll-trigger')) as Record<string, unknown>;
  await sandbox.idle();
  return result;
}
