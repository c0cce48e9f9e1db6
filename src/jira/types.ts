/** The subset of Jira Cloud REST v3 shapes the app reads, named as the API names them. */

export interface JiraStatus {
  id?: string;
  name: string;
  statusCategory: { key: 'new' | 'indeterminate' | 'done' | string };
}

export interface JiraUserRef {
  accountId: string;
  displayName?: string;
  active?: boolean;
}

export interface JiraIssueLink {
  id: string;
  type: { id?: string; name: string; inward: string; outward: string };
  inwardIssue?: { id: string; key: string };
  outwardIssue?: { id: string; key: string };
}

export interface JiraUser {
  accountId: string;
  accountType?: string;
  displayName?: string;
  active?: boolean;
  timeZone?: string;
}

export interface JiraIssueFields {
  summary?: string;
  status?: JiraStatus;
  resolution?: { name: string } | null;
  resolutiondate?: string | null;
  /** When the issue last changed status category (e.g. reached done), set whatever the workflow does. */
  statuscategorychangedate?: string | null;
  assignee?: JiraUserRef | null;
  reporter?: JiraUserRef | null;
  duedate?: string | null;
  /** The issue security level: only its members see the issue. */
  security?: { id: string; name?: string } | null;
  created?: string;
  updated?: string;
  issuetype?: { id: string; name: string; subtask?: boolean; hierarchyLevel?: number };
  project?: { id: string; key: string; name?: string };
  parent?: { id: string; key: string };
  issuelinks?: JiraIssueLink[];
  subtasks?: Array<{ id: string; key: string }>;
  [customField: string]: unknown;
}

export interface JiraIssue {
  id: string;
  key: string;
  fields: JiraIssueFields;
  properties?: Record<string, unknown>;
}

export interface SearchPage {
  issues: JiraIssue[];
  nextPageToken?: string;
  isLast?: boolean;
}

export interface CreatedIssue {
  id: string;
  key: string;
  self?: string;
}

export interface BulkCreateResponse {
  issues: CreatedIssue[];
  errors: Array<{
    status: number;
    failedElementNumber: number;
    elementErrors: { errorMessages?: string[]; errors?: Record<string, string> };
  }>;
}

export interface IssueUpdate {
  fields: Record<string, unknown>;
  update?: Record<string, unknown>;
  properties?: Array<{ key: string; value: unknown }>;
}

export interface RemoteLink {
  id: number;
  globalId?: string;
  relationship?: string;
  object: {
    url: string;
    title: string;
    summary?: string;
    status?: { resolved?: boolean; icon?: { title?: string } };
  };
}
