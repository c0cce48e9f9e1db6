/**
 * The control API of the sandbox (sandbox.md "Control API"): health, idle, clock, scheduled
 * triggers, web trigger URLs, metrics, faults, event delivery, real-Jira and ServiceNow behaviours,
 * Forge's limits and latency, what the Forge platform saw, notifications sent, reset, ServiceNow
 * users' records and push settings, snapshots of the whole sandbox.
 * Every answer is JSON; a bad request answers 400 `{"error": "..."}`.
 */
import { z } from 'zod';
import { FAULT_TARGETS, injectedFaults, setInjectedFaults } from './controlled-faults';
import { faultRuleSchema } from './faults';
import { isTimeZone } from './jira/dates';
import type { Sandbox, SeedName } from './sandbox';
import { ServiceNowError } from './servicenow/responses';
import { INVALID_QUERY_BEHAVIOURS } from './servicenow/table-api';
import { listSnapshots, loadSnapshot, saveSnapshot, snapshotFile } from './snapshot';

export interface ControlResponse {
  status: number;
  body: unknown;
}

const SEEDS = ['empty', 'demo', 'bare'] as const;

/** A rule of sandbox/faults.ts for one target, with the PRNG seed of the draws. */
const addFaultSchema = z
  .object({ target: z.enum(FAULT_TARGETS), seed: z.number().int().optional() })
  .passthrough()
  .superRefine((input, problems) => {
    if (input.target === 'servicenow' && 'reason' in input)
      problems.addIssue({
        code: 'custom',
        path: ['reason'],
        message: "reason is Jira's RateLimit-Reason: target jira only",
      });
  });
const clearFaultsSchema = z
  .object({ clear: z.literal(true), target: z.enum(FAULT_TARGETS).optional() })
  .strict();

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
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Pacific/Auckland');
const resetSchema = z.object({ seed: z.enum(SEEDS).optional(), siteTimeZone: timeZone.optional() }).strict();
const snapshotSchema = z.object({ name: z.string().min(1) }).strict();
const recordSchema = z
  .object({ fields: z.record(z.string(), z.unknown()).optional(), user: z.string().optional() })
  .passthrough();
const pushSchema = z.object({
  enabled: z.boolean().optional(),
  secret: z.string().min(1).optional(),
  url: z.string().url().optional(),
});
const tableSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{1,79}$/),
  label: z.string().min(1),
  columns: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)),
  numberPrefix: z
    .string()
    .regex(/^[A-Z]{2,8}$/)
    .optional(),
  choices: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  references: z.record(z.string(), z.string()).default({}),
  displayColumn: z.string().default('sys_id'),
});
const rateLimitSchema = z.object({ enabled: z.boolean() });
const latencyMs = z.number().int().min(0).max(600_000).optional();
/** The Forge platform's switches of `POST /__sandbox/behaviour` (sandbox/forge/platform.ts). */
const behaviourSchema = z
  .object({
    searchLagMs: z.number().int().min(0).max(600_000).optional(),
    resolutionOnDone: z.boolean().optional(),
    strictContentType: z.boolean().optional(),
    forgeLimits: z.boolean().optional(),
    jiraLatencyMs: latencyMs,
    serviceNowLatencyMs: latencyMs,
    kvsLatencyMs: latencyMs,
    siteTimeZone: timeZone.optional(),
    serviceNowInvalidQuery: z.enum(INVALID_QUERY_BEHAVIOURS).optional(),
  })
  .strict();

const ok = (body: unknown): ControlResponse => ({ status: 200, body });
const bad = (error: string): ControlResponse => ({ status: 400, body: { error } });

function parse<T>(schema: z.ZodType<T>, body: unknown): T | ControlResponse {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  return bad(result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isResponse = (v: unknown): v is ControlResponse =>
  typeof v === 'object' && v !== null && 'status' in v && 'body' in v && Object.keys(v).length === 2;

function faults(sandbox: Sandbox, m: string, body: unknown): ControlResponse {
  const state = injectedFaults(sandbox);
  if (m === 'GET') return ok(state);
  if (isObject(body) && 'clear' in body) {
    const input = parse(clearFaultsSchema, body);
    if (isResponse(input)) return input;
    for (const target of input.target ? [input.target] : FAULT_TARGETS)
      setInjectedFaults(sandbox, target, []);
    return ok(injectedFaults(sandbox));
  }
  const added = parse(addFaultSchema, body);
  if (isResponse(added)) return added;
  const { target, seed, ...fields } = added;
  const rule = parse(faultRuleSchema, fields);
  if (isResponse(rule)) return rule;
  setInjectedFaults(sandbox, target, [...state[target], rule], seed);
  return ok(injectedFaults(sandbox));
}

function behaviour(sandbox: Sandbox, m: string, body: unknown): ControlResponse {
  const input = m === 'GET' ? ({} as z.infer<typeof behaviourSchema>) : parse(behaviourSchema, body);
  if (isResponse(input)) return input;
  const { serviceNowInvalidQuery, forgeLimits, jiraLatencyMs, serviceNowLatencyMs, kvsLatencyMs, ...jira } =
    input;
  if (Object.keys(jira).length > 0 && !sandbox.jira.setBehaviour)
    return bad('This Jira site has no real-Jira behaviours to switch');
  if (serviceNowInvalidQuery) sandbox.servicenow.setInvalidQuery(serviceNowInvalidQuery);
  const forge = { forgeLimits, jiraLatencyMs, serviceNowLatencyMs, kvsLatencyMs };
  return ok({
    ...(sandbox.jira.setBehaviour?.(jira) ?? {}),
    serviceNowInvalidQuery: sandbox.servicenow.invalidQueryBehaviour,
    ...sandbox.runtime.setPlatformBehaviour(
      Object.fromEntries(Object.entries(forge).filter(([, value]) => value !== undefined)),
    ),
  });
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
  // The URLs a customer copies from the app (sandbox.md), by web trigger module key.
  if (route === '/webtriggers' && m === 'GET') {
    const keys = sandbox.runtime.manifest.webTriggers.map((trigger) => trigger.key);
    return ok(Object.fromEntries(keys.map((key) => [key, sandbox.runtime.webTriggerUrl(key)])));
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
    sandbox.runtime.resetPlatformMetrics();
    return ok({ jira: sandbox.jira.metrics(), servicenow: sandbox.servicenow.metrics() });
  }
  if (route === '/faults' && (m === 'GET' || m === 'POST')) return faults(sandbox, m, body);
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
  if (route === '/behaviour' && (m === 'GET' || m === 'POST')) return behaviour(sandbox, m, body);
  if (route === '/notifications' && m === 'GET') return ok(sandbox.jira.notifications?.() ?? []);
  // What the Forge platform saw since the last metrics reset (sandbox.md).
  if (route === '/forge' && m === 'GET') {
    return ok(sandbox.runtime.platformMetrics());
  }
  if (route === '/reset' && m === 'POST') {
    const input = parse(resetSchema, body);
    if (isResponse(input)) return input;
    if (input.siteTimeZone && !sandbox.jira.setBehaviour)
      return bad('This Jira site has no time zone switch (siteTimeZone)');
    const seed: SeedName = input.seed ?? sandbox.seed;
    const started = performance.now();
    await sandbox.reset(seed, input.siteTimeZone ? { siteTimeZone: input.siteTimeZone } : {});
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
  if (route === '/servicenow/tables' && m === 'POST') {
    const input = parse(tableSchema, body);
    if (isResponse(input)) return input;
    try {
      return { status: 201, body: sandbox.servicenow.defineTable(input) };
    } catch (e) {
      if (e instanceof ServiceNowError) return { status: e.status, body: { error: e.message } };
      throw e;
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
