import { z } from 'zod';
import { workChangeOf, type IssueEventBody } from '../jira/changelog';
import { handleDataAccessLinkChange, handleIssueChange, handleIssueDeletion } from '../services/events';

const issueEventSchema = z.object({
  eventType: z.string(),
  atlassianId: z.string().optional(),
  issue: z.object({
    id: z.string(),
    key: z.string(),
    fields: z
      .object({ issuetype: z.object({ id: z.string() }).partial().optional() })
      .passthrough()
      .optional(),
  }),
  changelog: z
    .object({
      items: z.array(
        z.object({ field: z.string().optional(), fieldId: z.string().optional() }).passthrough(),
      ),
    })
    .passthrough()
    .optional(),
});

const id = z.union([z.string(), z.number()]).transform(String);
/**
 * The issuelink events as Atlassian documents them (and as live sites send them): the link's
 * fields at the top level, `{id, sourceIssueId, destinationIssueId, sourceProjectId,
 * destinationProjectId, issueLinkType}`, no `issueLink` wrapper (docs/forge-notes.md).
 */
const linkEventSchema = z.object({
  eventType: z.string(),
  sourceIssueId: id,
  destinationIssueId: id,
  issueLinkType: z.object({ name: z.string() }).passthrough(),
});

/** avi:jira:created:issue and avi:jira:updated:issue (the app's own writes are filtered out by ignoreSelf). */
export async function onIssueChanged(event: unknown, context?: { invocationId?: string }): Promise<void> {
  const parsed = issueEventSchema.safeParse(event);
  if (!parsed.success) return;
  const { issue, eventType, atlassianId, changelog } = parsed.data;
  const now = new Date();
  const invocationId =
    context?.invocationId ?? `${issue.id}-${now.getTime()}-${Math.random().toString(36).slice(2)}`;
  const created = eventType === 'avi:jira:created:issue';
  // What an update changed, as the event says it: a path issue's new state needs no read then.
  const workChange = created ? undefined : workChangeOf(parsed.data as IssueEventBody);
  await handleIssueChange(
    {
      created,
      issueId: issue.id,
      issueTypeId: issue.fields?.issuetype?.id,
      ...(atlassianId ? { actorAccountId: atlassianId } : {}),
      ...(changelog ? { changelog: changelog.items } : {}),
      ...(workChange ? { workChange } : {}),
    },
    now,
    invocationId,
  );
}

/** avi:jira:deleted:issue: a pilot, or an issue of one, deleted (one event per sub-task, then the parent). */
export async function onIssueDeleted(event: unknown): Promise<void> {
  const parsed = issueEventSchema.safeParse(event);
  if (!parsed.success) return;
  const { issue, atlassianId } = parsed.data;
  await handleIssueDeletion(
    {
      issueId: issue.id,
      issueTypeId: issue.fields?.issuetype?.id,
      ...(atlassianId ? { actorAccountId: atlassianId } : {}),
    },
    new Date(),
  );
}

/** avi:jira:created:issuelink and avi:jira:deleted:issuelink: data-access tickets joining or leaving a pilot. */
export async function onIssueLinkChanged(event: unknown): Promise<void> {
  const parsed = linkEventSchema.safeParse(event);
  if (!parsed.success) return;
  const { eventType, sourceIssueId, destinationIssueId, issueLinkType } = parsed.data;
  await handleDataAccessLinkChange(
    {
      created: eventType === 'avi:jira:created:issuelink',
      linkTypeName: issueLinkType.name,
      issueIds: [sourceIssueId, destinationIssueId],
    },
    new Date(),
  );
}
