/**
 * Product events in the shape Forge delivers them to `trigger` functions
 * (avi:jira:created|updated|deleted:issue, avi:jira:created|deleted:issuelink).
 * The site queues them while a request runs and hands them to listeners once it has been applied.
 */
import type { ProductEvent } from '../contracts';
import type { RouteContext } from './context';
import type { ChangelogRecord, IssueLinkRecord, IssueRecord } from './model';

type IssueEventType = 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:deleted:issue';

const EVENT_FIELDS = [
  'summary',
  'issuetype',
  'project',
  'status',
  'resolution',
  'assignee',
  'reporter',
  'creator',
  'labels',
  'duedate',
  'parent',
  'created',
  'updated',
];

function causedByApp(ctx: RouteContext): boolean {
  return ctx.caller.kind === 'app' || ctx.caller.viaApp;
}

export function issueEvent(
  ctx: RouteContext,
  eventType: IssueEventType,
  issue: IssueRecord,
  changelog?: ChangelogRecord,
): ProductEvent {
  const fields: Record<string, unknown> = {};
  for (const fieldId of EVENT_FIELDS) {
    const value = ctx.view.fieldValue(issue, fieldId);
    if (value !== undefined) fields[fieldId] = value;
  }
  const payload: Record<string, unknown> = {
    eventType,
    atlassianId: ctx.access.accountId,
    issue: { id: issue.id, key: issue.key, fields },
    associatedUsers: [{ accountId: ctx.access.accountId }],
  };
  if (changelog)
    payload['changelog'] = { id: changelog.id, items: changelog.items.map((item) => ({ ...item })) };
  return { eventType, atlassianId: ctx.access.accountId, causedByApp: causedByApp(ctx), payload };
}

/**
 * avi:jira:created:issuelink / avi:jira:deleted:issuelink as Atlassian documents them (Forge "Jira
 * events" reference, Issue link section): the link's fields at the top level of the payload,
 * `{id, sourceIssueId, destinationIssueId, sourceProjectId, destinationProjectId, issueLinkType:
 * {id, name, inward, outward}}`, with no `issueLink` wrapper. See docs/forge-notes.md.
 */
export function issueLinkEvent(
  ctx: RouteContext,
  eventType: 'avi:jira:created:issuelink' | 'avi:jira:deleted:issuelink',
  link: IssueLinkRecord,
): ProductEvent {
  const type = ctx.store.linkTypes.get(link.typeId);
  const projectOf = (issueId: string): string => ctx.store.issues.get(issueId)?.projectId ?? '';
  return {
    eventType,
    atlassianId: ctx.access.accountId,
    causedByApp: causedByApp(ctx),
    payload: {
      eventType,
      atlassianId: ctx.access.accountId,
      id: link.id,
      sourceIssueId: link.sourceIssueId,
      destinationIssueId: link.destinationIssueId,
      sourceProjectId: projectOf(link.sourceIssueId),
      destinationProjectId: projectOf(link.destinationIssueId),
      issueLinkType: {
        id: link.typeId,
        name: type?.name ?? '',
        inward: type?.inward ?? '',
        outward: type?.outward ?? '',
      },
    },
  };
}
