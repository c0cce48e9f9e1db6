import { readConfig } from '../../storage/config';
import type { GovernanceRights } from '../../ui-contract';
import type { PanelRequest } from '../panel';
import { decidersSentence, isDecider } from '../permissions';

/**
 * What the panel asks when the viewer opens the waiver or decision form and their right is not known:
 * are they a decider (product.md §14)? One call as the viewer, and for a non-admin one as the app.
 */
export async function governanceRights(request: PanelRequest): Promise<GovernanceRights> {
  const { reviewBoard } = await readConfig();
  // Remembered either way: the pilot's next views show the forms, or who decides, without asking.
  const may = await isDecider(request.asUser, request.accountId, reviewBoard, { rememberNo: true });
  return { canWaive: may, canDecide: may, deciders: decidersSentence(reviewBoard) };
}
