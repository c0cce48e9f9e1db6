import type { Provisioning } from '../../domain/site-provisioning';
import { JiraClient } from '../../jira/client';
import type { IssueTypeDetails, ProjectDetails } from '../../jira/configuration';
import { projectProvisioning, teamManagedInstructions } from './provision-site';

/**
 * The site as the Jira calls of the lookup see it: one team-managed project and its issue types,
 * which GET /project/{key} includes unless `typesWithProject` is off.
 */
const site: { project: ProjectDetails; issueTypes: IssueTypeDetails[]; typesWithProject: boolean } = {
  project: { id: '10001', key: 'TEAM', name: 'Team pilots', style: 'next-gen' },
  issueTypes: [],
  typesWithProject: true,
};
const calls: string[] = [];
jest.mock('../../jira/configuration', () => ({
  getProject: async () => {
    calls.push('getProject');
    return site.typesWithProject ? { ...site.project, issueTypes: site.issueTypes } : site.project;
  },
  getProjectIssueTypes: async () => {
    calls.push('getProjectIssueTypes');
    return site.issueTypes;
  },
}));
const stored: Provisioning[] = [];
jest.mock('../../storage/provisioning', () => ({
  writeProvisioning: async (provisioning: Provisioning) => void stored.push(structuredClone(provisioning)),
}));

const provisioning = (): Provisioning => ({
  aiPilotIssueTypeId: '10005',
  dataAccessLinkType: { id: '10100', name: 'Data access' },
  reviewLinkTypeName: 'Relates',
  fields: { readiness: null, productionOwner: null, kickoffDate: null, demoSignOffDate: null },
  projects: {},
  provisionedAt: '2026-03-01T00:00:00.000Z',
});

describe('a project the install did not visit, looked up when a pilot of it is generated', () => {
  it('is seen as the install sees it: a sub-task type named AI Pilot is not the pilot type, and the steps are given', async () => {
    site.issueTypes = [
      { id: '10010', name: 'AI Pilot', subtask: true },
      { id: '10011', name: 'Subtask', subtask: true, hierarchyLevel: -1 },
    ];
    const found = await projectProvisioning(JiraClient.asApp(), 'TEAM', provisioning());
    expect(found).toEqual({
      projectId: '10001',
      style: 'team-managed',
      aiPilotAvailable: false,
      aiPilotIssueTypeId: null,
      subtaskIssueTypeId: '10010',
      instructions: teamManagedInstructions('TEAM', 'Team pilots'),
    });
    expect(stored.at(-1)?.projects.TEAM).toEqual(found);
  });

  it("takes a team-managed project's own AI Pilot type, and a known project without a call", async () => {
    site.issueTypes = [
      { id: '10012', name: 'AI Pilot', hierarchyLevel: 0 },
      { id: '10011', name: 'Subtask', subtask: true, hierarchyLevel: -1 },
    ];
    const visited = provisioning();
    const found = await projectProvisioning(JiraClient.asApp(), 'TEAM', visited);
    expect(found).toMatchObject({ aiPilotAvailable: true, aiPilotIssueTypeId: '10012', instructions: [] });
    site.issueTypes = [];
    expect(await projectProvisioning(JiraClient.asApp(), 'TEAM', visited)).toBe(found);
  });

  it('reads the project and its issue types in one call, and asks for the types apart only when Jira leaves them out', async () => {
    site.issueTypes = [{ id: '10012', name: 'AI Pilot', hierarchyLevel: 0 }];
    calls.length = 0;
    await projectProvisioning(JiraClient.asApp(), 'TEAM', provisioning());
    expect(calls).toEqual(['getProject']);
    site.typesWithProject = false;
    calls.length = 0;
    const found = await projectProvisioning(JiraClient.asApp(), 'TEAM', provisioning());
    site.typesWithProject = true;
    expect(calls).toEqual(['getProject', 'getProjectIssueTypes']);
    expect(found).toMatchObject({ aiPilotAvailable: true, aiPilotIssueTypeId: '10012' });
  });
});
