import { getAppContext } from '@forge/api';
import type { FieldDetails } from './configuration';

/**
 * The app's own Forge custom fields (`jira:customField` modules of manifest.yml), found by module
 * key, never by display name: a site may already have a field called "Readiness", and another app
 * may declare a field with the same name. Jira lists a Forge field with
 * `schema.custom = ari:cloud:ecosystem::extension/<app id>/<environment id>/static/<module key>`.
 */
export const APP_FIELD_MODULE_KEYS = {
  readiness: 'readiness-field',
  productionOwner: 'production-owner-field',
  kickoffDate: 'kickoff-date-field',
  demoSignOffDate: 'demo-sign-off-date-field',
} as const;

export type AppFieldName = keyof typeof APP_FIELD_MODULE_KEYS;

export interface AppIdentity {
  appId: string;
  environmentId: string;
}

/** This installation of the app, as the Forge runtime names it. */
export function currentAppIdentity(): AppIdentity {
  const { appAri, environmentAri } = getAppContext();
  return { appId: appAri.appId, environmentId: environmentAri.environmentId };
}

export function appFieldExtensionKey(app: AppIdentity, moduleKey: string): string {
  return `ari:cloud:ecosystem::extension/${app.appId}/${app.environmentId}/static/${moduleKey}`;
}

/** The field id of each of the app's fields on this site, or null when the site does not list it. */
export function appFieldIds(fields: FieldDetails[], app: AppIdentity): Record<AppFieldName, string | null> {
  const idOf = (moduleKey: string): string | null =>
    fields.find((field) => field.custom && field.schema?.custom === appFieldExtensionKey(app, moduleKey))
      ?.id ?? null;
  return {
    readiness: idOf(APP_FIELD_MODULE_KEYS.readiness),
    productionOwner: idOf(APP_FIELD_MODULE_KEYS.productionOwner),
    kickoffDate: idOf(APP_FIELD_MODULE_KEYS.kickoffDate),
    demoSignOffDate: idOf(APP_FIELD_MODULE_KEYS.demoSignOffDate),
  };
}
