/**
 * Atlassian's Jira Cloud platform OpenAPI description, loaded once per process, and the validation
 * of requests (parameters and body) and responses against it with ajv, the maintained JSON Schema
 * validator openapi-backend builds on.
 *
 * The approach is openapi-backend's, without its dereferencing step (which would copy the 2.4 MB
 * description's shared schemas into every operation): one schema per operation for its parameters
 * (unknown query parameters refused) and one for its body; the description's `components` are
 * registered with ajv once and referenced.
 *
 * Startup matters (`npm start`, every jest worker): the 2.4 MB JSON is parsed once and cached at
 * module level, routes are compiled to regular expressions once, and each operation's validators
 * are compiled the first time that operation is used.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Ajv, { type ErrorObject, type Format, type ValidateFunction } from 'ajv';

/** The project's own copy of Atlassian's description (see contract/README.md); gzip or plain JSON. */
export const OPENAPI_PATH =
  process.env['JIRA_OPENAPI_PATH'] ?? resolve(__dirname, 'contract/jira-platform-openapi.json.gz');

/** The description could not be read: the emulator cannot check a single request without it. */
export class JiraContractUnavailable extends Error {
  constructor(path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `The Jira contract ${path} cannot be read (${reason}). The emulated Jira validates every request ` +
        'against it: restore the file from the repository (git checkout -- sandbox/jira/contract) or set ' +
        "JIRA_OPENAPI_PATH to a copy of Atlassian's Jira Cloud platform OpenAPI description.",
    );
    this.name = 'JiraContractUnavailable';
  }
}

/** Reads and parses the description (gzip when the file is gzip), or says which file failed and why. */
export function readDescription(path: string = OPENAPI_PATH): Description {
  try {
    const bytes = readFileSync(path);
    const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
    const description = JSON.parse(text) as Partial<Description>;
    if (typeof description.paths !== 'object' || typeof description.components?.schemas !== 'object')
      throw new Error('it is not an OpenAPI description: no paths or components.schemas');
    return description as Description;
  } catch (error) {
    throw new JiraContractUnavailable(path, error);
  }
}

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface JiraOperation {
  operationId: string;
  method: string;
  path: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

interface Description {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * Formats used by the description. Jira writes its timestamps as `2026-11-21T10:00:00.000+0000`
 * (no colon in the offset), which strict RFC 3339 would refuse although the description calls them
 * `date-time`: both spellings are accepted.
 */
const FORMATS: Record<string, Format> = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  double: { type: 'number', validate: () => true },
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  url: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  byte: /^[A-Za-z0-9+/]*={0,2}$/,
  binary: true,
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const COMPONENTS_ID = 'jira-platform';

interface CompiledRoute {
  operation: JiraOperation;
  pattern: RegExp;
  names: string[];
  /** Literal characters of the template: more specific templates win (`/issue/bulk` over `/issue/{id}`). */
  specificity: number;
}

interface Loaded {
  description: Description;
  routes: CompiledRoute[];
  byId: Map<string, JiraOperation>;
  /** Created on first use of a validator, not at startup. */
  bodyAjv?: Ajv;
  paramsAjv?: Ajv;
}

let loaded: Loaded | undefined;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function newAjv(description: Description, coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
    logger: false,
    coerceTypes,
    formats: FORMATS,
  });
  ajv.addSchema({ components: description.components }, COMPONENTS_ID);
  return ajv;
}

/**
 * Loads the description now (once per process). The site calls it when it is built, so a missing or
 * unreadable contract stops `npm start` and every test at once, naming the file, instead of failing
 * the app's first request.
 */
export function loadContract(): void {
  load();
}

function load(): Loaded {
  if (loaded) return loaded;
  const description = readDescription();
  const routes: CompiledRoute[] = [];
  const byId = new Map<string, JiraOperation>();
  for (const [path, item] of Object.entries(description.paths)) {
    for (const method of METHODS) {
      const raw = item[method] as Omit<JiraOperation, 'method' | 'path'> | undefined;
      if (!raw?.operationId) continue;
      const operation: JiraOperation = { ...raw, method, path };
      const names: string[] = [];
      const source = path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{(.+)\}$/.exec(part)?.[1];
          if (!name) return escapeRegExp(part);
          names.push(name);
          return '([^/]+)';
        })
        .join('');
      routes.push({
        operation,
        pattern: new RegExp(`^${source}$`),
        names,
        specificity: path.replace(/\{[^}]+\}/g, '').length,
      });
      byId.set(operation.operationId, operation);
    }
  }
  routes.sort((a, b) => b.specificity - a.specificity);
  loaded = { description, routes, byId };
  return loaded;
}

function bodyAjv(): Ajv {
  const state = load();
  state.bodyAjv ??= newAjv(state.description, false);
  return state.bodyAjv;
}

function paramsAjv(): Ajv {
  const state = load();
  state.paramsAjv ??= newAjv(state.description, true);
  return state.paramsAjv;
}

/** Points the description's local `#/components/...` references at the registered components. */
function localRefs<T>(schema: T): T {
  return JSON.parse(
    JSON.stringify(schema).replace(/"\$ref":"#\/components\//g, `"$ref":"${COMPONENTS_ID}#/components/`),
  ) as T;
}

export interface MatchedRoute {
  operation: JiraOperation;
  operationId: string;
  /** The path template of the description, e.g. `/rest/api/3/issue/{issueIdOrKey}`. */
  template: string;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
}

export type RouteMatch =
  { kind: 'matched'; route: MatchedRoute } | { kind: 'not-found' } | { kind: 'method-not-allowed' };

/** Finds the operation of the description that a request addresses. */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const { routes } = load();
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const lower = method.toLowerCase();
  let pathExists = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathExists = true;
    if (route.operation.method !== lower) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, index) => {
      const value = match[index + 1] ?? '';
      try {
        params[name] = decodeURIComponent(value);
      } catch {
        params[name] = value;
      }
    });
    return {
      kind: 'matched',
      route: {
        operation: route.operation,
        operationId: route.operation.operationId,
        template: route.operation.path,
        params,
      },
    };
  }
  return pathExists ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}

export function getOperation(operationId: string): JiraOperation | undefined {
  return load().byId.get(operationId);
}

interface RequestValidators {
  params: ValidateFunction;
  body?: { validate: ValidateFunction; required: boolean };
  arrayParams: Set<string>;
}

const requestValidators = new Map<string, RequestValidators>();

function requestValidatorsFor(operation: JiraOperation): RequestValidators {
  const cached = requestValidators.get(operation.operationId);
  if (cached) return cached;
  const group = (): {
    type: 'object';
    properties: Record<string, Schema>;
    required: string[];
    additionalProperties: false;
  } => ({
    type: 'object',
    properties: {},
    required: [],
    additionalProperties: false,
  });
  const path = group();
  const query = group();
  const arrayParams = new Set<string>();
  for (const parameter of operation.parameters ?? []) {
    const target = parameter.in === 'path' ? path : parameter.in === 'query' ? query : undefined;
    if (!target) continue;
    target.properties[parameter.name] = parameter.schema ?? {};
    if (parameter.required) target.required.push(parameter.name);
    if (parameter.in === 'query' && parameter.schema?.['type'] === 'array') arrayParams.add(parameter.name);
  }
  const params = paramsAjv().compile(
    localRefs({ type: 'object', properties: { path, query }, required: ['path', 'query'] }),
  );
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  const validators: RequestValidators = {
    params,
    arrayParams,
    ...(bodySchema
      ? {
          body: {
            validate: bodyAjv().compile(localRefs(bodySchema)),
            required: operation.requestBody?.required === true,
          },
        }
      : {}),
  };
  requestValidators.set(operation.operationId, validators);
  return validators;
}

export interface RequestToValidate {
  /** Path parameters as matched. */
  params: Record<string, string>;
  /** The query string (without `?`). */
  search: string;
  /** The raw body, if any. */
  body?: string;
}

/** Human-readable problems of a request against its operation's parameters and body schema; empty when valid. */
export function validateRequest(operationId: string, request: RequestToValidate): string[] {
  const operation = getOperation(operationId);
  if (!operation) return [`unknown operation ${operationId}`];
  const validators = requestValidatorsFor(operation);
  const problems: string[] = [];

  const searchParams = new URLSearchParams(request.search);
  const query: Record<string, unknown> = {};
  for (const name of new Set(searchParams.keys())) {
    const values = searchParams.getAll(name);
    query[name] = validators.arrayParams.has(name) ? values : values.length === 1 ? values[0] : values;
  }
  if (!validators.params({ path: { ...request.params }, query }))
    problems.push(...describe(validators.params.errors));

  const raw = request.body;
  if (validators.body) {
    if (raw === undefined || raw.trim() === '') {
      if (validators.body.required) problems.push('body is required');
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (error) {
        problems.push(`body is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
        return problems;
      }
      if (!validators.body.validate(parsed))
        problems.push(...describe(validators.body.validate.errors, 'body'));
    }
  }
  return problems;
}

const responseValidators = new Map<string, ValidateFunction | null>();

export interface ContractCheck {
  valid: boolean;
  problems: string[];
}

/**
 * Checks a response body against the description: the status must be one the operation documents,
 * and the body must match that status's JSON schema (an error status without one must be an
 * ErrorCollection).
 */
export function checkResponse(operationId: string, status: number, body: unknown): ContractCheck {
  const operation = getOperation(operationId);
  if (!operation) return { valid: false, problems: [`unknown operation ${operationId}`] };
  const documented = operation.responses?.[String(status)];
  if (!documented) {
    return {
      valid: false,
      problems: [
        `${operationId} does not document status ${status} (it documents ${Object.keys(operation.responses ?? {}).join(', ')})`,
      ],
    };
  }
  const key = `${operationId} ${status}`;
  if (!responseValidators.has(key)) {
    const schema = documented.content?.['application/json']?.schema;
    const effective =
      schema && Object.keys(schema).length > 0
        ? schema
        : status >= 400
          ? { $ref: '#/components/schemas/ErrorCollection' }
          : undefined;
    responseValidators.set(key, effective ? bodyAjv().compile(localRefs(effective)) : null);
  }
  const validate = responseValidators.get(key);
  if (!validate) return { valid: true, problems: [] };
  return validate(body)
    ? { valid: true, problems: [] }
    : { valid: false, problems: describe(validate.errors, 'body') };
}

function describe(errors: ErrorObject[] | null | undefined, root = ''): string[] {
  return (errors ?? []).map((error) => {
    const where = `${root}${error.instancePath}`
      .replace(/^\/query\//, 'query parameter ')
      .replace(/^\/path\//, 'path parameter ')
      .replace(/^\/query$/, 'query')
      .replace(/\//g, '.');
    const params = error.params as { additionalProperty?: string; allowedValues?: unknown };
    const extra =
      error.keyword === 'additionalProperties'
        ? ` '${String(params.additionalProperty)}'`
        : error.keyword === 'enum'
          ? ` ${JSON.stringify(params.allowedValues)}`
          : '';
    return `${where || 'request'} ${error.message ?? error.keyword}${extra}`;
  });
}
