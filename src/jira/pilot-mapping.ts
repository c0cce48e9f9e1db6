/**
 * Jira issue → the readiness model's inputs, written once (product.md §2–§4, §9, §10): a pilot's
 * schedule inputs, owner, spec and stored readiness; its workstreams, reviews and Jira data-access
 * tickets; the issues generation already made. Pure: every function takes what Jira returned and the
 * site's provisioning, and calls nothing.
 */
import {
  isWorkstreamOrigin,
  ORIGIN_PROPERTY,
  parseOrigin,
  type ExistingIssue,
} from '../domain/generation-plan';
import { isIsoDate, type ScheduleInputs } from '../domain/schedule';
import { jiraInstant, siteCalendarDate } from '../domain/site-dates';
import { jiraDataAccessState } from '../domain/states';
import { changedFieldsOf, type WorkIssueChange } from '../domain/work-change';
import type {
  DataAccessTicket,
  IsoDate,
  ProductionSpec,
  ReadinessDocument,
  ReviewIssue,
  StatusCategory,
  WorkstreamIssue,
} from '../domain/types';
import { isPilotIssueType, siteTimeZone, type Provisioning } from '../storage/provisioning';
import type { JiraIssue } from './types';

/** The issue properties the app reads and writes (product.md §10). */
export const READINESS_PROPERTY = 'pilot-readiness';
export const MILESTONES_PROPERTY = 'pilot-milestones';
export const PRODUCTION_SPEC_PROPERTY = 'pilot-production-spec';
export { ORIGIN_PROPERTY };

/** Fields of the issues of a pilot's production path that readiness reads. */
export const WORK_FIELDS = [
  'summary',
  'status',
  'resolution',
  'resolutiondate',
  'statuscategorychangedate',
  'assignee',
  'duedate',
  'created',
  'updated',
];

/** An AI Pilot issue as the app sees it. */
export interface Pilot {
  id: string;
  key: string;
  summary: string;
  projectKey: string;
  issueTypeId: string | undefined;
  /** An AI Pilot of this site (the global type or a team-managed project's own). */
  isPilot: boolean;
  isEpic: boolean;
  /** The epic (or other parent) the pilot belongs to. */
  parent: { id: string; key: string } | null;
  /** Kickoff, created and Due dates and overrides as Jira holds them (unchecked; see site-dates.ts). */
  schedule: ScheduleInputs;
  demoSignOffDate: IsoDate | null;
  productionOwner: { accountId: string; displayName: string } | null;
  productionSpec: ProductionSpec;
  /** Issues linked to the pilot with the *Data access* link type. */
  dataAccessLinks: Array<{ id: string; key: string }>;
  linkCount: number;
  /** The `pilot-readiness` property as last stored. */
  storedReadiness: ReadinessDocument | undefined;
  /** The read-only Readiness field as Jira holds it (null when empty or not provisioned). */
  readinessFieldValue: number | null;
}

/** The issues of a pilot's production path, as the readiness model takes them. */
export interface PilotWork {
  workstreams: WorkstreamIssue[];
  reviews: ReviewIssue[];
  /** Jira data-access tickets (ServiceNow ones come from remote links). */
  dataAccess: DataAccessTicket[];
  /** The app's issues of this pilot, as generation plans with them. */
  existing: ExistingIssue[];
  /** Display names of the people the evidence mentions (assignees, production owner). */
  names: Record<string, string>;
  /**
   * For each `<issue key>/<field>` of the app's own issues, the instant Jira's value is known as of:
   * the issue's `updated` when it was read, the time of the app's own write. An event of a change made
   * before that is already in it.
   */
  knownAt?: FieldInstants;
}

/** The fields of a path issue an event can carry whole (work-change.ts). */
const EVENT_FIELDS = ['status', 'resolution', 'assignee', 'duedate'] as const;

/** Every field a pilot is read with: the standard ones and the app's custom fields. */
export function pilotFields(provisioning: Provisioning): string[] {
  const custom = Object.values(provisioning.fields).filter((id): id is string => id !== null);
  return [
    'summary',
    'created',
    'duedate',
    'issuetype',
    'project',
    'parent',
    'issuelinks',
    'status',
    ...custom,
  ];
}

export const PILOT_PROPERTIES = [READINESS_PROPERTY, MILESTONES_PROPERTY, PRODUCTION_SPEC_PROPERTY];

export function pilotOf(issue: JiraIssue, provisioning: Provisioning): Pilot {
  const { fields } = issue;
  const owner = userField(fields, provisioning.fields.productionOwner);
  return {
    id: issue.id,
    key: issue.key,
    summary: fields.summary ?? '',
    projectKey: fields.project?.key ?? '',
    issueTypeId: fields.issuetype?.id,
    isPilot: isPilotIssueType(provisioning, fields.issuetype?.id),
    isEpic: fields.issuetype?.hierarchyLevel === 1,
    parent: fields.parent ? { id: fields.parent.id, key: fields.parent.key } : null,
    schedule: {
      createdDate: siteCalendarDate(fields.created, siteTimeZone(provisioning)) ?? '1970-01-01',
      kickoffDate: dateField(fields, provisioning.fields.kickoffDate),
      dueDate: isIsoDate(fields.duedate) ? fields.duedate : null,
      milestoneOverrides: dateRecord(issue.properties?.[MILESTONES_PROPERTY]),
    },
    demoSignOffDate: dateField(fields, provisioning.fields.demoSignOffDate),
    productionOwner: owner,
    productionSpec: productionSpecOf(issue.properties?.[PRODUCTION_SPEC_PROPERTY]),
    dataAccessLinks: (fields.issuelinks ?? [])
      .filter((link) => link.type.name === provisioning.dataAccessLinkType.name)
      .map((link) => link.outwardIssue ?? link.inwardIssue)
      .filter((linked): linked is { id: string; key: string } => linked !== undefined),
    linkCount: (fields.issuelinks ?? []).length,
    storedReadiness: issue.properties?.[READINESS_PROPERTY] as ReadinessDocument | undefined,
    readinessFieldValue: numberField(fields, provisioning.fields.readiness),
  };
}

/**
 * The production path of `pilotId` among `issues` (a search result): its workstream sub-tasks and
 * review tickets (by their origin property) and its Jira data-access tickets (by id).
 */
export function workOf(
  issues: readonly JiraIssue[],
  pilotId: string,
  dataAccessTicketIds: readonly string[],
  rejectedResolutions: readonly string[],
  provisioning: Provisioning,
): PilotWork {
  const zone = siteTimeZone(provisioning);
  const work: PilotWork = { workstreams: [], reviews: [], dataAccess: [], existing: [], names: {} };
  const linked = new Set(dataAccessTicketIds);
  for (const issue of issues) {
    const fields = issue.fields;
    const statusCategory = (fields.status?.statusCategory.key ?? 'new') as StatusCategory;
    const resolution = fields.resolution?.name ?? null;
    if (fields.assignee?.displayName) work.names[fields.assignee.accountId] = fields.assignee.displayName;
    const origin = parseOrigin(issue.properties?.[ORIGIN_PROPERTY]);
    if (origin && origin.pilot === pilotId) {
      const dueDate = isIsoDate(fields.duedate) ? fields.duedate : null;
      const updated = jiraInstant(fields.updated);
      if (updated !== null) {
        work.knownAt ??= {};
        for (const field of EVENT_FIELDS) work.knownAt[`${issue.key}/${field}`] = updated;
      }
      work.existing.push({ key: issue.key, origin, statusCategory, dueDate });
      if (isWorkstreamOrigin(origin)) {
        work.workstreams.push({
          key: issue.key,
          row: origin.row,
          statusCategory,
          assigneeAccountId: fields.assignee?.accountId ?? null,
          dueDate,
          doneDate: statusCategory === 'done' ? doneDate(issue, zone) : null,
        });
      } else {
        work.reviews.push({ key: issue.key, kind: origin.review, statusCategory, resolution });
      }
    } else if (linked.has(issue.id)) {
      work.dataAccess.push({
        source: 'jira',
        key: issue.key,
        state: jiraDataAccessState(statusCategory, resolution, [...rejectedResolutions]),
        openedDate: siteCalendarDate(fields.created, zone),
        url: null,
      });
    }
  }
  return work;
}

/**
 * The day an issue reached done: its status category change date (many workflows set no resolution,
 * product.md §9), else its resolution date; as a calendar date in the site's zone.
 */
function doneDate(issue: JiraIssue, zone: string): IsoDate | null {
  return (
    siteCalendarDate(issue.fields.statuscategorychangedate, zone) ??
    siteCalendarDate(issue.fields.resolutiondate, zone)
  );
}

function dateField(fields: JiraIssue['fields'], fieldId: string | null): IsoDate | null {
  const value = fieldId ? fields[fieldId] : null;
  return isIsoDate(value) ? value : null;
}

function numberField(fields: JiraIssue['fields'], fieldId: string | null): number | null {
  const value = fieldId ? fields[fieldId] : null;
  return typeof value === 'number' ? value : null;
}

function userField(
  fields: JiraIssue['fields'],
  fieldId: string | null,
): { accountId: string; displayName: string } | null {
  const value = fieldId
    ? (fields[fieldId] as { accountId?: unknown; displayName?: unknown } | null | undefined)
    : null;
  if (typeof value?.accountId !== 'string') return null;
  return {
    accountId: value.accountId,
    displayName: typeof value.displayName === 'string' ? value.displayName : value.accountId,
  };
}

function dateRecord(value: unknown): Record<string, IsoDate> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, IsoDate] => isIsoDate(entry[1])),
  );
}

function productionSpecOf(value: unknown): ProductionSpec {
  if (typeof value !== 'object' || value === null) return {};
  const spec = value as Record<string, unknown>;
  const text = (key: string) => (typeof spec[key] === 'string' ? (spec[key] as string) : undefined);
  return {
    latency: text('latency'),
    availability: text('availability'),
    rollback: text('rollback'),
    monitoring: text('monitoring'),
  };
}

/** For each `<issue key>/<field>` of a pilot's path, the changelog version its stored value is from. */
export type FieldVersions = Record<string, number>;
/** For each `<issue key>/<field>`, an instant in milliseconds since the epoch. */
export type FieldInstants = Record<string, number>;

/**
 * The pilot's path with changes taken from issue events applied (work-change.ts), oldest first. A field
 * keeps its value when it is stored from a newer changelog (a late or repeated event) or is known as of
 * a later instant (read after the change, or written by the app since). Undefined when the issue must
 * be read from Jira instead: a change to an issue the stored path does not hold, a change without a
 * time to an issue read before, or a done issue done again (was it reopened in between, and when?).
 */
export function workWithChanges(
  work: PilotWork,
  changes: readonly WorkIssueChange[],
  versions: FieldVersions,
  siteZone: string,
): { work: PilotWork; versions: FieldVersions } | undefined {
  const next: PilotWork = {
    ...work,
    workstreams: work.workstreams.map((issue) => ({ ...issue })),
    reviews: work.reviews.map((issue) => ({ ...issue })),
    existing: work.existing.map((issue) => ({ ...issue })),
    names: { ...work.names },
  };
  let nextVersions = { ...versions };
  for (const change of [...changes].sort((a, b) => a.version - b.version)) {
    const workstream = next.workstreams.find((issue) => issue.key === change.key);
    const review = next.reviews.find((issue) => issue.key === change.key);
    const existing = next.existing.find((issue) => issue.key === change.key);
    if (!workstream && !review) return undefined;
    const at = jiraInstant(change.at);
    const newer: Partial<Record<(typeof EVENT_FIELDS)[number], boolean>> = {};
    for (const field of EVENT_FIELDS) {
      const known = work.knownAt?.[`${change.key}/${field}`];
      if (known !== undefined && at === null) return undefined;
      newer[field] =
        (nextVersions[`${change.key}/${field}`] ?? 0) < change.version &&
        (known === undefined || (at as number) > known);
    }
    if (change.statusCategory !== undefined && newer.status) {
      if (workstream) {
        const doneDate = change.statusCategory === 'done' ? siteCalendarDate(change.at, siteZone) : null;
        if (change.statusCategory === 'done' && doneDate === null) return undefined;
        // Done again: the day it got done is today's only if it was reopened in between.
        if (workstream.statusCategory === 'done' && change.statusCategory === 'done') {
          if (workstream.doneDate !== doneDate) return undefined;
        }
        workstream.statusCategory = change.statusCategory;
        workstream.doneDate = doneDate;
      }
      if (review) review.statusCategory = change.statusCategory;
      if (existing) existing.statusCategory = change.statusCategory;
    }
    if (change.resolution !== undefined && newer.resolution && review) review.resolution = change.resolution;
    if (change.assignee !== undefined && newer.assignee) {
      const { accountId, displayName } = change.assignee;
      if (workstream) workstream.assigneeAccountId = accountId;
      if (accountId && displayName) next.names[accountId] = displayName;
    }
    if (change.dueDate !== undefined && newer.duedate) {
      if (workstream) workstream.dueDate = change.dueDate;
      if (existing) existing.dueDate = change.dueDate;
    }
    nextVersions = versionsWith(nextVersions, [change]);
  }
  return { work: next, versions: nextVersions };
}

/** The field versions once these changes are in (applied, or held by a read made after them). */
export function versionsWith(versions: FieldVersions, changes: readonly WorkIssueChange[]): FieldVersions {
  const next = { ...versions };
  for (const change of changes) {
    for (const field of changedFieldsOf(change)) next[field] = Math.max(next[field] ?? 0, change.version);
  }
  return next;
}
