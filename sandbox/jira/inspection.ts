/**
 * Read-only snapshots of the site for tests, seeding checks and the control API: plain JSON
 * copies, so nothing a test holds can change the site.
 */
import { formatJiraDateTime } from './dates';
import type { ChangeItem } from './model';
import type { SiteStore } from './store';

export interface IssueSnapshot {
  id: string;
  key: string;
  projectKey: string;
  issueType: string;
  issueTypeId: string;
  summary: string;
  description: unknown;
  status: string;
  statusCategory: string;
  resolution: string | null;
  resolutionDate: string | null;
  priority: string | null;
  assigneeAccountId: string | null;
  reporterAccountId: string | null;
  labels: string[];
  dueDate: string | null;
  parentKey: string | null;
  created: string;
  updated: string;
  customFields: Record<string, unknown>;
  properties: Record<string, unknown>;
  changelog: { id: string; authorAccountId: string; created: string; items: ChangeItem[] }[];
  comments: { id: string; authorAccountId: string; body: unknown; created: string }[];
  remoteLinks: { id: number; globalId?: string; relationship?: string; object: Record<string, unknown> }[];
}

export interface IssueLinkSnapshot {
  id: string;
  type: string;
  /** Source: the request's inwardIssue; the link reads "source <outward> destination". */
  sourceKey: string;
  destinationKey: string;
}

export function issueSnapshot(store: SiteStore, id: string): IssueSnapshot | undefined {
  const issue = store.issues.get(id);
  if (!issue) return undefined;
  const status = store.status(issue);
  const snapshot: IssueSnapshot = {
    id: issue.id,
    key: issue.key,
    projectKey: store.project(issue).key,
    issueType: store.issueType(issue).name,
    issueTypeId: issue.issueTypeId,
    summary: issue.summary,
    description: issue.description,
    status: status.name,
    statusCategory: status.categoryKey,
    resolution: issue.resolutionId ? (store.resolutions.get(issue.resolutionId)?.name ?? null) : null,
    resolutionDate: issue.resolutionDate === null ? null : formatJiraDateTime(issue.resolutionDate),
    priority: issue.priorityId ? (store.priorities.get(issue.priorityId)?.name ?? null) : null,
    assigneeAccountId: issue.assigneeId,
    reporterAccountId: issue.reporterId,
    labels: [...issue.labels],
    dueDate: issue.dueDate,
    parentKey: issue.parentId ? (store.issues.get(issue.parentId)?.key ?? null) : null,
    created: formatJiraDateTime(issue.created),
    updated: formatJiraDateTime(issue.updated),
    customFields: Object.fromEntries(issue.customFields),
    properties: Object.fromEntries(issue.properties),
    changelog: issue.changelog.map((entry) => ({
      id: entry.id,
      authorAccountId: entry.authorAccountId,
      created: formatJiraDateTime(entry.created),
      items: entry.items,
    })),
    comments: issue.comments.map((comment) => ({
      id: comment.id,
      authorAccountId: comment.authorAccountId,
      body: comment.body,
      created: formatJiraDateTime(comment.created),
    })),
    remoteLinks: issue.remoteLinks,
  };
  return structuredClone(snapshot);
}

export function linkSnapshots(store: SiteStore): IssueLinkSnapshot[] {
  return [...store.links.values()].map((link) => ({
    id: link.id,
    type: store.linkTypes.get(link.typeId)?.name ?? link.typeId,
    sourceKey: store.issues.get(link.sourceIssueId)?.key ?? link.sourceIssueId,
    destinationKey: store.issues.get(link.destinationIssueId)?.key ?? link.destinationIssueId,
  }));
}
