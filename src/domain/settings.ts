/**
 * The admin page's settings (pilot projects, owner team → assignee, the review board): how a save
 * combines with what is stored, and what is wrong with it, field by field, so nothing is saved while
 * any error remains.
 */

/** Owner team → account id; `null` removes a team's mapping. Teams left out keep their mapping. */
export type OwnerAssigneesPatch = Record<string, string | null>;

export interface SettingsInput {
  pilotProjects?: string[];
  ownerAssignees?: OwnerAssigneesPatch;
  /** The review board group's id; null: no review board (admins alone decide). */
  reviewBoardGroupId?: string | null;
}

/** What Jira says about the projects and people a save names. */
export interface SettingsFacts {
  /** Keys of the projects that exist and the app can see. */
  existingProjectKeys: ReadonlySet<string>;
  /** Account id → whether the account is active; absent when no such user exists. */
  users: ReadonlyMap<string, boolean>;
  /** Owner teams named by the template's rows. */
  ownerTeams: readonly string[];
  /** The group the save names as review board, as Jira knows it; undefined when Jira has none. */
  reviewBoard?: { groupId: string; name: string } | undefined;
}

/** Applies a save to the stored mappings: named teams are set or removed, every other team is kept. */
export function mergeOwnerAssignees(
  current: Readonly<Record<string, string>>,
  patch: OwnerAssigneesPatch | undefined,
): Record<string, string> {
  const changes = Object.entries(patch ?? {});
  const named = new Set(changes.map(([team]) => team));
  // Built from entries: a team named `__proto__` is stored as a mapping like any other (records.ts).
  return Object.fromEntries([
    ...Object.entries(current).filter(([team]) => !named.has(team)),
    ...changes.filter((change): change is [string, string] => change[1] !== null),
  ]);
}

/** The field key of a form entry: `pilotProjects.2`, `ownerAssignees.Data science team`. */
export const settingsField = {
  pilotProject: (index: number) => `pilotProjects.${index}`,
  ownerAssignee: (team: string) => `ownerAssignees.${team}`,
};

/** Every problem of a save, keyed by the field that caused it; empty when it may be saved. */
export function settingsProblems(input: SettingsInput, facts: SettingsFacts): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen = new Map<string, number>();
  (input.pilotProjects ?? []).forEach((key, index) => {
    const first = seen.get(key);
    if (first !== undefined) {
      problems[settingsField.pilotProject(index)] = `${key} is already listed (entry ${first + 1})`;
      return;
    }
    seen.set(key, index);
    if (!facts.existingProjectKeys.has(key)) {
      problems[settingsField.pilotProject(index)] =
        `No project with key ${key} exists, or the app cannot see it`;
    }
  });
  for (const [team, accountId] of Object.entries(input.ownerAssignees ?? {})) {
    const field = settingsField.ownerAssignee(team);
    if (!facts.ownerTeams.includes(team)) {
      problems[field] = `No row of the ownership template has the owner team "${team}"`;
    } else if (accountId !== null) {
      const active = facts.users.get(accountId);
      if (active === undefined) problems[field] = `No Jira user has the account id ${accountId}`;
      else if (!active) problems[field] = 'This person is deactivated: choose an active person';
    }
  }
  if (
    typeof input.reviewBoardGroupId === 'string' &&
    facts.reviewBoard?.groupId !== input.reviewBoardGroupId
  ) {
    problems['reviewBoardGroupId'] = 'No Jira group has this id: choose the review board from the list';
  }
  return problems;
}
