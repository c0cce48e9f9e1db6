import api, { route, type Route } from '@forge/api';
import { adfParagraphs } from './adf';
import { JiraError, RetryLaterError, parseJiraErrorBody } from './errors';
import { defaultRetryPolicy, isRetryable, retryDelayMs, type RetryPolicy } from './retry-policy';
import type {
  BulkCreateResponse,
  CreatedIssue,
  IssueUpdate,
  JiraIssue,
  JiraUser,
  RemoteLink,
  SearchPage,
} from './types';

export type Acting = 'app' | 'user';

export interface BulkCreateResult {
  created: Array<{ index: number; id: string; key: string }>;
  failed: Array<{ index: number; status: number; message: string }>;
}

const BULK_CREATE_LIMIT = 50;
/** Jira's largest search page when fields are asked for. */
export const SEARCH_PAGE_SIZE = 100;

/**
 * Jira Cloud REST v3 through `@forge/api`, as the app (`asApp`) or as the viewing user (`asUser`).
 * Every path is built with `route`. 429 and (for idempotent calls) 5xx are retried with
 * `Retry-After` and jittered backoff until the invocation's deadline; past it a RetryLaterError
 * tells the caller to hand the rest of the work on.
 */
export class JiraClient {
  private readonly policy: RetryPolicy;

  constructor(
    readonly acting: Acting,
    policy: Partial<RetryPolicy> = {},
  ) {
    this.policy = defaultRetryPolicy(policy);
  }

  static asApp(policy: Partial<RetryPolicy> = {}): JiraClient {
    return new JiraClient('app', policy);
  }

  static asUser(policy: Partial<RetryPolicy> = {}): JiraClient {
    return new JiraClient('user', policy);
  }

  /** One REST call; resolves to the parsed body (undefined for 204), rejects with JiraError. */
  async request<T>(method: string, path: Route, body?: unknown): Promise<T> {
    const pathname = path.value.split('?')[0] ?? '';
    const operation = `${method} ${pathname}`;
    for (let attempt = 1; ; attempt++) {
      const response = await this.send(method, path, body);
      const text = await response.text();
      if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
      const retryAfter = response.headers.get('retry-after');
      if (!isRetryable(response.status, method, pathname) || attempt >= this.policy.maxAttempts) {
        throw new JiraError(response.status, operation, parseJiraErrorBody(text));
      }
      const waitMs = retryDelayMs(this.policy, attempt, retryAfter);
      if (this.policy.now() + waitMs > this.policy.deadline) {
        const reason = response.headers.get('ratelimit-reason') ?? `HTTP ${response.status}`;
        throw new RetryLaterError(Math.max(1, Math.ceil(waitMs / 1000)), reason);
      }
      await this.policy.sleep(waitMs);
    }
  }

  private send(method: string, path: Route, body: unknown) {
    const requester = this.acting === 'app' ? api.asApp() : api.asUser();
    return requester.requestJira(path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  getIssue(issueIdOrKey: string, fields: string[], properties: string[] = []): Promise<JiraIssue> {
    const query = new URLSearchParams({ fields: fields.join(',') });
    if (properties.length > 0) query.set('properties', properties.join(','));
    return this.request('GET', route`/rest/api/3/issue/${issueIdOrKey}?${query}`);
  }

  /** One page of issues matching `jql` (POST /rest/api/3/search/jql); `nextPageToken` continues a search. */
  searchPage(
    jql: string,
    fields: string[],
    options: {
      properties?: string[];
      maxResults?: number;
      nextPageToken?: string;
      reconcileIssues?: number[];
    } = {},
  ): Promise<SearchPage> {
    const { properties = [], maxResults = SEARCH_PAGE_SIZE, nextPageToken, reconcileIssues = [] } = options;
    return this.request('POST', route`/rest/api/3/search/jql`, {
      jql,
      fields,
      ...(properties.length > 0 ? { properties } : {}),
      ...(reconcileIssues.length > 0 ? { reconcileIssues: reconcileIssues.slice(0, 50) } : {}),
      maxResults,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
  }

  /**
   * Every issue matching `jql`, one page (100 issues) per call, following `nextPageToken`.
   * `reconcileIssues` (at most 50 ids) asks the eventually consistent index to include the current
   * state of issues the app just wrote or heard of.
   */
  async searchAll(
    jql: string,
    fields: string[],
    properties: string[] = [],
    reconcileIssues: number[] = [],
  ): Promise<JiraIssue[]> {
    const issues: JiraIssue[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await this.searchPage(jql, fields, { properties, nextPageToken, reconcileIssues });
      issues.push(...page.issues);
      nextPageToken = nextPageTokenOf(page);
    } while (nextPageToken);
    return issues;
  }

  /** Creates issues 50 at a time; per-element failures are reported, not thrown. */
  async bulkCreate(issueUpdates: IssueUpdate[]): Promise<BulkCreateResult> {
    const result: BulkCreateResult = { created: [], failed: [] };
    for (let offset = 0; offset < issueUpdates.length; offset += BULK_CREATE_LIMIT) {
      const chunk = issueUpdates.slice(offset, offset + BULK_CREATE_LIMIT);
      const response = await this.bulkCreateChunk(chunk);
      collectBulkResult(response, chunk.length, offset, result);
    }
    return result;
  }

  private async bulkCreateChunk(chunk: IssueUpdate[]): Promise<BulkCreateResponse> {
    try {
      return await this.request<BulkCreateResponse>('POST', route`/rest/api/3/issue/bulk`, {
        issueUpdates: chunk,
      });
    } catch (error) {
      // Jira answers 400 with the same body shape when every element failed.
      if (error instanceof JiraError && error.status === 400 && Array.isArray(bulkErrorsOf(error))) {
        return { issues: [], errors: bulkErrorsOf(error) ?? [] };
      }
      throw error;
    }
  }

  setIssueProperty(issueIdOrKey: string, propertyKey: string, value: unknown): Promise<void> {
    return this.request('PUT', route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`, value);
  }

  async getIssueProperty<T>(issueIdOrKey: string, propertyKey: string): Promise<T | undefined> {
    try {
      const property = await this.request<{ value: T }>(
        'GET',
        route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`,
      );
      return property.value;
    } catch (error) {
      if (error instanceof JiraError && error.status === 404) return undefined;
      throw error;
    }
  }

  addComment(issueIdOrKey: string, text: string): Promise<unknown> {
    return this.request('POST', route`/rest/api/3/issue/${issueIdOrKey}/comment`, {
      body: adfParagraphs(text),
    });
  }

  /**
   * POST /rest/api/3/issue/{key}/notify: Jira's own email notification about the issue to these people
   * and the members of these groups, by their Jira email settings (Jira drops those who cannot browse
   * the issue, and notifies a person in two of them once).
   */
  notify(
    issueIdOrKey: string,
    subject: string,
    text: string,
    to: { accountIds: readonly string[]; groupIds: readonly string[] },
  ): Promise<unknown> {
    return this.request('POST', route`/rest/api/3/issue/${issueIdOrKey}/notify`, {
      subject,
      textBody: text,
      to: {
        users: to.accountIds.map((accountId) => ({ accountId })),
        ...(to.groupIds.length > 0 ? { groups: to.groupIds.map((groupId) => ({ groupId })) } : {}),
      },
    });
  }

  /** POST /rest/api/3/issue */
  createIssue(issue: IssueUpdate): Promise<CreatedIssue> {
    return this.request('POST', route`/rest/api/3/issue`, issue);
  }

  /** PUT /rest/api/3/issue/{issueIdOrKey}, without notifying watchers. */
  editIssue(issueIdOrKey: string, fields: Record<string, unknown>): Promise<void> {
    return this.request('PUT', route`/rest/api/3/issue/${issueIdOrKey}?notifyUsers=false`, { fields });
  }

  /** GET /rest/api/3/issue/{issueIdOrKey}/remotelink */
  getRemoteLinks(issueIdOrKey: string): Promise<RemoteLink[]> {
    return this.request('GET', route`/rest/api/3/issue/${issueIdOrKey}/remotelink`);
  }

  /** POST /rest/api/3/issue/{issueIdOrKey}/remotelink: creates the link, or updates the one with its globalId. */
  upsertRemoteLink(issueIdOrKey: string, link: Record<string, unknown>): Promise<unknown> {
    return this.request('POST', route`/rest/api/3/issue/${issueIdOrKey}/remotelink`, link);
  }

  /** PUT /rest/api/3/app/field/{fieldIdOrKey}/value: the app's own (read-only) custom field. */
  setAppFieldValue(fieldIdOrKey: string, issueIds: number[], value: unknown): Promise<void> {
    return this.request('PUT', route`/rest/api/3/app/field/${fieldIdOrKey}/value`, {
      updates: [{ issueIds, value }],
    });
  }

  /** GET /rest/api/3/user?accountId= */
  getUser(accountId: string): Promise<JiraUser> {
    return this.request('GET', route`/rest/api/3/user?${new URLSearchParams({ accountId })}`);
  }

  /** GET /rest/api/3/user/search?query=&maxResults= */
  findUsers(query: string, maxResults: number): Promise<JiraUser[]> {
    const search = new URLSearchParams({ query, maxResults: String(maxResults) });
    return this.request('GET', route`/rest/api/3/user/search?${search}`);
  }

  /** GET /rest/api/3/myself: the acting account (as the app: the site's defaults, e.g. its time zone). */
  myself(): Promise<JiraUser> {
    return this.request('GET', route`/rest/api/3/myself`);
  }

  /**
   * GET /rest/api/3/mypermissions?permissions=: which of these permissions the caller has, globally
   * or, with an issue id or a project key, on that issue or in that project (global ones as well;
   * 404 when the caller cannot see the issue or the project).
   */
  async myPermissions(
    permissions: string[],
    on: { issueId?: string; projectKey?: string } = {},
  ): Promise<Record<string, boolean>> {
    const query = new URLSearchParams({ permissions: permissions.join(',') });
    if (on.issueId) query.set('issueId', on.issueId);
    if (on.projectKey) query.set('projectKey', on.projectKey);
    const answer = await this.request<{ permissions: Record<string, { havePermission?: boolean }> }>(
      'GET',
      route`/rest/api/3/mypermissions?${query}`,
    );
    return Object.fromEntries(
      permissions.map((permission) => [permission, answer.permissions[permission]?.havePermission === true]),
    );
  }

  /**
   * POST /rest/api/3/permissions/check: which of these issues the caller may browse (1 call per
   * 1,000 issues). Jira leaves out issues the caller cannot see and issues that no longer exist.
   */
  async browsableIssueIds(issueIds: readonly string[]): Promise<Set<string>> {
    const browsable = new Set<string>();
    const ids = [...new Set(issueIds)].filter((id) => /^\d+$/.test(id));
    for (let offset = 0; offset < ids.length; offset += PERMISSION_CHECK_ISSUES) {
      const answer = await this.request<{
        projectPermissions?: Array<{ permission: string; issues?: number[] }>;
      }>('POST', route`/rest/api/3/permissions/check`, {
        projectPermissions: [
          {
            permissions: ['BROWSE_PROJECTS'],
            issues: ids.slice(offset, offset + PERMISSION_CHECK_ISSUES).map(Number),
          },
        ],
      });
      for (const grant of answer.projectPermissions ?? [])
        if (grant.permission === 'BROWSE_PROJECTS')
          for (const id of grant.issues ?? []) browsable.add(String(id));
    }
    return browsable;
  }
}

/** Jira checks at most this many issues in one bulk permission check. */
export const PERMISSION_CHECK_ISSUES = 1000;

/** The token of the next page, or undefined on the last one. */
export function nextPageTokenOf(page: SearchPage): string | undefined {
  return page.isLast === false || page.nextPageToken ? page.nextPageToken : undefined;
}

function bulkErrorsOf(error: JiraError): BulkCreateResponse['errors'] | undefined {
  const errors = (error.body as { errors?: unknown }).errors;
  return Array.isArray(errors) ? (errors as BulkCreateResponse['errors']) : undefined;
}

function collectBulkResult(
  response: BulkCreateResponse,
  chunkLength: number,
  offset: number,
  into: BulkCreateResult,
): void {
  const failedIndexes = new Set(response.errors.map((error) => error.failedElementNumber));
  const succeededIndexes = [...Array(chunkLength).keys()].filter((index) => !failedIndexes.has(index));
  // Jira lists created issues in request order, skipping the failed elements.
  response.issues.forEach((issue, position) => {
    const index = succeededIndexes[position];
    if (index !== undefined) into.created.push({ index: offset + index, id: issue.id, key: issue.key });
  });
  for (const error of response.errors) {
    const details = [
      ...(error.elementErrors.errorMessages ?? []),
      ...Object.entries(error.elementErrors.errors ?? {}).map(([field, message]) => `${field}: ${message}`),
    ];
    into.failed.push({
      index: offset + error.failedElementNumber,
      status: error.status,
      message: details.join('; ') || `HTTP ${error.status}`,
    });
  }
}
