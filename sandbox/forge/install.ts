/**
 * What Forge does when the app is installed: registers the app's entity property indexes and
 * custom fields with the site, then sends `avi:forge:installed:app`.
 */
import type { ProductEvent } from '../contracts';
import { APP_ACCOUNT_ID } from '../contracts';
import type { ForgeManifest } from './manifest';
import { INSTALL_CONTEXT, SANDBOX_ENVIRONMENT_ID, SANDBOX_INSTALLATION_ID } from './sandbox-ids';
import type { ForgeCustomField, IndexedProperty, JiraSiteLike } from './types';

/** The custom field types Forge creates a field for. */
const CUSTOM_FIELD_TYPES = new Set(['number', 'user', 'date', 'string', 'datetime']);

export function installApp(
  manifest: ForgeManifest,
  jira: JiraSiteLike,
  deliverProductEvent: (event: ProductEvent) => void,
  installerAccountId: string,
): void {
  const indexed = manifest.entityProperties.flatMap((m) =>
    m.values.map((v) => ({
      propertyKey: m.propertyKey,
      path: v.path,
      type: v.type as IndexedProperty['type'],
    })),
  );
  jira.setIndexedProperties(indexed);
  const customFields = ((manifest.raw.modules as Record<string, unknown[]> | undefined)?.[
    'jira:customField'
  ] ?? []) as ForgeCustomField[];
  jira.setAppCustomFields?.(
    customFields
      .filter((f) => CUSTOM_FIELD_TYPES.has(f.type))
      .map((f) => ({
        key: f.key,
        name: f.name,
        type: f.type,
        description: f.description,
        readOnly: f.readOnly,
      })),
  );
  deliverProductEvent({
    eventType: 'avi:forge:installed:app',
    atlassianId: installerAccountId,
    causedByApp: false,
    payload: {
      id: SANDBOX_INSTALLATION_ID,
      installerAccountId,
      app: {
        id: manifest.appUuid,
        version: '1.0.0',
        name: 'Pilot Pathway',
        ownerAccountId: APP_ACCOUNT_ID,
      },
      environment: { id: SANDBOX_ENVIRONMENT_ID },
      context: INSTALL_CONTEXT,
    },
  });
}
