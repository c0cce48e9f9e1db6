/**
 * Concern: who is calling the instance and what they may write. HTTP Basic users, bearer tokens,
 * the OAuth 2.0 client-credentials endpoint `/oauth_token.do` (each client acts as its integration
 * user, so what it writes carries that user's name), each user's roles and the table ACLs they
 * pass: the integration user has the roles docs/servicenow.md asks for (`itil`, `catalog`) and no
 * more, so it neither reads nor writes `sys_properties` or business rules, nor writes users; the
 * system administrator (`admin`) passes every ACL.
 */
import type { SandboxRequest, SandboxResponse } from '../contracts';
import { ServiceNowError, json } from './responses';
import type { TableAccess, TableDefinition } from './tables';

/** An OAuth client of `/oauth_token.do`: its secret, the token it is issued and the user it acts as. */
export interface OAuthClient {
  secret: string;
  token: string;
  expiresIn: number;
  /** The integration user the client's token acts as (ServiceNow's "OAuth Application User"). */
  user: string;
}

export interface Credentials {
  /** user name → password accepted with HTTP Basic. */
  basicUsers: Record<string, string>;
  /** client id → client. */
  oauthClients: Record<string, OAuthClient>;
  /** Bearer tokens made outside the OAuth endpoint: token → user name. */
  bearerTokens: Record<string, string>;
}

/** The integration user the app connects as (docs/servicenow.md gives it only the roles it needs). */
export const INTEGRATION_USER = 'pilot.pathway';

export const DEFAULT_BASIC_USERS: Record<string, string> = {
  [INTEGRATION_USER]: 'sandbox-password',
  admin: 'sandbox-admin',
};
export const DEFAULT_OAUTH_CLIENTS: Record<string, OAuthClient> = {
  'pilot-pathway': {
    secret: 'sandbox-client-secret',
    token: 'sandbox-oauth-token',
    expiresIn: 1800,
    user: INTEGRATION_USER,
  },
};
/** Users who may read the Table API but write nothing: ACLs refuse their writes with 403 (no `itil` role). */
export const READ_ONLY_USERS: Record<string, string> = { 'readonly.integration': 'sandbox-password' };

/** Each seeded user's roles (ServiceNow's `sys_user_has_role`). */
export const USER_ROLES: Record<string, readonly string[]> = {
  admin: ['admin'],
  [INTEGRATION_USER]: ['itil', 'catalog'],
  'readonly.integration': [],
  'data.steward': ['itil', 'catalog'],
};

/** A user's roles; one the options add (another Basic user, a bearer token) has the integration user's. */
export function rolesOf(user: string): readonly string[] {
  return USER_ROLES[user] ?? USER_ROLES[INTEGRATION_USER] ?? [];
}

/** Whether the user passes an ACL requiring one of `roles` (ServiceNow: `admin` overrides every ACL). */
function passes(user: string, roles: TableAccess['read']): boolean {
  if (roles === 'any') return true;
  const held = rolesOf(user);
  return held.includes('admin') || roles.some((role) => held.includes(role));
}

/**
 * Whether the table's read ACL lets the user see its records. A list leaves out what the user may
 * not read (200, fewer or no records) and a read of one answers 404, as ServiceNow's Table API does.
 */
export function mayRead(user: string, def: TableDefinition): boolean {
  return passes(user, def.access.read);
}

export function credentials(
  options: { basicUsers?: Record<string, string>; bearerTokens?: Record<string, string> } = {},
): Credentials {
  return {
    basicUsers: { ...DEFAULT_BASIC_USERS, ...(options.basicUsers ?? {}), ...READ_ONLY_USERS },
    oauthClients: DEFAULT_OAUTH_CLIENTS,
    bearerTokens: { ...(options.bearerTokens ?? {}) },
  };
}

function header(headers: Record<string, string>, name: string): string {
  return Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? '';
}

/** The user name behind the request's Authorization header, or 401 in the envelope. */
export function authenticate(credentials: Credentials, headers: Record<string, string>): string {
  const [scheme, secret = ''] = header(headers, 'authorization').split(' ', 2);
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(secret, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const name = decoded.slice(0, colon);
    const password = credentials.basicUsers[name];
    if (colon > 0 && password !== undefined && password === decoded.slice(colon + 1)) return name;
  } else if (scheme?.toLowerCase() === 'bearer') {
    const client = Object.values(credentials.oauthClients).find((c) => c.token === secret);
    const name = client?.user ?? credentials.bearerTokens[secret];
    if (name) return name;
  }
  throw new ServiceNowError(401, 'User Not Authenticated', 'Required to provide Auth information', {
    'www-authenticate': 'BASIC realm="Service-now"',
  });
}

/**
 * OAuth 2.0 client credentials (`POST /oauth_token.do`, form-encoded): a bearer token for a known
 * client, else 401 `{"error": "access_denied", ...}` as ServiceNow's OAuth endpoint answers.
 */
export function issueToken(credentials: Credentials, request: SandboxRequest): SandboxResponse {
  if (request.method.toUpperCase() !== 'POST')
    throw new ServiceNowError(405, 'Method not Supported', 'POST the client credentials');
  const form = new URLSearchParams(request.body ?? '');
  const client = credentials.oauthClients[form.get('client_id') ?? ''];
  if (form.get('grant_type') !== 'client_credentials')
    return json(400, {
      error: 'unsupported_grant_type',
      error_description: 'Only grant_type=client_credentials is supported',
    });
  if (!client || client.secret !== form.get('client_secret'))
    return json(401, { error: 'access_denied', error_description: 'Invalid client id or secret' });
  return json(200, {
    access_token: client.token,
    token_type: 'Bearer',
    expires_in: client.expiresIn,
    scope: 'useraccount',
  });
}

/** The table's create/write/delete ACL: a user without its role gets 403 in the envelope, as from ServiceNow. */
export function checkWriteAcl(user: string, method: string, def: TableDefinition): void {
  if (passes(user, def.access.write)) return;
  const operation = method === 'POST' ? 'Insert' : method === 'DELETE' ? 'Delete' : 'Update';
  throw new ServiceNowError(
    403,
    'Operation Failed',
    `ACL Exception ${operation} Failed due to security constraints (table ${def.name})`,
  );
}
