/**
 * The app's reach outside Atlassian: Forge lets it call only the remotes and hosts its manifest
 * and the customer's egress settings allow. The configured ServiceNow instance is the one outside
 * service the sandbox emulates; the app reaches it as itself (`{kind: 'app', viaApp: true}`).
 */
import type { EmulatedService, SandboxRequest } from '../contracts';
import { type PlainRequest, proxyError, toResponse } from './http-messages';
import type { ForgeManifest } from './manifest';

export interface ServiceNowEgress {
  /** The customer's instance, e.g. https://pilot-sandbox.service-now.com: requests to its host go to the emulator. */
  instanceUrl: string;
  service: EmulatedService;
}

export class ExternalEgress {
  constructor(
    private readonly manifest: ForgeManifest,
    private readonly servicenow: ServiceNowEgress | undefined,
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
   * `fetch` inside an invocation: Forge lets the app reach only the hosts its manifest and the
   * customer's egress settings allow. Requests to the configured ServiceNow instance go to the
   * emulator; anything else is refused with @forge/api's ExternalEndpointNotAllowedError.
   */
  async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
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
      return this.askServiceNow(this.servicenow, {
        method: request.method,
        path: `${url.pathname}${url.search}`,
        headers,
        body,
      });
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ExternalEndpointNotAllowedError } = require('@forge/api') as typeof import('@forge/api');
    this.log(`[forge] egress refused: ${url.origin} is not an allowed external fetch backend`);
    throw new ExternalEndpointNotAllowedError(request.url);
  }

  private async askServiceNow(servicenow: ServiceNowEgress, request: SandboxRequest): Promise<Response> {
    return toResponse(await servicenow.service.handle(request, { kind: 'app', viaApp: true }));
  }
}
