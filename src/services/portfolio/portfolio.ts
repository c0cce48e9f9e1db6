/**
 * The portfolio page (product.md §11, §14, §16): every pilot of a project the viewer may see, from the
 * app's own stored portfolio entries (the published property is a copy anyone can overwrite, never
 * read back) with the trend and the funnel they keep, the budget kills freed, and each owner team's
 * queue from one search on the origin property. Jira calls: who may see what (project-pilots.ts),
 * never one per pilot.
 */
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import { orderQueue, rowsOfTeam } from '../../domain/portfolio';
import type { JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { PilotGateway } from '../../jira/pilots';
import { readConfig } from '../../storage/config';
import type { OwnerQueueView, PortfolioView } from '../../ui-contract';
import { decidersSentence, isDecider, knownDecider } from '../permissions';
import { standingsOf } from '../readiness';
import { ensureProvisioned } from '../provisioning';
import { UserFacingError } from '../errors';
import { portfolioContentOf } from './portfolio-view';
import { pilotsOf, visibleToViewer } from './project-pilots';

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
 * Every pilot of the project the viewer may see, with the diagnostic summary, the funnel and the kill
 * list, from the stored entries: one Jira call (may the viewer browse the project, are they a Jira
 * admin) when no pilot has an issue security level; a non-admin's review board membership is asked
 * once and remembered.
 */
export async function buildPortfolio(request: PortfolioRequest): Promise<PortfolioView> {
  const projectKey = checkedProjectKey(request.projectKey);
  // One question to Jira as the viewer: may they browse the project, and do they administer Jira.
  const rights = await request.asUser
    .myPermissions(['BROWSE_PROJECTS', 'ADMINISTER'], { projectKey })
    .catch((error: unknown) => {
      if (error instanceof JiraError && error.status === 404) return {} as Record<string, boolean>;
      throw error;
    });
  if (!rights.BROWSE_PROJECTS)
    throw new UserFacingError(
      'no-permission',
      `You don't have permission to see the pilots of ${projectKey}. Ask a project admin for the Browse projects permission.`,
    );
  const provisioning = await ensureProvisioned(request.now);
  const config = await readConfig();
  const { template, reviewBoard } = config;
  const pilots = await visibleToViewer(request.asUser, await pilotsOf(projectKey, provisioning));
  return {
    projectKey,
    ...portfolioContentOf(pilots, template, siteToday(request.now, siteTimeZone(provisioning))),
    teams: [...new Set(template.rows.map((row) => row.ownerTeam))],
    viewerMayDecide:
      (await knownDecider(request.accountId, reviewBoard)) ??
      (await isDecider(request.asUser, request.accountId, reviewBoard, {
        rememberNo: true,
        admin: rights['ADMINISTER'] === true,
      })),
    deciders: decidersSentence(reviewBoard),
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
