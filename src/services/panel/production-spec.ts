import { z } from 'zod';
import { PilotGateway } from '../../jira/pilots';
import type { PilotView } from '../../ui-contract';
import { invalidInput } from '../errors';
import { openPilot, recomputedView, type PanelRequest } from './pilot-panel';

/** Each entry of the production spec (diagnostic question 4); Jira stores the four in one property. */
export const SPEC_ENTRY_MAX_LENGTH = 1000;
const SPEC_ENTRIES = ['latency', 'availability', 'rollback', 'monitoring'] as const;
const specText = z
  .string({ error: 'Write this entry as text' })
  .trim()
  .max(SPEC_ENTRY_MAX_LENGTH, `Keep it to ${SPEC_ENTRY_MAX_LENGTH} characters or fewer`)
  .optional();
/**
 * An edit of the production spec: the entries sent replace the stored ones (an empty text clears
 * one), the entries left out keep their stored text. An edit that sends no entry at all (`{}`, `null`)
 * is refused, so it can never wipe the spec by accident.
 */
const productionSpecSchema = z
  .strictObject(
    { latency: specText, availability: specText, rollback: specText, monitoring: specText },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'Only latency, availability, rollback and monitoring can be saved'
          : 'Send the production spec as latency, availability, rollback and monitoring entries',
    },
  )
  .refine((spec) => SPEC_ENTRIES.some((entry) => spec[entry] !== undefined), {
    error: 'Nothing to save: send at least one of latency, availability, rollback or monitoring',
  });

/** Diagnostic question 4's evidence: the production spec, written as the viewer (Jira checks edit rights). */
export async function saveProductionSpec(request: PanelRequest, payload: unknown): Promise<PilotView> {
  const spec = productionSpecSchema.safeParse(payload);
  if (!spec.success)
    throw invalidInput(spec.error, 'The production spec was not saved: fix the marked entries.');
  const { pilot, provisioning } = await openPilot(request);
  const merged = Object.fromEntries(
    SPEC_ENTRIES.map((entry) => [entry, spec.data[entry] ?? pilot.productionSpec[entry] ?? '']),
  );
  await new PilotGateway(request.asUser, provisioning).writeProductionSpec(pilot.id, merged);
  return recomputedView(request, pilot, 'The production spec was saved');
}
