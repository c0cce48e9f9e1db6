/** The connected ServiceNow instance with its client, built from storage and secret storage. */
import { ServiceNowClient, type ServiceNowAuth } from '../servicenow/client';
import { forgeFetch } from '../servicenow/forge-fetch';
import {
  oauthTokenCache,
  readConnection,
  readSecret,
  type ServiceNowConnection,
} from '../storage/servicenow';

export interface ConnectedServiceNow {
  connection: ServiceNowConnection;
  client: ServiceNowClient;
}

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
