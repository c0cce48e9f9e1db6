import { z } from 'zod';
import { JiraClient } from '../jira/client';
import { appConfigSchema, readConfig, writeConfig, type AppConfig } from '../storage/config';
import type { Provisioning } from '../storage/provisioning';
import { provisionSite } from './provision-site';
import { ensureProvisioned } from './provisioning-lookup';
import { UserFacingError } from './resolver-errors';

/** Whether the viewer administers Jira (the ADMINISTER global permission), asked as the viewer. */
export async function isJiraAdmin(asUser: JiraClient): Promise<boolean> {
  return (await asUser.myPermissions(['ADMINISTER'])).ADMINISTER === true;
}

/** Admin actions check, on the server, that the caller administers Jira; the admin page's module gate is not enough. */
export async function assertJiraAdmin(asUser: JiraClient): Promise<void> {
  if (!(await isJiraAdmin(asUser))) {
    throw new UserFacingError('no-permission', 'Only a Jira admin can change Pilot Pathway settings.');
  }
}

export interface ConfigurationView {
  config: AppConfig;
  provisioning: Provisioning;
}

export async function getConfiguration(asUser: JiraClient, now: Date): Promise<ConfigurationView> {
  await assertJiraAdmin(asUser);
  return { config: await readConfig(), provisioning: await ensureProvisioned(now) };
}

const configurationInputSchema = z
  .object({
    ownerAssignees: appConfigSchema.shape.ownerAssignees.optional(),
    pilotProjects: appConfigSchema.shape.pilotProjects.optional(),
  })
  .strict();

/**
 * Saves owner mappings and pilot projects, then provisions the projects. Bad input changes nothing.
 * Template edits are previewed and confirmed instead (template-change.ts).
 */
export async function saveConfiguration(
  asUser: JiraClient,
  payload: unknown,
  now: Date,
): Promise<ConfigurationView> {
  await assertJiraAdmin(asUser);
  const input = configurationInputSchema.safeParse(payload);
  if (!input.success) {
    const fieldErrors = Object.fromEntries(
      input.error.issues.map((issue) => [issue.path.join('.'), issue.message]),
    );
    throw new UserFacingError(
      'invalid-input',
      'The settings were not saved: fix the marked entries.',
      fieldErrors,
    );
  }
  const current = await readConfig();
  const next: AppConfig = {
    template: current.template,
    ownerAssignees: input.data.ownerAssignees ?? current.ownerAssignees,
    pilotProjects: input.data.pilotProjects ?? current.pilotProjects,
  };
  await writeConfig(next);
  return { config: next, provisioning: await provisionSite(now) };
}

/** "Repair installation": runs the idempotent install again. */
export async function repairInstallation(asUser: JiraClient, now: Date): Promise<ConfigurationView> {
  await assertJiraAdmin(asUser);
  return { config: await readConfig(), provisioning: await provisionSite(now) };
}
