/**
 * The in-memory state of one emulated Jira site, with the lookups every route needs.
 * Routes mutate records directly; the store only hands out ids and finds things. Issues and links
 * live in indexed tables (issue-table.ts), so finding an issue by key, an issue's children or links,
 * never reads every issue.
 */
import type { IssueLookup } from './issue-table';
import { IssueTable, LinkTable, byId } from './issue-table';
import type {
  FieldRecord,
  IndexedPropertyPath,
  IssueLinkRecord,
  IssueRecord,
  IssueTypeRecord,
  IssueTypeSchemeRecord,
  LinkTypeRecord,
  PriorityRecord,
  SecurityLevelRecord,
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

/** The tables of records a site keeps (everything but the id counters and the indexed paths). */
const TABLES = [
  'users',
  'statusCategories',
  'statuses',
  'resolutions',
  'priorities',
  'securityLevels',
  'issueTypes',
  'schemes',
  'projects',
  'linkTypes',
  'fields',
  'issues',
  'links',
  'grants',
] as const;

/** A site's whole state as plain data (Maps and Sets inside), for a sandbox snapshot (v8-serializable). */
export interface SiteStoreState {
  tables: Record<(typeof TABLES)[number], [string, unknown][]>;
  transitions: TransitionRecord[];
  defaultPriorityId: string;
  indexedProperties: IndexedPropertyPath[];
  counters: [string, number][];
}

export class SiteStore {
  readonly users = new Map<string, UserRecord>();
  readonly statusCategories = new Map<string, StatusCategoryRecord>();
  readonly statuses = new Map<string, StatusRecord>();
  readonly transitions: TransitionRecord[] = [];
  readonly resolutions = new Map<string, ResolutionRecord>();
  readonly priorities = new Map<string, PriorityRecord>();
  readonly securityLevels = new Map<string, SecurityLevelRecord>();
  defaultPriorityId = '3';
  readonly issueTypes = new Map<string, IssueTypeRecord>();
  readonly schemes = new Map<string, IssueTypeSchemeRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  readonly linkTypes = new Map<string, LinkTypeRecord>();
  readonly fields = new Map<string, FieldRecord>();
  /** A lagging search view of the site stands a read-only IssueLookup in here (search-index.ts). */
  readonly issues = new IssueTable();
  readonly links = new LinkTable();
  readonly grants = new Map<string, Grants>();
  private paths: IndexedPropertyPath[] = [];
  private readonly counters = new Map<CounterName, number>();

  constructor(counterStarts: Partial<Record<CounterName, number>> = {}) {
    for (const [name, start] of Object.entries(counterStarts)) this.counters.set(name as CounterName, start);
  }

  nextId(name: CounterName): string {
    const next = this.counters.get(name) ?? 10000;
    this.counters.set(name, next + 1);
    return String(next);
  }

  /** The `jira:entityProperty` index: which property paths JQL can search. */
  get indexedProperties(): IndexedPropertyPath[] {
    return this.paths;
  }

  set indexedProperties(paths: IndexedPropertyPath[]) {
    this.paths = paths;
    this.issues.setIndexedPaths(paths);
  }

  /** The issues, read through what both the live table and a lagging search view answer. */
  get issueLookup(): IssueLookup {
    return this.issues;
  }

  findIssue(idOrKey: string): IssueRecord | undefined {
    if (/^\d+$/.test(idOrKey)) return this.issueLookup.get(idOrKey);
    return this.issueLookup.byKey(idOrKey.toUpperCase());
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

  /** The issues whose parent is this issue, in creation order. */
  children(issueId: string): IssueRecord[] {
    const lookup = this.issueLookup;
    return [...lookup.idsWith('parent', issueId)].flatMap((id) => lookup.get(id) ?? []).sort(byId);
  }

  /** The links with this issue at either end, in creation order. */
  linksOf(issueId: string): IssueLinkRecord[] {
    return this.links.of(issueId);
  }

  findLinkType(ref: { id?: string; name?: string }): LinkTypeRecord | undefined {
    if (ref.id !== undefined) return this.linkTypes.get(ref.id);
    if (ref.name !== undefined) {
      const name = ref.name.toLowerCase();
      return [...this.linkTypes.values()].find((type) => type.name.toLowerCase() === name);
    }
    return undefined;
  }

  /** Everything the site holds, as plain data sharing the live records (serialize it at once). */
  exportState(): SiteStoreState {
    const tables = Object.fromEntries(
      TABLES.map((name) => [name, [...(this[name] as Map<string, unknown>).entries()]]),
    ) as SiteStoreState['tables'];
    return {
      tables,
      transitions: [...this.transitions],
      defaultPriorityId: this.defaultPriorityId,
      indexedProperties: this.paths.map((path) => ({ ...path })),
      counters: [...this.counters],
    };
  }

  /** Replaces everything the site holds with a state `exportState()` gave (the records are taken over). */
  importState(state: SiteStoreState): void {
    this.indexedProperties = state.indexedProperties.map((path) => ({ ...path }));
    for (const name of TABLES) {
      const table = this[name] as Map<string, unknown>;
      table.clear();
      // A snapshot taken before a table existed has none of its records.
      for (const [id, record] of state.tables[name] ?? []) table.set(id, record);
    }
    this.transitions.splice(0, this.transitions.length, ...state.transitions);
    this.defaultPriorityId = state.defaultPriorityId;
    this.counters.clear();
    for (const [name, next] of state.counters) this.counters.set(name as CounterName, next);
  }
}

export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Jira emulator: missing ${what}`);
  return value;
}
