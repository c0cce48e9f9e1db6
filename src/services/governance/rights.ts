import { readPilotViewOfIssue } from '../../storage/pilot-state';
import type { GovernanceRights } from '../../ui-contract';
import { openPilot, shownPilotOf, type PanelRequest } from '../panel';
import { isAdminOrProductionOwner } from '../permissions';

/**
 * What the panel asks when the viewer opens the waiver or decision form and their right is not known:
 * one call as the viewer (are they a Jira admin?) unless they are the pilot's production owner.
 */
export async function governanceRights(request: PanelRequest): Promise<GovernanceRights> {
  const stored = await readPilotViewOfIssue(request.issueIdOrKey);
  const pilot = stored ? shownPilotOf(stored) : (await openPilot(request)).pilot;
  const may = await isAdminOrProductionOwner(request.asUser, request.accountId, pilot);
  return { canWaive: may, canDecide: may };
}
