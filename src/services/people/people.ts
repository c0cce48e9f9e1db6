import { z } from 'zod';
import { PEOPLE_QUERY_MAX_LENGTH } from '../../domain/people-search';
import type { JiraClient } from '../../jira/client';
import type { JiraUser } from '../../jira/types';
import type { PersonOption } from '../../ui-contract';
import { UserFacingError } from '../errors';

/** How many people the picker offers; typing more narrows the list. */
export const PEOPLE_PICKER_LIMIT = 10;

const findPeopleSchema = z.object({
  query: z
    .string({ error: 'Type a name to search for' })
    .trim()
    .min(1, 'Type a name to search for')
    .max(PEOPLE_QUERY_MAX_LENGTH, `Keep the search to ${PEOPLE_QUERY_MAX_LENGTH} characters or fewer`),
});

export type { JiraUser };

/**
 * People whose name (or email) starts with the query, for a people picker: searched as the viewer, so
 * Jira applies its own rule (the Browse users and groups permission, no project permission); people
 * only, never app accounts; deactivated people last, flagged so the picker can show them unavailable.
 */
export async function findPeople(asUser: JiraClient, payload: unknown): Promise<PersonOption[]> {
  const input = findPeopleSchema.safeParse(payload);
  if (!input.success) {
    const message = input.error.issues[0]?.message ?? 'Type a name to search for';
    throw new UserFacingError('invalid-input', `${message}.`, { query: message });
  }
  return pickerOptions(await asUser.findUsers(input.data.query, PEOPLE_PICKER_LIMIT));
}

/**
 * Jira's answer as the picker lists it: people only (no app or customer accounts), deactivated people
 * after the active ones, each group in Jira's order, at most PEOPLE_PICKER_LIMIT.
 */
export function pickerOptions(users: readonly JiraUser[]): PersonOption[] {
  const people = users
    .filter((user) => user.accountType === 'atlassian')
    .map((user) => ({
      accountId: user.accountId,
      displayName: user.displayName ?? user.accountId,
      active: user.active !== false,
    }));
  return [...people.filter((person) => person.active), ...people.filter((person) => !person.active)].slice(
    0,
    PEOPLE_PICKER_LIMIT,
  );
}
