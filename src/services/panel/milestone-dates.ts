import { editedMilestoneDates } from '../../domain/milestone-dates';
import { PilotGateway } from '../../jira/pilots';
import { readConfig } from '../../storage/config';
import type { PilotView } from '../../ui-contract';
import { UserFacingError } from '../errors';
import { openPilot, recomputedView, type PanelRequest } from './pilot-panel';

/**
 * The pilot's milestone target overrides, edited from the panel (product.md §14): validated against
 * the template (a milestone before the one it follows is refused, naming both), written as the viewer
 * (Jira checks they may edit the pilot), and followed at once: the recompute moves the due dates of
 * the workstreams not yet done onto the new targets.
 */
export async function saveMilestoneDates(request: PanelRequest, payload: unknown): Promise<PilotView> {
  const { pilot, provisioning } = await openPilot(request);
  const { template } = await readConfig();
  const result = editedMilestoneDates(payload, template, pilot.schedule);
  if (!result.ok)
    throw new UserFacingError(
      'invalid-input',
      'The milestone dates were not saved: fix the marked entries.',
      result.fieldErrors,
    );
  await new PilotGateway(request.asUser, provisioning).writeMilestoneOverrides(pilot.id, result.overrides);
  return recomputedView(request, pilot, 'The milestone dates were saved');
}
