/**
 * The changelog of a Jira issue event, read in one place: which changed fields matter to readiness
 * (a label or a description edit does not, a status or a due date does), and the change an update
 * carries whole for an issue of a pilot's path (its changelog and the issue's fields at the change),
 * so the issue need not be read again. Anything the event cannot say for sure (a status without its
 * category, a moved parent, a new issue type) makes no change: the issue is read from Jira instead.
 */
import { WORK_CHANGE_FIELDS, type WorkIssueChange } from '../domain/work-change';
import { isIsoDate } from '../domain/schedule';
import type { Provisioning } from '../domain/site-provisioning';
import { statusCategoryOf } from './status-category';

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

/** Fields that change which pilot an issue belongs to, or which kind of issue it is. */
const REROUTING_FIELDS = ['parent', 'issuetype'];
/**
 * Fields of a sub-task, review or data-access ticket that readiness reads. A move to another project
 * alone changes none of them (a sub-task moves with its parent).
 */
const PATH_ISSUE_FIELDS_THAT_MATTER: readonly string[] = [...WORK_CHANGE_FIELDS, ...REROUTING_FIELDS];
/**
 * Fields of a pilot that readiness or its dates read, besides the app's own date and owner fields; and
 * its security level, which decides who the lists show it to.
 */
const PILOT_FIELDS_THAT_MATTER = ['duedate', 'parent', 'issuetype', 'status', 'resolution', 'security'];
/** Fields after whose change only a read can tell which pilot and which kind an issue is. */
const FIELDS_THAT_NEED_A_READ: readonly string[] = [...REROUTING_FIELDS, 'project'];

/**
 * The field an item changed, by its id in lower case: events name a field by `fieldId` or, for some
 * system fields, only by `field`; a change of parent comes as the field `IssueParentAssociation`.
 */
export function changedFieldOf(item: Pick<ChangelogItem, 'field' | 'fieldId'>): string {
  const field = (item.fieldId ?? item.field ?? '').toLowerCase();
  return field === 'issueparentassociation' ? 'parent' : field;
}

/**
 * Whether an update touched anything readiness depends on, from the event's changelog alone (no Jira
 * call). A creation, or an update that does not say what it changed, always does.
 */
export function changeMatters(
  change: { created: boolean; changelog?: ReadonlyArray<Pick<ChangelogItem, 'field' | 'fieldId'>> },
  isPilot: boolean,
  provisioning: Pick<Provisioning, 'fields'>,
): boolean {
  if (change.created || !change.changelog) return true;
  const fields = isPilot
    ? [
        ...PILOT_FIELDS_THAT_MATTER,
        ...[
          provisioning.fields.kickoffDate,
          provisioning.fields.demoSignOffDate,
          provisioning.fields.productionOwner,
        ].flatMap((id) => (id === null ? [] : [id.toLowerCase()])),
      ]
    : PATH_ISSUE_FIELDS_THAT_MATTER;
  return change.changelog.some((item) => fields.includes(changedFieldOf(item)));
}

/**
 * The issues an update made parents (the `to` of a parent item is the new parent's id): a search
 * renders a parent its index does not have yet as no parent, so a search after a move must be asked
 * to read the new parent fresh (reconcileIssues).
 */
export function newParentIdsOf(changelog: ReadonlyArray<ChangelogItem> = []): string[] {
  return changelog.flatMap((item) =>
    changedFieldOf(item) === 'parent' && typeof item.to === 'string' && /^\d+$/.test(item.to)
      ? [item.to]
      : [],
  );
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
    const field = changedFieldOf(item);
    if (FIELDS_THAT_NEED_A_READ.includes(field)) return undefined;
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
