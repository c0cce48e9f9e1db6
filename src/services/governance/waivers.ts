import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import type { Waiver } from '../../domain/types';
import { validateWaiverRequest } from '../../domain/waivers';
import { appendAudit } from '../../storage/audit';
import { readConfig } from '../../storage/config';
import { readGovernance, writeGovernance } from '../../storage/governance';
import type { PilotView } from '../../ui-contract';
import { UserFacingError } from '../errors';
import { openPilot, recomputedView, type PanelRequest } from '../panel';
import { isAdminOrProductionOwner } from '../permissions';

/** Waives one gate criterion (product.md §7); only an admin or the pilot's production owner may. */
export async function grantWaiver(request: PanelRequest, payload: unknown): Promise<PilotView> {
  const { pilot, provisioning } = await openPilot(request);
  const config = await readConfig();
  const today = siteToday(request.now, siteTimeZone(provisioning));
  if (!(await isAdminOrProductionOwner(request.asUser, request.accountId, pilot))) {
    throw new UserFacingError(
      'no-permission',
      "Only a Jira admin or the pilot's production owner can grant a waiver.",
    );
  }
  const validation = validateWaiverRequest(payload, today, config.template);
  if (!validation.ok) {
    throw new UserFacingError(
      'invalid-input',
      `The waiver was not granted: ${validation.errors.join('; ')}.`,
      {
        form: validation.errors.join('; '),
      },
    );
  }
  const waiver: Waiver = {
    id: `${pilot.id}-${request.now.getTime()}`,
    ...validation.request,
    grantedBy: request.accountId,
    grantedAt: request.now.toISOString(),
  };
  const governance = await readGovernance(pilot.id);
  await writeGovernance(pilot.id, { ...governance, waivers: [...governance.waivers, waiver] });
  await appendAudit(
    pilot.id,
    {
      at: waiver.grantedAt,
      actorAccountId: request.accountId,
      action: 'waiver',
      summary: `Waived ${describeCriterion(waiver)} on ${waiver.milestone}, blocking again on ${waiver.expires}: ${waiver.reason}`,
      details: waiver,
    },
    waiver.id,
  );
  return recomputedView(request, pilot, `The waiver on ${waiver.milestone} was granted`);
}

function describeCriterion(waiver: Waiver): string {
  return waiver.criterion.type === 'workstream'
    ? `workstream ${waiver.criterion.row}`
    : waiver.criterion.type;
}
