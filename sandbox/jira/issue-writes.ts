/**
 * How a change lands on an issue: the record is mutated, a changelog entry with Jira's items
 * ({field, fieldtype, fieldId, from, fromString, to, toString}) is written, `updated` moves to the
 * sandbox clock, and the matching product event is queued.
 */
import type { RouteContext } from './context';
import { JiraError, badRequest } from './errors';
import { issueEvent, issueLinkEvent } from './events';
import type { FieldChanges, LinkAdd } from './field-input';
import type {
  ChangeItem,
  ChangelogRecord,
  CommentRecord,
  IssueLinkRecord,
  IssueRecord,
  LinkTypeRecord,
  TransitionRecord,
} from './model';

function displayName(ctx: RouteContext, accountId: string | null): string | null {
  if (accountId === null) return null;
  return ctx.store.users.get(accountId)?.displayName ?? accountId;
}

function plainText(document: unknown): string | null {
  if (document === null || document === undefined) return null;
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record['text'] === 'string') parts.push(record['text']);
    if (Array.isArray(record['content'])) record['content'].forEach(walk);
  };
  walk(document);
  return parts.join(' ');
}

function item(
  field: string,
  fieldId: string,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toString: string | null,
  fieldtype: ChangeItem['fieldtype'] = 'jira',
): ChangeItem {
  return { field, fieldtype, fieldId, from, fromString, to, toString };
}

/** Applies parsed field changes to an issue and returns the changelog items of what really changed. */
export function applyFieldChanges(
  ctx: RouteContext,
  issue: IssueRecord,
  changes: FieldChanges,
): ChangeItem[] {
  const { store } = ctx;
  const items: ChangeItem[] = [];
  for (const [fieldId, value] of changes.set) {
    switch (fieldId) {
      case 'summary':
        if (issue.summary !== value)
          items.push(item('summary', 'summary', null, issue.summary, null, String(value)));
        issue.summary = String(value);
        break;
      case 'description':
        if (JSON.stringify(issue.description) !== JSON.stringify(value)) {
          items.push(
            item('description', 'description', null, plainText(issue.description), null, plainText(value)),
          );
        }
        issue.description = value;
        break;
      case 'assignee':
      case 'reporter': {
        const next = value as string | null;
        const previous = fieldId === 'assignee' ? issue.assigneeId : issue.reporterId;
        if (previous !== next) {
          items.push(
            item(fieldId, fieldId, previous, displayName(ctx, previous), next, displayName(ctx, next)),
          );
        }
        if (fieldId === 'assignee') issue.assigneeId = next;
        else issue.reporterId = next;
        break;
      }
      case 'labels':
        setLabels(issue, value as string[], items);
        break;
      case 'duedate': {
        const next = value as string | null;
        if (issue.dueDate !== next)
          items.push(item('duedate', 'duedate', issue.dueDate, issue.dueDate, next, next));
        issue.dueDate = next;
        break;
      }
      case 'security': {
        const next = value as string | null;
        const name = (id: string | null | undefined): string | null =>
          id ? (store.securityLevels.get(id)?.name ?? null) : null;
        if ((issue.securityLevelId ?? null) !== next)
          items.push(
            item(
              'security',
              'security',
              issue.securityLevelId ?? null,
              name(issue.securityLevelId),
              next,
              name(next),
            ),
          );
        issue.securityLevelId = next;
        break;
      }
      case 'priority': {
        const next = value as string;
        if (issue.priorityId !== next) {
          const name = (id: string | null): string | null =>
            id ? (store.priorities.get(id)?.name ?? null) : null;
          items.push(
            item('priority', 'priority', issue.priorityId, name(issue.priorityId), next, name(next)),
          );
        }
        issue.priorityId = next;
        break;
      }
      case 'parent': {
        const next = value as string | null;
        if (issue.parentId !== next) {
          const key = (id: string | null): string | null => (id ? (store.issues.get(id)?.key ?? null) : null);
          items.push(
            item('IssueParentAssociation', 'parent', issue.parentId, key(issue.parentId), next, key(next)),
          );
        }
        issue.parentId = next;
        break;
      }
      case 'issuetype': {
        const next = value as string;
        if (issue.issueTypeId !== next) {
          const name = (id: string): string | null => store.issueTypes.get(id)?.name ?? null;
          items.push(
            item('issuetype', 'issuetype', issue.issueTypeId, name(issue.issueTypeId), next, name(next)),
          );
        }
        issue.issueTypeId = next;
        break;
      }
      default:
        items.push(...setCustomField(ctx, issue, fieldId, value));
    }
  }
  if (changes.labelsAdd.length > 0 || changes.labelsRemove.length > 0) {
    const next = issue.labels.filter((label) => !changes.labelsRemove.includes(label));
    for (const label of changes.labelsAdd) if (!next.includes(label)) next.push(label);
    setLabels(issue, next, items);
  }
  return items;
}

function setLabels(issue: IssueRecord, next: string[], items: ChangeItem[]): void {
  const before = issue.labels.join(' ');
  const after = next.join(' ');
  if (before !== after) items.push(item('labels', 'labels', null, before || null, null, after || null));
  issue.labels = [...next];
}

/** Sets a custom field value and returns its changelog item (if the value changed). */
export function setCustomField(
  ctx: RouteContext,
  issue: IssueRecord,
  fieldId: string,
  value: unknown,
): ChangeItem[] {
  const field = ctx.store.fields.get(fieldId);
  const previous = issue.customFields.get(fieldId) ?? null;
  if (value === null) issue.customFields.delete(fieldId);
  else issue.customFields.set(fieldId, value);
  if (!field || JSON.stringify(previous) === JSON.stringify(value)) return [];
  const asString = (stored: unknown): string | null => {
    if (stored === null || stored === undefined) return null;
    return field.kind === 'user' ? displayName(ctx, String(stored)) : String(stored);
  };
  const raw = (stored: unknown): string | null =>
    stored === null || stored === undefined ? null : field.kind === 'number' ? null : String(stored);
  return [
    item(field.name, fieldId, raw(previous), asString(previous), raw(value), asString(value), 'custom'),
  ];
}

/**
 * Writes a changelog entry for the items, moves `updated`, and queues avi:jira:updated:issue.
 * Nothing happens when nothing changed.
 */
export function recordUpdate(
  ctx: RouteContext,
  issue: IssueRecord,
  items: ChangeItem[],
  emit = true,
): ChangelogRecord | null {
  if (items.length === 0) return null;
  const entry: ChangelogRecord = {
    id: ctx.store.nextId('changelog'),
    authorAccountId: ctx.access.accountId,
    created: ctx.now.getTime(),
    items,
  };
  issue.changelog.push(entry);
  issue.updated = ctx.now.getTime();
  if (emit) ctx.emit(issueEvent(ctx, 'avi:jira:updated:issue', issue, entry));
  return entry;
}

/**
 * Notes a link added or removed in both issues' history ("This issue blocks AIP-2" on the source,
 * "This issue is blocked by AIP-1" on the destination). No event: the product event is the
 * issuelink one.
 */
function recordLinkChange(
  ctx: RouteContext,
  type: LinkTypeRecord,
  source: IssueRecord,
  destination: IssueRecord,
  change: 'added' | 'removed',
): void {
  const note = (issue: IssueRecord, phrase: string, other: IssueRecord): void => {
    const text = `This issue ${phrase} ${other.key}`;
    const linkItem =
      change === 'added'
        ? item('Link', 'issuelinks', null, null, other.key, text)
        : item('Link', 'issuelinks', other.key, text, null, null);
    recordUpdate(ctx, issue, [linkItem], false);
  };
  note(source, type.outward, destination);
  note(destination, type.inward, source);
}

/**
 * Links two issues (source "outward description" destination). A duplicate of an existing link is
 * accepted and changes nothing, as Jira documents. Returns the link.
 */
export function linkIssues(
  ctx: RouteContext,
  typeId: string,
  source: IssueRecord,
  destination: IssueRecord,
): IssueLinkRecord {
  const existing = ctx.store
    .linksOf(source.id)
    .find(
      (link) =>
        link.typeId === typeId &&
        link.sourceIssueId === source.id &&
        link.destinationIssueId === destination.id,
    );
  if (existing) return existing;
  const type = ctx.store.linkTypes.get(typeId);
  if (!type) throw new JiraError(404, [`No issue link type with id '${typeId}' exists.`]);
  const link: IssueLinkRecord = {
    id: ctx.store.nextId('issueLink'),
    typeId,
    sourceIssueId: source.id,
    destinationIssueId: destination.id,
  };
  ctx.store.links.set(link.id, link);
  recordLinkChange(ctx, type, source, destination, 'added');
  ctx.emit(issueLinkEvent(ctx, 'avi:jira:created:issuelink', link));
  return link;
}

export function applyLinkAdds(ctx: RouteContext, issue: IssueRecord, adds: LinkAdd[]): void {
  for (const add of adds) {
    const other = ctx.store.issues.get(add.otherIssueId);
    if (!other) continue;
    if (add.thisIsSource) linkIssues(ctx, add.typeId, issue, other);
    else linkIssues(ctx, add.typeId, other, issue);
  }
}

export function unlink(ctx: RouteContext, link: IssueLinkRecord): void {
  ctx.store.links.delete(link.id);
  const type = ctx.store.linkTypes.get(link.typeId);
  const source = ctx.store.issues.get(link.sourceIssueId);
  const destination = ctx.store.issues.get(link.destinationIssueId);
  if (type && source && destination) recordLinkChange(ctx, type, source, destination, 'removed');
  ctx.emit(issueLinkEvent(ctx, 'avi:jira:deleted:issuelink', link));
}

/**
 * The transitions an issue can take now: every global transition to another status, except those into
 * the done category in a project whose workflow has none; in a project whose done sets no
 * resolution, the transition into done has no Resolution on its screen.
 */
export function availableTransitions(ctx: RouteContext, issue: IssueRecord): TransitionRecord[] {
  const project = ctx.store.projects.get(issue.projectId);
  const intoDone = (transition: TransitionRecord) =>
    ctx.store.statuses.get(transition.toStatusId)?.categoryKey === 'done';
  return ctx.store.transitions
    .filter(
      (transition) =>
        transition.toStatusId !== issue.statusId && !(project?.noTransitionToDone && intoDone(transition)),
    )
    .map((transition) =>
      project?.doneWithoutResolution && intoDone(transition)
        ? { ...transition, screenFields: transition.screenFields.filter((field) => field !== 'resolution') }
        : transition,
    );
}

/**
 * Moves an issue through a transition. A transition into the done category whose screen has
 * Resolution sets the resolution (the one given on the screen, else "Done", as the simplified
 * workflow's post function does, unless the `resolutionOnDone` behaviour is off: then none) and
 * resolutiondate; one without Resolution sets neither; a transition out of done clears both.
 */
export function transitionIssue(
  ctx: RouteContext,
  issue: IssueRecord,
  transitionId: string,
  fields: Record<string, unknown>,
  emit = true,
): ChangelogRecord | null {
  const { store } = ctx;
  const transition = availableTransitions(ctx, issue).find((candidate) => candidate.id === transitionId);
  if (!transition) throw badRequest([`Transition id '${transitionId}' is not valid for this issue.`]);
  const errors: Record<string, string> = {};
  for (const fieldId of Object.keys(fields)) {
    if (!transition.screenFields.includes(fieldId)) {
      errors[fieldId] = `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
    }
  }
  let resolutionId: string | null = null;
  const target = store.statuses.get(transition.toStatusId);
  if (!target) throw new Error(`Jira emulator: transition ${transition.id} has no target status`);
  if (target.categoryKey === 'done' && transition.screenFields.includes('resolution')) {
    const requested = fields['resolution'];
    if (requested !== undefined) {
      const ref =
        typeof requested === 'object' && requested !== null ? (requested as Record<string, unknown>) : {};
      const resolution =
        ref['id'] !== undefined
          ? store.resolutions.get(String(ref['id']))
          : [...store.resolutions.values()].find((candidate) => candidate.name === ref['name']);
      if (!resolution)
        errors['resolution'] = `The resolution '${String(ref['name'] ?? ref['id'])}' does not exist.`;
      else resolutionId = resolution.id;
    } else if (ctx.behaviour.resolutionOnDone) {
      resolutionId =
        [...store.resolutions.values()].find((candidate) => candidate.name === 'Done')?.id ?? null;
    }
  }
  if (Object.keys(errors).length > 0) throw badRequest([], errors);

  const before = store.status(issue);
  const items: ChangeItem[] = [item('status', 'status', before.id, before.name, target.id, target.name)];
  if (issue.resolutionId !== resolutionId) {
    const name = (id: string | null): string | null =>
      id ? (store.resolutions.get(id)?.name ?? null) : null;
    items.unshift(
      item(
        'resolution',
        'resolution',
        issue.resolutionId,
        name(issue.resolutionId),
        resolutionId,
        name(resolutionId),
      ),
    );
  }
  if (before.categoryKey !== target.categoryKey) issue.statusCategoryChangeDate = ctx.now.getTime();
  issue.statusId = target.id;
  issue.resolutionId = resolutionId;
  issue.resolutionDate = resolutionId === null ? null : ctx.now.getTime();
  return recordUpdate(ctx, issue, items, emit);
}

/**
 * Adds a comment (Atlassian Document Format body) by the caller and moves `updated`: the comment
 * resource, `update.comment` of an edit or a transition, and the comment of a new issue link.
 */
export function addComment(ctx: RouteContext, issue: IssueRecord, body: unknown): CommentRecord {
  const now = ctx.now.getTime();
  const comment: CommentRecord = {
    id: ctx.store.nextId('comment'),
    authorAccountId: ctx.access.accountId,
    body,
    created: now,
    updated: now,
  };
  issue.comments.push(comment);
  issue.updated = now;
  return comment;
}
