/**
 * Concern: the instance's tables and records as ServiceNow keeps them: every value a string,
 * `YYYY-MM-DD HH:mm:ss` UTC dates, 32-hex `sys_id`s, number prefixes (REQ0010001), the system
 * columns (`sys_created_by` is the user who made the record), dot-walking through references and
 * catalog variables, and display values. No HTTP here: the Table API, the catalog and the control
 * surface all read and write through this store.
 */
import { randomBytes } from 'node:crypto';
import { ServiceNowError, noRecord } from './responses';
import { DATA_ACCESS_CATALOG_ITEM, SERVICENOW_USERS, TABLES, type TableDefinition } from './tables';

export type ServiceNowRecord = Record<string, string>;

/** `YYYY-MM-DD HH:mm:ss` in UTC, ServiceNow's glide_date_time. */
export function glideDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** A value as ServiceNow stores it: a string (a reference object gives its value or sys_id). */
export function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const v = value as { value?: unknown; sys_id?: unknown };
    if (typeof v.value === 'string') return v.value;
    if (typeof v.sys_id === 'string') return v.sys_id;
    return JSON.stringify(value);
  }
  return String(value);
}

/** What `RecordStore.exportState()` gives. */
export interface RecordState {
  tables: [string, [string, ServiceNowRecord][]][];
  variables: [string, Record<string, string>][];
  counters: [string, number][];
  /** Tables an admin created on this instance (absent in snapshots taken before there were any). */
  customTables?: TableDefinition[];
}

export class RecordStore {
  /** Table name → definition: the instance's own tables and those defined with `defineTable`. */
  private definitions = new Map<string, TableDefinition>();
  private tables = new Map<string, Map<string, ServiceNowRecord>>();
  private variables = new Map<string, Record<string, string>>();
  private counters = new Map<string, number>();

  constructor(private readonly now: () => Date) {
    this.reset();
  }

  /** The records, catalog variables and numbering as plain values, for a sandbox snapshot. */
  exportState(): RecordState {
    return {
      tables: [...this.tables].map(([table, records]) => [table, [...records]]),
      variables: [...this.variables],
      counters: [...this.counters],
      customTables: [...this.definitions.values()].filter((def) => TABLES[def.name] !== def),
    };
  }

  /** Becomes the store `exportState()` described. */
  importState(state: RecordState): void {
    this.definitions = new Map(
      [...Object.values(TABLES), ...(state.customTables ?? [])].map((def) => [def.name, def]),
    );
    this.tables = new Map(state.tables.map(([table, records]) => [table, new Map(records)]));
    this.variables = new Map(state.variables);
    this.counters = new Map(state.counters);
  }

  /** Back to a fresh instance: its users and the data-access catalog item, nothing else. */
  reset(): void {
    this.definitions = new Map(Object.values(TABLES).map((def) => [def.name, def]));
    this.tables = new Map(Object.keys(TABLES).map((t) => [t, new Map()]));
    this.variables.clear();
    this.counters.clear();
    for (const user of SERVICENOW_USERS) {
      this.insert(
        'sys_user',
        { ...user, name: `${user.first_name} ${user.last_name}`, active: 'true' },
        'system',
      );
    }
    this.insert(
      'sc_cat_item',
      { ...DATA_ACCESS_CATALOG_ITEM, active: 'true', sys_class_name: 'sc_cat_item' },
      'system',
    );
  }

  /** The table of that name, or 400 as the Table API answers an unknown one. */
  definition(name: string): TableDefinition {
    const def = this.definitions.get(name);
    if (!def) throw new ServiceNowError(400, `Invalid table ${name}`, null);
    return def;
  }

  /**
   * A table a ServiceNow admin created (a custom filing table, say), empty; it stays until reset.
   * Refused (400) when a table of that name exists.
   */
  defineTable(def: TableDefinition): TableDefinition {
    if (this.definitions.has(def.name))
      throw new ServiceNowError(400, `Table ${def.name} exists`, 'Choose another table name');
    this.definitions.set(def.name, def);
    this.tables.set(def.name, new Map());
    return def;
  }

  /** The live record (callers that hand it out copy it). */
  find(table: string, sysId: string): ServiceNowRecord | undefined {
    return this.tables.get(table)?.get(sysId);
  }

  /** The live record, or 404 in the envelope. */
  existing(table: string, sysId: string): ServiceNowRecord {
    const record = this.find(table, sysId);
    if (!record) throw noRecord();
    return record;
  }

  /** The live records of a table, in insertion order. */
  all(table: string): ServiceNowRecord[] {
    return [...(this.tables.get(table)?.values() ?? [])];
  }

  remove(table: string, sysId: string): void {
    this.tables.get(table)?.delete(sysId);
  }

  insert(table: string, fields: Record<string, unknown>, userName: string): ServiceNowRecord {
    const def = this.definition(table);
    const at = glideDateTime(this.now());
    const record: ServiceNowRecord = {};
    for (const column of def.columns) record[column] = '';
    for (const [k, v] of Object.entries(fields)) if (def.columns.includes(k)) record[k] = stringify(v);
    if (!/^[0-9a-f]{32}$/.test(record.sys_id ?? '')) record.sys_id = randomBytes(16).toString('hex');
    if (def.numberPrefix && !record.number) record.number = this.nextNumber(def.numberPrefix);
    Object.assign(record, {
      sys_created_on: at,
      sys_created_by: userName,
      sys_updated_on: at,
      sys_updated_by: userName,
      sys_mod_count: '0',
      sys_class_name: def.name,
    });
    if (def.columns.includes('active') && record.active === '') record.active = 'true';
    // The dictionary default of a task's state: Open (1) for requests, New (1) for incidents.
    if (def.choices.state?.['1'] !== undefined && record.state === '') record.state = '1';
    if (def.columns.includes('opened_at') && record.opened_at === '') record.opened_at = at;
    this.tables.get(def.name)?.set(record.sys_id as string, record);
    return record;
  }

  /** Changes the fields a user may set (never the system columns) and stamps the update. */
  update(
    def: TableDefinition,
    current: ServiceNowRecord,
    fields: Record<string, unknown>,
    userName: string,
  ): ServiceNowRecord {
    for (const [k, v] of Object.entries(fields)) {
      if (!def.columns.includes(k) || k.startsWith('sys_')) continue;
      current[k] = stringify(v);
    }
    current.sys_updated_on = glideDateTime(this.now());
    current.sys_updated_by = userName;
    current.sys_mod_count = String(Number(current.sys_mod_count ?? '0') + 1);
    return current;
  }

  setVariables(ritmSysId: string, variables: Record<string, string>): void {
    this.variables.set(ritmSysId, { ...variables });
  }

  variablesOf(ritmSysId: string): Record<string, string> {
    return { ...(this.variables.get(ritmSysId) ?? {}) };
  }

  /** A column's raw value, dot-walking references (`request.number`) and catalog variables. */
  valueOf(def: TableDefinition, record: ServiceNowRecord, path: string): string {
    const [head, ...rest] = path.split('.');
    if (head === 'variables' && rest.length === 1)
      return this.variables.get(record.sys_id as string)?.[rest[0] as string] ?? '';
    const value = record[head as string] ?? '';
    if (rest.length === 0) return value;
    const target = def.references[head as string];
    const referenced = target ? this.find(target, value) : undefined;
    if (!target || !referenced) return '';
    return this.valueOf(this.definition(target), referenced, rest.join('.'));
  }

  /** Whether a table has the column (or dot-walked path, or `variables.<name>`). */
  knowsField(def: TableDefinition, path: string): boolean {
    const [head, ...rest] = path.split('.');
    if (head === 'variables') return rest.length === 1;
    if (!def.columns.includes(head as string)) return false;
    if (rest.length === 0) return true;
    const target = def.references[head as string];
    return !!target && this.knowsField(this.definition(target), rest.join('.'));
  }

  /** What the UI shows for a column: a choice's label, a reference's display column, else the value. */
  displayOf(def: TableDefinition, record: ServiceNowRecord, column: string): string {
    const value = record[column] ?? '';
    const choice = def.choices[column]?.[value];
    if (choice) return choice;
    const target = def.references[column];
    if (target && value) {
      const targetDef = this.definition(target);
      return this.find(target, value)?.[targetDef.displayColumn] ?? '';
    }
    return value;
  }

  /** A system property's value ('' when unset). */
  property(name: string): string {
    return this.all('sys_properties').find((p) => p.name === name)?.value ?? '';
  }

  /** Sets a system property as the instance's admin does. */
  setProperty(name: string, value: string): void {
    const existing = this.all('sys_properties').find((p) => p.name === name);
    if (existing) this.update(this.definition('sys_properties'), existing, { value }, 'admin');
    else this.insert('sys_properties', { name, value, type: 'string' }, 'admin');
  }

  private nextNumber(prefix: string): string {
    const next = (this.counters.get(prefix) ?? 10000) + 1;
    this.counters.set(prefix, next);
    return `${prefix}${String(next).padStart(7, '0')}`;
  }
}
