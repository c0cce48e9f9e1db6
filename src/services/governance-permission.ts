import type { JiraClient } from '../jira/client';
import type { JiraIssue } from '../jira/types';
import type { Provisioning } from '../storage/provisioning';
import { isJiraAdmin } from './admin-actions';

/**
 * Who may govern a pilot (grant a waiver, record a kill-list decision): a Jira admin or the pilot's
 * production owner (product.md §7, §9). Read from the pilot's own field; admin asked as the viewer.
 */
export async function isAdminOrProductionOwner(
  asUser: JiraClient,
  accountId: string,
  pilot: JiraIssue,
  provisioning: Provisioning,
): Promise<boolean> {
  const ownerField = provisioning.fields.productionOwner;
  const owner = ownerField ? (pilot.fields[ownerField] as { accountId?: string } | null | undefined) : null;
  return (accountId !== '' && owner?.accountId === accountId) || (await isJiraAdmin(asUser));
}
