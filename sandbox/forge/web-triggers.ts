/**
 * Web triggers: `<sandbox url>/x1/<moduleKey>` runs the trigger's function with Forge's request
 * shape and maps its `{statusCode, headers, body}` back; `webTrigger.getUrl` and friends ask the
 * GraphQL gateway (node_modules/@forge/api/out/webTrigger.js, `createWebTriggerUrl`), which is
 * answered here.
 */
import { jsonResponse } from './http-messages';
import type { FunctionInvoker } from './invoker';
import type { ForgeManifest } from './manifest';
import { INSTALL_CONTEXT, SANDBOX_CLOUD_ID } from './sandbox-ids';

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

function internalServerError(reason: string): WebTriggerResponse {
  return {
    statusCode: 500,
    headers: { 'content-type': 'text/plain' },
    body: `Internal Server Error: ${reason}`,
  };
}

export class WebTriggers {
  constructor(
    private readonly manifest: ForgeManifest,
    private readonly invoker: FunctionInvoker,
    /** The sandbox's public URL; a function, as the port is known late. */
    private readonly baseUrl: () => string,
    private readonly log: (line: string) => void,
  ) {}

  url(moduleKey: string): string {
    return `${this.baseUrl()}/x1/${encodeURIComponent(moduleKey)}`;
  }

  /** Invokes a web trigger with Forge's request shape and maps its response. */
  async invoke(moduleKey: string, request: WebTriggerRequest): Promise<WebTriggerResponse> {
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
    const outcome = await this.invoker.execute({
      kind: 'webtrigger',
      functionKey: trigger.function,
      moduleKey: trigger.key,
      args: [event, { installContext: INSTALL_CONTEXT }],
    });
    if (!outcome.ok) return internalServerError('the web trigger function failed');
    const value = outcome.value as
      { statusCode?: unknown; headers?: Record<string, string | string[]>; body?: unknown } | undefined;
    if (!value || typeof value.statusCode !== 'number') {
      this.log(
        `[forge] webtrigger ${moduleKey}: the handler's response has no numeric statusCode; answering 500`,
      );
      return internalServerError('invalid web trigger response');
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

  /** The GraphQL gateway's web trigger URL operations; any other query is refused. */
  graphql(body: Record<string, unknown>): Response {
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
      return jsonResponse(200, { data: { createWebTriggerUrl: { url: this.url(key) } } });
    }
    if (query.includes('webTriggerUrlsByAppContext')) {
      return jsonResponse(200, {
        data: {
          webTriggerUrlsByAppContext: this.manifest.webTriggers.map((t) => ({
            triggerKey: t.key,
            url: this.url(t.key),
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
}
