/**
 * Success metrics (product.md §15 "After go-live"): what the production system must achieve, each with a
 * target, recorded in the production spec before the demo so that the value review 90 days after
 * go-live measures against targets set before anyone knew the results. A metric keeps the day it was
 * defined; one defined (or changed) after the demo is shown with a warning, not refused: a team that
 * forgot is better off recording it late than never.
 */
import { z } from 'zod';
import { calendarDaysFromTo, isValidIsoDate } from './iso-date';
import type { IsoDate, SuccessMetric } from './types';

/** The most success metrics a spec records: a few that matter, not a dashboard. */
export const MAX_SUCCESS_METRICS = 10;
export const METRIC_NAME_MAX_LENGTH = 100;
export const METRIC_UNIT_MAX_LENGTH = 30;
/** Targets and measured values stay within what a person types (and a float stores exactly enough). */
export const METRIC_VALUE_LIMIT = 1e12;

/** What an edit sends of a metric: the app sets `definedOn`. */
export type SuccessMetricInput = Omit<SuccessMetric, 'definedOn'>;

function oneLine(what: string, max: number) {
  return z
    .string({ error: `Write the ${what} as text` })
    .trim()
    .max(max, `Keep the ${what} to ${max} characters or fewer`)
    .regex(/^[^\r\n]*$/, `Write the ${what} on one line`);
}

/** A metric's target or a measured value: a finite number a person would type. */
export function metricValueSchema(what: string) {
  return z
    .number({ error: `Give the ${what} as a number` })
    .finite(`Give the ${what} as a number`)
    .min(-METRIC_VALUE_LIMIT, `The ${what} is out of range`)
    .max(METRIC_VALUE_LIMIT, `The ${what} is out of range`);
}

const metricInputSchema = z.strictObject(
  {
    name: oneLine('name', METRIC_NAME_MAX_LENGTH).min(1, 'Name the metric'),
    target: metricValueSchema('target'),
    unit: oneLine('unit', METRIC_UNIT_MAX_LENGTH).default(''),
  },
  { error: 'Send each metric as a name, a target and a unit' },
);

export function normalizedMetricName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The metrics an edit sends: each checked, names unique (in any case), at most MAX_SUCCESS_METRICS. */
export const successMetricListSchema = z
  .array(z.unknown(), { error: 'Send the success metrics as a list' })
  .superRefine((metrics, context) => {
    if (metrics.length > MAX_SUCCESS_METRICS)
      context.addIssue({
        code: 'custom',
        message: `Record at most ${MAX_SUCCESS_METRICS} success metrics (${metrics.length} sent)`,
      });
  })
  .transform((metrics, context): SuccessMetricInput[] => {
    const parsed: SuccessMetricInput[] = [];
    const seen = new Set<string>();
    metrics.slice(0, MAX_SUCCESS_METRICS).forEach((metric, index) => {
      const checked = metricInputSchema.safeParse(metric);
      if (!checked.success) {
        context.addIssue({
          code: 'custom',
          message: `Metric ${index + 1}: ${checked.error.issues[0]?.message ?? 'not a metric'}`,
        });
        return;
      }
      const name = normalizedMetricName(checked.data.name);
      if (seen.has(name))
        context.addIssue({
          code: 'custom',
          message: `Metric ${index + 1} repeats the name "${checked.data.name}": name each metric once`,
        });
      seen.add(name);
      parsed.push(checked.data);
    });
    return parsed;
  });

/**
 * The metrics after an edit on `today`: a metric sent with the name, target and unit it already had
 * keeps the day it was defined; a new or changed one is defined today.
 */
export function definedMetrics(
  sent: readonly SuccessMetricInput[],
  stored: readonly SuccessMetric[],
  today: IsoDate,
): SuccessMetric[] {
  return sent.map((metric) => {
    const same = stored.find(
      (previous) =>
        normalizedMetricName(previous.name) === normalizedMetricName(metric.name) &&
        previous.target === metric.target &&
        previous.unit === metric.unit,
    );
    return { ...metric, definedOn: same?.definedOn ?? today };
  });
}

/**
 * The metrics as stored on the pilot, which anyone who can edit it can write by hand: only metrics an
 * edit would accept, with a real day, each name once, at most MAX_SUCCESS_METRICS.
 */
export function recordedSuccessMetrics(stored: unknown): SuccessMetric[] {
  if (!Array.isArray(stored)) return [];
  const metrics: SuccessMetric[] = [];
  const seen = new Set<string>();
  for (const entry of stored) {
    const { definedOn, ...input } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    const checked = metricInputSchema.safeParse(input);
    if (!checked.success || typeof definedOn !== 'string' || !isValidIsoDate(definedOn)) continue;
    const name = normalizedMetricName(checked.data.name);
    if (seen.has(name)) continue;
    seen.add(name);
    metrics.push({ ...checked.data, definedOn });
  }
  return metrics.slice(0, MAX_SUCCESS_METRICS);
}

/** The metrics defined after the demo day (none before the demo). */
export function metricsDefinedAfterDemo(
  metrics: readonly SuccessMetric[],
  demoDate: IsoDate | null,
): SuccessMetric[] {
  if (demoDate === null) return [];
  return metrics.filter((metric) => calendarDaysFromTo(demoDate, metric.definedOn) > 0);
}
