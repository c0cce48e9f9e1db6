import { z } from 'zod';
import { dataSourceListSchema } from '../../domain/data-sources';
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import { definedMetrics, successMetricListSchema } from '../../domain/success-metrics';
import type { ProductionSpec, ProductionSpecEntry } from '../../domain/types';
import { PilotGateway } from '../../jira/pilots';
import type { PilotView } from '../../ui-contract';
import { invalidInput } from '../errors';
import { openPilot, recomputedView, type PanelRequest } from './pilot-panel';

/** Each entry of the production spec (diagnostic question 4); Jira stores the four in one property. */
export const SPEC_ENTRY_MAX_LENGTH = 1000;
const SPEC_ENTRIES = [
  'latency',
  'availability',
  'rollback',
  'monitoring',
] as const satisfies readonly ProductionSpecEntry[];
const SPEC_PARTS = [...SPEC_ENTRIES, 'dataSources', 'successMetrics'] as const;
const specText = z
  .string({ error: 'Write this entry as text' })
  .trim()
  .max(SPEC_ENTRY_MAX_LENGTH, `Keep it to ${SPEC_ENTRY_MAX_LENGTH} characters or fewer`)
  .optional();
/**
 * An edit of the production spec: the parts sent replace the stored ones (an empty text clears an
 * entry, an empty list clears a list), the parts left out keep what is stored. An edit that sends no
 * part at all (`{}`, `null`) is refused, so it can never wipe the spec by accident.
 */
const productionSpecSchema = z
  .strictObject(
    {
      latency: specText,
      availability: specText,
      rollback: specText,
      monitoring: specText,
      dataSources: dataSourceListSchema.optional(),
      successMetrics: successMetricListSchema.optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'Only latency, availability, rollback, monitoring, data sources and success metrics can be saved'
          : 'Send the production spec as latency, availability, rollback and monitoring entries, data sources and success metrics',
    },
  )
  .refine((spec) => SPEC_PARTS.some((part) => spec[part] !== undefined), {
    error:
      'Nothing to save: send at least one of latency, availability, rollback, monitoring, data sources or success metrics',
  });

/**
 * The production spec (diagnostic questions 2 and 4, the success metrics of §15), written as the
 * viewer (Jira checks edit rights). A success metric keeps the day it was defined while its name,
 * target and unit stay as they were.
 */
export async function saveProductionSpec(request: PanelRequest, payload: unknown): Promise<PilotView> {
  const spec = productionSpecSchema.safeParse(payload);
  if (!spec.success)
    throw invalidInput(spec.error, 'The production spec was not saved: fix the marked entries.');
  const { pilot, provisioning } = await openPilot(request);
  const stored = pilot.productionSpec;
  const merged: ProductionSpec = {
    ...Object.fromEntries(SPEC_ENTRIES.map((entry) => [entry, spec.data[entry] ?? stored[entry] ?? ''])),
    dataSources: spec.data.dataSources ?? stored.dataSources ?? [],
    successMetrics: spec.data.successMetrics
      ? definedMetrics(
          spec.data.successMetrics,
          stored.successMetrics ?? [],
          siteToday(request.now, siteTimeZone(provisioning)),
        )
      : (stored.successMetrics ?? []),
  };
  await new PilotGateway(request.asUser, provisioning).writeProductionSpec(pilot.id, merged);
  return recomputedView(request, pilot, 'The production spec was saved');
}
