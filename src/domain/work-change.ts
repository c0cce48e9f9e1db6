/**
 * A change to one issue of a pilot's path, taken from the issue event Jira sends (its changelog and
 * the issue's fields at the change) instead of reading the issue again: the readiness model needs a
 * path issue's status category, resolution, assignee and due date, and each changelog item carries its
 * new value. Anything the event cannot say for sure (a status without its category, a moved parent, a
 * new issue type) makes no change: the issue is read from Jira instead.
 */
import { isIsoDate } from './schedule';
import type { IsoDate, StatusCategory } from './types';

/** One field's new value; `version` is the changelog id, so a late event never undoes a newer one. */
export interface WorkIssueChange {
  issueId: string;
  key: string;
  /**
   * The changelog's id. Assumed (not documented) to grow with the order of changes on a site, as every
   * changelog page shows; it only orders events against each other (reads are ordered by time, below).
   */
  version: number;
  /** When the change happened (the event's `updated`), an ISO timestamp; for the day work got done. */
  at: string | null;
  statusCategory?: StatusCategory;
  resolution?: string | null;
  assignee?: { accountId: string | null; displayName: string | null };
  dueDate?: IsoDate | null;
}

/** The changelog item of an issue event, as Atlassian documents it. */
export interface ChangelogItem {
  field?: string;
  fieldId?: string;
  from?: string | null;
  to?: string | null;
  /** `fromString` and `toString` (the values in words) too: read with newText. */
  [more: string]: unknown;
}

export interface IssueEventBody {
  issue: { id: string; key: string; fields?: Record<string, unknown> };
  changelog?: { id?: string | number; items: ChangelogItem[] };
}

/** Fields of a path issue that readiness reads and that an event carries in full. */
const CARRIED = new Set(['status', 'resolution', 'assignee', 'duedate']);
/** Fields that change which pilot or which kind of issue this is: only a read can tell. */
const NEEDS_READ = new Set(['parent', 'issueparentassociation', 'issuetype', 'project']);
const STATUS_CATEGORIES: readonly string[] = ['new', 'indeterminate', 'done'];

function fieldOf(item: ChangelogItem): string {
  return (item.fieldId ?? item.field ?? '').toLowerCase();
}

/**
 * The change an update event describes, or undefined when the issue must be read instead (no
 * changelog, a field the event cannot settle, a status whose category the event leaves out).
 */
export function workChangeOf(event: IssueEventBody): WorkIssueChange | undefined {
  const { changelog, issue } = event;
  const version = Number(changelog?.id);
  if (!changelog || !Number.isSafeInteger(version) || version <= 0) return undefined;
  const fields = issue.fields ?? {};
  const updated = typeof fields['updated'] === 'string' ? fields['updated'] : null;
  if (!Array.isArray(changelog.items)) return undefined;
  const change: WorkIssueChange = { issueId: issue.id, key: issue.key, version, at: updated };
  for (const item of changelog.items) {
    const field = fieldOf(item);
    if (NEEDS_READ.has(field)) return undefined;
    if (!CARRIED.has(field)) continue;
    switch (field) {
      case 'status': {
        const category = statusCategoryOf(fields['status']);
        if (!category) return undefined;
        change.statusCategory = category;
        break;
      }
      case 'resolution':
        if (!isTextOrEmpty(item.to) || (item.to && !newText(item))) return undefined;
        change.resolution = item.to ? newText(item) : null;
        break;
      case 'assignee':
        if (!isTextOrEmpty(item.to)) return undefined;
        change.assignee = { accountId: item.to ?? null, displayName: item.to ? newText(item) : null };
        break;
      case 'duedate': {
        if (!isTextOrEmpty(item.to)) return undefined;
        const to = item.to ?? null;
        const day = to === null ? null : to.slice(0, 10);
        if (day !== null && !isIsoDate(day)) return undefined;
        change.dueDate = day;
        break;
      }
    }
  }
  return change;
}

/** A changelog value as Jira documents it: a string, or absent. Anything else is not trusted. */
function isTextOrEmpty(value: unknown): value is string | null | undefined {
  return value === null || value === undefined || typeof value === 'string';
}

/** The item's new value in words (`toString`); every object has a `toString` method: only a string counts. */
function newText(item: ChangelogItem): string | null {
  const text = Object.hasOwn(item, 'toString') ? item['toString'] : null;
  return typeof text === 'string' ? text : null;
}

function statusCategoryOf(status: unknown): StatusCategory | undefined {
  const key = (status as { statusCategory?: { key?: unknown } } | null)?.statusCategory?.key;
  return typeof key === 'string' && STATUS_CATEGORIES.includes(key) ? (key as StatusCategory) : undefined;
}

/** The fields a change sets, each with the version it was set at: `<issue key>/<field>`. */
export function changedFieldsOf(change: WorkIssueChange): string[] {
  const fields: string[] = [];
  if (change.statusCategory !== undefined) fields.push('status');
  if (change.resolution !== undefined) fields.push('resolution');
  if (change.assignee !== undefined) fields.push('assignee');
  if (change.dueDate !== undefined) fields.push('duedate');
  return fields.map((field) => `${change.key}/${field}`);
}
