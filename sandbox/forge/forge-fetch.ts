/**
 * `__forge_fetch__(context, path, init)`: every product, storage, queue and GraphQL request of
 * @forge/api, @forge/kvs and @forge/events (node_modules/@forge/api/out/api/fetch.js
 * `__fetchProduct`), routed by its context:
 * - `{type: 'fpp', remote: 'jira'}` → the Jira site, as the app (`provider: 'app' | 'none'`) or as a
 *   user (`provider: 'user'`; without an accountId, the invocation's user, else NEEDS_AUTHENTICATION_ERR);
 * - `{type: 'kvs'}` → the Key-Value Store (kvs-store.ts);
 * - `{type: 'fpp', remote: 'stargate'}` → the async events queue, app events and the GraphQL gateway;
 * - `{type: 'frc' | 'tpp', remote}` → the manifest's remotes (egress.ts).
 * Platform errors travel in the `forge-proxy-error` header, as `handleProxyResponseErrors` expects.
 * Every call of an invocation goes through the platform (platform.ts): its latency, its charge to the
 * invocation's platform time, and a stopped invocation's calls refused; storage requests are
 * metered against Forge's storage quotas (429 `RATE_LIMIT_EXCEEDED` past them, as @forge/kvs expects).
 */
import type { Caller } from '../contracts';
import type { ExternalEgress } from './egress';
import { type ForgeFetchContext, invocationStorage } from './globals';
import { type PlainRequest, jsonResponse, normaliseInit, proxyError, toResponse } from './http-messages';
import type { KvsStore } from './kvs-store';
import type { ForgePlatform } from './platform';
import type { AsyncEventQueues, PublishRequest } from './queues';
import type { JiraSiteLike } from './types';
import type { WebTriggers } from './web-triggers';

export interface ForgeFetchServices {
  jira: JiraSiteLike;
  kvs: KvsStore;
  /** The proxy token the current @forge/kvs authenticates with. */
  proxyToken: string;
  queues: AsyncEventQueues;
  webTriggers: WebTriggers;
  egress: ExternalEgress;
  platform: ForgePlatform;
}

/** Forge's answer to a storage request past a quota ("Error handling for the Key-Value Store"). */
function rateLimited(reason: string): Response {
  return jsonResponse(429, { code: 'RATE_LIMIT_EXCEEDED', message: `Rate limit exceeded: ${reason}` });
}

export class ForgeFetch {
  constructor(private readonly services: ForgeFetchServices) {}

  async fetch(context: ForgeFetchContext, path: string, init?: RequestInit): Promise<Response> {
    const request = await normaliseInit(init);
    const { platform } = this.services;
    if (context.type === 'kvs')
      return platform.call('kvs', async () => this.kvsFetch(context, path, request));
    if (context.type === 'fpp' && context.remote === 'jira')
      return platform.call('jira', () => this.jiraFetch(context, path, request));
    if (context.type === 'fpp' && context.remote === 'stargate')
      return platform.call(undefined, async () => this.stargateFetch(path, request));
    if ((context.type === 'frc' || context.type === 'tpp') && context.remote)
      return this.services.egress.fetchRemote(context.remote, path, request);
    return proxyError(400, 'PROXY_ERR', `The sandbox does not emulate ${JSON.stringify(context)} ${path}`);
  }

  private async jiraFetch(
    context: ForgeFetchContext,
    path: string,
    request: PlainRequest,
  ): Promise<Response> {
    let caller: Caller;
    if (context.provider === 'user') {
      const accountId = context.accountId ?? invocationStorage().getStore()?.principalAccountId;
      if (!accountId)
        return proxyError(401, 'NEEDS_AUTHENTICATION_ERR', 'asUser() needs a user: this invocation has none');
      caller = { kind: 'user', accountId, viaApp: true };
    } else {
      caller = { kind: 'app', viaApp: true };
    }
    if (!path.startsWith('/')) return proxyError(400, 'PROXY_ERR', `Invalid product path ${path}`);
    return toResponse(
      await this.services.jira.handle(
        { method: request.method, path, headers: request.headers, body: request.body },
        caller,
      ),
    );
  }

  private kvsFetch(context: ForgeFetchContext, path: string, request: PlainRequest): Response {
    // The current @forge/kvs path (runtime.kvs.url set) authenticates with the invocation's proxy token.
    if (
      context.provider === undefined &&
      request.headers.authorization !== `Bearer ${this.services.proxyToken}`
    ) {
      return jsonResponse(401, { code: 'UNAUTHENTICATED', message: 'Invalid or missing Forge proxy token' });
    }
    let body: unknown;
    try {
      body = request.body ? JSON.parse(request.body) : {};
    } catch {
      return jsonResponse(400, { code: 'BAD_REQUEST', message: 'Provided request body is invalid' });
    }
    const operation = path.replace(/\?.*$/, '');
    const { platform } = this.services;
    const admitted = platform.admitStorageRequest(operation, Buffer.byteLength(request.body ?? ''));
    if (!admitted.admitted) return rateLimited(admitted.reason);
    const result = this.services.kvs.handle(path, body);
    if (result.status === 204) return toResponse({ status: 204 });
    const text = result.body === undefined ? '' : JSON.stringify(result.body);
    const metered = platform.meterRead(operation, Buffer.byteLength(text));
    if (!metered.admitted) return rateLimited(metered.reason);
    return toResponse({ status: result.status, headers: { 'content-type': 'application/json' }, body: text });
  }

  private stargateFetch(path: string, request: PlainRequest): Response {
    const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
    const { queues, webTriggers } = this.services;
    if (path.startsWith('/webhook/queue/publish/')) return queues.publish(body as PublishRequest);
    if (path.startsWith('/webhook/queue/stats/')) return queues.stats(String(body.jobId));
    if (path.startsWith('/webhook/queue/cancel/')) return queues.cancel(String(body.jobId));
    if (path === '/forge/events/v1/app-events') return jsonResponse(200, { failedEvents: [] });
    if (path === '/graphql') return webTriggers.graphql(body);
    return proxyError(404, 'PROXY_ERR', `The sandbox does not emulate ${path}`);
  }
}
