/**
 * The portfolio page (product.md §11, §14): every pilot of a project the viewer may browse, found by
 * one search page at a time as the viewer, with the app's own stored readiness of each (Forge storage:
 * the published property is a copy anyone can overwrite, never read back), the trend and the funnel
 * from the stored histories, the budget kills freed, and each owner team's queue from one search on
 * the origin property. Jira calls: the pages and the viewer's decider check, never one per pilot.
 */
import { EMPTY_HISTORY, trendOf, type ReadinessHistory } from '../../domain/history';
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import { orderQueue, rowsOfTeam } from '../../domain/portfolio';
import { portfolioEntryOf, type PortfolioPilot } from '../../domain/portfolio-entry';
import { recordedSuccessMetrics } from '../../domain/success-metrics';
import type { JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { PilotGateway } from '../../jira/pilots';
import type { Pilot } from '../../domain/pilot';
import { readConfig } from '../../storage/config';
import { readHistories } from '../../storage/history';
import { readPilotView } from '../../storage/pilot-state';
import { readPortfolioEntries } from '../../storage/portfolio-entries';
import type { OwnerQueueView, PortfolioView } from '../../ui-contract';
import { decidersSentence, isDecider } from '../permissions';
import { standingsOf } from '../readiness';
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

/**
 * A pilot as a search found it, as the portfolio shows it: from the app's stored reading (its view),
 * never from the published property; a pilot never computed has no readiness yet.
 */
export async function portfolioPilotOf(pilot: Pilot, history: ReadinessHistory): Promise<PortfolioPilot> {
  const view = await readPilotView(pilot.id);
  if (view) return portfolioEntryOf(view.snapshot, view.readiness, view.names, history);
  return {
    id: pilot.id,
    key: pilot.key,
    summary: pilot.summary,
    projectKey: pilot.projectKey,
    kickoff: pilot.schedule.kickoffDate ?? pilot.schedule.createdDate,
    productionOwner: pilot.productionOwner,
    successMetrics: recordedSuccessMetrics(pilot.productionSpec.successMetrics),
    readiness: null,
    gatesFirstPassed: history.gatesFirstPassed,
    trend: trendOf(history.points),
    kill: null,
  };
}

/** Every pilot of the project the viewer may see, with the diagnostic summary, the funnel and the kill list. */
export async function buildPortfolio(request: PortfolioRequest): Promise<PortfolioView> {
  const provisioning = await ensureProvisioned(request.now);
  const config = await readConfig();
  const { template } = config;
  const pilots = await new PilotGateway(request.asUser, provisioning).searchPilots(
    `project = "${checkedProjectKey(request.projectKey)}"`,
  );
  // Each pilot as the app stored it at its last recompute (its portfolio entry); one stored before
  // entries were kept is read from its stored view, with its history.
  const entries = new Map((await readPortfolioEntries(request.projectKey)).map((entry) => [entry.id, entry]));
  const missing = pilots.filter((pilot) => !entries.has(pilot.id));
  const histories = await readHistories(missing.map((pilot) => pilot.id));
  const read = await Promise.all(
    pilots.map(
      async (pilot) =>
        entries.get(pilot.id) ?? (await portfolioPilotOf(pilot, histories.get(pilot.id) ?? EMPTY_HISTORY)),
    ),
  );
  return {
    projectKey: request.projectKey,
    ...portfolioContentOf(read, template, siteToday(request.now, siteTimeZone(provisioning))),
    teams: [...new Set(template.rows.map((row) => row.ownerTeam))],
    viewerMayDecide: await isDecider(request.asUser, request.accountId, config.reviewBoard),
    deciders: decidersSentence(config.reviewBoard),
    viewerAccountId: request.accountId,
  };
}

function notAPageToken(): UserFacingError {
  return new UserFacingError('invalid-input', 'The queue could not continue: reload the page.', {
    nextPageToken: 'Not a page token Jira gave for this queue',
  });
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
    throw notAPageToken();
  }
  const provisioning = await ensureProvisioned(request.now);
  const gateway = new PilotGateway(request.asUser, provisioning);
  const continuing = typeof nextPageToken === 'string' && nextPageToken !== '';
  const page = await gateway
    .openWorkstreamsPage(checkedProjectKey(request.projectKey), rowsOfTeam(template.rows, team), {
      maxResults: QUEUE_PAGE_SIZE,
      ...(continuing ? { nextPageToken } : {}),
    })
    .catch((error: unknown) => {
      // Jira refuses a token it did not give for this queue's search (garbled, or another queue's).
      if (continuing && error instanceof JiraError && error.status === 400) throw notAPageToken();
      throw error;
    });
  // A killed pilot is an end state: whatever the kill could not close is nobody's queue.
  const standings = await standingsOf([...new Set(page.issues.map((issue) => issue.pilotId))]);
  const active = page.issues.filter((issue) => !standings.get(issue.pilotId)?.kill);
  return {
    team,
    entries: orderQueue(active, siteToday(request.now, siteTimeZone(provisioning))),
    nextPageToken: page.nextPageToken ?? null,
  };
}
