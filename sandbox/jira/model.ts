/**
 * The records the emulated site keeps in memory. Names follow the REST API's own names so a reader
 * can map a record to the JSON Jira returns. Instants are epoch milliseconds; calendar dates are
 * `YYYY-MM-DD` strings.
 */

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface UserRecord {
  accountId: string;
  displayName: string;
  active: boolean;
  accountType: 'atlassian' | 'app';
  /** The zone of the person's profile; absent: the site's default zone (behaviour `siteTimeZone`). */
  timeZone?: string;
}

export interface StatusCategoryRecord {
  id: number;
  key: StatusCategoryKey;
  name: string;
  colorName: string;
}

export interface StatusRecord {
  id: string;
  name: string;
  description: string;
  categoryKey: StatusCategoryKey;
}

/** A global workflow transition ("any status → target"), the shape of Jira's simplified workflow. */
export interface TransitionRecord {
  id: string;
  name: string;
  toStatusId: string;
  /** Field ids on the transition screen (empty: no screen). */
  screenFields: string[];
}

export interface ResolutionRecord {
  id: string;
  name: string;
  description: string;
}

/**
 * An issue security level (Jira's issue security schemes, reduced to what a reader meets): an issue at
 * a level is seen only by the level's members, whatever else they may browse; the app sees every issue.
 */
export interface SecurityLevelRecord {
  id: string;
  name: string;
  description: string;
  memberAccountIds: Set<string>;
}

export interface PriorityRecord {
  id: string;
  name: string;
  statusColor: string;
}

export interface IssueTypeRecord {
  id: string;
  name: string;
  description: string;
  /** 1 epic, 0 standard, -1 sub-task. */
  hierarchyLevel: number;
  avatarId: number;
  entityId: string;
  /** Set for a team-managed project's own issue type. */
  scopeProjectId?: string;
}

export interface IssueTypeSchemeRecord {
  id: string;
  name: string;
  isDefault: boolean;
  defaultIssueTypeId?: string;
  issueTypeIds: string[];
}

export interface ProjectRecord {
  id: string;
  key: string;
  name: string;
  description: string;
  /** `classic` is company-managed, `next-gen` team-managed. */
  style: 'classic' | 'next-gen';
  /** Company-managed projects take their issue types from a scheme; team-managed ones own theirs. */
  issueTypeSchemeId?: string;
  leadAccountId: string;
  uuid: string;
  /** Sub-tasks can be created in this project (a test can switch it off). */
  subtasksEnabled: boolean;
  /** Fields that are not on this project's create/edit screens. */
  hiddenFieldIds: Set<string>;
  /**
   * Its workflow offers no transition into the done category (a custom workflow some real projects
   * have: closing takes a step the app cannot take, e.g. an approval). Absent: the simplified workflow.
   */
  noTransitionToDone?: boolean;
  /**
   * Its transition into done has no Resolution on its screen and no post function setting one, so
   * its done issues stay unresolved: what team-managed projects do (they have no Resolution field).
   */
  doneWithoutResolution?: boolean;
  nextIssueNumber: number;
}

export interface LinkTypeRecord {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export type CustomFieldKind = 'number' | 'user' | 'date' | 'string' | 'datetime';

export interface FieldRecord {
  id: string;
  key: string;
  name: string;
  custom: boolean;
  navigable: boolean;
  orderable: boolean;
  searchable: boolean;
  clauseNames: string[];
  schema: { type: string; items?: string; system?: string; custom?: string; customId?: number };
  /** Custom fields only: the value type. */
  kind?: CustomFieldKind;
  /** Forge custom fields: the manifest module key; only the app may write their values via /app/field. */
  appModuleKey?: string;
  /** Read-only Forge fields are on no screen: only `/rest/api/3/app/field/.../value` sets them. */
  readOnly?: boolean;
}

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangelogRecord {
  id: string;
  authorAccountId: string;
  created: number;
  items: ChangeItem[];
}

export interface CommentRecord {
  id: string;
  authorAccountId: string;
  body: unknown;
  created: number;
  updated: number;
}

export interface RemoteLinkRecord {
  id: number;
  globalId?: string;
  application?: Record<string, unknown>;
  relationship?: string;
  object: Record<string, unknown>;
}

export interface IssueRecord {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  /** Atlassian Document Format, or null. */
  description: unknown;
  statusId: string;
  statusCategoryChangeDate: number;
  resolutionId: string | null;
  resolutionDate: number | null;
  priorityId: string | null;
  assigneeId: string | null;
  reporterId: string | null;
  creatorId: string;
  labels: string[];
  /** The issue's security level (`security` field); null or absent: everyone who may browse sees it. */
  securityLevelId?: string | null;
  dueDate: string | null;
  parentId: string | null;
  created: number;
  updated: number;
  /** Custom field values by field id: number, `YYYY-MM-DD`, ISO date-time, account id or string. */
  customFields: Map<string, unknown>;
  properties: Map<string, unknown>;
  changelog: ChangelogRecord[];
  comments: CommentRecord[];
  remoteLinks: RemoteLinkRecord[];
}

/** Source and destination as Jira stores them: the request's inwardIssue is the source. */
export interface IssueLinkRecord {
  id: string;
  typeId: string;
  sourceIssueId: string;
  destinationIssueId: string;
}

/** A `jira:entityProperty` index entry: which property values JQL can search. */
export interface IndexedPropertyPath {
  propertyKey: string;
  path: string;
  type: 'number' | 'string' | 'text' | 'date' | 'user';
}
