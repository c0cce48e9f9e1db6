/**
 * Concern: ServiceNow's wire conventions shared by every endpoint: JSON bodies
 * (`application/json;charset=UTF-8`), the error envelope `{"error": {message, detail}, "status":
 * "failure"}` (ServiceNowError), reading a JSON request body, and how an injected fault looks.
 */
import type { SandboxResponse } from '../contracts';
import { type FaultRule, bareFaultBody } from '../faults';

const JSON_TYPE = 'application/json;charset=UTF-8';

export class ServiceNowError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail: string | null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function noRecord(): ServiceNowError {
  return new ServiceNowError(
    404,
    'No Record found',
    "Record doesn't exist or ACL restricts the record retrieval",
  );
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { 'content-type': JSON_TYPE, ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** The error envelope of a ServiceNowError. */
export function errorResponse(error: ServiceNowError): SandboxResponse {
  return json(
    error.status,
    { error: { message: error.message, detail: error.detail }, status: 'failure' },
    error.headers,
  );
}

/** A request body that must be a JSON object (400 in the envelope otherwise). */
export function parseJsonObject(body: string | undefined): Record<string, unknown> {
  if (!body) return {};
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ServiceNowError(400, 'Exception while reading request', 'The payload is not valid JSON.');
}

/** An injected fault as ServiceNow (or, `bare`, something in front of it) answers it. */
export function faultResponse(rule: FaultRule): SandboxResponse {
  if (rule.bare)
    return {
      status: rule.status,
      headers: { 'content-type': 'text/html' },
      body: bareFaultBody(rule.status),
    };
  if (rule.status === 429) {
    const retryAfter = String(rule.retryAfter ?? 1);
    return errorResponse(
      new ServiceNowError(
        429,
        'Rate limit exceeded',
        `Too many requests; retry after ${retryAfter} seconds`,
        {
          'retry-after': retryAfter,
          'x-ratelimit-rule': 'sandbox-fault',
        },
      ),
    );
  }
  return errorResponse(
    new ServiceNowError(
      rule.status,
      rule.status >= 500 ? 'Internal server error' : 'Request failed',
      `Injected fault (${rule.status})`,
      rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {},
    ),
  );
}
