/**
 * A project's pilots as the pages that list many of them show them (product.md §16): from the
 * portfolio entries every recompute stores, never a search per open. Who may see them is asked of
 * Jira as the viewer: which of the projects they may browse (one project search), and, for pilots
 * with an issue security level, which of those Jira shows them (one bulk permission check per 1,000;
 * none when no pilot has a level).
 */
import { EMPTY_HISTORY, trendOf, type ReadinessHistory } from '../../domain/history';
import type { Pilot } from '../../domain/pilot';
import { portfolioEntryOf, type PortfolioPilot } from '../../domain/portfolio-entry';
import type { Provisioning } from '../../domain/site-provisioning';
import { recordedSuccessMetrics } from '../../domain/success-metrics';
import type { JiraClient } from '../../jira/client';
import { findProjectsByKeys } from '../../jira/configuration';
import { PilotGateway } from '../../jira/pilots';
import { readHistories } from '../../storage/history';
import { readPilotView, readRecentPilots } from '../../storage/pilot-state';
import {
  isProjectPortfolioComplete,
  readPortfolioEntries,
  writeProjectPortfolio,
} from '../../storage/portfolio-entries';
import type { ProjectRef } from '../../ui-contract';

/** The pilot projects among `keys` the viewer may browse, in key order (1 Jira call, as the viewer). */
export async function browsableProjects(asUser: JiraClient, keys: readonly string[]): Promise<ProjectRef[]> {
  const found = await findProjectsByKeys(asUser, [...new Set(keys)]);
  return found
    .filter((project) => keys.includes(project.key))
    .map(({ key, name }) => ({ key, name }))
    .sort((a, b) => a.key.localeCompare(b.key));
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
    ...(pilot.restricted ? { restricted: true as const } : {}),
  };
}

/**
 * A project's pilots from their stored entries; a project never read in full is searched once, as the
 * app. The project is marked complete after that search, so it must not miss a pilot: the index may
 * not have the pilots generated lately yet, so the search asks for them fresh (reconcileIssues).
 */
export async function pilotsOf(projectKey: string, provisioning: Provisioning): Promise<PortfolioPilot[]> {
  if (!(await isProjectPortfolioComplete(projectKey))) {
    const pilots = await PilotGateway.asApp(provisioning).searchPilots(
      `project = "${projectKey}"`,
      await readRecentPilots(),
    );
    const histories = await readHistories(pilots.map((pilot) => pilot.id));
    await writeProjectPortfolio(
      projectKey,
      await Promise.all(
        pilots.map((pilot) => portfolioPilotOf(pilot, histories.get(pilot.id) ?? EMPTY_HISTORY)),
      ),
    );
  }
  return readPortfolioEntries(projectKey);
}

/**
 * The pilots of browsable projects the viewer may see: a pilot with an issue security level only when
 * Jira shows it to them (asked in bulk, as the viewer); the others are left out without a trace.
 */
export async function visibleToViewer(
  asUser: JiraClient,
  pilots: readonly PortfolioPilot[],
): Promise<PortfolioPilot[]> {
  const restricted = pilots.filter((pilot) => pilot.restricted === true).map((pilot) => pilot.id);
  if (restricted.length === 0) return [...pilots];
  const shown = await asUser.browsableIssueIds(restricted);
  return pilots.filter((pilot) => pilot.restricted !== true || shown.has(pilot.id));
}
