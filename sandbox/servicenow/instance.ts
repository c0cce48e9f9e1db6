/**
 * The emulated ServiceNow instance: the Table API and the Service Catalog `order_now`, with
 * ServiceNow's conventions (string values, `YYYY-MM-DD HH:mm:ss` UTC dates, 32-hex `sys_id`s,
 * `{"result": ...}` bodies, `{"error": {message, detail}, "status": "failure"}` errors, lists paged
 * with `Link` and `X-Total-Count`, Basic or Bearer auth), fault injection, and the outbound push
 * a business rule would send to the app's web trigger when a ServiceNow user changes a record.
 *
 * Paths are relative to the instance root (`/api/now/table/...`); the HTTP server mounts the
 * instance under `/servicenow`, the Forge runtime routes the app's `fetch` to the configured
 * instance host here.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Caller, EmulatedService, SandboxRequest, SandboxResponse } from '../contracts';
import { EncodedQueryError, fieldsOf, matches, parseEncodedQuery, sortBy } from './encoded-query';
import { DATA_ACCESS_CATALOG_ITEM, SERVICENOW_USERS, TABLES, type TableDefinition } from './tables';

export type ServiceNowRecord = Record<string, string>;

export interface ServiceNowFault {
  rate: number;
  status: number;
  retryAfter?: number;
  match?: string;
  /** A timeout: the request is applied, then the app sees `status` instead of the answer. */
  lostResponse?: boolean;
}

export interface PushConfig {
  enabled: boolean;
  secret: string;
}

/** How the push reaches the app: the sandbox wires it to the web trigger. */
export type PushDelivery = (request: {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}) => Promise<{ status: number; body: string }>;

export interface ServiceNowOptions {
  /** The instance's public URL (used in `Link` and reference links): e.g. https://pilot-sandbox.service-now.com */
  instanceUrl?: string;
  now?: () => Date;
  /** username → password accepted with HTTP Basic. */
  basicUsers?: Record<string, string>;
  /** Bearer token → username. */
  bearerTokens?: Record<string, string>;
}

export const DEFAULT_INSTANCE_URL = 'https://pilot-sandbox.service-now.com';
export const DEFAULT_BASIC_USERS: Record<string, string> = {
  'pilot.pathway': 'sandbox-password',
  admin: 'admin',
};
export const DEFAULT_BEARER_TOKENS: Record<string, string> = { 'sandbox-oauth-token': 'pilot.pathway' };
export const SIGNATURE_HEADER = 'X-Pilot-Pathway-Signature';
export const TIMESTAMP_HEADER = 'X-Pilot-Pathway-Timestamp';

const JSON_TYPE = 'application/json;charset=UTF-8';
const DEFAULT_LIMIT = 10000;

/** `YYYY-MM-DD HH:mm:ss` in UTC, ServiceNow's glide_date_time. */
export function glideDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** The HMAC the outbound push carries: hex HMAC-SHA256 over `timestamp + body` (no separator). */
export function signPush(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret)
    .update(timestamp + body)
    .digest('hex')}`;
}

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

/** Small deterministic PRNG (mulberry32) so fault injection can be replayed with a seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const v = value as { value?: unknown; sys_id?: unknown };
    if (typeof v.value === 'string') return v.value;
    if (typeof v.sys_id === 'string') return v.sys_id;
    return JSON.stringify(value);
  }
  return String(value);
}

export class ServiceNowInstance implements EmulatedService {
  readonly instanceUrl: string;
  private readonly now: () => Date;
  private readonly basicUsers: Record<string, string>;
  private readonly bearerTokens: Record<string, string>;
  private tables = new Map<string, Map<string, ServiceNowRecord>>();
  private variables = new Map<string, Record<string, string>>();
  private counters = new Map<string, number>();
  private faults: ServiceNowFault[] = [];
  private random: () => number = Math.random;
  private appCalls = 0;
  /** Faults injected since the last `setFaults`, by status (`504 lost response` for timeouts). */
  readonly injectedFaults: Record<string, number> = {};
  private push: PushConfig = { enabled: false, secret: 'sandbox-push-secret' };
  private pushDelivery?: PushDelivery;
  /** The outbound pushes sent, newest last (for tests and demos). */
  readonly pushes: { at: string; table: string; sys_id: string; status: number }[] = [];

  constructor(options: ServiceNowOptions = {}) {
    this.instanceUrl = (options.instanceUrl ?? DEFAULT_INSTANCE_URL).replace(/\/$/, '');
    this.now = options.now ?? (() => new Date());
    this.basicUsers = { ...DEFAULT_BASIC_USERS, ...(options.basicUsers ?? {}) };
    this.bearerTokens = { ...DEFAULT_BEARER_TOKENS, ...(options.bearerTokens ?? {}) };
    this.reset();
  }

  // ---------------------------------------------------------------- state and control

  /** Back to a fresh instance: users, the data-access catalog item, nothing else. */
  reset(): void {
    this.tables = new Map(Object.keys(TABLES).map((t) => [t, new Map()]));
    this.variables.clear();
    this.counters.clear();
    this.pushes.length = 0;
    for (const user of SERVICENOW_USERS) {
      this.insert(
        'sys_user',
        { ...user, name: `${user.first_name} ${user.last_name}`, active: 'true' },
        'system',
      );
    }
    this.insert(
      'sc_cat_item',
      { ...DATA_ACCESS_CATALOG_ITEM, active: 'true', sys_class_name: 'sc_cat_item' },
      'system',
    );
  }

  metrics(): { calls: number } {
    return { calls: this.appCalls };
  }

  resetMetrics(): void {
    this.appCalls = 0;
  }

  setFaults(rules: ServiceNowFault[], options: { seed?: number } = {}): void {
    this.faults = rules.map((r) => ({ ...r }));
    for (const kind of Object.keys(this.injectedFaults)) delete this.injectedFaults[kind];
    this.random = options.seed === undefined ? Math.random : prng(options.seed);
  }

  setPush(config: Partial<PushConfig>): PushConfig {
    this.push = { ...this.push, ...config };
    return { ...this.push };
  }

  getPush(): PushConfig {
    return { ...this.push };
  }

  setPushDelivery(deliver: PushDelivery | undefined): void {
    this.pushDelivery = deliver;
  }

  /** Direct read, for tests and host pages (not counted, no auth). */
  record(table: string, sysId: string): ServiceNowRecord | undefined {
    const r = this.tables.get(table)?.get(sysId);
    return r ? { ...r } : undefined;
  }

  records(table: string): ServiceNowRecord[] {
    return [...(this.tables.get(table)?.values() ?? [])].map((r) => ({ ...r }));
  }

  variablesOf(ritmSysId: string): Record<string, string> {
    return { ...(this.variables.get(ritmSysId) ?? {}) };
  }

  /**
   * A ServiceNow user changes a record (a fulfiller approving a request, say). Sends the outbound
   * push to the app's web trigger when enabled, signed with the push secret.
   */
  async changeAsUser(
    table: string,
    sysId: string,
    fields: Record<string, unknown>,
    userName = 'data.steward',
  ): Promise<{ record: ServiceNowRecord; push?: { status: number; body: string } }> {
    const def = this.table(table);
    const current = this.tables.get(def.name)?.get(sysId);
    if (!current)
      throw new ServiceNowError(
        404,
        'No Record found',
        "Record doesn't exist or ACL restricts the record retrieval",
      );
    const changed = Object.keys(fields).filter((k) => def.columns.includes(k) && k !== 'sys_id');
    const record = this.update(def, current, fields, userName);
    let push: { status: number; body: string } | undefined;
    if (this.push.enabled && this.pushDelivery) {
      const body = JSON.stringify({
        table: def.name,
        sys_id: record.sys_id,
        number: record.number ?? '',
        state: record.state ?? '',
        sys_updated_on: record.sys_updated_on,
        changed,
        record,
      });
      const timestamp = String(Math.floor(this.now().getTime() / 1000));
      push = await this.pushDelivery({
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ServiceNow/1.0',
          [TIMESTAMP_HEADER.toLowerCase()]: timestamp,
          [SIGNATURE_HEADER.toLowerCase()]: signPush(this.push.secret, timestamp, body),
        },
        body,
      });
      this.pushes.push({
        at: glideDateTime(this.now()),
        table: def.name,
        sys_id: record.sys_id as string,
        status: push.status,
      });
    }
    return { record: { ...record }, push };
  }

  /** A ServiceNow user creates a record (control API, seeds). */
  createAsUser(table: string, fields: Record<string, unknown>, userName = 'data.steward'): ServiceNowRecord {
    return { ...this.insert(this.table(table).name, fields, userName) };
  }

  // ---------------------------------------------------------------- records

  private table(name: string): TableDefinition {
    const def = TABLES[name];
    if (!def) throw new ServiceNowError(400, `Invalid table ${name}`, null);
    return def;
  }

  private nextNumber(prefix: string): string {
    const next = (this.counters.get(prefix) ?? 10000) + 1;
    this.counters.set(prefix, next);
    return `${prefix}${String(next).padStart(7, '0')}`;
  }

  private insert(table: string, fields: Record<string, unknown>, userName: string): ServiceNowRecord {
    const def = this.table(table);
    const at = glideDateTime(this.now());
    const record: ServiceNowRecord = {};
    for (const column of def.columns) record[column] = '';
    for (const [k, v] of Object.entries(fields)) if (def.columns.includes(k)) record[k] = stringify(v);
    if (!/^[0-9a-f]{32}$/.test(record.sys_id ?? '')) record.sys_id = randomBytes(16).toString('hex');
    if (def.numberPrefix && !record.number) record.number = this.nextNumber(def.numberPrefix);
    Object.assign(record, {
      sys_created_on: at,
      sys_created_by: userName,
      sys_updated_on: at,
      sys_updated_by: userName,
      sys_mod_count: '0',
      sys_class_name: def.name,
    });
    if (def.columns.includes('active') && record.active === '') record.active = 'true';
    if (def.columns.includes('opened_at') && record.opened_at === '') record.opened_at = at;
    this.tables.get(def.name)?.set(record.sys_id as string, record);
    return record;
  }

  private update(
    def: TableDefinition,
    current: ServiceNowRecord,
    fields: Record<string, unknown>,
    userName: string,
  ): ServiceNowRecord {
    for (const [k, v] of Object.entries(fields)) {
      if (!def.columns.includes(k) || k === 'sys_id' || k.startsWith('sys_')) continue;
      current[k] = stringify(v);
    }
    current.sys_updated_on = glideDateTime(this.now());
    current.sys_updated_by = userName;
    current.sys_mod_count = String(Number(current.sys_mod_count ?? '0') + 1);
    return current;
  }

  /** A column's raw value, dot-walking references (`request.number`) and catalog variables. */
  private valueOf(def: TableDefinition, record: ServiceNowRecord, path: string): string {
    const [head, ...rest] = path.split('.');
    if (head === 'variables' && rest.length === 1)
      return this.variables.get(record.sys_id as string)?.[rest[0] as string] ?? '';
    const value = record[head as string] ?? '';
    if (rest.length === 0) return value;
    const target = def.references[head as string];
    const referenced = target ? this.tables.get(target)?.get(value) : undefined;
    if (!target || !referenced) return '';
    return this.valueOf(TABLES[target] as TableDefinition, referenced, rest.join('.'));
  }

  private knowsField(def: TableDefinition, path: string): boolean {
    const [head, ...rest] = path.split('.');
    if (head === 'variables') return rest.length === 1;
    if (!def.columns.includes(head as string)) return false;
    if (rest.length === 0) return true;
    const target = def.references[head as string];
    return !!target && this.knowsField(TABLES[target] as TableDefinition, rest.join('.'));
  }

  private displayOf(def: TableDefinition, record: ServiceNowRecord, column: string): string {
    const value = record[column] ?? '';
    const choice = def.choices[column]?.[value];
    if (choice) return choice;
    const target = def.references[column];
    if (target && value) {
      const targetDef = TABLES[target] as TableDefinition;
      return this.tables.get(target)?.get(value)?.[targetDef.displayColumn] ?? '';
    }
    return value;
  }

  /** Renders a record as the Table API does for the given sysparm_fields / display / link flags. */
  private render(
    def: TableDefinition,
    record: ServiceNowRecord,
    params: URLSearchParams,
    baseUrl: string,
  ): Record<string, unknown> {
    const requested = params.get('sysparm_fields');
    const fields = requested
      ? requested
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f && this.knowsField(def, f))
      : def.columns;
    const display = (params.get('sysparm_display_value') ?? 'false').toLowerCase();
    const excludeLinks = params.get('sysparm_exclude_reference_link') === 'true';
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const raw = field.includes('.') ? this.valueOf(def, record, field) : (record[field] ?? '');
      const target = field.includes('.') ? undefined : def.references[field];
      const shown = field.includes('.') ? raw : this.displayOf(def, record, field);
      const link = target && raw ? `${baseUrl}/api/now/table/${target}/${raw}` : undefined;
      if (display === 'all') {
        out[field] = { display_value: shown, value: raw, ...(link && !excludeLinks ? { link } : {}) };
      } else if (display === 'true') {
        out[field] = link && !excludeLinks ? { display_value: shown, link } : shown;
      } else {
        out[field] = link && !excludeLinks ? { link, value: raw } : raw;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- HTTP

  async handle(request: SandboxRequest, caller: Caller): Promise<SandboxResponse> {
    if (caller.viaApp) this.appCalls += 1;
    const url = new URL(request.path, 'http://instance.invalid');
    const baseUrl = (request.headers['x-sandbox-base-url'] ?? this.instanceUrl).replace(/\/$/, '');
    try {
      const user = this.authenticate(request.headers);
      const lost = this.injectFault(request.method, url.pathname);
      const answer = this.route(request, url, user, baseUrl);
      if (lost) throw new ServiceNowError(lost.status, 'Gateway Timeout', 'The request took too long');
      return answer;
    } catch (e) {
      if (e instanceof ServiceNowError) {
        return this.json(
          e.status,
          { error: { message: e.message, detail: e.detail }, status: 'failure' },
          e.headers,
        );
      }
      if (e instanceof EncodedQueryError) {
        return this.json(400, { error: { message: 'Invalid query', detail: e.message }, status: 'failure' });
      }
      throw e;
    }
  }

  private json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
    return {
      status,
      headers: { 'content-type': JSON_TYPE, ...headers },
      body: body === undefined ? '' : JSON.stringify(body),
    };
  }

  private authenticate(headers: Record<string, string>): string {
    const header = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
    const [scheme, credentials = ''] = header.split(' ', 2);
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const name = decoded.slice(0, colon);
      if (
        colon > 0 &&
        this.basicUsers[name] !== undefined &&
        this.basicUsers[name] === decoded.slice(colon + 1)
      )
        return name;
    } else if (scheme?.toLowerCase() === 'bearer') {
      const name = this.bearerTokens[credentials];
      if (name) return name;
    }
    throw new ServiceNowError(401, 'User Not Authenticated', 'Required to provide Auth information', {
      'www-authenticate': 'BASIC realm="Service-now"',
    });
  }

  /** Throws the injected error, or returns a lost-response rule the caller applies after the request. */
  private injectFault(method: string, path: string): ServiceNowFault | undefined {
    for (const rule of this.faults) {
      if (rule.match && !path.includes(rule.match) && !`${method} ${path}`.includes(rule.match)) continue;
      if (this.random() >= rule.rate) continue;
      const kind = rule.lostResponse ? `${rule.status} lost response` : String(rule.status);
      this.injectedFaults[kind] = (this.injectedFaults[kind] ?? 0) + 1;
      if (rule.lostResponse) return rule;
      if (rule.status === 429) {
        const retryAfter = String(rule.retryAfter ?? 1);
        throw new ServiceNowError(
          429,
          'Rate limit exceeded',
          `Too many requests; retry after ${retryAfter} seconds`,
          {
            'retry-after': retryAfter,
            'x-ratelimit-rule': 'sandbox-fault',
          },
        );
      }
      throw new ServiceNowError(
        rule.status,
        rule.status >= 500 ? 'Internal server error' : 'Request failed',
        `Injected fault (${rule.status})`,
        {
          ...(rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {}),
        },
      );
    }
    return undefined;
  }

  private parseBody(body: string | undefined): Record<string, unknown> {
    if (!body) return {};
    try {
      const parsed = JSON.parse(body) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new ServiceNowError(400, 'Exception while reading request', 'The payload is not valid JSON.');
  }

  private route(request: SandboxRequest, url: URL, user: string, baseUrl: string): SandboxResponse {
    const method = request.method.toUpperCase();
    const params = url.searchParams;
    const table = /^\/api\/now\/(?:v2\/)?table\/([^/]+)(?:\/([^/]+))?\/?$/.exec(url.pathname);
    if (table) {
      const def = this.table(decodeURIComponent(table[1] as string));
      const sysId = table[2] ? decodeURIComponent(table[2]) : undefined;
      if (!sysId) {
        if (method === 'GET') return this.list(def, url, baseUrl);
        if (method === 'POST') {
          const record = this.insert(def.name, this.parseBody(request.body), user);
          return this.json(
            201,
            { result: this.render(def, record, params, baseUrl) },
            { location: `${baseUrl}/api/now/table/${def.name}/${record.sys_id}` },
          );
        }
        throw new ServiceNowError(405, 'Method not Supported', `${method} is not supported on a table`);
      }
      const record = this.tables.get(def.name)?.get(sysId);
      if (!record)
        throw new ServiceNowError(
          404,
          'No Record found',
          "Record doesn't exist or ACL restricts the record retrieval",
        );
      if (method === 'GET') return this.json(200, { result: this.render(def, record, params, baseUrl) });
      if (method === 'PATCH' || method === 'PUT') {
        this.update(def, record, this.parseBody(request.body), user);
        return this.json(200, { result: this.render(def, record, params, baseUrl) });
      }
      if (method === 'DELETE') {
        this.tables.get(def.name)?.delete(sysId);
        return { status: 204, headers: {}, body: '' };
      }
      throw new ServiceNowError(405, 'Method not Supported', `${method} is not supported on a record`);
    }
    const order = /^\/api\/sn_sc\/(?:v1\/)?servicecatalog\/items\/([^/]+)\/order_now\/?$/.exec(url.pathname);
    if (order) {
      if (method !== 'POST')
        throw new ServiceNowError(405, 'Method not Supported', `${method} is not supported on order_now`);
      return this.orderNow(decodeURIComponent(order[1] as string), this.parseBody(request.body), user);
    }
    throw new ServiceNowError(
      400,
      'Requested URI does not represent any resource',
      `No resource at ${url.pathname}`,
    );
  }

  private list(def: TableDefinition, url: URL, baseUrl: string): SandboxResponse {
    const params = url.searchParams;
    const query = parseEncodedQuery(params.get('sysparm_query'));
    for (const field of fieldsOf(query)) {
      if (!this.knowsField(def, field))
        throw new ServiceNowError(400, 'Invalid query', `Unknown field "${field}" on table ${def.name}`);
    }
    const limit = params.has('sysparm_limit') ? Number(params.get('sysparm_limit')) : DEFAULT_LIMIT;
    const offset = params.has('sysparm_offset') ? Number(params.get('sysparm_offset')) : 0;
    if (!Number.isInteger(limit) || limit < 1)
      throw new ServiceNowError(
        400,
        'Invalid sysparm_limit',
        `sysparm_limit must be a positive integer, got "${params.get('sysparm_limit')}"`,
      );
    if (!Number.isInteger(offset) || offset < 0)
      throw new ServiceNowError(
        400,
        'Invalid sysparm_offset',
        `sysparm_offset must be a non-negative integer`,
      );

    const all = [...(this.tables.get(def.name)?.values() ?? [])].filter((r) =>
      matches(query, (f) => this.valueOf(def, r, f)),
    );
    const sorted = sortBy(all, query, (r, f) => this.valueOf(def, r, f));
    const page = sorted.slice(offset, offset + limit);
    const total = sorted.length;

    const linkTo = (o: number) => {
      const p = new URLSearchParams(params);
      p.set('sysparm_limit', String(limit));
      p.set('sysparm_offset', String(o));
      return `<${baseUrl}/api/now/table/${def.name}?${p.toString()}>`;
    };
    const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
    const links = [`${linkTo(0)};rel="first"`];
    if (offset > 0) links.push(`${linkTo(Math.max(0, offset - limit))};rel="prev"`);
    if (offset + limit < total) links.push(`${linkTo(offset + limit)};rel="next"`);
    links.push(`${linkTo(lastOffset)};rel="last"`);

    return this.json(
      200,
      { result: page.map((r) => this.render(def, r, params, baseUrl)) },
      { 'x-total-count': String(total), link: links.join(',') },
    );
  }

  private orderNow(itemSysId: string, body: Record<string, unknown>, user: string): SandboxResponse {
    const item = this.tables.get('sc_cat_item')?.get(itemSysId);
    if (!item || item.active !== 'true')
      throw new ServiceNowError(
        400,
        'Invalid catalog item',
        `No active catalog item with sys_id ${itemSysId}`,
      );
    const quantity = body.sysparm_quantity === undefined ? '1' : stringify(body.sysparm_quantity);
    if (!/^[1-9][0-9]*$/.test(quantity))
      throw new ServiceNowError(400, 'Invalid quantity', 'sysparm_quantity must be a positive integer');
    const variables = body.variables ?? {};
    if (typeof variables !== 'object' || Array.isArray(variables))
      throw new ServiceNowError(400, 'Invalid variables', 'variables must be an object');
    const requester = this.records('sys_user').find((u) => u.user_name === user)?.sys_id ?? '';
    const request = this.insert(
      'sc_request',
      {
        short_description: item.name,
        requested_for: requester,
        opened_by: requester,
        state: '1',
        request_state: 'requested',
        approval: 'requested',
        stage: 'requested',
      },
      user,
    );
    const ritm = this.insert(
      'sc_req_item',
      {
        request: request.sys_id,
        cat_item: item.sys_id,
        short_description: item.name,
        quantity,
        requested_for: requester,
        opened_by: requester,
        state: '1',
        approval: 'requested',
        stage: 'request_approved',
      },
      user,
    );
    const vars: Record<string, string> = {};
    for (const [k, v] of Object.entries(variables as Record<string, unknown>)) vars[k] = stringify(v);
    this.variables.set(ritm.sys_id as string, vars);
    return this.json(200, {
      result: {
        sys_id: request.sys_id,
        number: request.number,
        request_number: request.number,
        request_id: request.sys_id,
        table: 'sc_request',
      },
    });
  }
}
