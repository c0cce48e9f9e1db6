import { z } from 'zod';
import {
  mergeOwnerAssignees,
  settingsProblems,
  type SettingsFacts,
  type SettingsInput,
} from '../../domain/settings';
import { JiraClient } from '../../jira/client';
import { findGroups, findProjectsByKeys, getGroupById, getUsersByAccountIds } from '../../jira/configuration';
import { appConfigSchema, readConfigReading, writeConfig, type AppConfig } from '../../storage/config';
import { ChangedMeanwhile } from '../../storage/versioned-record';
import type { Provisioning } from '../../domain/site-provisioning';
import { ensureProvisioned, provisionSite } from '../provisioning';
import { UserFacingError } from '../errors';
import { assertJiraAdmin } from '../permissions';
import type { ConfigurationView, GroupOption } from '../../ui-contract';
import { templateApplyProgress } from './template-apply';

/** The settings, what the install did, and the names of the people the owner mappings name. */
async function configurationView(
  asUser: JiraClient,
  config: AppConfig,
  revision: number,
  provisioning: Provisioning,
): Promise<ConfigurationView> {
  const accountIds = [...new Set(Object.values(config.ownerAssignees))];
  const people = (await getUsersByAccountIds(asUser, accountIds)).map((user) => ({
    accountId: user.accountId,
    displayName: user.displayName ?? user.accountId,
    active: user.active !== false,
  }));
  return { revision, config, provisioning, people, templateApply: await templateApplyProgress() };
}

export async function getConfiguration(asUser: JiraClient, now: Date): Promise<ConfigurationView> {
  await assertJiraAdmin(asUser);
  const { config, revision } = await readConfigReading();
  return configurationView(asUser, config, revision, await ensureProvisioned(now));
}

/** The revision an admin page loaded: every save names it, so a save over someone else's is refused. */
export const loadedRevisionSchema = z
  .number({ error: 'Reload the page: this save does not say which settings it was made on' })
  .int()
  .min(0);

const configurationInputSchema = z
  .object({
    revision: loadedRevisionSchema,
    ownerAssignees: z
      .record(z.string().min(1), z.string().min(1, 'Choose a person, or remove the mapping').nullable())
      .optional(),
    pilotProjects: appConfigSchema.shape.pilotProjects.optional(),
    reviewBoardGroupId: z
      .string()
      .trim()
      .min(1, 'Choose the review board group, or choose none')
      .max(128, 'This is not a Jira group id: choose the group from the list')
      .regex(/^[A-Za-z0-9:_-]+$/, 'This is not a Jira group id: choose the group from the list')
      .nullable()
      .optional(),
  })
  .strict();

/** A save made on a reading someone else has saved over since (product.md §14 "No lost updates"). */
export function assertLoadedRevision(loaded: number, current: number): void {
  if (loaded !== current) throw new ChangedMeanwhile('config');
}

function invalidSettings(fieldErrors: Record<string, string>): UserFacingError {
  return new UserFacingError(
    'invalid-input',
    'The settings were not saved: fix the marked entries.',
    fieldErrors,
  );
}

/**
 * What Jira says about the projects, people and group a save names: a call each that the save needs,
 * whatever their number.
 */
async function settingsFacts(input: SettingsInput, ownerTeams: string[]): Promise<SettingsFacts> {
  const jira = JiraClient.asApp();
  const accountIds = [
    ...new Set(Object.values(input.ownerAssignees ?? {}).filter((id): id is string => id !== null)),
  ];
  const groupId = input.reviewBoardGroupId;
  const [projects, users, reviewBoard] = await Promise.all([
    findProjectsByKeys(jira, [...new Set(input.pilotProjects ?? [])]),
    getUsersByAccountIds(jira, accountIds),
    typeof groupId === 'string' ? getGroupById(jira, groupId) : Promise.resolve(undefined),
  ]);
  return {
    existingProjectKeys: new Set(projects.map((project) => project.key)),
    users: new Map(users.map((user) => [user.accountId, user.active !== false])),
    ownerTeams,
    reviewBoard,
  };
}

/**
 * Saves pilot projects, owner mappings and the review board, all or nothing: every entry is checked
 * against Jira first (projects exist, people exist and are active, teams are the template's, the group
 * exists), and the projects are provisioned before the settings are stored, so one bad entry leaves
 * everything as it was. The save is made on the revision the page loaded: if someone saved meanwhile
 * (a template applied, another mapping), it is refused with "changed by someone else meanwhile".
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
  const { config: current, revision } = await readConfigReading();
  assertLoadedRevision(input.data.revision, revision);
  const ownerTeams = [...new Set(current.template.rows.map((row) => row.ownerTeam))];
  const facts = await settingsFacts(input.data, ownerTeams);
  const problems = settingsProblems(input.data, facts);
  if (Object.keys(problems).length > 0) throw invalidSettings(problems);
  const next: AppConfig = {
    template: current.template,
    ownerAssignees: mergeOwnerAssignees(current.ownerAssignees, input.data.ownerAssignees),
    pilotProjects: input.data.pilotProjects ?? current.pilotProjects,
    reviewBoard:
      input.data.reviewBoardGroupId === undefined
        ? current.reviewBoard
        : input.data.reviewBoardGroupId === null
          ? null
          : (facts.reviewBoard ?? null),
  };
  const provisioning = await provisionSite(now, next.pilotProjects);
  // Refused, writing nothing, when someone saved since this save's reading.
  const saved = await writeConfig(next, revision);
  return configurationView(asUser, next, saved, provisioning);
}

/** "Repair installation": runs the idempotent install again. */
export async function repairInstallation(asUser: JiraClient, now: Date): Promise<ConfigurationView> {
  await assertJiraAdmin(asUser);
  const provisioning = await provisionSite(now);
  const { config, revision } = await readConfigReading();
  return configurationView(asUser, config, revision, provisioning);
}

const groupQuerySchema = z
  .object({
    query: z
      .string({ error: 'Type part of the group name' })
      .trim()
      .min(1, 'Type part of the group name')
      .max(100, 'Keep the search to 100 characters or fewer'),
  })
  .strict();

/** The review board picker: up to 20 groups whose name contains the query, as the admin sees them. */
export async function findReviewBoardGroups(asUser: JiraClient, payload: unknown): Promise<GroupOption[]> {
  await assertJiraAdmin(asUser);
  const parsed = groupQuerySchema.safeParse(payload);
  if (!parsed.success) {
    throw new UserFacingError('invalid-input', 'No group was searched for.', {
      query: parsed.error.issues[0]?.message ?? 'Type part of the group name',
    });
  }
  return findGroups(asUser, parsed.data.query);
}
