/** GET/PUT/DELETE /rest/api/3/issue/{issueIdOrKey}, POST /rest/api/3/issue and /rest/api/3/issue/bulk. */
import type { RouteContext, RouteTable } from '../context';
import { bodyObject, empty, json } from '../context';
import { JiraError, badRequest, fieldErrors, issueNotFound } from '../errors';
import { issueEvent } from '../events';
import { parseFieldInput } from '../field-input';
import { checkParent, createIssue, createdIssue } from '../issue-create';
import { selectFields, selectProperties } from '../issue-view';
import { addComment, applyFieldChanges, applyLinkAdds, recordUpdate } from '../issue-writes';
import type { IssueRecord } from '../model';
import { mayMuteNotifications, notifyIssueUpdated } from '../notifications';
import { bodyProperties } from '../properties';

/** Jira's limit on POST /rest/api/3/issue/bulk. */
export const MAX_BULK_CREATE = 50;

/** The issue named in the path, if the caller may see it (else 404, as Jira hides it). */
export function visibleIssue(ctx: RouteContext): IssueRecord {
  const issue = ctx.store.findIssue(ctx.params['issueIdOrKey'] ?? '');
  if (!issue || !ctx.access.canSeeIssue(issue)) throw issueNotFound();
  return issue;
}

const CHANGE_PERMISSIONS = { edit: 'EDIT_ISSUES', delete: 'DELETE_ISSUES' } as const;

/** The issue named in the path, if the caller may see it (else 404) and edit or delete it (else 403). */
export function issueToChange(ctx: RouteContext, action: keyof typeof CHANGE_PERMISSIONS): IssueRecord {
  const issue = visibleIssue(ctx);
  if (!ctx.access.can(CHANGE_PERMISSIONS[action], issue.projectId)) {
    throw new JiraError(403, [`You do not have permission to ${action} issues in this project.`]);
  }
  return issue;
}

export function fieldIds(ctx: RouteContext): { all: string[]; navigable: string[] } {
  const fields = [...ctx.store.fields.values()].filter((field) => field.id !== 'issuekey');
  return {
    all: fields.map((field) => field.id),
    navigable: fields.filter((f) => f.navigable).map((f) => f.id),
  };
}

function getIssue(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  const ids = fieldIds(ctx);
  const view = ctx.view.render(issue, {
    fields: selectFields(ctx.query.list('fields'), ids.all, ids.navigable, false),
    properties: selectProperties(ctx.query.list('properties')),
    expand: new Set(ctx.query.list('expand')),
  });
  return json(200, view, { issues: 1 });
}

function createOne(ctx: RouteContext) {
  const issue = createIssue(ctx, ctx.body);
  return json(201, createdIssue(ctx, issue), { issues: 1 });
}

function createMany(ctx: RouteContext) {
  const updates = bodyObject(ctx)['issueUpdates'];
  if (!Array.isArray(updates) || updates.length === 0)
    throw badRequest(['Specify at least one issue to create.']);
  if (updates.length > MAX_BULK_CREATE) {
    throw badRequest([
      `You can create at most ${MAX_BULK_CREATE} issues in one request; this one has ${updates.length}.`,
    ]);
  }
  const issues: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  updates.forEach((update: unknown, index) => {
    try {
      const issue = createIssue(ctx, update, () => {
        const injected = ctx.failBulkElement?.(update, index);
        if (typeof injected === 'string') throw badRequest([injected]);
        if (injected) throw new JiraError(injected.status, [injected.message]);
      });
      issues.push(createdIssue(ctx, issue));
    } catch (error) {
      if (!(error instanceof JiraError)) throw error;
      errors.push({ status: error.status, elementErrors: error.body, failedElementNumber: index });
    }
  });
  return json(issues.length > 0 ? 201 : 400, { issues, errors }, { issues: issues.length });
}

function editIssue(ctx: RouteContext) {
  if (ctx.body === undefined) throw badRequest(['The request body is missing.']);
  const issue = issueToChange(ctx, 'edit');
  const body = bodyObject(ctx);
  const project = ctx.store.project(issue);
  const issueType = ctx.store.issueType(issue);
  const { changes, errors } = parseFieldInput(ctx, body, { project, issueType, issue }, 'edit');
  const properties = bodyProperties(body, errors);
  if (changes.set.has('parent') && !errors['parent']) {
    const nextType =
      ctx.store.issueTypes.get(String(changes.set.get('issuetype') ?? issue.issueTypeId)) ?? issueType;
    const parentId = changes.set.get('parent') as string | null;
    if (parentId === issue.id) errors['parent'] = 'An issue cannot be its own parent.';
    else checkParent(ctx, project, nextType, parentId, errors);
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);

  const items = applyFieldChanges(ctx, issue, changes);
  for (const { key, value } of properties) issue.properties.set(key, value);
  const change = recordUpdate(ctx, issue, items);
  const muted = !ctx.query.bool('notifyUsers', true) && mayMuteNotifications(ctx, issue);
  if (change && !muted) notifyIssueUpdated(ctx, issue, change);
  applyLinkAdds(ctx, issue, changes.links);
  for (const comment of changes.comments) addComment(ctx, issue, comment);
  if (ctx.query.bool('returnIssue', false)) {
    const ids = fieldIds(ctx);
    return json(
      200,
      ctx.view.render(issue, {
        fields: selectFields([], ids.all, ids.navigable, false),
        properties: selectProperties([]),
        expand: new Set(ctx.query.list('expand')),
      }),
      { issues: 1 },
    );
  }
  return empty(204);
}

function deleteIssue(ctx: RouteContext) {
  const issue = issueToChange(ctx, 'delete');
  const subtasks = ctx.store
    .children(issue.id)
    .filter((child) => ctx.store.issueType(child).hierarchyLevel === -1);
  if (subtasks.length > 0 && ctx.query.string('deleteSubtasks') !== 'true') {
    throw badRequest([
      `The issue '${issue.key}' has subtasks. To delete it, you must also delete its subtasks.`,
    ]);
  }
  for (const doomed of [...subtasks, issue]) {
    for (const link of ctx.store.linksOf(doomed.id)) ctx.store.links.delete(link.id);
    for (const child of ctx.store.children(doomed.id)) child.parentId = null;
    ctx.store.issues.delete(doomed.id);
    ctx.emit(issueEvent(ctx, 'avi:jira:deleted:issue', doomed));
  }
  return empty(204);
}

export const issueRoutes: RouteTable = {
  getIssue,
  createIssue: createOne,
  createIssues: createMany,
  editIssue,
  deleteIssue,
};
