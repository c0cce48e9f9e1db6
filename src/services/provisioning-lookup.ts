import type { JiraClient } from '../jira/client';
import { getProject, getProjectIssueTypes } from '../jira/configuration';
import { readProvisioning, writeProvisioning } from '../storage/provisioning';
import { type ProjectProvisioning, type Provisioning } from '../domain/site-provisioning';
import { AI_PILOT_ISSUE_TYPE, provisionSite } from './provision-site';

/** The site's provisioning, running the install now if it never ran (e.g. the install event was lost). */
export async function ensureProvisioned(now: Date): Promise<Provisioning> {
  return (await readProvisioning()) ?? provisionSite(now);
}

/**
 * What generation needs to know about a project (its sub-task type). Projects the install did not
 * visit (AI Pilot added by hand) are looked up once and remembered.
 */
export async function projectProvisioning(
  jira: JiraClient,
  projectKey: string,
  provisioning: Provisioning,
): Promise<ProjectProvisioning> {
  const known = provisioning.projects[projectKey];
  if (known) return known;
  const project = await getProject(jira, projectKey);
  const issueTypes = await getProjectIssueTypes(jira, project.id);
  const teamManaged = project.style === 'next-gen' || project.simplified === true;
  const pilotType = issueTypes.find((type) =>
    teamManaged
      ? type.name === AI_PILOT_ISSUE_TYPE.name && (type.hierarchyLevel ?? 0) === 0
      : type.id === provisioning.aiPilotIssueTypeId,
  );
  const looked: ProjectProvisioning = {
    projectId: project.id,
    style: teamManaged ? 'team-managed' : 'company-managed',
    aiPilotAvailable: pilotType !== undefined,
    aiPilotIssueTypeId: pilotType?.id ?? null,
    subtaskIssueTypeId: issueTypes.find((type) => type.subtask || type.hierarchyLevel === -1)?.id ?? null,
    instructions: [],
  };
  provisioning.projects[projectKey] = looked;
  await writeProvisioning(provisioning);
  return looked;
}
