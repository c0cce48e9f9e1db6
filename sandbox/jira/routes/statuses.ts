/**
 * Statuses and status categories: GET /status, /status/{idOrName}, /statuscategory,
 * /statuscategory/{idOrKey} (the classic API, StatusDetails) and GET /statuses, /statuses/search
 * (the workflow API, JiraStatus). Every emulated project runs the one simplified workflow, so its
 * statuses are global (`scope.type: GLOBAL`) and no project has statuses of its own.
 */
import type { RouteContext, RouteTable } from '../context';
import { json, pageUrl } from '../context';
import { JiraError, badRequest, notFound } from '../errors';
import type { StatusCategoryKey, StatusRecord } from '../model';

/** Jira's fourth category, which no status of the simplified workflow uses. */
const NO_CATEGORY = { id: 1, key: 'undefined', colorName: 'medium-gray', name: 'No Category' };

/** The workflow API names categories by these constants instead of keys. */
const CATEGORY_CONSTANTS: Record<StatusCategoryKey, 'TODO' | 'IN_PROGRESS' | 'DONE'> = {
  new: 'TODO',
  indeterminate: 'IN_PROGRESS',
  done: 'DONE',
};

/** GET /statuses takes 1 to 50 ids (the description's "Min items 1, Max items 50"). */
const MAX_STATUS_IDS = 50;
const STATUS_SEARCH_DEFAULT_PAGE = 200;

/**
 * The classic API answers the statuses of workflows in projects the caller may browse: here every
 * project uses every status, so a caller who can browse one project sees them all.
 */
function browsableStatuses(ctx: RouteContext): StatusRecord[] {
  const browsesAny = [...ctx.store.projects.values()].some((project) => ctx.access.canBrowse(project));
  return browsesAny ? [...ctx.store.statuses.values()] : [];
}

function getStatuses(ctx: RouteContext) {
  return json(
    200,
    browsableStatuses(ctx).map((status) => ctx.rep.status(status)),
  );
}

/** By id, else the first status with that name (case-insensitively), as the description says. */
function getStatus(ctx: RouteContext) {
  const idOrName = ctx.params['idOrName'] ?? '';
  const statuses = browsableStatuses(ctx);
  const status =
    statuses.find((candidate) => candidate.id === idOrName) ??
    statuses.find((candidate) => candidate.name.toLowerCase() === idOrName.toLowerCase());
  if (!status) throw notFound(`The status with id '${idOrName}' does not exist.`);
  return json(200, ctx.rep.status(status));
}

function statusCategories(ctx: RouteContext) {
  return [
    {
      ...NO_CATEGORY,
      self: ctx.rep.url(`/rest/api/3/statuscategory/${NO_CATEGORY.id}`),
    },
    ...[...ctx.store.statusCategories.values()].map((category) => ctx.rep.statusCategory(category.key)),
  ].sort((a, b) => Number(a['id']) - Number(b['id']));
}

function getStatusCategories(ctx: RouteContext) {
  return json(200, statusCategories(ctx));
}

function getStatusCategory(ctx: RouteContext) {
  const idOrKey = ctx.params['idOrKey'] ?? '';
  const category = statusCategories(ctx).find(
    (candidate) => String(candidate['id']) === idOrKey || candidate['key'] === idOrKey,
  );
  if (!category) throw notFound(`The status category with id or key '${idOrKey}' does not exist.`);
  return json(200, category);
}

/**
 * The workflow API needs Administer projects (in some project) or Administer Jira; its description
 * answers 401 to a caller without them.
 */
function requireWorkflowAdmin(ctx: RouteContext): void {
  if (!ctx.access.isAdmin && !ctx.access.holdsAnywhere('ADMINISTER_PROJECTS')) {
    throw new JiraError(401, [
      'You must have the Administer projects or Administer Jira permission to read statuses.',
    ]);
  }
}

function jiraStatus(status: StatusRecord) {
  return {
    id: status.id,
    name: status.name,
    description: status.description,
    statusCategory: CATEGORY_CONSTANTS[status.categoryKey],
    scope: { type: 'GLOBAL' },
  };
}

/** Unknown ids are left out of the answer, as Jira leaves them out. */
function getStatusesById(ctx: RouteContext) {
  requireWorkflowAdmin(ctx);
  const ids = [...new Set(ctx.query.list('id'))];
  if (ids.length === 0) throw badRequest(["The query parameter 'id' must name at least one status."]);
  if (ids.length > MAX_STATUS_IDS)
    throw badRequest([`At most ${MAX_STATUS_IDS} status ids can be requested; ${ids.length} were.`]);
  return json(
    200,
    ids.flatMap((id) => {
      const status = ctx.store.statuses.get(id);
      return status ? [jiraStatus(status)] : [];
    }),
  );
}

function categoryFilter(value: string | undefined): StatusCategoryKey | undefined {
  if (value === undefined) return undefined;
  const key = (Object.keys(CATEGORY_CONSTANTS) as StatusCategoryKey[]).find(
    (candidate) => CATEGORY_CONSTANTS[candidate] === value,
  );
  if (!key)
    throw badRequest([`The status category '${value}' is not valid. Use one of TODO, IN_PROGRESS, DONE.`]);
  return key;
}

/**
 * GET /statuses/search: global statuses, or with `projectId` the statuses of that project's own
 * (none here: every emulated project uses the global statuses), filtered by name and category.
 */
function searchStatuses(ctx: RouteContext) {
  requireWorkflowAdmin(ctx);
  const projectId = ctx.query.string('projectId');
  if (projectId !== undefined && !ctx.store.projects.has(projectId))
    throw badRequest([`The project with id '${projectId}' was not found.`]);
  const category = categoryFilter(ctx.query.string('statusCategory'));
  const text = ctx.query.string('searchString')?.toLowerCase() ?? '';
  const startAt = Math.max(0, ctx.query.int('startAt', 0));
  const maxResults = Math.max(1, ctx.query.int('maxResults', STATUS_SEARCH_DEFAULT_PAGE));
  const matches =
    projectId !== undefined
      ? []
      : [...ctx.store.statuses.values()]
          .filter((status) => category === undefined || status.categoryKey === category)
          .filter((status) => status.name.toLowerCase().includes(text));
  const values = matches.slice(startAt, startAt + maxResults).map(jiraStatus);
  const isLast = startAt + values.length >= matches.length;
  const page = (at: number): string => pageUrl(ctx, '/rest/api/3/statuses/search', at, maxResults);
  return json(200, {
    self: page(startAt),
    ...(isLast ? {} : { nextPage: page(startAt + maxResults) }),
    startAt,
    maxResults,
    total: matches.length,
    isLast,
    values,
  });
}

export const statusRoutes: RouteTable = {
  getStatuses,
  getStatus,
  getStatusCategories,
  getStatusCategory,
  getStatusesById,
  search: searchStatuses,
};
