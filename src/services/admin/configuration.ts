import { z } from 'zod';
import {
  mergeOwnerAssignees,
  settingsProblems,
  type SettingsFacts,
  type SettingsInput,
} from '../../domain/settings';
import { JiraClient } from '../../jira/client';
import { findProjectsByKeys, getUsersByAccountIds } from '../../jira/configuration';
import { appConfigSchema, readConfig, writeConfig, type AppConfig } from '../../storage/config';
import type { Provisioning } from '../../domain/site-provisioning';
import { ensureProvisioned, provisionSite } from '../provisioning';
import { UserFacingError } from '../errors';
import { assertJiraAdmin } from '../permissions';
import type { ConfigurationView } from '../../ui-contract';

/** The settings, what the install did, and the names of the people the owner mappings name. */
async function configurationView(
  asUser: JiraClient,
  config: AppConfig,
  provisioning: Provisioning,
): Promise<ConfigurationView> {
  const accountIds = [...new Set(Object.values(config.ownerAssignees))];
  const people = (await getUsersByAccountIds(asUser, accountIds)).map((user) => ({
    accountId: user.accountId,
    displayName: user.displayName ?? user.accountId,
    active: user.active !== false,
  }));
  return { config, provisioning, people };
}

export async function getConfiguration(asUser: JiraClient, now: Date): Promise<ConfigurationView> {
  await assertJiraAdmin(asUser);
  return configurationView(asUser, await readConfig(), await ensureProvisioned(now));
}

const configurationInputSchema = z
  .object({
    ownerAssignees: z
      .record(z.string().min(1), z.string().min(1, 'Choose a person, or remove the mapping').nullable())
      .optional(),
    pilotProjects: appConfigSchema.shape.pilotProjects.optional(),
  })
  .strict();

function invalidSettings(fieldErrors: Record<string, string>): UserFacingError {
  return new UserFacingError(
    'invalid-input',
    'The settings were not saved: fix the marked entries.',
    fieldErrors,
  );
}

/** What Jira says about the projects and people a save names: two calls, whatever their number. */
async function settingsFacts(input: SettingsInput, ownerTeams: string[]): Promise<SettingsFacts> {
  const jira = JiraClient.asApp();
  const accountIds = [
    ...new Set(Object.values(input.ownerAssignees ?? {}).filter((id): id is string => id !== null)),
  ];
  const [projects, users] = await Promise.all([
    findProjectsByKeys(jira, [...new Set(input.pilotProjects ?? [])]),
    getUsersByAccountIds(jira, accountIds),
  ]);
  return {
    existingProjectKeys: new Set(projects.map((project) => project.key)),
    users: new Map(users.map((user) => [user.accountId, user.active !== false])),
    ownerTeams,
  };
}

/**
 * Saves pilot projects and owner mappings, all or nothing: every entry is checked against Jira first
 * (projects exist, people exist and are active, teams are the template's), and the projects are
 * provisioned before the settings are stored, so one bad entry leaves everything as it was.
 * Owner teams left out of `ownerAssignees` keep their mapping; `null` removes one.
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
    throw invalidSettings(
      Object.fromEntries(input.error.issues.map((issue) => [issue.path.join('.'), issue.message])),
    );
  }
  const current = await readConfig();
  const ownerTeams = [...new Set(current.template.rows.map((row) => row.ownerTeam))];
  const problems = settingsProblems(input.data, await settingsFacts(input.data, ownerTeams));
  if (Object.keys(problems).length > 0) throw invalidSettings(problems);
  const next: AppConfig = {
    template: current.template,
    ownerAssignees: mergeOwnerAssignees(current.ownerAssignees, input.data.ownerAssignees),
    pilotProjects: input.data.pilotProjects ?? current.pilotProjects,
  };
  const provisioning = await provisionSite(now, next.pilotProjects);
  await writeConfig(next);
  return configurationView(asUser, next, provisioning);
}

/** "Repair installation": runs the idempotent install again. */
export async function repairInstallation(asUser: JiraClient, now: Date): Promise<ConfigurationView> {
  await assertJiraAdmin(asUser);
  return configurationView(asUser, await readConfig(), await provisionSite(now));
}
