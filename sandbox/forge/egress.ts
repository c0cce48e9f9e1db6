/**
 * The app's reach outside Atlassian: Forge lets it call only the remotes and hosts its manifest
 * and the customer's egress settings allow. The configured ServiceNow instance is the one outside
 * service the sandbox emulates; the app reaches it as itself (`{kind: 'app', viaApp: true}`), each
 * call through the platform (its `serviceNowLatencyMs`, charged to the calling invocation).
 */
import type { EmulatedService, SandboxRequest } from '../contracts';
import { type PlainRequest, proxyError, toResponse } from './http-messages';
import type { ForgeManifest } from './manifest';
import type { ForgePlatform } from './platform';

export interface ServiceNowEgress {
  /** The customer's instance, e.g. https://pilot-sandbox.service-now.com: requests to its host go to the emulator. */
  instanceUrl: string;
  service: EmulatedService;
}

export class ExternalEgress {
  constructor(
    private readonly manifest: ForgeManifest,
    private readonly servicenow: ServiceNowEgress | undefined,
    private readonly platform: ForgePlatform,
    private readonly log: (line: string) => void,
  ) {}

  /** `__forge_fetch__` to a manifest remote (`{type: 'frc' | 'tpp', remote}`). */
  async fetchRemote(remoteKey: string, path: string, request: PlainRequest): Promise<Response> {
    const remote = this.manifest.remotes.find((r) => r.key === remoteKey);
    if (!remote) return proxyError(400, 'INVALID_REMOTE', `Invalid remote key provided: "${remoteKey}"`);
    if (!this.servicenow || !/service-now\.com$/.test(new URL(remote.baseUrl).hostname)) {
      return proxyError(502, 'PROXY_ERR', `The sandbox emulates no service behind remote "${remoteKey}"`);
    }
    return this.askServiceNow(this.servicenow, { ...request, path });
  }

  /**
   * `fetch` inside an invocation: Forge lets the app reach only the hosts its manifest's
   * `permissions.external.fetch.backend` allows (protocol and host; `*.example.com` covers the
   * subdomains, not `example.com` itself). A blocked call does not throw: it comes back as a 403
   * response, as on Forge. Requests to the configured ServiceNow instance go to the emulator.
   */
  async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input as RequestInfo, init);
    const url = new URL(request.url);
    if (!this.backendAllows(url)) {
      this.log(`[forge] egress refused: ${url.origin} is not an allowed external fetch backend`);
      return new Response(`Forbidden: ${url.host} is not in the app's external fetch backend permissions`, {
        status: 403,
        headers: { 'content-type': 'text/plain' },
      });
    }
    if (this.servicenow && url.host === new URL(this.servicenow.instanceUrl).host) {
      const headers: Record<string, string> = {};
      request.headers.forEach((v, k) => (headers[k] = v));
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
      return this.askServiceNow(this.servicenow, {
        method: request.method,
        path: `${url.pathname}${url.search}`,
        headers,
        body,
      });
    }
    // Allowed, but nothing answers there (the sandbox has no network): as a failed DNS lookup would.
    this.log(`[forge] fetch ${url.origin}: the sandbox emulates no service there`);
    throw new TypeError(`fetch failed: getaddrinfo ENOTFOUND ${url.hostname}`);
  }

  /** Whether the manifest's backend egress list covers this URL (Forge matches protocol and host only). */
  backendAllows(url: URL): boolean {
    return this.manifest.externalFetchBackend.some((entry) => {
      const address =
        typeof entry === 'string'
          ? entry
          : (entry.address ??
            this.manifest.remotes.find((remote) => remote.key === entry.remote)?.baseUrl ??
            '');
      const match = /^(?:(https?):\/\/)?([^/:]+)/.exec(address);
      if (!match) return false;
      const [, protocol = 'https', host = ''] = match;
      if (`${protocol}:` !== url.protocol) return false;
      return host.startsWith('*.')
        ? url.hostname.endsWith(host.slice(1)) && url.hostname.length > host.length - 1
        : url.hostname === host;
    });
  }

  private askServiceNow(servicenow: ServiceNowEgress, request: SandboxRequest): Promise<Response> {
    return this.platform.call('servicenow', async () =>
      toResponse(await servicenow.service.handle(request, { kind: 'app', viaApp: true })),
    );
  }
}
