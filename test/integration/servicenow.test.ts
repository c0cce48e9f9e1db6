/**
 * ServiceNow end to end against the sandbox: filing from the panel resolvers, the steward's approval
 * coming back by the signed push and, separately, by the poll alone; retries that never file twice;
 * every failure with a clear message and no partial state; forged and replayed pushes refused.
 */
import { signPush } from '../../sandbox/servicenow/push';
import { DATA_ACCESS_CATALOG_ITEM } from '../../sandbox/servicenow/tables';
import type { GateResult, ReadinessDocument } from '../../src/domain/types';
import type { PilotView, ServiceNowConnectionTest, ServiceNowSettingsView } from '../../src/ui-contract';
import { ADMIN, createPilot, jira, readinessOf } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import {
  FILING,
  adminCall,
  clearServiceNowFaults,
  connectServiceNow,
  copyFiledRequest,
  data,
  enablePush,
  injectServiceNowFault,
  panelCall,
  runPoll,
  stewardChanges,
} from '../support/servicenow-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

type Filed = { key: string; view: PilotView };

const records = () => env.sandbox.servicenow.records('sc_req_item');
const remoteLinks = (pilotKey: string) =>
  jira(env.sandbox, 'GET', `/rest/api/3/issue/${pilotKey}/remotelink`, undefined, ADMIN) as Promise<
    Array<{ globalId: string; object: { title: string; status?: { resolved?: boolean } } }>
  >;
const deployGate = (readiness: ReadinessDocument | undefined): GateResult | undefined =>
  readiness?.gates.find((gate) => gate.milestone === 'production-deployment');
const dataAccessBlocked = (readiness: ReadinessDocument | undefined) =>
  deployGate(readiness)?.blocking.some((blocker) => blocker.criterion.type === 'data-access');

async function fileRequest(pilot: { id: string; key: string }, dataSource: string = FILING.dataSource) {
  return panelCall<Filed>(env.sandbox, pilot, 'requestDataAccess', { ...FILING, dataSource });
}

/**
 * The create `match` names is carried out and its answer lost (a 504 after applying it); with
 * `lookUps`, the look-ups of requested items after it fail too (503), `times` of them (a fresh
 * filing looks nothing up before its create: no record can carry its new reference yet).
 */
async function loseCreateAnswer(match: string, lookUps?: { times?: number }): Promise<void> {
  await injectServiceNowFault(env.sandbox, { rate: 1, status: 504, match, lostResponse: true, times: 1 });
  if (lookUps)
    await injectServiceNowFault(env.sandbox, {
      rate: 1,
      status: 503,
      match: 'GET /api/now/table/sc_req_item',
      ...lookUps,
    });
}

/** Filing fails with the lost answer's 504: ServiceNow may have the record, the app could not tell. */
async function expectLostAnswerReported(pilot: { id: string; key: string }): Promise<void> {
  expect(await fileRequest(pilot)).toMatchObject({
    ok: false,
    error: { code: 'servicenow-unreachable', message: expect.stringContaining('504') },
  });
}

describe('filing and sync back', () => {
  it('files from the panel with the correlation fields and a remote link; the push brings the approval', async () => {
    await connectServiceNow(env.sandbox);
    await enablePush(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'ServiceNow pilot');
    const filed = data(await fileRequest(pilot));
    const [record] = records();
    expect(records()).toHaveLength(1);
    expect(record).toMatchObject({
      number: filed.key,
      correlation_id: pilot.id,
      correlation_display: 'Pilot Pathway',
      short_description: `Data access: Claims warehouse for ${pilot.key}`,
      state: '1',
    });
    const globalId = `pilot-pathway:servicenow:pilot-sandbox.service-now.com:sc_req_item:${record!.sys_id}`;
    const [link] = await remoteLinks(pilot.key);
    expect(link).toMatchObject({
      globalId,
      object: { title: expect.stringContaining(filed.key), status: { resolved: false } },
    });
    expect(filed.view.dataAccess).toEqual([
      expect.objectContaining({ source: 'servicenow', key: filed.key, state: 'requested' }),
    ]);
    const before = readinessOf(env.sandbox, pilot.key);
    expect(before).toMatchObject({ score: 6, dataAccess: { total: 1, requested: 1, approved: 0 } });
    expect(dataAccessBlocked(before)).toBe(true);

    env.sandbox.servicenow.resetMetrics();
    const push = await stewardChanges(env.sandbox, record!.sys_id!, { state: '3' });
    expect((push.body as { push: { status: number } }).push.status).toBe(200);
    // The push is a hint: the app reads the record back (1 call) and applies what ServiceNow says.
    expect(env.sandbox.servicenow.metrics().calls).toBe(1);
    const after = readinessOf(env.sandbox, pilot.key);
    expect(after).toMatchObject({ score: 25, dataAccess: { total: 1, requested: 0, approved: 1 } });
    expect(dataAccessBlocked(after)).toBe(false);
    const [updated] = await remoteLinks(pilot.key);
    expect(updated!.object.status?.resolved).toBe(true);
  });

  it('the poll alone brings the approval, skips versions it has seen and resumes after an outage', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Polled pilot');
    data(await fileRequest(pilot));
    const [record] = records();
    await stewardChanges(env.sandbox, record!.sys_id!, { state: '3' });
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 6 }); // no push configured
    env.sandbox.clock.advance(5 * 60_000);
    expect(await runPoll(env.sandbox)).toMatchObject({ status: 'done', changed: 1, calls: 1 });
    const after = readinessOf(env.sandbox, pilot.key);
    expect(after).toMatchObject({ score: 25, dataAccess: { approved: 1 } });
    expect(dataAccessBlocked(after)).toBe(false);
    env.sandbox.clock.advance(5 * 60_000);
    expect(await runPoll(env.sandbox)).toMatchObject({ status: 'done', changed: 0 });

    // ServiceNow down: last known states "as of", the poll fails and later resumes.
    await stewardChanges(env.sandbox, record!.sys_id!, { state: '9' });
    await injectServiceNowFault(env.sandbox, { rate: 1, status: 503 });
    env.sandbox.clock.advance(5 * 60_000);
    expect(await runPoll(env.sandbox)).toMatchObject({ status: 'failed' });
    const degraded = data(await panelCall<PilotView>(env.sandbox, pilot, 'getPanel'));
    expect(degraded.serviceNow?.failingSince).toEqual(expect.stringMatching(/^2026-03-02T09:1/));
    expect(degraded.dataAccess[0]).toMatchObject({ state: 'approved', asOf: expect.any(String) });
    await clearServiceNowFaults(env.sandbox);
    env.sandbox.clock.advance(5 * 60_000);
    expect(await runPoll(env.sandbox)).toMatchObject({ status: 'done', changed: 1 });
    const recovered = data(await panelCall<PilotView>(env.sandbox, pilot, 'getPanel'));
    expect(recovered.serviceNow?.failingSince).toBeNull();
    // An unknown state is shown as unknown and counts as requested.
    expect(recovered.dataAccess[0]).toMatchObject({ state: 'requested', unknownState: '9' });
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 6, dataAccess: { requested: 1 } });
  });

  it('a poll that fails on its second page resumes from its last applied change: nothing lost, nothing twice', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Busy pilot');
    data(await fileRequest(pilot));
    const sysIds = [records()[0]!.sys_id!, ...copyFiledRequest(env.sandbox, pilot, 149)];
    env.sandbox.clock.advance(5 * 60_000);
    expect(await runPoll(env.sandbox)).toMatchObject({ status: 'done', read: 150 });
    env.sandbox.clock.advance(5 * 60_000);
    for (const [index, sysId] of sysIds.entries()) {
      env.sandbox.clock.advance(1000);
      await env.sandbox.servicenow.changeAsUser('sc_req_item', sysId, { state: index < 140 ? '3' : '2' });
    }
    env.sandbox.clock.advance(5 * 60_000);
    // The first page (100 records) is read, then ServiceNow fails.
    await injectServiceNowFault(env.sandbox, {
      rate: 1,
      status: 503,
      match: 'GET /api/now/table/sc_req_item',
      after: 1,
    });
    expect(await runPoll(env.sandbox)).toMatchObject({ status: 'failed', pages: 1, changed: 100 });
    await clearServiceNowFaults(env.sandbox);
    env.sandbox.clock.advance(5 * 60_000);
    const resumed = await runPoll(env.sandbox);
    expect(resumed).toMatchObject({ status: 'done', changed: 50 });
    expect(resumed.read).toBeLessThanOrEqual(51); // from the last applied change, not from the start
    expect(readinessOf(env.sandbox, pilot.key)?.dataAccess).toMatchObject({
      total: 150,
      approved: 140,
      inProgress: 10,
    });
  });

  it('a look-alike remote link earns nothing and the panel says why', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Gamed pilot');
    // A member adds a link that looks like one the app files, "resolved" to game the score.
    await jira(env.sandbox, 'POST', `/rest/api/3/issue/${pilot.key}/remotelink`, {
      globalId: `pilot-pathway:servicenow:pilot-sandbox.service-now.com:sc_req_item:${'a'.repeat(32)}`,
      object: {
        url: 'https://pilot-sandbox.service-now.com/x',
        title: 'RITM0099999',
        status: { resolved: true },
      },
    });
    const filed = data(await fileRequest(pilot));
    expect(filed.view.dataAccess).toEqual([
      expect.objectContaining({ key: records()[0]!.number, state: 'requested' }),
    ]);
    expect(filed.view.readiness.dataAccess).toMatchObject({ total: 1, requested: 1, approved: 0 });
    expect(filed.view.serviceNow?.ignoredLinks).toEqual([
      expect.objectContaining({ title: 'RITM0099999', reason: expect.stringContaining('did not file') }),
    ]);
    const shown = data(await panelCall<PilotView>(env.sandbox, pilot, 'getPanel'));
    expect(shown.serviceNow?.ignoredLinks).toHaveLength(1);
  });
});

const CATALOG_FILING = {
  auth: { kind: 'oauth', clientId: 'pilot-pathway', clientSecret: 'sandbox-client-secret' },
  filing: {
    mode: 'catalog',
    catalogItemSysId: DATA_ACCESS_CATALOG_ITEM.sys_id,
    variables: { dataSource: 'dataset', steward: 'data_steward', justification: 'justification' },
  },
} as const;

describe('catalog filing with OAuth', () => {
  it('orders the catalog item with its variables, marks the requested item, and never orders twice', async () => {
    await connectServiceNow(env.sandbox, CATALOG_FILING);
    const pilot = await createPilot(env.sandbox, 'Catalog pilot');
    const filed = data(await fileRequest(pilot));
    const [item] = records();
    expect(env.sandbox.servicenow.records('sc_request')).toHaveLength(1);
    expect(item).toMatchObject({
      number: filed.key,
      cat_item: DATA_ACCESS_CATALOG_ITEM.sys_id,
      correlation_id: pilot.id,
      correlation_display: 'Pilot Pathway',
      short_description: `Data access: Claims warehouse for ${pilot.key}`,
    });
    // The justification carries the app's reference for this order (how a lost order is found again).
    expect(env.sandbox.servicenow.variablesOf(item!.sys_id!)).toEqual({
      dataset: 'Claims warehouse',
      data_steward: 'Pat Pathway',
      justification: expect.stringMatching(
        new RegExp(
          `^Pilot Pathway request [0-9a-f]{16} for ${pilot.key}\\nTraining data for the triage model$`,
        ),
      ),
    });
    data(await fileRequest(pilot));
    expect(env.sandbox.servicenow.records('sc_request')).toHaveLength(1);
    await stewardChanges(env.sandbox, item!.sys_id!, { state: '2' });
    env.sandbox.clock.advance(5 * 60_000);
    expect(await runPoll(env.sandbox)).toMatchObject({ status: 'done', changed: 1 });
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 13, dataAccess: { inProgress: 1 } });
  });
});

describe('retries never file twice', () => {
  it('a create whose answer is lost is found by the lookup, in the same call or on the retry', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Timeout pilot');
    // The create is carried out, its answer lost; the look-up after it fails too: the user sees an error.
    await loseCreateAnswer('POST /api/now/table/sc_req_item', { times: 2 });
    await expectLostAnswerReported(pilot);
    expect(records()).toHaveLength(1);
    expect(await remoteLinks(pilot.key)).toEqual([]);
    // The retry finds the record by its correlation pair and its filing's reference instead of filing again.
    const retry = data(await fileRequest(pilot));
    expect(records()).toHaveLength(1);
    expect(retry.key).toBe(records()[0]!.number);
    expect(await remoteLinks(pilot.key)).toHaveLength(1);
    // Lost answer alone: the look-up in the same call adopts the record.
    await clearServiceNowFaults(env.sandbox);
    await loseCreateAnswer('POST /api/now/table/sc_req_item');
    data(await fileRequest(pilot, 'Policy archive'));
    expect(records()).toHaveLength(2);
    data(await fileRequest(pilot, 'Policy archive'));
    expect(records()).toHaveLength(2);
  });

  it('an encoded-query injection in the data source stays a literal value: no other record is matched', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Injection pilot');
    data(await fileRequest(pilot));
    // Unescaped, this would OR in every app record whose description contains "warehouse for <pilot>":
    // the look-up would adopt the first request instead of filing this one.
    const attempt = 'x^NQcorrelation_display=Pilot Pathway^short_descriptionLIKEwarehouse';
    const injected = data(await fileRequest(pilot, attempt));
    expect(records()).toHaveLength(2);
    expect(records()[1]).toMatchObject({ short_description: `Data access: ${attempt} for ${pilot.key}` });
    expect(injected.view.dataAccess).toHaveLength(2);
  });
});

describe('catalog orders are never placed twice', () => {
  const ORDER_NOW = `POST /api/sn_sc/servicecatalog/items/${DATA_ACCESS_CATALOG_ITEM.sys_id}/order_now`;
  const orders = () => env.sandbox.servicenow.records('sc_request');
  const orderIntents = () =>
    Object.keys(env.sandbox.runtime.kvs.snapshot()).filter((key) => key.startsWith('servicenow:order:'));

  /** Exactly one requested item, marked with the correlation pair, one link, one request counted. */
  async function expectFiledOnce(pilot: { id: string; key: string }, key: string) {
    expect(orders()).toHaveLength(1);
    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({
      number: key,
      correlation_id: pilot.id,
      correlation_display: 'Pilot Pathway',
      short_description: `Data access: Claims warehouse for ${pilot.key}`,
    });
    const links = await remoteLinks(pilot.key);
    expect(links).toHaveLength(1);
    expect(links[0]!.globalId).toBe(
      `pilot-pathway:servicenow:pilot-sandbox.service-now.com:sc_req_item:${records()[0]!.sys_id}`,
    );
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ dataAccess: { total: 1, requested: 1 } });
  }

  it('an order whose answer is lost (and every look-up after it) is adopted on the retry, not ordered again', async () => {
    await connectServiceNow(env.sandbox, CATALOG_FILING);
    const pilot = await createPilot(env.sandbox, 'Lost order pilot');
    await loseCreateAnswer(ORDER_NOW, {});
    await expectLostAnswerReported(pilot);
    // ServiceNow has the order; nothing marks it as the app's yet, and the pilot has no link.
    expect(orders()).toHaveLength(1);
    expect(records()[0]).toMatchObject({ correlation_id: '', correlation_display: '' });
    expect(await remoteLinks(pilot.key)).toEqual([]);

    // The intent noted before ordering is what the retry goes by.
    expect(orderIntents()).toHaveLength(1);

    await clearServiceNowFaults(env.sandbox);
    env.sandbox.clock.advance(2 * 60_000);
    const retry = data(await fileRequest(pilot));
    await expectFiledOnce(pilot, retry.key);
    expect(orderIntents()).toEqual([]);
    // And again: the correlation pair finds it now.
    data(await fileRequest(pilot));
    await expectFiledOnce(pilot, retry.key);
  });

  it('an order whose answer alone is lost is adopted in the same call', async () => {
    await connectServiceNow(env.sandbox, CATALOG_FILING);
    const pilot = await createPilot(env.sandbox, 'Lost answer pilot');
    await loseCreateAnswer(ORDER_NOW);
    const filed = data(await fileRequest(pilot));
    await expectFiledOnce(pilot, filed.key);
  });

  it('an order placed but not marked (the correlation update failed) heals on the retry without a second order', async () => {
    await connectServiceNow(env.sandbox, CATALOG_FILING);
    const pilot = await createPilot(env.sandbox, 'Half-filed pilot');
    await injectServiceNowFault(env.sandbox, {
      rate: 1,
      status: 500,
      match: 'PATCH /api/now/table/sc_req_item',
    });
    const first = await fileRequest(pilot);
    expect(first).toMatchObject({ ok: false, error: { message: expect.stringContaining('500') } });
    expect(orders()).toHaveLength(1);
    expect(records()[0]).toMatchObject({ correlation_id: '' });
    expect(await remoteLinks(pilot.key)).toEqual([]);

    await clearServiceNowFaults(env.sandbox);
    const retry = data(await fileRequest(pilot));
    await expectFiledOnce(pilot, retry.key);
  });

  it('an order ServiceNow refused for sure leaves no intent behind', async () => {
    await connectServiceNow(env.sandbox, CATALOG_FILING);
    const pilot = await createPilot(env.sandbox, 'Refused pilot');
    await injectServiceNowFault(env.sandbox, { rate: 1, status: 400, match: ORDER_NOW, times: 1 });
    expect((await fileRequest(pilot)).ok).toBe(false);
    expect(orders()).toEqual([]);
    expect(orderIntents()).toEqual([]);
    await expectFiledOnce(pilot, data(await fileRequest(pilot)).key);
  });

  it('an unmarked order of the same catalog item placed by someone else is never adopted', async () => {
    await connectServiceNow(env.sandbox, CATALOG_FILING);
    const pilot = await createPilot(env.sandbox, 'Careful pilot');
    await loseCreateAnswer(ORDER_NOW, {});
    await expectLostAnswerReported(pilot);
    await clearServiceNowFaults(env.sandbox);
    const lost = records()[0]!;
    // Someone else's order of the same catalog item, later, with the same data source: not ours.
    env.sandbox.servicenow.createAsUser('sc_req_item', {
      cat_item: DATA_ACCESS_CATALOG_ITEM.sys_id,
      short_description: DATA_ACCESS_CATALOG_ITEM.name,
    });
    const retry = data(await fileRequest(pilot));
    expect(retry.key).toBe(lost.number);
    expect(records().filter((r) => r.correlation_id === pilot.id)).toHaveLength(1);
    expect(records().filter((r) => r.correlation_id === '')).toHaveLength(1);
  });
});

describe('failures give a clear message and leave nothing behind', () => {
  const cases: Array<[string, () => Promise<void>, RegExp]> = [
    [
      '401',
      () =>
        connectServiceNow(env.sandbox, {
          auth: { kind: 'basic', username: 'pilot.pathway', password: 'wrong' },
        }).then(() => undefined),
      /credentials \(401\)/,
    ],
    [
      '403',
      () =>
        connectServiceNow(env.sandbox, {
          auth: { kind: 'basic', username: 'readonly.integration', password: 'sandbox-password' },
        }).then(() => undefined),
      /403.*ACL Exception Insert Failed.*itil/s,
    ],
    [
      '404',
      () => injectServiceNowFault(env.sandbox, { rate: 1, status: 404, match: 'POST /api/now/table' }),
      /found nothing \(404\)/,
    ],
    [
      '429',
      () => injectServiceNowFault(env.sandbox, { rate: 1, status: 429, retryAfter: 30 }),
      /rate limiting.*try again in 30 seconds/,
    ],
    [
      '500',
      () => injectServiceNowFault(env.sandbox, { rate: 1, status: 500, match: 'POST /api/now/table' }),
      /ServiceNow failed \(500\)/,
    ],
    [
      'malformed body',
      () => injectServiceNowFault(env.sandbox, { rate: 1, status: 200, bare: true }),
      /not its Table API JSON/,
    ],
    [
      'blocked egress',
      () => injectServiceNowFault(env.sandbox, { rate: 1, status: 403, bare: true }),
      /Forge blocked the call/,
    ],
  ];
  it.each(cases)('%s', async (_name, arrange, message) => {
    await connectServiceNow(env.sandbox);
    await arrange();
    const pilot = await createPilot(env.sandbox, 'Failing pilot');
    const result = await fileRequest(pilot);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
    expect(records()).toEqual([]);
    expect(await remoteLinks(pilot.key)).toEqual([]);
    await clearServiceNowFaults(env.sandbox);
    const view = data(await panelCall<PilotView>(env.sandbox, pilot, 'getPanel'));
    expect(view.dataAccess).toEqual([]);
  });
});

describe('the signed push', () => {
  /**
   * A filed record the steward approved in ServiceNow while no push was set up: the app does not know
   * yet, and the pushes below tell it (a push is a hint; the app reads the approval back).
   */
  async function setUp() {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Pushed pilot');
    data(await fileRequest(pilot));
    const record = records()[0]!;
    await stewardChanges(env.sandbox, record.sys_id!, { state: '3' });
    const secret = await enablePush(env.sandbox);
    return { secret, pilot, record };
  }
  const push = (headers: Record<string, string>, body: string) =>
    env.sandbox.runtime.invokeWebTrigger('servicenow-webhook', {
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('accepts a signed push once; unsigned, wrongly signed, stale and replayed pushes get 401 and change nothing', async () => {
    const { secret, pilot, record } = await setUp();
    const body = JSON.stringify({
      table: 'sc_req_item',
      sys_id: record.sys_id,
      number: record.number,
      state: '3',
      sys_mod_count: 5,
    });
    const now = String(Math.floor(env.sandbox.clock.now().getTime() / 1000));
    const stale = String(Number(now) - 301);
    const refused = [
      await push({}, body),
      await push(
        {
          'x-pilot-pathway-timestamp': now,
          'x-pilot-pathway-signature': signPush('not-the-secret', now, body),
        },
        body,
      ),
      await push(
        { 'x-pilot-pathway-timestamp': stale, 'x-pilot-pathway-signature': signPush(secret, stale, body) },
        body,
      ),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([401, 401, 401]);
    await env.sandbox.idle();
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 6 });
    const signed = {
      'x-pilot-pathway-timestamp': now,
      'x-pilot-pathway-signature': signPush(secret, now, body),
    };
    expect((await push(signed, body)).statusCode).toBe(200);
    await env.sandbox.idle();
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 25 });
    // The same signed push again (a replay), even carrying another state, changes nothing.
    const replay = await push(signed, body);
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain('replayed');
    expect((await push({ ...signed }, body.replace('"3"', '"4"'))).statusCode).toBe(401);
    await env.sandbox.idle();
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 25 });
    // A signed change without sys_mod_count cannot be ordered against the poll's versions: refused.
    const unordered = JSON.stringify({ table: 'sc_req_item', sys_id: record.sys_id, state: '4' });
    const unorderedSigned = {
      'x-pilot-pathway-timestamp': now,
      'x-pilot-pathway-signature': signPush(secret, now, unordered),
    };
    expect((await push(unorderedSigned, unordered)).statusCode).toBe(400);
    await env.sandbox.idle();
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 25 });
    // Not JSON, too big: refused before anything else.
    expect(
      (
        await env.sandbox.runtime.invokeWebTrigger('servicenow-webhook', {
          method: 'POST',
          path: '/',
          headers: { 'content-type': 'text/plain' },
          body,
        })
      ).statusCode,
    ).toBe(415);
    expect((await push(signed, 'x'.repeat(70_000))).statusCode).toBe(413);
  });

  it('takes an empty field as the documented script sends it (getValue gives null)', async () => {
    const { secret, pilot, record } = await setUp();
    const body = JSON.stringify({
      table: 'sc_req_item',
      sys_id: record.sys_id,
      number: null,
      state: '3',
      sys_mod_count: 5,
      sys_updated_on: null,
    });
    const now = String(Math.floor(env.sandbox.clock.now().getTime() / 1000));
    const signed = {
      'x-pilot-pathway-timestamp': now,
      'x-pilot-pathway-signature': signPush(secret, now, body),
    };
    expect(await push(signed, body)).toMatchObject({
      statusCode: 200,
      body: expect.stringContaining('"applied":1'),
    });
    await env.sandbox.idle();
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 25 });
  });
});

describe('the admin section', () => {
  it('is for Jira admins only, never returns a secret, and names what a connection test found', async () => {
    const refused = await adminCall(env.sandbox, 'getServiceNowSettings', {}, '5b10ac8d82e05b22cc7d4ef5');
    expect(refused).toMatchObject({ ok: false, error: { code: 'no-permission' } });
    const view = await connectServiceNow(env.sandbox);
    expect(JSON.stringify(view)).not.toContain('sandbox-password');
    expect(view.secrets).toMatchObject({ password: true, pushSecretSetAt: null });
    expect(view.push.url).toMatch(/\/x1\/servicenow-webhook$/);
    const ok = data(await adminCall<ServiceNowConnectionTest>(env.sandbox, 'testServiceNowConnection'));
    expect(ok.ok).toBe(true);
    const bad = await adminCall(env.sandbox, 'saveServiceNowSettings', {
      instanceUrl: 'http://evil.example',
      auth: { kind: 'basic', username: '' },
      filing: { mode: 'table', table: 'sc_req_item^NQ' },
      stateMaps: {},
    });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fieldErrors: {
          instanceUrl: expect.stringContaining('service-now.com'),
          'filing.table': expect.any(String),
        },
      },
    });
    const kept = data(await adminCall<ServiceNowSettingsView>(env.sandbox, 'getServiceNowSettings'));
    expect(kept.connection?.instanceUrl).toBe(env.sandbox.servicenow.instanceUrl);
    const tests: Array<[Parameters<typeof connectServiceNow>[1], string, RegExp]> = [
      [
        { instanceUrl: 'https://no-such-instance.service-now.com' },
        'Address https://no-such-instance.service-now.com',
        /did not answer/,
      ],
      [{ auth: { kind: 'basic', username: 'pilot.pathway', password: 'wrong' } }, 'Sign-in', /401/],
      [
        { auth: { kind: 'basic', username: 'readonly.integration', password: 'sandbox-password' } },
        'Writing sc_req_item',
        /403.*itil/s,
      ],
      [
        {
          auth: { kind: 'basic', username: 'pilot.pathway', password: 'sandbox-password' },
          filing: { mode: 'table', table: 'u_data_access' },
          stateMaps: { u_data_access: { '3': 'approved' } },
        },
        'Table u_data_access',
        /no such table/,
      ],
      [
        {
          auth: { kind: 'oauth', clientId: 'pilot-pathway', clientSecret: 'sandbox-client-secret' },
          filing: { mode: 'table', table: 'sc_req_item' },
        },
        'Writing sc_req_item',
        /can write/,
      ],
    ];
    for (const [settings, name, message] of tests) {
      await connectServiceNow(env.sandbox, settings);
      const result = data(await adminCall<ServiceNowConnectionTest>(env.sandbox, 'testServiceNowConnection'));
      expect(result.checks.at(-1)).toMatchObject({ name, message: expect.stringMatching(message) });
    }
  });
});
