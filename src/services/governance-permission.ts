import type { JiraClient } from '../jira/client';
import type { Pilot } from '../jira/pilots';
import { isJiraAdmin } from './admin-actions';

/**
 * Who may record a kill-list decision: a Jira admin or the pilot's production owner (product.md §7,
 * §9), from the pilot's own field; the admin check asked afresh, as the viewer.
 */
export async function isAdminOrProductionOwner(
  asUser: JiraClient,
  accountId: string,
  pilot: Pick<Pilot, 'productionOwner'>,
): Promise<boolean> {
  return (accountId !== '' && pilot.productionOwner?.accountId === accountId) || (await isJiraAdmin(asUser));
}
