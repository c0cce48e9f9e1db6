import { appFieldIds, currentAppIdentity } from '../../jira/app-fields';
import { JiraClient } from '../../jira/client';
import {
  addIssueTypesToScheme,
  createIssueLinkType,
  createIssueType,
  getFields,
  getIssueLinkTypes,
  getIssueTypes,
  getIssueTypeSchemeId,
  getProject,
  getProjectIssueTypes,
  type IssueLinkTypeDetails,
  type IssueTypeDetails,
  type ProjectDetails,
} from '../../jira/configuration';
import { JiraError } from '../../jira/errors';
import { readConfig } from '../../storage/config';
import { markRollUpsComplete } from '../../storage/pilot-state';
import { readProvisioning, writeProvisioning, writeSiteTimeZone } from '../../storage/provisioning';
import { DEFAULT_SITE_TIME_ZONE, isKnownTimeZone } from '../../domain/site-dates';
import { siteTimeZone, type ProjectProvisioning, type Provisioning } from '../../domain/site-provisioning';
import { markPortfolioEntriesComplete } from '../../storage/portfolio-entries';

export const AI_PILOT_ISSUE_TYPE = {
  name: 'AI Pilot',
  description: 'An AI pilot on its way to production (Pilot Pathway).',
  hierarchyLevel: 0,
};
export const DATA_ACCESS_LINK_TYPE = {
  name: 'Data access',
  outward: 'needs data access from',
  inward: 'provides data access for',
};
export const REVIEW_LINK_TYPE_NAME = 'Relates';

export class ProvisioningError extends Error {}

/**
 * Makes the site ready for AI pilots, idempotently: the AI Pilot issue type and the Data access
 * link type (adopting existing ones with the same name and level; a 409 never fails), AI Pilot in
 * the issue type scheme of each configured company-managed project, and step-by-step
 * instructions for team-managed projects, which REST cannot change. Running it again changes nothing.
 */
export async function provisionSite(now: Date, projectKeys?: string[]): Promise<Provisioning> {
  const jira = JiraClient.asApp();
  const config = await readConfig();
  const previous = await readProvisioning();
  const aiPilot = await ensureAiPilotIssueType(jira);
  const dataAccessLinkType = await ensureDataAccessLinkType(jira);
  const fields = appFieldIds(await getFields(jira), currentAppIdentity());
  // The app's own account sees the site's default time zone (product.md §2); asked once per install,
  // and again by each daily job (refreshSiteTimeZone).
  const zone = previous?.siteTimeZone ?? (await jira.myself()).timeZone;
  const timeZone = isKnownTimeZone(zone) ? zone : DEFAULT_SITE_TIME_ZONE;
  const projects: Record<string, ProjectProvisioning> = { ...(previous?.projects ?? {}) };
  for (const projectKey of projectKeys ?? config.pilotProjects) {
    projects[projectKey] = await provisionProject(jira, projectKey, aiPilot.id);
  }
  const provisioning: Provisioning = {
    aiPilotIssueTypeId: aiPilot.id,
    dataAccessLinkType: { id: dataAccessLinkType.id, name: dataAccessLinkType.name },
    reviewLinkTypeName: REVIEW_LINK_TYPE_NAME,
    fields,
    projects,
    siteTimeZone: timeZone,
    provisionedAt: now.toISOString(),
  };
  if (!sameProvisioning(previous, provisioning)) await writeProvisioning(provisioning);
  // Installed now, before any pilot: every pilot's epic roll-up and portfolio entries will be stored as
  // it is computed.
  if (!previous) {
    await markRollUpsComplete();
    await markPortfolioEntriesComplete();
  }
  return provisioning;
}

async function ensureAiPilotIssueType(jira: JiraClient): Promise<IssueTypeDetails> {
  const adopt = (types: IssueTypeDetails[]) => adoptableIssueType(types);
  const existing = adopt(await getIssueTypes(jira));
  if (existing) return existing;
  try {
    return await createIssueType(jira, AI_PILOT_ISSUE_TYPE);
  } catch (error) {
    // Another install created it between our read and our write: adopt theirs.
    if (error instanceof JiraError && error.status === 409) {
      const created = adopt(await getIssueTypes(jira));
      if (created) return created;
    }
    throw error;
  }
}

function adoptableIssueType(types: IssueTypeDetails[]): IssueTypeDetails | undefined {
  const sameName = types.filter((type) => type.name === AI_PILOT_ISSUE_TYPE.name && !type.scope);
  const adoptable = sameName.find((type) => (type.hierarchyLevel ?? (type.subtask ? -1 : 0)) === 0);
  if (!adoptable && sameName.length > 0) {
    throw new ProvisioningError(
      `An issue type named "${AI_PILOT_ISSUE_TYPE.name}" exists at another hierarchy level; ` +
        'rename it or change it to a standard issue type, then run "Repair installation" on the admin page.',
    );
  }
  return adoptable;
}

async function ensureDataAccessLinkType(jira: JiraClient): Promise<IssueLinkTypeDetails> {
  const find = (types: IssueLinkTypeDetails[]) =>
    types.find((type) => type.name.toLowerCase() === DATA_ACCESS_LINK_TYPE.name.toLowerCase());
  const existing = find(await getIssueLinkTypes(jira));
  if (existing) return existing;
  try {
    return await createIssueLinkType(jira, DATA_ACCESS_LINK_TYPE);
  } catch (error) {
    if (error instanceof JiraError && (error.status === 409 || error.status === 400)) {
      const created = find(await getIssueLinkTypes(jira));
      if (created) return created;
    }
    throw error;
  }
}

/**
 * A configured project made ready: in a company-managed project AI Pilot is added to its issue type
 * scheme when missing; a team-managed one gets the steps its project admin takes (REST cannot).
 */
async function provisionProject(
  jira: JiraClient,
  projectKey: string,
  aiPilotIssueTypeId: string,
): Promise<ProjectProvisioning> {
  const { project, found } = await inspectProject(jira, projectKey, aiPilotIssueTypeId);
  if (found.style === 'team-managed' || found.aiPilotAvailable) return found;
  const schemeId = await getIssueTypeSchemeId(jira, project.id);
  if (!schemeId)
    throw new ProvisioningError(`Project ${projectKey} has no issue type scheme the app can read.`);
  await addIssueTypesToScheme(jira, schemeId, [aiPilotIssueTypeId]);
  return (await inspectProject(jira, projectKey, aiPilotIssueTypeId)).found;
}

/**
 * The site's default time zone, asked of Jira again (1 call; the daily job does, so a zone an admin
 * changed after the install is "today" from the next day on). A name the runtime does not know keeps
 * the zone the app had. Answers the zone now in force.
 */
export async function refreshSiteTimeZone(now: Date): Promise<string> {
  const known = siteTimeZone(await ensureProvisioned(now));
  const answered = (await JiraClient.asApp().myself()).timeZone;
  if (!isKnownTimeZone(answered) || answered === known) return known;
  await writeSiteTimeZone({ timeZone: answered, readAt: now.toISOString() });
  return answered;
}

/** The site's provisioning, running the install now if it never ran (e.g. the install event was lost). */
export async function ensureProvisioned(now: Date): Promise<Provisioning> {
  return (await readProvisioning()) ?? provisionSite(now);
}

/**
 * What generation needs to know about a project (its sub-task type). Projects the install did not
 * visit (AI Pilot added by hand) are looked up once, the way the install sees a project, and remembered.
 */
export async function projectProvisioning(
  jira: JiraClient,
  projectKey: string,
  provisioning: Provisioning,
): Promise<ProjectProvisioning> {
  const known = provisioning.projects[projectKey];
  if (known) return known;
  const { found } = await inspectProject(jira, projectKey, provisioning.aiPilotIssueTypeId);
  provisioning.projects[projectKey] = found;
  await writeProvisioning(provisioning);
  return found;
}

/**
 * A project as the app sees it, changing nothing: its style, its AI Pilot type (the global one in a
 * company-managed project, the project's own in a team-managed one) and its sub-task type (1 call:
 * the project comes with its issue types; 2 if Jira ever leaves them out).
 */
async function inspectProject(
  jira: JiraClient,
  projectKey: string,
  aiPilotIssueTypeId: string,
): Promise<{ project: ProjectDetails; found: ProjectProvisioning }> {
  const project = await getProject(jira, projectKey);
  const issueTypes = project.issueTypes ?? (await getProjectIssueTypes(jira, project.id));
  const subtaskIssueTypeId =
    issueTypes.find((type) => type.subtask || type.hierarchyLevel === -1)?.id ?? null;
  if (project.style === 'next-gen' || project.simplified === true) {
    // A team-managed project has its own, project-scoped AI Pilot type (made by its project admin).
    const projectPilotType = issueTypes.find(
      (type) => type.name === AI_PILOT_ISSUE_TYPE.name && (type.hierarchyLevel ?? 0) === 0 && !type.subtask,
    );
    const aiPilotAvailable = projectPilotType !== undefined;
    return {
      project,
      found: {
        projectId: project.id,
        style: 'team-managed',
        aiPilotAvailable,
        aiPilotIssueTypeId: projectPilotType?.id ?? null,
        subtaskIssueTypeId,
        instructions: aiPilotAvailable ? [] : teamManagedInstructions(project.key, project.name),
      },
    };
  }
  const aiPilotAvailable = issueTypes.some((type) => type.id === aiPilotIssueTypeId);
  return {
    project,
    found: {
      projectId: project.id,
      style: 'company-managed',
      aiPilotAvailable,
      aiPilotIssueTypeId: aiPilotAvailable ? aiPilotIssueTypeId : null,
      subtaskIssueTypeId,
      instructions: [],
    },
  };
}

/** What a project admin does by hand in a team-managed project (REST cannot add issue types there). */
export function teamManagedInstructions(projectKey: string, projectName: string): string[] {
  return [
    `${projectName} (${projectKey}) is a team-managed project: Jira does not let apps add issue types to it, so a project admin adds AI Pilot once, by hand.`,
    `1. Open ${projectName}, then Project settings > Issue types.`,
    '2. Choose "Add issue type" > "Create issue type", name it exactly "AI Pilot" and give it the description "An AI pilot on its way to production".',
    '3. Keep the "Subtask" issue type enabled in the same settings: the production path is made of sub-tasks.',
    '4. Add the fields Production owner, Kickoff date and Demo sign-off date to the AI Pilot layout (Fields > search by name).',
    '5. Save, then choose "Repair installation" on the Pilot Pathway admin page so the app checks the project again.',
  ];
}

function sameProvisioning(previous: Provisioning | undefined, next: Provisioning): boolean {
  if (!previous) return false;
  const { provisionedAt: _a, ...before } = previous;
  const { provisionedAt: _b, ...after } = next;
  return JSON.stringify(before) === JSON.stringify(after);
}
