/**
 * After go-live (product.md §15): 90 days after `production-go-live` first passes, a decider records a
 * value review (delivering, partly, not delivering) with the measured value of each success metric the
 * production spec set. A pilot past go-live + 90 days without one is flagged like a kill-list pilot.
 * The review may be recorded from day 90 on; the flag shows from day 91 ("past" the 90 days, as the
 * kill clock's `daysSinceDemo > 90`). A later review replaces the verdict; each is kept (bounded).
 */
import { z } from 'zod';
import { calendarDaysFromTo, plusDays } from './iso-date';
import { MAX_SUCCESS_METRICS, metricValueSchema, normalizedMetricName } from './success-metrics';
import type {
  GateResult,
  IsoDate,
  MeasuredValue,
  OwnershipTemplate,
  PilotSnapshot,
  ReadinessDocument,
  SuccessMetric,
  ValueOutcome,
  ValueReviewRecord,
  ValueReviewState,
} from './types';

/** Days after go-live a value review is due (product.md §15). */
export const VALUE_REVIEW_DAYS = 90;
/** Reviews kept per pilot: years of quarterly re-reviews, far below one storage value. */
export const VALUE_REVIEWS_KEPT = 12;
export const VALUE_NOTE_MAX_LENGTH = 2000;
/** The milestone whose gate is go-live; a template without it goes live at its last milestone. */
export const GO_LIVE_MILESTONE = 'production-go-live';

export const VALUE_OUTCOMES = [
  'delivering',
  'partly',
  'not-delivering',
] as const satisfies readonly ValueOutcome[];

/** Each outcome in words, for a heading and inside a sentence. */
export const VALUE_OUTCOME_LABELS: Readonly<Record<ValueOutcome, string>> = {
  delivering: 'Delivering value',
  partly: 'Partly delivering',
  'not-delivering': 'Not delivering',
};

export function goLiveMilestone(template: Pick<OwnershipTemplate, 'milestones'>): string | null {
  if (template.milestones.some((milestone) => milestone.key === GO_LIVE_MILESTONE)) return GO_LIVE_MILESTONE;
  return template.milestones[template.milestones.length - 1]?.key ?? null;
}

/** The day go-live first passed: as the history kept it, else today when the gate passes now. */
export function goLiveDateOf(
  snapshot: Pick<PilotSnapshot, 'goLiveDate'>,
  gates: readonly GateResult[],
  template: Pick<OwnershipTemplate, 'milestones'>,
  today: IsoDate,
): IsoDate | null {
  if (snapshot.goLiveDate) return snapshot.goLiveDate;
  const milestone = goLiveMilestone(template);
  return gates.some((gate) => gate.milestone === milestone && gate.passed) ? today : null;
}

/** The latest review (by day; the later recorded of a day wins). */
export function latestValueReview(reviews: readonly ValueReviewRecord[]): ValueReviewRecord | null {
  return reviews.reduce<ValueReviewRecord | null>(
    (latest, review) =>
      latest === null || calendarDaysFromTo(latest.reviewedOn, review.reviewedOn) >= 0 ? review : latest,
    null,
  );
}

const NOT_LIVE: ValueReviewState = {
  status: 'not-live',
  goLiveDate: null,
  opensOn: null,
  outcome: null,
  reviewedOn: null,
};

/** The value review a stored readiness carries; one stored before reviews existed is not live. */
export function storedValueReview(
  document: Partial<Pick<ReadinessDocument, 'valueReview'>>,
): ValueReviewState {
  return document.valueReview ?? NOT_LIVE;
}

/** Where the pilot stands with its value review on `today`. */
export function valueReviewState(
  goLiveDate: IsoDate | null,
  reviews: readonly ValueReviewRecord[],
  today: IsoDate,
): ValueReviewState {
  if (goLiveDate === null) return NOT_LIVE;
  const opensOn = plusDays(goLiveDate, VALUE_REVIEW_DAYS);
  const latest = latestValueReview(reviews);
  if (latest) {
    return {
      status: 'reviewed',
      goLiveDate,
      opensOn,
      outcome: latest.outcome,
      reviewedOn: latest.reviewedOn,
    };
  }
  const past = calendarDaysFromTo(goLiveDate, today) > VALUE_REVIEW_DAYS;
  return { status: past ? 'due' : 'awaiting', goLiveDate, opensOn, outcome: null, reviewedOn: null };
}

/** Whether a value review may be recorded on `today`: from go-live + 90 days on, again after one. */
export function valueReviewOpen(state: ValueReviewState, today: IsoDate): boolean {
  return state.opensOn !== null && calendarDaysFromTo(state.opensOn, today) >= 0;
}

/** Why a value review cannot be recorded today, in words; null when it can. */
export function valueReviewRefusal(pilotKey: string, state: ValueReviewState, today: IsoDate): string | null {
  if (state.goLiveDate === null)
    return `${pilotKey} has not gone live: a value review follows ${VALUE_REVIEW_DAYS} days after production go-live passes.`;
  if (!valueReviewOpen(state, today))
    return `${pilotKey} went live on ${state.goLiveDate}: its value review opens on ${state.opensOn}.`;
  return null;
}

/** What a decider sends: the outcome, each success metric's measured value, a note. */
export interface ValueReviewInput {
  outcome: ValueOutcome;
  measured: Array<{ metric: string; value: number }>;
  note: string;
}

const MISSING_OUTCOME = 'Choose delivering, partly or not delivering';

/**
 * The review's schema for a pilot with these success metrics: every metric measured once, none that
 * is not one of them; messages name the metric.
 */
export function valueReviewSchemaFor(metrics: readonly SuccessMetric[]) {
  return z
    .strictObject(
      {
        outcome: z.enum(VALUE_OUTCOMES, { error: MISSING_OUTCOME }),
        measured: z
          .array(
            z.strictObject(
              { metric: z.string({ error: 'Name the metric measured' }), value: z.unknown() },
              { error: 'Send each measured value as a metric and a value' },
            ),
            { error: 'Send the measured values as a list' },
          )
          .max(MAX_SUCCESS_METRICS, 'Send one measured value per success metric')
          .default([]),
        note: z
          .string({ error: 'Write the note as text' })
          .trim()
          .max(VALUE_NOTE_MAX_LENGTH, `Keep the note to ${VALUE_NOTE_MAX_LENGTH} characters or fewer`)
          .default(''),
      },
      { error: 'Send the value review as an outcome, the measured values and a note' },
    )
    .superRefine((review, context) => {
      const known = new Map(metrics.map((metric) => [normalizedMetricName(metric.name), metric]));
      const seen = new Set<string>();
      for (const entry of review.measured) {
        const name = normalizedMetricName(entry.metric);
        if (!known.has(name))
          context.addIssue({
            code: 'custom',
            path: ['measured'],
            message: `"${entry.metric}" is not a success metric of this pilot`,
          });
        else if (seen.has(name))
          context.addIssue({
            code: 'custom',
            path: ['measured'],
            message: `${entry.metric} is measured twice`,
          });
        seen.add(name);
        const value = metricValueSchema(`measured value of ${entry.metric}`).safeParse(entry.value);
        if (!value.success)
          context.addIssue({
            code: 'custom',
            path: ['measured'],
            message: value.error.issues[0]?.message ?? '',
          });
      }
      for (const metric of metrics)
        if (!seen.has(normalizedMetricName(metric.name)))
          context.addIssue({
            code: 'custom',
            path: ['measured'],
            message: `Give the measured value of ${metric.name}`,
          });
    })
    .transform((review): ValueReviewInput => ({
      outcome: review.outcome,
      note: review.note,
      measured: review.measured.map((entry) => ({ metric: entry.metric, value: entry.value as number })),
    }));
}

/** The review as recorded: each measured value beside its metric's target and unit as they are today. */
export function valueReviewRecord(
  input: ValueReviewInput,
  metrics: readonly SuccessMetric[],
  reviewer: { accountId: string; displayName?: string },
  today: IsoDate,
): ValueReviewRecord {
  const measured = metrics.flatMap((metric): MeasuredValue[] => {
    const entry = input.measured.find(
      (candidate) => normalizedMetricName(candidate.metric) === normalizedMetricName(metric.name),
    );
    return entry
      ? [{ metric: metric.name, target: metric.target, unit: metric.unit, measured: entry.value }]
      : [];
  });
  return {
    outcome: input.outcome,
    measured,
    note: input.note,
    reviewedBy: reviewer.accountId,
    ...(reviewer.displayName ? { reviewedByName: reviewer.displayName } : {}),
    reviewedOn: today,
  };
}

/**
 * The reviews after recording one: a retry of the latest (the same review by the same person on the
 * same day) changes nothing (null); the oldest fall off past VALUE_REVIEWS_KEPT.
 */
export function withValueReview(
  reviews: readonly ValueReviewRecord[],
  record: ValueReviewRecord,
): ValueReviewRecord[] | null {
  const last = reviews[reviews.length - 1];
  if (last && JSON.stringify(last) === JSON.stringify(record)) return null;
  return [...reviews, record].slice(-VALUE_REVIEWS_KEPT);
}

/** The funnel's last row: pilots whose latest value review says they deliver value. */
export function deliveringValueCount(states: ReadonlyArray<Pick<ValueReviewState, 'outcome'>>): number {
  return states.filter((state) => state.outcome === 'delivering').length;
}
