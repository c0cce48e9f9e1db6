import type { JiraClient } from '../../jira/client';
import { getUsersByAccountIds } from '../../jira/configuration';

/** The display names of these people, as the viewer sees them (1 call); an unknown one keeps its id. */
export async function displayNames(asUser: JiraClient, accountIds: string[]): Promise<Map<string, string>> {
  const users = await getUsersByAccountIds(asUser, [...new Set(accountIds)]);
  return new Map(users.map((user) => [user.accountId, user.displayName ?? user.accountId]));
}
