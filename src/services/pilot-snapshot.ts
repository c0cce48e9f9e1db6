import { route } from '@forge/api';
import { ORIGIN_PROPERTY, isWorkstreamOrigin, parseOrigin } from '../domain/generation-plan';
import { isIsoDate, type ScheduleInputs } from '../domain/schedule';
import type { IgnoredServiceNowLink } from '../domain/servicenow-tickets';
import { jiraDataAccessState } from '../domain/states';
import type {
  IsoDate,
  OwnershipTemplate,
  PilotSnapshot,
  ProductionSpec,
  ReadinessDocument,
  ReviewIssue,
  StatusCategory,
  WorkstreamIssue,
} from '../domain/types';
import type { JiraClient } from '../jira/client';
import type { JiraIssue, RemoteLink } from '../jira/types';
import { readGovernance } from '../storage/governance';
import type { Provisioning } from '../storage/provisioning';
import { serviceNowTicketsOf } from './servicenow-sync';

export const READINESS_PROPERTY = 'pilot-readiness';
export const MILESTONES_PROPERTY = 'pilot-milestones';
export const PRODUCTION_SPEC_PROPERTY = 'pilot-production-spec';

const CHILD_FIELDS = ['summary', 'status', 'resolution', 'resolutiondate', 'assignee', 'duedate', 'created'];

/** A pilot as read from Jira: the domain's snapshot plus what only the UI and writers need. */
export interface PilotReading {
  snapshot: PilotSnapshot;
  projectKey: string;
  issueTypeName: string;
  previousReadiness: ReadinessDocument | undefined;
  /** ServiceNow: connected, look-alike links that earn nothing, sync trouble (from storage). */
  serviceNow: { connected: boolean; ignoredLinks: IgnoredServiceNowLink[]; failingSince: string | null };
}

/**
 * Reads everything the readiness model needs about one pilot in three calls: the pilot (fields,
 * links and properties), one search for its workstreams, reviews and Jira data-access tickets, and
 * its remote links (ServiceNow tickets). `jira` decides whose permissions apply.
 */
export async function readPilot(
  jira: JiraClient,
  pilotOrIdOrKey: JiraIssue | string,
  provisioning: Provisioning,
  template: OwnershipTemplate,
): Promise<PilotReading> {
  const pilot =
    typeof pilotOrIdOrKey === 'string'
      ? await readPilotIssue(jira, pilotOrIdOrKey, provisioning)
      : pilotOrIdOrKey;
  const dataAccessKeys = linkedDataAccessKeys(pilot, provisioning.dataAccessLinkType.name);
  const related = await jira.searchAll(relatedIssuesJql(pilot.id, dataAccessKeys), CHILD_FIELDS, [
    ORIGIN_PROPERTY,
  ]);
  const remoteLinks = await jira.request<RemoteLink[]>(
    'GET',
    route`/rest/api/3/issue/${pilot.id}/remotelink`,
  );
  const governance = await readGovernance(pilot.id);
  const fields = pilot.fields;
  const snapshot: PilotSnapshot = {
    id: pilot.id,
    key: pilot.key,
    summary: fields.summary ?? '',
    ...pilotScheduleInputs(pilot, provisioning),
    demoSignOffDate: dateField(fields, provisioning.fields.demoSignOffDate),
    productionOwnerAccountId: userField(fields, provisioning.fields.productionOwner),
    productionSpec: productionSpecOf(pilot.properties?.[PRODUCTION_SPEC_PROPERTY]),
    workstreams: [],
    reviews: [],
    dataAccess: [],
    waivers: governance.waivers,
    decisions: governance.decisions,
  };
  for (const issue of related) {
    classifyRelatedIssue(snapshot, issue, pilot.id, new Set(dataAccessKeys), template.rejectedResolutions);
  }
  // Only records the app filed count (its own record of them); look-alike links are reported, not counted.
  const serviceNow = await serviceNowTicketsOf(pilot.id, remoteLinks);
  snapshot.dataAccess.push(...serviceNow.tickets);
  return {
    serviceNow: {
      connected: serviceNow.connected,
      ignoredLinks: serviceNow.ignored,
      failingSince: serviceNow.failingSince,
    },
    snapshot,
    projectKey: fields.project?.key ?? '',
    issueTypeName: fields.issuetype?.name ?? '',
    previousReadiness: pilot.properties?.[READINESS_PROPERTY] as ReadinessDocument | undefined,
  };
}

/** Kickoff, created and Due dates and milestone overrides of a pilot issue (product.md §2). */
export function pilotScheduleInputs(pilot: JiraIssue, provisioning: Provisioning): ScheduleInputs {
  return {
    createdDate: calendarDate(pilot.fields.created) ?? '1970-01-01',
    kickoffDate: dateField(pilot.fields, provisioning.fields.kickoffDate),
    dueDate: isIsoDate(pilot.fields.duedate) ? pilot.fields.duedate : null,
    milestoneOverrides: dateRecord(pilot.properties?.[MILESTONES_PROPERTY]),
  };
}

/** The pilot issue with every field and property readiness needs (one call). */
export function readPilotIssue(
  jira: JiraClient,
  pilotIdOrKey: string,
  provisioning: Provisioning,
): Promise<JiraIssue> {
  return jira.getIssue(pilotIdOrKey, pilotFields(provisioning), [
    READINESS_PROPERTY,
    MILESTONES_PROPERTY,
    PRODUCTION_SPEC_PROPERTY,
  ]);
}

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

export function relatedIssuesJql(pilotId: string, dataAccessKeys: string[]): string {
  const owned = `issue.property[${ORIGIN_PROPERTY}].pilot = "${pilotId}"`;
  const linked = dataAccessKeys.length > 0 ? ` OR key in (${dataAccessKeys.join(', ')})` : '';
  return `${owned}${linked} ORDER BY key ASC`;
}

function linkedDataAccessKeys(pilot: JiraIssue, linkTypeName: string): string[] {
  return (pilot.fields.issuelinks ?? [])
    .filter((link) => link.type.name === linkTypeName)
    .map((link) => (link.outwardIssue ?? link.inwardIssue)?.key)
    .filter((key): key is string => typeof key === 'string');
}

function classifyRelatedIssue(
  snapshot: PilotSnapshot,
  issue: JiraIssue,
  pilotId: string,
  dataAccessKeys: Set<string>,
  rejectedResolutions: string[],
): void {
  const fields = issue.fields;
  const statusCategory = (fields.status?.statusCategory.key ?? 'new') as StatusCategory;
  const resolution = fields.resolution?.name ?? null;
  const origin = parseOrigin(issue.properties?.[ORIGIN_PROPERTY]);
  if (origin && origin.pilot === pilotId) {
    if (isWorkstreamOrigin(origin)) {
      snapshot.workstreams.push(workstreamOf(issue, origin.row, statusCategory));
    } else {
      snapshot.reviews.push({
        key: issue.key,
        kind: origin.review,
        statusCategory,
        resolution,
      } satisfies ReviewIssue);
    }
    return;
  }
  if (dataAccessKeys.has(issue.key)) {
    snapshot.dataAccess.push({
      source: 'jira',
      key: issue.key,
      state: jiraDataAccessState(statusCategory, resolution, rejectedResolutions),
      openedDate: calendarDate(fields.created),
      url: null,
    });
  }
}

function workstreamOf(issue: JiraIssue, row: string, statusCategory: StatusCategory): WorkstreamIssue {
  const fields = issue.fields;
  return {
    key: issue.key,
    row,
    statusCategory,
    assigneeAccountId: fields.assignee?.accountId ?? null,
    dueDate: isIsoDate(fields.duedate) ? fields.duedate : null,
    doneDate: statusCategory === 'done' ? calendarDate(fields.resolutiondate ?? fields.updated) : null,
  };
}

/** `2026-11-21T10:00:00.000+0000` → `2026-11-21` (the date as Jira reports it). */
export function calendarDate(timestamp: string | null | undefined): IsoDate | null {
  const date = typeof timestamp === 'string' ? timestamp.slice(0, 10) : null;
  return isIsoDate(date) ? date : null;
}

function dateField(fields: JiraIssue['fields'], fieldId: string | null): IsoDate | null {
  const value = fieldId ? fields[fieldId] : null;
  return isIsoDate(value) ? value : null;
}

function userField(fields: JiraIssue['fields'], fieldId: string | null): string | null {
  const value = fieldId ? (fields[fieldId] as { accountId?: unknown } | null | undefined) : null;
  return typeof value?.accountId === 'string' ? value.accountId : null;
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
