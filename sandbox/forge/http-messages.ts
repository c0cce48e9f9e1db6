/**
 * Between the WHATWG `fetch` messages the SDK exchanges and the plain ones the emulated services
 * speak (`SandboxRequest`/`SandboxResponse`); platform errors carry the `forge-proxy-error` header
 * that @forge/api's `handleProxyResponseErrors` turns into `ProxyRequestError` and friends.
 */
import type { SandboxRequest, SandboxResponse } from '../contracts';

/** A request as the SDK's fetch init gives it: everything but the path. */
export type PlainRequest = Omit<SandboxRequest, 'path'>;

export function toResponse(
  res: SandboxResponse | { status: number; headers?: Record<string, string>; body?: string },
): Response {
  const noBody = res.status === 204 || res.status === 304;
  return new Response(noBody ? null : (res.body ?? ''), { status: res.status, headers: res.headers ?? {} });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return toResponse({
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  });
}

export function proxyError(status: number, reason: string, message: string): Response {
  return jsonResponse(status, { message }, { 'forge-proxy-error': reason });
}

/** Turns a fetch init (any body/headers form the SDK may pass) into plain strings. */
export async function normaliseInit(init: RequestInit | undefined): Promise<PlainRequest> {
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
