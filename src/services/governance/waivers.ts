import { z } from 'zod';
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import type { Waiver } from '../../domain/types';
import { validateWaiverRequest, waiversWith } from '../../domain/waivers';
import { appendAudit } from '../../storage/audit';
import { readConfig } from '../../storage/config';
import { updateGovernance } from '../../storage/governance';
import type { PilotView } from '../../ui-contract';
import { invalidInput, UserFacingError } from '../errors';
import { openPilot, recomputedView, type PanelRequest } from '../panel';
import { assertDecider } from '../permissions';
import { displayNames } from './people';

/**
 * Waives one gate criterion (product.md §7): only a decider may (§14), asked afresh on the server. The
 * waiver joins the pilot's governance by compare-and-set, so a decision or another waiver recorded
 * meanwhile is kept; an expired one leaves, and the audit log keeps each with the decider's name.
 */
export async function grantWaiver(request: PanelRequest, payload: unknown): Promise<PilotView> {
  const { pilot, provisioning } = await openPilot(request);
  const config = await readConfig();
  const today = siteToday(request.now, siteTimeZone(provisioning));
  await assertDecider(request.asUser, request.accountId, config.reviewBoard, 'grant a waiver');
  const validation = validateWaiverRequest(payload, today, config.template);
  if (!validation.ok) throw refusedWaiver(validation.errors.join('; '));
  const names = await displayNames(request.asUser, [request.accountId]);
  const grantedByName = names.get(request.accountId);
  const waiver: Waiver = {
    id: `${pilot.id}-${request.now.getTime()}`,
    ...validation.request,
    grantedBy: request.accountId,
    ...(grantedByName ? { grantedByName } : {}),
    grantedAt: request.now.toISOString(),
  };
  await updateGovernance(pilot.id, (current) => {
    const added = waiversWith(current.waivers, waiver, today);
    if (!added.ok) throw refusedWaiver(added.error);
    return { ...current, waivers: added.waivers };
  });
  await appendAudit(
    pilot.id,
    {
      at: waiver.grantedAt,
      actorAccountId: request.accountId,
      ...(grantedByName ? { actorName: grantedByName } : {}),
      action: 'waiver',
      summary: `Waived ${describeCriterion(waiver)} on ${waiver.milestone}, blocking again on ${waiver.expires}: ${waiver.reason}`,
      details: waiver,
    },
    waiver.id,
  );
  return recomputedView(request, pilot, `The waiver on ${waiver.milestone} was granted`);
}

function refusedWaiver(problems: string): UserFacingError {
  return new UserFacingError('invalid-input', `The waiver was not granted: ${problems}.`, { form: problems });
}

const revokeSchema = z
  .object({ waiverId: z.string().trim().min(1, 'Choose the waiver to revoke').max(100, 'Not a waiver id') })
  .strict();

/** Revokes a waiver in force (product.md §7): only a decider may; audited with their name. */
export async function revokeWaiver(request: PanelRequest, payload: unknown): Promise<PilotView> {
  const parsed = revokeSchema.safeParse(payload);
  if (!parsed.success) throw invalidInput(parsed.error, 'No waiver was revoked: choose one in force.');
  const { pilot } = await openPilot(request);
  const config = await readConfig();
  await assertDecider(request.asUser, request.accountId, config.reviewBoard, 'revoke a waiver');
  const { waiverId } = parsed.data;
  let revoked: Waiver | undefined;
  await updateGovernance(pilot.id, (current) => {
    revoked = current.waivers.find((waiver) => waiver.id === waiverId);
    if (!revoked) {
      throw new UserFacingError(
        'not-found',
        `No waiver ${waiverId} is in force on ${pilot.key}: it was revoked or expired meanwhile. Reload the panel.`,
      );
    }
    return { ...current, waivers: current.waivers.filter((waiver) => waiver.id !== waiverId) };
  });
  const names = await displayNames(request.asUser, [request.accountId]);
  const actorName = names.get(request.accountId);
  const waiver = revoked as Waiver;
  await appendAudit(
    pilot.id,
    {
      at: request.now.toISOString(),
      actorAccountId: request.accountId,
      ...(actorName ? { actorName } : {}),
      action: 'waiver-revoked',
      summary: `Revoked the waiver of ${describeCriterion(waiver)} on ${waiver.milestone} (granted by ${waiver.grantedByName ?? 'a decider'}, blocking again on ${waiver.expires}): the gate counts it again from now.`,
      details: waiver,
    },
    `${waiver.id}-revoked`,
  );
  return recomputedView(request, pilot, 'The waiver was revoked');
}

function describeCriterion(waiver: Waiver): string {
  switch (waiver.criterion.type) {
    case 'workstream':
      return `workstream ${waiver.criterion.row}`;
    case 'review':
      return `the ${waiver.criterion.kind} review`;
    case 'reviews':
      return 'every review';
    case 'data-access':
      return 'data access';
  }
}
