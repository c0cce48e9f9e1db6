import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { DEFAULT_TEMPLATE } from '../domain/default-template';
import { ownershipTemplateSchema } from '../domain/template';
import type { OwnershipTemplate } from '../domain/types';
import { storageKeys } from './keys';

/** The app's configuration, edited on the admin page; validated on the way in and out. */
export interface AppConfig {
  template: OwnershipTemplate;
  /** Owner team → Jira account id of the assignee of its workstreams. */
  ownerAssignees: Record<string, string>;
  /** Projects where AI Pilot issues live (the install adds the issue type to them). */
  pilotProjects: string[];
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
});

export const DEFAULT_CONFIG: AppConfig = {
  template: DEFAULT_TEMPLATE,
  ownerAssignees: {},
  pilotProjects: [],
};

export async function readConfig(): Promise<AppConfig> {
  const stored = await kvs.get<unknown>(storageKeys.config);
  if (stored === undefined) return DEFAULT_CONFIG;
  const parsed = appConfigSchema.safeParse(stored);
  // A stored config that no longer parses is a bug, not a reason to stop generating pilots.
  return parsed.success ? (parsed.data as AppConfig) : DEFAULT_CONFIG;
}

export async function writeConfig(config: AppConfig): Promise<void> {
  await kvs.set(storageKeys.config, appConfigSchema.parse(config));
}
