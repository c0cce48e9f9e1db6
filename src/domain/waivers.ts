/** Waivers of gate criteria (product.md §7): when one holds, and what a valid request is. */
import { z } from 'zod';
import { PRODUCTION_DEPLOYMENT } from './default-template';
import { gateCriteria } from './gate-criteria';
import { calendarDaysFromTo, isoDateField, isValidIsoDate, requiredText } from './iso-date';
import type { IsoDate, OwnershipTemplate, WaivableCriterion, Waiver } from './types';
import { waiverExpiryRange } from './waiver-expiry';
import {
  MAX_WAIVER_REASON_LENGTH,
  MIN_WAIVER_REASON_LENGTH,
  MIN_WAIVER_REASON_WORDS,
  wordCount,
} from './waiver-rules';

export { waiverExpiryRange } from './waiver-expiry';

/**
 * The expiry date is the first day on which the gate blocks again (product.md §7): a waiver holds
 * up to the day before it, and one expiring today no longer holds today. A malformed expiry never
 * holds.
 */
export function isWaiverActive(waiver: Pick<Waiver, 'expires'>, today: IsoDate): boolean {
  return isValidIsoDate(waiver.expires) && calendarDaysFromTo(today, waiver.expires) > 0;
}

export function activeWaivers(waivers: readonly Waiver[], today: IsoDate): Waiver[] {
  return waivers.filter((waiver) => isWaiverActive(waiver, today));
}

export function isSameCriterion(a: WaivableCriterion, b: WaivableCriterion): boolean {
  switch (a.type) {
    case 'workstream':
      return b.type === 'workstream' && a.row === b.row;
    case 'review':
      return b.type === 'review' && a.kind === b.kind;
    default:
      return a.type === b.type;
  }
}

/** Whether a waiver covers a criterion: the same one, or one review kind under a waiver of every review granted before. */
function covers(waived: WaivableCriterion, criterion: WaivableCriterion): boolean {
  return isSameCriterion(waived, criterion) || (waived.type === 'reviews' && criterion.type === 'review');
}

export function isCriterionWaived(
  waivers: readonly Waiver[],
  milestone: string,
  criterion: WaivableCriterion,
  today: IsoDate,
): boolean {
  return waivers.some(
    (waiver) =>
      waiver.milestone === milestone && covers(waiver.criterion, criterion) && isWaiverActive(waiver, today),
  );
}

export { MAX_WAIVER_REASON_LENGTH, MIN_WAIVER_REASON_LENGTH, MIN_WAIVER_REASON_WORDS };

const waivableCriterionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('workstream'), row: requiredText('Choose the workstream to waive') }),
    z.object({ type: z.literal('data-access') }),
    z.object({ type: z.literal('review'), kind: requiredText('Choose the review to waive') }),
    // Read so the refusal can say what to do instead (criterionErrors): never granted any more.
    z.object({ type: z.literal('reviews') }),
  ],
  { error: 'Choose what to waive: a workstream, data access or one review' },
);

const REASON_MISSING = 'Write the reason for the waiver';

/**
 * The shape of a waiver request from the admin page or the panel. The rules that need today or the
 * template (expiry in the past, unknown milestone, criterion on the wrong gate) are in validateWaiverRequest.
 */
export const waiverRequestSchema = z.object(
  {
    milestone: requiredText('Choose the milestone whose gate the waiver applies to'),
    criterion: waivableCriterionSchema,
    reason: z
      .string({ error: REASON_MISSING })
      .trim()
      .min(1, { error: REASON_MISSING, abort: true })
      .min(MIN_WAIVER_REASON_LENGTH, {
        error: `The reason is too short: write at least ${MIN_WAIVER_REASON_LENGTH} characters on why the criterion can be waived`,
        abort: true,
      })
      .max(MAX_WAIVER_REASON_LENGTH, {
        error: `The reason is too long: keep it to ${MAX_WAIVER_REASON_LENGTH} characters or fewer`,
        abort: true,
      })
      .refine((reason) => wordCount(reason) >= MIN_WAIVER_REASON_WORDS, {
        error: `The reason is too short: write a sentence of at least ${MIN_WAIVER_REASON_WORDS} words on why the criterion can be waived`,
      }),
    expires: isoDateField({
      missing: 'Set the expiry date of the waiver',
      invalid: 'The expiry date must be a valid date (YYYY-MM-DD)',
    }),
  },
  { error: 'Send a waiver request with a milestone, a criterion, a reason and an expiry date' },
);

export type WaiverRequest = z.infer<typeof waiverRequestSchema>;

export type WaiverRequestValidation = { ok: true; request: WaiverRequest } | { ok: false; errors: string[] };

function fieldOf(input: unknown, field: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[field] : undefined;
}

function expiryErrors(expires: IsoDate, today: IsoDate): string[] {
  const { earliest, latest } = waiverExpiryRange(today);
  if (calendarDaysFromTo(earliest, expires) < 0) {
    return [
      `The expiry date ${expires} is the first day the gate blocks again, so it must be after today (${today}): ${earliest} at the earliest`,
    ];
  }
  if (calendarDaysFromTo(expires, latest) < 0) {
    return [`The expiry date ${expires} is more than a year ahead: ${latest} at the latest`];
  }
  return [];
}

function milestoneErrors(milestone: string, template: OwnershipTemplate): string[] {
  if (template.milestones.some((candidate) => candidate.key === milestone)) return [];
  const known = template.milestones.map((candidate) => candidate.key).join(', ');
  return [`Unknown milestone "${milestone}": choose one of ${known}`];
}

function criterionErrors(
  criterion: WaivableCriterion,
  milestone: string | undefined,
  template: OwnershipTemplate,
): string[] {
  if (criterion.type === 'reviews') {
    return ['Waive one review at a time: choose the review kind (a waiver covers one criterion)'];
  }
  if (criterion.type === 'review' && !template.reviewKinds.some((config) => config.kind === criterion.kind)) {
    const known = template.reviewKinds.map((config) => config.kind).join(', ');
    return [`Unknown review "${criterion.kind}": choose one of ${known}`];
  }
  const row =
    criterion.type === 'workstream'
      ? template.rows.find((candidate) => candidate.key === criterion.row)
      : undefined;
  if (criterion.type === 'workstream' && row === undefined) return [`Unknown workstream "${criterion.row}"`];
  if (milestone === undefined) return [];
  if (gateCriteria(milestone, template).some((checked) => isSameCriterion(checked, criterion))) return [];
  if (row !== undefined) {
    return [
      `Workstream "${row.key}" must complete before ${row.milestone}, not ${milestone}: waive it on the ${row.milestone} gate`,
    ];
  }
  const what = criterion.type === 'data-access' ? 'Data access' : 'A review';
  return [`${what} can only be waived on the ${PRODUCTION_DEPLOYMENT} gate, not ${milestone}`];
}

/**
 * Every problem with a waiver request at once, so the form shows them together: the shape rules of
 * waiverRequestSchema, then the expiry against today and the milestone and criterion against the template.
 */
export function validateWaiverRequest(
  input: unknown,
  today: IsoDate,
  template: OwnershipTemplate,
): WaiverRequestValidation {
  const parsed = waiverRequestSchema.safeParse(input);
  const errors = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);

  const { shape } = waiverRequestSchema;
  const expires = shape.expires.safeParse(fieldOf(input, 'expires'));
  if (expires.success) errors.push(...expiryErrors(expires.data, today));
  const milestone = shape.milestone.safeParse(fieldOf(input, 'milestone'));
  let knownMilestone: string | undefined;
  if (milestone.success) {
    const unknown = milestoneErrors(milestone.data, template);
    errors.push(...unknown);
    if (unknown.length === 0) knownMilestone = milestone.data;
  }
  const criterion = shape.criterion.safeParse(fieldOf(input, 'criterion'));
  if (criterion.success) errors.push(...criterionErrors(criterion.data, knownMilestone, template));

  if (parsed.success && errors.length === 0) return { ok: true, request: parsed.data };
  return { ok: false, errors };
}

/**
 * Waivers in force on one pilot at most: one per criterion of a gate (a template has a few dozen),
 * so a pilot's governance stays a few KiB (product.md §14 "Bounded records").
 */
export const MAX_WAIVERS_IN_FORCE = 30;

export type WaiverAddition = { ok: true; waivers: Waiver[] } | { ok: false; error: string };

/**
 * The waivers with a new one: those expired leave (the audit log keeps every one); a criterion already
 * waived on that gate is refused (revoke it first), and so is one more than MAX_WAIVERS_IN_FORCE.
 */
export function waiversWith(waivers: readonly Waiver[], waiver: Waiver, today: IsoDate): WaiverAddition {
  const inForce = activeWaivers(waivers, today);
  const same = inForce.find(
    (existing) =>
      existing.milestone === waiver.milestone && isSameCriterion(existing.criterion, waiver.criterion),
  );
  if (same) {
    return {
      ok: false,
      error: `This criterion is waived already on ${waiver.milestone} until ${same.expires}: revoke that waiver first to change it`,
    };
  }
  if (inForce.length >= MAX_WAIVERS_IN_FORCE) {
    return {
      ok: false,
      error: `This pilot has ${inForce.length} waivers in force, the most it may have: revoke one first`,
    };
  }
  return { ok: true, waivers: [...inForce, waiver] };
}
