/**
 * The bare site (sandbox.md "Starting states"): project AIP (company-managed) where pilots live,
 * TEAM (team-managed, with the project-scoped issue type "AI Pilot" its project admin created by
 * hand), SEC (company-managed) for review tickets, the simplified workflow To Do → In Progress →
 * Done, the default resolutions and link types, the seeded people (one in Pacific/Auckland), the
 * app's Forge custom fields and a site field of the customer's also named "Readiness". No issues.
 * The app's own installation (issue type "AI Pilot", link type "Data access") is not done here:
 * the app's install handler does it through the API.
 */
import { APP_ACCOUNT_ID, SANDBOX_USERS } from '../contracts';
import { DEFAULT_APP_CUSTOM_FIELDS, SYSTEM_FIELDS, defineAppCustomFields } from './field-catalog';
import type { FieldRecord, IssueTypeRecord, ProjectRecord, StatusCategoryKey } from './model';
import { PROJECT_ADMIN_PERMISSIONS, STANDARD_PROJECT_PERMISSIONS } from './permissions';
import { SiteStore } from './store';

export const AIP_PROJECT_ID = '10000';
export const TEAM_PROJECT_ID = '10001';
export const SEC_PROJECT_ID = '10002';

export const STATUS_IDS = { toDo: '10000', inProgress: '10001', done: '10002' } as const;
export const TRANSITION_IDS = { toDo: '11', inProgress: '21', done: '31' } as const;
export const ISSUE_TYPE_IDS = { epic: '10000', task: '10001', subtask: '10002' } as const;
export const LINK_TYPE_IDS = { blocks: '10000', relates: '10001' } as const;
/**
 * The site's groups (they receive notifications addressed to them, and the app's admin page can name
 * one as its review board; the app manages none). `ai-review-board` is a group of deciders who are not
 * Jira admins: Bo Business.
 */
export const SITE_GROUPS: { name: string; groupId: string; members: string[] }[] = [
  {
    name: 'site-admins',
    groupId: '2f0e6b8e-7c3d-4b1a-9e5f-000000000001',
    members: [SANDBOX_USERS.admin.accountId],
  },
  {
    name: 'jira-software-users',
    groupId: '2f0e6b8e-7c3d-4b1a-9e5f-000000000002',
    members: Object.values(SANDBOX_USERS).map((user) => user.accountId),
  },
  {
    name: 'ai-review-board',
    groupId: '2f0e6b8e-7c3d-4b1a-9e5f-000000000003',
    members: [SANDBOX_USERS.businessOwner.accountId],
  },
];

/** TEAM's own "AI Pilot", created by its project admin in Project settings > Issue types. */
export const TEAM_AI_PILOT_TYPE_ID = '10006';

/**
 * A site field the customer made long before installing the app, with the same name as the app's
 * read-only Readiness field: the app must find its own fields by key, never by display name.
 */
export const SITE_READINESS_FIELD: FieldRecord = {
  id: 'customfield_10020',
  key: 'customfield_10020',
  name: 'Readiness',
  custom: true,
  navigable: true,
  orderable: true,
  searchable: true,
  clauseNames: ['cf[10020]', 'Readiness', 'Readiness[Short text]'],
  schema: {
    type: 'string',
    custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
    customId: 10020,
  },
  kind: 'string',
};

function issueType(
  id: string,
  name: string,
  hierarchyLevel: number,
  description: string,
  scopeProjectId?: string,
): IssueTypeRecord {
  const suffix = id.padStart(12, '0');
  return {
    id,
    name,
    description,
    hierarchyLevel,
    avatarId: hierarchyLevel === 1 ? 10307 : hierarchyLevel === -1 ? 10316 : 10318,
    entityId: `6a7c3f1e-2b4d-4e8f-9a1b-${suffix}`,
    ...(scopeProjectId ? { scopeProjectId } : {}),
  };
}

function project(
  id: string,
  key: string,
  name: string,
  style: ProjectRecord['style'],
  issueTypeSchemeId?: string,
): ProjectRecord {
  return {
    id,
    key,
    name,
    description: '',
    style,
    ...(issueTypeSchemeId ? { issueTypeSchemeId } : {}),
    leadAccountId: SANDBOX_USERS.projectManager.accountId,
    uuid: `0c5e2b7a-1d3f-4a6b-8c9d-${id.padStart(12, '0')}`,
    subtasksEnabled: true,
    hiddenFieldIds: new Set(),
    nextIssueNumber: 1,
  };
}

export function createBareStore(): SiteStore {
  const store = new SiteStore({
    issue: 10000,
    changelog: 10000,
    comment: 10000,
    remoteLink: 10000,
    issueLink: 10000,
    issueType: 10007,
    linkType: 10002,
  });

  // Only Aroha Auckland has a zone of her own; everyone else, and the app, follow the site's default.
  for (const user of Object.values(SANDBOX_USERS))
    store.users.set(user.accountId, { ...user, accountType: 'atlassian' });
  store.users.set(APP_ACCOUNT_ID, {
    accountId: APP_ACCOUNT_ID,
    displayName: 'Pilot Pathway',
    active: true,
    accountType: 'app',
  });

  store.statusCategories.set('new', { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' });
  store.statusCategories.set('indeterminate', {
    id: 4,
    key: 'indeterminate',
    name: 'In Progress',
    colorName: 'yellow',
  });
  store.statusCategories.set('done', { id: 3, key: 'done', name: 'Done', colorName: 'green' });
  const statuses: [string, string, string, StatusCategoryKey][] = [
    [STATUS_IDS.toDo, 'To Do', '', 'new'],
    [
      STATUS_IDS.inProgress,
      'In Progress',
      'This issue is being actively worked on at the moment by the assignee.',
      'indeterminate',
    ],
    [STATUS_IDS.done, 'Done', '', 'done'],
  ];
  for (const [id, name, description, categoryKey] of statuses)
    store.statuses.set(id, { id, name, description, categoryKey });
  store.transitions.push(
    { id: TRANSITION_IDS.toDo, name: 'To Do', toStatusId: STATUS_IDS.toDo, screenFields: [] },
    {
      id: TRANSITION_IDS.inProgress,
      name: 'In Progress',
      toStatusId: STATUS_IDS.inProgress,
      screenFields: [],
    },
    { id: TRANSITION_IDS.done, name: 'Done', toStatusId: STATUS_IDS.done, screenFields: ['resolution'] },
  );

  const resolutions: [string, string, string][] = [
    ['10000', 'Done', 'Work has been completed on this issue.'],
    ['10001', "Won't Do", 'This issue won\u2019t be actioned.'],
    ['10002', 'Declined', 'This issue was not approved.'],
    ['10003', 'Rejected', 'This issue was rejected.'],
  ];
  for (const [id, name, description] of resolutions) store.resolutions.set(id, { id, name, description });

  const priorities: [string, string, string][] = [
    ['1', 'Highest', '#d04437'],
    ['2', 'High', '#f15C75'],
    ['3', 'Medium', '#f79232'],
    ['4', 'Low', '#707070'],
    ['5', 'Lowest', '#999999'],
  ];
  for (const [id, name, statusColor] of priorities) store.priorities.set(id, { id, name, statusColor });

  const globalTypes = [
    issueType(ISSUE_TYPE_IDS.epic, 'Epic', 1, 'A big user story that needs to be broken down.'),
    issueType(ISSUE_TYPE_IDS.task, 'Task', 0, 'A small, distinct piece of work.'),
    issueType(
      ISSUE_TYPE_IDS.subtask,
      'Sub-task',
      -1,
      'A small piece of work that\u2019s part of a larger task.',
    ),
    issueType(
      '10003',
      'Epic',
      1,
      'Epics track collections of related bugs, stories, and tasks.',
      TEAM_PROJECT_ID,
    ),
    issueType('10004', 'Task', 0, 'Tasks track small, distinct pieces of work.', TEAM_PROJECT_ID),
    issueType(
      '10005',
      'Subtask',
      -1,
      'Subtasks track small pieces of work that are part of a larger task.',
      TEAM_PROJECT_ID,
    ),
    issueType(TEAM_AI_PILOT_TYPE_ID, 'AI Pilot', 0, 'An AI pilot on its way to production', TEAM_PROJECT_ID),
  ];
  for (const type of globalTypes) store.issueTypes.set(type.id, type);

  const companyTypes = [ISSUE_TYPE_IDS.epic, ISSUE_TYPE_IDS.task, ISSUE_TYPE_IDS.subtask];
  store.schemes.set('10000', {
    id: '10000',
    name: 'Default Issue Type Scheme',
    isDefault: true,
    issueTypeIds: [...companyTypes],
  });
  // AIP and SEC use their own schemes, with Task as the default type.
  const projectSchemes: [string, string][] = [
    ['10001', 'AIP'],
    ['10002', 'SEC'],
  ];
  for (const [id, projectKey] of projectSchemes) {
    store.schemes.set(id, {
      id,
      name: `${projectKey}: Software Development Issue Type Scheme`,
      isDefault: false,
      defaultIssueTypeId: ISSUE_TYPE_IDS.task,
      issueTypeIds: [...companyTypes],
    });
  }

  store.projects.set(AIP_PROJECT_ID, project(AIP_PROJECT_ID, 'AIP', 'AI Pilots', 'classic', '10001'));
  // Team-managed projects have no Resolution field: TEAM's done leaves issues unresolved.
  store.projects.set(TEAM_PROJECT_ID, {
    ...project(TEAM_PROJECT_ID, 'TEAM', 'Team Pilots', 'next-gen'),
    doneWithoutResolution: true,
  });
  store.projects.set(SEC_PROJECT_ID, project(SEC_PROJECT_ID, 'SEC', 'Security Reviews', 'classic', '10002'));

  const linkTypes: [string, string, string, string][] = [
    [LINK_TYPE_IDS.blocks, 'Blocks', 'is blocked by', 'blocks'],
    [LINK_TYPE_IDS.relates, 'Relates', 'relates to', 'relates to'],
  ];
  for (const [id, name, inward, outward] of linkTypes) store.linkTypes.set(id, { id, name, inward, outward });

  for (const field of SYSTEM_FIELDS) store.fields.set(field.id, { ...field });
  store.fields.set(SITE_READINESS_FIELD.id, {
    ...SITE_READINESS_FIELD,
    schema: { ...SITE_READINESS_FIELD.schema },
  });
  defineAppCustomFields(store, DEFAULT_APP_CUSTOM_FIELDS);

  seedGrants(store);
  return store;
}

function seedGrants(store: SiteStore): void {
  const all = [AIP_PROJECT_ID, TEAM_PROJECT_ID, SEC_PROJECT_ID];
  const grant = (accountId: string, global: string[], projects: Record<string, string[]>): void => {
    store.grants.set(accountId, {
      global: new Set(global),
      projects: new Map(Object.entries(projects).map(([id, permissions]) => [id, new Set(permissions)])),
    });
  };
  const everywhere = (permissions: string[]): Record<string, string[]> =>
    Object.fromEntries(all.map((id) => [id, permissions]));

  grant(
    SANDBOX_USERS.admin.accountId,
    ['ADMINISTER', 'SYSTEM_ADMIN', 'USER_PICKER', 'CREATE_SHARED_OBJECTS', 'BULK_CHANGE'],
    everywhere(PROJECT_ADMIN_PERMISSIONS),
  );
  grant(SANDBOX_USERS.projectManager.accountId, ['USER_PICKER', 'CREATE_SHARED_OBJECTS'], {
    ...everywhere(STANDARD_PROJECT_PERMISSIONS),
    [AIP_PROJECT_ID]: PROJECT_ADMIN_PERMISSIONS,
    [TEAM_PROJECT_ID]: PROJECT_ADMIN_PERMISSIONS,
  });
  grant(SANDBOX_USERS.outsider.accountId, ['USER_PICKER'], {
    [SEC_PROJECT_ID]: STANDARD_PROJECT_PERMISSIONS,
    [TEAM_PROJECT_ID]: STANDARD_PROJECT_PERMISSIONS,
  });
  for (const person of [
    SANDBOX_USERS.dataScientist,
    SANDBOX_USERS.pathwayEngineer,
    SANDBOX_USERS.businessOwner,
    SANDBOX_USERS.formerEmployee,
    SANDBOX_USERS.aucklandManager,
  ]) {
    grant(person.accountId, ['USER_PICKER'], everywhere(STANDARD_PROJECT_PERMISSIONS));
  }
}
