/**
 * Concern: the emulated ServiceNow instance as one service: its request pipeline (the OAuth token
 * endpoint, authentication, an injected fault, the router, the error envelope) and its control
 * surface for the sandbox and tests (reset, metrics, faults, the invalid-query switch, records
 * created or changed by ServiceNow users, the push's settings).
 *
 * Paths are relative to the instance root (`/api/now/table/...`); the HTTP server mounts the
 * instance under `/servicenow`, the Forge runtime routes the app's `fetch` to the configured
 * instance host here. The parts live beside it, one concern each (README.md).
 */
import type { Caller, EmulatedService, SandboxRequest, SandboxResponse } from '../contracts';
import { type FaultCounts, FaultInjector, type FaultRule } from '../faults';
import { type Credentials, authenticate, credentials, issueToken } from './auth';
import { EncodedQueryError } from './encoded-query';
import { type PushConfig, type PushDelivery, PushRule, type SentPush } from './push';
import { type RecordState, RecordStore, type ServiceNowRecord } from './records';
import { ServiceNowError, errorResponse, faultResponse, json } from './responses';
import { route } from './router';
import type { InvalidQueryBehaviour } from './table-api';
import { type TableDefinition, type TableInput, table } from './tables';

export interface ServiceNowOptions {
  /** The instance's public URL (used in `Link` and reference links): e.g. https://pilot-sandbox.service-now.com */
  instanceUrl?: string;
  now?: () => Date;
  /** username → password accepted with HTTP Basic, besides the seeded ones. */
  basicUsers?: Record<string, string>;
  /** Bearer token → username, besides the tokens the OAuth endpoint issues. */
  bearerTokens?: Record<string, string>;
}

export const DEFAULT_INSTANCE_URL = 'https://pilot-sandbox.service-now.com';

/** Who changes or creates a record through the control API when no user is named. */
const DEFAULT_SERVICENOW_USER = 'data.steward';

/** What `exportState()` gives: the instance's data as plain values. */
export interface ServiceNowState {
  records: RecordState;
  push: ReturnType<PushRule['exportState']>;
}

export class ServiceNowInstance implements EmulatedService {
  readonly instanceUrl: string;
  private readonly now: () => Date;
  private readonly credentials: Credentials;
  private readonly store: RecordStore;
  private readonly push: PushRule;
  /** Every caller of the instance's API is subject to them (the app is its only API client). */
  private readonly faults = new FaultInjector();
  private invalidQuery: InvalidQueryBehaviour = 'ignore';
  private appCalls = 0;

  constructor(options: ServiceNowOptions = {}) {
    this.instanceUrl = (options.instanceUrl ?? DEFAULT_INSTANCE_URL).replace(/\/$/, '');
    this.now = options.now ?? (() => new Date());
    this.credentials = credentials(options);
    this.store = new RecordStore(this.now);
    this.push = new PushRule(this.store, this.now);
  }

  // ---------------------------------------------------------------- control surface

  /** Back to a fresh instance: users and the data-access catalog item, push off, the default query handling. */
  reset(): void {
    this.store.reset();
    this.push.reset();
    this.invalidQuery = 'ignore';
  }

  metrics(): { calls: number } {
    return { calls: this.appCalls };
  }

  /** Records, catalog variables, numbering and the push switch, for a sandbox snapshot (shared: serialize at once). */
  exportState(): ServiceNowState {
    return { records: this.store.exportState(), push: this.push.exportState() };
  }

  /** Becomes the instance `exportState()` described (faults and metrics cleared). */
  importState(state: ServiceNowState): void {
    this.store.importState(state.records);
    this.push.importState(state.push);
    this.setFaults([]);
    this.resetMetrics();
  }

  resetMetrics(): void {
    this.appCalls = 0;
  }

  /** Replaces the injected faults (counts start again). */
  setFaults(rules: FaultRule[], options: { seed?: number } = {}): void {
    this.faults.set(rules, options);
    this.faults.resetCounts();
  }

  faultCounts(): FaultCounts {
    return this.faults.counted;
  }

  /** What a well-formed query on a field the table lacks does (table-api.ts); `ignore` after reset. */
  setInvalidQuery(behaviour: InvalidQueryBehaviour): InvalidQueryBehaviour {
    this.invalidQuery = behaviour;
    return this.invalidQuery;
  }

  get invalidQueryBehaviour(): InvalidQueryBehaviour {
    return this.invalidQuery;
  }

  /** Switches the push's business rule; `secret` and `url` go to `sys_properties` as an admin sets them. */
  setPush(config: Partial<PushConfig>): PushConfig {
    return this.push.configure(config);
  }

  getPush(): PushConfig {
    return this.push.config();
  }

  setPushDelivery(deliver: PushDelivery | undefined): void {
    this.push.setDelivery(deliver);
  }

  /** The outbound pushes sent, newest last. */
  get pushes(): readonly SentPush[] {
    return this.push.sent;
  }

  /**
   * A table a ServiceNow admin created (a custom filing table, say), with the system columns and the
   * given ones only: one without `correlation_id` shows what an unknown field in a query does.
   * Empty; gone after `reset`. 400 when a table of that name exists.
   */
  defineTable(definition: TableInput): TableDefinition {
    return this.store.defineTable(table(definition));
  }

  /** A system property's value ('' when unset). */
  property(name: string): string {
    return this.store.property(name);
  }

  /** Direct read, for tests and host pages (not counted, no auth). */
  record(table: string, sysId: string): ServiceNowRecord | undefined {
    const r = this.store.find(table, sysId);
    return r ? { ...r } : undefined;
  }

  records(table: string): ServiceNowRecord[] {
    return this.store.all(table).map((r) => ({ ...r }));
  }

  variablesOf(ritmSysId: string): Record<string, string> {
    return this.store.variablesOf(ritmSysId);
  }

  /**
   * A ServiceNow user changes a record (a fulfiller approving a request, say). Sends the outbound
   * push to the app's web trigger when enabled, signed with the push secret.
   */
  async changeAsUser(
    table: string,
    sysId: string,
    fields: Record<string, unknown>,
    userName = DEFAULT_SERVICENOW_USER,
  ): Promise<{ record: ServiceNowRecord; push?: { status: number; body: string } }> {
    const def = this.store.definition(table);
    const record = this.store.update(def, this.store.existing(def.name, sysId), fields, userName);
    const push = await this.push.afterUpdate(def.name, record);
    return { record: { ...record }, ...(push ? { push } : {}) };
  }

  /** A ServiceNow user, not the app, creates a record: its `sys_created_by` is that user. */
  createAsUser(
    table: string,
    fields: Record<string, unknown>,
    userName = DEFAULT_SERVICENOW_USER,
  ): ServiceNowRecord {
    return { ...this.store.insert(this.store.definition(table).name, fields, userName) };
  }

  // ---------------------------------------------------------------- HTTP

  async handle(request: SandboxRequest, caller: Caller): Promise<SandboxResponse> {
    if (caller.viaApp) this.appCalls += 1;
    const url = new URL(request.path, 'http://instance.invalid');
    const baseUrl = (request.headers['x-sandbox-base-url'] ?? this.instanceUrl).replace(/\/$/, '');
    const method = request.method.toUpperCase();
    try {
      if (url.pathname === '/oauth_token.do') return issueToken(this.credentials, request);
      const user = authenticate(this.credentials, request.headers);
      const fault = this.faults.pick(method, url.pathname);
      if (fault && !fault.lostResponse) return faultResponse(fault);
      const response = route({
        method,
        url,
        ...(request.body !== undefined ? { body: request.body } : {}),
        user,
        baseUrl,
        records: this.store,
        invalidQuery: this.invalidQuery,
      });
      // A timeout: the request was carried out, its answer is lost.
      return fault ? faultResponse(fault) : response;
    } catch (e) {
      if (e instanceof ServiceNowError) return errorResponse(e);
      if (e instanceof EncodedQueryError)
        return json(400, { error: { message: 'Invalid query', detail: e.message }, status: 'failure' });
      throw e;
    }
  }
}
