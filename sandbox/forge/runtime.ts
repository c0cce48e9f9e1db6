/**
 * The emulated Forge runtime: loads manifest.yml, bundles the app's handlers, and invokes them
 * with the real `@forge/*` SDK the way Forge does (see globals.ts for the globals the SDK reads).
 *
 * ForgeRuntime composes the parts, one concern a module (delivery semantics: sandbox.md,
 * forge-notes.md and README.md here):
 * - invoker.ts: one invocation of a function, in its invocation context, within Forge's time limit;
 * - delivery.ts: async delivery, at least once, duplicates, concurrency, retries of InvocationError;
 * - product-events.ts: product and lifecycle events to `trigger` functions, `filter.ignoreSelf`;
 * - install.ts: what Forge does on install;
 * - queues.ts: the async events queue, `Queue.push` to the `consumer` function;
 * - scheduled-triggers.ts, web-triggers.ts, ui-invocations.ts (resolver, dynamic properties, context);
 * - forge-fetch.ts: `__forge_fetch__` (Jira, kvs, queue, GraphQL, remotes); egress.ts: external `fetch`;
 * - runtime-global.ts: `__forge_runtime__`; pending-work.ts: what `idle()` waits for;
 * - platform.ts: Forge's limits (`forgeLimits`), the latency of the app's calls and what the platform
 *   saw; invocation-time.ts: an invocation's platform time and its stop at the limit.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { ProductEvent } from '../contracts';
import { SANDBOX_USERS } from '../contracts';
import { bundleApp } from './bundle';
import type { SandboxClock } from './clock';
import { type DeliveryCounts, type DeliveryMode, EventDelivery } from './delivery';
import { ExternalEgress, type ServiceNowEgress } from './egress';
import { ForgeFetch } from './forge-fetch';
import {
  type ForgeFetchContext,
  type GlobalsTarget,
  type InvocationStore,
  registerTarget,
  unregisterTarget,
} from './globals';
import { installApp } from './install';
import { FunctionInvoker, type InvocationRecord } from './invoker';
import { KvsStore, type StorageUsage } from './kvs-store';
import { type ForgeManifest, type ManifestUiModule, loadManifest } from './manifest';
import { PendingWork } from './pending-work';
import { deliverToTriggers } from './product-events';
import { AsyncEventQueues } from './queues';
import { ForgePlatform, type PlatformBehaviour, type PlatformMetrics } from './platform';
import { type InstalledApp, forgeRuntimeGlobal } from './runtime-global';
import { runScheduledTrigger } from './scheduled-triggers';
import type { JiraSiteLike } from './types';
import { type UiInvocationInput, UiInvocations } from './ui-invocations';
import { type WebTriggerRequest, type WebTriggerResponse, WebTriggers } from './web-triggers';

export {
  INSTALL_CONTEXT,
  SANDBOX_CLOUD_ID,
  SANDBOX_ENVIRONMENT_ID,
  SANDBOX_INSTALLATION_ID,
} from './sandbox-ids';
export type { DeliveryMode } from './delivery';
export type { ServiceNowEgress } from './egress';
export type { InvocationKind, InvocationRecord } from './invoker';
export type { PlatformBehaviour, PlatformMetrics } from './platform';
export type { ExtensionContext, UiInvocationInput } from './ui-invocations';
export type { WebTriggerRequest, WebTriggerResponse } from './web-triggers';

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

const REPO_ROOT = resolve(__dirname, '..', '..');

export class ForgeRuntime implements GlobalsTarget {
  readonly manifest: ForgeManifest;
  readonly kvs: KvsStore;
  readonly appDir: string;
  readonly invocations: InvocationRecord[];
  timeScale: number;
  bundleMs = 0;
  loadMs = 0;
  private readonly jira: JiraSiteLike;
  private readonly outDir?: string;
  private readonly app: InstalledApp;
  private readonly work = new PendingWork();
  private readonly invoker: FunctionInvoker;
  private readonly delivery: EventDelivery;
  private readonly webTriggers: WebTriggers;
  private readonly ui: UiInvocations;
  private readonly egress: ExternalEgress;
  private readonly forgeFetchDispatch: ForgeFetch;
  private readonly platform: ForgePlatform;
  private closed = false;
  private readonly unsubscribe?: () => void;

  private constructor(options: ForgeRuntimeOptions) {
    this.appDir = resolve(options.appDir ?? REPO_ROOT);
    this.manifest = loadManifest(options.manifestPath ?? join(this.appDir, 'manifest.yml'));
    this.jira = options.jira;
    const clock = options.clock;
    const baseUrl = options.baseUrl ?? (() => 'http://localhost:8080');
    this.timeScale = options.timeScale ?? 0.01;
    const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.outDir = options.outDir;
    this.kvs = new KvsStore(() => (clock ? clock.nowMs() : Date.now()), this.manifest.entities);
    this.platform = new ForgePlatform(clock, () => this.timeScale);
    this.app = { manifest: this.manifest, appDir: this.appDir, proxyToken: randomBytes(24).toString('hex') };
    this.invoker = new FunctionInvoker(this.manifest, this, this.work, this.platform, log);
    this.invocations = this.invoker.records;
    this.delivery = new EventDelivery(this.invoker, this.work, () => this.timeScale, log, this.platform);
    this.webTriggers = new WebTriggers(this.manifest, this.invoker, baseUrl, log);
    this.ui = new UiInvocations(
      this.manifest,
      this.invoker,
      baseUrl,
      this.jira.viewerCanSee?.bind(this.jira),
    );
    this.egress = new ExternalEgress(this.manifest, options.servicenow, this.platform, log);
    this.forgeFetchDispatch = new ForgeFetch({
      jira: this.jira,
      kvs: this.kvs,
      proxyToken: this.app.proxyToken,
      queues: new AsyncEventQueues(this.manifest, this.delivery, this.platform),
      webTriggers: this.webTriggers,
      egress: this.egress,
      platform: this.platform,
    });
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
      runtime.invoker.addModule(name, require(file) as Record<string, unknown>);
    }
    runtime.loadMs = performance.now() - started;
    return runtime;
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    unregisterTarget(this);
  }

  /** Called by the Jira site after a change: delivers to every subscribed trigger. */
  deliverProductEvent(event: ProductEvent): void {
    if (this.closed) return;
    deliverToTriggers(this.manifest, this.delivery, event);
  }

  /**
   * What Forge does when the app is installed: registers the app's entity property indexes and
   * custom fields with the site, then sends `avi:forge:installed:app` (asynchronously; await idle()).
   */
  install(installerAccountId: string = SANDBOX_USERS.admin.accountId): void {
    installApp(this.manifest, this.jira, (event) => this.deliverProductEvent(event), installerAccountId);
  }

  setDeliveryMode(mode: Partial<DeliveryMode>): DeliveryMode {
    return this.delivery.setMode(mode);
  }

  getDeliveryMode(): DeliveryMode {
    return this.delivery.getMode();
  }

  /** Keeps every later event (product events, queue pushes) back until releaseDeliveries(). */
  holdDeliveries(): void {
    this.delivery.hold();
  }

  /** Delivers every event kept back by holdDeliveries() at the same moment; returns how many. */
  releaseDeliveries(): number {
    return this.delivery.release();
  }

  /**
   * Takes the events kept back by holdDeliveries() aside, delivering nothing now, and returns what
   * delivers them later (late events, after changes made since); it returns how many it delivered.
   */
  delayHeldDeliveries(): () => number {
    return this.delivery.delayHeld();
  }

  /** Retries, dropped events and queue hand-offs since the runtime started (soak and resilience tests). */
  deliveryCounts(): DeliveryCounts {
    return { ...this.delivery.counts };
  }

  /** Forge's limits on or off, and the latency of the app's calls (`POST /__sandbox/behaviour`). */
  setPlatformBehaviour(changes: Partial<PlatformBehaviour>): PlatformBehaviour {
    return this.platform.setBehaviour(changes);
  }

  platformBehaviour(): PlatformBehaviour {
    return this.platform.behaviour();
  }

  /** What the platform saw since the last metrics reset, and what is stored now (`GET /__sandbox/forge`). */
  platformMetrics(): PlatformMetrics & { kvs: StorageUsage } {
    const metrics = this.platform.metrics();
    return { ...metrics, kvs: { ...metrics.kvs, ...this.kvs.usage() } };
  }

  resetPlatformMetrics(): void {
    this.platform.resetMetrics();
  }

  /** A fresh installation's quotas: every per-second and per-minute window empty. */
  clearPlatformQuotas(): void {
    this.platform.clearQuotas();
  }

  /** Resolves once every queued event, async event, retry and handler has finished. */
  idle(): Promise<void> {
    return this.work.idle();
  }

  /** Runs a scheduled trigger now (Forge: no retry). Resolves with the handler's result. */
  runScheduled(triggerKey: string): Promise<unknown> {
    return runScheduledTrigger(this.manifest, this.invoker, triggerKey);
  }

  webTriggerUrl(moduleKey: string): string {
    return this.webTriggers.url(moduleKey);
  }

  /** Invokes a web trigger with Forge's request shape and maps its response. */
  invokeWebTrigger(moduleKey: string, request: WebTriggerRequest): Promise<WebTriggerResponse> {
    return this.webTriggers.invoke(moduleKey, request);
  }

  uiModule(moduleKey: string): ManifestUiModule {
    return this.ui.module(moduleKey);
  }

  /** Forge's frontend context (`view.getContext()`) for a UI module. */
  getContext(input: UiInvocationInput): Record<string, unknown> {
    return this.ui.context(input);
  }

  /** Runs the resolver of a UI module as `invoke(functionKey, payload)` from its Custom UI would. */
  invokeResolver(input: UiInvocationInput & { functionKey: string; payload?: unknown }): Promise<unknown> {
    return this.ui.invokeResolver(input);
  }

  /** Runs a UI module's `dynamicProperties` function (jira:issueContext lozenge). */
  invokeDynamicProperties(input: UiInvocationInput): Promise<unknown> {
    return this.ui.invokeDynamicProperties(input);
  }

  // GlobalsTarget: what globals.ts dispatches to while this runtime is current.

  runtimeGlobal(store: InvocationStore | undefined): Record<string, unknown> {
    return forgeRuntimeGlobal(this.app, store);
  }

  forgeFetch(context: ForgeFetchContext, path: string, init?: RequestInit): Promise<Response> {
    return this.forgeFetchDispatch.fetch(context, path, init);
  }

  egressFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    return this.egress.fetch(input, init);
  }
}
