import type { JiraClient } from '../../jira/client';
import type { Pilot } from '../../domain/pilot';
import { readAdminCheck, writeAdminCheck } from '../../storage/pilot-state';
import { isJiraAdmin } from './jira-permissions';

type Governed = Pick<Pilot, 'productionOwner'>;

function isProductionOwner(accountId: string, pilot: Governed): boolean {
  return accountId !== '' && pilot.productionOwner?.accountId === accountId;
}

/**
 * Who may waive a gate or record a kill-list decision: a Jira admin or the pilot's production owner
 * (product.md §7, §9), from the pilot's own field; the admin check asked afresh, as the viewer, and a
 * yes remembered (10 minutes) so the pilot's next views know it without asking.
 */
export async function isAdminOrProductionOwner(
  asUser: JiraClient,
  accountId: string,
  pilot: Governed,
): Promise<boolean> {
  if (isProductionOwner(accountId, pilot)) return true;
  const isAdmin = await isJiraAdmin(asUser);
  // Only an admin's answer is remembered: a refusal leaves nothing behind.
  if (isAdmin && accountId !== '') await writeAdminCheck(accountId, true);
  return isAdmin;
}

/**
 * A decider (product.md §14) records value reviews: a Jira admin, asked afresh as the viewer (a yes is
 * remembered so the portfolio's next views know it). Deciders who are not admins (the review board)
 * join here, the one place that says who decides.
 */
export async function isDecider(asUser: JiraClient, accountId: string): Promise<boolean> {
  const isAdmin = await isJiraAdmin(asUser);
  if (isAdmin && accountId !== '') await writeAdminCheck(accountId, true);
  return isAdmin;
}

/**
 * The same, as far as it is known without asking Jira (a view asks it nothing): true for the production
 * owner, a remembered admin check, else undefined (the panel asks when a form is opened).
 */
export async function knownAdminOrProductionOwner(
  accountId: string,
  pilot: Governed,
): Promise<boolean | undefined> {
  if (isProductionOwner(accountId, pilot)) return true;
  return accountId === '' ? undefined : readAdminCheck(accountId);
}
