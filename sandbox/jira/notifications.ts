/**
 * Who Jira's email notifications reach, shared by `POST /issue/{key}/notify` and the "Issue
 * updated" mail an edit sends (`PUT /issue/{key}`). The emulator keeps what it would send for
 * `GET /__sandbox/notifications` instead of mailing anyone.
 */
import type { RouteContext } from './context';
import type { ChangelogRecord, IssueRecord } from './model';
import { Access } from './permissions';

/**
 * Who watches an issue: people autowatch what they create, report or comment on (Jira's default
 * "Autowatch" preference); the emulator has no watch API, so that is all of them.
 */
export function watchersOf(issue: IssueRecord): string[] {
  return [issue.creatorId, issue.reporterId, ...issue.comments.map((c) => c.authorAccountId)].filter(
    (id): id is string => id !== null,
  );
}

/** Whether Jira mails this person about the issue at all: an active person who can browse it. */
export function reachable(ctx: RouteContext, issue: IssueRecord, accountId: string): boolean {
  const user = ctx.store.users.get(accountId);
  if (!user || !user.active || user.accountType !== 'atlassian') return false;
  return new Access(
    ctx.store,
    { kind: 'user', accountId, viaApp: false },
    { authenticate: false },
  ).canSeeIssue(issue);
}

/**
 * `notifyUsers=false` on an edit: "To disable the notification, administer Jira or administer
 * project permissions are required. If the user doesn't have the necessary permission the request is
 * ignored" (the Jira platform OpenAPI description, operation `editIssue`). The app (`asApp()`) holds
 * Administer Jira in the emulator (permissions.ts; why: docs/forge-notes.md).
 */
export function mayMuteNotifications(ctx: RouteContext, issue: IssueRecord): boolean {
  return ctx.access.isAdmin || ctx.access.can('ADMINISTER_PROJECTS', issue.projectId);
}

/**
 * The "Issue updated" mail of Jira's Default Notification Scheme (Current Assignee, Reporter, All
 * Watchers), less the person who made the change (Jira's default "notify me of my own changes" is
 * off) and those Jira never mails (reachable). Nothing is recorded when nobody is left.
 */
export function notifyIssueUpdated(ctx: RouteContext, issue: IssueRecord, change: ChangelogRecord): void {
  const named = new Set(
    [issue.assigneeId, issue.reporterId, ...watchersOf(issue)].filter((id): id is string => id !== null),
  );
  const to = [...named].filter(
    (accountId) => accountId !== ctx.access.accountId && reachable(ctx, issue, accountId),
  );
  if (to.length === 0) return;
  ctx.sendNotification({
    issue: issue.key,
    to,
    subject: `${issue.key}: ${issue.summary}`,
    at: ctx.now.toISOString(),
    reason: 'issue updated',
    changed: change.items.map((item) => item.field),
  });
}
