/** The connected ServiceNow instance with its client, built from storage and secret storage. */
import {
  ServiceNowClient,
  type CachedToken,
  type ServiceNowAuth,
  type TokenCache,
} from '../../servicenow/client';
import { forgeFetch } from '../../servicenow/forge-fetch';
import {
  deleteSecret,
  readConnection,
  readLearnedIdentity,
  readSecret,
  readSecretObject,
  writeSecretObject,
  type ServiceNowConnection,
} from '../../storage/servicenow';

export interface ConnectedServiceNow {
  connection: ServiceNowConnection;
  client: ServiceNowClient;
}

/** The OAuth token, cached in Forge secret storage until it expires. */
const oauthTokenCache: TokenCache = {
  read: () => readSecretObject<CachedToken>('serviceNowOAuthToken'),
  write: (token) => writeSecretObject('serviceNowOAuthToken', token),
  clear: () => deleteSecret('serviceNowOAuthToken'),
};

export async function authOf(connection: ServiceNowConnection): Promise<ServiceNowAuth> {
  return connection.auth.kind === 'basic'
    ? {
        kind: 'basic',
        username: connection.auth.username,
        password: (await readSecret('serviceNowPassword')) ?? '',
      }
    : {
        kind: 'oauth',
        clientId: connection.auth.clientId,
        clientSecret: (await readSecret('serviceNowClientSecret')) ?? '',
      };
}

export async function clientFor(connection: ServiceNowConnection): Promise<ServiceNowClient> {
  return new ServiceNowClient({
    instanceUrl: connection.instanceUrl,
    auth: await authOf(connection),
    fetch: forgeFetch,
    tokenCache: oauthTokenCache,
  });
}

/**
 * A client for values an admin typed but has not saved (a connection test): no cached OAuth token,
 * which belongs to the saved connection.
 */
export function clientWith(instanceUrl: string, auth: ServiceNowAuth): ServiceNowClient {
  return new ServiceNowClient({ instanceUrl, auth, fetch: forgeFetch });
}

/**
 * The ServiceNow user the connection's records are created by (`sys_created_by`): the integration
 * user of Basic auth; for OAuth the application user, as learned from a record the app created.
 * Undefined while it is not known.
 */
export async function recordsCreatedBy(connection: ServiceNowConnection): Promise<string | undefined> {
  if (connection.auth.kind === 'basic') return connection.auth.username;
  return readLearnedIdentity(new URL(connection.instanceUrl).host);
}

/** The instance the admin connected, or undefined when none is. */
export async function openServiceNow(): Promise<ConnectedServiceNow | undefined> {
  const connection = await readConnection();
  if (!connection) return undefined;
  return { connection, client: await clientFor(connection) };
}
