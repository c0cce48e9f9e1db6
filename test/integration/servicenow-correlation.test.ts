/**
 * A filing table without the correlation fields, on an instance that answers a query on a field a
 * table lacks as ServiceNow does by default: the condition is dropped (`serviceNowInvalidQuery:
 * ignore`), so a query on the correlation pair matches every record. "Test connection" names the
 * missing fields, and nothing the app reads back is adopted or applied unless it carries the pilot's
 * correlation pair.
 */
import { handleControl } from '../../sandbox/control';
import { signPush } from '../../sandbox/servicenow/push';
import { DEFAULT_SERVICENOW_STATE_MAP } from '../../src/domain/states';
import type { ServiceNowConnectionTest, ServiceNowSettingsInput } from '../../src/ui-contract';
import { createPilot, readinessOf } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import {
  FILING,
  adminCall,
  connectServiceNow,
  data,
  defaultSettings,
  enablePush,
  injectServiceNowFault,
  panelCall,
  runPoll,
} from '../support/servicenow-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

const CUSTOM_TABLE = 'u_data_request';
const REQUEST_STATES = {
  '1': 'Open',
  '2': 'Work in Progress',
  '3': 'Closed Complete',
  '4': 'Closed Incomplete',
};

/** A table a ServiceNow admin made for data requests, with `extra` columns but no correlation fields. */
async function defineCustomTable(extra: string[] = []): Promise<void> {
  const reply = await handleControl(env.sandbox, 'POST', '/__sandbox/servicenow/tables', {
    name: CUSTOM_TABLE,
    label: 'Data Request',
    numberPrefix: 'DR',
    columns: ['number', 'short_description', 'description', 'state', ...extra],
    choices: { state: REQUEST_STATES },
    displayColumn: 'number',
  });
  expect(reply.status).toBe(201);
}

const customSettings = (): ServiceNowSettingsInput => ({
  ...defaultSettings(env.sandbox),
  filing: { mode: 'table', table: CUSTOM_TABLE },
  stateMaps: { [CUSTOM_TABLE]: { ...DEFAULT_SERVICENOW_STATE_MAP } },
});

const testConnection = async (settings: ServiceNowSettingsInput) =>
  data(await adminCall<ServiceNowConnectionTest>(env.sandbox, 'testServiceNowConnection', settings));

const fileRequest = (pilot: { id: string; key: string }) =>
  panelCall<{ key: string }>(env.sandbox, pilot, 'requestDataAccess', FILING);

/** A ServiceNow user approves a record of the custom table. */
async function approve(sysId: string): Promise<void> {
  await env.sandbox.servicenow.changeAsUser(CUSTOM_TABLE, sysId, { state: '3' });
  await env.sandbox.idle();
}

beforeEach(() => {
  expect(env.sandbox.servicenow.invalidQueryBehaviour).toBe('ignore');
});

describe('"Test connection" checks the filing table has the correlation fields', () => {
  it('names both fields a custom table lacks, and stops before the write check', async () => {
    await defineCustomTable();
    const test = await testConnection(customSettings());
    expect(test.ok).toBe(false);
    const fields = test.checks.find((check) => check.name === `Fields of ${CUSTOM_TABLE}`);
    expect(fields).toMatchObject({
      ok: false,
      message: expect.stringContaining(
        `${CUSTOM_TABLE} has no correlation_id and no correlation_display field`,
      ),
    });
    expect(test.checks.at(-1)).toBe(fields);
  });

  it('names the one field missing; a table with both (sc_req_item) passes', async () => {
    await defineCustomTable(['correlation_id']);
    const one = await testConnection(customSettings());
    expect(one.checks.find((check) => !check.ok)?.message).toMatch(
      new RegExp(`^${CUSTOM_TABLE} has no correlation_display field`),
    );
    const standard = await testConnection(defaultSettings(env.sandbox));
    expect(standard).toMatchObject({ ok: true });
    expect(standard.checks.find((check) => check.name === 'Fields of sc_req_item')).toMatchObject({
      ok: true,
    });
  });
});

describe('nothing without the correlation pair is adopted or applied', () => {
  it('the poll (whose query on correlation_display matches every record) applies no change to such a record', async () => {
    await defineCustomTable();
    await connectServiceNow(env.sandbox, customSettings());
    const pilot = await createPilot(env.sandbox, 'Custom table pilot');
    const filed = data(await fileRequest(pilot));
    const record = env.sandbox.servicenow.records(CUSTOM_TABLE).find((r) => r.number === filed.key)!;
    expect(record).not.toHaveProperty('correlation_id');
    await approve(record.sys_id!);
    env.sandbox.clock.advance(5 * 60_000);
    const poll = await runPoll(env.sandbox);
    expect(poll).toMatchObject({ status: 'done', read: 1, changed: 0, skipped: 1 });
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ dataAccess: { total: 1, approved: 0 } });
  });

  it('a signed push for such a record is read back and not applied', async () => {
    await defineCustomTable();
    await connectServiceNow(env.sandbox, customSettings());
    const secret = await enablePush(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Pushed custom pilot');
    const filed = data(await fileRequest(pilot));
    const record = env.sandbox.servicenow.records(CUSTOM_TABLE).find((r) => r.number === filed.key)!;
    await approve(record.sys_id!);
    const body = JSON.stringify({
      table: CUSTOM_TABLE,
      sys_id: record.sys_id,
      number: record.number,
      state: '3',
      sys_mod_count: 1,
    });
    const now = String(Math.floor(env.sandbox.clock.now().getTime() / 1000));
    const pushed = await env.sandbox.runtime.invokeWebTrigger('servicenow-webhook', {
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/json',
        'x-pilot-pathway-timestamp': now,
        'x-pilot-pathway-signature': signPush(secret, now, body),
      },
      body,
    });
    await env.sandbox.idle();
    expect([pushed.statusCode, JSON.parse(pushed.body)]).toEqual([200, { applied: 0, ignored: 1 }]);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ dataAccess: { total: 1, approved: 0 } });
  });

  it('a create whose answer was lost is not healed by adopting a record without the pair', async () => {
    await defineCustomTable();
    await connectServiceNow(env.sandbox, customSettings());
    const pilot = await createPilot(env.sandbox, 'Lost custom pilot');
    await injectServiceNowFault(env.sandbox, {
      rate: 1,
      status: 504,
      match: `POST /api/now/table/${CUSTOM_TABLE}`,
      lostResponse: true,
      times: 1,
    });
    const answer = await fileRequest(pilot);
    expect(answer.ok).toBe(false);
    expect(env.sandbox.servicenow.records(CUSTOM_TABLE)).toHaveLength(1);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ dataAccess: { total: 0 } });
  });
});
