/**
 * The JSON shapes Jira returns for users, projects, issue types, statuses and links. One function
 * per shape, so a route and the issue renderer give the same object for the same thing.
 */
import type {
  IssueRecord,
  IssueTypeRecord,
  LinkTypeRecord,
  PriorityRecord,
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

  project(project: ProjectRecord): Json {
    const lead = this.store.users.get(project.leadAccountId);
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...this.projectSummary(project),
      description: project.description,
      ...(lead ? { lead: this.user(lead) } : {}),
      components: [],
      issueTypes: this.store.projectIssueTypes(project).map((type) => this.issueType(type)),
      assigneeType: 'UNASSIGNED',
      versions: [],
      roles: {},
      style: project.style,
      isPrivate: false,
      properties: {},
      uuid: project.uuid,
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
