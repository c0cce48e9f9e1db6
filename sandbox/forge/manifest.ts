/**
 * The parts of manifest.yml the Forge runtime acts on: functions, triggers, scheduled triggers,
 * web triggers, queue consumers, UI modules with resolvers, resources, entity properties, remotes,
 * and the custom entities of the app's storage (`app.storage.entities`).
 */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

export interface ManifestFunction {
  key: string;
  handler: string;
  timeoutSeconds?: number;
}

export interface ManifestTrigger {
  key: string;
  function: string;
  events: string[];
  filter?: { ignoreSelf?: boolean; expression?: string };
}

export interface ManifestUiModule {
  type: string;
  key: string;
  resource?: string;
  resolver?: { function: string };
  dynamicProperties?: { function: string };
  title?: string;
  [k: string]: unknown;
}

export interface ManifestEntityProperty {
  key: string;
  entityType: string;
  propertyKey: string;
  values: { path: string; type: string; searchAlias?: string }[];
}

export type EntityAttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';

/** An index of a custom entity: a bare attribute name is an index of that name ranging over it. */
export interface ManifestEntityIndex {
  name: string;
  range: string[];
  partition: string[];
}

/** A custom entity of `app.storage.entities` (node_modules/@forge/manifest/out/schema/manifest-schema.json). */
export interface ManifestEntity {
  name: string;
  attributes: Record<string, { type: EntityAttributeType }>;
  indexes: ManifestEntityIndex[];
}

export interface ForgeManifest {
  appId: string;
  /** The app id without its ARI prefix, as `getAppContext()` expects it. */
  appUuid: string;
  functions: Map<string, ManifestFunction>;
  triggers: ManifestTrigger[];
  scheduledTriggers: { key: string; function: string; interval: string }[];
  webTriggers: { key: string; function: string }[];
  consumers: { key: string; queue: string; function: string }[];
  uiModules: ManifestUiModule[];
  resources: { key: string; path: string }[];
  entityProperties: ManifestEntityProperty[];
  remotes: { key: string; baseUrl: string }[];
  entities: ManifestEntity[];
  scopes: string[];
  externalFetchBackend: (string | { remote?: string; address?: string })[];
  raw: Record<string, unknown>;
}

type Modules = Record<string, Record<string, unknown>[] | undefined>;

const UI_MODULE_TYPES = new Set([
  'jira:issuePanel',
  'jira:issueContext',
  'jira:projectPage',
  'jira:adminPage',
  'jira:issueActivity',
  'jira:issueGlance',
  'jira:dashboardGadget',
  'jira:globalPage',
]);

export function parseManifest(text: string): ForgeManifest {
  const raw = (load(text) ?? {}) as Record<string, unknown>;
  const modules = (raw.modules ?? {}) as Modules;
  const list = <T>(type: string): T[] => (modules[type] ?? []) as unknown as T[];

  const functions = new Map<string, ManifestFunction>();
  for (const f of list<ManifestFunction>('function')) functions.set(f.key, f);

  const uiModules: ManifestUiModule[] = [];
  for (const [type, entries] of Object.entries(modules)) {
    if (!UI_MODULE_TYPES.has(type)) continue;
    for (const entry of entries ?? []) uiModules.push({ ...(entry as object), type } as ManifestUiModule);
  }

  const app = (raw.app ?? {}) as {
    id?: string;
    storage?: {
      entities?: {
        name: string;
        attributes?: ManifestEntity['attributes'];
        indexes?: (string | { name: string; range: string[]; partition?: string[] })[];
      }[];
    };
  };
  const appId = app.id ?? 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000';
  const permissions = (raw.permissions ?? {}) as {
    scopes?: string[];
    external?: { fetch?: { backend?: ForgeManifest['externalFetchBackend'] } };
  };

  return {
    appId,
    appUuid: appId.replace(/^ari:cloud:ecosystem::app\//, ''),
    functions,
    triggers: list<ManifestTrigger>('trigger'),
    scheduledTriggers: list('scheduledTrigger'),
    webTriggers: list('webtrigger'),
    consumers: list('consumer'),
    uiModules,
    resources: (raw.resources ?? []) as ForgeManifest['resources'],
    entityProperties: list<ManifestEntityProperty>('jira:entityProperty'),
    remotes: (raw.remotes ?? []) as ForgeManifest['remotes'],
    entities: (app.storage?.entities ?? []).map((entity) => ({
      name: entity.name,
      attributes: entity.attributes ?? {},
      indexes: (entity.indexes ?? []).map((index) =>
        typeof index === 'string'
          ? { name: index, range: [index], partition: [] }
          : { name: index.name, range: index.range, partition: index.partition ?? [] },
      ),
    })),
    scopes: permissions.scopes ?? [],
    externalFetchBackend: permissions.external?.fetch?.backend ?? [],
    raw,
  };
}

export function loadManifest(path: string): ForgeManifest {
  return parseManifest(readFileSync(path, 'utf8'));
}

/** `index.uiResolver` → `{ module: 'index', exportName: 'uiResolver' }` (Forge's handler syntax). */
export function splitHandler(handler: string): { module: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`Invalid function handler "${handler}": expected "<file>.<export>"`);
  return { module: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}
