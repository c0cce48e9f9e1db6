/**
 * Who may do what on the emulated site. The app (`asApp()`) holds every permission its scopes give
 * it; a person holds the global and project permissions seeded for them (seed.ts). Jira hides what a
 * caller may not browse: an issue or project they cannot see answers 404, never 403.
 */
import type { Caller } from '../contracts';
import { APP_ACCOUNT_ID } from '../contracts';
import { JiraError } from './errors';
import type { IssueRecord, ProjectRecord, SecurityLevelRecord, UserRecord } from './model';
import type { SiteStore } from './store';

export const PROJECT_PERMISSIONS: Record<string, string> = {
  BROWSE_PROJECTS: 'Browse Projects',
  CREATE_ISSUES: 'Create Issues',
  EDIT_ISSUES: 'Edit Issues',
  TRANSITION_ISSUES: 'Transition Issues',
  RESOLVE_ISSUES: 'Resolve Issues',
  CLOSE_ISSUES: 'Close Issues',
  LINK_ISSUES: 'Link Issues',
  ASSIGN_ISSUES: 'Assign Issues',
  ASSIGNABLE_USER: 'Assignable User',
  SCHEDULE_ISSUES: 'Schedule Issues',
  ADD_COMMENTS: 'Add Comments',
  EDIT_OWN_COMMENTS: 'Edit Own Comments',
  DELETE_ISSUES: 'Delete Issues',
  MODIFY_REPORTER: 'Modify Reporter',
  ADMINISTER_PROJECTS: 'Administer Projects',
  SET_ISSUE_SECURITY: 'Set Issue Security',
};

export const GLOBAL_PERMISSIONS: Record<string, string> = {
  ADMINISTER: 'Administer Jira',
  SYSTEM_ADMIN: 'Administer Jira system',
  USER_PICKER: 'Browse users and groups',
  CREATE_SHARED_OBJECTS: 'Share dashboards and filters',
  BULK_CHANGE: 'Make bulk changes',
};

/** The id of each permission key (what `GET /mypermissions` answers and a notification's `restrict` may name). */
export const PERMISSION_IDS: Record<string, string> = Object.fromEntries(
  [...Object.keys(GLOBAL_PERMISSIONS), ...Object.keys(PROJECT_PERMISSIONS)].map((key, index) => [
    key,
    String(index),
  ]),
);

export const STANDARD_PROJECT_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'RESOLVE_ISSUES',
  'CLOSE_ISSUES',
  'LINK_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'SCHEDULE_ISSUES',
  'ADD_COMMENTS',
  'EDIT_OWN_COMMENTS',
];

export const PROJECT_ADMIN_PERMISSIONS = [
  ...STANDARD_PROJECT_PERMISSIONS,
  'DELETE_ISSUES',
  'MODIFY_REPORTER',
  'ADMINISTER_PROJECTS',
  'SET_ISSUE_SECURITY',
];

export const NOT_AUTHENTICATED = 'Client must be authenticated to access this resource.';

/** The caller as the site sees them, with permission checks. */
export class Access {
  readonly accountId: string;
  readonly isApp: boolean;
  private readonly global: Set<string>;
  private readonly projects: Map<string, Set<string>>;
  private readonly securityLevels: ReadonlyMap<string, SecurityLevelRecord>;

  /** `authenticate: false` evaluates another person's permissions (an inactive one holds what was granted). */
  constructor(store: SiteStore, caller: Caller, options: { authenticate: boolean } = { authenticate: true }) {
    this.securityLevels = store.securityLevels;
    if (caller.kind === 'app') {
      this.accountId = APP_ACCOUNT_ID;
      this.isApp = true;
      this.global = new Set(Object.keys(GLOBAL_PERMISSIONS));
      this.projects = new Map(
        [...store.projects.keys()].map((id) => [id, new Set(Object.keys(PROJECT_PERMISSIONS))]),
      );
      return;
    }
    const user = store.users.get(caller.accountId);
    if (!user || (options.authenticate && !user.active)) throw new JiraError(401, [NOT_AUTHENTICATED]);
    const grants = store.grants.get(caller.accountId);
    this.accountId = caller.accountId;
    this.isApp = false;
    this.global = grants?.global ?? new Set();
    this.projects = grants?.projects ?? new Map();
  }

  hasGlobal(permission: string): boolean {
    return this.global.has(permission);
  }

  get isAdmin(): boolean {
    return this.global.has('ADMINISTER');
  }

  can(permission: string, projectId: string): boolean {
    return this.projects.get(projectId)?.has(permission) ?? false;
  }

  canBrowse(project: ProjectRecord | string): boolean {
    return this.can('BROWSE_PROJECTS', typeof project === 'string' ? project : project.id);
  }

  /** Browse projects on the issue's project, and membership of its security level if it has one. */
  canSeeIssue(issue: IssueRecord): boolean {
    if (!this.canBrowse(issue.projectId)) return false;
    if (!issue.securityLevelId || this.isApp) return true;
    return this.securityLevels.get(issue.securityLevelId)?.memberAccountIds.has(this.accountId) ?? false;
  }

  /** True when the permission is held in the project, or (no project) in at least one project. */
  holdsAnywhere(permission: string): boolean {
    return [...this.projects.values()].some((set) => set.has(permission));
  }
}

/** Whether a person can be assigned issues in a project (active, with the Assignable User permission). */
export function isAssignable(store: SiteStore, user: UserRecord, projectId: string): boolean {
  if (!user.active || user.accountType !== 'atlassian') return false;
  return store.grants.get(user.accountId)?.projects.get(projectId)?.has('ASSIGNABLE_USER') ?? false;
}
