/**
 * What can go wrong talking to ServiceNow, each with a sentence that names exactly what failed.
 * Built from the Table API's error envelope `{"error": {"message", "detail"}, "status": "failure"}`.
 */

export type ServiceNowFailure =
  /** No answer at all (DNS, connection, timeout). */
  | 'unreachable'
  /** Forge refused the call: the host is not in the app's egress permissions (a 403 without the envelope). */
  | 'egress-blocked'
  /** 401: credentials (or the OAuth client) refused. */
  | 'unauthorized'
  /** 403 from ServiceNow: an ACL or a missing role. */
  | 'forbidden'
  /** 404: no such record (or an ACL hides it). */
  | 'not-found'
  /** 400 "Invalid table <name>". */
  | 'invalid-table'
  | 'rate-limited'
  | 'server-error'
  | 'bad-request'
  /** A 2xx whose body is not the Table API's JSON. */
  | 'malformed-response';

export interface ServiceNowErrorDetails {
  kind: ServiceNowFailure;
  operation: string;
  status: number | null;
  /** The envelope's `error.message`, if any. */
  serviceNowMessage?: string | null;
  /** The envelope's `error.detail`, if any. */
  serviceNowDetail?: string | null;
  retryAfterSeconds?: number;
}

export class ServiceNowError extends Error {
  readonly kind: ServiceNowFailure;
  readonly operation: string;
  readonly status: number | null;
  readonly serviceNowMessage: string | null;
  readonly serviceNowDetail: string | null;
  readonly retryAfterSeconds: number | undefined;

  constructor(details: ServiceNowErrorDetails, message: string) {
    super(message);
    this.name = 'ServiceNowError';
    this.kind = details.kind;
    this.operation = details.operation;
    this.status = details.status;
    this.serviceNowMessage = details.serviceNowMessage ?? null;
    this.serviceNowDetail = details.serviceNowDetail ?? null;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** Whether the call may have reached ServiceNow and been carried out although we got no proper answer. */
  get outcomeUnknown(): boolean {
    return this.kind === 'unreachable' || this.kind === 'server-error' || this.kind === 'malformed-response';
  }
}

interface Envelope {
  message: string | null;
  detail: string | null;
}

/** The error envelope of a ServiceNow body, or null when the body is not one. */
export function parseEnvelope(text: string): Envelope | null {
  try {
    const body = JSON.parse(text) as { error?: unknown; status?: unknown };
    if (typeof body !== 'object' || body === null || typeof body.error !== 'object' || body.error === null)
      return null;
    const error = body.error as { message?: unknown; detail?: unknown };
    return {
      message: typeof error.message === 'string' ? error.message : null,
      detail: typeof error.detail === 'string' ? error.detail : null,
    };
  } catch {
    return null;
  }
}

const said = (envelope: Envelope | null): string => {
  const words = [envelope?.message, envelope?.detail].filter(Boolean).join(': ');
  return words ? ` ServiceNow said: "${words}".` : '';
};

/** Turns a failed response into a typed error with a sentence a person can act on. */
export function errorFromResponse(
  operation: string,
  host: string,
  status: number,
  text: string,
  retryAfterSeconds: number | undefined,
): ServiceNowError {
  const envelope = parseEnvelope(text);
  const base = {
    operation,
    status,
    serviceNowMessage: envelope?.message,
    serviceNowDetail: envelope?.detail,
  };
  if (status === 403 && !envelope)
    return new ServiceNowError(
      { ...base, kind: 'egress-blocked' },
      `Forge blocked the call to ${host} (403 without a ServiceNow answer): the app may only reach *.service-now.com; check the instance address.`,
    );
  if (status === 401)
    return new ServiceNowError(
      { ...base, kind: 'unauthorized' },
      `ServiceNow refused the integration user's credentials (401) while ${operation}.${said(envelope)} A Jira admin must enter them again on the Pilot Pathway admin page.`,
    );
  if (status === 403)
    return new ServiceNowError(
      { ...base, kind: 'forbidden' },
      `ServiceNow refused ${operation} (403).${said(envelope)} The integration user lacks a role: it needs itil (read and write requested items) and, for catalog filing, permission to order the item (see docs/servicenow.md).`,
    );
  if (status === 400 && envelope?.message?.startsWith('Invalid table'))
    return new ServiceNowError(
      { ...base, kind: 'invalid-table' },
      `ServiceNow has no such table (${envelope.message.replace('Invalid table ', '')}) while ${operation}: check the table name on the admin page.`,
    );
  if (status === 404)
    return new ServiceNowError(
      { ...base, kind: 'not-found' },
      `ServiceNow found nothing (404) while ${operation}.${said(envelope)}`,
    );
  if (status === 429)
    return new ServiceNowError(
      { ...base, kind: 'rate-limited', retryAfterSeconds: retryAfterSeconds ?? 60 },
      `ServiceNow is rate limiting the integration (429) while ${operation}: try again in ${retryAfterSeconds ?? 60} seconds.`,
    );
  if (status >= 500)
    return new ServiceNowError(
      { ...base, kind: 'server-error' },
      `ServiceNow failed (${status}) while ${operation}.${said(envelope)} Try again later.`,
    );
  return new ServiceNowError(
    { ...base, kind: 'bad-request' },
    `ServiceNow refused ${operation} (${status}).${said(envelope)}`,
  );
}

export function malformed(operation: string, status: number, why: string): ServiceNowError {
  return new ServiceNowError(
    { kind: 'malformed-response', operation, status },
    `ServiceNow answered ${operation} with something that is not its Table API JSON (${why}). Is the instance address right?`,
  );
}

export function unreachable(operation: string, host: string, cause: unknown): ServiceNowError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new ServiceNowError(
    { kind: 'unreachable', operation, status: null },
    `ServiceNow at ${host} did not answer while ${operation} (${why}).`,
  );
}
