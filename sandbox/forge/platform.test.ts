/**
 * The platform's quotas and latency on their own, with a clock the test holds still or moves.
 */
import { SandboxClock } from './clock';
import { type GlobalsTarget, type InvocationStore, invocationStorage } from './globals';
import { InvocationTime } from './invocation-time';
import { ForgePlatform } from './platform';

const clock = new SandboxClock();
const platform = new ForgePlatform(clock, () => 0.001);

/** Runs `work` inside an invocation, as the runtime's globals would. */
function inInvocation<T>(work: () => Promise<T>): { time: InvocationTime; done: Promise<T> } {
  const time = new InvocationTime('test-function', 25_000, true);
  const store: InvocationStore = {
    runtime: {} as GlobalsTarget,
    invocationId: 'test',
    functionKey: 'test-function',
    moduleKey: 'test-module',
    time,
    traceId: '0',
    spanId: '0',
  };
  const done = invocationStorage().run(store, work);
  return { time, done: done.finally(() => time.finish()) };
}

beforeEach(() => {
  platform.setBehaviour({ forgeLimits: true, jiraLatencyMs: 0, serviceNowLatencyMs: 0, kvsLatencyMs: 0 });
  platform.clearQuotas();
  platform.resetMetrics();
  clock.reset();
});

describe('quotas count in fixed windows of the sandbox clock', () => {
  test('1,000 storage requests a second: the next is refused, the next second takes more', () => {
    clock.set('2026-03-02T09:00:00.000Z');
    const admitted = Array.from(
      { length: 1001 },
      () => platform.admitStorageRequest('/api/v1/get', 10).admitted,
    );
    expect(admitted.filter(Boolean)).toHaveLength(1000);
    expect(admitted[1000]).toBe(false);
    expect(platform.metrics().kvs.throttled).toBe(1);
    clock.set('2026-03-02T09:00:01.000Z');
    expect(platform.admitStorageRequest('/api/v1/get', 10).admitted).toBe(true);
  });

  test('a metrics reset keeps the window; a quota reset (a fresh installation) empties it', () => {
    clock.set('2026-03-02T09:00:00.000Z');
    for (let i = 0; i < 10; i++) expect(platform.admitQueueEvents(50).admitted).toBe(true);
    platform.resetMetrics();
    expect(platform.admitQueueEvents(1)).toMatchObject({ admitted: false });
    expect(platform.metrics().queue).toEqual({ pushed: 0, maxPerMinute: 0, refused: 1 });
    platform.clearQuotas();
    expect(platform.admitQueueEvents(50).admitted).toBe(true);
  });

  test('write units follow a request’s size: 10 KB or less is one unit, every started 10 KB more is another', () => {
    clock.set('2026-03-02T09:00:00.000Z');
    platform.admitStorageRequest('/api/v1/set', 10 * 1024);
    platform.admitStorageRequest('/api/v1/set', 10 * 1024 + 1);
    platform.admitStorageRequest('/api/v1/delete', 40);
    platform.meterRead('/api/v1/get', 65 * 1024);
    expect(platform.metrics().kvs).toMatchObject({ writeUnits: 1 + 2 + 1, readUnits: 7 });
  });
});

describe('latency', () => {
  test('calls in flight together move the sandbox clock once; calls one after another add up', async () => {
    platform.setBehaviour({ jiraLatencyMs: 5000 });
    clock.set('2026-03-02T09:00:00.000Z');
    const start = clock.nowMs();
    const call = () => platform.call('jira', async () => 'answer');
    const parallel = inInvocation(() => Promise.all([call(), call(), call()]));
    await parallel.done;
    expect(clock.nowMs() - start).toBeGreaterThanOrEqual(5000);
    expect(clock.nowMs() - start).toBeLessThan(6000);
    expect(parallel.time.elapsedMs()).toBeGreaterThanOrEqual(5000);
    expect(parallel.time.elapsedMs()).toBeLessThan(6000);

    const sequential = inInvocation(async () => {
      for (let i = 0; i < 3; i++) await call();
    });
    await sequential.done;
    expect(sequential.time.elapsedMs()).toBeGreaterThanOrEqual(15_000);
    expect(clock.nowMs() - start).toBeGreaterThanOrEqual(20_000);
  });

  test('a clock set while a call is in flight is not moved back to where the call started', async () => {
    platform.setBehaviour({ jiraLatencyMs: 20_000 });
    clock.set('2026-06-01T00:00:00.000Z');
    const { done } = inInvocation(() => platform.call('jira', async () => 'answer'));
    clock.set('2026-01-01T00:00:00.000Z');
    await done;
    expect(clock.now().toISOString()).toMatch(/^2026-01-01T00:0/);
  });

  test('outside an invocation a call is not the app’s: no latency, no time charged', async () => {
    platform.setBehaviour({ jiraLatencyMs: 60_000 });
    clock.set('2026-03-02T09:00:00.000Z');
    const before = clock.nowMs();
    await platform.call('jira', async () => 'answer');
    expect(clock.nowMs() - before).toBeLessThan(1000);
  });

  test('an invocation past its limit is stopped: its next call fails with FUNCTION_TIME_OUT', async () => {
    platform.setBehaviour({ jiraLatencyMs: 20_000 });
    const { time, done } = inInvocation(async () => {
      await platform.call('jira', async () => 'first');
      await platform.call('jira', async () => 'second');
      return platform.call('jira', async () => 'third');
    });
    await expect(done).rejects.toThrow(/FUNCTION_TIME_OUT/);
    await expect(time.stopped).rejects.toThrow(/FUNCTION_TIME_OUT/);
  });
});
