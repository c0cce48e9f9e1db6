/**
 * The fields of the site as GET /rest/api/3/field lists them: the system fields the emulator
 * models, Jira's own "Start date" custom field, and the app's Forge custom fields
 * (`customfield_100NN`, declared by `jira:customField` modules in the manifest).
 */
import { badRequest } from './errors';
import type { CustomFieldKind, FieldRecord } from './model';
import type { SiteStore } from './store';

/** The app's id from manifest.yml and the sandbox's environment id, as Forge puts them in `schema.custom`. */
export const APP_ID = '7c0d2f4e-5b1a-4e39-9a57-2f1c8e6d4b30';
export const ENVIRONMENT_ID = '3f1d5b9e-8c2a-4d7f-9e6b-0a1c2d3e4f50';

export interface AppCustomFieldDefinition {
  /** The manifest module key, e.g. `readiness-field`. */
  key: string;
  name: string;
  type: CustomFieldKind;
  description?: string;
  readOnly?: boolean;
}

/** The `jira:customField` modules of manifest.yml (the Forge runtime can replace them from the manifest). */
export const DEFAULT_APP_CUSTOM_FIELDS: AppCustomFieldDefinition[] = [
  { key: 'readiness-field', name: 'Readiness', type: 'number', readOnly: true },
  { key: 'production-owner-field', name: 'Production owner', type: 'user' },
  { key: 'kickoff-date-field', name: 'Kickoff date', type: 'date' },
  { key: 'demo-sign-off-date-field', name: 'Demo sign-off date', type: 'date' },
];

/** The first id given to an app custom field: Readiness is customfield_10040. */
export const FIRST_APP_FIELD_ID = 10040;

function system(
  id: string,
  name: string,
  schema: FieldRecord['schema'],
  options: { navigable?: boolean; orderable?: boolean; searchable?: boolean; clauseNames?: string[] } = {},
): FieldRecord {
  return {
    id,
    key: id,
    name,
    custom: false,
    navigable: options.navigable ?? true,
    orderable: options.orderable ?? true,
    searchable: options.searchable ?? true,
    clauseNames: options.clauseNames ?? [id],
    schema,
  };
}

export const SYSTEM_FIELDS: FieldRecord[] = [
  system(
    'issuekey',
    'Key',
    { type: 'string', system: 'issuekey' },
    { orderable: false, clauseNames: ['id', 'issue', 'issuekey', 'key'] },
  ),
  system('summary', 'Summary', { type: 'string', system: 'summary' }),
  system('description', 'Description', { type: 'string', system: 'description' }),
  system(
    'issuetype',
    'Issue Type',
    { type: 'issuetype', system: 'issuetype' },
    { clauseNames: ['issuetype', 'type'] },
  ),
  system('project', 'Project', { type: 'project', system: 'project' }),
  system('parent', 'Parent', { type: 'issuelink', system: 'parent' }, { clauseNames: ['parent'] }),
  system('status', 'Status', { type: 'status', system: 'status' }, { orderable: false }),
  system(
    'statusCategory',
    'Status Category',
    { type: 'statusCategory', system: 'statusCategory' },
    { orderable: false },
  ),
  system('resolution', 'Resolution', { type: 'resolution', system: 'resolution' }),
  system(
    'resolutiondate',
    'Resolved',
    { type: 'datetime', system: 'resolutiondate' },
    { orderable: false, clauseNames: ['resolutiondate', 'resolved'] },
  ),
  system('priority', 'Priority', { type: 'priority', system: 'priority' }),
  system('assignee', 'Assignee', { type: 'user', system: 'assignee' }),
  system('reporter', 'Reporter', { type: 'user', system: 'reporter' }),
  system('creator', 'Creator', { type: 'user', system: 'creator' }, { orderable: false }),
  system('labels', 'Labels', { type: 'array', items: 'string', system: 'labels' }),
  system('duedate', 'Due date', { type: 'date', system: 'duedate' }, { clauseNames: ['due', 'duedate'] }),
  system(
    'security',
    'Security Level',
    { type: 'securitylevel', system: 'security' },
    { clauseNames: ['level'] },
  ),
  system(
    'created',
    'Created',
    { type: 'datetime', system: 'created' },
    { orderable: false, clauseNames: ['created', 'createdDate'] },
  ),
  system(
    'updated',
    'Updated',
    { type: 'datetime', system: 'updated' },
    { orderable: false, clauseNames: ['updated', 'updatedDate'] },
  ),
  system(
    'statuscategorychangedate',
    'Status Category Changed',
    { type: 'datetime', system: 'statuscategorychangedate' },
    { orderable: false },
  ),
  system(
    'issuelinks',
    'Linked Issues',
    { type: 'array', items: 'issuelinks', system: 'issuelinks' },
    { clauseNames: ['issueLink'] },
  ),
  system(
    'subtasks',
    'Sub-tasks',
    { type: 'array', items: 'issuelinks', system: 'subtasks' },
    { orderable: false, clauseNames: ['subtasks'] },
  ),
  system(
    'comment',
    'Comment',
    { type: 'comments-page', system: 'comment' },
    { navigable: false, clauseNames: ['comment'] },
  ),
  {
    id: 'customfield_10015',
    key: 'customfield_10015',
    name: 'Start date',
    custom: true,
    navigable: true,
    orderable: true,
    searchable: true,
    clauseNames: ['cf[10015]', 'Start date', 'Start date[Date]'],
    schema: {
      type: 'date',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker',
      customId: 10015,
    },
    kind: 'date',
  },
];

const KIND_LABEL: Record<CustomFieldKind, string> = {
  number: 'Number',
  user: 'User Picker (single user)',
  date: 'Date',
  string: 'Short text',
  datetime: 'Date Time',
};

export function appCustomField(id: number, definition: AppCustomFieldDefinition): FieldRecord {
  return {
    id: `customfield_${id}`,
    key: `customfield_${id}`,
    name: definition.name,
    custom: true,
    navigable: true,
    orderable: !definition.readOnly,
    searchable: true,
    clauseNames: [`cf[${id}]`, definition.name, `${definition.name}[${KIND_LABEL[definition.type]}]`],
    schema: {
      type: definition.type,
      custom: `ari:cloud:ecosystem::extension/${APP_ID}/${ENVIRONMENT_ID}/static/${definition.key}`,
      customId: id,
    },
    kind: definition.type,
    appModuleKey: definition.key,
    readOnly: definition.readOnly ?? false,
  };
}

/**
 * Makes the site's Forge custom fields those of the manifest. A field keeps its id across calls
 * (matched by module key); a new module gets the next free id; a removed module's field goes.
 */
export function defineAppCustomFields(
  store: SiteStore,
  definitions: AppCustomFieldDefinition[],
): FieldRecord[] {
  const existing = new Map(
    [...store.fields.values()]
      .filter((field) => field.appModuleKey)
      .map((field) => [field.appModuleKey, field]),
  );
  const usedIds = [...store.fields.values()].map((field) => field.schema.customId ?? 0);
  let nextId = Math.max(FIRST_APP_FIELD_ID - 1, ...usedIds) + 1;
  for (const field of existing.values()) store.fields.delete(field.id);
  return definitions.map((definition) => {
    const previous = existing.get(definition.key);
    const id = previous?.schema.customId ?? nextId++;
    const field = appCustomField(id, definition);
    store.fields.set(field.id, field);
    return field;
  });
}

/**
 * A field by id (`summary`, `customfield_10040`) or, for custom fields, by `cf[10040]` or exact name.
 * A name two custom fields share (a site's own "Readiness" and the app's) names neither: Jira
 * asks for `cf[id]` then, and so does the emulator (an error listing the candidates).
 */
export function findField(store: SiteStore, reference: string): FieldRecord | undefined {
  const byId = store.fields.get(reference);
  if (byId) return byId;
  const lower = reference.toLowerCase();
  const named = [...store.fields.values()].filter((field) =>
    field.clauseNames.some((clause) => clause.toLowerCase() === lower),
  );
  if (named.length > 1) {
    const choices = named.map((field) => `cf[${field.schema.customId ?? field.id}]`).join(' or ');
    throw badRequest([`More than one field is named '${reference}': use ${choices}.`]);
  }
  return named[0];
}
