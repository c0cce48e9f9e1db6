/**
 * The emulated Jira Cloud site: same paths and shapes as Jira Cloud REST v3, every request checked
 * against Atlassian's OpenAPI description, Jira's error shapes and permission rules, JQL through
 * Atlassian's parser, Atlassian's rate-limit model, and a control surface for tests (faults,
 * metrics, events, inspection).
 *
 * A request goes: route (unknown → 404) → injected fault → rate limits → authentication →
 * schema validation (→ 400) → handler → product events → metrics.
 */
import type {
  Caller,
  EmulatedService,
  ProductEvent,
  SandboxRequest,
  SandboxResponse,
  SentNotification,
} from '../contracts';
import type { JiraBehaviour } from './behaviour';
import { TIDY_BEHAVIOUR } from './behaviour';
import type { BulkElementFailure, RouteContext, RouteResult } from './context';
import { isObject } from './context';
import { JiraError } from './errors';
import type { FaultCounts, FaultRule } from '../faults';
import { FaultInjector, bareFaultBody } from '../faults';
import type { AppCustomFieldDefinition } from './field-catalog';
import { DEFAULT_APP_CUSTOM_FIELDS, defineAppCustomFields } from './field-catalog';
import type { IssueLinkSnapshot, IssueSnapshot } from './inspection';
import { issueSnapshot, linkSnapshots } from './inspection';
import { isTimeZone } from './dates';
import { IssueView } from './issue-view';
import type { JiraMetrics } from './metrics';
import { MetricsRecorder } from './metrics';
import type { FieldRecord, IndexedPropertyPath } from './model';
import { loadContract, matchRoute, validateRequest } from './openapi';
import { Access } from './permissions';
import { QueryParams } from './query';
import { RateLimiter, pointsFor, rateLimitHeaders } from './rate-limit';
import { Representations } from './representations';
import { ROUTES } from './routes';
import type { SearchIndexState } from './search-index';
import { SearchIndex } from './search-index';
import { createBareStore } from './seed';
import type { SiteStoreState } from './store';
import { SiteStore } from './store';

export type { FaultRule } from '../faults';
export type { JiraMetrics } from './metrics';
export type { IssueSnapshot, IssueLinkSnapshot } from './inspection';
export type { AppCustomFieldDefinition } from './field-catalog';
export type { IndexedPropertyPath } from './model';
export type { BulkElementFailure } from './context';
export type { JiraBehaviour } from './behaviour';

export interface JiraSiteOptions {
  /** The sandbox clock; `created`, `updated`, relative JQL dates and rate-limit windows use it. */
  now?: () => Date;
  /** Base of every `self` URL. */
  baseUrl?: string;
  /** Where loud problems go (refused requests, unknown routes); console.warn by default. */
  warn?: (message: string) => void;
}

export type SeedName = 'bare';

export interface ProjectSettings {
  /** Whether sub-tasks can be created in the project (its issue types then include the sub-task type). */
  subtasksEnabled?: boolean;
  /** Field ids to take off the project's create/edit screens. */
  hiddenFields?: string[];
  /**
   * Team-managed projects only: deletes the project's own issue types with these names (a project
   * whose admin has not created "AI Pilot" yet). Issues of those types must not exist.
   */
  withoutOwnIssueTypes?: string[];
  /** Its workflow offers no transition into the done category (closing needs a step apps cannot take). */
  noTransitionToDone?: boolean;
  /** Its transition into done offers no Resolution and sets none (team-managed projects; TEAM by default). */
  doneWithoutResolution?: boolean;
}

/** Everything a site holds, as plain data (v8-serializable), for a sandbox snapshot. */
export interface JiraSiteState {
  store: SiteStoreState;
  searchIndex: SearchIndexState;
  behaviour: JiraBehaviour;
  appFields: AppCustomFieldDefinition[];
}

export interface JiraSite extends EmulatedService {
  readonly baseUrl: string;
  handle(request: SandboxRequest, caller: Caller): Promise<SandboxResponse>;
  /**
   * Back to a starting state: data, faults, bulk-failure injection, rate limiting (off), the
   * real-Jira behaviours (off), notifications sent and metrics.
   */
  reset(seed?: SeedName): void;
  /** Switches real-Jira behaviours on or off (behaviour.ts); returns them all. */
  setBehaviour(changes: Partial<JiraBehaviour>): JiraBehaviour;
  behaviour(): JiraBehaviour;
  /** The email notifications sent since the last reset (`POST /issue/{key}/notify`), oldest first. */
  notifications(): SentNotification[];
  /** Product events after each change; returns a function that unsubscribes. */
  onEvent(listener: (event: ProductEvent) => void): () => void;
  setRateLimiting(enabled: boolean): void;
  metrics(): JiraMetrics;
  resetMetrics(): void;
  setFaults(rules: FaultRule[], options?: { seed?: number }): void;
  /** Faults injected and requests repeated after one, since the last reset of the counts. */
  faultCounts(): FaultCounts;
  resetFaultCounts(): void;
  clearFaults(): void;
  /** Makes bulk create fail the elements for which the function returns a message. */
  setBulkElementFailure(failure: BulkElementFailure | null): void;
  /** The manifest's `jira:entityProperty` index: which property paths JQL can search. */
  setIndexedProperties(paths: IndexedPropertyPath[]): void;
  /** The manifest's `jira:customField` modules; returns the fields with their ids. */
  setAppCustomFields(definitions: AppCustomFieldDefinition[]): { id: string; key: string; name: string }[];
  configureProject(projectKey: string, settings: ProjectSettings): void;
  /**
   * Adds an issue security level (as a Jira admin does in an issue security scheme): an issue set at it
   * (`fields.security`) is seen only by these people. Answers its id.
   */
  addSecurityLevel(name: string, memberAccountIds: string[]): string;
  issues(): IssueSnapshot[];
  issue(idOrKey: string): IssueSnapshot | undefined;
  /**
   * Whether Jira shows this person the issue's view (and so renders the app's modules on it): the
   * product's own decision, not an app call (not metered). False for an unknown or inactive person.
   */
  viewerCanSee(accountId: string, issueIdOrKey: string): boolean;
  issueLinks(): IssueLinkSnapshot[];
  fields(): { id: string; name: string; custom: boolean; schema: FieldRecord['schema'] }[];
  /**
   * Everything the site holds: issues, links, configuration, the lagging search index, behaviours.
   * It shares the live records: serialize it before the site changes again.
   */
  exportState(): JiraSiteState;
  /** Becomes the site `exportState()` described (faults, rate limiting and metrics are cleared). */
  importState(state: JiraSiteState): void;
}

/** The `jira:entityProperty` index of manifest.yml, until the Forge runtime sets it. */
export const DEFAULT_INDEXED_PROPERTIES: IndexedPropertyPath[] = [
  { propertyKey: 'pilot-readiness', path: 'score', type: 'number' },
  { propertyKey: 'pilot-readiness', path: 'band', type: 'string' },
  { propertyKey: 'pilot-readiness', path: 'graduated', type: 'string' },
  { propertyKey: 'pilot-readiness', path: 'reviewRequired', type: 'string' },
  { propertyKey: 'pilot-readiness', path: 'daysSinceDemo', type: 'number' },
];

/** Query parameters the sandbox's HTTP layer may add that are not Jira's (`?as=` picks the user). */
const SANDBOX_QUERY_PARAMETERS = ['as'];

const JSON_HEADERS = { 'Content-Type': 'application/json;charset=UTF-8' };

/** Operations that read through POST (a JQL body): they change nothing, so nothing is re-indexed. */
const READS_BY_POST = new Set(['searchAndReconsileIssuesUsingJqlPost', 'countIssues']);

interface ExpandPolicy {
  /** Values the emulator renders (or, where the description has no member for it, accepts). */
  rendered: string[];
  /** Values Jira documents and honours that the emulator does not render: refused. */
  refused: string[];
}

const ISSUE_EXPAND: ExpandPolicy = {
  rendered: ['names', 'schema', 'changelog'],
  refused: ['renderedFields', 'transitions', 'operations', 'editmeta', 'versionedRepresentations'],
};
const PROJECT_EXPAND = ['description', 'lead', 'issueTypes', 'url', 'projectKeys', 'insight'];

/**
 * The `expand` values of each operation. A value Jira honours but the emulator does not render
 * answers 400 rather than being silently left out, so the app cannot come to rely on a value it
 * never saw. A value Jira does not document is ignored, as Jira ignores it (with a warning). An
 * operation not listed renders no expand value: every value it is given is refused.
 */
const EXPAND_POLICY: Record<string, ExpandPolicy> = {
  getIssue: ISSUE_EXPAND,
  editIssue: ISSUE_EXPAND,
  searchAndReconsileIssuesUsingJql: ISSUE_EXPAND,
  searchAndReconsileIssuesUsingJqlPost: ISSUE_EXPAND,
  getTransitions: { rendered: ['transitions.fields'], refused: [] },
  getProject: { rendered: [...PROJECT_EXPAND, 'permissions', 'issueTypeHierarchy'], refused: [] },
  searchProjects: { rendered: PROJECT_EXPAND, refused: [] },
  getFieldsPaginated: {
    rendered: ['key', 'isLocked', 'lastUsed'],
    refused: ['stableId', 'searcherKey', 'screensCount', 'contextsCount'],
  },
};

function requestedExpand(operationId: string, search: string, body: unknown): string[] {
  const values = new URLSearchParams(search).getAll('expand');
  if (operationId === 'searchAndReconsileIssuesUsingJqlPost' && isObject(body)) {
    if (typeof body['expand'] === 'string') values.push(body['expand']);
  }
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && /^application\/json\s*(;|$)/i.test(value.trim());
}

function respond(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  if (body === undefined) return { status, headers: { ...headers }, body: '' };
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

function errorResponse(
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
  headers = {},
): SandboxResponse {
  return respond(status, { errorMessages, errors }, headers);
}

function splitPath(path: string): { pathname: string; search: string } {
  const index = path.indexOf('?');
  const pathname = index < 0 ? path : path.slice(0, index);
  const params = new URLSearchParams(index < 0 ? '' : path.slice(index + 1));
  for (const name of SANDBOX_QUERY_PARAMETERS) params.delete(name);
  const search = params.toString();
  return { pathname, search };
}

function parseBody(body: string | undefined): unknown {
  if (body === undefined || body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The issues a request writes, for the per-issue write limits. */
function writtenIssues(
  store: SiteStore,
  method: string,
  operationId: string,
  params: Record<string, string>,
  body: unknown,
): string[] {
  if (method === 'GET') return [];
  const ids: string[] = [];
  const idOrKey = params['issueIdOrKey'];
  if (idOrKey) {
    const issue = store.findIssue(idOrKey);
    if (issue) ids.push(issue.id);
  }
  if (isObject(body)) {
    if (operationId === 'linkIssues') {
      for (const side of ['inwardIssue', 'outwardIssue']) {
        const reference = body[side];
        const value = isObject(reference) ? (reference['id'] ?? reference['key']) : undefined;
        const issue = typeof value === 'string' ? store.findIssue(value) : undefined;
        if (issue) ids.push(issue.id);
      }
    }
    if (operationId === 'updateCustomFieldValue' || operationId === 'updateMultipleCustomFieldValues') {
      const updates = Array.isArray(body['updates']) ? body['updates'] : [];
      for (const update of updates) {
        if (isObject(update) && Array.isArray(update['issueIds']))
          ids.push(...update['issueIds'].map(String));
      }
    }
  }
  return [...new Set(ids)];
}

class EmulatedJiraSite implements JiraSite {
  readonly baseUrl: string;
  private store: SiteStore;
  private readonly now: () => Date;
  private readonly warn: (message: string) => void;
  private readonly listeners = new Set<(event: ProductEvent) => void>();
  private readonly limiter = new RateLimiter();
  private readonly faults = new FaultInjector({ defaultRateLimitReason: 'jira-burst-based' });
  private readonly recorder = new MetricsRecorder();
  private bulkFailure: BulkElementFailure | null = null;
  private currentBehaviour: JiraBehaviour = { ...TIDY_BEHAVIOUR };
  private readonly index = new SearchIndex();
  private sent: SentNotification[] = [];
  private indexedProperties: IndexedPropertyPath[] = DEFAULT_INDEXED_PROPERTIES.map((path) => ({ ...path }));
  private appFields: AppCustomFieldDefinition[] = DEFAULT_APP_CUSTOM_FIELDS.map((field) => ({ ...field }));

  constructor(options: JiraSiteOptions) {
    loadContract();
    this.now = options.now ?? (() => new Date());
    this.baseUrl = (options.baseUrl ?? 'https://pilot-pathway-sandbox.atlassian.net').replace(/\/$/, '');
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.store = this.freshStore();
  }

  private freshStore(): SiteStore {
    const store = createBareStore();
    defineAppCustomFields(store, this.appFields);
    store.indexedProperties = this.indexedProperties;
    return store;
  }

  reset(seed: SeedName = 'bare'): void {
    if (seed !== 'bare') throw new Error(`Unknown Jira seed '${String(seed)}'`);
    this.store = this.freshStore();
    this.faults.clear();
    this.bulkFailure = null;
    this.limiter.setEnabled(false);
    this.setBehaviour(TIDY_BEHAVIOUR);
    this.index.clear();
    this.recorder.reset();
    this.sent = [];
  }

  setBehaviour(changes: Partial<JiraBehaviour>): JiraBehaviour {
    if (changes.siteTimeZone !== undefined && !isTimeZone(changes.siteTimeZone))
      throw new Error(
        `siteTimeZone must be an IANA time zone such as Pacific/Auckland, not "${changes.siteTimeZone}"`,
      );
    this.currentBehaviour = { ...this.currentBehaviour, ...changes };
    this.index.setLag(this.currentBehaviour.searchLagMs);
    return this.behaviour();
  }

  behaviour(): JiraBehaviour {
    return { ...this.currentBehaviour };
  }

  notifications(): SentNotification[] {
    return this.sent.map((notification) => ({ ...notification, to: [...notification.to] }));
  }

  onEvent(listener: (event: ProductEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setRateLimiting(enabled: boolean): void {
    this.limiter.setEnabled(enabled);
  }

  metrics(): JiraMetrics {
    return this.recorder.snapshot();
  }

  resetMetrics(): void {
    this.recorder.reset();
  }

  setFaults(rules: FaultRule[], options: { seed?: number } = {}): void {
    this.faults.set(rules, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  faultCounts(): FaultCounts {
    return this.faults.counted;
  }

  resetFaultCounts(): void {
    this.faults.resetCounts();
  }

  setBulkElementFailure(failure: BulkElementFailure | null): void {
    this.bulkFailure = failure;
  }

  setIndexedProperties(paths: IndexedPropertyPath[]): void {
    this.indexedProperties = paths.map((path) => ({ ...path }));
    this.store.indexedProperties = this.indexedProperties;
  }

  setAppCustomFields(definitions: AppCustomFieldDefinition[]): { id: string; key: string; name: string }[] {
    this.appFields = definitions.map((definition) => ({ ...definition }));
    return defineAppCustomFields(this.store, this.appFields).map((field) => ({
      id: field.id,
      key: field.appModuleKey ?? field.key,
      name: field.name,
    }));
  }

  addSecurityLevel(name: string, memberAccountIds: string[]): string {
    const id = String(10100 + this.store.securityLevels.size);
    this.store.securityLevels.set(id, {
      id,
      name,
      description: '',
      memberAccountIds: new Set(memberAccountIds),
    });
    return id;
  }

  configureProject(projectKey: string, settings: ProjectSettings): void {
    const project = this.store.findProject(projectKey);
    if (!project) throw new Error(`No project ${projectKey} on the emulated Jira site`);
    if (settings.subtasksEnabled !== undefined) project.subtasksEnabled = settings.subtasksEnabled;
    if (settings.hiddenFields !== undefined) project.hiddenFieldIds = new Set(settings.hiddenFields);
    if (settings.noTransitionToDone !== undefined) project.noTransitionToDone = settings.noTransitionToDone;
    if (settings.doneWithoutResolution !== undefined)
      project.doneWithoutResolution = settings.doneWithoutResolution;
    for (const name of settings.withoutOwnIssueTypes ?? []) {
      const type = [...this.store.issueTypes.values()].find(
        (candidate) => candidate.scopeProjectId === project.id && candidate.name === name,
      );
      if (!type) throw new Error(`Project ${projectKey} has no issue type of its own named ${name}`);
      if ([...this.store.issues.values()].some((issue) => issue.issueTypeId === type.id))
        throw new Error(`Issues of type ${name} exist in ${projectKey}`);
      this.store.issueTypes.delete(type.id);
    }
  }

  issues(): IssueSnapshot[] {
    return [...this.store.issues.keys()].flatMap((id) => issueSnapshot(this.store, id) ?? []);
  }

  issue(idOrKey: string): IssueSnapshot | undefined {
    const issue = this.store.findIssue(idOrKey);
    return issue ? issueSnapshot(this.store, issue.id) : undefined;
  }

  viewerCanSee(accountId: string, issueIdOrKey: string): boolean {
    const issue = this.store.findIssue(issueIdOrKey);
    if (!issue) return false;
    try {
      return new Access(this.store, { kind: 'user', accountId, viaApp: false }).canSeeIssue(issue);
    } catch {
      return false;
    }
  }

  issueLinks(): IssueLinkSnapshot[] {
    return linkSnapshots(this.store);
  }

  fields(): { id: string; name: string; custom: boolean; schema: FieldRecord['schema'] }[] {
    return [...this.store.fields.values()].map((field) => ({
      id: field.id,
      name: field.name,
      custom: field.custom,
      schema: { ...field.schema },
    }));
  }

  exportState(): JiraSiteState {
    return {
      store: this.store.exportState(),
      searchIndex: this.index.exportState(),
      behaviour: this.behaviour(),
      appFields: this.appFields.map((field) => ({ ...field })),
    };
  }

  importState(state: JiraSiteState): void {
    const store = new SiteStore();
    store.importState(state.store);
    this.reset();
    this.store = store;
    this.indexedProperties = store.indexedProperties;
    this.appFields = state.appFields.map((field) => ({ ...field }));
    this.setBehaviour(state.behaviour);
    this.index.importState(state.searchIndex);
  }

  async handle(request: SandboxRequest, caller: Caller): Promise<SandboxResponse> {
    const now = this.now();
    const method = request.method.toUpperCase();
    const { pathname, search } = splitPath(request.path);
    const where = `${method} ${pathname}`;

    if (/^\/rest\/api\/[23]\/search\/?$/.test(pathname)) {
      this.warn(
        `[jira-emulator] 410 ${where}: /search is removed from Jira Cloud; use /rest/api/3/search/jql`,
      );
      if (caller.viaApp) this.recorder.record(`${method} ${pathname}`, undefined, 0);
      return errorResponse(410, [
        'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.',
      ]);
    }
    const match = matchRoute(method, pathname);
    if (match.kind !== 'matched') {
      if (caller.viaApp) this.recorder.record(`${method} ${pathname}`, undefined, 0);
      if (match.kind === 'method-not-allowed') {
        this.warn(`[jira-emulator] 405 ${where}: Jira has no ${method} operation on this path`);
        return errorResponse(405, [`Method ${method} is not allowed for ${pathname}.`]);
      }
      this.warn(`[jira-emulator] 404 ${where}: no operation of the Jira Cloud REST API matches this path`);
      return errorResponse(404, [`null for uri: ${this.baseUrl}${pathname}`]);
    }

    const { route } = match;
    const endpoint = `${method} ${route.template}`;
    const body = parseBody(request.body);
    let points = 0;
    let lostResponse: FaultRule | null = null;
    try {
      if (caller.viaApp) {
        const fault = this.faults.pick(method, pathname);
        if (fault?.lostResponse) lostResponse = fault;
        else if (fault) return this.faultResponse(fault, now);
        const rejection = this.limiter.admit(
          method,
          route.template,
          writtenIssues(this.store, method, route.operationId, route.params, body),
          now.getTime(),
        );
        if (rejection) {
          return errorResponse(
            429,
            [
              `Rate limit exceeded (${rejection.reason}). Retry after ${rejection.retryAfterSeconds} seconds.`,
            ],
            {},
            rateLimitHeaders(rejection),
          );
        }
      }
      const access = new Access(this.store, caller);
      const handler = ROUTES[route.operationId];
      if (!handler) {
        this.warn(`[jira-emulator] 501 ${route.operationId} (${endpoint}): not implemented by the emulator`);
        points = pointsFor(undefined);
        return errorResponse(501, [
          `The sandbox's Jira emulator does not implement ${route.operationId} (${endpoint}).`,
        ]);
      }
      if (
        this.currentBehaviour.strictContentType &&
        request.body !== undefined &&
        request.body !== '' &&
        !isJsonContentType(header(request.headers, 'content-type'))
      ) {
        this.warn(
          `[jira-emulator] 415 ${route.operationId} (${endpoint}): a body without Content-Type: application/json`,
        );
        points = pointsFor(undefined);
        return errorResponse(415, [
          `Unsupported Media Type: send the body with Content-Type: application/json (got ${header(request.headers, 'content-type') ?? 'none'}).`,
        ]);
      }
      const problems = validateRequest(route.operationId, {
        params: route.params,
        search,
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
      points = pointsFor(undefined);
      if (problems.length > 0) {
        this.warn(
          `[jira-emulator] 400 ${route.operationId} (${endpoint}) refused by the OpenAPI description: ${problems.join('; ')}`,
        );
        return errorResponse(
          400,
          problems.map((problem) => `${route.operationId}: ${problem}`),
        );
      }
      const expandRefusal = this.checkExpand(
        route.operationId,
        endpoint,
        requestedExpand(route.operationId, search, body),
      );
      if (expandRefusal) return expandRefusal;

      const events: ProductEvent[] = [];
      const siteTimeZone = this.currentBehaviour.siteTimeZone;
      const timeZone = this.store.users.get(access.accountId)?.timeZone ?? siteTimeZone;
      const rep = new Representations(this.store, this.baseUrl, timeZone, siteTimeZone);
      const store = this.store;
      const ctx: RouteContext = {
        operationId: route.operationId,
        store: this.store,
        caller,
        access,
        params: route.params,
        query: new QueryParams(search),
        body,
        now,
        rep,
        view: new IssueView(rep),
        emit: (event) => events.push(event),
        sendNotification: (notification) => this.sent.push(notification),
        failBulkElement: this.bulkFailure,
        behaviour: this.behaviour(),
        searchIndex: (reconcile) => this.index.indexedStore(store, now.getTime(), reconcile),
      };
      const writes =
        method === 'GET' || READS_BY_POST.has(route.operationId) ? null : this.index.beforeWrite(store);
      let result: RouteResult;
      try {
        result = handler(ctx);
      } finally {
        this.index.afterWrite(store, writes, now.getTime());
      }
      points = pointsFor(result.returned);
      this.deliver(events);
      // A timeout: the change happened, the caller never hears about it.
      if (lostResponse) return this.faultResponse(lostResponse, now);
      if (result.status === 400) this.warnRefused(route.operationId, endpoint, result.body);
      return respond(result.status, result.body, result.headers);
    } catch (error) {
      if (error instanceof JiraError) {
        if (error.status === 400 || error.status === 401)
          this.warnRefused(route.operationId, endpoint, error.body, error.status, error.detail);
        return errorResponse(error.status, error.errorMessages, error.errors, error.headers);
      }
      this.warn(
        `[jira-emulator] 500 ${route.operationId} (${endpoint}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return errorResponse(500, ['Internal server error (Jira emulator defect).']);
    } finally {
      if (caller.viaApp) {
        this.recorder.record(endpoint, route.operationId, points);
        this.limiter.charge(points, now.getTime());
      }
    }
  }

  private faultResponse(rule: FaultRule, now: Date): SandboxResponse {
    if (rule.bare)
      return {
        status: rule.status,
        headers: { 'content-type': 'text/html' },
        body: bareFaultBody(rule.status),
      };
    if (rule.status === 429) {
      const retryAfterSeconds = rule.retryAfter ?? 1;
      const rejection = {
        reason: rule.reason ?? ('jira-burst-based' as const),
        limit: 100,
        retryAfterSeconds,
        resetAt: now.getTime() + retryAfterSeconds * 1000,
      };
      return errorResponse(
        429,
        [
          `Rate limit exceeded (${rejection.reason}, injected fault). Retry after ${retryAfterSeconds} seconds.`,
        ],
        {},
        rateLimitHeaders(rejection),
      );
    }
    const headers: Record<string, string> =
      rule.retryAfter === undefined ? {} : { 'Retry-After': String(rule.retryAfter) };
    const message = rule.lostResponse
      ? 'Gateway Timeout: the request took too long'
      : rule.status === 503
        ? 'Service Unavailable'
        : rule.status >= 500
          ? 'Internal server error'
          : 'Request failed';
    return errorResponse(rule.status, [`${message} (injected fault).`], {}, headers);
  }

  /** Applies the operation's expand policy: a 400 for values Jira honours but the emulator does not render. */
  private checkExpand(operationId: string, endpoint: string, requested: string[]): SandboxResponse | null {
    const policy = EXPAND_POLICY[operationId];
    const unknown = policy
      ? requested.filter((value) => !policy.rendered.includes(value) && !policy.refused.includes(value))
      : [];
    if (unknown.length > 0) {
      this.warn(
        `[jira-emulator] ${operationId} (${endpoint}): expand=${unknown.join(',')} is not a value Jira documents here; ignored, as Jira ignores it`,
      );
    }
    const refused = policy ? requested.filter((value) => policy.refused.includes(value)) : requested;
    if (refused.length === 0) return null;
    const rendered = policy?.rendered ?? [];
    this.warn(
      `[jira-emulator] 400 ${operationId} (${endpoint}): expand=${refused.join(',')} is not emulated`,
    );
    return errorResponse(400, [
      `The sandbox's Jira emulator does not render expand=${refused.join(',')} for ${operationId}` +
        (rendered.length > 0
          ? ` (it renders: ${rendered.join(', ')}).`
          : ' (it renders no expand value here).'),
    ]);
  }

  private warnRefused(
    operationId: string,
    endpoint: string,
    body: unknown,
    status = 400,
    detail?: string,
  ): void {
    this.warn(
      `[jira-emulator] ${status} ${operationId} (${endpoint}): ${JSON.stringify(body)}${detail ? ` (${detail})` : ''}`,
    );
  }

  private deliver(events: ProductEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.warn(`[jira-emulator] an event listener threw on ${event.eventType}: ${String(error)}`);
        }
      }
    }
  }
}

export function createJiraSite(options: JiraSiteOptions = {}): JiraSite {
  return new EmulatedJiraSite(options);
}
