/**
 * Forge's documented limits (`forgeLimits`) and the latency of the app's calls, as the fixture app
 * meets them through the real @forge/api, @forge/kvs and @forge/events: invocation time limits in
 * platform time, the async events queue's limits and the storage quotas, each surfacing as the SDK
 * surfaces it. The limits' sources: docs/forge-notes.md.
 */
import { type FixtureRuntime, startFixtureRuntime } from './fixtures/fixture-runtime';

type LogEntry = { handler: string; [k: string]: unknown };
const g = globalThis as typeof globalThis & { __fixtureLog?: LogEntry[]; __fixtureBusyMs?: number };
const logOf = (handler: string) => (g.__fixtureLog ?? []).filter((e) => e.handler === handler);

let fixture: FixtureRuntime;
const runtime = () => fixture.runtime;
const invoke = (functionKey: string, payload: unknown = {}) => fixture.invoke(functionKey, payload);
const recordsOf = (functionKey: string) => runtime().invocations.filter((r) => r.functionKey === functionKey);
const lastRecordOf = (functionKey: string) => recordsOf(functionKey).at(-1);

beforeAll(async () => {
  fixture = await startFixtureRuntime('limits');
});

afterAll(() => fixture.close());

beforeEach(async () => {
  await runtime().idle();
  g.__fixtureLog = [];
  runtime().invocations.length = 0;
  runtime().timeScale = 0.001;
  runtime().setPlatformBehaviour({
    forgeLimits: true,
    jiraLatencyMs: 0,
    serviceNowLatencyMs: 0,
    kvsLatencyMs: 0,
  });
  runtime().clearPlatformQuotas();
  runtime().resetPlatformMetrics();
  runtime().kvs.clear();
  fixture.jira.resetMetrics();
  fixture.clock.reset();
});

describe('invocation time limits, in platform time', () => {
  test('a resolver past 25 s fails with FUNCTION_TIME_OUT, and nothing it does afterwards happens', async () => {
    runtime().setPlatformBehaviour({ jiraLatencyMs: 1000 });
    await expect(invoke('spend', { calls: 30 })).rejects.toThrow(/FUNCTION_TIME_OUT/);
    await runtime().idle();
    // Stopped once 25 s had passed: the calls after it and the write at the end never happened.
    expect(fixture.jira.metrics().calls).toBe(25);
    expect(runtime().kvs.snapshot()['spend-finished']).toBeUndefined();
    const record = lastRecordOf('fixture-resolver');
    expect(record).toMatchObject({ outcome: 'timeout', kind: 'resolver' });
    expect(record?.durationMs).toBeGreaterThan(25_000);
    expect(record?.durationMs).toBeLessThan(26_000);
    expect(runtime().platformMetrics().invocations['fixture-resolver']).toMatchObject({
      count: 1,
      limitMs: 25_000,
      timedOut: 1,
    });
  });

  test("the same 30 s of calls fit a web trigger's 55 s", async () => {
    runtime().setPlatformBehaviour({ jiraLatencyMs: 1000 });
    const res = await runtime().invokeWebTrigger('fixture-hook', {
      method: 'POST',
      path: '/',
      headers: {},
      body: JSON.stringify({ calls: 30 }),
    });
    expect(res.statusCode).toBe(202);
    expect(lastRecordOf('on-hook')?.durationMs).toBeGreaterThanOrEqual(30_000);
    expect(runtime().platformMetrics().invocations['on-hook']).toMatchObject({
      limitMs: 55_000,
      timedOut: 0,
    });
  });

  test('with forgeLimits off the resolver runs to its end, however long it takes', async () => {
    runtime().setPlatformBehaviour({ forgeLimits: false, jiraLatencyMs: 1000 });
    await expect(invoke('spend', { calls: 30 })).resolves.toMatchObject({ sandboxMs: expect.any(Number) });
    expect(runtime().kvs.snapshot()['spend-finished']).toBe(30);
    expect(lastRecordOf('fixture-resolver')).toMatchObject({ outcome: 'ok' });
    expect(lastRecordOf('fixture-resolver')?.durationMs).toBeGreaterThanOrEqual(30_000);
  });

  test('work that holds the event loop past the limit is still reported and failed; a scheduled trigger is not retried', async () => {
    // fixture-tight's function declares timeoutSeconds: 1; its work blocks every timer meanwhile.
    g.__fixtureBusyMs = 1100;
    try {
      await expect(runtime().runScheduled('fixture-tight')).rejects.toThrow(/FUNCTION_TIME_OUT/);
      await runtime().idle();
      expect(recordsOf('on-tight').map((r) => r.outcome)).toEqual(['timeout']);
      expect(runtime().platformMetrics().invocations['on-tight']).toMatchObject({
        limitMs: 1000,
        timedOut: 1,
      });

      runtime().setPlatformBehaviour({ forgeLimits: false });
      await expect(runtime().runScheduled('fixture-tight')).resolves.toBe('tight done');
    } finally {
      g.__fixtureBusyMs = 0;
    }
  });

  test('a queue consumer past its timeoutSeconds is retried with the retry reason FUNCTION_TIME_OUT', async () => {
    // 3 calls of 50 s each: 150 s, past the 120 s the consumer's function declares.
    runtime().setPlatformBehaviour({ jiraLatencyMs: 50_000 });
    await invoke('push', { queue: 'long-work', body: { jiraCalls: 3, untilRetry: 2 } });
    await runtime().idle();
    expect(logOf('long-work').map((e) => [e.retryCount, e.retryReason])).toEqual([
      [0, undefined],
      [1, 'FUNCTION_TIME_OUT'],
      [2, 'FUNCTION_TIME_OUT'],
    ]);
    expect(recordsOf('on-long-work').map((r) => r.outcome)).toEqual(['timeout', 'timeout', 'ok']);
    expect(logOf('long-work:end').map((e) => e.retryCount)).toEqual([2]);
    expect(runtime().platformMetrics().invocations['on-long-work']).toMatchObject({
      count: 3,
      limitMs: 120_000,
      timedOut: 2,
    });
  });
});

describe('latency: sandbox time runs on', () => {
  test('calls in flight together overlap, calls one after another add up, and the sandbox clock runs on with them', async () => {
    runtime().setPlatformBehaviour({ jiraLatencyMs: 1000 });
    const parallel = await invoke('spend', { calls: 20, parallel: true });
    const parallelRecord = lastRecordOf('fixture-resolver');
    expect(parallelRecord?.durationMs).toBeGreaterThanOrEqual(1000);
    expect(parallelRecord?.durationMs).toBeLessThan(2000);
    expect(parallel.sandboxMs).toBeGreaterThanOrEqual(1000);
    expect(parallel.sandboxMs).toBeLessThan(2000);

    const sequential = await invoke('spend', { calls: 10 });
    const sequentialRecord = lastRecordOf('fixture-resolver');
    expect(sequentialRecord?.durationMs).toBeGreaterThanOrEqual(10_000);
    expect(sequentialRecord?.durationMs).toBeLessThan(11_000);
    expect(sequential.sandboxMs).toBeGreaterThanOrEqual(10_000);
    // The platform's remaining time follows platform time, not real time.
    expect(sequential.remainingMs).toBeLessThanOrEqual(15_000);
    // Latency is waited scaled by timeScale: far less real time than platform time.
    expect(sequentialRecord?.realMs).toBeLessThan((sequentialRecord?.durationMs ?? 0) / 2);
  });

  test('storage and ServiceNow calls wait their own latency', async () => {
    runtime().setPlatformBehaviour({ kvsLatencyMs: 10, serviceNowLatencyMs: 300 });
    await invoke('spendOnServices', { kvs: 20, servicenow: 2, instanceUrl: fixture.servicenow.instanceUrl });
    const record = lastRecordOf('fixture-resolver');
    expect(record?.durationMs).toBeGreaterThanOrEqual(20 * 10 + 2 * 300);
    expect(record?.durationMs).toBeLessThan(20 * 10 + 2 * 300 + 1000);
  });

  test('no latency is set after a reset of the platform behaviour: calls cost only their own work', async () => {
    await invoke('spend', { calls: 10 });
    expect(lastRecordOf('fixture-resolver')?.durationMs).toBeLessThan(1000);
  });
});

describe('async events queue limits', () => {
  const publish = (body: unknown) =>
    runtime().forgeFetch({ type: 'fpp', remote: 'stargate' }, '/webhook/queue/publish/x/y/z/1', {
      method: 'POST',
      body: JSON.stringify(body),
    });
  const events = (count: number, bytesEach = 0) =>
    Array.from({ length: count }, (_, i) => ({ body: { i, padding: 'x'.repeat(bytesEach) } }));

  test('51 events or more than 200 KB in one push: @forge/events refuses them, and so does the platform', async () => {
    await expect(invoke('pushEvents', { events: 51, pushes: 1 })).resolves.toMatchObject({
      pushed: 0,
      error: { type: 'TooManyEventsError' },
    });
    await expect(invoke('pushEvents', { events: 2, pushes: 1, bytesEach: 110_000 })).resolves.toMatchObject({
      pushed: 0,
      error: { type: 'PayloadTooBigError' },
    });
    // A client that skips the package's checks meets the platform's.
    expect((await publish({ queueName: 'fixture-work', payload: events(51) })).status).toBe(400);
    const tooBig = await publish({ queueName: 'fixture-work', payload: events(2, 110_000) });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ errorMessage: expect.stringContaining('200 KB') });
    expect(runtime().platformMetrics().queue).toMatchObject({ pushed: 0, refused: 53 });
  });

  test('an event over 100 KB for a consumer declaring more than 55 s is refused (PayloadTooBigError)', async () => {
    await expect(
      invoke('pushEvents', { queue: 'long-work', events: 1, pushes: 1, bytesEach: 101 * 1024 }),
    ).resolves.toMatchObject({ pushed: 0, error: { type: 'PayloadTooBigError' } });
    // The same event is fine for a consumer with the default 55 s.
    runtime().holdDeliveries();
    await expect(invoke('pushEvents', { events: 1, pushes: 1, bytesEach: 101 * 1024 })).resolves.toEqual({
      pushed: 1,
    });
    runtime().delayHeldDeliveries();
  });

  test('500 events a minute per installation: the eleventh push of 50 is a RateLimitError, the next minute takes more', async () => {
    fixture.clock.set('2026-03-02T10:00:00.000Z');
    runtime().holdDeliveries();
    await expect(invoke('pushEvents', { events: 50, pushes: 11 })).resolves.toMatchObject({
      pushed: 10,
      error: { type: 'RateLimitError' },
    });
    expect(runtime().platformMetrics().queue).toEqual({ pushed: 500, maxPerMinute: 500, refused: 50 });
    fixture.clock.advance(60_000);
    await expect(invoke('pushEvents', { events: 50, pushes: 1 })).resolves.toEqual({ pushed: 1 });

    runtime().setPlatformBehaviour({ forgeLimits: false });
    await expect(invoke('pushEvents', { events: 50, pushes: 11 })).resolves.toEqual({ pushed: 11 });
    runtime().delayHeldDeliveries();
  });

  test('a delayed event arrives that much later by the sandbox clock, so a paced chain sees its minutes pass', async () => {
    const pushedAt = fixture.clock.set('2026-03-02T10:00:00.000Z').getTime();
    const pushed = await publish({
      queueName: 'fixture-work',
      payload: [{ body: { i: 0 }, delayInSeconds: 90 }],
    });
    expect(pushed.status).toBe(201);
    await runtime().idle();
    expect(fixture.clock.now().getTime()).toBeGreaterThanOrEqual(pushedAt + 90_000);
    // The next minute's quota is fresh for the events a delayed delivery pushes.
    await expect(invoke('pushEvents', { events: 50, pushes: 10 })).resolves.toEqual({ pushed: 10 });
  });
});

describe('storage quotas', () => {
  // A 100,000-character value is 10 units (a unit is 10 KB); a request's few other bytes keep it 10.
  const TEN_UNITS = 100_000;

  test('4,000 write units a minute: the next write is refused with 429 RATE_LIMIT_EXCEEDED', async () => {
    fixture.clock.set('2026-03-02T11:00:00.000Z');
    await expect(invoke('kvsLoad', { kind: 'write', count: 401, bytes: TEN_UNITS })).resolves.toEqual({
      done: 400,
      error: expect.objectContaining({ type: 'ForgeKvsAPIError', code: 'RATE_LIMIT_EXCEEDED', status: 429 }),
    });
    expect(runtime().platformMetrics().kvs).toMatchObject({
      writeUnits: 4000,
      maxWriteUnitsPerMinute: 4000,
      throttled: 1,
    });
    fixture.clock.advance(60_000);
    await expect(invoke('kvsLoad', { kind: 'write', count: 1, bytes: TEN_UNITS })).resolves.toEqual({
      done: 1,
    });
  });

  test('4,000 read units a minute: the next read is refused with 429 RATE_LIMIT_EXCEEDED', async () => {
    fixture.clock.set('2026-03-02T12:00:00.000Z');
    await expect(invoke('kvsLoad', { kind: 'read', count: 401, bytes: TEN_UNITS })).resolves.toEqual({
      done: 400,
      error: expect.objectContaining({ code: 'RATE_LIMIT_EXCEEDED', status: 429 }),
    });
    expect(runtime().platformMetrics().kvs).toMatchObject({ readUnits: 4000, maxReadUnitsPerMinute: 4000 });
  });

  test('1,000 requests a second: a burst past them is refused with 429 RATE_LIMIT_EXCEEDED', async () => {
    fixture.clock.set('2026-03-02T13:00:00.000Z');
    await expect(invoke('kvsLoad', { kind: 'burst', count: 1100 })).resolves.toMatchObject({
      error: { code: 'RATE_LIMIT_EXCEEDED', status: 429 },
    });
    expect(runtime().platformMetrics().kvs.throttled).toBeGreaterThan(0);
  });

  test('with forgeLimits off no storage quota applies', async () => {
    runtime().setPlatformBehaviour({ forgeLimits: false });
    fixture.clock.set('2026-03-02T14:00:00.000Z');
    await expect(invoke('kvsLoad', { kind: 'write', count: 401, bytes: TEN_UNITS })).resolves.toEqual({
      done: 401,
    });
    expect(runtime().platformMetrics().kvs).toMatchObject({ writeUnits: 4010, throttled: 0 });
  });

  test('what is stored: live keys, their bytes and the largest value', async () => {
    await invoke('kvsLoad', { kind: 'write', count: 3, bytes: 10 });
    await invoke('entitySet', { key: 'p1', value: { project: 'AIP', score: 7 } });
    // Plain values are JSON strings of 10 characters (12 bytes); the entity's JSON is 27 bytes.
    expect(runtime().platformMetrics().kvs).toMatchObject({
      keys: 4,
      bytes: 3 * 12 + 27,
      largestValueBytes: 27,
    });
  });
});
