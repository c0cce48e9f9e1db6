/**
 * Pilots across projects (product.md §15): the global page and the dashboard gadget, each project's
 * pilots from its stored portfolio entries, shown as far as the viewer may see them (project-pilots.ts).
 */
import { ALL_PROJECTS, gadgetSettingsOf } from '../../domain/gadget-settings';
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import type { JiraClient } from '../../jira/client';
import { readConfig } from '../../storage/config';
import type { GadgetView, GlobalPortfolioView, ProjectRef } from '../../ui-contract';
import { UserFacingError } from '../errors';
import { ensureProvisioned } from '../provisioning';
import { browsableProjects, pilotsOf, visibleToViewer } from './project-pilots';
import { portfolioContentOf, portfolioSummaryOf } from './portfolio-view';

export interface ViewerRequest {
  accountId: string;
  asUser: JiraClient;
  now: Date;
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
  const stored = await Promise.all(
    projects.map(async (project) => ({ project, pilots: await pilotsOf(project.key, provisioning) })),
  );
  const visible = new Set(
    (
      await visibleToViewer(
        request.asUser,
        stored.flatMap(({ pilots }) => pilots),
      )
    ).map((pilot) => pilot.id),
  );
  const read = stored.map(({ project, pilots }) => ({
    project,
    pilots: pilots.filter((pilot) => visible.has(pilot.id)),
  }));
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
  const pilots = await visibleToViewer(
    request.asUser,
    (await Promise.all(projects.map((ref) => pilotsOf(ref.key, provisioning)))).flat(),
  );
  return {
    project: project === ALL_PROJECTS ? null : (projects[0] ?? null),
    projects,
    summary: portfolioSummaryOf(pilots, template, siteToday(request.now, siteTimeZone(provisioning))),
  };
}
