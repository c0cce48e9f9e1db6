/**
 * Creating one issue from an IssueUpdateDetails (`fields`, `update`, `properties`, `transition`),
 * shared by POST /issue and POST /issue/bulk. Validation mirrors Jira's create screen and issue
 * hierarchy rules; every field problem is reported at once.
 */
import type { RouteContext } from './context';
import { isObject } from './context';
import { JiraError, fieldErrors } from './errors';
import { issueEvent } from './events';
import { parseFieldInput } from './field-input';
import { applyFieldChanges, applyLinkAdds, transitionIssue } from './issue-writes';
import type { IssueRecord, IssueTypeRecord, ProjectRecord } from './model';
import { bodyProperties } from './properties';

export const PARENT_HIERARCHY = 'Given parent issue does not belong to appropriate hierarchy.';

/** Checks the parent an issue of this type would have; `parentId` undefined means "not given". */
export function checkParent(
  ctx: RouteContext,
  project: ProjectRecord,
  issueType: IssueTypeRecord,
  parentId: string | null | undefined,
  errors: Record<string, string>,
): void {
  const parent = parentId ? ctx.store.issues.get(parentId) : undefined;
  if (issueType.hierarchyLevel === -1) {
    if (!parent) {
      errors['issuetype'] ??= 'Issue type is a sub-task but parent issue key or id not specified.';
      return;
    }
    if (ctx.store.issueType(parent).hierarchyLevel !== 0) errors['parent'] ??= PARENT_HIERARCHY;
    else if (parent.projectId !== project.id)
      errors['project'] ??= 'Sub-tasks must be created in the same project as the parent.';
    return;
  }
  if (!parent) return;
  if (ctx.store.issueType(parent).hierarchyLevel !== issueType.hierarchyLevel + 1)
    errors['parent'] ??= PARENT_HIERARCHY;
}

function resolveProject(ctx: RouteContext, value: unknown): ProjectRecord | undefined {
  if (!isObject(value)) return undefined;
  const reference = value['id'] ?? value['key'];
  if (typeof reference !== 'string' && typeof reference !== 'number') return undefined;
  const project = ctx.store.findProject(String(reference));
  return project && ctx.access.canBrowse(project) ? project : undefined;
}

function resolveIssueType(
  ctx: RouteContext,
  project: ProjectRecord,
  value: unknown,
): IssueTypeRecord | string {
  if (!isObject(value) || (value['id'] === undefined && value['name'] === undefined))
    return 'Specify an issue type';
  const types = ctx.store.projectIssueTypes(project);
  const type =
    value['id'] !== undefined
      ? types.find((candidate) => candidate.id === String(value['id']))
      : types.find((candidate) => candidate.name === value['name']);
  return type ?? 'The issue type selected is invalid.';
}

/**
 * Validates and creates one issue. Throws a JiraError (400 with field errors, 403) and changes
 * nothing when the request is refused. `beforeApply` may refuse it too (bulk-create fault injection).
 */
export function createIssue(ctx: RouteContext, request: unknown, beforeApply?: () => void): IssueRecord {
  const body = isObject(request) ? request : {};
  const fields = isObject(body['fields']) ? body['fields'] : {};
  const project = resolveProject(ctx, fields['project']);
  if (!project) throw fieldErrors({ project: 'valid project is required' });
  if (!ctx.access.can('CREATE_ISSUES', project.id)) {
    throw new JiraError(403, ['You do not have permission to create issues in this project.']);
  }
  const issueType = resolveIssueType(ctx, project, fields['issuetype']);
  if (typeof issueType === 'string') throw fieldErrors({ issuetype: issueType });

  const { changes, errors } = parseFieldInput(ctx, body, { project, issueType }, 'create');
  if (!changes.set.has('summary') && !errors['summary'])
    errors['summary'] = 'You must specify a summary of the issue.';
  if (!errors['parent'])
    checkParent(ctx, project, issueType, changes.set.get('parent') as string | null | undefined, errors);
  const properties = bodyProperties(body, errors);
  const transition = isObject(body['transition']) ? body['transition'] : undefined;
  const initialStatusId =
    [...ctx.store.statuses.values()].find((status) => status.categoryKey === 'new')?.id ?? '';
  if (transition) {
    const transitionId = transition['id'];
    const valid = ctx.store.transitions.some(
      (t) => t.id === transitionId && t.toStatusId !== initialStatusId,
    );
    if (!valid) errors['transition'] = `Transition id '${String(transitionId)}' is not valid for this issue.`;
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  beforeApply?.();

  const now = ctx.now.getTime();
  project.nextIssueNumber += 1;
  const issue: IssueRecord = {
    id: ctx.store.nextId('issue'),
    key: `${project.key}-${project.nextIssueNumber - 1}`,
    projectId: project.id,
    issueTypeId: issueType.id,
    summary: '',
    description: null,
    statusId: initialStatusId,
    statusCategoryChangeDate: now,
    resolutionId: null,
    resolutionDate: null,
    priorityId: ctx.store.defaultPriorityId,
    assigneeId: null,
    reporterId: ctx.access.accountId,
    creatorId: ctx.access.accountId,
    labels: [],
    dueDate: null,
    parentId: null,
    created: now,
    updated: now,
    customFields: new Map(),
    properties: new Map(),
    changelog: [],
    comments: [],
    remoteLinks: [],
  };
  applyFieldChanges(ctx, issue, changes);
  for (const { key, value } of properties) issue.properties.set(key, value);
  ctx.store.issues.set(issue.id, issue);
  ctx.emit(issueEvent(ctx, 'avi:jira:created:issue', issue));
  applyLinkAdds(ctx, issue, changes.links);
  if (transition && typeof transition['id'] === 'string') {
    transitionIssue(ctx, issue, transition['id'], {});
  }
  return issue;
}

export function createdIssue(ctx: RouteContext, issue: IssueRecord): Record<string, unknown> {
  return { id: issue.id, key: issue.key, self: ctx.rep.url(`/rest/api/3/issue/${issue.id}`) };
}
