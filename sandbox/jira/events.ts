/**
 * Product events in the shape Forge delivers them to `trigger` functions
 * (avi:jira:created|updated|deleted:issue, avi:jira:created|deleted:issuelink).
 * The site queues them while a request runs and hands them to listeners once it has been applied.
 */
import type { ProductEvent } from '../contracts';
import type { RouteContext } from './context';
import type { ChangelogRecord, IssueLinkRecord, IssueRecord } from './model';

type IssueEventType = 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:deleted:issue';

/**
 * The issue's fields an issue event carries, and nothing else: the `Issue` type of Atlassian's Forge
 * "Jira events" reference (https://developer.atlassian.com/platform/forge/events-reference/jira/,
 * _Issue events_) lists `summary, issuetype, creator, created, project, reporter, assignee, updated,
 * status`. A resolution, due date, parent or labels reach an app only through the changelog. People
 * are `User {accountId}` there (the reference's example shows the creator so); `status`,
 * `issuetype` and `project` are typed `any` and sent as REST renders them (docs/forge-notes.md).
 */
export const DOCUMENTED_EVENT_FIELDS = [
  'summary',
  'issuetype',
  'creator',
  'created',
  'project',
  'reporter',
  'assignee',
  'updated',
  'status',
] as const;

const PEOPLE_FIELDS: ReadonlySet<string> = new Set(['creator', 'reporter', 'assignee']);

function causedByApp(ctx: RouteContext): boolean {
  return ctx.caller.kind === 'app' || ctx.caller.viaApp;
}

/** A person as the events reference types one, `{accountId}`; an empty assignee stays null. */
function accountOnly(user: unknown): { accountId: string } | null {
  const accountId = (user as { accountId?: unknown } | null)?.accountId;
  return typeof accountId === 'string' ? { accountId } : null;
}

export function issueEvent(
  ctx: RouteContext,
  eventType: IssueEventType,
  issue: IssueRecord,
  changelog?: ChangelogRecord,
): ProductEvent {
  const fields: Record<string, unknown> = {};
  for (const fieldId of DOCUMENTED_EVENT_FIELDS) {
    const value = ctx.view.fieldValue(issue, fieldId);
    if (value === undefined) continue;
    fields[fieldId] = PEOPLE_FIELDS.has(fieldId) ? accountOnly(value) : value;
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
