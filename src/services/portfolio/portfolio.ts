/**
 * The portfolio page (product.md §11): every pilot of a project from its stored `pilot-readiness`,
 * read one search page at a time as the viewer (1 + ⌈N/100⌉ Jira calls: the pages and the viewer's
 * admin check, never one per pilot), with the trend and the funnel from the histories kept in Forge
 * storage, and each owner team's queue from one search on the origin property.
 */
import { EMPTY_HISTORY, trendOf, type ReadinessHistory } from '../../domain/history';
import { utcCalendarDate } from '../../domain/iso-date';
import { orderQueue, rowsOfTeam } from '../../domain/portfolio';
import { portfolioReadinessOf, type PortfolioPilot } from '../../domain/portfolio-entry';
import { recordedSuccessMetrics } from '../../domain/success-metrics';
import type { JiraClient } from '../../jira/client';
import { PilotGateway } from '../../jira/pilots';
import type { Pilot } from '../../domain/pilot';
import { readConfig } from '../../storage/config';
import { readHistories } from '../../storage/history';
import type { OwnerQueueView, PortfolioView } from '../../ui-contract';
import { isJiraAdmin } from '../permissions';
import { ensureProvisioned } from '../provisioning';
import { UserFacingError } from '../errors';
import { portfolioContentOf } from './portfolio-view';

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

/** A pilot as a search read it, with its history, as the portfolio reads it. */
export function portfolioPilotOf(pilot: Pilot, history: ReadinessHistory): PortfolioPilot {
  return {
    id: pilot.id,
    key: pilot.key,
    summary: pilot.summary,
    projectKey: pilot.projectKey,
    kickoff: pilot.schedule.kickoffDate ?? pilot.schedule.createdDate,
    productionOwner: pilot.productionOwner,
    successMetrics: recordedSuccessMetrics(pilot.productionSpec.successMetrics),
    readiness: pilot.storedReadiness ? portfolioReadinessOf(pilot.storedReadiness) : null,
    gatesFirstPassed: history.gatesFirstPassed,
    trend: trendOf(history.points),
  };
}

/** Every pilot of the project the viewer may see, with the diagnostic summary, the funnel and the kill list. */
export async function buildPortfolio(request: PortfolioRequest): Promise<PortfolioView> {
  const provisioning = await ensureProvisioned(request.now);
  const { template } = await readConfig();
  const pilots = await new PilotGateway(request.asUser, provisioning).searchPilots(
    `project = "${checkedProjectKey(request.projectKey)}"`,
  );
  const histories = await readHistories(pilots.map((pilot) => pilot.id));
  const read = pilots.map((pilot) => portfolioPilotOf(pilot, histories.get(pilot.id) ?? EMPTY_HISTORY));
  return {
    projectKey: request.projectKey,
    ...portfolioContentOf(read, template, utcCalendarDate(request.now)),
    teams: [...new Set(template.rows.map((row) => row.ownerTeam))],
    viewerIsAdmin: await isJiraAdmin(request.asUser),
    viewerAccountId: request.accountId,
    productionOwnerIds: Object.fromEntries(
      pilots.flatMap((pilot) =>
        pilot.productionOwner ? [[pilot.key, pilot.productionOwner.accountId]] : [],
      ),
    ),
  };
}

/**
 * One owner team's queue in the project: its open workstreams across every pilot, overdue first, one
 * search page (50) per call on the origin property; `nextPageToken` continues.
 */
export async function buildOwnerQueue(request: PortfolioRequest, payload: unknown): Promise<OwnerQueueView> {
  const { team, nextPageToken } = (payload ?? {}) as { team?: unknown; nextPageToken?: unknown };
  const { template } = await readConfig();
  if (typeof team !== 'string' || !template.rows.some((row) => row.ownerTeam === team)) {
    throw new UserFacingError('invalid-input', 'Choose an owner team of the ownership template.', {
      team: 'Choose an owner team of the ownership template',
    });
  }
  if (nextPageToken !== undefined && (typeof nextPageToken !== 'string' || nextPageToken.length > 1000)) {
    throw new UserFacingError('invalid-input', 'The queue could not continue: reload the page.', {
      nextPageToken: 'Not a page token Jira gave',
    });
  }
  const gateway = new PilotGateway(request.asUser, await ensureProvisioned(request.now));
  const page = await gateway.openWorkstreamsPage(
    checkedProjectKey(request.projectKey),
    rowsOfTeam(template.rows, team),
    {
      maxResults: QUEUE_PAGE_SIZE,
      ...(typeof nextPageToken === 'string' && nextPageToken !== '' ? { nextPageToken } : {}),
    },
  );
  return {
    team,
    entries: orderQueue(page.issues, utcCalendarDate(request.now)),
    nextPageToken: page.nextPageToken ?? null,
  };
}
