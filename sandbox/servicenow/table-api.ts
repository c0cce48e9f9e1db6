/**
 * Concern: the Table API (`/api/now/table/{table}[/{sys_id}]`): list with an encoded query and
 * `name=value` parameters, ServiceNow's handling of a query on a field the table lacks (the
 * instance's invalid-query switch), paging with `Link` and `X-Total-Count`; read, create, update
 * and delete one record; rendering with `sysparm_fields`, `sysparm_display_value` and reference
 * links; input display values (`sysparm_input_display_value`); the read ACL (what a user may not
 * read is left out of a list, a query on its fields answers 403, a read of it 404); a table's fields as the UI meta
 * endpoint (`/api/now/ui/meta/{table}`) describes them.
 */
import type { SandboxResponse } from '../contracts';
import { mayRead } from './auth';
import {
  type EncodedQuery,
  fieldsOf,
  matches,
  parseEncodedQuery,
  sortBy,
  withoutConditionsOn,
} from './encoded-query';
import { type RecordStore, type ServiceNowRecord, stringify } from './records';
import { ServiceNowError, json, noRecord, parseJsonObject } from './responses';
import type { TableDefinition } from './tables';

/**
 * What a well-formed condition on a field the table does not have does (sandbox.md,
 * `POST /__sandbox/behaviour {"serviceNowInvalidQuery": ...}`): `ignore` drops the condition and
 * runs the rest, as ServiceNow does by default (which may return every record); `no-rows` returns
 * nothing, as with the system property `glide.invalid_query.returns_no_rows` = true; `error` answers
 * 400 in the envelope (stricter than any instance, to catch a typo in a test).
 */
export const INVALID_QUERY_BEHAVIOURS = ['ignore', 'no-rows', 'error'] as const;
export type InvalidQueryBehaviour = (typeof INVALID_QUERY_BEHAVIOURS)[number];

export interface AuthenticatedRequest {
  method: string;
  url: URL;
  body?: string;
  /** The authenticated user name: the creator or updater of what the request writes. */
  user: string;
  /** The instance URL as the caller reached it, for `Location`, `Link` and reference links. */
  baseUrl: string;
  records: RecordStore;
  invalidQuery: InvalidQueryBehaviour;
}

const DEFAULT_LIMIT = 10000;

/** One request to a table (sysId absent: the table itself). */
export function tableApi(
  request: AuthenticatedRequest,
  def: TableDefinition,
  sysId?: string,
): SandboxResponse {
  const { method, url, records, user, baseUrl } = request;
  const params = url.searchParams;
  if (!sysId) {
    if (method === 'GET') return list(request, def);
    if (method === 'POST') {
      const record = records.insert(def.name, inputFields(records, def, request.body, params), user);
      return json(
        201,
        { result: render(records, def, record, params, baseUrl) },
        { location: `${baseUrl}/api/now/table/${def.name}/${record.sys_id}` },
      );
    }
    throw new ServiceNowError(405, 'Method not Supported', `${method} is not supported on a table`);
  }
  const record = records.existing(def.name, sysId);
  if (method === 'GET') {
    if (!mayRead(user, def)) throw noRecord();
    return json(200, { result: render(records, def, record, params, baseUrl) });
  }
  if (method === 'PATCH' || method === 'PUT') {
    records.update(def, record, inputFields(records, def, request.body, params), user);
    return json(200, { result: render(records, def, record, params, baseUrl) });
  }
  if (method === 'DELETE') {
    records.remove(def.name, sysId);
    return { status: 204, headers: {}, body: '' };
  }
  throw new ServiceNowError(405, 'Method not Supported', `${method} is not supported on a record`);
}

/**
 * A write's fields. With `sysparm_input_display_value=true` they are display values, as ServiceNow
 * takes them: a choice label becomes its value, a reference's display value the referenced sys_id;
 * a display value that names nothing is refused (400) rather than stored as it is.
 */
function inputFields(
  records: RecordStore,
  def: TableDefinition,
  body: string | undefined,
  params: URLSearchParams,
): Record<string, unknown> {
  const fields = parseJsonObject(body);
  const flag = (params.get('sysparm_input_display_value') ?? 'false').toLowerCase();
  if (flag !== 'true' && flag !== 'false')
    throw new ServiceNowError(400, 'Invalid sysparm_input_display_value', 'Use true or false');
  if (flag === 'false') return fields;
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(fields)) {
    const shown = stringify(value);
    const choices = def.choices[column];
    const target = def.references[column];
    if (choices) {
      const code = Object.entries(choices).find(([, label]) => label === shown)?.[0];
      if (code === undefined && !Object.hasOwn(choices, shown))
        throw new ServiceNowError(
          400,
          'Invalid display value',
          `"${shown}" is no choice of ${def.name}.${column}`,
        );
      out[column] = code ?? shown;
    } else if (target && shown) {
      const targetDef = records.definition(target);
      const match = records.all(target).find((r) => r[targetDef.displayColumn] === shown);
      if (!match)
        throw new ServiceNowError(400, 'Invalid display value', `No ${target} record is shown as "${shown}"`);
      out[column] = match.sys_id;
    } else out[column] = value;
  }
  return out;
}

/** `sysparm_query` with the `?field=value` parameters, which hold in every ^NQ group. */
function listQuery(params: URLSearchParams): EncodedQuery {
  const query = parseEncodedQuery(params.get('sysparm_query'));
  const terms: string[] = [];
  params.forEach((value, name) => {
    if (!name.startsWith('sysparm_')) terms.push(`${name}=${value.replace(/\^/g, '^^')}`);
  });
  const byParameter = parseEncodedQuery(terms.join('^')).groups[0] ?? [];
  if (byParameter.length > 0)
    query.groups =
      query.groups.length > 0 ? query.groups.map((group) => [...group, ...byParameter]) : [byParameter];
  return query;
}

function pagingParameter(params: URLSearchParams, name: string, fallback: number, min: number): number {
  const value = params.has(name) ? Number(params.get(name)) : fallback;
  if (!Number.isInteger(value) || value < min)
    throw new ServiceNowError(
      400,
      `Invalid ${name}`,
      `${name} must be ${min === 0 ? 'a non-negative' : 'a positive'} integer, got "${params.get(name)}"`,
    );
  return value;
}

function list(request: AuthenticatedRequest, def: TableDefinition): SandboxResponse {
  const { records, baseUrl } = request;
  const params = request.url.searchParams;
  let query = listQuery(params);
  const readable = mayRead(request.user, def);
  if (!readable && fieldsOf(query).length > 0)
    throw new ServiceNowError(
      403,
      'Insufficient rights to query records',
      'Field(s) present in the query do not have permission to be read',
    );
  const unknown = new Set(fieldsOf(query).filter((field) => !records.knowsField(def, field)));
  if (unknown.size > 0 && request.invalidQuery === 'error')
    throw new ServiceNowError(
      400,
      'Invalid query',
      `Unknown field "${[...unknown][0]}" on table ${def.name}`,
    );
  if (unknown.size > 0) query = withoutConditionsOn(query, unknown);
  const limit = pagingParameter(params, 'sysparm_limit', DEFAULT_LIMIT, 1);
  const offset = pagingParameter(params, 'sysparm_offset', 0, 0);

  const found =
    (unknown.size > 0 && request.invalidQuery === 'no-rows') || !readable
      ? []
      : records.all(def.name).filter((r) => matches(query, (f) => records.valueOf(def, r, f)));
  const sorted = sortBy(found, query, (r, f) => records.valueOf(def, r, f));
  const page = sorted.slice(offset, offset + limit);
  const total = sorted.length;

  const linkTo = (o: number) => {
    const p = new URLSearchParams(params);
    p.set('sysparm_limit', String(limit));
    p.set('sysparm_offset', String(o));
    return `<${baseUrl}/api/now/table/${def.name}?${p.toString()}>`;
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [`${linkTo(0)};rel="first"`];
  if (offset > 0) links.push(`${linkTo(Math.max(0, offset - limit))};rel="prev"`);
  if (offset + limit < total) links.push(`${linkTo(offset + limit)};rel="next"`);
  links.push(`${linkTo(lastOffset)};rel="last"`);

  return json(
    200,
    { result: page.map((r) => render(records, def, r, params, baseUrl)) },
    { 'x-total-count': String(total), link: links.join(',') },
  );
}

/** Renders a record as the Table API does for the given sysparm_fields / display / link flags. */
export function render(
  records: RecordStore,
  def: TableDefinition,
  record: ServiceNowRecord,
  params: URLSearchParams,
  baseUrl: string,
): Record<string, unknown> {
  const requested = params.get('sysparm_fields');
  const fields = requested
    ? requested
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f && records.knowsField(def, f))
    : def.columns;
  const display = (params.get('sysparm_display_value') ?? 'false').toLowerCase();
  const excludeLinks = params.get('sysparm_exclude_reference_link') === 'true';
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = field.includes('.') ? records.valueOf(def, record, field) : (record[field] ?? '');
    const target = field.includes('.') ? undefined : def.references[field];
    const shown = field.includes('.') ? raw : records.displayOf(def, record, field);
    const link = target && raw ? `${baseUrl}/api/now/table/${target}/${raw}` : undefined;
    if (display === 'all') {
      out[field] = { display_value: shown, value: raw, ...(link && !excludeLinks ? { link } : {}) };
    } else if (display === 'true') {
      out[field] = link && !excludeLinks ? { display_value: shown, link } : shown;
    } else {
      out[field] = link && !excludeLinks ? { link, value: raw } : raw;
    }
  }
  return out;
}

/** `correlation_id` → `Correlation Id`: the label a column gets when nobody named it. */
function labelOf(column: string): string {
  return column
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * `GET /api/now/ui/meta/{table}`: the table's fields, as the endpoint the platform UI builds its
 * list filters with answers (`{"result": {"columns": {"<field>": {"name", "label",
 * "internal_type", ...}}}}`). It needs only read access to the table, unlike `sys_dictionary`,
 * which an integration user without `admin` or `personalize_dictionary` cannot read.
 */
export function tableMeta(request: AuthenticatedRequest, def: TableDefinition): SandboxResponse {
  if (request.method !== 'GET')
    throw new ServiceNowError(405, 'Method not Supported', `${request.method} is not supported on ui/meta`);
  if (!mayRead(request.user, def))
    throw new ServiceNowError(
      403,
      'Operation Failed',
      `ACL Exception Read Failed due to security constraints (table ${def.name})`,
    );
  const columns: Record<string, Record<string, string>> = {};
  for (const column of def.columns) {
    const reference = def.references[column];
    columns[column] = {
      name: column,
      label: labelOf(column),
      internal_type: reference ? 'reference' : def.choices[column] ? 'choice' : 'string',
      ...(reference ? { reference } : {}),
    };
  }
  return json(200, { result: { columns, label: def.label, name: def.name } });
}
