/**
 * A typed ServiceNow client on Forge's `fetch` (from @forge/api, which applies the manifest's egress
 * rules): the Table API (list, get, create, update), the Service Catalog's `order_now`, paging by
 * `Link`, the error envelope turned into {@link ServiceNowError}, `Retry-After` honoured, HTTP Basic or
 * OAuth 2.0 client credentials (the token cached until it expires, fetched again once on a 401).
 */
import { errorFromResponse, malformed, ServiceNowError, unreachable } from './errors';

export type ServiceNowRecord = Record<string, string>;

export type ServiceNowAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string };

export interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Where the OAuth token is kept between invocations (Forge secret storage in the app). */
export interface TokenCache {
  read(): Promise<CachedToken | undefined>;
  write(token: CachedToken): Promise<void>;
  clear(): Promise<void>;
}

/** The part of a fetch response the client reads (Forge's `APIResponse` and WHATWG `Response` both fit). */
export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchFunction = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<FetchResponse>;

export interface ServiceNowClientOptions {
  /** `https://<name>.service-now.com` */
  instanceUrl: string;
  auth: ServiceNowAuth;
  fetch: FetchFunction;
  tokenCache?: TokenCache;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The longest `Retry-After` waited out in this invocation; longer ones become a rate-limited error. */
  maxRetryWaitMs?: number;
}

export interface ListOptions {
  query?: string;
  fields?: readonly string[];
  limit?: number;
  offset?: number;
}

export interface ListPage {
  records: ServiceNowRecord[];
  /** The `Link` header's `rel="next"`, when there is a next page. */
  next: string | null;
  total: number | null;
}

export interface OrderResult {
  requestSysId: string;
  requestNumber: string;
}

interface Reply {
  status: number;
  headers: FetchResponse['headers'];
  result: unknown;
}

const TOKEN_MARGIN_MS = 60_000;
const TABLE = /^[a-z_][a-z0-9_]*$/;
const SYS_ID = /^[0-9a-f]{32}$/;

/** The URLs of a `Link` header by relation. */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([a-z]+)"?/.exec(part.trim());
    if (match) links[match[2] as string] = match[1] as string;
  }
  return links;
}

export function checkTable(table: string): string {
  if (!TABLE.test(table)) throw new Error(`"${table}" is not a ServiceNow table name`);
  return table;
}

export function checkSysId(sysId: string): string {
  if (!SYS_ID.test(sysId)) throw new Error(`"${sysId}" is not a ServiceNow sys_id`);
  return sysId;
}

export class ServiceNowClient {
  readonly instanceUrl: string;
  readonly host: string;
  private readonly options: Required<Omit<ServiceNowClientOptions, 'tokenCache'>> & {
    tokenCache?: TokenCache;
  };
  private token: CachedToken | undefined;
  /** Calls made by this client (for the benchmark and tests). */
  calls = 0;

  constructor(options: ServiceNowClientOptions) {
    const url = new URL(options.instanceUrl);
    this.instanceUrl = url.origin;
    this.host = url.host;
    this.options = {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      maxRetryWaitMs: 5_000,
      ...options,
    };
  }

  // ------------------------------------------------------------------ Table API

  async list(table: string, options: ListOptions = {}): Promise<ListPage> {
    const params = new URLSearchParams();
    if (options.query) params.set('sysparm_query', options.query);
    if (options.fields) params.set('sysparm_fields', options.fields.join(','));
    params.set('sysparm_exclude_reference_link', 'true');
    if (options.limit !== undefined) params.set('sysparm_limit', String(options.limit));
    if (options.offset !== undefined) params.set('sysparm_offset', String(options.offset));
    return this.listAt(
      `${this.instanceUrl}/api/now/table/${checkTable(table)}?${params}`,
      `reading ${table}`,
    );
  }

  /** The page a `Link` URL names; only URLs of this instance are followed (credentials go nowhere else). */
  async listAt(url: string, operation = 'reading the next page'): Promise<ListPage> {
    if (new URL(url).origin !== this.instanceUrl)
      throw malformed(operation, 200, `a Link to another host: ${new URL(url).host}`);
    const response = await this.send('GET', url, operation);
    const records = response.result;
    if (!Array.isArray(records)) throw malformed(operation, response.status, 'result is not a list');
    const total = Number(response.headers.get('x-total-count'));
    return {
      records: records.map((r) => this.record(r, operation, response.status)),
      next: parseLinkHeader(response.headers.get('link')).next ?? null,
      total: Number.isFinite(total) && response.headers.get('x-total-count') !== null ? total : null,
    };
  }

  /** Every page of a list, following `Link: rel="next"`. */
  async *pages(table: string, options: ListOptions = {}): AsyncGenerator<ListPage> {
    let page = await this.list(table, options);
    yield page;
    while (page.next) {
      page = await this.listAt(page.next, `reading ${table}`);
      yield page;
    }
  }

  async get(table: string, sysId: string, fields?: readonly string[]): Promise<ServiceNowRecord> {
    const params = new URLSearchParams({ sysparm_exclude_reference_link: 'true' });
    if (fields) params.set('sysparm_fields', fields.join(','));
    const operation = `reading ${table} ${sysId}`;
    const url = `${this.instanceUrl}/api/now/table/${checkTable(table)}/${checkSysId(sysId)}?${params}`;
    const response = await this.send('GET', url, operation);
    return this.record(response.result, operation, response.status);
  }

  async create(table: string, fields: Record<string, string>): Promise<ServiceNowRecord> {
    const operation = `creating a ${table} record`;
    const url = `${this.instanceUrl}/api/now/table/${checkTable(table)}?sysparm_exclude_reference_link=true`;
    const response = await this.send('POST', url, operation, fields);
    return this.record(response.result, operation, response.status);
  }

  async update(table: string, sysId: string, fields: Record<string, string>): Promise<ServiceNowRecord> {
    const operation = `updating ${table} ${sysId}`;
    const url = `${this.instanceUrl}/api/now/table/${checkTable(table)}/${checkSysId(sysId)}?sysparm_exclude_reference_link=true`;
    const response = await this.send('PATCH', url, operation, fields);
    return this.record(response.result, operation, response.status);
  }

  /**
   * The names of a table's fields, from the metadata endpoint the platform UI builds its list
   * filters with (`/api/now/ui/meta/{table}`): it needs only read access to the table, where
   * `sys_dictionary` needs `admin` or `personalize_dictionary`.
   */
  async fieldsOf(table: string): Promise<string[]> {
    const operation = `reading the fields of ${table}`;
    const response = await this.send(
      'GET',
      `${this.instanceUrl}/api/now/ui/meta/${checkTable(table)}`,
      operation,
    );
    const columns = (response.result as { columns?: unknown } | null)?.columns;
    if (columns === null || typeof columns !== 'object' || Array.isArray(columns))
      throw malformed(operation, response.status, 'no columns');
    return Object.keys(columns);
  }

  /** Service Catalog: orders one item with its variables; the requested item is looked up by the caller. */
  async orderNow(catalogItemSysId: string, variables: Record<string, string>): Promise<OrderResult> {
    const operation = `ordering catalog item ${catalogItemSysId}`;
    const url = `${this.instanceUrl}/api/sn_sc/servicecatalog/items/${checkSysId(catalogItemSysId)}/order_now`;
    const response = await this.send('POST', url, operation, { sysparm_quantity: '1', variables });
    const result = response.result as { sys_id?: unknown; number?: unknown };
    if (typeof result?.sys_id !== 'string' || typeof result.number !== 'string')
      throw malformed(operation, response.status, 'no request sys_id and number');
    return { requestSysId: result.sys_id, requestNumber: result.number };
  }

  // ------------------------------------------------------------------ transport

  /** One call, retried as its kind allows; a 2xx comes back with its `result`, anything else throws. */
  private async send(method: string, url: string, operation: string, body?: unknown): Promise<Reply> {
    let refreshedToken = false;
    let serverRetries = 0;
    let rateLimitRetries = 0;
    for (;;) {
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: await this.authorization(operation),
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      let response: FetchResponse;
      try {
        this.calls += 1;
        response = await this.options.fetch(url, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (cause) {
        if (method === 'GET' && serverRetries++ < 1) continue;
        throw unreachable(operation, this.host, cause);
      }
      if (response.status >= 200 && response.status < 300) return this.reply(response, operation);
      const retryAfter = this.retryAfterSeconds(response.headers.get('retry-after'));
      if (response.status === 401 && this.options.auth.kind === 'oauth' && !refreshedToken) {
        refreshedToken = true;
        this.token = undefined;
        await this.options.tokenCache?.clear();
        continue;
      }
      if (
        response.status === 429 &&
        rateLimitRetries++ < 2 &&
        (retryAfter ?? 1) * 1000 <= this.options.maxRetryWaitMs
      ) {
        await this.options.sleep((retryAfter ?? 1) * 1000);
        continue;
      }
      // A GET has no effect: one more try after a server error. Writes are never repeated blindly.
      if (response.status >= 500 && method === 'GET' && serverRetries++ < 1) {
        await this.options.sleep((retryAfter ?? 1) * 1000);
        continue;
      }
      throw errorFromResponse(operation, this.host, response.status, await response.text(), retryAfter);
    }
  }

  private async reply(response: FetchResponse, operation: string): Promise<Reply> {
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw malformed(operation, response.status, 'the body is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || !('result' in parsed))
      throw malformed(operation, response.status, 'no "result" in the body');
    return {
      status: response.status,
      headers: response.headers,
      result: (parsed as { result: unknown }).result,
    };
  }

  private retryAfterSeconds(header: string | null): number | undefined {
    if (header === null) return undefined;
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds;
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - this.options.now()) / 1000));
  }

  private async authorization(operation: string): Promise<string> {
    const auth = this.options.auth;
    if (auth.kind === 'basic')
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
    return `Bearer ${await this.accessToken(operation)}`;
  }

  /** The cached OAuth token while it has a minute left, else a new one from `/oauth_token.do`. */
  private async accessToken(operation: string): Promise<string> {
    const now = this.options.now();
    const usable = (token: CachedToken | undefined) => token && token.expiresAt - TOKEN_MARGIN_MS > now;
    if (!usable(this.token)) this.token = await this.options.tokenCache?.read();
    if (usable(this.token)) return (this.token as CachedToken).accessToken;
    const auth = this.options.auth as Extract<ServiceNowAuth, { kind: 'oauth' }>;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: auth.clientId,
      client_secret: auth.clientSecret,
    });
    const tokenOperation = `getting an OAuth token for ${operation}`;
    let response: FetchResponse;
    try {
      this.calls += 1;
      response = await this.options.fetch(`${this.instanceUrl}/oauth_token.do`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
    } catch (cause) {
      throw unreachable(tokenOperation, this.host, cause);
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 400)
      throw new ServiceNowError(
        { kind: 'unauthorized', operation: tokenOperation, status: response.status },
        `ServiceNow refused the OAuth client id or secret (${response.status}) at ${this.host}/oauth_token.do. A Jira admin must enter them again on the Pilot Pathway admin page.`,
      );
    if (response.status < 200 || response.status >= 300)
      throw errorFromResponse(tokenOperation, this.host, response.status, text, undefined);
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw malformed(tokenOperation, response.status, 'the token answer is not JSON');
    }
    if (typeof body.access_token !== 'string' || body.access_token === '')
      throw malformed(tokenOperation, response.status, 'no access_token');
    const expiresIn = Number(body.expires_in ?? 1800);
    this.token = {
      accessToken: body.access_token,
      expiresAt: now + (Number.isFinite(expiresIn) ? expiresIn : 1800) * 1000,
    };
    await this.options.tokenCache?.write(this.token);
    return this.token.accessToken;
  }

  private record(value: unknown, operation: string, status: number): ServiceNowRecord {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw malformed(operation, status, 'result is not a record');
    const out: ServiceNowRecord = {};
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string') out[key] = v;
      else if (v && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string')
        out[key] = (v as { value: string }).value;
      else if (v === null) out[key] = '';
    }
    return out;
  }
}
