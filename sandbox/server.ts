/**
 * The sandbox: the emulated Jira site, the emulated ServiceNow instance and the Forge runtime
 * running the app, behind one HTTP server (sandbox.md):
 *
 *   /rest/api/3/*            the Jira site (HTTP Basic → site admin; `?as=` / X-Sandbox-User → that user)
 *   /servicenow/*            the ServiceNow instance (Table API, Service Catalog)
 *   /x1/{webTriggerKey}      the app's web triggers
 *   /__sandbox/*             the control API (control.ts) and the Custom UI bridge
 *   /, /browse/{key}, /admin/pilot-pathway, /projects/{key}/pilot-pathway   host pages
 *   /jira/apps/pilot-pathway, /jira/dashboards/{id}[?edit=1]   the global page, a dashboard with the gadget
 *   /__app/static/{resource}/   the app's Custom UI resources
 *
 * `createSandbox()` builds all of it in process (tests use port 0); `sandbox/start.ts` is `npm start`.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Caller, SandboxResponse } from './contracts';
import { SANDBOX_USERS } from './contracts';
import { handleControl } from './control';
import { clearFaults } from './controlled-faults';
import { SandboxClock } from './forge/clock';
import { ForgeRuntime } from './forge/runtime';
import { NoSuchModuleContext } from './forge/ui-invocations';
import type { JiraSiteLike } from './forge/types';
import type { createJiraSite as CreateJiraSite } from './jira/site';
import { BRIDGE_SCRIPT } from './host/bridge-script';
import {
  type JiraReply,
  type PageContext,
  createIssueFromForm,
  projectFor,
  renderAppPage,
  renderIndex,
  renderIssue,
  renderNotFound,
  transitionFromForm,
} from './host/pages';
import { renderDashboard, renderGlobalPage } from './host/across-projects-pages';
import { GadgetSettings, SANDBOX_DASHBOARD } from './host/dashboards';
import { resourceBuilt, serveResource } from './host/resources';
import { configureApp } from './seed/configure';
import { type DemoSeedResult, seedDemo } from './seed/demo';
import { DEMO_SERVICENOW_PILOT, seedServiceNow } from './seed/servicenow';
import type { ResetOptions, Sandbox, SeedName } from './sandbox';
import { DEFAULT_INSTANCE_URL, ServiceNowInstance } from './servicenow/instance';

export type { ResetOptions, Sandbox, SeedName } from './sandbox';

export interface SandboxOptions {
  /** Starting state: `bare` (site only), `empty` (app installed, no issues), `demo` (empty + the story). Default `empty`. */
  seed?: SeedName;
  /** HTTP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** The app's root (manifest.yml, src/, static/); default the repository root. */
  appDir?: string;
  manifestPath?: string;
  /** Where the app bundle goes; default `<appDir>/.build/app`. */
  outDir?: string;
  /** Builds the Jira site; default `createJiraSite` from sandbox/jira/site.ts. */
  jira?: (options: { now: () => Date; baseUrl: string; warn: (line: string) => void }) => JiraSiteLike;
  /** The customer's ServiceNow instance URL the app's fetch reaches; default https://pilot-sandbox.service-now.com */
  servicenowInstanceUrl?: string;
  /**
   * What the site admin does after install (the app's own admin resolver); default: configure
   * Pilot Pathway for project AIP when the app is this repository's, nothing for another app.
   */
  configureApp?: (runtime: ForgeRuntime) => Promise<void>;
  /** retryAfter / delayInSeconds scale; default 0.01. */
  timeScale?: number;
  log?: (line: string) => void;
}

const KNOWN_USERS = new Map<string, string>(
  Object.values(SANDBOX_USERS).map((u) => [u.accountId, u.displayName]),
);

/** sandbox/jira/site.ts, loaded only when no other site is given (it loads the OpenAPI validator). */
function defaultJiraSite(options: {
  now: () => Date;
  baseUrl: string;
  warn: (line: string) => void;
}): JiraSiteLike {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createJiraSite } = require('./jira/site') as { createJiraSite: typeof CreateJiraSite };
  return createJiraSite(options);
}

async function readBody(req: IncomingMessage, limit = 10 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('Request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer = '',
): void {
  res.writeHead(status, headers);
  res.end(status === 204 || status === 304 ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(body));
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for('invalid-json');
  }
}

class SandboxImpl implements Sandbox {
  url = '';
  port = 0;
  seed: SeedName;
  ready = false;
  startupMs = 0;
  demo?: DemoSeedResult;
  server: Server;
  clock: SandboxClock;
  jira!: JiraSiteLike;
  servicenow!: ServiceNowInstance;
  runtime!: ForgeRuntime;
  /** The settings Jira keeps with each dashboard gadget. */
  readonly gadgetSettings = new GadgetSettings();
  private readonly options: SandboxOptions;
  private readonly log: (line: string) => void;

  constructor(options: SandboxOptions) {
    this.options = options;
    this.seed = options.seed ?? 'empty';
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.clock = new SandboxClock();
    this.server = createServer((req, res) => {
      this.route(req, res).catch((e: unknown) => {
        this.log(
          `[sandbox] ${req.method} ${req.url} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
        if (!res.headersSent)
          sendJson(res, (e as { status?: number }).status ?? 500, {
            error: e instanceof Error ? e.message : String(e),
          });
        else res.end();
      });
    });
  }

  async start(): Promise<void> {
    const started = performance.now();
    this.clock.install();
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolveListen, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => resolveListen());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url =
      host === '0.0.0.0' || host === '::'
        ? `http://localhost:${this.port}`
        : `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
    const now = () => this.clock.now();
    this.jira = (this.options.jira ?? defaultJiraSite)({
      now,
      baseUrl: this.url,
      warn: (line) => this.log(`[jira] ${line}`),
    });
    this.servicenow = new ServiceNowInstance({
      instanceUrl: this.options.servicenowInstanceUrl ?? DEFAULT_INSTANCE_URL,
      now,
    });
    this.runtime = await ForgeRuntime.create({
      appDir: this.options.appDir,
      manifestPath: this.options.manifestPath,
      outDir: this.options.outDir,
      jira: this.jira,
      servicenow: { instanceUrl: this.servicenow.instanceUrl, service: this.servicenow },
      clock: this.clock,
      baseUrl: () => this.url,
      timeScale: this.options.timeScale,
      log: this.log,
    });
    // The business rule POSTs to the URL in sys_properties: the app's web trigger when it is this sandbox's.
    this.servicenow.setPushDelivery(async (request) => {
      const prefix = `${this.url}/x1/`;
      if (!request.url.startsWith(prefix))
        return { status: 502, body: `The sandbox reaches no host behind ${request.url}` };
      const key = decodeURIComponent(request.url.slice(prefix.length).replace(/[/?].*$/, ''));
      const reply = await this.runtime.invokeWebTrigger(key, request);
      return { status: reply.statusCode, body: reply.body };
    });
    await this.reset(this.seed);
    this.startupMs = Math.round(performance.now() - started);
    this.ready = true;
  }

  idle(): Promise<void> {
    return this.runtime.idle();
  }

  async reset(seed: SeedName = this.seed, options: ResetOptions = {}): Promise<void> {
    const wasReady = this.ready;
    this.ready = false;
    this.runtime.releaseDeliveries();
    await this.runtime.idle();
    this.seed = seed;
    this.clock.reset();
    await this.jira.reset('bare');
    if (options.siteTimeZone) this.jira.setBehaviour?.({ siteTimeZone: options.siteTimeZone });
    this.servicenow.reset();
    this.servicenow.setPush({ enabled: false });
    this.gadgetSettings.clear();
    this.runtime.kvs.clear();
    this.runtime.setDeliveryMode({ duplicates: 1, concurrent: false });
    // Forge's limits hold wherever the app is installed; no latency until a test or benchmark asks.
    this.runtime.setPlatformBehaviour({
      forgeLimits: seed !== 'bare',
      jiraLatencyMs: 0,
      serviceNowLatencyMs: 0,
      kvsLatencyMs: 0,
    });
    this.runtime.clearPlatformQuotas();
    this.jira.setRateLimiting(false);
    clearFaults(this);
    if (seed !== 'bare') {
      this.runtime.install(SANDBOX_USERS.admin.accountId);
      await this.runtime.idle();
      const configure = this.options.configureApp ?? (this.options.appDir ? undefined : configureApp);
      if (configure) {
        await configure(this.runtime);
        await this.runtime.idle();
      }
    }
    if (seed === 'demo') {
      this.demo = await seedDemo({
        jiraAs: (...a) => this.jiraAs(...a),
        idle: () => this.idle(),
        clock: this.clock,
        log: this.log,
      });
      await this.runtime.idle();
      if (!this.options.appDir) {
        const pilotKey = this.demo.pilots.find((p) => p.summary === DEMO_SERVICENOW_PILOT)?.key;
        const warnings = await seedServiceNow(this, pilotKey);
        for (const warning of warnings) this.log(`[seed:demo] ServiceNow: ${warning}`);
        this.demo.warnings.push(...warnings);
      }
    }
    this.jira.resetMetrics();
    this.servicenow.resetMetrics();
    this.runtime.resetPlatformMetrics();
    this.ready = wasReady || this.startupMs > 0;
  }

  async jiraAs(
    accountId: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<JiraReply & { headers: Record<string, string> }> {
    const reply = await this.jira.handle(
      {
        method,
        path,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      { kind: 'user', accountId, viaApp: false },
    );
    let json: unknown;
    try {
      json = reply.body ? JSON.parse(reply.body) : undefined;
    } catch {
      json = reply.body;
    }
    return { status: reply.status, json, headers: reply.headers };
  }

  async close(): Promise<void> {
    this.ready = false;
    await this.runtime?.idle();
    this.runtime?.close();
    this.server.closeAllConnections?.();
    await new Promise<void>((r) => this.server.close(() => r()));
    this.clock.uninstall();
  }

  // ---------------------------------------------------------------- HTTP routing

  private actingUser(url: URL, req: IncomingMessage): string | undefined {
    const wanted = url.searchParams.get('as') ?? (req.headers['x-sandbox-user'] as string | undefined);
    return wanted && KNOWN_USERS.has(wanted) ? wanted : undefined;
  }

  private pageContext(url: URL, req: IncomingMessage): PageContext {
    return {
      jira: (accountId, method, path, body) => this.jiraAs(accountId, method, path, body),
      accountId: this.actingUser(url, req) ?? SANDBOX_USERS.projectManager.accountId,
      theme: url.searchParams.get('theme') === 'dark' ? 'dark' : 'light',
      uiModules: this.runtime.manifest.uiModules,
      dynamicProperties: (moduleKey, extension) =>
        this.runtime.invokeDynamicProperties({
          moduleKey,
          accountId: this.actingUser(url, req) ?? SANDBOX_USERS.projectManager.accountId,
          extension,
        }),
      resourceBuilt: (key) => resourceBuilt(this.runtime.appDir, this.runtime.manifest.resources, key),
    };
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();

    if (path.startsWith('/__sandbox/bridge/'))
      return this.bridge(path.slice('/__sandbox/bridge/'.length), req, res);
    if (path === '/__sandbox/host/bridge.js') {
      return send(
        res,
        200,
        { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' },
        BRIDGE_SCRIPT,
      );
    }
    if (path.startsWith('/__sandbox/host/')) return this.hostForm(path, url, req, res);
    if (path.startsWith('/__sandbox/')) {
      if (path === '/__sandbox/health' && !this.ready) return sendJson(res, 503, { status: 'starting' });
      const parsed = parseJson(await readBody(req));
      if (typeof parsed === 'symbol') return sendJson(res, 400, { error: 'The body is not valid JSON' });
      const reply = await handleControl(this, method, `${path}${url.search}`, parsed);
      return sendJson(res, reply.status, reply.body);
    }
    if (!this.ready) return sendJson(res, 503, { status: 'starting' });
    if (path.startsWith('/rest/')) return this.jiraRest(url, req, res);
    if (path === '/servicenow' || path.startsWith('/servicenow/')) return this.servicenowRest(url, req, res);
    const webTrigger = /^\/x1\/([^/]+)(\/.*)?$/.exec(path);
    if (webTrigger) {
      const reply = await this.runtime.invokeWebTrigger(decodeURIComponent(webTrigger[1] as string), {
        method,
        path: `${webTrigger[2] ?? '/'}${url.search}`,
        headers: req.headers,
        body: await readBody(req),
      });
      return send(res, reply.statusCode, reply.headers, reply.body);
    }
    if (path.startsWith('/__app/static/')) {
      const reply = serveResource(
        this.runtime.appDir,
        this.runtime.manifest.resources,
        path,
        url.searchParams,
      );
      return send(res, reply.status, reply.headers, reply.body);
    }
    if (method !== 'GET' && method !== 'HEAD')
      return sendJson(res, 405, { error: `${method} not allowed here` });
    const ctx = this.pageContext(url, req);
    const html = (status: number, body: string) =>
      send(res, status, { 'content-type': 'text/html; charset=utf-8' }, body);
    if (path === '/') return html(200, await renderIndex(ctx));
    const browse = /^\/browse\/([A-Za-z0-9_-]+)$/.exec(path);
    if (browse) {
      const page = await renderIssue(ctx, browse[1] as string);
      return html(page.status, page.html);
    }
    if (path === '/admin/pilot-pathway') return html(200, renderAppPage(ctx, 'jira:adminPage'));
    if (path === '/jira/apps/pilot-pathway') return html(200, renderGlobalPage(ctx));
    if (path === `/jira/dashboards/${SANDBOX_DASHBOARD.id}`)
      return html(200, renderDashboard(ctx, { edit: url.searchParams.get('edit') === '1' }));
    const projectPage = /^\/projects\/([A-Za-z0-9_]+)\/pilot-pathway$/.exec(path);
    if (projectPage) {
      const project = await projectFor(ctx, projectPage[1] as string);
      if (!project) return html(404, renderNotFound(ctx, `No project ${projectPage[1]} you can browse.`));
      return html(200, renderAppPage(ctx, 'jira:projectPage', project));
    }
    if (path === '/favicon.ico') return send(res, 204, {});
    return html(404, renderNotFound(ctx, `No page at ${path}.`));
  }

  private async jiraRest(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = flatHeaders(req);
    const wanted = url.searchParams.get('as') ?? headers['x-sandbox-user'];
    let caller: Caller;
    if (wanted) {
      if (!KNOWN_USERS.has(wanted))
        return sendJson(res, 401, { errorMessages: [`Unknown sandbox user ${wanted}`], errors: {} });
      caller = { kind: 'user', accountId: wanted, viaApp: false };
    } else if (/^basic\s/i.test(headers.authorization ?? '')) {
      caller = { kind: 'user', accountId: SANDBOX_USERS.admin.accountId, viaApp: false };
    } else {
      return sendJson(res, 401, {
        errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
        errors: {},
      });
    }
    url.searchParams.delete('as');
    delete headers['x-sandbox-user'];
    delete headers.authorization;
    delete headers.host;
    const body = await readBody(req);
    const reply = await this.jira.handle(
      {
        method: (req.method ?? 'GET').toUpperCase(),
        path: `${url.pathname}${url.search}`,
        headers,
        body: body || undefined,
      },
      caller,
    );
    return this.sendService(res, reply);
  }

  private async servicenowRest(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = flatHeaders(req);
    headers['x-sandbox-base-url'] = `${this.url}/servicenow`;
    const body = await readBody(req);
    const reply = await this.servicenow.handle(
      {
        method: (req.method ?? 'GET').toUpperCase(),
        path: `${url.pathname.slice('/servicenow'.length) || '/'}${url.search}`,
        headers,
        body: body || undefined,
      },
      { kind: 'user', accountId: 'servicenow-client', viaApp: false },
    );
    return this.sendService(res, reply);
  }

  private sendService(res: ServerResponse, reply: SandboxResponse): void {
    send(res, reply.status, reply.headers, reply.body);
  }

  /** `POST /__sandbox/bridge/{name}`: what the injected bridge script forwards from the Custom UI. */
  private async bridge(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if ((req.method ?? '').toUpperCase() !== 'POST') return sendJson(res, 405, { message: 'POST only' });
    const body = parseJson(await readBody(req)) as
      | {
          moduleKey?: string;
          accountId?: string;
          extension?: Record<string, unknown>;
          theme?: string;
          localId?: string;
          payload?: Record<string, unknown> | null;
        }
      | undefined;
    if (!body || typeof body !== 'object')
      return sendJson(res, 400, { message: 'The body must be a JSON object' });
    const accountId = body.accountId ?? '';
    if (!KNOWN_USERS.has(accountId))
      return sendJson(res, 401, { message: `Unknown sandbox user ${accountId}` });
    const moduleKey = body.moduleKey ?? '';
    if (!this.runtime.manifest.uiModules.some((m) => m.key === moduleKey))
      return sendJson(res, 404, { message: `No UI module ${moduleKey}` });
    const module = this.runtime.manifest.uiModules.find((m) => m.key === moduleKey);
    const isGadget = module?.type === 'jira:dashboardGadget';
    // The platform, not the page, says which settings a gadget was saved with.
    const extension = isGadget ? this.gadgetSettings.extensionFor(body.extension) : body.extension;
    const input = {
      moduleKey,
      accountId,
      extension,
      theme: body.theme === 'dark' ? ('dark' as const) : ('light' as const),
      localId: body.localId,
    };
    const payload = body.payload ?? {};
    switch (name) {
      case 'getContext':
        return sendJson(res, 200, { result: this.runtime.getContext(input) });
      case 'invoke': {
        if (typeof payload.functionKey !== 'string')
          return sendJson(res, 400, { message: 'functionKey must be a string!' });
        try {
          const result = await this.runtime.invokeResolver({
            ...input,
            functionKey: payload.functionKey,
            payload: payload.payload,
          });
          return sendJson(res, 200, { result: result ?? null });
        } catch (e) {
          if (e instanceof NoSuchModuleContext) return sendJson(res, 403, { message: e.message });
          return sendJson(res, 500, {
            message: `There was an error invoking the function - ${e instanceof Error ? e.message : String(e)}`,
          });
        }
      }
      case 'fetchProduct': {
        if (payload.product !== 'jira')
          return sendJson(res, 400, {
            message: `The sandbox emulates only Jira, not ${String(payload.product)}`,
          });
        const init = (payload.fetchRequestInit ?? {}) as {
          method?: string;
          headers?: [string, string][];
          body?: string | null;
        };
        const headers = Object.fromEntries((init.headers ?? []).map(([k, v]) => [k.toLowerCase(), v]));
        const reply = await this.jira.handle(
          {
            method: (init.method ?? 'GET').toUpperCase(),
            path: String(payload.restPath ?? '/'),
            headers,
            body: init.body ?? undefined,
          },
          { kind: 'user', accountId, viaApp: true },
        );
        return sendJson(res, 200, {
          result: { status: reply.status, statusText: '', headers: reply.headers, body: reply.body },
        });
      }
      case 'submit': {
        const gadgetId = (extension?.['gadget'] as { id?: unknown } | undefined)?.id;
        if (!isGadget || extension?.['entryPoint'] !== 'edit' || typeof gadgetId !== 'string')
          return sendJson(res, 200, { result: false });
        const saved = this.gadgetSettings.submit(gadgetId, body.payload);
        return saved.ok
          ? sendJson(res, 200, { result: true })
          : sendJson(res, 400, { message: saved.message });
      }
      default:
        return sendJson(res, 404, { message: `The sandbox bridge does not support "${name}"` });
    }
  }

  /** The host pages' forms: create an issue, transition a sub-task (POST, then redirect). */
  private async hostForm(path: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if ((req.method ?? '').toUpperCase() !== 'POST') return sendJson(res, 405, { error: 'POST only' });
    const form = new URLSearchParams(await readBody(req));
    const ctx = this.pageContext(url, req);
    const keep = url.search;
    if (path === '/__sandbox/host/create-issue') {
      const result = await createIssueFromForm(ctx, form);
      if (result.error)
        return send(
          res,
          400,
          { 'content-type': 'text/html; charset=utf-8' },
          await renderIndex(ctx, { error: result.error }),
        );
      await this.runtime.idle();
      return send(res, 303, { location: `/browse/${encodeURIComponent(result.key as string)}${keep}` });
    }
    if (path === '/__sandbox/host/transition') {
      const result = await transitionFromForm(ctx, form);
      const back = form.get('back') ?? form.get('issue') ?? '';
      if (result.error) {
        const page = await renderIssue(ctx, back);
        return send(
          res,
          400,
          { 'content-type': 'text/html; charset=utf-8' },
          page.html.replace(
            '<main',
            `<p class="error" role="alert">${result.error.replace(/</g, '&lt;')}</p><main`,
          ),
        );
      }
      await this.runtime.idle();
      return send(res, 303, { location: `/browse/${encodeURIComponent(back)}${keep}` });
    }
    return sendJson(res, 404, { error: `No host action ${path}` });
  }
}

/** Builds and starts a sandbox in this process. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = new SandboxImpl(options);
  try {
    await sandbox.start();
  } catch (e) {
    await new Promise<void>((r) => sandbox.server.close(() => r()));
    sandbox.clock.uninstall();
    throw e;
  }
  return sandbox;
}
