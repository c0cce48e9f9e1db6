/**
 * Reads the `fields` and `update` of a create or edit request the way Jira does: a field must be
 * on the project's create/edit screen (else "Field 'x' cannot be set. It is not on the appropriate
 * screen, or unknown."), its value must have the field's type, and every problem is reported at
 * once, keyed by field id.
 */
import { checkDocument } from './adf';
import type { RouteContext } from './context';
import { isObject } from './context';
import { parseCalendarDate } from './dates';
import type { FieldRecord, IssueRecord, IssueTypeRecord, ProjectRecord } from './model';
import { isAssignable } from './permissions';

export type Screen = 'create' | 'edit';

/** A link to add, from `update.issuelinks`: the other issue and whether this issue is the source. */
export interface LinkAdd {
  typeId: string;
  otherIssueId: string;
  thisIsSource: boolean;
}

export interface FieldChanges {
  /** Parsed values by field id (`assignee` → account id or null, `parent` → issue id or null, ...). */
  set: Map<string, unknown>;
  labelsAdd: string[];
  labelsRemove: string[];
  links: LinkAdd[];
  /** Comment bodies (ADF) from `update.comment: [{add: {body}}]` (edit and transition only). */
  comments: unknown[];
}

export interface ParsedInput {
  changes: FieldChanges;
  errors: Record<string, string>;
}

/** System fields on the create screen; the edit screen also has the issue type. */
const CREATE_SCREEN_FIELDS = [
  'summary',
  'description',
  'parent',
  'assignee',
  'reporter',
  'labels',
  'duedate',
  'priority',
  'security',
  'issuelinks',
];

const SYSTEM_SETTABLE: Record<Screen, Set<string>> = {
  create: new Set(CREATE_SCREEN_FIELDS),
  edit: new Set([...CREATE_SCREEN_FIELDS, 'issuetype']),
};

export function cannotBeSet(fieldId: string): string {
  return `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
}

/** Whether a field can be set on a project's create or edit screen. */
export function isOnScreen(
  ctx: RouteContext,
  project: ProjectRecord,
  fieldId: string,
  screen: Screen,
): boolean {
  if (project.hiddenFieldIds.has(fieldId)) return false;
  if (SYSTEM_SETTABLE[screen].has(fieldId)) return true;
  const field = ctx.store.fields.get(fieldId);
  return Boolean(field?.custom && field.kind && !field.readOnly);
}

class FieldProblem extends Error {}

export interface InputTarget {
  project: ProjectRecord;
  issueType: IssueTypeRecord;
  /** The issue being edited (absent on create). */
  issue?: IssueRecord;
}

/**
 * Parses everything but `project` and `issuetype` on create (the caller resolved those first,
 * because the screen depends on them).
 */
export function parseFieldInput(
  ctx: RouteContext,
  request: Record<string, unknown>,
  target: InputTarget,
  screen: Screen,
): ParsedInput {
  const errors: Record<string, string> = {};
  const changes: FieldChanges = { set: new Map(), labelsAdd: [], labelsRemove: [], links: [], comments: [] };
  const fields = isObject(request['fields']) ? request['fields'] : {};
  const update = isObject(request['update']) ? request['update'] : {};

  const attempt = (fieldId: string, action: () => void): void => {
    try {
      action();
    } catch (error) {
      if (error instanceof FieldProblem) errors[fieldId] = error.message;
      else throw error;
    }
  };

  for (const [fieldId, value] of Object.entries(fields)) {
    if (screen === 'create' && (fieldId === 'project' || fieldId === 'issuetype')) continue;
    if (!isOnScreen(ctx, target.project, fieldId, screen) || fieldId === 'issuelinks') {
      errors[fieldId] = cannotBeSet(fieldId);
      continue;
    }
    if (fieldId in update) {
      errors[fieldId] = `Field '${fieldId}' cannot be set in both 'fields' and 'update'.`;
      continue;
    }
    attempt(fieldId, () => changes.set.set(fieldId, parseValue(ctx, target, fieldId, value)));
  }

  for (const [fieldId, operations] of Object.entries(update)) {
    if (fieldId in fields) continue;
    if (fieldId === 'comment' && screen === 'edit') {
      attempt(fieldId, () => changes.comments.push(...parseCommentUpdate(ctx, target.project, operations)));
      continue;
    }
    if (!isOnScreen(ctx, target.project, fieldId, screen)) {
      errors[fieldId] = cannotBeSet(fieldId);
      continue;
    }
    if (!Array.isArray(operations)) {
      errors[fieldId] = `Field '${fieldId}': update operations must be a list.`;
      continue;
    }
    attempt(fieldId, () => {
      for (const operation of operations) {
        if (!isObject(operation))
          throw new FieldProblem(`Field '${fieldId}': an update operation must be an object.`);
        for (const [verb, value] of Object.entries(operation))
          applyOperation(ctx, target, changes, fieldId, verb, value);
      }
    });
  }

  return { changes, errors };
}

function applyOperation(
  ctx: RouteContext,
  target: InputTarget,
  changes: FieldChanges,
  fieldId: string,
  verb: string,
  value: unknown,
): void {
  if (fieldId === 'labels' && (verb === 'add' || verb === 'remove')) {
    const label = parseLabel(value);
    (verb === 'add' ? changes.labelsAdd : changes.labelsRemove).push(label);
    return;
  }
  if (fieldId === 'issuelinks') {
    if (verb !== 'add')
      throw new FieldProblem(
        `Field 'issuelinks' does not support operation '${verb}'. Supported operation(s) are: 'add'`,
      );
    changes.links.push(parseLinkAdd(ctx, value));
    return;
  }
  if (verb !== 'set') {
    const supported = fieldId === 'labels' ? "'add', 'set', 'remove'" : "'set'";
    throw new FieldProblem(
      `Field '${fieldId}' does not support operation '${verb}'. Supported operation(s) are: ${supported}`,
    );
  }
  changes.set.set(fieldId, parseValue(ctx, target, fieldId, value));
}

/**
 * `update.comment` of an edit or a transition, as in Atlassian's own examples:
 * `[{"add": {"body": <Atlassian Document>}}]`. Returns the comment bodies to add.
 */
export function parseCommentUpdate(
  ctx: RouteContext,
  project: ProjectRecord,
  operations: unknown,
): unknown[] {
  if (!Array.isArray(operations))
    throw new FieldProblem("Field 'comment': update operations must be a list.");
  if (!ctx.access.can('ADD_COMMENTS', project.id))
    throw new FieldProblem('You do not have the permission to comment on this issue.');
  return operations.map((operation) => {
    const add = isObject(operation) ? operation['add'] : undefined;
    if (!isObject(operation) || Object.keys(operation).some((verb) => verb !== 'add') || !isObject(add)) {
      throw new FieldProblem(
        "Field 'comment' does not support this operation. Supported operation(s) are: 'add'",
      );
    }
    if (!isAtlassianDocument(add['body'])) {
      throw new FieldProblem(
        'Comment body must be an Atlassian Document (see the Atlassian Document Format).',
      );
    }
    checkDocument(add['body'], 'comment');
    return add['body'];
  });
}

function parseLinkAdd(ctx: RouteContext, value: unknown): LinkAdd {
  if (!isObject(value)) throw new FieldProblem('Issue link must be an object.');
  const typeRef = isObject(value['type']) ? value['type'] : {};
  const type = ctx.store.findLinkType({
    ...(typeof typeRef['id'] === 'string' ? { id: typeRef['id'] } : {}),
    ...(typeof typeRef['name'] === 'string' ? { name: typeRef['name'] } : {}),
  });
  if (!type)
    throw new FieldProblem(
      `No issue link type with name '${String(typeRef['name'] ?? typeRef['id'])}' found.`,
    );
  const outward = value['outwardIssue'];
  const inward = value['inwardIssue'];
  const reference = isObject(outward) ? outward : isObject(inward) ? inward : undefined;
  if (!reference) throw new FieldProblem('Issue link must have an inwardIssue or an outwardIssue.');
  const other = findIssueReference(ctx, reference);
  if (!other)
    throw new FieldProblem(`Issue '${String(reference['key'] ?? reference['id'])}' does not exist.`);
  // The issue being created/edited is the source when the request names the outward issue.
  return { typeId: type.id, otherIssueId: other.id, thisIsSource: isObject(outward) };
}

/** An issue named by `{id}` or `{key}` that the caller can see. */
export function findIssueReference(
  ctx: RouteContext,
  reference: Record<string, unknown>,
): IssueRecord | undefined {
  const idOrKey = typeof reference['id'] === 'string' ? reference['id'] : reference['key'];
  if (typeof idOrKey !== 'string') return undefined;
  const issue = ctx.store.findIssue(idOrKey);
  return issue && ctx.access.canSeeIssue(issue) ? issue : undefined;
}

function parseLabel(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new FieldProblem('Labels must be non-empty strings.');
  if (/\s/.test(value)) throw new FieldProblem(`The label '${value}' contains spaces which is invalid.`);
  if (value.length > 255) throw new FieldProblem('The label must not exceed 255 characters.');
  return value;
}

function accountIdOf(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const id = value['accountId'] ?? value['id'];
  return typeof id === 'string' ? id : undefined;
}

export function isAtlassianDocument(value: unknown): value is Record<string, unknown> {
  return (
    isObject(value) && value['type'] === 'doc' && value['version'] === 1 && Array.isArray(value['content'])
  );
}

function parseValue(ctx: RouteContext, target: InputTarget, fieldId: string, value: unknown): unknown {
  const { store } = ctx;
  switch (fieldId) {
    case 'summary': {
      if (typeof value !== 'string' || value.trim() === '')
        throw new FieldProblem('You must specify a summary of the issue.');
      if (value.length > 255) throw new FieldProblem('Summary must be less than 255 characters.');
      if (/[\r\n]/.test(value))
        throw new FieldProblem('The summary is invalid because it contains newline characters.');
      return value;
    }
    case 'description':
      if (value !== null && !isAtlassianDocument(value)) {
        throw new FieldProblem(
          'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
        );
      }
      if (value !== null) checkDocument(value, 'description');
      return value;
    case 'assignee': {
      if (value === null) return null;
      const accountId = accountIdOf(value);
      const user = accountId ? store.users.get(accountId) : undefined;
      if (!accountId || !user)
        throw new FieldProblem('Specified user does not exist or you do not have required permissions');
      if (!isAssignable(store, user, target.project.id))
        throw new FieldProblem(`User '${accountId}' cannot be assigned issues.`);
      return accountId;
    }
    case 'reporter': {
      const accountId = accountIdOf(value);
      const user = accountId ? store.users.get(accountId) : undefined;
      if (!accountId || !user || !user.active)
        throw new FieldProblem('The reporter specified is not a user.');
      return accountId;
    }
    case 'labels':
      if (!Array.isArray(value)) throw new FieldProblem('Labels must be a list of strings.');
      return [...new Set(value.map(parseLabel))];
    case 'duedate':
      return parseDateValue(value);
    case 'security': {
      // Jira leaves the field off the screen of someone without Set Issue Security.
      if (!ctx.access.can('SET_ISSUE_SECURITY', target.project.id))
        throw new FieldProblem(cannotBeSet('security'));
      if (value === null) return null;
      const id = isObject(value) && value['id'] !== undefined ? String(value['id']) : undefined;
      const level = id ? store.securityLevels.get(id) : undefined;
      if (!level)
        throw new FieldProblem(`Security level: Security level with id '${id ?? ''}' does not exist.`);
      return level.id;
    }
    case 'priority': {
      const ref = isObject(value) ? value : {};
      const priority =
        ref['id'] !== undefined
          ? store.priorities.get(String(ref['id']))
          : [...store.priorities.values()].find((candidate) => candidate.name === ref['name']);
      if (!priority) throw new FieldProblem('The priority selected is invalid.');
      return priority.id;
    }
    case 'parent': {
      if (value === null) return null;
      const parent = isObject(value) ? findIssueReference(ctx, value) : undefined;
      if (!parent) throw new FieldProblem('Could not find issue by id or key.');
      return parent.id;
    }
    case 'issuetype': {
      const ref = isObject(value) ? value : {};
      const type = store
        .projectIssueTypes(target.project)
        .find((candidate) =>
          ref['id'] !== undefined ? candidate.id === String(ref['id']) : candidate.name === ref['name'],
        );
      if (!type) throw new FieldProblem('The issue type selected is invalid.');
      if (type.hierarchyLevel !== target.issueType.hierarchyLevel) {
        throw new FieldProblem('The issue type cannot be changed to a type of another hierarchy level.');
      }
      return type.id;
    }
    default: {
      const field = store.fields.get(fieldId);
      if (!field) throw new FieldProblem(cannotBeSet(fieldId));
      return parseCustomValue(ctx, field, value);
    }
  }
}

function parseDateValue(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || parseCalendarDate(value) === null) {
    throw new FieldProblem(`Error parsing date string: ${String(value)}`);
  }
  return value;
}

/** A custom field value in the REST input shape, checked against the field's type. */
export function parseCustomValue(ctx: RouteContext, field: FieldRecord, value: unknown): unknown {
  if (value === null) return null;
  switch (field.kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new FieldProblem('Operation value must be a number');
      return value;
    case 'date':
      return parseDateValue(value);
    case 'datetime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
        throw new FieldProblem(`Error parsing date string: ${String(value)}`);
      }
      return value;
    case 'user': {
      const accountId = accountIdOf(value);
      const user = accountId ? ctx.store.users.get(accountId) : undefined;
      if (!accountId || !user) throw new FieldProblem(`Specify a valid user for ${field.name}.`);
      return accountId;
    }
    case 'string':
      if (typeof value !== 'string') throw new FieldProblem('Operation value must be a string');
      if (value.length > 255) throw new FieldProblem(`${field.name} must be less than 255 characters.`);
      return value;
    default:
      throw new FieldProblem(cannotBeSet(field.id));
  }
}

export function isFieldProblem(error: unknown): error is Error {
  return error instanceof FieldProblem;
}
