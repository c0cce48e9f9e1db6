/**
 * Contract tests of the ServiceNow emulator: the conventions a real instance follows and the
 * app's ServiceNow client relies on.
 */
import type { SandboxResponse } from '../contracts';
import { parseEncodedQuery } from './encoded-query';
import { DATA_ACCESS_CATALOG_ITEM } from './tables';
import { DEFAULT_INSTANCE_URL, ServiceNowInstance } from './instance';
import { signPush } from './push';
import { glideDateTime } from './records';

// A response body the tests look into freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const BASIC = `Basic ${Buffer.from('pilot.pathway:sandbox-password').toString('base64')}`;
const USER = { kind: 'user', accountId: 'test-client', viaApp: false } as const;

let sn: ServiceNowInstance;
let now: Date;

beforeEach(() => {
  now = new Date('2026-03-01T09:00:00Z');
  sn = new ServiceNowInstance({ now: () => now });
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  auth: string | null = BASIC,
): Promise<SandboxResponse & { json: Json }> {
  const res = await sn.handle(
    {
      method,
      path,
      headers: { ...(auth ? { authorization: auth } : {}), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    USER,
  );
  return { ...res, json: res.body ? JSON.parse(res.body) : undefined };
}

async function incidents(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    now = new Date(Date.UTC(2026, 2, 1, 9, 0, i));
    ids.push(
      (
        await call('POST', '/api/now/table/incident', {
          short_description: `Incident ${i}`,
          priority: i % 3,
          active: true,
        })
      ).json.result.sys_id,
    );
  }
  return ids;
}

describe('records', () => {
  test('every value is a string, dates are YYYY-MM-DD HH:mm:ss UTC, sys_id is 32 hex', async () => {
    const res = await call('POST', '/api/now/table/incident', {
      short_description: 'Disk full',
      priority: 2,
      active: true,
      impact: null,
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toMatch(
      new RegExp(`^${DEFAULT_INSTANCE_URL}/api/now/table/incident/[0-9a-f]{32}$`),
    );
    const r = res.json.result as Record<string, unknown>;
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === 'object' && v !== null) expect(Object.keys(v).sort()).toEqual(['link', 'value']);
      else expect([k, typeof v]).toEqual([k, 'string']);
    }
    expect(r).toMatchObject({
      priority: '2',
      active: 'true',
      impact: '',
      number: 'INC0010001',
      sys_created_on: '2026-03-01 09:00:00',
      sys_mod_count: '0',
    });
    expect(r.sys_id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('GET, PATCH, PUT, DELETE a record', async () => {
    const [id] = await incidents(1);
    now = new Date('2026-03-02T10:11:12Z');
    const patched = await call('PATCH', `/api/now/table/incident/${id}`, { state: 2 });
    expect(patched.json.result).toMatchObject({
      state: '2',
      sys_updated_on: '2026-03-02 10:11:12',
      sys_mod_count: '1',
      sys_updated_by: 'pilot.pathway',
    });
    expect((await call('PUT', `/api/now/table/incident/${id}`, { state: '6' })).json.result.state).toBe('6');
    expect((await call('GET', `/api/now/table/incident/${id}?sysparm_fields=number,state`)).json).toEqual({
      result: { number: 'INC0010001', state: '6' },
    });
    expect((await call('DELETE', `/api/now/table/incident/${id}`)).status).toBe(204);
    const gone = await call('GET', `/api/now/table/incident/${id}`);
    expect(gone.status).toBe(404);
  });

  test('reference fields carry link and value; display values on request', async () => {
    const order = await call(
      'POST',
      `/api/sn_sc/servicecatalog/items/${DATA_ACCESS_CATALOG_ITEM.sys_id}/order_now`,
      { sysparm_quantity: 1, variables: { dataset: 'claims' } },
    );
    const ritm = (
      await call('GET', `/api/now/table/sc_req_item?sysparm_query=request=${order.json.result.sys_id}`)
    ).json.result[0];
    expect(ritm.request).toEqual({
      link: `${DEFAULT_INSTANCE_URL}/api/now/table/sc_request/${order.json.result.sys_id}`,
      value: order.json.result.sys_id,
    });
    const shown = (
      await call(
        'GET',
        `/api/now/table/sc_req_item/${ritm.sys_id}?sysparm_display_value=true&sysparm_exclude_reference_link=true&sysparm_fields=state,request,variables.dataset,request.number`,
      )
    ).json.result;
    expect(shown).toEqual({
      state: 'Open',
      request: 'REQ0010001',
      'variables.dataset': 'claims',
      'request.number': 'REQ0010001',
    });
    const all = (
      await call(
        'GET',
        `/api/now/table/sc_req_item/${ritm.sys_id}?sysparm_display_value=all&sysparm_fields=state`,
      )
    ).json.result;
    expect(all).toEqual({ state: { display_value: 'Open', value: '1' } });
  });
});

describe('errors', () => {
  test('401 without (or with wrong) auth, in the error envelope', async () => {
    for (const auth of [
      null,
      `Basic ${Buffer.from('pilot.pathway:wrong').toString('base64')}`,
      'Bearer nope',
    ]) {
      const res = await call('GET', '/api/now/table/incident', undefined, auth);
      expect(res.status).toBe(401);
      expect(res.json).toEqual({
        error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
        status: 'failure',
      });
    }
    expect(
      (await call('GET', '/api/now/table/incident', undefined, 'Bearer sandbox-oauth-token')).status,
    ).toBe(200);
  });

  test('unknown table, missing record, bad JSON, bad query use the envelope', async () => {
    const table = await call('GET', '/api/now/table/u_nope');
    expect(table.status).toBe(400);
    expect(table.json).toEqual({
      error: { message: 'Invalid table u_nope', detail: null },
      status: 'failure',
    });
    const missing = await call('GET', `/api/now/table/incident/${'0'.repeat(32)}`);
    expect(missing.json).toEqual({
      error: {
        message: 'No Record found',
        detail: "Record doesn't exist or ACL restricts the record retrieval",
      },
      status: 'failure',
    });
    const badJson = await sn.handle(
      { method: 'POST', path: '/api/now/table/incident', headers: { authorization: BASIC }, body: '{nope' },
      USER,
    );
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).status).toBe('failure');
    for (const q of ['short_descriptionSAMEASx', 'priority=javascript:gs.daysAgo(1)', '^ORpriority=1']) {
      const res = await call('GET', `/api/now/table/incident?sysparm_query=${encodeURIComponent(q)}`);
      expect(res.status).toBe(400);
      expect(res.json.status).toBe('failure');
      expect(res.json.error.message).toEqual(expect.any(String));
    }
  });

  test('429 with Retry-After under injected faults, deterministic with a seed', async () => {
    sn.setFaults([{ rate: 1, status: 429, retryAfter: 7, match: '/api/now/table/incident' }], { seed: 1 });
    const res = await call('GET', '/api/now/table/incident');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json.status).toBe('failure');
    expect((await call('GET', '/api/now/table/sys_user')).status).toBe(200);
    sn.setFaults([]);
    expect((await call('GET', '/api/now/table/incident')).status).toBe(200);
  });
});

describe('lists', () => {
  test('paging with Link (first/prev/next/last) and X-Total-Count', async () => {
    await incidents(5);
    const first = await call('GET', '/api/now/table/incident?sysparm_limit=2&sysparm_query=ORDERBYnumber');
    expect(first.headers['x-total-count']).toBe('5');
    expect(first.json.result.map((r: { number: string }) => r.number)).toEqual(['INC0010001', 'INC0010002']);
    const links = Object.fromEntries(
      first.headers.link!.split(',').map((part) => {
        const [, url, rel] = /<([^>]+)>;rel="(\w+)"/.exec(part)!;
        return [rel, url];
      }),
    );
    expect(Object.keys(links)).toEqual(['first', 'next', 'last']);
    expect(links.next).toContain('sysparm_offset=2');
    expect(links.last).toContain('sysparm_offset=4');
    const next = new URL(links.next!);
    const second = await call('GET', `${next.pathname}${next.search}`);
    expect(second.json.result.map((r: { number: string }) => r.number)).toEqual(['INC0010003', 'INC0010004']);
    expect(second.headers.link).toContain('rel="prev"');
    const last = await call(
      'GET',
      '/api/now/table/incident?sysparm_limit=2&sysparm_offset=4&sysparm_query=ORDERBYnumber',
    );
    expect(last.headers.link).not.toContain('rel="next"');
  });

  test('encoded queries: AND, OR, IN, LIKE, STARTSWITH, ORDERBYDESC', async () => {
    await incidents(5);
    const q = async (query: string) =>
      (
        await call(
          'GET',
          `/api/now/table/incident?sysparm_fields=number&sysparm_query=${encodeURIComponent(query)}`,
        )
      ).json.result.map((r: { number: string }) => r.number);
    expect(await q('priority=1^ORpriority=2^ORDERBYnumber')).toEqual([
      'INC0010001',
      'INC0010002',
      'INC0010004',
      'INC0010005',
    ]);
    expect(await q('priority=1^short_descriptionLIKEincident 4')).toEqual(['INC0010004']);
    expect(await q('numberIN INC0010002,INC0010003'.replace(' ', '')).then((r) => r.sort())).toEqual([
      'INC0010002',
      'INC0010003',
    ]);
    expect(await q('short_descriptionSTARTSWITHincident^ORDERBYDESCnumber')).toEqual([
      'INC0010005',
      'INC0010004',
      'INC0010003',
      'INC0010002',
      'INC0010001',
    ]);
    expect(await q('priority=0^NQpriority=1^ORDERBYnumber')).toEqual([
      'INC0010001',
      'INC0010003',
      'INC0010004',
    ]);
    expect(parseEncodedQuery('a=1^b=2^ORc=3').groups).toHaveLength(1);
  });
});

describe('fidelity: queries, parameters, display values, OAuth, ACLs, lost responses', () => {
  test('a caret written ^^ stays inside its value: it never starts a new condition', async () => {
    const [id] = await incidents(2);
    await call('PATCH', `/api/now/table/incident/${id}`, { short_description: 'x^NQpriority=2' });
    const q = async (query: string) =>
      (
        await call('GET', `/api/now/table/incident?sysparm_query=${encodeURIComponent(query)}`)
      ).json.result.map((r: { sys_id: string }) => r.sys_id);
    expect(await q('short_description=x^^NQpriority=2')).toEqual([id]);
    expect(await q('short_description=nothing^^NQpriority=2')).toEqual([]);
    expect(parseEncodedQuery('a=1^^^b=2').groups).toEqual([
      [[{ field: 'a', operator: '=', value: '1^' }], [{ field: 'b', operator: '=', value: '2' }]],
    ]);
  });

  test('a name=value query parameter filters the list (in every ^NQ group)', async () => {
    await incidents(3);
    const res = await call('GET', '/api/now/table/incident?number=INC0010002&sysparm_fields=number');
    expect(res.json.result).toEqual([{ number: 'INC0010002' }]);
    const both = await call(
      'GET',
      `/api/now/table/incident?priority=1&sysparm_query=${encodeURIComponent('number=INC0010002^NQnumber=INC0010003')}`,
    );
    expect(both.json.result.map((r: { number: string }) => r.number)).toEqual([]);
  });

  test('sysparm_input_display_value=true takes choice labels and reference display values', async () => {
    const res = await call('POST', '/api/now/table/sc_req_item?sysparm_input_display_value=true', {
      state: 'Work in Progress',
      assigned_to: 'Dara Steward',
    });
    expect(res.json.result).toMatchObject({
      state: '2',
      assigned_to: { value: '9f8e7d6c5b4a43219a8b7c6d5e4f3a2b' },
    });
    const raw = await call('POST', '/api/now/table/sc_req_item', { state: 'Work in Progress' });
    expect(raw.json.result.state).toBe('Work in Progress');
    const bad = await call('POST', '/api/now/table/sc_req_item?sysparm_input_display_value=true', {
      state: 'Sort of done',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.detail).toContain('Sort of done');
    expect(
      (await call('POST', '/api/now/table/sc_req_item?sysparm_input_display_value=maybe', {})).status,
    ).toBe(400);
    expect(sn.records('sc_req_item')).toHaveLength(2);
  });

  test('OAuth client credentials: the token endpoint issues a bearer token the Table API accepts', async () => {
    const token = await sn.handle(
      {
        method: 'POST',
        path: '/oauth_token.do',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=pilot-pathway&client_secret=sandbox-client-secret',
      },
      USER,
    );
    expect(token.status).toBe(200);
    const body = JSON.parse(token.body);
    expect(body).toMatchObject({
      access_token: 'sandbox-oauth-token',
      token_type: 'Bearer',
      expires_in: 1800,
    });
    expect(
      (await call('GET', '/api/now/table/incident', undefined, `Bearer ${body.access_token}`)).status,
    ).toBe(200);
    const wrong = await sn.handle(
      {
        method: 'POST',
        path: '/oauth_token.do',
        headers: {},
        body: 'grant_type=client_credentials&client_id=pilot-pathway&client_secret=nope',
      },
      USER,
    );
    expect(wrong.status).toBe(401);
  });

  test('a user without the itil role reads but cannot write: 403 in the envelope', async () => {
    const readOnly = `Basic ${Buffer.from('readonly.integration:sandbox-password').toString('base64')}`;
    expect((await call('GET', '/api/now/table/sc_req_item', undefined, readOnly)).status).toBe(200);
    const res = await call('POST', '/api/now/table/sc_req_item', { short_description: 'x' }, readOnly);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      error: { message: 'Operation Failed', detail: expect.stringContaining('ACL Exception Insert Failed') },
      status: 'failure',
    });
    expect(sn.records('sc_req_item')).toHaveLength(0);
  });

  test('a fault after apply: the record is created, the response lost', async () => {
    sn.setFaults([{ rate: 1, status: 504, match: 'POST /api/now/table/sc_req_item', lostResponse: true }]);
    const res = await call('POST', '/api/now/table/sc_req_item', { short_description: 'lost' });
    expect(res.status).toBe(504);
    expect(sn.records('sc_req_item').map((r) => r.short_description)).toEqual(['lost']);
    expect((await call('GET', '/api/now/table/sc_req_item')).status).toBe(200);
  });
});

describe('a query on a field the table does not have (serviceNowInvalidQuery)', () => {
  const numbers = async (path: string) => {
    const res = await call('GET', path);
    expect(res.status).toBe(200);
    return res.json.result.map((r: { number: string }) => r.number);
  };
  const query = (q: string, more = '') =>
    `/api/now/table/incident?sysparm_fields=number&sysparm_query=${encodeURIComponent(q)}${more}`;

  test('ignore (the default, as ServiceNow): the condition is dropped, the rest still applies', async () => {
    await incidents(4);
    expect(sn.invalidQueryBehaviour).toBe('ignore');
    expect(await numbers(query('u_unknown=1^priority=1'))).toEqual(['INC0010001', 'INC0010004']);
    expect(await numbers(query('u_unknown=1'))).toHaveLength(4);
    expect(await numbers(query('priority=2^ORu_unknown=x'))).toEqual(['INC0010002']);
    expect(await numbers(query('u_unknown=1^NQpriority=0'))).toHaveLength(4);
    expect(await numbers(query('priority=1^ORDERBYDESCu_nope^ORDERBYDESCnumber'))).toEqual([
      'INC0010004',
      'INC0010001',
    ]);
    expect(await numbers('/api/now/table/incident?sysparm_fields=number&u_nope=1&priority=2')).toEqual([
      'INC0010002',
    ]);
  });

  test('no-rows (glide.invalid_query.returns_no_rows): nothing, with X-Total-Count 0', async () => {
    await incidents(2);
    sn.setInvalidQuery('no-rows');
    const res = await call('GET', query('u_unknown=1^priority=1'));
    expect([res.status, res.json.result, res.headers['x-total-count']]).toEqual([200, [], '0']);
    expect(await numbers(query('priority=1'))).toEqual(['INC0010001']);
  });

  test('error: 400 in the envelope naming the field; reset goes back to ignore', async () => {
    await incidents(1);
    sn.setInvalidQuery('error');
    for (const path of [query('u_unknown=1'), '/api/now/table/incident?u_nope=1']) {
      const res = await call('GET', path);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        error: {
          message: 'Invalid query',
          detail: expect.stringMatching(/^Unknown field "u_(nope|unknown)" on table incident$/),
        },
        status: 'failure',
      });
    }
    sn.reset();
    expect(sn.invalidQueryBehaviour).toBe('ignore');
  });
});

describe('roles and ACLs: the integration user has only the roles docs/servicenow.md asks for', () => {
  const ADMIN = `Basic ${Buffer.from('admin:sandbox-admin').toString('base64')}`;

  test('the integration user neither reads nor writes sys_properties; the admin does', async () => {
    const created = await call(
      'POST',
      '/api/now/table/sys_properties',
      { name: 'x_pilot_pathway.push_secret', value: 'shh', type: 'password2' },
      ADMIN,
    );
    expect(created.status).toBe(201);
    const sysId = created.json.result.sys_id;

    const list = await call('GET', '/api/now/table/sys_properties');
    expect([list.status, list.json.result]).toEqual([200, []]);
    const queried = await call('GET', '/api/now/table/sys_properties?name=x_pilot_pathway.push_secret');
    expect([queried.status, queried.json.error]).toEqual([
      403,
      {
        message: 'Insufficient rights to query records',
        detail: 'Field(s) present in the query do not have permission to be read',
      },
    ]);
    const one = await call('GET', `/api/now/table/sys_properties/${sysId}`);
    expect([one.status, one.json.error.message]).toEqual([404, 'No Record found']);
    expect(JSON.stringify([list.json, queried.json, one.json])).not.toContain('shh');

    for (const [method, path] of [
      ['POST', '/api/now/table/sys_properties'],
      ['PATCH', `/api/now/table/sys_properties/${sysId}`],
      ['DELETE', `/api/now/table/sys_properties/${sysId}`],
    ] as const) {
      const res = await call(method, path, { value: 'mine' });
      expect(res.status).toBe(403);
      expect(res.json.error.detail).toMatch(
        /^ACL Exception (Insert|Update|Delete) Failed due to security constraints/,
      );
    }
    expect(sn.property('x_pilot_pathway.push_secret')).toBe('shh');

    const byAdmin = await call(
      'GET',
      `/api/now/table/sys_properties/${sysId}?sysparm_fields=value`,
      undefined,
      ADMIN,
    );
    expect(byAdmin.json.result).toEqual({ value: 'shh' });
  });

  test('the integration user creates no users and no business rules; it reads users; the admin creates both', async () => {
    const user = { user_name: 'mallory', first_name: 'Mal', last_name: 'Lory' };
    const rule = { name: 'Pilot Pathway push', collection: 'sc_req_item', when: 'after', script: '' };
    expect((await call('POST', '/api/now/table/sys_user', user)).status).toBe(403);
    expect((await call('POST', '/api/now/table/sys_script', rule)).status).toBe(403);
    expect(sn.records('sys_user').map((u) => u.user_name)).not.toContain('mallory');
    expect(sn.records('sys_script')).toEqual([]);
    expect((await call('GET', '/api/now/table/sys_user?user_name=admin')).json.result).toHaveLength(1);

    expect((await call('POST', '/api/now/table/sys_user', user, ADMIN)).status).toBe(201);
    expect((await call('POST', '/api/now/table/sys_script', rule, ADMIN)).status).toBe(201);
    expect(sn.records('sys_script').map((r) => r.name)).toEqual(['Pilot Pathway push']);
  });

  test('the integration user (itil) writes requested items; the admin passes every ACL', async () => {
    expect((await call('POST', '/api/now/table/sc_req_item', { short_description: 'app' })).status).toBe(201);
    expect(
      (await call('POST', '/api/now/table/sc_req_item', { short_description: 'admin' }, ADMIN)).status,
    ).toBe(201);
  });
});

describe('a custom table and its fields (ui/meta)', () => {
  const CUSTOM = {
    name: 'u_data_request',
    label: 'Data Request',
    numberPrefix: 'DR',
    columns: ['number', 'short_description', 'description', 'state'],
    choices: {},
    references: {},
    displayColumn: 'number',
  };

  test("ui/meta lists a table's fields to anyone who may read it; a custom table has only its own", async () => {
    const ritm = await call('GET', '/api/now/ui/meta/sc_req_item');
    expect(ritm.status).toBe(200);
    expect(ritm.json.result.columns.correlation_id).toMatchObject({
      name: 'correlation_id',
      internal_type: 'string',
    });
    expect(ritm.json.result.columns.request).toMatchObject({
      internal_type: 'reference',
      reference: 'sc_request',
    });

    sn.defineTable(CUSTOM);
    const custom = await call('GET', '/api/now/ui/meta/u_data_request');
    expect(Object.keys(custom.json.result.columns)).toEqual(
      expect.arrayContaining(['sys_id', 'number', 'state']),
    );
    expect(custom.json.result.columns).not.toHaveProperty('correlation_id');
    expect(custom.json.result.columns).not.toHaveProperty('correlation_display');

    expect((await call('GET', '/api/now/ui/meta/sys_properties')).status).toBe(403);
    expect((await call('GET', '/api/now/ui/meta/u_nope')).status).toBe(400);
  });

  test('a custom table without the correlation fields: a query on them is dropped (ignore), the fields are not stored', async () => {
    sn.defineTable(CUSTOM);
    expect(() => sn.defineTable(CUSTOM)).toThrow(/exists/);
    const created = await call('POST', '/api/now/table/u_data_request', {
      short_description: 'Mine',
      correlation_id: '10001',
      correlation_display: 'Pilot Pathway',
    });
    expect(created.status).toBe(201);
    expect(created.json.result).not.toHaveProperty('correlation_id');
    expect(created.json.result.number).toBe('DR0010001');
    sn.createAsUser('u_data_request', { short_description: "Someone else's" }, 'mallory');
    const listed = await call(
      'GET',
      '/api/now/table/u_data_request?sysparm_fields=short_description,correlation_id&sysparm_query=correlation_id%3D10001',
    );
    expect(listed.json.result).toEqual([
      { short_description: 'Mine' },
      { short_description: "Someone else's" },
    ]);
    sn.reset();
    expect((await call('GET', '/api/now/table/u_data_request')).status).toBe(400);
  });
});

describe('who made a record (sys_created_by)', () => {
  test('the authenticated integration user, by Basic or by the OAuth client it acts as', async () => {
    const basic = await call('POST', '/api/now/table/incident', { short_description: 'By Basic' });
    expect(basic.json.result.sys_created_by).toBe('pilot.pathway');
    const token = await sn.handle(
      {
        method: 'POST',
        path: '/oauth_token.do',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=pilot-pathway&client_secret=sandbox-client-secret',
      },
      USER,
    );
    const bearer = `Bearer ${JSON.parse(token.body).access_token}`;
    const oauth = await call('POST', '/api/now/table/incident', { short_description: 'By OAuth' }, bearer);
    expect([oauth.json.result.sys_created_by, oauth.json.result.sys_updated_by]).toEqual([
      'pilot.pathway',
      'pilot.pathway',
    ]);
    const admin = `Basic ${Buffer.from('admin:sandbox-admin').toString('base64')}`;
    const byAdmin = await call('POST', '/api/now/table/incident', { short_description: 'By admin' }, admin);
    expect(byAdmin.json.result.sys_created_by).toBe('admin');
  });

  test('someone else, not the app, creates a record; a later change by the app keeps its creator', async () => {
    const record = sn.createAsUser('sc_req_item', { short_description: 'Filed by hand' }, 'mallory');
    expect([record.sys_created_by, record.sys_updated_by]).toEqual(['mallory', 'mallory']);
    const changed = await call('PATCH', `/api/now/table/sc_req_item/${record.sys_id}`, {
      state: '2',
      sys_created_by: 'pilot.pathway',
    });
    expect([changed.json.result.sys_created_by, changed.json.result.sys_updated_by]).toEqual([
      'mallory',
      'pilot.pathway',
    ]);
  });
});

describe('service catalog', () => {
  test('order_now creates REQ0010001 and a RITM0010001 in state 1', async () => {
    const res = await call(
      'POST',
      `/api/sn_sc/servicecatalog/items/${DATA_ACCESS_CATALOG_ITEM.sys_id}/order_now`,
      {
        sysparm_quantity: '1',
        variables: { dataset: 'claims', justification: 'pilot AIP-1' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.json.result).toEqual({
      sys_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      number: 'REQ0010001',
      request_number: 'REQ0010001',
      request_id: res.json.result.sys_id,
      table: 'sc_request',
    });
    const ritm = sn.records('sc_req_item')[0]!;
    expect(ritm).toMatchObject({
      number: 'RITM0010001',
      state: '1',
      request: res.json.result.sys_id,
      cat_item: DATA_ACCESS_CATALOG_ITEM.sys_id,
      quantity: '1',
    });
    expect(sn.variablesOf(ritm.sys_id!)).toEqual({ dataset: 'claims', justification: 'pilot AIP-1' });
    const bad = await call('POST', `/api/sn_sc/servicecatalog/items/${'f'.repeat(32)}/order_now`, {});
    expect(bad.status).toBe(400);
    expect(bad.json.status).toBe('failure');
  });

  test('an order whose answer is lost is found again: unmarked (ISEMPTY), created since (>=), variables read', async () => {
    const orderNow = `/api/sn_sc/servicecatalog/items/${DATA_ACCESS_CATALOG_ITEM.sys_id}/order_now`;
    await call('POST', orderNow, { variables: { justification: 'earlier order' } });
    now = new Date('2026-03-01T09:10:00Z');
    sn.setFaults([{ rate: 1, status: 504, match: `POST ${orderNow}`, lostResponse: true }]);
    const lost = await call('POST', orderNow, { variables: { justification: 'ref 42\nwhy' } });
    expect(lost.status).toBe(504);
    sn.setFaults([]);
    const [, ours] = sn.records('sc_req_item');
    expect(ours).toMatchObject({ correlation_id: '', sys_created_on: '2026-03-01 09:10:00' });
    const query = (since: string, extra = '') =>
      call(
        'GET',
        `/api/now/table/sc_req_item?${new URLSearchParams({
          sysparm_query: `cat_item=${DATA_ACCESS_CATALOG_ITEM.sys_id}^sys_created_on>=${since}^correlation_idISEMPTY${extra}^ORDERBYsys_created_on`,
          sysparm_fields: 'number,variables.justification',
        })}`,
      );
    // The boundary is inclusive; the earlier order is before it.
    expect((await query('2026-03-01 09:10:00')).json.result).toEqual([
      { number: ours!.number, 'variables.justification': 'ref 42\nwhy' },
    ]);
    expect((await query('2026-03-01 09:10:01')).json.result).toEqual([]);
    expect((await query('2026-03-01 08:59:59')).json.result).toHaveLength(2);
    // Once marked, ISEMPTY no longer matches it (ISNOTEMPTY does).
    await call('PATCH', `/api/now/table/sc_req_item/${ours!.sys_id}`, { correlation_id: '10001' });
    expect((await query('2026-03-01 09:10:00')).json.result).toEqual([]);
    const marked = await call(
      'GET',
      `/api/now/table/sc_req_item?sysparm_query=correlation_idISNOTEMPTY&sysparm_fields=number`,
    );
    expect(marked.json.result).toEqual([{ number: ours!.number }]);
  });
});

describe('outbound push', () => {
  test('a ServiceNow user change is pushed, signed over timestamp+body', async () => {
    const received: { url: string; headers: Record<string, string>; body: string }[] = [];
    sn.setPushDelivery(async (req) => {
      received.push(req);
      return { status: 204, body: '' };
    });
    await call('POST', `/api/sn_sc/servicecatalog/items/${DATA_ACCESS_CATALOG_ITEM.sys_id}/order_now`, {});
    const ritm = sn.records('sc_req_item')[0]!;
    await sn.changeAsUser('sc_req_item', ritm.sys_id!, { state: '3' });
    expect(received).toHaveLength(0); // disabled by default
    sn.setPush({ enabled: true, secret: 'shh' });
    expect((await sn.changeAsUser('sc_req_item', ritm.sys_id!, { state: 2 })).push).toBeUndefined(); // no URL yet
    sn.setPush({ url: 'https://hooks.example.test/x1/servicenow-webhook' });
    expect(sn.property('x_pilot_pathway.push_secret')).toBe('shh');
    const { record, push } = await sn.changeAsUser('sc_req_item', ritm.sys_id!, { state: 3 });
    expect(record.state).toBe('3');
    expect(push).toEqual({ status: 204, body: '' });
    const [req] = received;
    const timestamp = req!.headers['x-pilot-pathway-timestamp']!;
    expect(req!.url).toBe('https://hooks.example.test/x1/servicenow-webhook');
    expect(timestamp).toBe(String(Date.parse('2026-03-01T09:00:00Z') / 1000));
    expect(req!.headers['x-pilot-pathway-signature']).toBe(signPush('shh', timestamp, req!.body));
    // What the business rule of docs/servicenow.md sends, signed in Base64 as generateMac returns it.
    expect(req!.headers['x-pilot-pathway-signature']).toMatch(/^sha256=[A-Za-z0-9+/]{43}=$/);
    expect(JSON.parse(req!.body)).toEqual({
      table: 'sc_req_item',
      sys_id: ritm.sys_id,
      number: 'RITM0010001',
      state: '3',
      sys_mod_count: 3,
      sys_updated_on: '2026-03-01 09:00:00',
    });
    expect(glideDateTime(now)).toBe('2026-03-01 09:00:00');
  });

  test('counts only the app calls', async () => {
    await call('GET', '/api/now/table/incident');
    await sn.handle(
      { method: 'GET', path: '/api/now/table/incident', headers: { authorization: BASIC } },
      { kind: 'app', viaApp: true },
    );
    expect(sn.metrics()).toEqual({ calls: 1 });
  });
});
