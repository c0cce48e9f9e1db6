/**
 * The portfolio page (product.md §11): every pilot of a project from its stored `pilot-readiness`,
 * read one search page at a time as the viewer (1 + ⌈N/100⌉ Jira calls at most, never one per
 * pilot), with the trend and the funnel from the histories kept in storage, and each owner team's
 * queue from one search on the origin property.
 */
import { ORIGIN_PROPERTY, parseOrigin } from '../domain/generation-plan';
import { trendOf, type ReadinessHistory } from '../domain/history';
import { utcCalendarDate } from '../domain/iso-date';
import {
  diagnosticSummary,
  firstBlockingGate,
  gateFunnel,
  orderQueue,
  rowsOfTeam,
  type FunnelPilot,
  type QueueItem,
} from '../domain/portfolio';
import type { ReadinessDocument } from '../domain/types';
import { nextPageTokenOf, type JiraClient } from '../jira/client';
import type { JiraIssue } from '../jira/types';
import { readConfig } from '../storage/config';
import { readHistories } from '../storage/history';
import type { Provisioning } from '../storage/provisioning';
import type { OwnerQueueView, PortfolioRow, PortfolioView } from '../ui-contract';
import { isJiraAdmin } from './admin-actions';
import { calendarDate, READINESS_PROPERTY } from './pilot-snapshot';
import { ensureProvisioned } from './provisioning-lookup';
import { UserFacingError } from './resolver-errors';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]+$/;
const QUEUE_PAGE_SIZE = 50;

export interface PortfolioRequest {
  projectKey: string;
  accountId: string;
  asUser: JiraClient;
  now: Date;
}

function checkedProjectKey(projectKey: string): string {
  if (!PROJECT_KEY.test(projectKey)) {
    throw new UserFacingError('not-found', 'Open the portfolio from a Jira project.');
  }
  return projectKey;
}

/** The JQL of a project's pilots: the AI Pilot issue type, in key order. */
export function pilotsOfProjectJql(projectKey: string, provisioning: Provisioning): string {
  return `project = "${checkedProjectKey(projectKey)}" AND issuetype = ${provisioning.aiPilotIssueTypeId} ORDER BY key ASC`;
}

function userName(value: unknown): { accountId: string; displayName: string } | null {
  const user = value as { accountId?: unknown; displayName?: unknown } | null | undefined;
  if (typeof user?.accountId !== 'string') return null;
  return {
    accountId: user.accountId,
    displayName: typeof user.displayName === 'string' ? user.displayName : user.accountId,
  };
}

function rowOf(issue: JiraIssue, history: ReadinessHistory, ownerField: string | null): PortfolioRow {
  const readiness = issue.properties?.[READINESS_PROPERTY] as ReadinessDocument | undefined;
  return {
    id: issue.id,
    key: issue.key,
    summary: issue.fields.summary ?? '',
    statusCategory: issue.fields.status?.statusCategory.key ?? 'new',
    score: readiness?.score ?? null,
    band: readiness?.band ?? null,
    firstBlockingGate: readiness ? firstBlockingGate(readiness.gates) : null,
    daysSinceDemo: readiness?.daysSinceDemo ?? null,
    reviewRequired: readiness?.reviewRequired ?? false,
    productionOwner: ownerField ? (userName(issue.fields[ownerField])?.displayName ?? null) : null,
    trend: trendOf(history.points),
  };
}

function funnelPilotOf(
  issue: JiraIssue,
  history: ReadinessHistory,
  kickoffField: string | null,
): FunnelPilot {
  const kickoff = kickoffField ? issue.fields[kickoffField] : null;
  const readiness = issue.properties?.[READINESS_PROPERTY] as ReadinessDocument | undefined;
  return {
    kickoff:
      (typeof kickoff === 'string' ? calendarDate(kickoff) : null) ??
      calendarDate(issue.fields.created) ??
      '1970-01-01',
    gatesFirstPassed: history.gatesFirstPassed,
    gates: readiness?.gates ?? null,
  };
}

/** Every pilot of the project as the viewer may see them, with the summary, the funnel and the kill list. */
export async function buildPortfolio(request: PortfolioRequest): Promise<PortfolioView> {
  const provisioning = await ensureProvisioned(request.now);
  const { template } = await readConfig();
  const { productionOwner, kickoffDate } = provisioning.fields;
  const fields = [
    'summary',
    'status',
    'created',
    ...[productionOwner, kickoffDate].filter((id) => id !== null),
  ];
  const pilots = await request.asUser.searchAll(
    pilotsOfProjectJql(request.projectKey, provisioning),
    fields as string[],
    [READINESS_PROPERTY],
  );
  const histories = await readHistories(pilots.map((pilot) => pilot.id));
  const historyOf = (pilot: JiraIssue) => histories.get(pilot.id) ?? { points: [], gatesFirstPassed: {} };
  const stored = pilots.flatMap((pilot) => {
    const readiness = pilot.properties?.[READINESS_PROPERTY] as ReadinessDocument | undefined;
    return readiness ? [readiness] : [];
  });
  const productionOwnerIds: Record<string, string> = {};
  for (const pilot of pilots) {
    const owner = productionOwner ? userName(pilot.fields[productionOwner]) : null;
    if (owner) productionOwnerIds[pilot.key] = owner.accountId;
  }
  return {
    projectKey: request.projectKey,
    rows: pilots.map((pilot) => rowOf(pilot, historyOf(pilot), productionOwner)),
    notComputed: pilots.length - stored.length,
    milestones: template.milestones.map(({ key, name }) => ({ key, name })),
    diagnostic: diagnosticSummary(stored),
    funnel: gateFunnel(
      pilots.map((pilot) => funnelPilotOf(pilot, historyOf(pilot), kickoffDate)),
      template.milestones.map((milestone) => milestone.key),
    ),
    teams: [...new Set(template.rows.map((row) => row.ownerTeam))],
    today: utcCalendarDate(request.now),
    viewerIsAdmin: await isJiraAdmin(request.asUser),
    viewerAccountId: request.accountId,
    productionOwnerIds,
  };
}

/**
 * One owner team's queue in the project: its open workstreams across every pilot, overdue first, from
 * one search on the origin property (a page of 50 per call; `nextPageToken` continues).
 */
export async function buildOwnerQueue(request: PortfolioRequest, payload: unknown): Promise<OwnerQueueView> {
  const { team, nextPageToken } = (payload ?? {}) as { team?: unknown; nextPageToken?: unknown };
  const { template } = await readConfig();
  if (typeof team !== 'string' || !template.rows.some((row) => row.ownerTeam === team)) {
    throw new UserFacingError('invalid-input', 'Choose an owner team of the ownership template.', {
      team: 'Choose an owner team of the ownership template',
    });
  }
  const rows = rowsOfTeam(template.rows, team);
  const jql =
    `project = "${checkedProjectKey(request.projectKey)}" AND ` +
    `issue.property[${ORIGIN_PROPERTY}].row IN (${rows.map((row) => `"${row}"`).join(', ')}) AND ` +
    'statusCategory != Done ORDER BY duedate ASC, key ASC';
  const page = await request.asUser.searchPage(jql, ['summary', 'duedate', 'parent'], {
    properties: [ORIGIN_PROPERTY],
    maxResults: QUEUE_PAGE_SIZE,
    nextPageToken: typeof nextPageToken === 'string' && nextPageToken !== '' ? nextPageToken : undefined,
  });
  const items = page.issues.flatMap((issue): QueueItem[] => {
    const origin = parseOrigin(issue.properties?.[ORIGIN_PROPERTY]);
    if (!origin || !('row' in origin)) return [];
    return [
      {
        key: issue.key,
        pilotKey: issue.fields.parent?.key ?? '',
        row: origin.row,
        summary: issue.fields.summary ?? '',
        dueDate: calendarDate(issue.fields.duedate),
      },
    ];
  });
  return {
    team,
    entries: orderQueue(items, utcCalendarDate(request.now)),
    nextPageToken: nextPageTokenOf(page) ?? null,
  };
}
