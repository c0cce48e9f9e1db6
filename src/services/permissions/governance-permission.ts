import { JiraClient } from '../../jira/client';
import { getUserGroups } from '../../jira/configuration';
import type { ReviewBoard } from '../../storage/config';
import {
  readAdminCheck,
  readMembershipCheck,
  writeAdminCheck,
  writeMembershipCheck,
} from '../../storage/pilot-state';
import { UserFacingError } from '../errors';
import { isJiraAdmin } from './jira-permissions';

/**
 * Who decides (product.md §14): Jira admins, and members of the review board group chosen on the admin
 * page (none by default: admins only). Only deciders grant or revoke waivers and record kill-list
 * decisions. Editing a pilot's Production owner field gives no right: any editor can set it.
 */

/** The sentence the panel and the portfolio show where the forms are, to someone who may not decide. */
export function decidersSentence(reviewBoard: ReviewBoard | null): string {
  return reviewBoard
    ? `Deciders: Jira admins and members of ${reviewBoard.name}.`
    : 'Deciders: Jira admins (no review board is chosen on the admin page).';
}

/**
 * Whether the viewer decides, asked afresh: the admin check as the viewer (1 call), then, for someone
 * who is no admin, the review board's membership as the app (1 call: the viewer may not list groups).
 * A yes is remembered 10 minutes so the pilot's next views know it without asking.
 */
export async function isDecider(
  asUser: JiraClient,
  accountId: string,
  reviewBoard: ReviewBoard | null,
): Promise<boolean> {
  if (accountId === '') return false;
  if (await isJiraAdmin(asUser)) {
    await writeAdminCheck(accountId, true);
    return true;
  }
  if (!reviewBoard) return false;
  const groups = await getUserGroups(JiraClient.asApp(), accountId);
  const member = groups.some((group) => group.groupId === reviewBoard.groupId);
  // Only a yes is remembered: a refusal leaves nothing behind.
  if (member) await writeMembershipCheck(accountId, reviewBoard.groupId);
  return member;
}

/** Refuses someone who does not decide, naming who does. */
export async function assertDecider(
  asUser: JiraClient,
  accountId: string,
  reviewBoard: ReviewBoard | null,
  what: string,
): Promise<void> {
  if (await isDecider(asUser, accountId, reviewBoard)) return;
  throw new UserFacingError('no-permission', `Only a decider can ${what}. ${decidersSentence(reviewBoard)}`);
}

/**
 * The same, as far as it is known without asking Jira (a view asks it nothing): true for a remembered
 * admin or review board member, else undefined (the panel asks when a form is opened).
 */
export async function knownDecider(
  accountId: string,
  reviewBoard: ReviewBoard | null,
): Promise<boolean | undefined> {
  if (accountId === '') return undefined;
  if ((await readAdminCheck(accountId)) === true) return true;
  if (reviewBoard && (await readMembershipCheck(accountId, reviewBoard.groupId))) return true;
  return undefined;
}
