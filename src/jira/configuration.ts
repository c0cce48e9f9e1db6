import { route } from '@forge/api';
import type { JiraClient } from './client';

/** Jira site configuration calls (issue types, link types, schemes, fields, projects). */

export interface IssueTypeDetails {
  id: string;
  name: string;
  subtask?: boolean;
  hierarchyLevel?: number;
  scope?: { type: string; project?: { id: string } };
}

export interface IssueLinkTypeDetails {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export interface ProjectDetails {
  id: string;
  key: string;
  name: string;
  style?: 'classic' | 'next-gen' | string;
  simplified?: boolean;
  /** GET /project/{key} includes them (its description: "included in all responses by default"). */
  issueTypes?: IssueTypeDetails[];
}

export interface FieldDetails {
  id: string;
  key?: string;
  name: string;
  custom: boolean;
  schema?: { type?: string; custom?: string };
}

export const getIssueTypes = (jira: JiraClient) =>
  jira.request<IssueTypeDetails[]>('GET', route`/rest/api/3/issuetype`);

export const createIssueType = (
  jira: JiraClient,
  body: { name: string; description: string; hierarchyLevel: number },
) => jira.request<IssueTypeDetails>('POST', route`/rest/api/3/issuetype`, body);

export const getIssueLinkTypes = async (jira: JiraClient) =>
  (await jira.request<{ issueLinkTypes: IssueLinkTypeDetails[] }>('GET', route`/rest/api/3/issueLinkType`))
    .issueLinkTypes;

export const createIssueLinkType = (jira: JiraClient, body: Omit<IssueLinkTypeDetails, 'id'>) =>
  jira.request<IssueLinkTypeDetails>('POST', route`/rest/api/3/issueLinkType`, body);

/** A project with the issue types it offers (`expand=issueTypes` names what the app reads from it). */
export const getProject = (jira: JiraClient, projectIdOrKey: string) =>
  jira.request<ProjectDetails>('GET', route`/rest/api/3/project/${projectIdOrKey}?expand=issueTypes`);

export const getProjectIssueTypes = (jira: JiraClient, projectId: string) =>
  jira.request<IssueTypeDetails[]>(
    'GET',
    route`/rest/api/3/issuetype/project?${new URLSearchParams({ projectId })}`,
  );

export async function getIssueTypeSchemeId(jira: JiraClient, projectId: string): Promise<string | undefined> {
  const page = await jira.request<{ values: Array<{ issueTypeScheme: { id: string } }> }>(
    'GET',
    route`/rest/api/3/issuetypescheme/project?${new URLSearchParams({ projectId })}`,
  );
  return page.values[0]?.issueTypeScheme.id;
}

export const addIssueTypesToScheme = (jira: JiraClient, schemeId: string, issueTypeIds: string[]) =>
  jira.request<void>('PUT', route`/rest/api/3/issuetypescheme/${schemeId}/issuetype`, { issueTypeIds });

export const getFields = (jira: JiraClient) => jira.request<FieldDetails[]>('GET', route`/rest/api/3/field`);

/** The projects among `keys` that exist and the app can see, in one call (GET /rest/api/3/project/search). */
export async function findProjectsByKeys(jira: JiraClient, keys: string[]): Promise<ProjectDetails[]> {
  if (keys.length === 0) return [];
  const query = new URLSearchParams({ maxResults: '100' });
  for (const key of keys) query.append('keys', key);
  const page = await jira.request<{ values: ProjectDetails[] }>(
    'GET',
    route`/rest/api/3/project/search?${query}`,
  );
  return page.values;
}

export interface UserDetails {
  accountId: string;
  displayName?: string;
  active?: boolean;
}

/** The users among `accountIds` that exist, in one call (GET /rest/api/3/user/bulk, up to 200). */
export async function getUsersByAccountIds(jira: JiraClient, accountIds: string[]): Promise<UserDetails[]> {
  if (accountIds.length === 0) return [];
  const query = new URLSearchParams({ maxResults: '200' });
  for (const accountId of accountIds) query.append('accountId', accountId);
  const page = await jira.request<{ values: UserDetails[] }>('GET', route`/rest/api/3/user/bulk?${query}`);
  return page.values;
}

/** A Jira group: its id (stable) and name (what people know it by). */
export interface GroupDetails {
  groupId: string;
  name: string;
}

function groupsWithIds(groups: ReadonlyArray<{ groupId?: string | null; name?: string }>): GroupDetails[] {
  return groups.flatMap((group) =>
    group.groupId && group.name ? [{ groupId: group.groupId, name: group.name }] : [],
  );
}

/** The groups a person belongs to (GET /user/groups: 1 call; the app holds Browse users and groups). */
export async function getUserGroups(jira: JiraClient, accountId: string): Promise<GroupDetails[]> {
  return groupsWithIds(
    await jira.request<Array<{ groupId?: string | null; name?: string }>>(
      'GET',
      route`/rest/api/3/user/groups?${new URLSearchParams({ accountId })}`,
    ),
  );
}

/** Groups whose name contains `query` (the group picker: GET /groups/picker, 1 call). */
export async function findGroups(jira: JiraClient, query: string, maxResults = 20): Promise<GroupDetails[]> {
  const found = await jira.request<{ groups?: Array<{ groupId?: string; name?: string }> }>(
    'GET',
    route`/rest/api/3/groups/picker?${new URLSearchParams({ query, maxResults: String(maxResults) })}`,
  );
  return groupsWithIds(found.groups ?? []);
}

/** The group with this id, or undefined when Jira has none (GET /group/bulk, 1 call). */
export async function getGroupById(jira: JiraClient, groupId: string): Promise<GroupDetails | undefined> {
  const page = await jira.request<{ values?: Array<{ groupId?: string | null; name?: string }> }>(
    'GET',
    route`/rest/api/3/group/bulk?${new URLSearchParams({ groupId })}`,
  );
  return groupsWithIds(page.values ?? []).find((group) => group.groupId === groupId);
}
