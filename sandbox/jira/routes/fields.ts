/**
 * GET /field, GET /field/search, the Forge custom field value API (/app/field/{fieldIdOrKey}/value and
 * /app/field/value), and GET /serverInfo.
 */
import type { RouteContext, RouteTable } from '../context';
import { bodyObject, empty, isObject, json, pageUrl } from '../context';
import { formatJiraDateTime } from '../dates';
import { ADMIN_REQUIRED, JiraError, badRequest, forbidden, notFound } from '../errors';
import { isFieldProblem, parseCustomValue } from '../field-input';
import { recordUpdate, setCustomField } from '../issue-writes';
import type { ChangeItem, FieldRecord, IssueRecord } from '../model';

function getFields(ctx: RouteContext) {
  const fields = [...ctx.store.fields.values()].map((field) => ({
    id: field.id,
    key: field.key,
    name: field.name,
    custom: field.custom,
    orderable: field.orderable,
    navigable: field.navigable,
    searchable: field.searchable,
    clauseNames: field.clauseNames,
    schema: field.schema,
  }));
  return json(200, fields);
}

/** `orderBy` values the emulator can sort by: it keeps no usage counts or last-used dates. */
const FIELD_ORDERS: Record<string, number> = { name: 1, '+name': 1, '-name': -1 };

/**
 * GET /field/search (Administer Jira, as its documented 403 says): fields by `type`, `id`, and a
 * case-insensitive part of the name (`query`; the emulated fields have no description), a page at a
 * time. `projectIds` narrows nothing: every emulated field is in every project. `expand=key` adds
 * the key, `isLocked` whether an app owns the field (Forge fields are locked), `lastUsed` says the
 * emulator tracks no use. Ordering by a usage count or date is refused: none is kept.
 */
function getFieldsPaginated(ctx: RouteContext) {
  if (!ctx.access.isAdmin) throw forbidden(ADMIN_REQUIRED);
  const orderBy = ctx.query.string('orderBy');
  if (orderBy !== undefined && !(orderBy in FIELD_ORDERS)) {
    throw badRequest([
      `The sandbox's Jira emulator does not order fields by ${orderBy}: it keeps no usage counts or dates (order by name instead).`,
    ]);
  }
  const types = new Set(ctx.query.list('type'));
  const ids = new Set(ctx.query.list('id'));
  const text = ctx.query.string('query')?.toLowerCase();
  const expand = new Set(ctx.query.list('expand'));
  const startAt = Math.max(0, ctx.query.int('startAt', 0));
  const maxResults = Math.max(1, ctx.query.int('maxResults', 50));
  const direction = orderBy === undefined ? 0 : (FIELD_ORDERS[orderBy] ?? 0);
  const matches = [...ctx.store.fields.values()]
    .filter((field) => types.size === 0 || types.has(field.custom ? 'custom' : 'system'))
    .filter((field) => ids.size === 0 || ids.has(field.id))
    .filter((field) => !text || field.name.toLowerCase().includes(text))
    .sort((a, b) => direction * a.name.localeCompare(b.name));
  const values = matches.slice(startAt, startAt + maxResults).map((field) => ({
    id: field.id,
    name: field.name,
    schema: { ...field.schema },
    ...(expand.has('key') ? { key: field.key } : {}),
    ...(expand.has('isLocked') ? { isLocked: field.appModuleKey !== undefined } : {}),
    ...(expand.has('lastUsed') ? { lastUsed: { type: 'NOT_TRACKED' } } : {}),
  }));
  const isLast = startAt + values.length >= matches.length;
  const page = (at: number): string => pageUrl(ctx, '/rest/api/3/field/search', at, maxResults);
  return json(200, {
    self: page(startAt),
    ...(isLast ? {} : { nextPage: page(startAt + maxResults) }),
    maxResults,
    startAt,
    total: matches.length,
    isLast,
    values,
  });
}

/** The app's field by id (`customfield_10040`), Forge key (`.../static/readiness-field`) or module key. */
function appField(ctx: RouteContext, reference: string): FieldRecord {
  const field = [...ctx.store.fields.values()].find(
    (candidate) =>
      candidate.id === reference ||
      candidate.schema.custom === reference ||
      (candidate.appModuleKey !== undefined && candidate.appModuleKey === reference),
  );
  if (!field) throw notFound('The custom field was not found.');
  if (!field.appModuleKey)
    throw forbidden('Only the app that provides the custom field can update its value.');
  return field;
}

interface PlannedUpdate {
  field: FieldRecord;
  issues: IssueRecord[];
  value: unknown;
}

/** Forge's rule: the value must match the field type (a user is `{accountId}`). */
function planUpdate(ctx: RouteContext, field: FieldRecord, issueIds: unknown, value: unknown): PlannedUpdate {
  const ids = Array.isArray(issueIds) ? issueIds.map(String) : [];
  if (ids.length === 0) throw badRequest(['issueIds must list at least one issue.']);
  const issues = ids.map((id) => {
    const issue = ctx.store.issues.get(id);
    if (!issue) throw badRequest([`Issue with id '${id}' does not exist.`]);
    return issue;
  });
  try {
    return { field, issues, value: parseCustomValue(ctx, field, value) };
  } catch (error) {
    if (isFieldProblem(error))
      throw badRequest([`Invalid value for ${field.name} (${field.id}): ${error.message}`]);
    throw error;
  }
}

function applyUpdates(ctx: RouteContext, plans: PlannedUpdate[]) {
  const generateChangelog = ctx.query.bool('generateChangelog', true);
  const itemsByIssue = new Map<IssueRecord, ChangeItem[]>();
  for (const plan of plans) {
    for (const issue of plan.issues) {
      const items = setCustomField(ctx, issue, plan.field.id, plan.value);
      itemsByIssue.set(issue, [...(itemsByIssue.get(issue) ?? []), ...items]);
    }
  }
  for (const [issue, items] of itemsByIssue) {
    if (generateChangelog) recordUpdate(ctx, issue, items);
    else if (items.length > 0) issue.updated = ctx.now.getTime();
  }
  return empty(204);
}

function requireApp(ctx: RouteContext): void {
  if (!ctx.caller.viaApp) throw new JiraError(403, ['Only apps can access this resource.']);
}

function updateCustomFieldValue(ctx: RouteContext) {
  requireApp(ctx);
  const field = appField(ctx, ctx.params['fieldIdOrKey'] ?? '');
  const updates = bodyObject(ctx)['updates'];
  const plans = (Array.isArray(updates) ? updates : [])
    .filter(isObject)
    .map((update) => planUpdate(ctx, field, update['issueIds'], update['value']));
  return applyUpdates(ctx, plans);
}

function updateMultipleCustomFieldValues(ctx: RouteContext) {
  requireApp(ctx);
  const updates = bodyObject(ctx)['updates'];
  const plans = (Array.isArray(updates) ? updates : [])
    .filter(isObject)
    .map((update) =>
      planUpdate(ctx, appField(ctx, String(update['customField'])), update['issueIds'], update['value']),
    );
  return applyUpdates(ctx, plans);
}

const BUILD_DATE = Date.UTC(2026, 10, 1);

function getServerInfo(ctx: RouteContext) {
  return json(200, {
    baseUrl: ctx.rep.baseUrl,
    displayUrl: ctx.rep.baseUrl,
    displayUrlServicedeskHelpCenter: ctx.rep.baseUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100300,
    buildDate: formatJiraDateTime(BUILD_DATE),
    serverTime: ctx.rep.dateTime(ctx.now.getTime()),
    scmInfo: 'pilot-pathway-sandbox',
    serverTitle: 'Jira (Pilot Pathway sandbox)',
    serverTimeZone: 'Etc/UTC',
  });
}

export const fieldRoutes: RouteTable = {
  getFields,
  getFieldsPaginated,
  updateCustomFieldValue,
  updateMultipleCustomFieldValues,
  getServerInfo,
};
