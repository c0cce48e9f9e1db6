/**
 * The control API of the sandbox (sandbox.md "Control API"): health, idle, clock, scheduled
 * triggers, metrics, faults, event delivery, real-Jira behaviours, reset, ServiceNow user changes
 * and push settings, snapshots of the whole sandbox.
 * Every answer is JSON; a bad request answers 400 `{"error": "..."}`.
 */
import { z } from 'zod';
import type { FaultRule } from './forge/types';
import { ServiceNowError, type ServiceNowFault } from './servicenow/instance';
import type { Sandbox, SeedName } from './server';
import { listSnapshots, loadSnapshot, saveSnapshot, snapshotFile } from './snapshot';

export interface ControlResponse {
  status: number;
  body: unknown;
}

const SEEDS = ['empty', 'demo', 'bare'] as const;

const faultSchema = z.union([
  z.object({ clear: z.literal(true), target: z.enum(['jira', 'servicenow']).optional() }),
  z.object({
    target: z.enum(['jira', 'servicenow']),
    rate: z.number().min(0).max(1),
    /** 2xx only with `bare` (a malformed answer). */
    status: z.number().int().min(200).max(599),
    retryAfter: z.number().min(0).optional(),
    match: z.string().min(1).optional(),
    seed: z.number().int().optional(),
    reason: z.enum(['jira-quota-global-based', 'jira-burst-based', 'jira-per-issue-on-write']).optional(),
    lostResponse: z.boolean().optional(),
    /** ServiceNow only: carry the request out, then lose its response. */
    afterApply: z.boolean().optional(),
    /** ServiceNow only: a plain-text answer from in front of ServiceNow (no envelope). */
    bare: z.boolean().optional(),
    after: z.number().int().min(0).optional(),
    times: z.number().int().min(1).optional(),
  }),
]);

const clockSchema = z.union([
  z.object({ now: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'now must be an ISO date-time') }),
  z.object({ advanceMs: z.number() }),
  z.object({ advanceDays: z.number() }),
  z.object({ reset: z.literal(true) }),
]);

const eventsSchema = z.object({
  duplicates: z.number().int().min(1).max(100).optional(),
  concurrent: z.boolean().optional(),
});
const resetSchema = z.object({ seed: z.enum(SEEDS).optional() });
const snapshotSchema = z.object({ name: z.string().min(1) }).strict();
const recordSchema = z
  .object({ fields: z.record(z.string(), z.unknown()).optional(), user: z.string().optional() })
  .passthrough();
const pushSchema = z.object({
  enabled: z.boolean().optional(),
  secret: z.string().min(1).optional(),
  url: z.string().url().optional(),
});
const rateLimitSchema = z.object({ enabled: z.boolean() });
const behaviourSchema = z
  .object({
    searchLagMs: z.number().int().min(0).max(600_000).optional(),
    resolutionOnDone: z.boolean().optional(),
    strictContentType: z.boolean().optional(),
  })
  .strict();

const ok = (body: unknown): ControlResponse => ({ status: 200, body });
const bad = (error: string): ControlResponse => ({ status: 400, body: { error } });

function parse<T>(schema: z.ZodType<T>, body: unknown): T | ControlResponse {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  return bad(result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
}

const isResponse = (v: unknown): v is ControlResponse =>
  typeof v === 'object' && v !== null && 'status' in v && 'body' in v && Object.keys(v).length === 2;

/** Faults currently injected, per target (the control API adds rules one call at a time). */
const faultState = new WeakMap<Sandbox, { jira: FaultRule[]; servicenow: ServiceNowFault[] }>();

export function clearFaults(sandbox: Sandbox): void {
  faultState.set(sandbox, { jira: [], servicenow: [] });
  sandbox.jira.setFaults([]);
  sandbox.servicenow.setFaults([]);
}

export async function handleControl(
  sandbox: Sandbox,
  method: string,
  path: string,
  body: unknown,
): Promise<ControlResponse> {
  const route = path.replace(/^\/__sandbox/, '').replace(/\?.*$/, '');
  const m = method.toUpperCase();

  if (route === '/health' && m === 'GET') {
    return sandbox.ready
      ? ok({ status: 'ok', seed: sandbox.seed, startupMs: sandbox.startupMs, url: sandbox.url })
      : { status: 503, body: { status: 'starting' } };
  }
  if (route === '/idle' && m === 'POST') {
    const started = performance.now();
    await sandbox.idle();
    return ok({ idle: true, waitedMs: Math.round(performance.now() - started) });
  }
  if (route === '/clock') {
    if (m === 'GET') return ok({ now: sandbox.clock.now().toISOString(), offsetMs: sandbox.clock.offset });
    if (m === 'POST') {
      const input = parse(clockSchema, body);
      if (isResponse(input)) return input;
      if ('now' in input) sandbox.clock.set(input.now);
      else if ('advanceMs' in input) sandbox.clock.advance(input.advanceMs);
      else if ('advanceDays' in input) sandbox.clock.advance(input.advanceDays * 86_400_000);
      else sandbox.clock.reset();
      return ok({ now: sandbox.clock.now().toISOString(), offsetMs: sandbox.clock.offset });
    }
  }
  // The keys of the app's scheduled triggers (sandbox.md), for POST /scheduled/{triggerKey}.
  if (route === '/scheduled' && m === 'GET') {
    return ok(sandbox.runtime.manifest.scheduledTriggers.map((trigger) => trigger.key));
  }
  const scheduled = /^\/scheduled\/([^/]+)$/.exec(route);
  if (scheduled && m === 'POST') {
    const key = decodeURIComponent(scheduled[1] as string);
    if (!sandbox.runtime.manifest.scheduledTriggers.some((t) => t.key === key))
      return { status: 404, body: { error: `No scheduledTrigger "${key}"` } };
    try {
      const result = await sandbox.runtime.runScheduled(key);
      return ok({ triggerKey: key, result: result ?? null });
    } catch (e) {
      return { status: 500, body: { triggerKey: key, error: e instanceof Error ? e.message : String(e) } };
    }
  }
  if (route === '/metrics' && m === 'GET') {
    return ok({ jira: sandbox.jira.metrics(), servicenow: sandbox.servicenow.metrics() });
  }
  if (route === '/metrics/reset' && m === 'POST') {
    sandbox.jira.resetMetrics();
    sandbox.servicenow.resetMetrics();
    return ok({ jira: sandbox.jira.metrics(), servicenow: sandbox.servicenow.metrics() });
  }
  if (route === '/faults') {
    const state = faultState.get(sandbox) ?? { jira: [], servicenow: [] };
    faultState.set(sandbox, state);
    if (m === 'GET') return ok(state);
    if (m === 'POST') {
      const input = parse(faultSchema, body);
      if (isResponse(input)) return input;
      if ('clear' in input) {
        for (const target of input.target ? [input.target] : (['jira', 'servicenow'] as const))
          state[target] = [];
      } else {
        const { target, seed, ...rule } = input;
        state[target].push(rule);
        if (target === 'jira') sandbox.jira.setFaults(state.jira, seed === undefined ? undefined : { seed });
        else sandbox.servicenow.setFaults(state.servicenow, seed === undefined ? {} : { seed });
        return ok(state);
      }
      sandbox.jira.setFaults(state.jira);
      sandbox.servicenow.setFaults(state.servicenow);
      return ok(state);
    }
  }
  if (route === '/events') {
    if (m === 'GET') return ok(sandbox.runtime.getDeliveryMode());
    if (m === 'POST') {
      const input = parse(eventsSchema, body);
      if (isResponse(input)) return input;
      return ok(sandbox.runtime.setDeliveryMode(input));
    }
  }
  if (route === '/rate-limits' && m === 'POST') {
    const input = parse(rateLimitSchema, body);
    if (isResponse(input)) return input;
    sandbox.jira.setRateLimiting(input.enabled);
    return ok(input);
  }
  if (route === '/behaviour' && m === 'POST') {
    const input = parse(behaviourSchema, body);
    if (isResponse(input)) return input;
    if (!sandbox.jira.setBehaviour) return bad('This Jira site has no real-Jira behaviours to switch');
    return ok(sandbox.jira.setBehaviour(input));
  }
  if (route === '/reset' && m === 'POST') {
    const input = parse(resetSchema, body);
    if (isResponse(input)) return input;
    const seed: SeedName = input.seed ?? sandbox.seed;
    const started = performance.now();
    await sandbox.reset(seed);
    return ok({ seed, tookMs: Math.round(performance.now() - started) });
  }
  // The whole sandbox to a file under the app's .build/snapshots and back (snapshot.ts).
  if (route === '/snapshot' && m === 'GET') {
    return ok({ snapshots: await listSnapshots(sandbox.runtime.appDir) });
  }
  const snapshot = /^\/snapshot\/(save|restore)$/.exec(route);
  if (snapshot && m === 'POST') {
    const input = parse(snapshotSchema, body);
    if (isResponse(input)) return input;
    let file: string;
    try {
      file = snapshotFile(sandbox.runtime.appDir, input.name);
    } catch (e) {
      return bad(e instanceof Error ? e.message : String(e));
    }
    if (snapshot[1] === 'save') {
      const saved = await saveSnapshot(sandbox, file, { name: input.name });
      return ok({ name: input.name, bytes: saved.bytes, tookMs: saved.ms });
    }
    try {
      const restored = await loadSnapshot(sandbox, file);
      return ok({ name: input.name, savedAt: restored.savedAt, tookMs: restored.ms });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        return { status: 404, body: { error: `No snapshot named ${input.name}` } };
      throw e;
    }
  }
  if (route === '/invocations' && m === 'GET') {
    return ok({ invocations: sandbox.runtime.invocations.slice(-200) });
  }
  if (route === '/servicenow/push') {
    if (m === 'GET') return ok({ ...sandbox.servicenow.getPush(), pushes: sandbox.servicenow.pushes });
    if (m === 'POST') {
      const input = parse(pushSchema, body);
      if (isResponse(input)) return input;
      return ok(sandbox.servicenow.setPush(input));
    }
  }
  const record = /^\/servicenow\/records\/([^/]+)(?:\/([^/]+))?$/.exec(route);
  if (record && m === 'POST') {
    const input = parse(recordSchema, body);
    if (isResponse(input)) return input;
    const table = decodeURIComponent(record[1] as string);
    const sysId = record[2] ? decodeURIComponent(record[2]) : undefined;
    // `{fields}` per sandbox.md; a bare object of fields is accepted too.
    const { fields: wrapped, user, ...bare } = input;
    const fields = wrapped ?? bare;
    try {
      if (!sysId)
        return { status: 201, body: { result: sandbox.servicenow.createAsUser(table, fields, user) } };
      const { record: result, push } = await sandbox.servicenow.changeAsUser(table, sysId, fields, user);
      return ok({ result, push: push ?? null });
    } catch (e) {
      if (e instanceof ServiceNowError)
        return {
          status: e.status,
          body: { error: { message: e.message, detail: e.detail }, status: 'failure' },
        };
      throw e;
    }
  }
  return { status: 404, body: { error: `No control call ${m} ${path}` } };
}
