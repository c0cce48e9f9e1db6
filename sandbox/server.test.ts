/**
 * The sandbox over HTTP: health, the Jira REST surface, ServiceNow, web triggers, the Custom UI
 * bridge, host pages and the control API. Runs the fixture app against the minimal Jira site so it
 * tests the server, not the app or the Jira emulator.
 */
import { join } from 'node:path';
import { SANDBOX_USERS } from './contracts';
import { MinimalJiraSite } from './forge/fixtures/minimal-jira';
import { type Sandbox, createSandbox } from './server';
import { DATA_ACCESS_CATALOG_ITEM } from './servicenow/tables';
import { signPush } from './servicenow/push';

type LogEntry = { handler: string; [k: string]: unknown };
const g = globalThis as typeof globalThis & { __fixtureLog?: LogEntry[] };

const PM = SANDBOX_USERS.projectManager.accountId;
const OUTSIDER = SANDBOX_USERS.outsider.accountId;
const BASIC = `Basic ${Buffer.from('anyone:anything').toString('base64')}`;
const SN_BASIC = `Basic ${Buffer.from('pilot.pathway:sandbox-password').toString('base64')}`;

let sandbox: Sandbox;
const logs: string[] = [];

beforeAll(async () => {
  sandbox = await createSandbox({
    seed: 'empty',
    port: 0,
    appDir: join(__dirname, 'forge', 'fixtures', 'app'),
    outDir: join(__dirname, '..', '.build', 'fixture-app'),
    jira: ({ now }) => new MinimalJiraSite(now),
    log: (line) => logs.push(line),
  });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  g.__fixtureLog = [];
});

async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

async function createIssue(summary: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await http('POST', `/rest/api/3/issue?as=${PM}`, {
    fields: { project: { key: 'AIP' }, summary, ...extra },
  });
  expect(res.status).toBe(201);
  return res.json.key;
}

describe('health and control API', () => {
  test('health answers 200 once ready', async () => {
    const res = await http('GET', '/__sandbox/health');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', seed: 'empty', url: sandbox.url });
  });

  test('the empty seed ran the install through the app (installed event delivered)', async () => {
    await http('POST', '/__sandbox/reset', { seed: 'empty' });
    expect((g.__fixtureLog ?? []).some((e) => e.handler === 'installed')).toBe(true);
  });

  test('clock: set, read, advance; the app sees it', async () => {
    const set = await http('POST', '/__sandbox/clock', { now: '2026-03-01T09:00:00Z' });
    expect(set.json.now).toMatch(/^2026-03-01T09:00:0/);
    const advanced = await http('POST', '/__sandbox/clock', { advanceDays: 1 });
    expect(advanced.json.now).toMatch(/^2026-03-02T09:00/);
    const run = await http('POST', '/__sandbox/scheduled/fixture-daily');
    expect(run).toMatchObject({ status: 200, json: { triggerKey: 'fixture-daily', result: 'done' } });
    expect(String(sandbox.runtime.kvs.snapshot()['daily-ran'])).toMatch(/^2026-03-02T09:00/);
    expect((await http('POST', '/__sandbox/clock', { now: 'yesterday' })).status).toBe(400);
    await http('POST', '/__sandbox/clock', { reset: true });
    expect(Math.abs(Date.parse((await http('GET', '/__sandbox/clock')).json.now) - Date.now())).toBeLessThan(
      5000,
    );
  });

  test("scheduled: the keys of the app's scheduled triggers are listed", async () => {
    const listed = await http('GET', '/__sandbox/scheduled');
    expect(listed.status).toBe(200);
    expect(listed.json).toContain('fixture-daily');
  });

  test('webtriggers: the URL of each web trigger module, as a customer copies it, reaches the trigger', async () => {
    const listed = await http('GET', '/__sandbox/webtriggers');
    expect(listed.json).toEqual({ 'fixture-hook': `${sandbox.url}/x1/fixture-hook` });
    const reached = await fetch(listed.json['fixture-hook'], { method: 'POST', body: '{"ping":true}' });
    expect(reached.status).toBe(202);
    expect((g.__fixtureLog ?? []).some((e) => e.handler === 'hook')).toBe(true);
  });

  test('scheduled: unknown trigger is 404', async () => {
    expect((await http('POST', '/__sandbox/scheduled/nope')).status).toBe(404);
  });

  test('metrics count the app calls only, and reset', async () => {
    await http('POST', '/__sandbox/metrics/reset');
    await createIssue('Counted only through the app');
    const metrics = await http('GET', '/__sandbox/metrics');
    expect(metrics.json).toEqual({
      jira: { calls: 0, points: 0, byEndpoint: {}, byOperation: {} },
      servicenow: { calls: 0 },
    });
  });

  test('faults: added per target, cleared with {clear: true}', async () => {
    const added = await http('POST', '/__sandbox/faults', {
      target: 'servicenow',
      rate: 1,
      status: 429,
      retryAfter: 3,
      match: '/api/now/table/incident',
    });
    expect(added.json.servicenow).toHaveLength(1);
    const limited = await http('GET', '/servicenow/api/now/table/incident', undefined, {
      authorization: SN_BASIC,
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    await http('POST', '/__sandbox/faults', { target: 'jira', rate: 0.5, status: 503 });
    expect((sandbox.jira as MinimalJiraSite).faults).toEqual([{ rate: 0.5, status: 503 }]);
    const cleared = await http('POST', '/__sandbox/faults', { clear: true });
    expect(cleared.json).toEqual({ jira: [], servicenow: [] });
    expect(
      (await http('GET', '/servicenow/api/now/table/incident', undefined, { authorization: SN_BASIC }))
        .status,
    ).toBe(200);
    expect((await http('POST', '/__sandbox/faults', { target: 'jira', rate: 2, status: 429 })).status).toBe(
      400,
    );
  });

  test('events: duplicate + concurrent delivery is set through the control API', async () => {
    expect((await http('POST', '/__sandbox/events', { duplicates: 2, concurrent: true })).json).toEqual({
      duplicates: 2,
      concurrent: true,
    });
    const key = await createIssue('Delivered twice');
    await http('POST', '/__sandbox/idle');
    expect((g.__fixtureLog ?? []).filter((e) => e.handler === 'created-all' && e.key === key)).toHaveLength(
      2,
    );
    await http('POST', '/__sandbox/events', { duplicates: 1, concurrent: false });
  });

  test('idle waits for every delivery', async () => {
    await createIssue('Waited for');
    const res = await http('POST', '/__sandbox/idle');
    expect(res.json.idle).toBe(true);
    expect((g.__fixtureLog ?? []).some((e) => e.handler === 'created-all')).toBe(true);
  });

  test('reset goes back to a starting state', async () => {
    await createIssue('Gone after reset');
    const res = await http('POST', '/__sandbox/reset', { seed: 'bare' });
    expect(res.json.seed).toBe('bare');
    const search = await http('POST', `/rest/api/3/search/jql?as=${PM}`, { jql: 'project = AIP' });
    expect(search.json.issues).toEqual([]);
    expect((await http('POST', '/__sandbox/reset', { seed: 'nope' })).status).toBe(400);
    // The minimal site has no time zone switch: a zone for it is refused, not ignored.
    expect(
      (await http('POST', '/__sandbox/reset', { seed: 'bare', siteTimeZone: 'Pacific/Auckland' })).status,
    ).toBe(400);
    await http('POST', '/__sandbox/reset', { seed: 'empty' });
  });

  test("behaviour: Forge's limits and the latency of the app's calls are switched, and reset puts them back", async () => {
    expect((await http('GET', '/__sandbox/behaviour')).json).toMatchObject({
      forgeLimits: true,
      jiraLatencyMs: 0,
      serviceNowLatencyMs: 0,
      kvsLatencyMs: 0,
    });
    const set = await http('POST', '/__sandbox/behaviour', {
      forgeLimits: false,
      jiraLatencyMs: 150,
      serviceNowLatencyMs: 300,
      kvsLatencyMs: 10,
    });
    expect(set.json).toMatchObject({
      forgeLimits: false,
      jiraLatencyMs: 150,
      serviceNowLatencyMs: 300,
      kvsLatencyMs: 10,
    });
    expect((await http('POST', '/__sandbox/behaviour', { kvsLatencyMs: -1 })).status).toBe(400);
    expect((await http('POST', '/__sandbox/behaviour', { forgeLimits: 'yes' })).status).toBe(400);

    await http('POST', '/__sandbox/reset', { seed: 'bare' });
    expect((await http('GET', '/__sandbox/behaviour')).json).toMatchObject({
      forgeLimits: false,
      jiraLatencyMs: 0,
    });
    await http('POST', '/__sandbox/reset', { seed: 'empty' });
    expect((await http('GET', '/__sandbox/behaviour')).json).toMatchObject({
      forgeLimits: true,
      jiraLatencyMs: 0,
      serviceNowLatencyMs: 0,
      kvsLatencyMs: 0,
    });
  });

  test('forge: what the platform saw since the last metrics reset', async () => {
    await http('POST', '/__sandbox/metrics/reset');
    await http('POST', '/__sandbox/behaviour', { jiraLatencyMs: 150 });
    const invoked = await http('POST', '/__sandbox/bridge/invoke', {
      moduleKey: 'fixture-panel',
      accountId: PM,
      extension: { issue: { id: '10000', key: 'AIP-1' } },
      payload: { functionKey: 'spend', payload: { calls: 2 } },
    });
    expect(invoked.status).toBe(200);
    const forge = (await http('GET', '/__sandbox/forge')).json;
    expect(forge).toEqual({
      invocations: {
        'fixture-resolver': { count: 1, maxMs: expect.any(Number), limitMs: 25_000, timedOut: 0 },
      },
      queue: { pushed: 0, maxPerMinute: 0, refused: 0 },
      kvs: {
        readUnits: 0,
        writeUnits: 1,
        maxReadUnitsPerMinute: 0,
        maxWriteUnitsPerMinute: 1,
        throttled: 0,
        keys: expect.any(Number),
        bytes: expect.any(Number),
        largestValueBytes: expect.any(Number),
      },
    });
    expect(forge.invocations['fixture-resolver'].maxMs).toBeGreaterThanOrEqual(300);
    await http('POST', '/__sandbox/metrics/reset');
    expect((await http('GET', '/__sandbox/forge')).json.invocations).toEqual({});
    await http('POST', '/__sandbox/behaviour', { jiraLatencyMs: 0 });
  });

  test('faults: one vocabulary for both targets; a word of the old one or a wrong target is refused', async () => {
    const bare = await http('POST', '/__sandbox/faults', {
      target: 'jira',
      rate: 1,
      status: 502,
      bare: true,
    });
    expect(bare.json.jira).toEqual([{ rate: 1, status: 502, bare: true }]);
    const old = await http('POST', '/__sandbox/faults', {
      target: 'servicenow',
      rate: 1,
      status: 504,
      afterApply: true,
    });
    expect([old.status, old.json.error]).toEqual([400, expect.stringContaining('afterApply')]);
    const reason = await http('POST', '/__sandbox/faults', {
      target: 'servicenow',
      rate: 1,
      status: 429,
      reason: 'jira-burst-based',
    });
    expect([reason.status, reason.json.error]).toEqual([400, expect.stringContaining('target jira only')]);
    const lost = await http('POST', '/__sandbox/faults', {
      target: 'servicenow',
      rate: 1,
      status: 504,
      lostResponse: true,
      match: 'POST /api/now/table/incident',
      times: 1,
    });
    expect(lost.json.servicenow).toHaveLength(1);
    const created = await http(
      'POST',
      '/servicenow/api/now/table/incident',
      { short_description: 'Lost' },
      {
        authorization: SN_BASIC,
      },
    );
    expect(created.status).toBe(504);
    expect(sandbox.servicenow.records('incident').map((r) => r.short_description)).toContain('Lost');
    await http('POST', '/__sandbox/faults', { clear: true });
  });

  test('behaviour: the ServiceNow invalid-query switch (ignore by default, back after reset)', async () => {
    expect((await http('GET', '/__sandbox/behaviour')).json).toMatchObject({
      serviceNowInvalidQuery: 'ignore',
    });
    const set = await http('POST', '/__sandbox/behaviour', { serviceNowInvalidQuery: 'no-rows' });
    expect(set.json).toMatchObject({ serviceNowInvalidQuery: 'no-rows' });
    const list = await http('GET', '/servicenow/api/now/table/sys_user?sysparm_query=u_nope%3D1', undefined, {
      authorization: SN_BASIC,
    });
    expect(list.json.result).toEqual([]);
    expect((await http('POST', '/__sandbox/behaviour', { serviceNowInvalidQuery: 'drop' })).status).toBe(400);
    // This Jira site has no real-Jira switches: asking for one is refused.
    expect((await http('POST', '/__sandbox/behaviour', { siteTimeZone: 'Pacific/Auckland' })).status).toBe(
      400,
    );
    await http('POST', '/__sandbox/reset', { seed: 'empty' });
    expect(sandbox.servicenow.invalidQueryBehaviour).toBe('ignore');
  });

  test('notifications: none on a site that sends none', async () => {
    expect((await http('GET', '/__sandbox/notifications')).json).toEqual([]);
  });

  test('unknown control calls are 404, bad JSON 400', async () => {
    expect((await http('GET', '/__sandbox/nope')).status).toBe(404);
    expect((await http('POST', '/__sandbox/events', '{nope')).status).toBe(400);
  });
});

describe('Jira REST over HTTP', () => {
  test('Basic auth acts as the admin, ?as= and X-Sandbox-User as that user, nothing is 401', async () => {
    const key = await createIssue('Visible to some');
    expect((await http('GET', `/rest/api/3/issue/${key}`, undefined, { authorization: BASIC })).status).toBe(
      200,
    );
    expect((await http('GET', `/rest/api/3/issue/${key}?as=${OUTSIDER}`)).status).toBe(404);
    expect(
      (await http('GET', `/rest/api/3/issue/${key}`, undefined, { 'x-sandbox-user': OUTSIDER })).status,
    ).toBe(404);
    const anonymous = await http('GET', `/rest/api/3/issue/${key}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.errorMessages).toHaveLength(1);
    expect((await http('GET', `/rest/api/3/issue/${key}?as=nobody`)).status).toBe(401);
  });
});

describe('ServiceNow over HTTP', () => {
  test('order_now, then Link paging uses the sandbox URL', async () => {
    const order = await http(
      'POST',
      `/servicenow/api/sn_sc/servicecatalog/items/${DATA_ACCESS_CATALOG_ITEM.sys_id}/order_now`,
      { sysparm_quantity: 1, variables: {} },
      { authorization: SN_BASIC },
    );
    expect(order.json.result.number).toMatch(/^REQ\d{7}$/);
    const list = await http('GET', '/servicenow/api/now/table/sc_req_item?sysparm_limit=1', undefined, {
      authorization: SN_BASIC,
    });
    expect(list.headers.get('x-total-count')).toBe('1');
    expect(list.headers.get('link')).toContain(`<${sandbox.url}/servicenow/api/now/table/sc_req_item?`);
    expect((await http('GET', '/servicenow/api/now/table/sc_req_item')).status).toBe(401);
  });

  test('someone other than the app creates a record: sys_created_by is that user; the app’s own carry its user', async () => {
    const byMallory = await http('POST', '/__sandbox/servicenow/records/sc_req_item', {
      fields: { short_description: 'Filed by hand' },
      user: 'mallory',
    });
    expect(byMallory.status).toBe(201);
    expect(byMallory.json.result).toMatchObject({
      short_description: 'Filed by hand',
      sys_created_by: 'mallory',
    });
    const byApp = await http(
      'POST',
      '/servicenow/api/now/table/sc_req_item',
      { short_description: 'Filed by the app' },
      {
        authorization: SN_BASIC,
      },
    );
    expect(byApp.json.result.sys_created_by).toBe('pilot.pathway');
    const unknown = await http('POST', '/__sandbox/servicenow/records/u_nope', {
      fields: {},
      user: 'mallory',
    });
    expect([unknown.status, unknown.json.error.message]).toEqual([400, 'Invalid table u_nope']);
  });

  test('a test defines a custom table (POST /__sandbox/servicenow/tables): its fields at ui/meta, refused twice or malformed', async () => {
    const table = { name: 'u_access_request', label: 'Access Request', columns: ['u_reason'] };
    const created = await http('POST', '/__sandbox/servicenow/tables', table);
    expect([created.status, created.json.name]).toEqual([201, 'u_access_request']);
    const meta = await http('GET', '/servicenow/api/now/ui/meta/u_access_request', undefined, {
      authorization: SN_BASIC,
    });
    expect(Object.keys(meta.json.result.columns)).toEqual(expect.arrayContaining(['sys_id', 'u_reason']));
    expect(meta.json.result.columns).not.toHaveProperty('correlation_id');
    const again = await http('POST', '/__sandbox/servicenow/tables', table);
    expect([again.status, again.json.error]).toEqual([400, 'Table u_access_request exists']);
    expect(
      (await http('POST', '/__sandbox/servicenow/tables', { name: 'Bad Name', columns: [] })).status,
    ).toBe(400);
  });

  test('a ServiceNow user change fires the signed push to the web trigger when enabled', async () => {
    await http('POST', '/__sandbox/servicenow/push', {
      enabled: true,
      secret: 'top-secret',
      url: `${sandbox.url}/x1/fixture-hook`,
    });
    await http(
      'POST',
      `/servicenow/api/sn_sc/servicecatalog/items/${DATA_ACCESS_CATALOG_ITEM.sys_id}/order_now`,
      {},
      { authorization: SN_BASIC },
    );
    const ritm = sandbox.servicenow.records('sc_req_item').at(-1)!;
    const res = await http('POST', `/__sandbox/servicenow/records/sc_req_item/${ritm.sys_id}`, {
      fields: { state: '3' },
    });
    expect(res.status).toBe(200);
    expect(res.json.result.state).toBe('3');
    expect(res.json.push.status).toBe(202);
    const hook = (g.__fixtureLog ?? []).find((e) => e.handler === 'hook') as unknown as {
      request: { headers: Record<string, string[]>; body: string };
    };
    const timestamp = hook.request.headers['x-pilot-pathway-timestamp']![0]!;
    expect(hook.request.headers['x-pilot-pathway-signature']).toEqual([
      signPush('top-secret', timestamp, hook.request.body),
    ]);
    expect(
      (
        await http('POST', `/__sandbox/servicenow/records/sc_req_item/${'0'.repeat(32)}`, {
          fields: { state: '3' },
        })
      ).status,
    ).toBe(404);
    await http('POST', '/__sandbox/servicenow/push', { enabled: false });
  });
});

describe('web triggers and the Custom UI bridge', () => {
  test('a web trigger is reachable on /x1/{key}', async () => {
    const res = await http('PUT', '/x1/fixture-hook/sub/path?x=1', { ping: true });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-echo')).toBe('PUT');
    expect(res.json).toEqual({ received: { ping: true }, query: { x: ['1'] } });
    expect((await http('POST', '/x1/nope')).status).toBe(404);
  });

  test('invoke through the bridge endpoint runs the resolver as the acting user', async () => {
    const key = await createIssue('Bridge issue');
    const extension = {
      type: 'jira:issuePanel',
      issue: { id: '1', key },
      project: { id: '10000', key: 'AIP' },
    };
    const who = await http('POST', '/__sandbox/bridge/invoke', {
      moduleKey: 'fixture-panel',
      accountId: PM,
      extension,
      payload: { functionKey: 'whoAmI', payload: {} },
    });
    expect(who.status).toBe(200);
    expect(who.json.result).toMatchObject({
      accountId: PM,
      moduleKey: 'fixture-panel',
      extension: { issue: { key } },
    });
    const asOutsider = await http('POST', '/__sandbox/bridge/invoke', {
      moduleKey: 'fixture-panel',
      accountId: OUTSIDER,
      extension,
      payload: { functionKey: 'issueAsUser', payload: { key } },
    });
    expect(asOutsider.json.result.status).toBe(404);
    const boom = await http('POST', '/__sandbox/bridge/invoke', {
      moduleKey: 'fixture-panel',
      accountId: PM,
      extension,
      payload: { functionKey: 'boom' },
    });
    expect(boom.status).toBe(500);
    expect(boom.json.message).toContain('the resolver failed on purpose');
    const context = await http('POST', '/__sandbox/bridge/getContext', {
      moduleKey: 'fixture-panel',
      accountId: PM,
      extension,
      theme: 'dark',
    });
    expect(context.json.result).toMatchObject({
      accountId: PM,
      moduleKey: 'fixture-panel',
      extension: { type: 'jira:issuePanel', issue: { key } },
      theme: { colorMode: 'dark' },
      siteUrl: sandbox.url,
    });
    const product = await http('POST', '/__sandbox/bridge/fetchProduct', {
      moduleKey: 'fixture-panel',
      accountId: PM,
      extension,
      payload: {
        product: 'jira',
        restPath: `/rest/api/3/issue/${key}`,
        fetchRequestInit: { method: 'GET', headers: [] },
      },
    });
    expect(product.json.result.status).toBe(200);
    expect(JSON.parse(product.json.result.body).key).toBe(key);
    expect(
      (
        await http('POST', '/__sandbox/bridge/invoke', {
          moduleKey: 'fixture-panel',
          accountId: 'nobody',
          payload: {},
        })
      ).status,
    ).toBe(401);
  });

  test("a gadget's edit view saves its settings; the platform, not the page, hands them to the gadget", async () => {
    const gadget = { type: 'jira:dashboardGadget', dashboard: { id: '10100' }, gadget: { id: '10101' } };
    const forged = { ...gadget, gadgetConfiguration: { project: 'SECRET' } };
    const call = (name: string, extension: object, payload?: unknown) =>
      http('POST', `/__sandbox/bridge/${name}`, {
        moduleKey: 'fixture-gadget',
        accountId: PM,
        extension,
        payload,
      });
    // Not saved yet: the page's own "settings" never reach the resolver.
    const before = await call('invoke', forged, { functionKey: 'whoAmI', payload: {} });
    expect(before.json.result.extension).toEqual(gadget);
    // The view is not submittable; the edit view is, with an object (refresh: whole minutes).
    expect((await call('submit', gadget, { project: 'AIP' })).json.result).toBe(false);
    expect(
      (await call('submit', { ...gadget, entryPoint: 'edit' }, { project: 'AIP', refresh: 0.5 })).status,
    ).toBe(400);
    expect(
      (await call('submit', { ...gadget, entryPoint: 'edit' }, { project: 'AIP', refresh: 15 })).json.result,
    ).toBe(true);
    const context = await call('getContext', forged);
    expect(context.json.result.extension).toEqual({
      ...gadget,
      gadgetConfiguration: { project: 'AIP', refresh: 15 },
    });
    const after = await call('invoke', forged, { functionKey: 'whoAmI', payload: {} });
    expect(after.json.result.extension.gadgetConfiguration).toEqual({ project: 'AIP', refresh: 15 });
    // A panel cannot submit.
    const panel = await http('POST', '/__sandbox/bridge/submit', {
      moduleKey: 'fixture-panel',
      accountId: PM,
      extension: { type: 'jira:issuePanel', entryPoint: 'edit', gadget: { id: '10101' } },
      payload: { project: 'X' },
    });
    expect(panel.json.result).toBe(false);
  });

  test('the resource is served with the bridge injected first and the theme on <html>', async () => {
    const res = await http(
      'GET',
      `/__app/static/main/?moduleKey=fixture-panel&theme=dark&as=${PM}&extension=${encodeURIComponent(JSON.stringify({ issue: { key: 'AIP-1' } }))}`,
    );
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<html lang="en" data-color-mode="dark"/);
    const head = res.text.indexOf('<head>');
    expect(res.text.indexOf('window.__SANDBOX_FORGE__')).toBeGreaterThan(head);
    expect(res.text.indexOf('/__sandbox/host/bridge.js')).toBeLessThan(res.text.indexOf('./panel.js'));
    expect((await http('GET', '/__app/static/main/panel.js')).headers.get('content-type')).toContain(
      'javascript',
    );
    expect((await http('GET', '/__app/static/main/..%2F..%2Fmanifest.yml')).status).toBe(403);
    const script = await http('GET', '/__sandbox/host/bridge.js');
    expect(script.text).toContain('window.__bridge');
  });
});

describe('host pages', () => {
  test('/browse/AIP-n renders like an issue view with the panel iframe and sub-task transitions', async () => {
    const epic = await createIssue('Customer operations AI pilots', { issuetype: { id: '10000' } });
    const sub = await createIssue('Model development & validation', { parent: { key: epic } });
    const page = await http('GET', `/browse/${epic}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<h1 id="summary">Customer operations AI pilots</h1>');
    expect(page.text).toMatch(
      /<iframe title="Fixture panel" data-module-key="fixture-panel"[^>]*src="\/__app\/static\/main\/\?moduleKey=fixture-panel/,
    );
    expect(page.text).toContain(`Move ${sub} to`);

    const moved = await http(
      'POST',
      `/__sandbox/host/transition`,
      `issue=${sub}&transition=31&back=${epic}`,
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe(`/browse/${epic}`);
    const after = await http('GET', `/browse/${sub}`);
    expect(after.text).toContain('<span class="lozenge done">Done</span>');

    const dark = await http('GET', `/browse/${epic}?theme=dark`);
    expect(dark.text).toContain('data-color-mode="dark"');
    expect(dark.text).toContain('theme=dark');
    expect((await http('GET', `/browse/${epic}?as=${OUTSIDER}`)).status).toBe(404);
  });

  test('the index lists projects and issues, and its form creates an issue as the project manager', async () => {
    const index = await http('GET', '/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('AI Pilots (AIP)');
    expect(index.text).toContain('<form method="post" action="/__sandbox/host/create-issue">');
    const created = await http(
      'POST',
      '/__sandbox/host/create-issue',
      'project=AIP&issuetype=Task&summary=From+the+form&parent=',
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(created.status).toBe(303);
    const key = created.headers.get('location')!.replace('/browse/', '');
    const issue = await http('GET', `/rest/api/3/issue/${key}?as=${PM}`);
    expect(issue.json.fields.summary).toBe('From the form');
    expect((g.__fixtureLog ?? []).some((e) => e.handler === 'created-all' && e.key === key)).toBe(true);
    const invalid = await http(
      'POST',
      '/__sandbox/host/create-issue',
      'project=AIP&issuetype=Task&summary=',
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('role="alert"');
  });

  test('the admin and project pages embed the app resource (or say it is not built)', async () => {
    const admin = await http('GET', '/admin/pilot-pathway');
    expect(admin.status).toBe(200);
    expect(admin.text).toContain('The app declares no jira:adminPage module.');
    expect((await http('GET', '/projects/NOPE/pilot-pathway')).status).toBe(404);
  });

  test('the dashboard embeds the gadget, its Edit link the edit view; the global page says the app has none', async () => {
    const view = await http('GET', '/jira/dashboards/10100');
    expect(view.status).toBe(200);
    expect(view.text).toContain('Edit Fixture gadget');
    const edit = await http('GET', '/jira/dashboards/10100?edit=1');
    expect(edit.text).toContain('Fixture gadget settings');
    expect(edit.text).toContain('forge-sandbox-submitted');
    expect((await http('GET', '/jira/apps/pilot-pathway')).text).toContain(
      'The app declares no jira:globalPage module.',
    );
  });
});
