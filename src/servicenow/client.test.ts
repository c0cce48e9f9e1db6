/**
 * The ServiceNow client against the sandbox's ServiceNow emulator (in process): Table API, paging,
 * catalog orders, both kinds of authentication and every failure turned into a typed error.
 */
import { ServiceNowInstance } from '../../sandbox/servicenow/instance';
import { DATA_ACCESS_CATALOG_ITEM } from '../../sandbox/servicenow/tables';
import { ServiceNowClient, type CachedToken, type FetchFunction, type ServiceNowAuth } from './client';
import { condition, encodedQuery } from './encoded-query';
import { ServiceNowError } from './errors';

const BASIC: ServiceNowAuth = { kind: 'basic', username: 'pilot.pathway', password: 'sandbox-password' };
const OAUTH: ServiceNowAuth = {
  kind: 'oauth',
  clientId: 'pilot-pathway',
  clientSecret: 'sandbox-client-secret',
};

let sn: ServiceNowInstance;
let sleeps: number[];
let now: number;

beforeEach(() => {
  now = Date.parse('2026-03-01T09:00:00Z');
  sn = new ServiceNowInstance({ now: () => new Date(now) });
  sleeps = [];
});

const toEmulator: FetchFunction = async (url, init) => {
  const parsed = new URL(url);
  const reply = await sn.handle(
    {
      method: init.method,
      path: `${parsed.pathname}${parsed.search}`,
      headers: init.headers,
      body: init.body,
    },
    { kind: 'app', viaApp: true },
  );
  return new Response(reply.status === 204 ? null : reply.body, {
    status: reply.status,
    headers: reply.headers,
  });
};

function client(
  auth: ServiceNowAuth = BASIC,
  fetch: FetchFunction = toEmulator,
  cache?: Map<string, CachedToken>,
) {
  return new ServiceNowClient({
    instanceUrl: sn.instanceUrl,
    auth,
    fetch,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...(cache
      ? {
          tokenCache: {
            read: async () => cache.get('token'),
            write: async (token) => void cache.set('token', token),
            clear: async () => void cache.delete('token'),
          },
        }
      : {}),
  });
}

async function failure(promise: Promise<unknown>): Promise<ServiceNowError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ServiceNowError) return error;
    throw error;
  }
  throw new Error('expected a ServiceNowError');
}

describe('Table API', () => {
  test('create, get, update and list with paging by Link', async () => {
    const c = client();
    const created = await c.create('sc_req_item', { short_description: 'one', correlation_id: '10001' });
    expect(created).toMatchObject({ number: 'RITM0010001', correlation_id: '10001', state: '1' });
    const updated = await c.update('sc_req_item', created.sys_id!, { state: '2' });
    expect(updated.state).toBe('2');
    expect(await c.get('sc_req_item', created.sys_id!, ['number', 'state'])).toEqual({
      number: 'RITM0010001',
      state: '2',
    });
    for (let i = 2; i <= 5; i++) await c.create('sc_req_item', { short_description: `item ${i}` });
    c.calls = 0;
    const numbers: string[] = [];
    for await (const page of c.pages('sc_req_item', {
      query: encodedQuery([], [{ field: 'number' }]),
      fields: ['number'],
      limit: 2,
    })) {
      numbers.push(...page.records.map((r) => r.number!));
      expect(page.total).toBe(5);
    }
    expect(numbers).toEqual(['RITM0010001', 'RITM0010002', 'RITM0010003', 'RITM0010004', 'RITM0010005']);
    expect(c.calls).toBe(3);
  });

  test('order_now returns the request; its requested item is found by reference', async () => {
    const c = client();
    const order = await c.orderNow(DATA_ACCESS_CATALOG_ITEM.sys_id, { dataset: 'claims' });
    expect(order.requestNumber).toBe('REQ0010001');
    const { records } = await c.list('sc_req_item', { query: condition('request', '=', order.requestSysId) });
    expect(records.map((r) => r.number)).toEqual(['RITM0010001']);
  });

  test("fieldsOf names a table's fields (ui/meta); an answer without columns is malformed", async () => {
    const fields = await client().fieldsOf('sc_req_item');
    expect(fields).toEqual(
      expect.arrayContaining(['sys_id', 'number', 'correlation_id', 'correlation_display']),
    );
    sn.defineTable({ name: 'u_request', label: 'Request', columns: ['u_name'], displayColumn: 'u_name' });
    expect(await client().fieldsOf('u_request')).not.toContain('correlation_id');
    const bare: FetchFunction = async () => new Response(JSON.stringify({ result: {} }), { status: 200 });
    expect(await failure(client(BASIC, bare).fieldsOf('sc_req_item'))).toMatchObject({
      kind: 'malformed-response',
    });
  });

  test('an encoded-query injection attempt stays one literal value', async () => {
    const c = client();
    await c.create('sc_req_item', { short_description: 'victim', active: 'true' });
    const attempt = 'nothing^NQactive=true';
    const { records } = await c.list('sc_req_item', {
      query: encodedQuery([condition('short_description', '=', attempt)]),
    });
    expect(records).toEqual([]);
    await c.create('sc_req_item', { short_description: attempt });
    const found = await c.list('sc_req_item', {
      query: encodedQuery([condition('short_description', '=', attempt)]),
    });
    expect(found.records.map((r) => r.short_description)).toEqual([attempt]);
    expect(() => condition('short_description', '=', 'a\nb')).toThrow('line break');
    expect(() => condition('short_description^NQ', '=', 'a')).toThrow('field name');
    expect(() => condition('number', 'IN', ['a,b'])).toThrow('comma');
  });
});

describe('authentication', () => {
  test('OAuth: one token call, cached until it expires, fetched again once on a 401', async () => {
    const cache = new Map<string, CachedToken>();
    const c = client(OAUTH, toEmulator, cache);
    await c.list('sc_req_item');
    await c.list('sc_req_item');
    expect(c.calls).toBe(3);
    expect(cache.get('token')).toEqual({ accessToken: 'sandbox-oauth-token', expiresAt: now + 1_800_000 });
    // Another invocation reuses the stored token.
    const again = client(OAUTH, toEmulator, cache);
    await again.list('sc_req_item');
    expect(again.calls).toBe(1);
    // A revoked token: one refresh, then success.
    cache.set('token', { accessToken: 'revoked', expiresAt: now + 1_800_000 });
    const revoked = client(OAUTH, toEmulator, cache);
    await revoked.list('sc_req_item');
    expect(revoked.calls).toBe(3);
    // Expired: a new one.
    now += 1_800_000;
    const later = client(OAUTH, toEmulator, cache);
    await later.list('sc_req_item');
    expect(later.calls).toBe(2);
  });

  test('a wrong OAuth secret or Basic password is a clear 401', async () => {
    const oauth = await failure(client({ ...OAUTH, clientSecret: 'nope' }).list('sc_req_item'));
    expect(oauth).toMatchObject({ kind: 'unauthorized' });
    expect(oauth.message).toContain('OAuth client id or secret');
    const basic = await failure(client({ ...BASIC, password: 'nope' }).list('sc_req_item'));
    expect(basic).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(basic.message).toContain("refused the integration user's credentials (401)");
  });
});

describe('failures', () => {
  test('403 from an ACL names the missing role', async () => {
    const c = client({ kind: 'basic', username: 'readonly.integration', password: 'sandbox-password' });
    const error = await failure(c.create('sc_req_item', { short_description: 'x' }));
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(error.message).toContain('ACL Exception Insert Failed');
    expect(error.message).toContain('itil');
  });

  test('a blocked egress (403, no envelope) is reported as such, not as a missing role', async () => {
    const blocked: FetchFunction = async () => new Response('Forbidden', { status: 403 });
    const error = await failure(client(BASIC, blocked).list('sc_req_item'));
    expect(error.kind).toBe('egress-blocked');
    expect(error.message).toContain('Forge blocked the call to pilot-sandbox.service-now.com');
  });

  test('unknown table and missing record', async () => {
    const table = await failure(client().list('u_nope'));
    expect(table).toMatchObject({ kind: 'invalid-table' });
    expect(table.message).toContain('no such table (u_nope)');
    const record = await failure(client().get('sc_req_item', '0'.repeat(32)));
    expect(record).toMatchObject({ kind: 'not-found', status: 404 });
  });

  test('429: a short Retry-After is waited out, a long one becomes a rate-limited error', async () => {
    sn.setFaults([{ rate: 1, status: 429, retryAfter: 2, match: '/api/now/table/sc_req_item' }], { seed: 1 });
    const error = await failure(client().list('sc_req_item'));
    expect(sleeps).toEqual([2000, 2000]);
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 2 });
    sn.setFaults([{ rate: 1, status: 429, retryAfter: 120 }]);
    sleeps = [];
    const long = await failure(client().create('sc_req_item', {}));
    expect(sleeps).toEqual([]);
    expect(long.message).toContain('try again in 120 seconds');
    expect(sn.records('sc_req_item')).toHaveLength(0);
  });

  test('500: a read is tried once more, a write never', async () => {
    sn.setFaults([{ rate: 1, status: 500 }]);
    const c = client();
    expect(await failure(c.list('sc_req_item'))).toMatchObject({ kind: 'server-error', status: 500 });
    expect(c.calls).toBe(2);
    c.calls = 0;
    expect((await failure(c.create('sc_req_item', {}))).outcomeUnknown).toBe(true);
    expect(c.calls).toBe(1);
  });

  test('a malformed body and no answer at all', async () => {
    const html: FetchFunction = async () => new Response('<html>Login</html>', { status: 200 });
    const error = await failure(client(BASIC, html).list('sc_req_item'));
    expect(error).toMatchObject({ kind: 'malformed-response' });
    expect(error.message).toContain('not JSON');
    const down: FetchFunction = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    const gone = await failure(client(BASIC, down).list('sc_req_item'));
    expect(gone).toMatchObject({ kind: 'unreachable' });
    expect(gone.message).toContain('did not answer');
  });

  test('a Link to another host is not followed', async () => {
    const foreign: FetchFunction = async () =>
      new Response(JSON.stringify({ result: [] }), {
        status: 200,
        headers: { link: '<https://evil.example/api/now/table/x?sysparm_offset=1>;rel="next"' },
      });
    const c = client(BASIC, foreign);
    const page = await c.list('sc_req_item');
    await expect(c.listAt(page.next!)).rejects.toThrow('another host');
  });
});
