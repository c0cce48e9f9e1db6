import { JiraClient } from '../../jira/client';
import { getUserGroups } from '../../jira/configuration';
import type { ReviewBoard } from '../../storage/config';
import {
  readAdminCheck,
  readDeciderCheck,
  writeAdminCheck,
  writeDeciderCheck,
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
 * A yes is remembered 10 minutes so the pilot's next views show the forms without asking; a no only
 * when the viewer asked (`rememberNo`: the panel's rights check), so a refused change leaves nothing
 * behind. Every change is checked afresh all the same.
 */
export async function isDecider(
  asUser: JiraClient,
  accountId: string,
  reviewBoard: ReviewBoard | null,
  options: { rememberNo?: boolean; admin?: boolean } = {},
): Promise<boolean> {
  if (accountId === '') return false;
  // A caller that asked Jira already (with another permission, in the same call) says so.
  const admin = options.admin ?? (await isJiraAdmin(asUser));
  if (admin) await writeAdminCheck(accountId, true);
  const decider =
    admin ||
    (reviewBoard !== null &&
      (await getUserGroups(JiraClient.asApp(), accountId)).some(
        (group) => group.groupId === reviewBoard.groupId,
      ));
  if (decider || options.rememberNo === true)
    await writeDeciderCheck(accountId, reviewBoard?.groupId ?? null, decider);
  return decider;
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
 * The same, as far as it is known without asking Jira (a view asks it nothing): the answer remembered
 * for this review board, or a remembered admin; else undefined (the panel asks when a form is opened).
 */
export async function knownDecider(
  accountId: string,
  reviewBoard: ReviewBoard | null,
): Promise<boolean | undefined> {
  if (accountId === '') return undefined;
  if ((await readAdminCheck(accountId)) === true) return true;
  return readDeciderCheck(accountId, reviewBoard?.groupId ?? null);
}
