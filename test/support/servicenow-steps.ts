/**
 * ServiceNow steps shared by the integration, browser and benchmark code: connect the app to the
 * sandbox's instance through the admin resolvers (as a Jira admin would), enable the push as a
 * ServiceNow admin would (sys_properties), file from the panel resolvers, inject faults.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { handleControl } from '../../sandbox/control';
import type { Sandbox } from '../../sandbox/server';
import { sandboxServiceNowSettings } from '../../sandbox/seed/servicenow';
import type { FaultRule } from '../../sandbox/faults';
import type { FiledRecord } from '../../src/storage/servicenow';
import type { ResolverResult, ServiceNowSettingsInput, ServiceNowSettingsView } from '../../src/ui-contract';

export function defaultSettings(sandbox: Sandbox): ServiceNowSettingsInput {
  return sandboxServiceNowSettings(sandbox.servicenow.instanceUrl);
}

/** A resolver call as the Custom UI bridge makes it, then the sandbox idle. */
async function invoke<T>(
  sandbox: Sandbox,
  moduleKey: string,
  extension: Record<string, unknown>,
  functionKey: string,
  payload: unknown,
  accountId: string,
): Promise<ResolverResult<T>> {
  const result = (await sandbox.runtime.invokeResolver({
    moduleKey,
    functionKey,
    payload,
    accountId,
    extension,
  } as Parameters<Sandbox['runtime']['invokeResolver']>[0])) as ResolverResult<T>;
  await sandbox.idle();
  return result;
}

export function adminCall<T>(
  sandbox: Sandbox,
  functionKey: string,
  payload: unknown = {},
  accountId: string = SANDBOX_USERS.admin.accountId,
): Promise<ResolverResult<T>> {
  return invoke(sandbox, 'admin-page', { type: 'jira:adminPage' }, functionKey, payload, accountId);
}

export function panelCall<T>(
  sandbox: Sandbox,
  issue: { id: string; key: string },
  functionKey: string,
  payload: unknown = {},
  accountId: string = SANDBOX_USERS.projectManager.accountId,
): Promise<ResolverResult<T>> {
  const extension = {
    type: 'jira:issuePanel',
    issue: { id: issue.id, key: issue.key, type: 'AI Pilot' },
    project: { id: '10000', key: 'AIP' },
  };
  return invoke(sandbox, 'readiness-panel', extension, functionKey, payload, accountId);
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

export async function injectServiceNowFault(sandbox: Sandbox, rule: FaultRule): Promise<void> {
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

/**
 * Copies a request the app filed for `pilot` (through the panel) `count` times over, in ServiceNow
 * and in the app's record of what it filed, as if each had been filed from the panel: for the poll's
 * benchmark and paging tests, where filing hundreds of requests one by one would measure filing.
 * Returns the copies' sys_ids.
 */
export function copyFiledRequest(
  sandbox: Sandbox,
  pilot: { id: string; key: string },
  count: number,
): string[] {
  const kvs = sandbox.runtime.kvs;
  const key = `servicenow:filed:${pilot.id}`;
  // The app keeps the list as a versioned record (compare-and-set) in its custom entity.
  const stored = kvs.snapshot('entity:versioned-record')[key] as
    { revision: number; value: { records: FiledRecord[] } } | undefined;
  const filed = stored?.value.records[0];
  if (!stored || !filed) throw new Error(`${pilot.key} has no request filed in ServiceNow to copy`);
  const records: FiledRecord[] = [...stored.value.records];
  for (let copy = 1; copy <= count; copy++) {
    const record = sandbox.servicenow.createAsUser(
      'sc_req_item',
      {
        short_description: `Data access: ${filed.dataSource} ${copy} for ${pilot.key}`,
        correlation_id: pilot.id,
        correlation_display: 'Pilot Pathway',
      },
      'pilot.pathway',
    );
    const sysId = record.sys_id!;
    records.push({
      ...filed,
      sysId,
      number: record.number!,
      globalId: filed.globalId.replace(filed.sysId, sysId),
      dataSource: `${filed.dataSource} ${copy}`,
      modCount: 0,
    });
    kvs.handle('/api/v1/set', {
      key: `servicenow:record:${sysId}`,
      value: { pilotId: pilot.id, table: 'sc_req_item' },
    });
  }
  kvs.handle('/api/v1/entity/set', {
    entityName: 'versioned-record',
    key,
    value: { revision: stored.revision + 1, value: { records } },
  });
  return records.slice(records.length - count).map((record) => record.sysId);
}
