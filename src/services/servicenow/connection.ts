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

/** The instance the admin connected, or undefined when none is. */
export async function openServiceNow(): Promise<ConnectedServiceNow | undefined> {
  const connection = await readConnection();
  if (!connection) return undefined;
  return { connection, client: await clientFor(connection) };
}
