/**
 * Users and permissions: /user, /user/bulk, /user/search, /user/assignable/search, /myself,
 * /mypermissions, /permissions/check.
 */
import type { Caller } from '../../contracts';
import type { UserRecord } from '../model';
import type { RouteContext, RouteTable } from '../context';
import { bodyObject, isObject, json } from '../context';
import { ISSUE_NOT_FOUND, badRequest, forbidden, notFound } from '../errors';
import {
  Access,
  GLOBAL_PERMISSIONS,
  PERMISSION_IDS,
  PROJECT_PERMISSIONS,
  isAssignable,
} from '../permissions';
import { SITE_GROUPS } from '../seed';

const USER_NOT_FOUND = 'Specified user does not exist or you do not have required permissions';

function requireUserBrowsing(ctx: RouteContext): void {
  if (!ctx.access.hasGlobal('USER_PICKER')) {
    throw forbidden('You do not have the permission to browse users and groups.');
  }
}

function refuseUsernames(ctx: RouteContext): void {
  if (ctx.query.has('username') || ctx.query.has('key')) {
    throw badRequest(["The query parameters 'username' and 'key' are not supported in GDPR strict mode."]);
  }
}

function getUser(ctx: RouteContext) {
  refuseUsernames(ctx);
  const accountId = ctx.query.string('accountId');
  if (!accountId) throw badRequest(["The query parameter 'accountId' is required."]);
  requireUserBrowsing(ctx);
  const user = ctx.store.users.get(accountId);
  if (!user) throw notFound(USER_NOT_FOUND);
  return json(200, ctx.rep.fullUser(user), { users: 1 });
}

function bulkGetUsers(ctx: RouteContext) {
  requireUserBrowsing(ctx);
  const accountIds = [...new Set(ctx.query.list('accountId'))];
  if (accountIds.length === 0) throw badRequest(["The query parameter 'accountId' is required."]);
  const startAt = Math.max(0, ctx.query.int('startAt', 0));
  const maxResults = Math.min(Math.max(1, ctx.query.int('maxResults', 10)), 200);
  const users = accountIds.flatMap((id) => {
    const user = ctx.store.users.get(id);
    return user ? [user] : [];
  });
  const values = users.slice(startAt, startAt + maxResults).map((user) => ctx.rep.fullUser(user));
  const isLast = startAt + values.length >= users.length;
  const query = accountIds.map((id) => `accountId=${encodeURIComponent(id)}`).join('&');
  return json(
    200,
    {
      self: ctx.rep.url(`/rest/api/3/user/bulk?${query}&maxResults=${maxResults}&startAt=${startAt}`),
      ...(isLast
        ? {}
        : {
            nextPage: ctx.rep.url(
              `/rest/api/3/user/bulk?${query}&maxResults=${maxResults}&startAt=${startAt + maxResults}`,
            ),
          }),
      maxResults,
      startAt,
      total: users.length,
      isLast,
      values,
    },
    { users: values.length },
  );
}

/**
 * Whether a person matches a user search: every word of the query is a prefix of a word of the
 * display name, case-insensitively (`pat`, `PATH`, `pat pa` all find "Pat Pathway"). The model keeps
 * no email address, so there is none to match.
 */
function matchesUserQuery(user: UserRecord, query: string): boolean {
  const words = user.displayName.toLowerCase().split(/\s+/);
  return query
    .toLowerCase()
    .split(/\s+/)
    .every((part) => words.some((word) => word.startsWith(part)));
}

/** Jira looks at no more than the first thousand matches. */
const USER_SEARCH_LIMIT = 1000;

/** People (never app accounts) matching the query, or exactly the account id, by display name. */
function searchUsers(
  ctx: RouteContext,
  query: string | undefined,
  accountId: string | undefined,
): UserRecord[] {
  return [...ctx.store.users.values()]
    .filter((user) => user.accountType === 'atlassian')
    .filter((user) => (query === undefined ? user.accountId === accountId : matchesUserQuery(user, query)))
    .sort(
      (a, b) =>
        a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' }) ||
        a.accountId.localeCompare(b.accountId),
    )
    .slice(0, USER_SEARCH_LIMIT);
}

/**
 * GET /user/search: people (never app accounts) matching `query` or exactly `accountId`, active and
 * deactivated alike with their `active` flag, as Jira answers, ordered by display name. Without the
 * Browse users and groups permission the answer is empty, not a refusal (the description says so).
 */
function findUsers(ctx: RouteContext) {
  refuseUsernames(ctx);
  if (ctx.query.has('property')) {
    throw badRequest([
      "The query parameter 'property' is not supported by the sandbox's Jira emulator (it keeps no user properties).",
    ]);
  }
  const query = ctx.query.string('query')?.trim() || undefined;
  const accountId = ctx.query.string('accountId') || undefined;
  if (query === undefined && accountId === undefined) {
    throw badRequest(["One of the query parameters 'query', 'accountId' or 'property' is required."]);
  }
  if (query !== undefined && accountId !== undefined) {
    throw badRequest(["The query parameters 'query' and 'accountId' cannot be used together."]);
  }
  if (!ctx.access.hasGlobal('USER_PICKER')) return json(200, [], { users: 0 });
  const startAt = Math.max(0, ctx.query.int('startAt', 0));
  const maxResults = Math.min(Math.max(0, ctx.query.int('maxResults', 50)), USER_SEARCH_LIMIT);
  const matches = searchUsers(ctx, query, accountId);
  const values = matches.slice(startAt, startAt + maxResults).map((user) => ctx.rep.user(user));
  return json(200, values, { users: values.length });
}

/** The project an assignable-user search is about: the issue's, else the project named. */
function assignmentProject(ctx: RouteContext): string {
  const issueKey = ctx.query.string('issueKey');
  const issueId = ctx.query.string('issueId');
  const projectRef = ctx.query.string('project');
  if (issueId !== undefined && !/^\d+$/.test(issueId))
    throw badRequest([`The issue id '${issueId}' is not valid.`]);
  const issueRef = issueKey ?? issueId;
  if (issueRef !== undefined) {
    const issue = ctx.store.findIssue(issueRef);
    if (!issue || !ctx.access.canSeeIssue(issue)) throw notFound(ISSUE_NOT_FOUND);
    return issue.projectId;
  }
  if (projectRef === undefined) {
    throw badRequest(["One of the query parameters 'project', 'issueKey' or 'issueId' is required."]);
  }
  const project = ctx.store.findProject(projectRef);
  if (!project || !ctx.access.canBrowse(project))
    throw notFound(`No project could be found with key '${projectRef}'.`);
  return project.id;
}

/**
 * GET /user/assignable/search: active people holding Assignable User in the project (of the issue).
 * As the description says, the range `startAt`..`startAt + maxResults` is taken from everyone the
 * query matches (up to the thousandth), then narrowed to those who can be assigned, so a page
 * usually holds fewer than `maxResults`. The caller needs Browse users and groups or Assign issues
 * in the project; without either the answer is empty.
 */
function findAssignableUsers(ctx: RouteContext) {
  refuseUsernames(ctx);
  const query = ctx.query.string('query')?.trim() || undefined;
  const accountId = ctx.query.string('accountId') || undefined;
  if (query !== undefined && accountId !== undefined) {
    throw badRequest(["The query parameters 'query' and 'accountId' cannot be used together."]);
  }
  const projectId = assignmentProject(ctx);
  if (query === undefined && accountId === undefined) {
    throw badRequest(["One of the query parameters 'query' or 'accountId' is required."]);
  }
  const transition = ctx.query.string('actionDescriptorId');
  if (transition !== undefined && !ctx.store.transitions.some((candidate) => candidate.id === transition))
    throw notFound(`The transition with id '${transition}' was not found.`);
  if (!ctx.access.hasGlobal('USER_PICKER') && !ctx.access.can('ASSIGN_ISSUES', projectId))
    return json(200, [], { users: 0 });
  const startAt = Math.max(0, ctx.query.int('startAt', 0));
  const maxResults = Math.max(0, ctx.query.int('maxResults', 50));
  const range = searchUsers(ctx, query, accountId).slice(startAt, startAt + maxResults);
  const values = range
    .filter((user) => isAssignable(ctx.store, user, projectId))
    .map((user) => ctx.rep.user(user));
  return json(200, values, { users: values.length });
}

function getCurrentUser(ctx: RouteContext) {
  const user = ctx.store.users.get(ctx.access.accountId);
  if (!user) throw notFound(USER_NOT_FOUND);
  return json(200, ctx.rep.fullUser(user), { users: 1 });
}

function unknownPermissions(keys: string[]): Record<string, string> {
  return Object.fromEntries(
    keys
      .filter((key) => !(key in GLOBAL_PERMISSIONS) && !(key in PROJECT_PERMISSIONS))
      .map((key) => [key, 'Unrecognized permission']),
  );
}

/**
 * With a project or issue, project permissions are answered for it; without one, a project
 * permission counts as held when it is held in at least one project (Jira's rule).
 */
function getMyPermissions(ctx: RouteContext) {
  const keys = ctx.query.list('permissions');
  if (keys.length === 0) throw badRequest(["The 'permissions' query parameter is required."]);
  const unknown = unknownPermissions(keys);
  if (Object.keys(unknown).length > 0) throw badRequest([], unknown);

  let projectId: string | undefined;
  const issueRef = ctx.query.string('issueId') ?? ctx.query.string('issueKey');
  const projectRef = ctx.query.string('projectId') ?? ctx.query.string('projectKey');
  if (issueRef !== undefined) {
    const issue = ctx.store.findIssue(issueRef);
    if (!issue || !ctx.access.canSeeIssue(issue)) throw notFound(ISSUE_NOT_FOUND);
    projectId = issue.projectId;
  } else if (projectRef !== undefined) {
    const project = ctx.store.findProject(projectRef);
    if (!project || !ctx.access.canBrowse(project))
      throw notFound(`No project could be found with key '${projectRef}'.`);
    projectId = project.id;
  }

  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const global = key in GLOBAL_PERMISSIONS;
    const havePermission = global
      ? ctx.access.hasGlobal(key)
      : projectId !== undefined
        ? ctx.access.can(key, projectId)
        : ctx.access.holdsAnywhere(key);
    permissions[key] = {
      id: PERMISSION_IDS[key],
      key,
      name: GLOBAL_PERMISSIONS[key] ?? PROJECT_PERMISSIONS[key],
      type: global ? 'GLOBAL' : 'PROJECT',
      description: `Ability to ${(GLOBAL_PERMISSIONS[key] ?? PROJECT_PERMISSIONS[key] ?? key).toLowerCase()}.`,
      havePermission,
    };
  }
  return json(200, { permissions });
}

function getBulkPermissions(ctx: RouteContext) {
  const body = bodyObject(ctx);
  const accountId = typeof body['accountId'] === 'string' ? body['accountId'] : undefined;
  if (accountId !== undefined && accountId !== ctx.access.accountId && !ctx.access.isAdmin) {
    throw forbidden('You must be a Jira administrator to check the permissions of other users.');
  }
  if (accountId !== undefined && !ctx.store.users.has(accountId)) {
    throw badRequest([`The user with account ID '${accountId}' does not exist.`]);
  }
  const subject =
    accountId === undefined || accountId === ctx.access.accountId
      ? ctx.access
      : new Access(ctx.store, { kind: 'user', accountId, viaApp: false } satisfies Caller, {
          authenticate: false,
        });
  const globalRequested = Array.isArray(body['globalPermissions'])
    ? body['globalPermissions'].map(String)
    : [];
  const projectRequests = Array.isArray(body['projectPermissions'])
    ? body['projectPermissions'].filter(isObject)
    : [];
  const projectKeys = projectRequests.flatMap((request) =>
    Array.isArray(request['permissions']) ? request['permissions'].map(String) : [],
  );
  const unknown = unknownPermissions([...globalRequested, ...projectKeys]);
  if (Object.keys(unknown).length > 0) throw badRequest([], unknown);
  if (
    projectRequests.some(
      (request) => !Array.isArray(request['permissions']) || request['permissions'].length === 0,
    )
  ) {
    throw badRequest(['At least one project permission must be provided for each projectPermissions entry.']);
  }

  // Jira checks at most 1,000 (valid) projects and 1,000 (valid) issues in one request.
  const valid = (ids: unknown, known: (id: string) => boolean) =>
    new Set(Array.isArray(ids) ? ids.map(String).filter(known) : []);
  const validProjects = new Set(
    projectRequests.flatMap((r) => [...valid(r['projects'], (id) => ctx.store.projects.has(id))]),
  );
  const validIssues = new Set(
    projectRequests.flatMap((r) => [...valid(r['issues'], (id) => ctx.store.issues.has(id))]),
  );
  if (validProjects.size > 1000 || validIssues.size > 1000) {
    throw badRequest(['You can check at most 1000 projects and 1000 issues in one request.']);
  }
  const grants = new Map<string, { projects: Set<number>; issues: Set<number> }>();
  for (const request of projectRequests) {
    const projects = Array.isArray(request['projects']) ? request['projects'].map(String) : [];
    const issues = Array.isArray(request['issues']) ? request['issues'].map(String) : [];
    for (const permission of (request['permissions'] as unknown[]).map(String)) {
      const grant = grants.get(permission) ?? { projects: new Set<number>(), issues: new Set<number>() };
      for (const id of projects) {
        if (ctx.store.projects.has(id) && subject.can(permission, id)) grant.projects.add(Number(id));
      }
      for (const id of issues) {
        const issue = ctx.store.issues.get(id);
        // An issue whose security level leaves the person out grants them nothing on it.
        if (issue && subject.can(permission, issue.projectId) && subject.canSeeIssue(issue))
          grant.issues.add(Number(id));
      }
      grants.set(permission, grant);
    }
  }
  return json(200, {
    globalPermissions: globalRequested.filter((key) => subject.hasGlobal(key)),
    projectPermissions: [...grants.entries()].map(([permission, grant]) => ({
      permission,
      projects: [...grant.projects],
      issues: [...grant.issues],
    })),
  });
}

type SiteGroup = (typeof SITE_GROUPS)[number];

function groupRef(ctx: RouteContext, group: SiteGroup) {
  return {
    name: group.name,
    groupId: group.groupId,
    self: ctx.rep.url(`/rest/api/3/group?groupId=${group.groupId}`),
  };
}

/** GET /user/groups: the groups a person belongs to (Browse users and groups permission). */
function getUserGroups(ctx: RouteContext) {
  refuseUsernames(ctx);
  const accountId = ctx.query.string('accountId');
  if (!accountId) throw badRequest(["The query parameter 'accountId' is required."]);
  requireUserBrowsing(ctx);
  if (!ctx.store.users.has(accountId)) throw notFound(USER_NOT_FOUND);
  const groups = SITE_GROUPS.filter((group) => group.members.includes(accountId));
  return json(
    200,
    groups.map((group) => groupRef(ctx, group)),
    { users: 1 },
  );
}

/**
 * GET /groups/picker: groups whose name contains the query, case-insensitively, by name, with the
 * match in bold in `html` as Jira answers. Without Browse users and groups the list is empty.
 */
function findGroups(ctx: RouteContext) {
  const query = (ctx.query.string('query') ?? '').trim().toLowerCase();
  const maxResults = Math.max(0, ctx.query.int('maxResults', 20));
  const matching = ctx.access.hasGlobal('USER_PICKER')
    ? SITE_GROUPS.filter((group) => group.name.toLowerCase().includes(query)).sort((a, b) =>
        a.name.localeCompare(b.name),
      )
    : [];
  const shown = matching.slice(0, maxResults);
  const bold = (name: string) => {
    const at = name.toLowerCase().indexOf(query);
    return query === '' || at < 0
      ? name
      : `${name.slice(0, at)}<b>${name.slice(at, at + query.length)}</b>${name.slice(at + query.length)}`;
  };
  return json(200, {
    header: `Showing ${shown.length} of ${matching.length} matching groups`,
    total: matching.length,
    groups: shown.map((group) => ({
      name: group.name,
      groupId: group.groupId,
      html: bold(group.name),
      labels: [],
    })),
  });
}

/** GET /group/bulk: groups by id or name (Browse users and groups permission). */
function bulkGetGroups(ctx: RouteContext) {
  requireUserBrowsing(ctx);
  const ids = ctx.query.list('groupId');
  const names = ctx.query.list('groupName');
  const startAt = Math.max(0, ctx.query.int('startAt', 0));
  const maxResults = Math.min(Math.max(1, ctx.query.int('maxResults', 50)), 50);
  const found = SITE_GROUPS.filter(
    (group) =>
      (ids.length === 0 && names.length === 0) || ids.includes(group.groupId) || names.includes(group.name),
  );
  const values = found.slice(startAt, startAt + maxResults).map((group) => ({
    name: group.name,
    groupId: group.groupId,
  }));
  return json(200, {
    self: ctx.rep.url(`/rest/api/3/group/bulk?startAt=${startAt}&maxResults=${maxResults}`),
    maxResults,
    startAt,
    total: found.length,
    isLast: startAt + values.length >= found.length,
    values,
  });
}

export const peopleRoutes: RouteTable = {
  getUserGroups,
  findGroups,
  bulkGetGroups,
  getUser,
  bulkGetUsers,
  findUsers,
  findAssignableUsers,
  getCurrentUser,
  getMyPermissions,
  getBulkPermissions,
};
