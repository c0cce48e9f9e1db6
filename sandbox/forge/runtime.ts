/**
 * The emulated Forge runtime: loads manifest.yml, bundles the app's handlers, and invokes them
 * with the real `@forge/*` SDK the way Forge does (see globals.ts for the globals the SDK reads).
 *
 * Delivery semantics (sandbox.md, forge-notes.md):
 * - product events go to `trigger` functions after the change, asynchronously, at least once;
 *   `filter.ignoreSelf` drops events the app caused; `setDeliveryMode({duplicates, concurrent})`
 *   delivers every later event n times, in parallel or one after another;
 * - a handler that returns (or throws) an `InvocationError` of @forge/events (a plain
 *   `{_retry: true, retryOptions: {retryAfter, retryReason}}`, see
 *   node_modules/@forge/events/out/invocationError.js) is retried up to 4 times, each after
 *   `retryAfter` seconds × `timeScale` (default 0.01: 1 s becomes 10 ms); other errors are logged
 *   and not retried;
 * - `Queue.push` events go to the queue's `consumer` function as an AsyncEvent
 *   `{body, queueName, jobId, eventId, retryContext?, contextToken}` (node_modules/@forge/events/out/types.d.ts),
 *   after `delayInSeconds` × `timeScale`, with the same retry rule;
 * - scheduled triggers run only when asked (`runScheduled`);
 * - `idle()` resolves once every delivery, retry, queued event and handler has finished.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Caller, EmulatedService, ProductEvent, SandboxResponse } from '../contracts';
import { APP_ACCOUNT_ID, SANDBOX_USERS } from '../contracts';
import { bundleApp } from './bundle';
import type { SandboxClock } from './clock';
import {
  type ForgeFetchContext,
  type GlobalsTarget,
  type InvocationStore,
  invocationStorage,
  registerTarget,
  unregisterTarget,
} from './globals';
import { KvsStore } from './kvs-store';
import { type ForgeManifest, type ManifestUiModule, loadManifest, splitHandler } from './manifest';
import type { ForgeCustomField, IndexedProperty, JiraSiteLike } from './types';

export const SANDBOX_CLOUD_ID = '7e1c4a52-9b3d-4f6e-8a21-5c0d9e3b7f10';
/** The sandbox's environment id: the same one sandbox/jira puts in the custom fields' schema.custom. */
export const SANDBOX_ENVIRONMENT_ID = '3f1d5b9e-8c2a-4d7f-9e6b-0a1c2d3e4f50';
export const SANDBOX_INSTALLATION_ID = '3f9b2c1d-7a6e-4b5c-9d8e-1f2a3b4c5d6e';
export const INSTALL_CONTEXT = `ari:cloud:jira::site/${SANDBOX_CLOUD_ID}`;
const MAX_RETRIES = 4;
const TIMEOUT_SECONDS: Record<InvocationKind, number> = {
  resolver: 25,
  trigger: 25,
  dynamicProperties: 25,
  webtrigger: 55,
  consumer: 55,
  scheduled: 55,
};

export type InvocationKind =
  'resolver' | 'trigger' | 'webtrigger' | 'consumer' | 'scheduled' | 'dynamicProperties';

export interface InvocationRecord {
  kind: InvocationKind;
  functionKey: string;
  moduleKey: string;
  attempt: number;
  outcome: 'ok' | 'error' | 'retry' | 'timeout';
  error?: string;
  durationMs: number;
  eventType?: string;
}

export interface DeliveryMode {
  duplicates: number;
  concurrent: boolean;
}

export interface WebTriggerRequest {
  method: string;
  /** Path after the web trigger's URL, with query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface WebTriggerResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface ExtensionContext {
  type?: string;
  issue?: { id: string; key: string; type?: string; typeId?: string };
  project?: { id: string; key: string; type?: string };
  [k: string]: unknown;
}

export interface UiInvocationInput {
  moduleKey: string;
  accountId?: string;
  extension?: ExtensionContext;
  theme?: 'light' | 'dark';
  localId?: string;
}

export interface ServiceNowEgress {
  /** The customer's instance, e.g. https://pilot-sandbox.service-now.com: requests to its host go to the emulator. */
  instanceUrl: string;
  service: EmulatedService;
}

export interface ForgeRuntimeOptions {
  /** The app's root: manifest.yml, src/. Default: the repository root. */
  appDir?: string;
  manifestPath?: string;
  outDir?: string;
  jira: JiraSiteLike;
  servicenow?: ServiceNowEgress;
  clock?: SandboxClock;
  /** The sandbox's public URL (web trigger URLs, siteUrl). A function, as the port is known late. */
  baseUrl?: () => string;
  /** Scales retryAfter and delayInSeconds: seconds × timeScale. Default 0.01. */
  timeScale?: number;
  log?: (line: string) => void;
}

interface QueueJob {
  success: number;
  inProgress: number;
  failed: number;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown; timedOut?: boolean };

type Handler = (...args: unknown[]) => unknown;

const REPO_ROOT = resolve(__dirname, '..', '..');

function isRetryRequest(value: unknown): value is {
  _retry: true;
  retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown };
} {
  return typeof value === 'object' && value !== null && (value as { _retry?: unknown })._retry === true;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

function toResponse(
  res: SandboxResponse | { status: number; headers?: Record<string, string>; body?: string },
): Response {
  const noBody = res.status === 204 || res.status === 304;
  return new Response(noBody ? null : (res.body ?? ''), { status: res.status, headers: res.headers ?? {} });
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return toResponse({
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  });
}

function proxyError(status: number, reason: string, message: string): Response {
  return jsonResponse(status, { message }, { 'forge-proxy-error': reason });
}

/** Turns a fetch init (any body/headers form the SDK may pass) into plain strings. */
async function normaliseInit(
  init: RequestInit | undefined,
): Promise<{ method: string; headers: Record<string, string>; body?: string }> {
  const method = (init?.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  new Headers(init?.headers ?? {}).forEach((value, key) => {
    headers[key] = value;
  });
  let body: string | undefined;
  if (init?.body !== undefined && init.body !== null) {
    body = typeof init.body === 'string' ? init.body : await new Response(init.body as BodyInit).text();
  }
  return { method, headers, body };
}

export class ForgeRuntime implements GlobalsTarget {
  readonly manifest: ForgeManifest;
  readonly kvs: KvsStore;
  readonly appDir: string;
  readonly invocations: InvocationRecord[] = [];
  private readonly jira: JiraSiteLike;
  private readonly servicenow?: ServiceNowEgress;
  private readonly clock?: SandboxClock;
  private readonly baseUrl: () => string;
  private readonly log: (line: string) => void;
  private readonly outDir?: string;
  private readonly token = randomBytes(24).toString('hex');
  private handlers = new Map<string, Record<string, unknown>>();
  private pending = new Set<Promise<unknown>>();
  private deliveryMode: DeliveryMode = { duplicates: 1, concurrent: false };
  private jobs = new Map<string, QueueJob>();
  private closed = false;
  private readonly unsubscribe?: () => void;
  timeScale: number;
  bundleMs = 0;
  loadMs = 0;

  private constructor(options: ForgeRuntimeOptions) {
    this.appDir = resolve(options.appDir ?? REPO_ROOT);
    this.manifest = loadManifest(options.manifestPath ?? join(this.appDir, 'manifest.yml'));
    this.jira = options.jira;
    this.servicenow = options.servicenow;
    this.clock = options.clock;
    this.baseUrl = options.baseUrl ?? (() => 'http://localhost:8080');
    this.timeScale = options.timeScale ?? 0.01;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.outDir = options.outDir;
    this.kvs = new KvsStore(() => (this.clock ? this.clock.nowMs() : Date.now()));
    const unsubscribe = this.jira.onEvent((event) => this.deliverProductEvent(event));
    this.unsubscribe = typeof unsubscribe === 'function' ? (unsubscribe as () => void) : undefined;
  }

  /** Bundles the app (esbuild) and loads its handlers with the globals in place. */
  static async create(options: ForgeRuntimeOptions): Promise<ForgeRuntime> {
    const runtime = new ForgeRuntime(options);
    registerTarget(runtime);
    const bundle = await bundleApp({
      appDir: runtime.appDir,
      manifest: runtime.manifest,
      outDir: runtime.outDir,
    });
    runtime.bundleMs = bundle.durationMs;
    const started = performance.now();
    for (const [name, file] of bundle.files) {
      // The bundle is plain CommonJS requiring the real @forge/* packages: load it only now that the
      // globals they read exist (globals.ts is imported above).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      runtime.handlers.set(name, require(file) as Record<string, unknown>);
    }
    runtime.loadMs = performance.now() - started;
    return runtime;
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    unregisterTarget(this);
  }

  // ---------------------------------------------------------------- context

  private appPermissions() {
    return {
      scopes: this.manifest.scopes,
      external: { fetch: { backend: this.manifest.externalFetchBackend } },
    };
  }

  runtimeGlobal(store: InvocationStore | undefined): Record<string, unknown> {
    const deadline = store?.deadline ?? Number.POSITIVE_INFINITY;
    const noop = {
      incr: () => undefined,
      decr: () => undefined,
      measure: () => ({ stop: () => undefined }),
      stop: () => undefined,
    };
    return {
      proxy: { token: this.token, url: 'http://proxy.forge-sandbox.internal' },
      appContext: {
        appId: this.manifest.appUuid,
        appVersion: '1.0.0',
        environmentId: SANDBOX_ENVIRONMENT_ID,
        environmentType: 'DEVELOPMENT',
        invocationId: store?.invocationId ?? 'no-invocation',
        installationId: SANDBOX_INSTALLATION_ID,
        moduleKey: store?.moduleKey ?? '',
        license: undefined,
        installation: undefined,
        permissions: this.appPermissions(),
      },
      contextAri: INSTALL_CONTEXT,
      metrics: { counter: () => noop, timing: () => noop, gauge: () => noop },
      lambdaContext: { getRemainingTimeInMillis: () => Math.max(0, deadline - performance.now()) },
      externalAuth: [],
      container: { appCodeDir: this.appDir },
    };
  }

  /** Forge's frontend context (`view.getContext()`) for a UI module. */
  getContext(input: UiInvocationInput): Record<string, unknown> {
    const module = this.uiModule(input.moduleKey);
    const colorMode = input.theme ?? 'light';
    return {
      accountId: input.accountId,
      cloudId: SANDBOX_CLOUD_ID,
      workspaceId: SANDBOX_CLOUD_ID,
      extension: { type: module.type, ...(input.extension ?? {}) },
      environmentId: SANDBOX_ENVIRONMENT_ID,
      environmentType: 'DEVELOPMENT',
      localId: input.localId ?? `${module.key}-${SANDBOX_INSTALLATION_ID}`,
      locale: 'en-US',
      moduleKey: module.key,
      siteUrl: this.baseUrl(),
      timezone: 'UTC',
      theme: { colorMode, dark: 'dark', light: 'light', spacing: 'spacing', typography: 'typography' },
      surfaceColor: null,
      permissions: this.appPermissions(),
    };
  }

  uiModule(moduleKey: string): ManifestUiModule {
    const module = this.manifest.uiModules.find((m) => m.key === moduleKey);
    if (!module) throw new Error(`No UI module "${moduleKey}" in manifest.yml`);
    return module;
  }

  webTriggerUrl(moduleKey: string): string {
    return `${this.baseUrl()}/x1/${encodeURIComponent(moduleKey)}`;
  }

  // ---------------------------------------------------------------- invocation

  private handlerFor(functionKey: string): Handler {
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new Error(`No function "${functionKey}" in manifest.yml`);
    const { module, exportName } = splitHandler(fn.handler);
    const exported = this.handlers.get(module)?.[exportName];
    if (typeof exported !== 'function')
      throw new Error(`Handler ${fn.handler} of function "${functionKey}" is not an exported function`);
    return exported as Handler;
  }

  private timeoutFor(kind: InvocationKind, functionKey: string): number {
    const declared = this.manifest.functions.get(functionKey)?.timeoutSeconds;
    return (kind === 'consumer' || kind === 'scheduled') && declared ? declared : TIMEOUT_SECONDS[kind];
  }

  /** Runs one invocation of a function in its own invocation context, with Forge's time limit. */
  private async execute(
    kind: InvocationKind,
    functionKey: string,
    moduleKey: string,
    args: unknown[],
    principalAccountId?: string,
    attempt = 0,
    eventType?: string,
  ): Promise<Outcome> {
    const timeoutMs = this.timeoutFor(kind, functionKey) * 1000;
    const store: InvocationStore = {
      runtime: this,
      invocationId: randomUUID(),
      functionKey,
      moduleKey,
      principalAccountId,
      deadline: performance.now() + timeoutMs,
      traceId: randomBytes(8).toString('hex'),
      spanId: randomBytes(8).toString('hex'),
    };
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let outcome: Outcome;
    try {
      const handler = this.handlerFor(functionKey);
      const run = this.track(invocationStorage().run(store, async () => handler(...args)));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              Object.assign(
                new Error(`FUNCTION_TIME_OUT: ${functionKey} ran longer than ${timeoutMs / 1000}s`),
                { timedOut: true },
              ),
            ),
          timeoutMs,
        );
        timer.unref?.();
      });
      outcome = { ok: true, value: await Promise.race([run, timeout]) };
    } catch (error) {
      outcome = { ok: false, error, timedOut: (error as { timedOut?: boolean })?.timedOut === true };
    } finally {
      if (timer) clearTimeout(timer);
    }
    const retry = outcome.ok ? isRetryRequest(outcome.value) : isRetryRequest(outcome.error);
    const record: InvocationRecord = {
      kind,
      functionKey,
      moduleKey,
      attempt,
      outcome: retry ? 'retry' : outcome.ok ? 'ok' : outcome.timedOut ? 'timeout' : 'error',
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(eventType ? { eventType } : {}),
      ...(!outcome.ok && !retry ? { error: errorText(outcome.error) } : {}),
    };
    this.invocations.push(record);
    if (this.invocations.length > 2000) this.invocations.splice(0, this.invocations.length - 2000);
    if (record.outcome === 'error' || record.outcome === 'timeout') {
      this.log(`[forge] ${kind} ${functionKey}${eventType ? ` (${eventType})` : ''} failed: ${record.error}`);
    }
    return outcome;
  }

  /** Delivers an async event, retrying on InvocationError up to 4 times after retryAfter × timeScale. */
  private async deliverWithRetries(
    kind: InvocationKind,
    functionKey: string,
    moduleKey: string,
    buildArgs: (retryContext: Record<string, unknown> | undefined) => unknown[],
    eventType?: string,
  ): Promise<boolean> {
    let retryContext: Record<string, unknown> | undefined;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.execute(
        kind,
        functionKey,
        moduleKey,
        buildArgs(retryContext),
        undefined,
        attempt,
        eventType,
      );
      const request = outcome.ok ? outcome.value : outcome.error;
      if (!isRetryRequest(request)) return outcome.ok;
      if (attempt >= MAX_RETRIES) {
        this.log(
          `[forge] ${kind} ${functionKey}${eventType ? ` (${eventType})` : ''}: still asking for a retry after ${MAX_RETRIES} retries; dropped`,
        );
        return false;
      }
      const retryAfter = Math.min(Math.max(request.retryOptions?.retryAfter ?? 1, 1), 900);
      retryContext = {
        retryCount: attempt + 1,
        retryReason: request.retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST',
        retryData: request.retryOptions?.retryData,
      };
      await this.sleep(retryAfter * 1000 * this.timeScale);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, Math.max(0, ms)));
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const done = () => this.pending.delete(promise);
    promise.then(done, done);
    return promise;
  }

  /** Schedules work asynchronously (after the current call returns) and tracks it for idle(). */
  private schedule(work: () => Promise<unknown>): void {
    this.track(
      new Promise<void>((resolveDone) => {
        setImmediate(() => {
          // Run outside any invocation context: the delivery is the platform's, not the caller's.
          invocationStorage().exit(() => {
            work()
              .catch((e) => this.log(`[forge] delivery failed: ${errorText(e)}`))
              .finally(resolveDone);
          });
        });
      }),
    );
  }

  /** Resolves once every queued event, async event, retry and handler has finished. */
  async idle(): Promise<void> {
    for (;;) {
      while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
      await new Promise((r) => setImmediate(r));
      if (this.pending.size === 0) return;
    }
  }

  setDeliveryMode(mode: Partial<DeliveryMode>): DeliveryMode {
    const duplicates = mode.duplicates ?? this.deliveryMode.duplicates;
    if (!Number.isInteger(duplicates) || duplicates < 1 || duplicates > 100)
      throw new RangeError('duplicates must be an integer from 1 to 100');
    this.deliveryMode = { duplicates, concurrent: mode.concurrent ?? this.deliveryMode.concurrent };
    return { ...this.deliveryMode };
  }

  getDeliveryMode(): DeliveryMode {
    return { ...this.deliveryMode };
  }

  /** Delivers one event `duplicates` times, concurrently or one after another. */
  private deliverCopies(deliver: () => Promise<unknown>): void {
    const { duplicates, concurrent } = this.deliveryMode;
    this.schedule(async () => {
      if (concurrent) {
        await Promise.all(Array.from({ length: duplicates }, () => deliver()));
      } else {
        for (let i = 0; i < duplicates; i++) await deliver();
      }
    });
  }

  // ---------------------------------------------------------------- product events

  /** Called by the Jira site after a change: delivers to every subscribed trigger. */
  deliverProductEvent(event: ProductEvent): void {
    if (this.closed) return;
    for (const trigger of this.manifest.triggers) {
      if (!trigger.events.includes(event.eventType)) continue;
      if (trigger.filter?.ignoreSelf && event.causedByApp) continue;
      const base = {
        context: { cloudId: SANDBOX_CLOUD_ID, moduleKey: trigger.key },
        ...event.payload,
        eventType: event.eventType,
        ...(event.atlassianId !== undefined ? { atlassianId: event.atlassianId } : {}),
        contextToken: `sandbox-context-token-${randomUUID()}`,
      };
      this.deliverCopies(() =>
        this.deliverWithRetries(
          'trigger',
          trigger.function,
          trigger.key,
          (retryContext) => [
            structuredClone({ ...base, ...(retryContext ? { retryContext } : {}) }),
            { installContext: INSTALL_CONTEXT },
          ],
          event.eventType,
        ),
      );
    }
  }

  /**
   * What Forge does when the app is installed: registers the app's entity property indexes and
   * custom fields with the site, then sends `avi:forge:installed:app` (asynchronously; await idle()).
   */
  install(installerAccountId: string = SANDBOX_USERS.admin.accountId): void {
    const indexed = this.manifest.entityProperties.flatMap((m) =>
      m.values.map((v) => ({
        propertyKey: m.propertyKey,
        path: v.path,
        type: v.type as IndexedProperty['type'],
      })),
    );
    this.jira.setIndexedProperties(indexed);
    const kinds = new Set(['number', 'user', 'date', 'string', 'datetime']);
    const customFields = ((this.manifest.raw.modules as Record<string, unknown[]> | undefined)?.[
      'jira:customField'
    ] ?? []) as ForgeCustomField[];
    this.jira.setAppCustomFields?.(
      customFields
        .filter((f) => kinds.has(f.type))
        .map((f) => ({
          key: f.key,
          name: f.name,
          type: f.type,
          description: f.description,
          readOnly: f.readOnly,
        })),
    );
    this.deliverProductEvent({
      eventType: 'avi:forge:installed:app',
      atlassianId: installerAccountId,
      causedByApp: false,
      payload: {
        id: SANDBOX_INSTALLATION_ID,
        installerAccountId,
        app: {
          id: this.manifest.appUuid,
          version: '1.0.0',
          name: 'Pilot Pathway',
          ownerAccountId: APP_ACCOUNT_ID,
        },
        environment: { id: SANDBOX_ENVIRONMENT_ID },
        context: INSTALL_CONTEXT,
      },
    });
  }

  // ---------------------------------------------------------------- scheduled, web triggers, UI

  /** Runs a scheduled trigger now (Forge: no retry). Resolves with the handler's result. */
  async runScheduled(triggerKey: string): Promise<unknown> {
    const trigger = this.manifest.scheduledTriggers.find((t) => t.key === triggerKey);
    if (!trigger) throw new Error(`No scheduledTrigger "${triggerKey}" in manifest.yml`);
    const outcome = await this.track(
      this.execute('scheduled', trigger.function, trigger.key, [
        {
          context: { cloudId: SANDBOX_CLOUD_ID, moduleKey: trigger.key },
          contextToken: `sandbox-context-token-${randomUUID()}`,
        },
        { installContext: INSTALL_CONTEXT },
      ]),
    );
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Invokes a web trigger with Forge's request shape and maps its response. */
  async invokeWebTrigger(moduleKey: string, request: WebTriggerRequest): Promise<WebTriggerResponse> {
    const trigger = this.manifest.webTriggers.find((t) => t.key === moduleKey);
    if (!trigger)
      return {
        statusCode: 404,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: `No web trigger ${moduleKey}` }),
      };
    const url = new URL(request.path || '/', 'http://webtrigger.invalid');
    const headers: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(request.headers)) {
      if (v === undefined) continue;
      headers[k.toLowerCase()] = Array.isArray(v) ? v : [v];
    }
    const queryParameters: Record<string, string[]> = {};
    url.searchParams.forEach((value, key) => (queryParameters[key] ??= []).push(value));
    const event = {
      method: request.method.toUpperCase(),
      headers,
      body: request.body,
      path: url.pathname,
      queryParameters,
      context: { cloudId: SANDBOX_CLOUD_ID, moduleKey },
      contextPath: url.pathname,
    };
    const outcome = await this.track(
      this.execute('webtrigger', trigger.function, trigger.key, [event, { installContext: INSTALL_CONTEXT }]),
    );
    if (!outcome.ok) {
      return {
        statusCode: 500,
        headers: { 'content-type': 'text/plain' },
        body: 'Internal Server Error: the web trigger function failed',
      };
    }
    const value = outcome.value as
      { statusCode?: unknown; headers?: Record<string, string | string[]>; body?: unknown } | undefined;
    if (!value || typeof value.statusCode !== 'number') {
      this.log(
        `[forge] webtrigger ${moduleKey}: the handler's response has no numeric statusCode; answering 500`,
      );
      return {
        statusCode: 500,
        headers: { 'content-type': 'text/plain' },
        body: 'Internal Server Error: invalid web trigger response',
      };
    }
    const outHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(value.headers ?? {}))
      outHeaders[k] = Array.isArray(v) ? v.join(', ') : String(v);
    const body =
      value.body === undefined || value.body === null
        ? ''
        : typeof value.body === 'string'
          ? value.body
          : JSON.stringify(value.body);
    return { statusCode: value.statusCode, headers: outHeaders, body };
  }

  /**
   * Runs the resolver of a UI module as `invoke(functionKey, payload)` from its Custom UI would:
   * `handler({call: {functionKey, payload}, context}, {principal: {accountId}, installContext})`
   * (node_modules/@forge/resolver/out/index.js `getDefinitions`).
   */
  async invokeResolver(
    input: UiInvocationInput & { functionKey: string; payload?: unknown },
  ): Promise<unknown> {
    const module = this.uiModule(input.moduleKey);
    const resolverFunction = module.resolver?.function;
    if (!resolverFunction) throw new Error(`UI module "${module.key}" declares no resolver`);
    const context = this.getContext(input);
    const outcome = await this.track(
      this.execute(
        'resolver',
        resolverFunction,
        module.key,
        [
          { call: { functionKey: input.functionKey, payload: input.payload }, context },
          {
            principal: input.accountId ? { accountId: input.accountId } : undefined,
            installContext: INSTALL_CONTEXT,
          },
        ],
        input.accountId,
      ),
    );
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Runs a UI module's `dynamicProperties` function (jira:issueContext lozenge). */
  async invokeDynamicProperties(input: UiInvocationInput): Promise<unknown> {
    const module = this.uiModule(input.moduleKey);
    const fn = module.dynamicProperties?.function;
    if (!fn) return undefined;
    const context = this.getContext(input);
    const outcome = await this.track(
      this.execute(
        'dynamicProperties',
        fn,
        module.key,
        [
          { context, extension: context.extension },
          {
            principal: input.accountId ? { accountId: input.accountId } : undefined,
            installContext: INSTALL_CONTEXT,
          },
        ],
        input.accountId,
      ),
    );
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  // ---------------------------------------------------------------- queues

  private publish(body: {
    queueName?: string;
    jobId?: string;
    payload?: { body: Record<string, unknown>; delayInSeconds?: number; concurrency?: unknown }[];
  }): Response {
    const consumer = this.manifest.consumers.find((c) => c.queue === body.queueName);
    if (!consumer)
      return jsonResponse(400, { message: `No consumer module is declared for queue "${body.queueName}"` });
    const jobId = body.jobId ?? randomUUID();
    const events = body.payload ?? [];
    const job: QueueJob = { success: 0, inProgress: events.length, failed: 0 };
    this.jobs.set(jobId, job);
    for (const pushed of events) {
      const eventId = randomUUID();
      const delayMs = (pushed.delayInSeconds ?? 0) * 1000 * this.timeScale;
      const asyncEvent = {
        body: pushed.body,
        ...(pushed.delayInSeconds !== undefined ? { delayInSeconds: pushed.delayInSeconds } : {}),
        ...(pushed.concurrency !== undefined ? { concurrency: pushed.concurrency } : {}),
        queueName: consumer.queue,
        jobId,
        eventId,
        contextToken: `sandbox-context-token-${randomUUID()}`,
      };
      let settled = false;
      this.deliverCopies(async () => {
        await this.sleep(delayMs);
        const ok = await this.deliverWithRetries(
          'consumer',
          consumer.function,
          consumer.key,
          (retryContext) => [
            structuredClone({ ...asyncEvent, ...(retryContext ? { retryContext } : {}) }),
            { installContext: INSTALL_CONTEXT },
          ],
        );
        if (!settled) {
          settled = true;
          job.inProgress -= 1;
          if (ok) job.success += 1;
          else job.failed += 1;
        }
      });
    }
    return jsonResponse(201, { jobId });
  }

  // ---------------------------------------------------------------- __forge_fetch__ and egress

  async forgeFetch(context: ForgeFetchContext, path: string, init?: RequestInit): Promise<Response> {
    const request = await normaliseInit(init);
    const store = invocationStorage().getStore();
    if (context.type === 'kvs') return this.kvsFetch(context, path, request);
    if (context.type === 'fpp' && context.remote === 'jira') {
      let caller: Caller;
      if (context.provider === 'user') {
        const accountId = context.accountId ?? store?.principalAccountId;
        if (!accountId)
          return proxyError(
            401,
            'NEEDS_AUTHENTICATION_ERR',
            'asUser() needs a user: this invocation has none',
          );
        caller = { kind: 'user', accountId, viaApp: true };
      } else {
        caller = { kind: 'app', viaApp: true };
      }
      if (!path.startsWith('/')) return proxyError(400, 'PROXY_ERR', `Invalid product path ${path}`);
      return toResponse(
        await this.jira.handle(
          { method: request.method, path, headers: request.headers, body: request.body },
          caller,
        ),
      );
    }
    if (context.type === 'fpp' && context.remote === 'stargate') return this.stargateFetch(path, request);
    if ((context.type === 'frc' || context.type === 'tpp') && context.remote) {
      const remote = this.manifest.remotes.find((r) => r.key === context.remote);
      if (!remote)
        return proxyError(400, 'INVALID_REMOTE', `Invalid remote key provided: "${context.remote}"`);
      if (!this.servicenow || !/service-now\.com$/.test(new URL(remote.baseUrl).hostname)) {
        return proxyError(
          502,
          'PROXY_ERR',
          `The sandbox emulates no service behind remote "${context.remote}"`,
        );
      }
      return toResponse(
        await this.servicenow.service.handle({ ...request, path }, { kind: 'app', viaApp: true }),
      );
    }
    return proxyError(400, 'PROXY_ERR', `The sandbox does not emulate ${JSON.stringify(context)} ${path}`);
  }

  private kvsFetch(
    context: ForgeFetchContext,
    path: string,
    request: { headers: Record<string, string>; body?: string },
  ): Response {
    // The current @forge/kvs path (runtime.kvs.url set) authenticates with the invocation's proxy token.
    if (context.provider === undefined && request.headers.authorization !== `Bearer ${this.token}`) {
      return jsonResponse(401, { code: 'UNAUTHENTICATED', message: 'Invalid or missing Forge proxy token' });
    }
    let body: unknown;
    try {
      body = request.body ? JSON.parse(request.body) : {};
    } catch {
      return jsonResponse(400, { code: 'BAD_REQUEST', message: 'Provided request body is invalid' });
    }
    const result = this.kvs.handle(path, body);
    if (result.status === 204) return toResponse({ status: 204 });
    return jsonResponse(result.status, result.body);
  }

  private stargateFetch(path: string, request: { method: string; body?: string }): Response {
    const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
    if (path.startsWith('/webhook/queue/publish/')) return this.publish(body);
    if (path.startsWith('/webhook/queue/stats/')) {
      const job = this.jobs.get(String(body.jobId));
      if (!job) return jsonResponse(404, { message: 'Job not found' });
      return jsonResponse(200, { ...job });
    }
    if (path.startsWith('/webhook/queue/cancel/')) {
      if (!this.jobs.has(String(body.jobId))) return jsonResponse(404, { message: 'Job not found' });
      return toResponse({ status: 204 });
    }
    if (path === '/forge/events/v1/app-events') return jsonResponse(200, { failedEvents: [] });
    if (path === '/graphql') {
      const query = String(body.query ?? '');
      const variables = (body.variables ?? {}) as { input?: { triggerKey?: string } };
      if (query.includes('createWebTriggerUrl')) {
        const key = variables.input?.triggerKey ?? '';
        if (!this.manifest.webTriggers.some((t) => t.key === key)) {
          return jsonResponse(200, {
            data: { createWebTriggerUrl: null },
            errors: [{ message: `No web trigger ${key}` }],
          });
        }
        return jsonResponse(200, { data: { createWebTriggerUrl: { url: this.webTriggerUrl(key) } } });
      }
      if (query.includes('webTriggerUrlsByAppContext')) {
        return jsonResponse(200, {
          data: {
            webTriggerUrlsByAppContext: this.manifest.webTriggers.map((t) => ({
              triggerKey: t.key,
              url: this.webTriggerUrl(t.key),
            })),
          },
        });
      }
      if (query.includes('deleteWebTriggerUrl'))
        return jsonResponse(200, { data: { deleteWebTriggerUrl: { success: true, message: null } } });
      return jsonResponse(200, {
        data: null,
        errors: [
          { message: 'The sandbox emulates only the web trigger URL operations of the GraphQL gateway' },
        ],
      });
    }
    return proxyError(404, 'PROXY_ERR', `The sandbox does not emulate ${path}`);
  }

  /**
   * `fetch` inside an invocation: Forge lets the app reach only the hosts its manifest and the
   * customer's egress settings allow. Requests to the configured ServiceNow instance go to the
   * emulator; anything else is refused with @forge/api's ExternalEndpointNotAllowedError.
   */
  async egressFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input as RequestInfo, init);
    const url = new URL(request.url);
    if (
      this.servicenow &&
      url.host === new URL(this.servicenow.instanceUrl).host &&
      url.protocol === 'https:'
    ) {
      const headers: Record<string, string> = {};
      request.headers.forEach((v, k) => (headers[k] = v));
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
      const res = await this.servicenow.service.handle(
        { method: request.method, path: `${url.pathname}${url.search}`, headers, body },
        { kind: 'app', viaApp: true },
      );
      return toResponse(res);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ExternalEndpointNotAllowedError } = require('@forge/api') as typeof import('@forge/api');
    this.log(`[forge] egress refused: ${url.origin} is not an allowed external fetch backend`);
    throw new ExternalEndpointNotAllowedError(request.url);
  }
}
