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
  ownerAssignees: z.record(z.string().min(1), z.string().min(1)),
  pilotProjects: z.array(z.string().regex(/^[A-Z][A-Z0-9_]+$/, 'a Jira project key such as AIP')),
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
