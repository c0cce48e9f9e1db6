/**
 * Pilots across projects (product.md §15): the global page and the dashboard gadget. Which pilot
 * projects the viewer may browse is asked of Jira once, as the viewer (one project search); each
 * project's pilots then come from the portfolio entries every recompute stores, never from a search
 * per project. A project read for the first time (its entries predate this page) is searched once, as
 * the app, and its entries stored.
 */
import { ALL_PROJECTS, gadgetSettingsOf } from '../../domain/gadget-settings';
import { EMPTY_HISTORY } from '../../domain/history';
import { siteToday } from '../../domain/site-dates';
import type { PortfolioPilot } from '../../domain/portfolio-entry';
import { siteTimeZone, type Provisioning } from '../../domain/site-provisioning';
import type { JiraClient } from '../../jira/client';
import { findProjectsByKeys } from '../../jira/configuration';
import { PilotGateway } from '../../jira/pilots';
import { readConfig } from '../../storage/config';
import { readHistories } from '../../storage/history';
import { readRecentPilots } from '../../storage/pilot-state';
import {
  isProjectPortfolioComplete,
  readPortfolioEntries,
  writeProjectPortfolio,
} from '../../storage/portfolio-entries';
import type { GadgetView, GlobalPortfolioView, ProjectRef } from '../../ui-contract';
import { UserFacingError } from '../errors';
import { ensureProvisioned } from '../provisioning';
import { portfolioPilotOf } from './portfolio';
import { portfolioContentOf, portfolioSummaryOf } from './portfolio-view';

export interface ViewerRequest {
  accountId: string;
  asUser: JiraClient;
  now: Date;
}

/** The pilot projects among `keys` the viewer may browse, in key order (1 Jira call, as the viewer). */
async function browsableProjects(asUser: JiraClient, keys: readonly string[]): Promise<ProjectRef[]> {
  const found = await findProjectsByKeys(asUser, [...new Set(keys)]);
  return found
    .filter((project) => keys.includes(project.key))
    .map(({ key, name }) => ({ key, name }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * A project's pilots from their stored entries; a project never read in full is searched once. The
 * project is marked complete after that search, so it must not miss a pilot: the index may not have
 * the pilots generated lately yet, so the search asks for them fresh (reconcileIssues).
 */
async function pilotsOf(projectKey: string, provisioning: Provisioning): Promise<PortfolioPilot[]> {
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

/** The pilot projects the viewer may browse (the gadget's edit view offers them). */
export async function pilotProjects(request: ViewerRequest): Promise<ProjectRef[]> {
  return browsableProjects(request.asUser, (await readConfig()).pilotProjects);
}

/** Every pilot project the viewer may browse, each with its portfolio, and all of them together. */
export async function buildGlobalPortfolio(request: ViewerRequest): Promise<GlobalPortfolioView> {
  const { template, pilotProjects: keys } = await readConfig();
  const projects = await browsableProjects(request.asUser, keys);
  const provisioning = await ensureProvisioned(request.now);
  const today = siteToday(request.now, siteTimeZone(provisioning));
  const read = await Promise.all(
    projects.map(async (project) => ({ project, pilots: await pilotsOf(project.key, provisioning) })),
  );
  return {
    projects: read.map(({ project, pilots }) => ({
      project,
      ...portfolioContentOf(pilots, template, today),
    })),
    all: portfolioSummaryOf(
      read.flatMap(({ pilots }) => pilots),
      template,
      today,
    ),
    today,
  };
}

/**
 * The dashboard gadget: band counts, kill list and funnel of the project its setting names, or of every
 * pilot project the viewer may browse. The setting comes from the Forge context (Jira keeps it with the
 * gadget); a project the viewer may not browse is refused, not shown.
 */
export async function buildGadget(request: ViewerRequest, stored: unknown): Promise<GadgetView> {
  const setting = gadgetSettingsOf(stored);
  if (!setting.ok) throw new UserFacingError('invalid-input', setting.message);
  const { template, pilotProjects: keys } = await readConfig();
  const project = setting.settings.project;
  const wanted = project === ALL_PROJECTS ? keys : keys.filter((key) => key === project);
  if (project !== ALL_PROJECTS && wanted.length === 0)
    throw new UserFacingError(
      'not-found',
      `${project} is not a pilot project: edit the gadget and choose one of the projects Pilot Pathway runs in.`,
    );
  const projects = await browsableProjects(request.asUser, wanted);
  if (project !== ALL_PROJECTS && projects.length === 0)
    throw new UserFacingError(
      'no-permission',
      `You don't have permission to see the pilots of ${project}. Ask a project admin for the Browse projects permission.`,
    );
  const provisioning = await ensureProvisioned(request.now);
  const pilots = (await Promise.all(projects.map((ref) => pilotsOf(ref.key, provisioning)))).flat();
  return {
    project: project === ALL_PROJECTS ? null : (projects[0] ?? null),
    projects,
    summary: portfolioSummaryOf(pilots, template, siteToday(request.now, siteTimeZone(provisioning))),
  };
}
