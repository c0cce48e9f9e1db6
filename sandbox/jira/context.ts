/**
 * What a route handler gets (the request, the caller, the site) and what it gives back.
 * Handlers are synchronous: the whole site lives in memory.
 */
import type { Caller, ProductEvent, SentNotification } from '../contracts';
import type { JiraBehaviour } from './behaviour';
import type { IssueView } from './issue-view';
import type { Access } from './permissions';
import type { QueryParams } from './query';
import type { Representations } from './representations';
import type { SiteStore } from './store';

/**
 * Fails one element of a bulk create: a message (answered as 400) or a status and message (e.g. a
 * transient 503 for that element alone); null lets the element through.
 */
export type BulkElementFailure = (
  issueUpdate: unknown,
  index: number,
) => string | { status: number; message: string } | null;

export interface RouteContext {
  operationId: string;
  store: SiteStore;
  caller: Caller;
  access: Access;
  params: Record<string, string>;
  query: QueryParams;
  body: unknown;
  now: Date;
  rep: Representations;
  view: IssueView;
  /** Queues a product event; the site delivers it after the request has been applied. */
  emit(event: ProductEvent): void;
  /** Records an email notification Jira sent (`GET /__sandbox/notifications`). */
  sendNotification(notification: SentNotification): void;
  failBulkElement: BulkElementFailure | null;
  /** The real-Jira behaviours switched on (behaviour.ts). */
  behaviour: JiraBehaviour;
  /** The site as the search index sees it now; issues in `reconcile` (ids) are read fresh. */
  searchIndex(reconcile: ReadonlySet<string>): SiteStore;
}

/** How many objects a response carries, for the points of Atlassian's rate-limit model. */
export interface Returned {
  issues?: number;
  projects?: number;
  users?: number;
}

export interface RouteResult {
  status: number;
  /** JSON body; undefined for an empty body (204, or Jira's empty 201s). */
  body?: unknown;
  headers?: Record<string, string>;
  returned?: Returned;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult;

/** Handlers by operationId of the OpenAPI description. */
export type RouteTable = Record<string, RouteHandler>;

export function json(status: number, body: unknown, returned?: Returned): RouteResult {
  return { status, body, ...(returned ? { returned } : {}) };
}

export function empty(status: number, headers?: Record<string, string>): RouteResult {
  return { status, ...(headers ? { headers } : {}) };
}

/** The body as a plain object (the schema validation has already checked its type). */
export function bodyObject(ctx: RouteContext): Record<string, unknown> {
  return isObject(ctx.body) ? ctx.body : {};
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The URL of a page of this request's results: its own query, with `startAt` and `maxResults` set. */
export function pageUrl(ctx: RouteContext, path: string, startAt: number, maxResults: number): string {
  const query = new URLSearchParams(
    ctx.query.names().flatMap((name) => ctx.query.all(name).map((value) => [name, value])),
  );
  query.set('startAt', String(startAt));
  query.set('maxResults', String(maxResults));
  return ctx.rep.url(`${path}?${query}`);
}
