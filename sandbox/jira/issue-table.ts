/**
 * The site's issues and issue links, indexed so that an issue key, an issue's children or links,
 * and the JQL clauses the app sends are answered without reading every issue (sandbox.md: at 10,000
 * pilots a site holds about 140,000 issues).
 *
 * Routes change issue records in place (they are written against plain records), so the table
 * cannot see a change as it happens. It sees which records a write was handed: between
 * `beginWrite()` and `endWrite()` (the site opens a write around every request that may change
 * something) every record the table hands out is noted, and the noted records are indexed again
 * before any indexed lookup in that write and once more when it ends. A record nobody was handed
 * cannot have changed; iterating the table inside a write hands out every record, so every record
 * is indexed again then. Outside a write nothing may change a record.
 *
 * Re-indexing a record first compares what its terms are made of (key, project, type, status,
 * parent, labels and the indexed property values, by identity: the routes replace a property's
 * value, never change it in place), so a record handed out but unchanged costs a few comparisons.
 *
 * With `preImages`, a write also keeps each noted record as it was when first handed out
 * (serialized), for the lagging search index (search-index.ts).
 */
import { serialize } from 'node:v8';
import type { IndexedPropertyPath, IssueLinkRecord, IssueRecord } from './model';

/** A value JQL compares: a string, or a number for number and date indexes. */
export type IndexValue = string | number;

/** What the index can answer: one of an issue's own attributes, or a `jira:entityProperty` path. */
export type Attribute = 'key' | 'project' | 'type' | 'parent' | 'status' | 'label' | PropertyAttribute;
export type PropertyAttribute = `property:${string}`;

export function propertyAttribute(
  index: Pick<IndexedPropertyPath, 'propertyKey' | 'path'>,
): PropertyAttribute {
  return `property:${JSON.stringify([index.propertyKey, index.path])}`;
}

const pathSegments = new Map<string, string[]>();

/** Values at a dotted path of a property value; arrays contribute each element (as Jira indexes them). */
function valuesAtPath(value: unknown, path: string): unknown[] {
  let segments = pathSegments.get(path);
  if (!segments) {
    segments = path.split('.').filter((segment) => segment.length > 0);
    pathSegments.set(path, segments);
  }
  let nodes: unknown[] = Array.isArray(value) ? value : [value];
  for (const part of segments) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (typeof node !== 'object' || node === null || !(part in node)) continue;
      const child = (node as Record<string, unknown>)[part];
      if (Array.isArray(child)) next.push(...(child as unknown[]));
      else next.push(child);
    }
    nodes = next;
  }
  return nodes;
}

/** A `YYYY-MM-DD` date (midnight UTC) or an ISO date-time as epoch ms; null when it is neither. */
export function calendarDateMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? null : ms;
}

/** The values JQL finds in an issue property at an indexed path, as `jira:entityProperty` indexes them. */
export function propertyValues(issue: IssueRecord, index: IndexedPropertyPath): IndexValue[] {
  if (!issue.properties.has(index.propertyKey)) return [];
  return valuesAtPath(issue.properties.get(index.propertyKey), index.path).flatMap((value): IndexValue[] => {
    switch (index.type) {
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? [value] : [];
      case 'string':
      case 'user':
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? [String(value)]
          : [];
      case 'date': {
        const ms = calendarDateMs(value);
        return ms === null ? [] : [ms];
      }
      default:
        return [];
    }
  });
}

/** An indexed property path with its attribute name worked out once. */
interface IndexedPath {
  path: IndexedPropertyPath;
  attribute: PropertyAttribute;
}

/**
 * The index terms of an issue: `attribute` NUL `value`. Two values JQL holds equal (the same string,
 * or the same number) give the same term, so an index lookup finds every issue a clause can match.
 * A term may repeat (a label given twice): the postings are sets.
 */
function termsOf(issue: IssueRecord, paths: readonly IndexedPath[]): string[] {
  const terms = [
    term('key', issue.key),
    term('project', issue.projectId),
    term('type', issue.issueTypeId),
    term('status', issue.statusId),
  ];
  if (issue.parentId !== null) terms.push(term('parent', issue.parentId));
  for (const label of issue.labels) terms.push(term('label', label));
  for (const { path, attribute } of paths) {
    for (const value of propertyValues(issue, path)) terms.push(term(attribute, value));
  }
  return terms;
}

function indexedPaths(paths: readonly IndexedPropertyPath[]): IndexedPath[] {
  return paths.map((path) => ({ path: { ...path }, attribute: propertyAttribute(path) }));
}

/** What an issue's terms are made of; the same (element by element) means the same terms. */
function sourcesOf(issue: IssueRecord, propertyKeys: readonly string[]): unknown[] {
  const sources: unknown[] = [
    issue.key,
    issue.projectId,
    issue.issueTypeId,
    issue.statusId,
    issue.parentId,
    issue.labels.length,
    ...issue.labels,
  ];
  for (const key of propertyKeys) sources.push(issue.properties.get(key));
  return sources;
}

function sameSources(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function term(attribute: Attribute, value: IndexValue): string {
  return `${attribute}\u0000${String(value)}`;
}

/** Creation order: ids come from one counter, so numeric order is the order issues were created in. */
export function byId<T extends { id: string }>(a: T, b: T): number {
  return Number(a.id) - Number(b.id);
}

/** What search and rendering read: the live table, or the lagging search index's view of it. */
export interface IssueLookup {
  get(id: string): IssueRecord | undefined;
  has(id: string): boolean;
  /** The issue with this key (as stored: upper case). */
  byKey(key: string): IssueRecord | undefined;
  /** Ids of the issues holding this value in this attribute, in no particular order (read only). */
  idsWith(attribute: Attribute, value: IndexValue): ReadonlySet<string>;
  values(): IterableIterator<IssueRecord>;
}

const NONE: ReadonlySet<string> = new Set();

/** The records a write was handed, each with its serialized state before the write (or null: new). */
export type WrittenIssues = Map<string, Buffer | null | undefined>;

interface OpenWrite {
  preImages: boolean;
  handedOut: WrittenIssues;
  /** Every record was handed out (the table was iterated). */
  all: boolean;
}

export class IssueTable extends Map<string, IssueRecord> implements IssueLookup {
  private readonly postings = new Map<string, Set<string>>();
  /** Each issue's terms as last indexed, and what they were made of. */
  private readonly indexed = new Map<string, { terms: string[]; sources: unknown[] }>();
  private paths: readonly IndexedPath[] = [];
  private propertyKeys: readonly string[] = [];
  private write: OpenWrite | null = null;

  /** The `jira:entityProperty` paths JQL can search; every issue's property terms follow them. */
  setIndexedPaths(paths: readonly IndexedPropertyPath[]): void {
    this.paths = indexedPaths(paths);
    this.propertyKeys = [...new Set(paths.map((path) => path.propertyKey))];
    this.postings.clear();
    this.indexed.clear();
    for (const [id, issue] of super.entries()) this.reindex(id, issue);
  }

  override get(id: string): IssueRecord | undefined {
    const issue = super.get(id);
    if (issue && this.write) this.handOut(id, issue);
    return issue;
  }

  override set(id: string, issue: IssueRecord): this {
    if (this.write) this.handOut(id, super.get(id));
    super.set(id, issue);
    this.reindex(id, issue);
    return this;
  }

  override delete(id: string): boolean {
    const issue = super.get(id);
    if (!issue) return false;
    if (this.write) this.handOut(id, issue);
    this.reindex(id, undefined);
    return super.delete(id);
  }

  override clear(): void {
    if (this.write) this.write.all = true;
    super.clear();
    this.postings.clear();
    this.indexed.clear();
  }

  override values(): MapIterator<IssueRecord> {
    this.handOutAll();
    return super.values();
  }

  override entries(): MapIterator<[string, IssueRecord]> {
    this.handOutAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, IssueRecord]> {
    this.handOutAll();
    return super[Symbol.iterator]();
  }

  override forEach(
    callback: (value: IssueRecord, key: string, map: Map<string, IssueRecord>) => void,
    thisArg?: unknown,
  ): void {
    this.handOutAll();
    super.forEach(callback, thisArg);
  }

  /** Whether this table's index would find the issue (a record of it or not) under the attribute and value. */
  holds(issue: IssueRecord, attribute: Attribute, value: IndexValue): boolean {
    return termsOf(issue, this.paths).includes(term(attribute, value));
  }

  byKey(key: string): IssueRecord | undefined {
    const [id] = this.idsWith('key', key);
    return id === undefined ? undefined : this.get(id);
  }

  idsWith(attribute: Attribute, value: IndexValue): ReadonlySet<string> {
    this.catchUp();
    return this.postings.get(term(attribute, value)) ?? NONE;
  }

  /**
   * From now on, notes every record handed out (see the file comment); with `preImages`, keeps each
   * as it was when first handed out.
   */
  beginWrite(options: { preImages: boolean }): void {
    if (this.write) throw new Error('Jira emulator: a write is already open on the issue table');
    this.write = { preImages: options.preImages, handedOut: new Map(), all: false };
  }

  /** Indexes again what the write was handed, ends it, and answers the records it was handed. */
  endWrite(): WrittenIssues {
    const write = this.write;
    if (!write) return new Map();
    this.catchUp();
    this.write = null;
    return write.handedOut;
  }

  private handOut(id: string, issue: IssueRecord | undefined): void {
    const write = this.write as OpenWrite;
    if (write.handedOut.has(id)) return;
    write.handedOut.set(id, write.preImages ? (issue ? serialize(issue) : null) : undefined);
  }

  private handOutAll(): void {
    const write = this.write;
    if (!write || write.all) return;
    write.all = true;
    for (const [id, issue] of super.entries()) this.handOut(id, issue);
  }

  /** Indexes again every record handed out in the open write (they may have changed since). */
  private catchUp(): void {
    const write = this.write;
    if (!write) return;
    for (const id of write.handedOut.keys()) this.reindex(id, super.get(id));
  }

  private reindex(id: string, issue: IssueRecord | undefined): void {
    const before = this.indexed.get(id);
    const sources = issue ? sourcesOf(issue, this.propertyKeys) : undefined;
    if (before && sources && sameSources(before.sources, sources)) return;
    for (const old of before?.terms ?? []) {
      const ids = this.postings.get(old);
      ids?.delete(id);
      if (ids?.size === 0) this.postings.delete(old);
    }
    if (!issue || !sources) {
      this.indexed.delete(id);
      return;
    }
    const terms = termsOf(issue, this.paths);
    this.indexed.set(id, { terms, sources });
    for (const fresh of terms) {
      const ids = this.postings.get(fresh);
      if (ids) ids.add(id);
      else this.postings.set(fresh, new Set([id]));
    }
  }
}

/** The site's issue links, findable by either end. Link records never change; ids are never reused. */
export class LinkTable extends Map<string, IssueLinkRecord> {
  private readonly byIssue = new Map<string, Set<string>>();

  override set(id: string, link: IssueLinkRecord): this {
    if (super.has(id)) this.delete(id);
    super.set(id, link);
    for (const issueId of [link.sourceIssueId, link.destinationIssueId]) {
      const ids = this.byIssue.get(issueId);
      if (ids) ids.add(id);
      else this.byIssue.set(issueId, new Set([id]));
    }
    return this;
  }

  override delete(id: string): boolean {
    const link = super.get(id);
    if (!link) return false;
    for (const issueId of [link.sourceIssueId, link.destinationIssueId]) {
      const ids = this.byIssue.get(issueId);
      ids?.delete(id);
      if (ids?.size === 0) this.byIssue.delete(issueId);
    }
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    this.byIssue.clear();
  }

  /** The links with this issue at either end, in creation order. */
  of(issueId: string): IssueLinkRecord[] {
    return [...(this.byIssue.get(issueId) ?? [])].flatMap((id) => super.get(id) ?? []).sort(byId);
  }
}
