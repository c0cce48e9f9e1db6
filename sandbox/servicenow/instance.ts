/**
 * The emulated ServiceNow instance: the Table API and the Service Catalog `order_now`, with
 * ServiceNow's conventions (string values, `YYYY-MM-DD HH:mm:ss` UTC dates, 32-hex `sys_id`s,
 * `{"result": ...}` bodies, `{"error": {message, detail}, "status": "failure"}` errors, lists paged
 * with `Link` and `X-Total-Count`, Basic or Bearer auth), fault injection, and the outbound push
 * a business rule would send to the app's web trigger when a ServiceNow user changes a record
 * (its URL and shared secret read from the instance's `sys_properties`, as docs/servicenow.md sets
 * them up), and the OAuth client-credentials token endpoint `/oauth_token.do`.
 *
 * Paths are relative to the instance root (`/api/now/table/...`); the HTTP server mounts the
 * instance under `/servicenow`, the Forge runtime routes the app's `fetch` to the configured
 * instance host here.
 */
import { randomBytes } from 'node:crypto';
import type { Caller, EmulatedService, SandboxRequest, SandboxResponse } from '../contracts';
import { documentedPushScript, generateMac, runPushBusinessRule } from './business-rule';
import { EncodedQueryError, fieldsOf, matches, parseEncodedQuery, sortBy } from './encoded-query';
import { DATA_ACCESS_CATALOG_ITEM, SERVICENOW_USERS, TABLES, type TableDefinition } from './tables';
import { seededRandom } from '../seeded-random';

export type ServiceNowRecord = Record<string, string>;

export interface ServiceNowFault {
  rate: number;
  status: number;
  retryAfter?: number;
  match?: string;
  /**
   * The request is carried out, then its response is lost (a timeout between the create and its
   * answer): the caller sees `status` although the record exists.
   */
  afterApply?: boolean;
  /** Answered by something in front of ServiceNow: a plain-text body, no envelope (a proxy, an egress block). */
  bare?: boolean;
  /** Let this many matching requests through before failing. */
  after?: number;
  /** Fail at most this many matching requests. */
  times?: number;
}

/** The business rule's switch; its URL and secret live in `sys_properties` (PUSH_URL_PROPERTY, PUSH_SECRET_PROPERTY). */
export interface PushConfig {
  enabled: boolean;
  secret: string;
  url: string;
}

export const PUSH_URL_PROPERTY = 'x_pilot_pathway.push_url';
export const PUSH_SECRET_PROPERTY = 'x_pilot_pathway.push_secret';

/** How the push reaches the app: the sandbox wires it to the web trigger behind `url`. */
export type PushDelivery = (request: {
  url: string;
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
/** OAuth clients of `/oauth_token.do` (client credentials grant): client id → secret, token, user. */
export const DEFAULT_OAUTH_CLIENTS: Record<string, { secret: string; token: string; expiresIn: number }> = {
  'pilot-pathway': { secret: 'sandbox-client-secret', token: 'sandbox-oauth-token', expiresIn: 1800 },
};
/** Users who may read the Table API but write nothing: ACLs refuse their writes with 403 (no `itil` role). */
export const READ_ONLY_USERS: Record<string, string> = { 'readonly.integration': 'sandbox-password' };

const JSON_TYPE = 'application/json;charset=UTF-8';
const DEFAULT_LIMIT = 10000;

/** `YYYY-MM-DD HH:mm:ss` in UTC, ServiceNow's glide_date_time. */
export function glideDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The signature header the documented business rule sends: `sha256=` and the HMAC-SHA256 over
 * `timestamp + body` (no separator) keyed with the secret, in Base64 as `generateMac` returns it.
 */
export function signPush(secret: string, timestamp: string, body: string): string {
  return `sha256=${generateMac(Buffer.from(secret, 'utf8').toString('base64'), 'HmacSHA256', timestamp + body)}`;
}

let documentedScript: string | undefined;
/** The business rule script of docs/servicenow.md, read once. */
function pushScript(): string {
  documentedScript ??= documentedPushScript();
  return documentedScript;
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

/** What `exportState()` gives: the instance's data as plain values. */
export interface ServiceNowState {
  tables: [string, [string, ServiceNowRecord][]][];
  variables: [string, Record<string, string>][];
  counters: [string, number][];
  pushEnabled: boolean;
  pushes: ServiceNowInstance['pushes'];
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
  /** Faults injected since the last `setFaults`, by kind (`504 lost response` for `afterApply`). */
  readonly injectedFaults: Record<string, number> = {};
  private pushEnabled = false;
  private pushDelivery?: PushDelivery;
  /** The outbound pushes sent, newest last (for tests and demos). */
  readonly pushes: { at: string; table: string; sys_id: string; status: number }[] = [];

  constructor(options: ServiceNowOptions = {}) {
    this.instanceUrl = (options.instanceUrl ?? DEFAULT_INSTANCE_URL).replace(/\/$/, '');
    this.now = options.now ?? (() => new Date());
    this.basicUsers = { ...DEFAULT_BASIC_USERS, ...(options.basicUsers ?? {}) };
    this.basicUsers = { ...this.basicUsers, ...READ_ONLY_USERS };
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

  /** Records, catalog variables, numbering and the push switch, for a sandbox snapshot (shared: serialize at once). */
  exportState(): ServiceNowState {
    return {
      tables: [...this.tables].map(([table, records]) => [table, [...records]]),
      variables: [...this.variables],
      counters: [...this.counters],
      pushEnabled: this.pushEnabled,
      pushes: [...this.pushes],
    };
  }

  /** Becomes the instance `exportState()` described (faults and metrics cleared). */
  importState(state: ServiceNowState): void {
    this.tables = new Map(state.tables.map(([table, records]) => [table, new Map(records)]));
    this.variables = new Map(state.variables);
    this.counters = new Map(state.counters);
    this.pushEnabled = state.pushEnabled;
    this.pushes.splice(0, this.pushes.length, ...state.pushes);
    this.setFaults([]);
    this.resetMetrics();
  }

  resetMetrics(): void {
    this.appCalls = 0;
  }

  setFaults(rules: ServiceNowFault[], options: { seed?: number } = {}): void {
    this.faults = rules.map((r) => ({ ...r }));
    this.random = options.seed === undefined ? Math.random : seededRandom(options.seed);
    for (const kind of Object.keys(this.injectedFaults)) delete this.injectedFaults[kind];
  }

  /**
   * Switches the push's business rule on or off; `secret` and `url` are written to `sys_properties`
   * as a ServiceNow admin would (control API and tests).
   */
  setPush(config: Partial<PushConfig>): PushConfig {
    if (config.enabled !== undefined) this.pushEnabled = config.enabled;
    if (config.secret !== undefined) this.setProperty(PUSH_SECRET_PROPERTY, config.secret);
    if (config.url !== undefined) this.setProperty(PUSH_URL_PROPERTY, config.url);
    return this.getPush();
  }

  getPush(): PushConfig {
    return {
      enabled: this.pushEnabled,
      secret: this.property(PUSH_SECRET_PROPERTY),
      url: this.property(PUSH_URL_PROPERTY),
    };
  }

  /** A system property's value ('' when unset). */
  property(name: string): string {
    return this.records('sys_properties').find((p) => p.name === name)?.value ?? '';
  }

  private setProperty(name: string, value: string): void {
    const existing = [...(this.tables.get('sys_properties')?.values() ?? [])].find((p) => p.name === name);
    if (existing) this.update(TABLES.sys_properties as TableDefinition, existing, { value }, 'admin');
    else this.insert('sys_properties', { name, value, type: 'string' }, 'admin');
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
    const record = this.update(def, current, fields, userName);
    let push: { status: number; body: string } | undefined;
    const { enabled } = this.getPush();
    // The business rule of docs/servicenow.md, run as ServiceNow runs it (it sends nothing without URL or secret).
    const request =
      enabled && this.pushDelivery
        ? runPushBusinessRule(pushScript(), {
            table: def.name,
            record,
            property: (name) => this.property(name),
            now: this.now(),
          })
        : undefined;
    if (request && this.pushDelivery) {
      push = await this.pushDelivery({
        url: request.url,
        method: request.method,
        path: '/',
        headers: { 'user-agent': 'ServiceNow/1.0', ...request.headers },
        body: request.body,
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
    // The dictionary default of a task's state: Open (1) for requests, New (1) for incidents.
    if (def.choices.state?.['1'] !== undefined && record.state === '') record.state = '1';
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
      if (url.pathname === '/oauth_token.do') return this.issueToken(request);
      const user = this.authenticate(request.headers);
      const fault = this.pickFault(request.method, url.pathname);
      if (fault?.bare && !fault.afterApply)
        return {
          status: fault.status,
          headers: { 'content-type': 'text/html' },
          body: '<html>Forbidden</html>',
        };
      if (fault && !fault.afterApply) throw this.faultError(fault);
      const response = this.route(request, url, user, baseUrl);
      if (fault) throw this.faultError(fault);
      return response;
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

  /**
   * OAuth 2.0 client credentials (`POST /oauth_token.do`, form-encoded): a bearer token for a known
   * client, else 401 `{"error": "access_denied", ...}` as ServiceNow's OAuth endpoint answers.
   */
  private issueToken(request: SandboxRequest): SandboxResponse {
    if (request.method.toUpperCase() !== 'POST')
      throw new ServiceNowError(405, 'Method not Supported', 'POST the client credentials');
    const form = new URLSearchParams(request.body ?? '');
    const client = DEFAULT_OAUTH_CLIENTS[form.get('client_id') ?? ''];
    if (form.get('grant_type') !== 'client_credentials')
      return this.json(400, {
        error: 'unsupported_grant_type',
        error_description: 'Only grant_type=client_credentials is supported',
      });
    if (!client || client.secret !== form.get('client_secret'))
      return this.json(401, { error: 'access_denied', error_description: 'Invalid client id or secret' });
    return this.json(200, {
      access_token: client.token,
      token_type: 'Bearer',
      expires_in: client.expiresIn,
      scope: 'useraccount',
    });
  }

  private pickFault(method: string, path: string): ServiceNowFault | undefined {
    return this.faults.find((rule) => {
      if (rule.match && !path.includes(rule.match) && !`${method} ${path}`.includes(rule.match)) return false;
      if (rule.after !== undefined && rule.after > 0) {
        rule.after -= 1;
        return false;
      }
      if (rule.times !== undefined) {
        if (rule.times <= 0) return false;
        rule.times -= 1;
      }
      if (this.random() >= rule.rate) return false;
      const kind = rule.afterApply ? `${rule.status} lost response` : String(rule.status);
      this.injectedFaults[kind] = (this.injectedFaults[kind] ?? 0) + 1;
      return true;
    });
  }

  private faultError(rule: ServiceNowFault): ServiceNowError {
    if (rule.status === 429) {
      const retryAfter = String(rule.retryAfter ?? 1);
      return new ServiceNowError(
        429,
        'Rate limit exceeded',
        `Too many requests; retry after ${retryAfter} seconds`,
        {
          'retry-after': retryAfter,
          'x-ratelimit-rule': 'sandbox-fault',
        },
      );
    }
    return new ServiceNowError(
      rule.status,
      rule.status >= 500 ? 'Internal server error' : 'Request failed',
      `Injected fault (${rule.status})`,
      rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {},
    );
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
      if (method !== 'GET') this.checkWriteAcl(user, method, def);
      if (!sysId) {
        if (method === 'GET') return this.list(def, url, baseUrl);
        if (method === 'POST') {
          const record = this.insert(def.name, this.inputFields(def, request.body, params), user);
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
        this.update(def, record, this.inputFields(def, request.body, params), user);
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
      this.checkWriteAcl(user, method, this.table('sc_req_item'));
      return this.orderNow(decodeURIComponent(order[1] as string), this.parseBody(request.body), user);
    }
    throw new ServiceNowError(
      400,
      'Requested URI does not represent any resource',
      `No resource at ${url.pathname}`,
    );
  }

  /** ACLs: a user without the `itil` role may read but not write (ServiceNow answers 403 in the envelope). */
  private checkWriteAcl(user: string, method: string, def: TableDefinition): void {
    if (READ_ONLY_USERS[user] === undefined) return;
    const operation = method === 'POST' ? 'Insert' : method === 'DELETE' ? 'Delete' : 'Update';
    throw new ServiceNowError(
      403,
      'Operation Failed',
      `ACL Exception ${operation} Failed due to security constraints (table ${def.name})`,
    );
  }

  /**
   * A write's fields. With `sysparm_input_display_value=true` they are display values, as ServiceNow
   * takes them: a choice label becomes its value, a reference's display value the referenced sys_id;
   * a display value that names nothing is refused (400) rather than stored as it is.
   */
  private inputFields(
    def: TableDefinition,
    body: string | undefined,
    params: URLSearchParams,
  ): Record<string, unknown> {
    const fields = this.parseBody(body);
    const flag = (params.get('sysparm_input_display_value') ?? 'false').toLowerCase();
    if (flag !== 'true' && flag !== 'false')
      throw new ServiceNowError(400, 'Invalid sysparm_input_display_value', 'Use true or false');
    if (flag === 'false') return fields;
    const out: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(fields)) {
      const shown = stringify(value);
      const choices = def.choices[column];
      const target = def.references[column];
      if (choices) {
        const code = Object.entries(choices).find(([, label]) => label === shown)?.[0];
        if (code === undefined && !Object.hasOwn(choices, shown))
          throw new ServiceNowError(
            400,
            'Invalid display value',
            `"${shown}" is no choice of ${def.name}.${column}`,
          );
        out[column] = code ?? shown;
      } else if (target && shown) {
        const targetDef = TABLES[target] as TableDefinition;
        const match = [...(this.tables.get(target)?.values() ?? [])].find(
          (r) => r[targetDef.displayColumn] === shown,
        );
        if (!match)
          throw new ServiceNowError(
            400,
            'Invalid display value',
            `No ${target} record is shown as "${shown}"`,
          );
        out[column] = match.sys_id;
      } else out[column] = value;
    }
    return out;
  }

  /** `?field=value` parameters filter a list like `sysparm_query=field=value` (an unknown field is refused). */
  private parameterConditions(def: TableDefinition, params: URLSearchParams): string {
    const terms: string[] = [];
    params.forEach((value, name) => {
      if (name.startsWith('sysparm_')) return;
      if (!this.knowsField(def, name))
        throw new ServiceNowError(400, 'Invalid query', `Unknown field "${name}" on table ${def.name}`);
      terms.push(`${name}=${value.replace(/\^/g, '^^')}`);
    });
    return terms.join('^');
  }

  private list(def: TableDefinition, url: URL, baseUrl: string): SandboxResponse {
    const params = url.searchParams;
    const query = parseEncodedQuery(params.get('sysparm_query'));
    // Parameter conditions hold in every ^NQ group.
    const byParameter = parseEncodedQuery(this.parameterConditions(def, params)).groups[0] ?? [];
    if (byParameter.length > 0)
      query.groups =
        query.groups.length > 0 ? query.groups.map((group) => [...group, ...byParameter]) : [byParameter];
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
