/**
 * GET/POST /rest/api/3/search/jql: JQL search with token paging; POST /search/approximate-count.
 *
 * - `fields` defaults to `id` (each issue is then just `{id}`), as Jira's enhanced search does;
 * - `maxResults` defaults to 50 and is capped at 5000 when only ids/keys are asked for, else at 100;
 * - `nextPageToken` is opaque (the offset and a hash of the JQL): a token from another query, or a
 *   garbled one, answers 400 "Invalid format of nextPageToken";
 * - at most 5 entity properties per request;
 * - results only hold issues the caller may browse;
 * - `expand=names`/`schema` answer `names`/`schema` once, at the top, for the fields asked for;
 * - with the `searchLagMs` behaviour on, search reads the lagging index (behaviour.ts): issues
 *   written a moment ago are found (or not) and read as they were, except those named in
 *   `reconcileIssues`, which are read fresh, as Jira documents for that parameter.
 */
import type { RouteContext, RouteTable } from '../context';
import { bodyObject, json } from '../context';
import { badRequest } from '../errors';
import { IssueView, selectFields, selectProperties } from '../issue-view';
import { Representations } from '../representations';
import { searchIssues } from '../jql';
import { fieldIds } from './issues';

export const DEFAULT_MAX_RESULTS = 50;
export const MAX_RESULTS_ID_ONLY = 5000;
export const MAX_RESULTS_WITH_FIELDS = 100;
export const MAX_PROPERTIES = 5;

interface SearchInput {
  jql: string;
  nextPageToken?: string;
  maxResults: number;
  fields: string[];
  properties: string[];
  expand: string[];
  reconcileIssues: string[];
}

function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, h: fingerprint(jql) })).toString('base64url');
}

function decodeToken(token: string, jql: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      h?: unknown;
    };
    if (
      typeof decoded.o === 'number' &&
      Number.isInteger(decoded.o) &&
      decoded.o >= 0 &&
      decoded.h === fingerprint(jql)
    ) {
      return decoded.o;
    }
  } catch {
    // falls through to the error below
  }
  throw badRequest(['Invalid format of nextPageToken']);
}

function search(ctx: RouteContext, input: SearchInput) {
  if (input.properties.length > MAX_PROPERTIES) {
    throw badRequest([
      `A maximum of ${MAX_PROPERTIES} issue properties can be requested; ${input.properties.length} were.`,
    ]);
  }
  const ids = fieldIds(ctx);
  const selection = selectFields(input.fields, ids.all, ids.navigable, true);
  const idsOnly = selection.include === null || [...selection.include].every((id) => id === 'issuekey');
  const cap = idsOnly ? MAX_RESULTS_ID_ONLY : MAX_RESULTS_WITH_FIELDS;
  const maxResults = Math.min(Math.max(1, input.maxResults), cap);
  const offset = input.nextPageToken ? decodeToken(input.nextPageToken, input.jql) : 0;
  const store = ctx.searchIndex(new Set(input.reconcileIssues));
  const view =
    store === ctx.store
      ? ctx.view
      : new IssueView(new Representations(store, ctx.rep.baseUrl, ctx.rep.timeZone, ctx.rep.siteTimeZone));
  const matches = searchIssues(input.jql, { store, access: ctx.access, now: ctx.now });
  const page = matches.slice(offset, offset + maxResults);
  const isLast = offset + page.length >= matches.length;
  const expand = new Set(input.expand);
  // Search answers names and schema once for the page (SearchAndReconcileResults), not per issue.
  const perIssueExpand = new Set([...expand].filter((value) => value !== 'names' && value !== 'schema'));
  const options = {
    fields: selection,
    properties: selectProperties(input.properties),
    expand: perIssueExpand,
  };
  const returnedFields = [...(selection.include ?? [])].filter((id) => id !== 'issuekey');
  return json(
    200,
    {
      issues: page.map((issue) => view.render(issue, options)),
      ...view.fieldDescriptions(returnedFields, expand),
      isLast,
      ...(isLast ? {} : { nextPageToken: encodeToken(offset + page.length, input.jql) }),
    },
    { issues: page.length },
  );
}

function searchGet(ctx: RouteContext) {
  const token = ctx.query.string('nextPageToken');
  return search(ctx, {
    jql: ctx.query.string('jql') ?? '',
    ...(token ? { nextPageToken: token } : {}),
    maxResults: ctx.query.int('maxResults', DEFAULT_MAX_RESULTS),
    fields: ctx.query.list('fields'),
    properties: ctx.query.list('properties'),
    expand: ctx.query.list('expand'),
    reconcileIssues: ctx.query.list('reconcileIssues'),
  });
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.flatMap((item) => String(item).split(',')).map((item) => item.trim())
    : [];
}

function searchPost(ctx: RouteContext) {
  const body = bodyObject(ctx);
  const token = typeof body['nextPageToken'] === 'string' ? body['nextPageToken'] : undefined;
  return search(ctx, {
    jql: typeof body['jql'] === 'string' ? body['jql'] : '',
    ...(token ? { nextPageToken: token } : {}),
    maxResults: typeof body['maxResults'] === 'number' ? body['maxResults'] : DEFAULT_MAX_RESULTS,
    fields: strings(body['fields']),
    properties: strings(body['properties']),
    expand: typeof body['expand'] === 'string' ? body['expand'].split(',').map((item) => item.trim()) : [],
    reconcileIssues: Array.isArray(body['reconcileIssues']) ? body['reconcileIssues'].map(String) : [],
  });
}

/**
 * POST /search/approximate-count: how many issues the caller may browse match the (bounded) JQL,
 * counted on the same index as search, so a lagging index lags here too. The emulator's count is
 * exact: Jira's is an estimate, which an exact number satisfies.
 */
function countIssues(ctx: RouteContext) {
  const body = bodyObject(ctx);
  const jql = typeof body['jql'] === 'string' ? body['jql'] : '';
  const store = ctx.searchIndex(new Set());
  return json(200, { count: searchIssues(jql, { store, access: ctx.access, now: ctx.now }).length });
}

export const searchRoutes: RouteTable = {
  searchAndReconsileIssuesUsingJql: searchGet,
  searchAndReconsileIssuesUsingJqlPost: searchPost,
  countIssues,
};
