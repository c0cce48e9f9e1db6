/**
 * Jira issue → the readiness model's inputs, written once (product.md §2–§4, §9, §10): a pilot's
 * schedule inputs, owner, spec and stored readiness; its workstreams, reviews and Jira data-access
 * tickets; the issues generation already made. Pure: every function takes what Jira returned and the
 * site's provisioning, and calls nothing.
 */
import { dataSourceOfTicket, listedDataSources } from '../domain/data-sources';
import { recordedSuccessMetrics } from '../domain/success-metrics';
import { isWorkstreamOrigin, ORIGIN_PROPERTY, parseOrigin } from '../domain/generation-plan';
import type { Pilot, PilotWork } from '../domain/pilot';
import { isIsoDate } from '../domain/schedule';
import { jiraInstant, siteCalendarDate } from '../domain/site-dates';
import { isPilotIssueType, siteTimeZone, type Provisioning } from '../domain/site-provisioning';
import { jiraDataAccessState } from '../domain/states';
import type { IsoDate, ProductionSpec, ReadinessDocument } from '../domain/types';
import { WORK_CHANGE_FIELDS } from '../domain/work-change';
import { issueStatusCategory } from './status-category';
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
    'reporter',
    'security',
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
    restricted: Boolean(fields.security?.id),
    parent: fields.parent ? { id: fields.parent.id, key: fields.parent.key } : null,
    schedule: {
      createdDate: siteCalendarDate(fields.created, siteTimeZone(provisioning)) ?? '1970-01-01',
      kickoffDate: dateField(fields, provisioning.fields.kickoffDate),
      dueDate: isIsoDate(fields.duedate) ? fields.duedate : null,
      milestoneOverrides: dateRecord(issue.properties?.[MILESTONES_PROPERTY]),
    },
    demoSignOffDate: dateField(fields, provisioning.fields.demoSignOffDate),
    productionOwner: owner,
    reporter: fields.reporter?.accountId
      ? {
          accountId: fields.reporter.accountId,
          displayName: fields.reporter.displayName ?? fields.reporter.accountId,
        }
      : null,
    productionSpec: productionSpecOf(issue.properties?.[PRODUCTION_SPEC_PROPERTY]),
    dataAccessLinks: (fields.issuelinks ?? [])
      .filter((link) => link.type.name === provisioning.dataAccessLinkType.name)
      .map((link) => link.outwardIssue ?? link.inwardIssue)
      .filter((linked): linked is { id: string; key: string } => linked !== undefined),
    linkCount: (fields.issuelinks ?? []).length,
    statusCategory: issueStatusCategory(fields),
    publishedReadiness: issue.properties?.[READINESS_PROPERTY] as ReadinessDocument | undefined,
    publishedScore: numberField(fields, provisioning.fields.readiness),
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
    const statusCategory = issueStatusCategory(fields);
    const resolution = fields.resolution?.name ?? null;
    if (fields.assignee?.displayName) work.names[fields.assignee.accountId] = fields.assignee.displayName;
    const origin = parseOrigin(issue.properties?.[ORIGIN_PROPERTY]);
    if (origin && origin.pilot === pilotId) {
      const dueDate = isIsoDate(fields.duedate) ? fields.duedate : null;
      const updated = jiraInstant(fields.updated);
      if (updated !== null) {
        work.knownAt ??= {};
        for (const field of WORK_CHANGE_FIELDS) work.knownAt[`${issue.key}/${field}`] = updated;
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
        work.reviews.push({
          key: issue.key,
          kind: origin.review,
          statusCategory,
          resolution,
          doneDate: statusCategory === 'done' ? doneDate(issue, zone) : null,
        });
      }
    } else if (linked.has(issue.id)) {
      work.dataAccess.push({
        source: 'jira',
        key: issue.key,
        state: jiraDataAccessState(statusCategory, resolution, [...rejectedResolutions]),
        openedDate: siteCalendarDate(fields.created, zone),
        closedDate: statusCategory === 'done' ? doneDate(issue, zone) : null,
        url: null,
        ...(fields.summary ? { dataSource: dataSourceOfTicket(fields.summary) } : {}),
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
    ...(spec.dataSources !== undefined ? { dataSources: listedDataSources(spec.dataSources) } : {}),
    ...(spec.successMetrics !== undefined
      ? { successMetrics: recordedSuccessMetrics(spec.successMetrics) }
      : {}),
  };
}
