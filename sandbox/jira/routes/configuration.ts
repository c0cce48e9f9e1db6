/**
 * Site configuration the app reads and extends on install: issue types, issue type schemes and
 * projects. Creating an issue type adds it to the default scheme only, as Jira does; a
 * company-managed project sees it once it is added to that project's own scheme.
 */
import type { RouteContext, RouteTable } from '../context';
import { bodyObject, empty, json } from '../context';
import { ADMIN_REQUIRED, JiraError, badRequest, forbidden, notFound } from '../errors';
import type { IssueTypeRecord, ProjectRecord } from '../model';

const MAX_ISSUE_TYPE_NAME = 60;

function visibleTypes(ctx: RouteContext): IssueTypeRecord[] {
  return [...ctx.store.issueTypes.values()].filter(
    (type) => type.scopeProjectId === undefined || ctx.access.canBrowse(type.scopeProjectId),
  );
}

function getIssueAllTypes(ctx: RouteContext) {
  return json(
    200,
    visibleTypes(ctx).map((type) => ctx.rep.issueType(type)),
  );
}

function getIssueType(ctx: RouteContext) {
  const id = ctx.params['id'] ?? '';
  const type = visibleTypes(ctx).find((candidate) => candidate.id === id);
  if (!type) throw notFound(`Issue type with ID '${id}' was not found.`);
  return json(200, ctx.rep.issueType(type));
}

function createIssueType(ctx: RouteContext) {
  if (!ctx.access.isAdmin) throw forbidden(ADMIN_REQUIRED);
  const body = bodyObject(ctx);
  const name = String(body['name'] ?? '').trim();
  if (name === '') throw badRequest([], { name: 'The issue type name must be specified.' });
  if (name.length > MAX_ISSUE_TYPE_NAME) {
    throw badRequest([], { name: `The issue type name must not exceed ${MAX_ISSUE_TYPE_NAME} characters.` });
  }
  const requestedLevel = typeof body['hierarchyLevel'] === 'number' ? body['hierarchyLevel'] : undefined;
  const level = requestedLevel ?? (body['type'] === 'subtask' ? -1 : 0);
  if (level !== 0 && level !== -1)
    throw badRequest([], { hierarchyLevel: 'The hierarchy level must be 0 or -1.' });
  if (
    requestedLevel !== undefined &&
    body['type'] !== undefined &&
    (body['type'] === 'subtask') !== (level === -1)
  ) {
    throw badRequest([], { hierarchyLevel: "The hierarchy level does not match the issue type's type." });
  }
  const taken = [...ctx.store.issueTypes.values()].some(
    (type) => type.scopeProjectId === undefined && type.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken) throw new JiraError(409, ['An issue type with this name already exists.']);
  const id = ctx.store.nextId('issueType');
  const type: IssueTypeRecord = {
    id,
    name,
    description: typeof body['description'] === 'string' ? body['description'] : '',
    hierarchyLevel: level,
    avatarId: level === -1 ? 10316 : 10318,
    entityId: `6a7c3f1e-2b4d-4e8f-9a1b-${id.padStart(12, '0')}`,
  };
  ctx.store.issueTypes.set(id, type);
  ctx.store.defaultScheme().issueTypeIds.push(id);
  return json(201, ctx.rep.issueType(type));
}

function browsableProject(ctx: RouteContext, idOrKey: string): ProjectRecord {
  const project = ctx.store.findProject(idOrKey);
  if (!project || !ctx.access.canBrowse(project)) {
    throw notFound(`No project could be found with ${/^\d+$/.test(idOrKey) ? 'id' : 'key'} '${idOrKey}'.`);
  }
  return project;
}

function getIssueTypesForProject(ctx: RouteContext) {
  const project = browsableProject(ctx, ctx.query.string('projectId') ?? '');
  const level = ctx.query.has('level') ? ctx.query.int('level', 0) : undefined;
  const types = ctx.store
    .projectIssueTypes(project)
    .filter((type) => level === undefined || type.hierarchyLevel === level);
  return json(
    200,
    types.map((type) => ctx.rep.issueType(type)),
  );
}

function requireSchemeAdmin(ctx: RouteContext): void {
  if (!ctx.access.isAdmin) throw forbidden('Only Jira administrators can access issue type schemes.');
}

/** Team-managed projects have no issue type scheme and are left out, as in Jira. */
function getIssueTypeSchemeForProjects(ctx: RouteContext) {
  requireSchemeAdmin(ctx);
  const startAt = Math.max(0, ctx.query.int('startAt', 0));
  const maxResults = Math.min(Math.max(1, ctx.query.int('maxResults', 50)), 50);
  const bySchemeId = new Map<string, string[]>();
  for (const projectId of new Set(ctx.query.list('projectId'))) {
    const schemeId = ctx.store.projects.get(projectId)?.issueTypeSchemeId;
    if (schemeId) bySchemeId.set(schemeId, [...(bySchemeId.get(schemeId) ?? []), projectId]);
  }
  const all = [...bySchemeId.entries()].flatMap(([schemeId, projectIds]) => {
    const scheme = ctx.store.schemes.get(schemeId);
    if (!scheme) return [];
    return [
      {
        issueTypeScheme: {
          id: scheme.id,
          name: scheme.name,
          isDefault: scheme.isDefault,
          ...(scheme.defaultIssueTypeId ? { defaultIssueTypeId: scheme.defaultIssueTypeId } : {}),
        },
        projectIds,
      },
    ];
  });
  const values = all.slice(startAt, startAt + maxResults);
  return json(200, {
    maxResults,
    startAt,
    total: all.length,
    isLast: startAt + values.length >= all.length,
    values,
  });
}

/** If any of the types is already in the scheme, nothing is added (Jira's documented rule). */
function addIssueTypesToIssueTypeScheme(ctx: RouteContext) {
  requireSchemeAdmin(ctx);
  const scheme = ctx.store.schemes.get(ctx.params['issueTypeSchemeId'] ?? '');
  if (!scheme) throw notFound('The issue type scheme was not found.');
  const raw = bodyObject(ctx)['issueTypeIds'];
  const ids = Array.isArray(raw) ? raw.map(String) : [];
  if (ids.length === 0) throw badRequest(['The issueTypeIds must not be empty.']);
  if (new Set(ids).size !== ids.length) throw badRequest(['The issueTypeIds must not contain duplicates.']);
  const missing = ids.filter((id) => {
    const type = ctx.store.issueTypes.get(id);
    return !type || type.scopeProjectId !== undefined;
  });
  if (missing.length > 0) throw notFound(`These issue types were not found: ${missing.join(', ')}`);
  const present = ids.filter((id) => scheme.issueTypeIds.includes(id));
  if (present.length > 0) {
    throw badRequest([
      `These issue types were not added because they are already present in the issue type scheme: ${present.join(', ')}`,
    ]);
  }
  scheme.issueTypeIds.push(...ids);
  return empty(204);
}

/** What GET /project/{key} includes whatever `expand` says (its description: "included in all responses by default"). */
const PROJECT_DEFAULT_EXPAND = ['description', 'lead', 'issueTypes'];

function getProject(ctx: RouteContext) {
  const project = browsableProject(ctx, ctx.params['projectIdOrKey'] ?? '');
  const expand = new Set([...PROJECT_DEFAULT_EXPAND, ...ctx.query.list('expand')]);
  return json(200, ctx.rep.project(project, expand, ctx.access.can('ADMINISTER_PROJECTS', project.id)), {
    projects: 1,
  });
}

const ACTION_PERMISSION: Record<string, string> = {
  view: 'BROWSE_PROJECTS',
  browse: 'BROWSE_PROJECTS',
  edit: 'ADMINISTER_PROJECTS',
  create: 'CREATE_ISSUES',
};

function searchProjects(ctx: RouteContext) {
  const startAt = Math.max(0, ctx.query.int('startAt', 0));
  const maxResults = Math.min(Math.max(1, ctx.query.int('maxResults', 50)), 100);
  const permission = ACTION_PERMISSION[ctx.query.string('action') ?? 'view'] ?? 'BROWSE_PROJECTS';
  const ids = new Set(ctx.query.list('id'));
  const keys = new Set(ctx.query.list('keys'));
  const text = ctx.query.string('query')?.toLowerCase();
  const typeKey = ctx.query.string('typeKey');
  const orderBy = ctx.query.string('orderBy') ?? 'key';
  const descending = orderBy.startsWith('-');
  const sortField = orderBy.replace(/^[+-]/, '') === 'name' ? 'name' : 'key';
  const matches = [...ctx.store.projects.values()]
    .filter((project) => ctx.access.can(permission, project.id))
    .filter((project) => ids.size === 0 || ids.has(project.id))
    .filter((project) => keys.size === 0 || keys.has(project.key))
    .filter(
      (project) =>
        !text || project.key.toLowerCase().includes(text) || project.name.toLowerCase().includes(text),
    )
    // Every emulated project is a software project.
    .filter(() => !typeKey || typeKey.split(',').includes('software'))
    .sort((a, b) => (descending ? -1 : 1) * a[sortField].localeCompare(b[sortField]));
  const expand = new Set(ctx.query.list('expand'));
  const values = matches
    .slice(startAt, startAt + maxResults)
    .map((project) => ctx.rep.project(project, expand));
  const isLast = startAt + values.length >= matches.length;
  const self = `/rest/api/3/project/search?maxResults=${maxResults}&startAt=${startAt}`;
  return json(
    200,
    {
      self: ctx.rep.url(self),
      ...(isLast
        ? {}
        : {
            nextPage: ctx.rep.url(
              `/rest/api/3/project/search?maxResults=${maxResults}&startAt=${startAt + maxResults}`,
            ),
          }),
      maxResults,
      startAt,
      total: matches.length,
      isLast,
      values,
    },
    { projects: values.length },
  );
}

export const configurationRoutes: RouteTable = {
  getIssueAllTypes,
  getIssueType,
  createIssueType,
  getIssueTypesForProject,
  getIssueTypeSchemeForProjects,
  addIssueTypesToIssueTypeScheme,
  getProject,
  searchProjects,
};
