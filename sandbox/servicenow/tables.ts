/**
 * The ServiceNow tables the sandbox instance knows, with their columns, reference targets, choice
 * labels and number prefixes (as on a fresh instance: REQ0010001, RITM0010001, ...).
 */

export interface TableDefinition {
  name: string;
  label: string;
  numberPrefix?: string;
  /** Column → referenced table. */
  references: Record<string, string>;
  /** Column → value → display label. */
  choices: Record<string, Record<string, string>>;
  columns: string[];
  /** The column shown as the display value of a reference to this table. */
  displayColumn: string;
  /**
   * The table's ACLs as roles: who may read (`any`: every authenticated user) and who may create,
   * update and delete. A user with `admin` passes every ACL, as ServiceNow's admin overrides do.
   */
  access: TableAccess;
}

export interface TableAccess {
  read: 'any' | readonly string[];
  write: readonly string[];
}

/** Task tables: anyone signed in reads, `itil` writes (docs/servicenow.md gives the app's user `itil`). */
const TASK_ACCESS: TableAccess = { read: 'any', write: ['itil'] };
/** System configuration: the system administrator only. */
const ADMIN_ONLY: TableAccess = { read: ['admin'], write: ['admin'] };

export const SYSTEM_COLUMNS = [
  'sys_id',
  'sys_created_on',
  'sys_created_by',
  'sys_updated_on',
  'sys_updated_by',
  'sys_mod_count',
  'sys_class_name',
  'sys_tags',
];

const REQUEST_STATE = {
  '-5': 'Pending',
  '1': 'Open',
  '2': 'Work in Progress',
  '3': 'Closed Complete',
  '4': 'Closed Incomplete',
  '7': 'Closed Skipped',
};
const APPROVAL = {
  'not requested': 'Not Yet Requested',
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
};
const TASK_COLUMNS = [
  'number',
  'short_description',
  'description',
  'state',
  'approval',
  'active',
  'opened_at',
  'opened_by',
  'closed_at',
  'due_date',
  'assigned_to',
  'assignment_group',
  'priority',
  'correlation_id',
  'correlation_display',
  'work_notes',
  'comments',
];

export type TableInput = Omit<TableDefinition, 'columns' | 'access' | 'references' | 'choices'> & {
  columns: string[];
  references?: TableDefinition['references'];
  choices?: TableDefinition['choices'];
  access?: TableAccess;
};

/** A table with the system columns, readable by everyone signed in and written by `itil` unless said otherwise. */
export function table(def: TableInput): TableDefinition {
  return {
    ...def,
    references: def.references ?? {},
    choices: def.choices ?? {},
    access: def.access ?? TASK_ACCESS,
    columns: [...new Set([...SYSTEM_COLUMNS, ...def.columns])],
  };
}

export const TABLES: Record<string, TableDefinition> = {
  sys_user: table({
    name: 'sys_user',
    label: 'User',
    references: {},
    choices: {},
    columns: ['user_name', 'first_name', 'last_name', 'name', 'email', 'active', 'title'],
    displayColumn: 'name',
    access: { read: 'any', write: ['user_admin'] },
  }),
  sys_properties: table({
    name: 'sys_properties',
    label: 'System Property',
    references: {},
    choices: {},
    columns: ['name', 'value', 'type', 'description'],
    displayColumn: 'name',
    access: ADMIN_ONLY,
  }),
  sys_script: table({
    name: 'sys_script',
    label: 'Business Rule',
    references: {},
    choices: { when: { before: 'before', after: 'after', async: 'async', display: 'display' } },
    columns: [
      'name',
      'collection',
      'when',
      'action_update',
      'action_insert',
      'condition',
      'script',
      'active',
      'advanced',
    ],
    displayColumn: 'name',
    access: ADMIN_ONLY,
  }),
  sys_user_group: table({
    name: 'sys_user_group',
    label: 'Group',
    references: { manager: 'sys_user' },
    choices: {},
    columns: ['name', 'description', 'manager', 'active', 'email'],
    displayColumn: 'name',
    access: { read: 'any', write: ['user_admin'] },
  }),
  sc_cat_item: table({
    name: 'sc_cat_item',
    label: 'Catalog Item',
    references: {},
    choices: {},
    columns: ['name', 'short_description', 'description', 'active', 'category', 'sys_class_name'],
    displayColumn: 'name',
    access: { read: 'any', write: ['catalog_admin'] },
  }),
  sc_request: table({
    name: 'sc_request',
    label: 'Request',
    numberPrefix: 'REQ',
    references: {
      requested_for: 'sys_user',
      opened_by: 'sys_user',
      assigned_to: 'sys_user',
      assignment_group: 'sys_user_group',
    },
    choices: {
      state: REQUEST_STATE,
      request_state: {
        requested: 'Pending Approval',
        in_process: 'Approved',
        closed_complete: 'Closed Complete',
      },
      approval: APPROVAL,
    },
    columns: [...TASK_COLUMNS, 'requested_for', 'request_state', 'stage', 'price'],
    displayColumn: 'number',
  }),
  sc_req_item: table({
    name: 'sc_req_item',
    label: 'Requested Item',
    numberPrefix: 'RITM',
    references: {
      request: 'sc_request',
      cat_item: 'sc_cat_item',
      requested_for: 'sys_user',
      opened_by: 'sys_user',
      assigned_to: 'sys_user',
      assignment_group: 'sys_user_group',
    },
    choices: { state: REQUEST_STATE, approval: APPROVAL },
    columns: [...TASK_COLUMNS, 'request', 'cat_item', 'requested_for', 'quantity', 'stage', 'price'],
    displayColumn: 'number',
  }),
  sc_task: table({
    name: 'sc_task',
    label: 'Catalog Task',
    numberPrefix: 'SCTASK',
    references: {
      request_item: 'sc_req_item',
      request: 'sc_request',
      assigned_to: 'sys_user',
      assignment_group: 'sys_user_group',
      opened_by: 'sys_user',
    },
    choices: {
      state: REQUEST_STATE,
      approval: APPROVAL,
    },
    columns: [...TASK_COLUMNS, 'request_item', 'request'],
    displayColumn: 'number',
  }),
  incident: table({
    name: 'incident',
    label: 'Incident',
    numberPrefix: 'INC',
    references: {
      caller_id: 'sys_user',
      opened_by: 'sys_user',
      assigned_to: 'sys_user',
      assignment_group: 'sys_user_group',
    },
    choices: {
      state: {
        '1': 'New',
        '2': 'In Progress',
        '3': 'On Hold',
        '6': 'Resolved',
        '7': 'Closed',
        '8': 'Canceled',
      },
      approval: APPROVAL,
    },
    columns: [...TASK_COLUMNS, 'caller_id', 'impact', 'urgency', 'category', 'close_code', 'close_notes'],
    displayColumn: 'number',
  }),
};

/** The catalog item the app orders for data access (stable sys_id, seeded on every reset). */
export const DATA_ACCESS_CATALOG_ITEM = {
  sys_id: '8b7f1c2e4d5a4e0f9a1b2c3d4e5f6a7b',
  name: 'Data access request',
  short_description: 'Request access to a data set for a project or pilot',
};

export const SERVICENOW_USERS = [
  {
    sys_id: '6816f79cc0a8016401c5a33be04be441',
    user_name: 'admin',
    first_name: 'System',
    last_name: 'Administrator',
    email: 'admin@example.com',
  },
  {
    sys_id: '1a2b3c4d5e6f40718293a4b5c6d7e8f9',
    user_name: 'pilot.pathway',
    first_name: 'Pilot',
    last_name: 'Pathway',
    email: 'pilot.pathway@example.com',
  },
  {
    sys_id: '9f8e7d6c5b4a43219a8b7c6d5e4f3a2b',
    user_name: 'data.steward',
    first_name: 'Dara',
    last_name: 'Steward',
    email: 'data.steward@example.com',
  },
];
