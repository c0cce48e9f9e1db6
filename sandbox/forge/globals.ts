/**
 * The globals the real Forge SDK reads, installed once per realm and dispatched to the runtime of
 * the current invocation (an AsyncLocalStorage store, like Forge's own invocation context):
 *
 * - `__forge_fetch__(context, path, init)`: every product, storage, queue and GraphQL request of
 *   `@forge/api`, `@forge/kvs` and `@forge/events` (node_modules/@forge/api/out/api/fetch.js
 *   `__fetchProduct`, node_modules/@forge/kvs/out/index.js `getFetchClient`,
 *   node_modules/@forge/events/out/queries.js `post`). It must answer a WHATWG `Response`; platform
 *   errors travel in the `forge-proxy-error` header (`handleProxyResponseErrors`).
 * - `__forge_runtime__`: app context, proxy token, kvs host, tracing, metrics, lambda context
 *   (node_modules/@forge/api/out/api/runtime.js `__getRuntime`/`getAppContext`; @forge/kvs reads
 *   `kvs.url`, `kvs.host`, `proxy.token`, `tracing` once when it is first loaded).
 * - `fetch`: @forge/api captures the global `fetch` when it is loaded (`getFetchAPI`) and uses it
 *   for external calls. Inside an invocation the sandbox's `fetch` applies Forge's egress rules
 *   (see egress.ts); outside one it is the real `fetch`, so tests and the HTTP server are
 *   unaffected.
 *
 * Install order matters as in Forge: these globals must exist before `@forge/api`/`@forge/kvs` are
 * first required, which is why this module installs them when it is imported.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { InvocationTime } from './invocation-time';

export interface InvocationStore {
  runtime: GlobalsTarget;
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  /** The user the invocation acts for (resolvers, UI): `asUser()` without an argument uses it. */
  principalAccountId?: string;
  /** Its platform time and limit (invocation-time.ts). */
  time: InvocationTime;
  traceId: string;
  spanId: string;
}

/** What a runtime offers the global dispatchers. */
export interface GlobalsTarget {
  forgeFetch(context: ForgeFetchContext, path: string, init?: RequestInit): Promise<Response>;
  egressFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  runtimeGlobal(store: InvocationStore | undefined): Record<string, unknown>;
}

export interface ForgeFetchContext {
  type: 'fpp' | 'kvs' | 'tpp' | 'frc' | 'fcc' | string;
  provider?: 'app' | 'user' | 'none' | string;
  remote?: string;
  accountId?: string;
  contextAri?: string;
  service?: string;
}

interface GlobalsState {
  als: AsyncLocalStorage<InvocationStore>;
  targets: GlobalsTarget[];
  realFetch: typeof fetch;
}

const STATE = Symbol.for('pilot-pathway.sandbox.forge-globals');
type SandboxGlobal = typeof globalThis & {
  [STATE]?: GlobalsState;
  __forge_fetch__?: unknown;
  __forge_runtime__?: unknown;
};

function state(): GlobalsState {
  const g = globalThis as SandboxGlobal;
  const existing = g[STATE];
  if (existing) return existing;
  const created: GlobalsState = { als: new AsyncLocalStorage(), targets: [], realFetch: globalThis.fetch };
  g[STATE] = created;

  const current = (): GlobalsTarget | undefined =>
    created.als.getStore()?.runtime ?? created.targets[created.targets.length - 1];

  g.__forge_fetch__ = async (context: ForgeFetchContext, path: string, init?: RequestInit) => {
    const target = current();
    if (!target) throw new Error('Forge runtime not found: no sandbox runtime is running.');
    return target.forgeFetch(context, path, init);
  };

  // A stable object whose properties follow the current invocation: @forge/kvs keeps references
  // to `proxy`, `kvs` and `tracing` from its first load.
  const live = (key: string) => () => {
    const target = current();
    if (!target) return undefined;
    return target.runtimeGlobal(created.als.getStore())[key];
  };
  const runtimeObject: Record<string, unknown> = {};
  for (const key of [
    'appContext',
    'contextAri',
    'metrics',
    'lambdaContext',
    'externalAuth',
    'container',
    'allowedEgress',
    'installation',
  ]) {
    Object.defineProperty(runtimeObject, key, { enumerable: true, get: live(key) });
  }
  runtimeObject.proxy = {};
  Object.defineProperty(runtimeObject.proxy, 'token', {
    enumerable: true,
    get: () => (live('proxy')() as { token?: string } | undefined)?.token,
  });
  Object.defineProperty(runtimeObject.proxy, 'url', {
    enumerable: true,
    get: () => (live('proxy')() as { url?: string } | undefined)?.url,
  });
  runtimeObject.kvs = { url: 'http://kvs.forge-sandbox.internal', host: 'kvs.forge-sandbox.internal' };
  runtimeObject.tracing = {};
  Object.defineProperty(runtimeObject.tracing, 'traceId', {
    enumerable: true,
    get: () => created.als.getStore()?.traceId ?? '0',
  });
  Object.defineProperty(runtimeObject.tracing, 'spanId', {
    enumerable: true,
    get: () => created.als.getStore()?.spanId ?? '0',
  });
  g.__forge_runtime__ = runtimeObject;

  const realFetch = created.realFetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const store = created.als.getStore();
    if (!store) return realFetch(input, init);
    return store.runtime.egressFetch(input, init);
  }) as typeof fetch;
  return created;
}

// Installed on import: see the module comment.
state();

export function invocationStorage(): AsyncLocalStorage<InvocationStore> {
  return state().als;
}

export function currentInvocation(): InvocationStore | undefined {
  return state().als.getStore();
}

export function registerTarget(target: GlobalsTarget): void {
  const s = state();
  s.targets = s.targets.filter((t) => t !== target);
  s.targets.push(target);
}

export function unregisterTarget(target: GlobalsTarget): void {
  const s = state();
  s.targets = s.targets.filter((t) => t !== target);
}

/** The `fetch` that was global before the sandbox installed its egress-checking one. */
export function realFetch(): typeof fetch {
  return state().realFetch;
}
