import type { PilotView } from '../../ui-contract';
import { UserFacingError } from '../errors';
import { generatePilotWork } from '../generation';
import { readConfig } from '../../storage/config';
import { isDecider, mayEditPilot } from '../permissions';
import { openPilot, recomputedView, type PanelRequest } from './pilot-panel';

/** Runs generation again for what is missing; nothing existing is created twice. */
export async function retryGeneration(request: PanelRequest): Promise<PilotView> {
  const { pilot } = await openPilot(request);
  await generatePilotWork(pilot.id, request.now, `retry-${pilot.id}-${request.now.getTime()}`);
  return recomputedView(request, pilot, 'Generation was retried');
}

/**
 * Restores the workstreams and reviews deleted in Jira (product.md §14): generation lays out again
 * what the pilot lacks, under its lease, so a repeat or a concurrent restore creates nothing twice.
 * For anyone who may edit the pilot (its project manager) or a decider, asked of Jira as the viewer.
 */
export async function restoreMissingWork(request: PanelRequest): Promise<PilotView> {
  const { pilot } = await openPilot(request);
  const allowed =
    (await mayEditPilot(request.asUser, pilot)) ||
    (await isDecider(request.asUser, request.accountId, (await readConfig()).reviewBoard));
  if (!allowed)
    throw new UserFacingError(
      'no-permission',
      `Only someone who may edit ${pilot.key}, or a decider, can restore its workstreams and reviews.`,
    );
  await generatePilotWork(pilot.id, request.now, `restore-${pilot.id}-${request.now.getTime()}`);
  return recomputedView(request, pilot, 'The missing workstreams and reviews were restored');
}
