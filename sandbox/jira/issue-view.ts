/**
 * The IssueBean Jira returns from GET issue and search: `fields` narrowed by the `fields`
 * parameter, `properties` by the `properties` parameter, and `changelog`/`names` on `expand`.
 */
import type { ChangelogRecord, CommentRecord, IssueRecord } from './model';
import type { Json, Representations } from './representations';

export interface FieldSelection {
  /** Field ids to return; `null` means only the issue id (search's default). */
  include: Set<string> | null;
}

/**
 * Resolves Jira's `fields` syntax: `*all`, `*navigable`, field ids, and `-id` to exclude.
 * `idOnlyDefault` is search/jql's default (fields=id); GET issue's default is `*all`.
 */
export function selectFields(
  tokens: string[],
  allFieldIds: string[],
  navigableIds: string[],
  idOnlyDefault: boolean,
): FieldSelection {
  const values = tokens.map((token) => token.trim()).filter((token) => token.length > 0);
  if (values.length === 0) return idOnlyDefault ? { include: null } : { include: new Set(allFieldIds) };
  const include = new Set<string>();
  const exclude = new Set<string>();
  let idOnly = true;
  for (const value of values) {
    if (value === '*all') {
      allFieldIds.forEach((id) => include.add(id));
      idOnly = false;
    } else if (value === '*navigable') {
      navigableIds.forEach((id) => include.add(id));
      idOnly = false;
    } else if (value.startsWith('-')) {
      exclude.add(value.slice(1));
    } else if (value === 'id') {
      continue;
    } else {
      include.add(value === 'key' ? 'issuekey' : value);
      idOnly = false;
    }
  }
  if (idOnly && idOnlyDefault) return { include: null };
  exclude.forEach((id) => include.delete(id));
  return { include };
}

export interface PropertySelection {
  all: boolean;
  keys: Set<string>;
  excluded: Set<string>;
}

export function selectProperties(tokens: string[]): PropertySelection {
  const selection: PropertySelection = { all: false, keys: new Set(), excluded: new Set() };
  for (const raw of tokens) {
    const token = raw.trim();
    if (!token || token === 'null') continue;
    if (token === '*all') selection.all = true;
    else if (token.startsWith('-')) selection.excluded.add(token.slice(1));
    else selection.keys.add(token);
  }
  return selection;
}

export interface IssueViewOptions {
  fields: FieldSelection;
  properties: PropertySelection;
  expand: Set<string>;
}

export class IssueView {
  constructor(private readonly rep: Representations) {}

  render(issue: IssueRecord, options: IssueViewOptions): Json {
    const bean: Json = {};
    const expandable = [
      'renderedFields',
      'names',
      'schema',
      'operations',
      'editmeta',
      'changelog',
      'versionedRepresentations',
    ];
    if (options.fields.include === null) {
      bean['id'] = issue.id;
    } else {
      bean['expand'] = expandable.join(',');
      bean['id'] = issue.id;
      bean['self'] = this.rep.url(`/rest/api/3/issue/${issue.id}`);
      bean['key'] = issue.key;
      const fields: Json = {};
      for (const fieldId of options.fields.include) {
        if (fieldId === 'issuekey') continue;
        const value = this.fieldValue(issue, fieldId);
        if (value !== undefined) fields[fieldId] = value;
      }
      bean['fields'] = fields;
      Object.assign(bean, this.fieldDescriptions(Object.keys(fields), options.expand));
    }
    const properties = this.properties(issue, options.properties);
    if (properties) bean['properties'] = properties;
    if (options.expand.has('changelog')) {
      const histories = [...issue.changelog].reverse().map((entry) => this.history(entry));
      bean['changelog'] = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
    }
    return bean;
  }

  /**
   * `names` (each field's display name) and `schema` (each field's JsonTypeBean) for the fields
   * listed, when `expand` asks for them: on the issue for GET issue, once at the top of a search.
   */
  fieldDescriptions(fieldIds: Iterable<string>, expand: ReadonlySet<string>): Json {
    const fields = [...fieldIds].flatMap((id) => this.rep.store.fields.get(id) ?? []);
    return {
      ...(expand.has('names')
        ? { names: Object.fromEntries(fields.map((field) => [field.id, field.name])) }
        : {}),
      ...(expand.has('schema')
        ? { schema: Object.fromEntries(fields.map((field) => [field.id, { ...field.schema }])) }
        : {}),
    };
  }

  private properties(issue: IssueRecord, selection: PropertySelection): Json | undefined {
    if (!selection.all && selection.keys.size === 0) return undefined;
    const result: Json = {};
    for (const [key, value] of issue.properties) {
      if (selection.excluded.has(key)) continue;
      if (selection.all || selection.keys.has(key)) result[key] = value;
    }
    return result;
  }

  /**
   * A changelog history. The description types every ChangeDetails member as a (non-null) string,
   * so an empty `from`/`to` is left out rather than sent as null.
   */
  history(entry: ChangelogRecord): Json {
    return {
      id: entry.id,
      author: this.rep.userById(entry.authorAccountId),
      created: this.rep.dateTime(entry.created),
      items: entry.items.map((item) =>
        Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null)),
      ),
    };
  }

  comment(issue: IssueRecord, comment: CommentRecord): Json {
    const author = this.rep.userById(comment.authorAccountId);
    return {
      self: this.rep.url(`/rest/api/3/issue/${issue.id}/comment/${comment.id}`),
      id: comment.id,
      author,
      body: comment.body,
      updateAuthor: author,
      created: this.rep.dateTime(comment.created),
      updated: this.rep.dateTime(comment.updated),
      jsdPublic: true,
    };
  }

  /** The REST value of one field, or undefined when Jira leaves the field out. */
  fieldValue(issue: IssueRecord, fieldId: string): unknown {
    const { store } = this.rep;
    switch (fieldId) {
      case 'summary':
        return issue.summary;
      case 'description':
        return issue.description ?? null;
      case 'issuetype':
        return this.rep.issueType(store.issueType(issue));
      case 'project':
        return this.rep.projectSummary(store.project(issue));
      case 'parent': {
        const parent = issue.parentId ? store.issues.get(issue.parentId) : undefined;
        return parent ? this.rep.linkedIssue(parent) : undefined;
      }
      case 'status':
        return this.rep.status(store.status(issue));
      case 'statusCategory':
        return this.rep.statusCategory(store.status(issue).categoryKey);
      case 'resolution': {
        const resolution = issue.resolutionId ? store.resolutions.get(issue.resolutionId) : undefined;
        return resolution ? this.rep.resolution(resolution) : null;
      }
      case 'resolutiondate':
        return issue.resolutionDate === null ? null : this.rep.dateTime(issue.resolutionDate);
      case 'priority': {
        const priority = issue.priorityId ? store.priorities.get(issue.priorityId) : undefined;
        return priority ? this.rep.priority(priority) : null;
      }
      case 'assignee':
        return this.rep.userById(issue.assigneeId);
      case 'reporter':
        return this.rep.userById(issue.reporterId);
      case 'creator':
        return this.rep.userById(issue.creatorId);
      case 'labels':
        return [...issue.labels];
      case 'duedate':
        return issue.dueDate;
      case 'security': {
        const level = issue.securityLevelId ? store.securityLevels.get(issue.securityLevelId) : undefined;
        return level ? this.rep.securityLevel(level) : null;
      }
      case 'created':
        return this.rep.dateTime(issue.created);
      case 'updated':
        return this.rep.dateTime(issue.updated);
      case 'statuscategorychangedate':
        return this.rep.dateTime(issue.statusCategoryChangeDate);
      case 'issuelinks':
        return this.issueLinks(issue);
      case 'subtasks':
        return store
          .children(issue.id)
          .filter((child) => store.issueType(child).hierarchyLevel === -1)
          .map((child) => this.rep.linkedIssue(child));
      case 'comment':
        return {
          comments: issue.comments.map((comment) => this.comment(issue, comment)),
          self: this.rep.url(`/rest/api/3/issue/${issue.id}/comment`),
          maxResults: issue.comments.length,
          total: issue.comments.length,
          startAt: 0,
        };
      default:
        return this.customFieldValue(issue, fieldId);
    }
  }

  private customFieldValue(issue: IssueRecord, fieldId: string): unknown {
    const field = this.rep.store.fields.get(fieldId);
    if (!field?.custom) return undefined;
    const value = issue.customFields.get(fieldId);
    if (value === undefined || value === null) return null;
    if (field.kind === 'user') return this.rep.userById(String(value));
    return value;
  }

  issueLinks(issue: IssueRecord): Json[] {
    const { store } = this.rep;
    return store.linksOf(issue.id).flatMap((link) => {
      const type = store.linkTypes.get(link.typeId);
      if (!type) return [];
      const outward = link.sourceIssueId === issue.id;
      const other = store.issues.get(outward ? link.destinationIssueId : link.sourceIssueId);
      if (!other) return [];
      return [
        {
          id: link.id,
          self: this.rep.url(`/rest/api/3/issueLink/${link.id}`),
          type: this.rep.linkType(type),
          [outward ? 'outwardIssue' : 'inwardIssue']: this.rep.linkedIssue(other),
        },
      ];
    });
  }
}
