import { z } from 'zod';
import { DEFAULT_TEMPLATE } from '../domain/default-template';
import { ownershipTemplateSchema } from '../domain/template';
import type { OwnershipTemplate } from '../domain/types';
import { storageKeys } from './keys';
import { RecordTooLarge, sizeOf } from './record-size';
import { readVersioned, writeVersioned } from './versioned-record';

/** The app's configuration, edited on the admin page; validated on the way in and out. */
export interface AppConfig {
  template: OwnershipTemplate;
  /** Owner team → Jira account id of the assignee of its workstreams. */
  ownerAssignees: Record<string, string>;
  /** Projects where AI Pilot issues live (the install adds the issue type to them). */
  pilotProjects: string[];
  /**
   * The review board (product.md §14): its members decide, as Jira admins do. Null: admins only.
   * The name is what Jira called the group when it was chosen, for the sentence naming the deciders.
   */
  reviewBoard: ReviewBoard | null;
}

export interface ReviewBoard {
  groupId: string;
  name: string;
}

export const appConfigSchema = z.object({
  template: ownershipTemplateSchema,
  ownerAssignees: z
    .record(
      z
        .string()
        .trim()
        .min(1, 'Name the owner team')
        .max(255, 'Keep the owner team to 255 characters or fewer'),
      z
        .string()
        .min(1, { error: 'Choose the assignee', abort: true })
        .max(128, 'This is not a Jira account id: choose the assignee from the list')
        .regex(/^[A-Za-z0-9:_-]+$/, 'This is not a Jira account id: choose the assignee from the list'),
    )
    .refine((mapping) => Object.keys(mapping).length <= 100, 'Map at most 100 owner teams'),
  pilotProjects: z
    .array(
      z
        .string()
        .max(10, 'A Jira project key has at most 10 characters')
        .regex(/^[A-Z][A-Z0-9_]+$/, 'a Jira project key such as AIP'),
    )
    .max(100, 'List at most 100 pilot projects'),
  reviewBoard: z
    .object({
      groupId: z
        .string()
        .min(1)
        .max(128)
        .regex(/^[A-Za-z0-9:_-]+$/, 'This is not a Jira group id: choose the group from the list'),
      name: z.string().min(1).max(255),
    })
    .nullable()
    .default(null),
});

export const DEFAULT_CONFIG: AppConfig = {
  template: DEFAULT_TEMPLATE,
  ownerAssignees: {},
  pilotProjects: [],
  reviewBoard: null,
};

/** A whole template with 100 owner mappings and 100 projects is a few tens of KiB. */
export const CONFIG_MAX_BYTES = 128 * 1024;

/** Stored before compare-and-set as a plain entry under the same key: moved on the first save. */
const LEGACY = { legacyKey: storageKeys.config };

/** The configuration and the revision a save made from this reading must still find. */
export interface ConfigReading {
  config: AppConfig;
  revision: number;
}

export async function readConfigReading(): Promise<ConfigReading> {
  const stored = await readVersioned<unknown>(storageKeys.config, LEGACY);
  if (stored.value === undefined) return { config: DEFAULT_CONFIG, revision: stored.revision };
  const parsed = appConfigSchema.safeParse(stored.value);
  // A stored config that no longer parses is a bug, not a reason to stop generating pilots.
  return { config: parsed.success ? (parsed.data as AppConfig) : DEFAULT_CONFIG, revision: stored.revision };
}

export async function readConfig(): Promise<AppConfig> {
  return (await readConfigReading()).config;
}

/**
 * Saves the configuration only while it is still at `revision` (what the admin's page loaded);
 * throws ChangedMeanwhile when someone saved in between. Answers the new revision.
 */
export async function writeConfig(config: AppConfig, revision: number): Promise<number> {
  const value = appConfigSchema.parse(config);
  if (sizeOf(value) > CONFIG_MAX_BYTES)
    throw new RecordTooLarge(storageKeys.config, sizeOf(value), CONFIG_MAX_BYTES);
  return writeVersioned(storageKeys.config, value, revision, LEGACY);
}
