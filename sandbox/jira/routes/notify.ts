/**
 * POST /rest/api/3/issue/{issueIdOrKey}/notify: an email notification about an issue, queued for
 * the people `to` names (reporter, assignee, watchers, voters, users, groups), narrowed by
 * `restrict` (group membership, permissions). The emulator keeps what it sent for
 * `GET /__sandbox/notifications` instead of mailing anyone.
 *
 * Jira's documented refusals are 400s: a recipient that cannot be resolved (the reporter or
 * assignee asked for on an issue without one, an unknown account or group), a request that names no
 * recipient, and a request whose only recipient is the caller. Recipients Jira would not mail are
 * dropped silently, as Jira's notifications never reach them: deactivated people, app accounts, the
 * caller, and anyone who cannot browse the issue (sandbox/jira/README.md).
 */
import type { RouteContext, RouteTable } from '../context';
import { bodyObject, empty, isObject } from '../context';
import { badRequest } from '../errors';
import type { IssueRecord } from '../model';
import { reachable, watchersOf } from '../notifications';
import { Access, PERMISSION_IDS, PROJECT_PERMISSIONS } from '../permissions';
import { SITE_GROUPS } from '../seed';
import { visibleIssue } from './issues';

/** Permission keys Jira still accepts under their old names (Atlassian's own example uses BROWSE). */
const LEGACY_PERMISSION_KEYS: Record<string, string> = { BROWSE: 'BROWSE_PROJECTS' };

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The members of the groups named by `{name}` / `{groupId}` objects and bare group ids. */
function groupMembers(refs: unknown[], groupIds: unknown[], problems: string[]): Set<string> {
  const members = new Set<string>();
  const find = (ref: { name?: unknown; groupId?: unknown }) =>
    SITE_GROUPS.find((group) =>
      typeof ref.groupId === 'string' ? group.groupId === ref.groupId : group.name === ref.name,
    );
  const named: Record<string, unknown>[] = [
    ...refs.filter(isObject),
    ...groupIds.map((groupId) => ({ groupId })),
  ];
  for (const ref of named) {
    const group = find(ref);
    if (group) for (const member of group.members) members.add(member);
    else problems.push(`Group '${String(ref['groupId'] ?? ref['name'])}' does not exist.`);
  }
  return members;
}

/** Everyone `to` names, before Jira drops those it does not mail; the problems found on the way. */
function namedRecipients(ctx: RouteContext, issue: IssueRecord, to: Record<string, unknown>) {
  const problems: string[] = [];
  const named = new Set<string>();
  const add = (ids: Iterable<string>) => {
    for (const id of ids) named.add(id);
  };
  if (to['reporter'] === true) {
    if (issue.reporterId) named.add(issue.reporterId);
    else problems.push(`The issue ${issue.key} has no reporter to notify.`);
  }
  if (to['assignee'] === true) {
    if (issue.assigneeId) named.add(issue.assigneeId);
    else problems.push(`The issue ${issue.key} is unassigned: there is no assignee to notify.`);
  }
  if (to['watchers'] === true) add(watchersOf(issue));
  // `voters`: nobody votes on the emulated site.
  for (const user of list(to['users'])) {
    const accountId = isObject(user) ? user['accountId'] : undefined;
    if (typeof accountId === 'string' && ctx.store.users.has(accountId)) named.add(accountId);
    else problems.push(`The user with account ID '${String(accountId)}' does not exist.`);
  }
  add(groupMembers(list(to['groups']), list(to['groupIds']), problems));
  const asksForSomeone =
    ['reporter', 'assignee', 'watchers', 'voters'].some((flag) => to[flag] === true) ||
    ['users', 'groups', 'groupIds'].some((key) => list(to[key]).length > 0);
  if (!asksForSomeone) problems.push('The notification has no recipients: set "to".');
  return { named, problems };
}

/** `restrict`: only members of one of its groups, holding every one of its permissions on the issue. */
function restriction(ctx: RouteContext, issue: IssueRecord, restrict: Record<string, unknown>) {
  const problems: string[] = [];
  const groupRefs = list(restrict['groups']);
  const groupIds = list(restrict['groupIds']);
  const inGroups =
    groupRefs.length + groupIds.length > 0 ? groupMembers(groupRefs, groupIds, problems) : undefined;
  const permissions: string[] = [];
  for (const permission of list(restrict['permissions']).filter(isObject)) {
    const byId = Object.entries(PERMISSION_IDS).find(([, id]) => id === permission['id'])?.[0];
    const raw = typeof permission['key'] === 'string' ? permission['key'] : byId;
    const key = raw === undefined ? undefined : (LEGACY_PERMISSION_KEYS[raw] ?? raw);
    if (key !== undefined && key in PROJECT_PERMISSIONS) permissions.push(key);
    else problems.push(`The permission '${String(permission['key'] ?? permission['id'])}' does not exist.`);
  }
  const allows = (accountId: string): boolean => {
    if (inGroups && !inGroups.has(accountId)) return false;
    const access = new Access(ctx.store, { kind: 'user', accountId, viaApp: false }, { authenticate: false });
    return permissions.every((key) => access.can(key, issue.projectId));
  };
  return { allows, problems };
}

function notify(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  const body = bodyObject(ctx);
  const to = isObject(body['to']) ? body['to'] : {};
  const { named, problems } = namedRecipients(ctx, issue, to);
  const restrict = restriction(ctx, issue, isObject(body['restrict']) ? body['restrict'] : {});
  problems.push(...restrict.problems);
  if (problems.length > 0) throw badRequest(problems);
  if (named.size === 1 && named.has(ctx.access.accountId))
    throw badRequest(['The only recipient of the notification is you, the user sending it.']);

  const recipients = [...named].filter(
    (accountId) =>
      accountId !== ctx.access.accountId && restrict.allows(accountId) && reachable(ctx, issue, accountId),
  );
  if (recipients.length > 0) {
    const text = (key: string) => (typeof body[key] === 'string' ? { [key]: body[key] as string } : {});
    ctx.sendNotification({
      issue: issue.key,
      to: recipients,
      subject: typeof body['subject'] === 'string' ? body['subject'] : `${issue.key}: ${issue.summary}`,
      at: ctx.now.toISOString(),
      reason: 'notify',
      ...text('textBody'),
      ...text('htmlBody'),
    });
  }
  return empty(204);
}

export const notifyRoutes: RouteTable = { notify };
