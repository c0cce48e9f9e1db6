/**
 * The Forge runtime runs a real app bundle (sandbox/forge/fixtures/app) with the real @forge/api,
 * @forge/kvs, @forge/events and @forge/resolver packages.
 */
import { SANDBOX_USERS } from '../contracts';
import type { ServiceNowInstance } from '../servicenow/instance';
import type { SandboxClock } from './clock';
import type { MinimalJiraSite } from './fixtures/minimal-jira';
import { type FixtureRuntime, startFixtureRuntime } from './fixtures/fixture-runtime';
import { type ForgeRuntime, INSTALL_CONTEXT } from './runtime';

type LogEntry = { handler: string; [k: string]: unknown };
const g = globalThis as typeof globalThis & { __fixtureLog?: LogEntry[] };
const logOf = (handler: string) => (g.__fixtureLog ?? []).filter((e) => e.handler === handler);

const PM = SANDBOX_USERS.projectManager.accountId;
const OUTSIDER = SANDBOX_USERS.outsider.accountId;

let fixture: FixtureRuntime;
let jira: MinimalJiraSite;
let servicenow: ServiceNowInstance;
let runtime: ForgeRuntime;
let clock: SandboxClock;
let logs: string[];

beforeAll(async () => {
  fixture = await startFixtureRuntime('runtime');
  ({ jira, servicenow, runtime, clock, logs } = fixture);
});

afterAll(() => fixture.close());

beforeEach(async () => {
  await runtime.idle();
  g.__fixtureLog = [];
  runtime.setDeliveryMode({ duplicates: 1, concurrent: false });
});

async function createIssue(summary: string, as = PM): Promise<string> {
  const res = await jira.handle(
    {
      method: 'POST',
      path: '/rest/api/3/issue',
      headers: {},
      body: JSON.stringify({ fields: { project: { key: 'AIP' }, summary } }),
    },
    { kind: 'user', accountId: as, viaApp: false },
  );
  return (JSON.parse(res.body) as { key: string }).key;
}

const invoke = (functionKey: string, payload: unknown = {}, accountId: string = PM) =>
  fixture.invoke(functionKey, payload, accountId);

describe('product requests', () => {
  test('requestJira(route`/rest/api/3/issue/${key}`) asApp reaches the Jira site and returns its data', async () => {
    const key = await createIssue('Fraud model pilot');
    const result = await invoke('issueAsApp', { key });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ key, fields: { summary: 'Fraud model pilot' } });
    await expect(invoke('issueDefault', { key })).resolves.toMatchObject({ status: 200 });
  });

  test('asUser() acts as the invoking user: the outsider gets 404 and no issues, the app sees them', async () => {
    const key = await createIssue('Churn pilot');
    await expect(invoke('issueAsUser', { key }, OUTSIDER)).resolves.toMatchObject({ status: 404 });
    const search = await invoke('searchAsUser', {}, OUTSIDER);
    expect((search.body as { issues: unknown[] }).issues).toEqual([]);
    await expect(invoke('issueAsApp', { key }, OUTSIDER)).resolves.toMatchObject({ status: 200 });
    await expect(invoke('issueAsUser', { key }, PM)).resolves.toMatchObject({ status: 200 });
  });

  test('a product path that is not a route is refused by the SDK', async () => {
    await expect(invoke('plainStringPath')).rejects.toThrow(/route/);
  });

  test('the app calls are counted by the site, a test client calls are not', async () => {
    jira.resetMetrics();
    const key = await createIssue('Counted');
    await invoke('issueAsApp', { key });
    expect(jira.metrics().calls).toBe(1);
  });
});

describe('storage', () => {
  test('@forge/kvs set/get/query/transaction/delete/secret round-trip through the runtime', async () => {
    const r = await invoke('kvsRoundTrip');
    expect(r.one).toEqual({ score: 10 });
    expect(r.missing).toBeUndefined();
    const page1 = r.page1 as { results: { key: string }[]; nextCursor?: string };
    const page2 = r.page2 as { results: { key: string }[]; nextCursor?: string };
    expect(page1.results.map((x) => x.key)).toEqual(['pilot:1']);
    expect(page1.nextCursor).toEqual(expect.any(String));
    expect(page2.results.map((x) => x.key)).toEqual(['pilot:2']);
    expect(page2.nextCursor).toBeUndefined();
    expect(r.afterTx).toEqual({ a: 1, b: 2 });
    expect(r.deleted).toBeUndefined();
    expect(r.secret).toBe('s3cret');
    expect(r.allKeys).not.toContain('token');
    expect(runtime.kvs.snapshot()).toMatchObject({ 'pilot:1': { score: 10 }, 'tx:a': 1 });
  });

  test('a query page holds at most 20 results, whatever limit is asked (Forge storage query docs)', async () => {
    expect(await invoke('kvsBigPages')).toEqual({ asked100: 20, hasCursor: true, pageSizes: [20, 20, 5] });
  });

  test.each([
    ['longKey', 'KEY_TOO_LONG'],
    ['bigValue', 'MAX_SIZE'],
    ['bigTx', 'TOO_MANY_OPERATIONS'],
    ['bigQuery', 'LIST_QUERY_LIMIT_EXCEEDED'],
  ])('a %s is refused with Forge error code %s', async (kind, code) => {
    const r = await invoke('kvsError', { kind });
    expect(r).toMatchObject({ name: 'ForgeKvsError', code });
  });
});

describe('events', () => {
  test('product events reach triggers after the change, asynchronously; ignoreSelf drops the app own events', async () => {
    const key = await createIssue('Made by a person');
    expect(logOf('created-all')).toHaveLength(0); // not delivered synchronously
    await runtime.idle();
    expect(logOf('created-all').map((e) => e.key)).toEqual([key]);
    expect(logOf('created-ignore-self').map((e) => e.key)).toEqual([key]);
    expect(logOf('created-ignore-self')[0]).toMatchObject({
      atlassianId: PM,
      context: { installContext: INSTALL_CONTEXT },
    });

    g.__fixtureLog = [];
    const made = await invoke('createAsApp', { summary: 'Made by the app' });
    await runtime.idle();
    const appKey = (made.body as { key: string }).key;
    expect(logOf('created-all').map((e) => e.key)).toEqual([appKey]);
    expect(logOf('created-ignore-self')).toHaveLength(0);
  });

  test('duplicate + concurrent delivery delivers n copies at once', async () => {
    runtime.setDeliveryMode({ duplicates: 3, concurrent: true });
    const key = await createIssue('Duplicated');
    await runtime.idle();
    const starts = (g.__fixtureLog ?? [])
      .map((e) => e.handler)
      .filter((h) => h.startsWith('created-ignore-self'));
    expect(logOf('created-ignore-self').map((e) => e.key)).toEqual([key, key, key]);
    // concurrent: all three started before the first finished
    expect(starts.slice(0, 3)).toEqual(['created-ignore-self', 'created-ignore-self', 'created-ignore-self']);
  });

  test('duplicate sequential delivery runs the copies one after another', async () => {
    runtime.setDeliveryMode({ duplicates: 2, concurrent: false });
    await createIssue('Sequential');
    await runtime.idle();
    const order = (g.__fixtureLog ?? [])
      .map((e) => e.handler)
      .filter((h) => h.startsWith('created-ignore-self'));
    expect(order).toEqual([
      'created-ignore-self',
      'created-ignore-self:end',
      'created-ignore-self',
      'created-ignore-self:end',
    ]);
  });

  test('held events wait for release, then separate changes reach the app at the same moment', async () => {
    runtime.holdDeliveries();
    const first = await createIssue('Held one');
    const second = await createIssue('Held two');
    await runtime.idle();
    expect(logOf('created-ignore-self')).toHaveLength(0);

    // Two events, each to two triggers (created-all and created-ignore-self).
    expect(runtime.releaseDeliveries()).toBe(4);
    await runtime.idle();
    const order = (g.__fixtureLog ?? [])
      .map((e) => e.handler)
      .filter((h) => h.startsWith('created-ignore-self'));
    // Overlapping: both started before either finished.
    expect(order.slice(0, 2)).toEqual(['created-ignore-self', 'created-ignore-self']);
    expect(logOf('created-ignore-self').map((e) => e.key)).toEqual([first, second]);
    // Released: later events are delivered as they come.
    await createIssue('Not held');
    await runtime.idle();
    expect(logOf('created-ignore-self')).toHaveLength(3);
  });

  test('an InvocationError is retried after retryAfter × timeScale, with a retryContext', async () => {
    const key = await createIssue('please retry');
    await jira.handle(
      {
        method: 'PUT',
        path: `/rest/api/3/issue/${key}`,
        headers: {},
        body: JSON.stringify({ fields: { summary: 'please retry me' } }),
      },
      { kind: 'user', accountId: PM, viaApp: false },
    );
    await runtime.idle();
    const attempts = logOf('updated');
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    const gap = (attempts[1]?.at as number) - (attempts[0]?.at as number);
    expect(gap).toBeGreaterThanOrEqual(15); // retryAfter 2 s × 0.01
    expect(runtime.invocations.filter((i) => i.functionKey === 'on-updated').map((i) => i.outcome)).toEqual([
      'retry',
      'retry',
      'ok',
    ]);
  });

  test('Queue.push reaches the consumer with the AsyncEvent shape; InvocationError retries it (at most 4 times)', async () => {
    const { jobId } = (await invoke('push', { body: { label: 'once' } })) as { jobId: string };
    await runtime.idle();
    const [work] = logOf('work');
    expect(work?.event).toMatchObject({
      body: { label: 'once' },
      queueName: 'fixture-work',
      jobId,
      eventId: expect.any(String),
    });

    g.__fixtureLog = [];
    await invoke('push', { body: { label: 'always', failTimes: 10 } });
    await runtime.idle();
    expect(logOf('work').map((w) => w.retryCount)).toEqual([0, 1, 2, 3, 4]);
    expect(logs.some((l) => l.includes('after 4 retries'))).toBe(true);
  });

  test('install registers indexed properties and sends avi:forge:installed:app', async () => {
    runtime.install(SANDBOX_USERS.admin.accountId);
    await runtime.idle();
    expect(jira.indexed).toEqual([{ propertyKey: 'fixture-prop', path: 'score', type: 'number' }]);
    const [installed] = logOf('installed');
    expect(installed?.event).toMatchObject({
      eventType: 'avi:forge:installed:app',
      installerAccountId: SANDBOX_USERS.admin.accountId,
      app: { id: '11111111-2222-4333-8444-555555555555' },
      context: INSTALL_CONTEXT,
    });
  });
});

describe('scheduled, web triggers, resolvers, egress, clock', () => {
  test('a scheduled trigger runs on demand and sees the sandbox clock', async () => {
    clock.set('2026-03-01T09:00:00Z');
    await expect(runtime.runScheduled('fixture-daily')).resolves.toBe('done');
    expect(String(runtime.kvs.snapshot()['daily-ran'])).toMatch(/^2026-03-01T09:00/);
    clock.reset();
  });

  test('a web trigger gets Forge request shape and its response is mapped', async () => {
    const res = await runtime.invokeWebTrigger('fixture-hook', {
      method: 'post',
      path: '/?a=1&a=2',
      headers: { 'Content-Type': 'application/json', 'X-Test': 'yes' },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(res).toMatchObject({
      statusCode: 202,
      headers: { 'Content-Type': 'application/json', 'X-Echo': 'POST' },
    });
    expect(JSON.parse(res.body)).toEqual({ received: { hello: 'world' }, query: { a: ['1', '2'] } });
    const [hook] = logOf('hook');
    expect(hook?.request).toMatchObject({
      method: 'POST',
      headers: { 'content-type': ['application/json'], 'x-test': ['yes'] },
      path: '/',
    });
    await expect(invoke('webTriggerUrl')).resolves.toEqual({ url: 'http://localhost:9999/x1/fixture-hook' });
  });

  test('a resolver gets the principal, the install context and the app context; errors propagate', async () => {
    clock.set('2026-05-05T05:05:05Z');
    const who = await invoke('whoAmI');
    clock.reset();
    expect(who).toMatchObject({
      accountId: PM,
      installContext: INSTALL_CONTEXT,
      moduleKey: 'fixture-panel',
      appAri: 'ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555',
      extension: { type: 'jira:issuePanel', issue: { key: 'AIP-1' } },
    });
    expect(String(who.now)).toMatch(/^2026-05-05T05:05/);
    await expect(invoke('boom')).rejects.toThrow('the resolver failed on purpose');
  });

  test('external fetch reaches the configured ServiceNow instance and nothing else', async () => {
    servicenow.resetMetrics();
    const ok = await invoke('egress', {
      url: `${servicenow.instanceUrl}/api/now/table/sc_cat_item?sysparm_limit=1`,
    });
    expect(ok.status).toBe(200);
    expect(servicenow.metrics().calls).toBe(1);
    const refused = await invoke('egressRefused');
    // Forge answers a blocked backend fetch with a 403 response rather than an exception.
    expect(refused).toMatchObject({ status: 403, body: expect.stringContaining('example.com') });
  });

  test('outside an invocation the global fetch is the real one', async () => {
    await expect(fetch('http://127.0.0.1:1/')).rejects.toThrow();
  });
});
