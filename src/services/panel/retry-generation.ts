import type { PilotView } from '../../ui-contract';
import { generatePilotWork } from '../generation';
import { openPilot, recomputedView, type PanelRequest } from './pilot-panel';

/** Runs generation again for what is missing; nothing existing is created twice. */
export async function retryGeneration(request: PanelRequest): Promise<PilotView> {
  const { pilot } = await openPilot(request);
  await generatePilotWork(pilot.id, request.now, `retry-${pilot.id}-${request.now.getTime()}`);
  return recomputedView(request, pilot, 'Generation was retried');
}
