/**
 * The JSON shapes Jira returns for users, projects, issue types, statuses and links. One function
 * per shape, so a route and the issue renderer give the same object for the same thing.
 */
import type {
  IssueRecord,
  IssueTypeRecord,
  LinkTypeRecord,
  PriorityRecord,
  SecurityLevelRecord,
  ProjectRecord,
  ResolutionRecord,
  StatusRecord,
  UserRecord,
} from './model';
import { SITE_TIME_ZONE } from '../contracts';
import { formatJiraDateTime } from './dates';
import type { SiteStore } from './store';

export type Json = Record<string, unknown>;

export class Representations {
  constructor(
    readonly store: SiteStore,
    readonly baseUrl: string,
    /** The caller's time zone: Jira writes every instant in it. */
    readonly timeZone: string = SITE_TIME_ZONE,
    /** The site's default zone: a person's zone when their profile sets none. */
    readonly siteTimeZone: string = SITE_TIME_ZONE,
  ) {}

  /** The zone Jira uses for this person: their profile's, else the site's default. */
  zoneOf(user: UserRecord): string {
    return user.timeZone ?? this.siteTimeZone;
  }

  /** An instant as Jira writes it to this caller (`2026-11-22T12:30:00.000+1300`). */
  dateTime(epochMs: number): string {
    return formatJiraDateTime(epochMs, this.timeZone);
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  avatarUrls(kind: 'user' | 'project', id: string): Record<string, string> {
    const path =
      kind === 'user'
        ? `/secure/useravatar?ownerId=${encodeURIComponent(id)}`
        : `/rest/api/3/universal_avatar/view/type/project/avatar/${id}`;
    const separator = path.includes('?') ? '&' : '?';
    return Object.fromEntries(
      ['48x48', '24x24', '16x16', '32x32'].map((size) => [size, this.url(`${path}${separator}size=${size}`)]),
    );
  }

  /** UserDetails: the user as embedded in issues, changelogs and comments. */
  user(user: UserRecord): Json {
    return {
      self: this.url(`/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`),
      accountId: user.accountId,
      accountType: user.accountType,
      avatarUrls: this.avatarUrls('user', user.accountId),
      displayName: user.displayName,
      active: user.active,
      timeZone: this.zoneOf(user),
    };
  }

  userById(accountId: string | null): Json | null {
    if (accountId === null) return null;
    const user = this.store.users.get(accountId);
    return user
      ? this.user(user)
      : { accountId, accountType: 'unknown', active: false, displayName: 'Former user' };
  }

  /** User: the full shape of GET /user and /myself. */
  fullUser(user: UserRecord): Json {
    return { ...this.user(user), locale: 'en_US', expand: 'groups,applicationRoles' };
  }

  projectSummary(project: ProjectRecord): Json {
    return {
      self: this.url(`/rest/api/3/project/${project.id}`),
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: 'software',
      simplified: project.style === 'next-gen',
      avatarUrls: this.avatarUrls('project', project.id),
    };
  }

  /**
   * Project: GET /project/{key} always includes description, lead and issue types (its description
   * says so); project search includes them only when `expand` asks. `url` is left out: no emulated
   * project has one. `projectKeys` is accepted but not rendered: the description's Project has no
   * such member. `canEdit` (`permissions`) is the caller's Administer Projects permission.
   */
  project(project: ProjectRecord, expand: ReadonlySet<string>, canEdit = false): Json {
    const lead = this.store.users.get(project.leadAccountId);
    const types = (): IssueTypeRecord[] => this.store.projectIssueTypes(project);
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...this.projectSummary(project),
      ...(expand.has('description') ? { description: project.description } : {}),
      ...(lead && expand.has('lead') ? { lead: this.user(lead) } : {}),
      components: [],
      ...(expand.has('issueTypes') ? { issueTypes: types().map((type) => this.issueType(type)) } : {}),
      assigneeType: 'UNASSIGNED',
      versions: [],
      roles: {},
      style: project.style,
      isPrivate: false,
      properties: {},
      uuid: project.uuid,
      ...(expand.has('permissions') ? { permissions: { canEdit } } : {}),
      ...(expand.has('insight') ? { insight: this.projectInsight(project) } : {}),
      ...(expand.has('issueTypeHierarchy') ? { issueTypeHierarchy: issueTypeHierarchy(types()) } : {}),
    };
  }

  private projectInsight(project: ProjectRecord): Json {
    const lookup = this.store.issueLookup;
    const issues = [...lookup.idsWith('project', project.id)].flatMap((id) => lookup.get(id) ?? []);
    const lastUpdate = Math.max(...issues.map((issue) => issue.updated));
    return {
      totalIssueCount: issues.length,
      ...(issues.length > 0 ? { lastIssueUpdateTime: this.dateTime(lastUpdate) } : {}),
    };
  }

  issueType(type: IssueTypeRecord): Json {
    return {
      self: this.url(`/rest/api/3/issuetype/${type.id}`),
      id: type.id,
      description: type.description,
      iconUrl: this.url(
        `/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.avatarId}?size=medium`,
      ),
      name: type.name,
      subtask: type.hierarchyLevel === -1,
      avatarId: type.avatarId,
      entityId: type.entityId,
      hierarchyLevel: type.hierarchyLevel,
      ...(type.scopeProjectId ? { scope: { type: 'PROJECT', project: { id: type.scopeProjectId } } } : {}),
    };
  }

  status(status: StatusRecord): Json {
    const category = this.store.category(status);
    return {
      self: this.url(`/rest/api/3/status/${status.id}`),
      description: status.description,
      iconUrl: this.url('/'),
      name: status.name,
      id: status.id,
      statusCategory: this.statusCategory(category.key),
    };
  }

  statusCategory(key: string): Json {
    const category = this.store.statusCategories.get(key);
    if (!category) return {};
    return {
      self: this.url(`/rest/api/3/statuscategory/${category.id}`),
      id: category.id,
      key: category.key,
      colorName: category.colorName,
      name: category.name,
    };
  }

  resolution(resolution: ResolutionRecord): Json {
    return {
      self: this.url(`/rest/api/3/resolution/${resolution.id}`),
      id: resolution.id,
      description: resolution.description,
      name: resolution.name,
    };
  }

  securityLevel(level: SecurityLevelRecord): Json {
    return {
      self: this.url(`/rest/api/3/securitylevel/${level.id}`),
      id: level.id,
      description: level.description,
      name: level.name,
    };
  }

  priority(priority: PriorityRecord): Json {
    return {
      self: this.url(`/rest/api/3/priority/${priority.id}`),
      iconUrl: this.url(`/images/icons/priorities/${priority.name.toLowerCase()}.svg`),
      name: priority.name,
      id: priority.id,
    };
  }

  linkType(type: LinkTypeRecord): Json {
    return {
      id: type.id,
      name: type.name,
      inward: type.inward,
      outward: type.outward,
      self: this.url(`/rest/api/3/issueLinkType/${type.id}`),
    };
  }

  /** LinkedIssue: the short form of an issue inside links, sub-tasks and parent. */
  linkedIssue(issue: IssueRecord): Json {
    const priority = issue.priorityId ? this.store.priorities.get(issue.priorityId) : undefined;
    return {
      id: issue.id,
      key: issue.key,
      self: this.url(`/rest/api/3/issue/${issue.id}`),
      fields: {
        summary: issue.summary,
        status: this.status(this.store.status(issue)),
        ...(priority ? { priority: this.priority(priority) } : {}),
        issuetype: this.issueType(this.store.issueType(issue)),
      },
    };
  }
}

const HIERARCHY_LEVEL_NAMES: Record<number, string> = { 1: 'Epic', 0: 'Base', [-1]: 'Subtask' };

/** The project's issue types by hierarchy level, highest first (Hierarchy of the description). */
function issueTypeHierarchy(types: IssueTypeRecord[]): Json {
  const levels = [...new Set(types.map((type) => type.hierarchyLevel))].sort((a, b) => b - a);
  return {
    levels: levels.map((level) => ({
      level,
      hierarchyLevelNumber: level,
      name: HIERARCHY_LEVEL_NAMES[level] ?? `Level ${level}`,
      issueTypeIds: types.filter((type) => type.hierarchyLevel === level).map((type) => Number(type.id)),
    })),
  };
}
