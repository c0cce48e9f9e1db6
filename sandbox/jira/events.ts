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

export function issueLinkEvent(
  ctx: RouteContext,
  eventType: 'avi:jira:created:issuelink' | 'avi:jira:deleted:issuelink',
  link: IssueLinkRecord,
): ProductEvent {
  const type = ctx.store.linkTypes.get(link.typeId);
  return {
    eventType,
    atlassianId: ctx.access.accountId,
    causedByApp: causedByApp(ctx),
    payload: {
      eventType,
      atlassianId: ctx.access.accountId,
      issueLink: {
        id: link.id,
        sourceIssueId: link.sourceIssueId,
        destinationIssueId: link.destinationIssueId,
        issueLinkType: {
          id: link.typeId,
          name: type?.name ?? '',
          inward: type?.inward ?? '',
          outward: type?.outward ?? '',
        },
      },
    },
  };
}
