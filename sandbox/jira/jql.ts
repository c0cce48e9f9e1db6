/**
 * Evaluates JQL against the site's issues: which issues match, in which order.
 *
 * Supported fields: project, issuetype/type, parent, key/issuekey/issue, id, status, statusCategory,
 * resolution, priority, labels, assignee/reporter/creator (account ids), created, updated,
 * resolutiondate/resolved, duedate/due, statusCategoryChangedDate, custom fields of type number,
 * date and user (`cf[10040]` or their name), and `issue.property[key].path` for the paths indexed
 * by the app's `jira:entityProperty` module. Operators: = != < <= > >= IN, NOT IN, IS (NOT) EMPTY,
 * AND, OR, NOT, parentheses; ORDER BY. Jira's semantics kept: `!=` and NOT IN never match an empty
 * field; a value that does not exist (unknown project, status, issue key) is a 400, not an empty result;
 * `=` and IN match a value exactly (the same string or number), as Jira's index matches terms.
 *
 * A query is answered from the site's index (issue-table.ts), never by reading every issue when it
 * need not: every `=` or IN clause on an indexed field (project, issuetype, status, statusCategory,
 * parent, key, id, labels, an indexed property path) gives the ids that can match; AND intersects
 * them, OR unites them (when each side has some). Only those candidates are tested against the whole
 * query, so the answer is the one a scan of every issue gives; a query no index serves (only `!=`,
 * NOT, EMPTY, ranges, other fields) is answered by that scan.
 */
import { parseJqlDate } from './dates';
import { badRequest } from './errors';
import { findField } from './field-catalog';
import type { FieldRef, JqlAst, JqlNode, Operand, Operator } from './jql-parse';
import { parseJql } from './jql-parse';
import type { Attribute, IndexValue, IssueLookup } from './issue-table';
import { calendarDateMs, propertyAttribute, propertyValues } from './issue-table';
import type { IssueRecord } from './model';
import type { Access } from './permissions';
import type { SiteStore } from './store';

export interface JqlEnvironment {
  store: SiteStore;
  access: Access;
  now: Date;
}

type Value = IndexValue;

interface FieldEvaluator {
  /** The field as the query names it (for messages). */
  name: string;
  operators: ReadonlySet<Operator>;
  /** The values a literal stands for (`EMPTY` for a word meaning empty); throws a 400 when the value does not exist. */
  resolve(text: string): Value[] | 'EMPTY';
  /** The issue's values for this field ([] is EMPTY). */
  values(issue: IssueRecord): Value[];
  /** For ORDER BY; null sorts last ascending. */
  sortValue(issue: IssueRecord): Value | null;
  /**
   * The ids of every issue holding one of these values, from the index (more may come back, never
   * fewer; read only); absent when no index serves the field.
   */
  candidates?(values: Value[]): ReadonlySet<string>;
}

const EQUALITY: ReadonlySet<Operator> = new Set(['=', '!=', 'in', 'not in', 'is', 'is not']);
const ORDERED: ReadonlySet<Operator> = new Set([...EQUALITY, '<', '<=', '>', '>=']);

const UNSUPPORTED_FIELDS = new Set([
  'summary',
  'description',
  'text',
  'comment',
  'environment',
  'fixversion',
  'affectedversion',
  'component',
  'sprint',
  'watcher',
  'watchers',
  'voter',
  'votes',
  'attachments',
  'worklogdate',
  'timespent',
  'level',
  'filter',
  'lastviewed',
  'rank',
  'epic link',
  'issuelink',
  'issuelinktype',
  'subtasks',
]);

function noValue(value: string, field: string): never {
  throw badRequest([`The value '${value}' does not exist for the field '${field}'.`]);
}

/** Whether a JQL value names this record: its id, or its name in any case. */
function isNamed(record: { id: string; name: string }, text: string): boolean {
  return record.id === text || record.name.toLowerCase() === text.toLowerCase();
}

function single<T>(value: T | null | undefined): T[] {
  return value === null || value === undefined ? [] : [value];
}

function dateResolver(field: string, env: JqlEnvironment, dateOnly: boolean): (text: string) => number[] {
  return (text) => {
    const parsed = parseJqlDate(text, env.now);
    if (parsed === null) {
      throw badRequest([
        `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
      ]);
    }
    return [dateOnly ? Math.floor(parsed / 86_400_000) * 86_400_000 : parsed];
  };
}

function keyOrder(env: JqlEnvironment, issue: IssueRecord): string {
  const [, number = '0'] = issue.key.split('-');
  return `${env.store.project(issue).key}-${number.padStart(12, '0')}`;
}

/** Candidates from one index attribute: the issues holding any of the values. */
function indexed(issues: IssueLookup, attribute: Attribute): (values: Value[]) => ReadonlySet<string> {
  return (values) => union(values.map((value) => issues.idsWith(attribute, value)));
}

/** Candidates named by id: those that exist. */
function existing(issues: IssueLookup): (values: Value[]) => ReadonlySet<string> {
  return (values) => new Set(values.map(String).filter((id) => issues.has(id)));
}

function evaluator(ref: FieldRef, env: JqlEnvironment): FieldEvaluator {
  const { store } = env;
  const issues = store.issueLookup;
  if (ref.kind === 'property') return propertyEvaluator(ref, env);
  if (ref.kind === 'custom') return customEvaluator(`customfield_${ref.id}`, ref.text, env);
  const name = ref.name;
  const lower = name.toLowerCase();
  const simple = (
    operators: ReadonlySet<Operator>,
    resolve: (text: string) => Value[] | 'EMPTY',
    values: (issue: IssueRecord) => Value[],
    sortValue: (issue: IssueRecord) => Value | null = (issue) => values(issue)[0] ?? null,
    candidates?: (values: Value[]) => ReadonlySet<string>,
  ): FieldEvaluator => ({
    name,
    operators,
    resolve,
    values,
    sortValue,
    ...(candidates ? { candidates } : {}),
  });

  switch (lower) {
    case 'project':
      return simple(
        EQUALITY,
        (text) => {
          const lowerText = text.toLowerCase();
          const project = [...store.projects.values()].find(
            (candidate) =>
              candidate.id === text ||
              candidate.key.toLowerCase() === lowerText ||
              candidate.name.toLowerCase() === lowerText,
          );
          return project && env.access.canBrowse(project) ? [project.id] : noValue(text, 'project');
        },
        (issue) => [issue.projectId],
        (issue) => store.project(issue).key,
        indexed(issues, 'project'),
      );
    case 'issuetype':
    case 'type':
      return simple(
        EQUALITY,
        (text) => {
          const ids = [...store.issueTypes.values()]
            .filter((type) => isNamed(type, text))
            .filter((type) => type.scopeProjectId === undefined || env.access.canBrowse(type.scopeProjectId))
            .map((type) => type.id);
          return ids.length > 0 ? ids : noValue(text, 'issuetype');
        },
        (issue) => [issue.issueTypeId],
        (issue) => store.issueType(issue).name,
        indexed(issues, 'type'),
      );
    case 'status':
      return simple(
        EQUALITY,
        (text) => {
          const ids = [...store.statuses.values()]
            .filter((status) => isNamed(status, text))
            .map((status) => status.id);
          return ids.length > 0 ? ids : noValue(text, 'status');
        },
        (issue) => [issue.statusId],
        (issue) => store.status(issue).name,
        indexed(issues, 'status'),
      );
    case 'statuscategory':
      return simple(
        EQUALITY,
        (text) => {
          const category = [...store.statusCategories.values()].find(
            (candidate) =>
              String(candidate.id) === text ||
              candidate.key === text.toLowerCase() ||
              candidate.name.toLowerCase() === text.toLowerCase(),
          );
          return category ? [category.key] : noValue(text, 'statusCategory');
        },
        (issue) => [store.status(issue).categoryKey],
        undefined,
        (keys) =>
          union(
            [...store.statuses.values()]
              .filter((status) => keys.includes(status.categoryKey))
              .map((status) => issues.idsWith('status', status.id)),
          ),
      );
    case 'resolution':
      return simple(
        EQUALITY,
        (text) => {
          if (text.toLowerCase() === 'unresolved') return 'EMPTY';
          const resolution = [...store.resolutions.values()].find((candidate) => isNamed(candidate, text));
          return resolution ? [resolution.id] : noValue(text, 'resolution');
        },
        (issue) => single(issue.resolutionId),
      );
    case 'priority':
      return simple(
        EQUALITY,
        (text) => {
          const priority = [...store.priorities.values()].find((candidate) => isNamed(candidate, text));
          return priority ? [priority.id] : noValue(text, 'priority');
        },
        (issue) => single(issue.priorityId),
        (issue) => (issue.priorityId ? Number(issue.priorityId) : null),
      );
    case 'parent':
      return simple(
        EQUALITY,
        (text) => {
          const parent = store.findIssue(text);
          return parent && env.access.canSeeIssue(parent) ? [parent.id] : noValue(text, 'parent');
        },
        (issue) => single(issue.parentId),
        undefined,
        indexed(issues, 'parent'),
      );
    case 'key':
    case 'issuekey':
    case 'issue':
      return simple(
        EQUALITY,
        (text) => {
          if (/^\d+$/.test(text)) return [text];
          const issue = store.findIssue(text);
          if (!issue || !env.access.canSeeIssue(issue)) {
            throw badRequest([`An issue with key '${text}' does not exist for field '${name}'.`]);
          }
          return [issue.id];
        },
        (issue) => [issue.id],
        (issue) => keyOrder(env, issue),
        existing(issues),
      );
    case 'id':
      return simple(
        ORDERED,
        (text) => {
          if (!/^\d+$/.test(text)) throw badRequest([`The issue id '${text}' for field 'id' is invalid.`]);
          return [Number(text)];
        },
        (issue) => [Number(issue.id)],
        undefined,
        existing(issues),
      );
    case 'labels':
      return simple(
        EQUALITY,
        (text) => [text],
        (issue) => [...issue.labels],
        (issue) => [...issue.labels].sort()[0] ?? null,
        indexed(issues, 'label'),
      );
    case 'assignee':
    case 'reporter':
    case 'creator':
      return simple(
        EQUALITY,
        (text) => (store.users.has(text) ? [text] : noValue(text, lower)),
        (issue) =>
          single(
            lower === 'assignee'
              ? issue.assigneeId
              : lower === 'reporter'
                ? issue.reporterId
                : issue.creatorId,
          ),
        (issue) => {
          const id =
            lower === 'assignee'
              ? issue.assigneeId
              : lower === 'reporter'
                ? issue.reporterId
                : issue.creatorId;
          return id ? (store.users.get(id)?.displayName ?? id) : null;
        },
      );
    case 'created':
    case 'createddate':
      return simple(ORDERED, dateResolver(name, env, false), (issue) => [issue.created]);
    case 'updated':
    case 'updateddate':
      return simple(ORDERED, dateResolver(name, env, false), (issue) => [issue.updated]);
    case 'resolved':
    case 'resolutiondate':
      return simple(ORDERED, dateResolver(name, env, false), (issue) => single(issue.resolutionDate));
    case 'statuscategorychangeddate':
      return simple(ORDERED, dateResolver(name, env, false), (issue) => [issue.statusCategoryChangeDate]);
    case 'due':
    case 'duedate':
      return simple(ORDERED, dateResolver(name, env, true), (issue) => single(calendarDateMs(issue.dueDate)));
    default: {
      const custom = findField(store, name);
      if (custom?.custom) return customEvaluator(custom.id, name, env);
      if (UNSUPPORTED_FIELDS.has(lower)) {
        throw badRequest([`The field '${name}' is not supported in JQL by the sandbox's Jira emulator.`]);
      }
      throw badRequest([`Field '${name}' does not exist or you do not have permission to view it.`]);
    }
  }
}

function customEvaluator(fieldId: string, name: string, env: JqlEnvironment): FieldEvaluator {
  const field = env.store.fields.get(fieldId);
  if (!field?.custom)
    throw badRequest([`Field '${name}' does not exist or you do not have permission to view it.`]);
  const stored = (issue: IssueRecord): unknown => issue.customFields.get(fieldId);
  switch (field.kind) {
    case 'number':
      return {
        name,
        operators: ORDERED,
        resolve: (text) => {
          const number = Number(text);
          if (text.trim() === '' || Number.isNaN(number))
            throw badRequest([`'${text}' is not a valid number for field '${name}'.`]);
          return [number];
        },
        values: (issue) => single(typeof stored(issue) === 'number' ? (stored(issue) as number) : null),
        sortValue: (issue) => (typeof stored(issue) === 'number' ? (stored(issue) as number) : null),
      };
    case 'date':
    case 'datetime':
      return {
        name,
        operators: ORDERED,
        resolve: dateResolver(name, env, field.kind === 'date'),
        values: (issue) => single(calendarDateMs(stored(issue))),
        sortValue: (issue) => calendarDateMs(stored(issue)),
      };
    case 'user':
      return {
        name,
        operators: EQUALITY,
        resolve: (text) => (env.store.users.has(text) ? [text] : noValue(text, name)),
        values: (issue) => single(typeof stored(issue) === 'string' ? (stored(issue) as string) : null),
        sortValue: (issue) => (typeof stored(issue) === 'string' ? (stored(issue) as string) : null),
      };
    default:
      throw badRequest([
        `The field '${name}' (${field.kind ?? 'unknown type'}) is not supported in JQL by the sandbox's Jira emulator.`,
      ]);
  }
}

function propertyEvaluator(
  ref: Extract<FieldRef, { kind: 'property' }>,
  env: JqlEnvironment,
): FieldEvaluator {
  const index = env.store.indexedProperties.find(
    (candidate) => candidate.propertyKey === ref.propertyKey && candidate.path === ref.path,
  );
  if (!index)
    throw badRequest([`Field '${ref.text}' does not exist or you do not have permission to view it.`]);
  if (index.type === 'text') {
    throw badRequest([
      `The field '${ref.text}' is a text index: only '~' searches it, which the sandbox's Jira emulator does not support.`,
    ]);
  }
  const values = (issue: IssueRecord): Value[] => propertyValues(issue, index);
  return {
    name: ref.text,
    operators: index.type === 'number' || index.type === 'date' ? ORDERED : EQUALITY,
    resolve: (text) => {
      if (index.type === 'number') {
        const number = Number(text);
        if (text.trim() === '' || Number.isNaN(number))
          throw badRequest([`'${text}' is not a valid number for field '${ref.text}'.`]);
        return [number];
      }
      if (index.type === 'date') return dateResolver(ref.text, env, false)(text);
      return [text];
    },
    values,
    sortValue: (issue) => values(issue)[0] ?? null,
    candidates: indexed(env.store.issueLookup, propertyAttribute(index)),
  };
}

/** `String.prototype.localeCompare`'s order (the default locale), without looking a collator up each time. */
const collator = new Intl.Collator();

function compare(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Equality for `=` and IN: the same number, or the same string (the index's terms agree with it). */
function same(a: Value, b: Value): boolean {
  return typeof a === typeof b ? a === b : String(a) === String(b);
}

type Predicate = (issue: IssueRecord) => boolean;

/** The ids that can match (a superset of the matches), or null: every issue can. */
type Candidates = (() => ReadonlySet<string>) | null;

interface Compiled {
  matches: Predicate;
  candidates: Candidates;
}

function operandValues(operand: Operand, field: FieldEvaluator): { values: Value[]; empty: boolean } {
  if (operand.kind === 'empty') return { values: [], empty: true };
  if (operand.kind === 'value') {
    const resolved = field.resolve(operand.text);
    return resolved === 'EMPTY' ? { values: [], empty: true } : { values: resolved, empty: false };
  }
  const parts = operand.items.map((item) => operandValues(item, field));
  return { values: parts.flatMap((part) => part.values), empty: parts.some((part) => part.empty) };
}

function clause(node: Extract<JqlNode, { kind: 'clause' }>, env: JqlEnvironment): Compiled {
  const field = evaluator(node.field, env);
  const { operator } = node;
  if (!field.operators.has(operator)) {
    throw badRequest([
      `The operator '${operator.toUpperCase()}' is not supported by the '${field.name}' field.`,
    ]);
  }
  if (operator === 'is' || operator === 'is not') {
    if (node.operand.kind !== 'empty')
      throw badRequest([`The operator '${operator.toUpperCase()}' only supports EMPTY.`]);
    return {
      matches:
        operator === 'is'
          ? (issue) => field.values(issue).length === 0
          : (issue) => field.values(issue).length > 0,
      candidates: null,
    };
  }
  const isList = operator === 'in' || operator === 'not in';
  if (isList !== (node.operand.kind === 'list')) {
    throw badRequest([
      `The operator '${operator.toUpperCase()}' ${isList ? 'needs a list of values' : 'does not take a list'} for the field '${field.name}'.`,
    ]);
  }
  const target = operandValues(node.operand, field);
  const hit = (issue: IssueRecord): boolean =>
    field.values(issue).some((value) => target.values.some((t) => same(value, t)));
  switch (operator) {
    case '=':
    case 'in': {
      const fromIndex = field.candidates?.bind(field);
      return {
        matches: (issue) => hit(issue) || (target.empty && field.values(issue).length === 0),
        // EMPTY matches the issues without a value, which no index lists.
        candidates: fromIndex && !target.empty ? () => fromIndex(target.values) : null,
      };
    }
    case '!=':
    case 'not in':
      return {
        matches: (issue) => {
          const present = field.values(issue).length > 0;
          if (target.empty && !present) return false;
          return present && !hit(issue);
        },
        candidates: null,
      };
    default: {
      if (target.empty || target.values.length === 0)
        throw badRequest([`The operator '${operator}' needs a value for the field '${field.name}'.`]);
      const bound = target.values[0] as Value;
      const test =
        operator === '<'
          ? (c: number) => c < 0
          : operator === '<='
            ? (c: number) => c <= 0
            : operator === '>'
              ? (c: number) => c > 0
              : (c: number) => c >= 0;
      return {
        matches: (issue) => field.values(issue).some((value) => test(compare(value, bound))),
        candidates: null,
      };
    }
  }
}

function intersection(sets: ReadonlySet<string>[]): ReadonlySet<string> {
  const [smallest, ...others] = [...sets].sort((a, b) => a.size - b.size);
  if (!smallest) return new Set();
  if (others.length === 0) return smallest;
  const common = new Set<string>();
  for (const id of smallest) if (others.every((set) => set.has(id))) common.add(id);
  return common;
}

/** The ids in any of the sets (the set itself when there is one: callers only read). */
function union(sets: ReadonlySet<string>[]): ReadonlySet<string> {
  if (sets.length === 1 && sets[0]) return sets[0];
  const all = new Set<string>();
  for (const set of sets) for (const id of set) all.add(id);
  return all;
}

function compileNode(node: JqlNode, env: JqlEnvironment): Compiled {
  switch (node.kind) {
    case 'and': {
      const parts = node.children.map((child) => compileNode(child, env));
      const narrowing = parts.flatMap((part) => (part.candidates ? [part.candidates] : []));
      return {
        matches: (issue) => parts.every((part) => part.matches(issue)),
        candidates: narrowing.length > 0 ? () => intersection(narrowing.map((ids) => ids())) : null,
      };
    }
    case 'or': {
      const parts = node.children.map((child) => compileNode(child, env));
      const each = parts.flatMap((part) => (part.candidates ? [part.candidates] : []));
      return {
        matches: (issue) => parts.some((part) => part.matches(issue)),
        candidates: each.length === parts.length ? () => union(each.map((ids) => ids())) : null,
      };
    }
    case 'not': {
      const inner = compileNode(node.child, env);
      return { matches: (issue) => !inner.matches(issue), candidates: null };
    }
    case 'clause':
      return clause(node, env);
  }
}

export interface CompiledJql {
  matches: Predicate;
  /** The ids that can match, from the index; null when no index narrows the query. */
  candidates: Candidates;
  /** The issues in the query's order (a new array). */
  sort(issues: readonly IssueRecord[]): IssueRecord[];
}

/** Without ORDER BY the emulator sorts newest first (created DESC, then id DESC). */
export function compileAst(ast: JqlAst, env: JqlEnvironment): CompiledJql {
  if (!ast.where) {
    throw badRequest([
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    ]);
  }
  const { matches, candidates } = compileNode(ast.where, env);
  const sorts =
    ast.orderBy.length > 0
      ? ast.orderBy.map((sort) => ({ field: evaluator(sort.field, env), direction: sort.direction }))
      : [
          {
            field: evaluator({ kind: 'name', name: 'created', text: 'created' }, env),
            direction: 'desc' as const,
          },
        ];
  const tieBreak = sorts[0]?.direction === 'desc' ? -1 : 1;
  const compareKeys = (a: SortKeys, b: SortKeys): number => {
    for (const [index, sort] of sorts.entries()) {
      const left = a.values[index] ?? null;
      const right = b.values[index] ?? null;
      if (left === null && right === null) continue;
      // EMPTY sorts last ascending, first descending.
      if (left === null) return sort.direction === 'asc' ? 1 : -1;
      if (right === null) return sort.direction === 'asc' ? -1 : 1;
      const order = compare(left, right);
      if (order !== 0) return sort.direction === 'asc' ? order : -order;
    }
    return tieBreak * (Number(a.issue.id) - Number(b.issue.id));
  };
  return {
    matches,
    candidates,
    sort: (issues) =>
      issues
        .map((issue) => ({ issue, values: sorts.map((sort) => sort.field.sortValue(issue)) }))
        .sort(compareKeys)
        .map((keyed) => keyed.issue),
  };
}

/** An issue with its ORDER BY values, worked out once per search rather than once per comparison. */
interface SortKeys {
  issue: IssueRecord;
  values: (Value | null)[];
}

export function compileJql(jql: string, env: JqlEnvironment): CompiledJql {
  return compileAst(parseJql(jql), env);
}

/**
 * The issues the caller may see that match the query, in the query's order: the index's candidates
 * tested against the whole query, or (`scan`, or when no index narrows the query) every issue.
 */
export function searchIssues(
  jql: string,
  env: JqlEnvironment,
  strategy: 'index' | 'scan' = 'index',
): IssueRecord[] {
  const compiled = compileJql(jql, env);
  const issues = env.store.issueLookup;
  const tested =
    strategy === 'index' && compiled.candidates
      ? [...compiled.candidates()].flatMap((id) => issues.get(id) ?? [])
      : [...issues.values()];
  return compiled.sort(tested.filter((issue) => env.access.canSeeIssue(issue) && compiled.matches(issue)));
}
