/**
 * The in-memory state of one emulated Jira site, with the lookups every route needs.
 * Routes mutate records directly; the store only hands out ids and finds things.
 */
import type {
  FieldRecord,
  IndexedPropertyPath,
  IssueLinkRecord,
  IssueRecord,
  IssueTypeRecord,
  IssueTypeSchemeRecord,
  LinkTypeRecord,
  PriorityRecord,
  ProjectRecord,
  ResolutionRecord,
  StatusCategoryRecord,
  StatusRecord,
  TransitionRecord,
  UserRecord,
} from './model';

export type PermissionKey = string;

/** What a person may do: global permissions and per-project permissions (by project id). */
export interface Grants {
  global: Set<PermissionKey>;
  projects: Map<string, Set<PermissionKey>>;
}

type CounterName =
  'issue' | 'changelog' | 'comment' | 'remoteLink' | 'issueLink' | 'issueType' | 'linkType' | 'field';

export class SiteStore {
  readonly users = new Map<string, UserRecord>();
  readonly statusCategories = new Map<string, StatusCategoryRecord>();
  readonly statuses = new Map<string, StatusRecord>();
  readonly transitions: TransitionRecord[] = [];
  readonly resolutions = new Map<string, ResolutionRecord>();
  readonly priorities = new Map<string, PriorityRecord>();
  defaultPriorityId = '3';
  readonly issueTypes = new Map<string, IssueTypeRecord>();
  readonly schemes = new Map<string, IssueTypeSchemeRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  readonly linkTypes = new Map<string, LinkTypeRecord>();
  readonly fields = new Map<string, FieldRecord>();
  readonly issues = new Map<string, IssueRecord>();
  readonly links = new Map<string, IssueLinkRecord>();
  readonly grants = new Map<string, Grants>();
  indexedProperties: IndexedPropertyPath[] = [];
  private readonly counters = new Map<CounterName, number>();

  constructor(counterStarts: Partial<Record<CounterName, number>> = {}) {
    for (const [name, start] of Object.entries(counterStarts)) this.counters.set(name as CounterName, start);
  }

  nextId(name: CounterName): string {
    const next = this.counters.get(name) ?? 10000;
    this.counters.set(name, next + 1);
    return String(next);
  }

  findIssue(idOrKey: string): IssueRecord | undefined {
    if (/^\d+$/.test(idOrKey)) return this.issues.get(idOrKey);
    const key = idOrKey.toUpperCase();
    for (const issue of this.issues.values()) if (issue.key === key) return issue;
    return undefined;
  }

  findProject(idOrKey: string): ProjectRecord | undefined {
    if (/^\d+$/.test(idOrKey)) return this.projects.get(idOrKey);
    for (const project of this.projects.values()) if (project.key === idOrKey) return project;
    return undefined;
  }

  project(issue: IssueRecord): ProjectRecord {
    return required(this.projects.get(issue.projectId), `project ${issue.projectId}`);
  }

  issueType(issue: IssueRecord): IssueTypeRecord {
    return required(this.issueTypes.get(issue.issueTypeId), `issue type ${issue.issueTypeId}`);
  }

  status(issue: IssueRecord): StatusRecord {
    return required(this.statuses.get(issue.statusId), `status ${issue.statusId}`);
  }

  category(status: StatusRecord): StatusCategoryRecord {
    return required(this.statusCategories.get(status.categoryKey), `status category ${status.categoryKey}`);
  }

  /** The issue types a project offers: its scheme's (company-managed) or its own (team-managed). */
  projectIssueTypes(project: ProjectRecord): IssueTypeRecord[] {
    const types =
      project.style === 'next-gen'
        ? [...this.issueTypes.values()].filter((type) => type.scopeProjectId === project.id)
        : (this.schemes.get(project.issueTypeSchemeId ?? '')?.issueTypeIds ?? [])
            .map((id) => this.issueTypes.get(id))
            .filter((type): type is IssueTypeRecord => type !== undefined);
    return project.subtasksEnabled ? types : types.filter((type) => type.hierarchyLevel !== -1);
  }

  defaultScheme(): IssueTypeSchemeRecord {
    return required(
      [...this.schemes.values()].find((scheme) => scheme.isDefault),
      'default issue type scheme',
    );
  }

  children(issueId: string): IssueRecord[] {
    return [...this.issues.values()].filter((issue) => issue.parentId === issueId);
  }

  linksOf(issueId: string): IssueLinkRecord[] {
    return [...this.links.values()].filter(
      (link) => link.sourceIssueId === issueId || link.destinationIssueId === issueId,
    );
  }

  findLinkType(ref: { id?: string; name?: string }): LinkTypeRecord | undefined {
    if (ref.id !== undefined) return this.linkTypes.get(ref.id);
    if (ref.name !== undefined) {
      const name = ref.name.toLowerCase();
      return [...this.linkTypes.values()].find((type) => type.name.toLowerCase() === name);
    }
    return undefined;
  }
}

export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Jira emulator: missing ${what}`);
  return value;
}
