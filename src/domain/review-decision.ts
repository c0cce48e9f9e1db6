/**
 * The kill-list review decision (product.md §9): accelerate, pause or kill, each with what it
 * needs. "Continue as before" is not an outcome, so the form cannot be submitted without one.
 */
import { z } from 'zod';
import { calendarDaysFromTo, isoDateField, requiredText } from './iso-date';
import { MAX_ENGINEERING_WEEKS, MAX_MONTHLY_COMPUTE_COST } from './kill-budget';
import type { IsoDate, KillBudget, ReviewDecision, ReviewDecisionRecord } from './types';

export const REVIEW_OUTCOMES = ['accelerate', 'pause', 'kill'] as const;

/** A decision's texts are a few sentences in the audit log and a comment, not documents. */
export const DECISION_TEXT_MAX_LENGTH = 2000;

const OWNER_MISSING = 'Name the owner who takes the pilot to production';

export { MAX_ENGINEERING_WEEKS, MAX_MONTHLY_COMPUTE_COST };
const CURRENCY = /^[A-Za-z$€£¥₹]{1,8}$/;

function budgetAmount(what: string, max: number) {
  return z
    .number({ error: `The ${what} must be a number` })
    .min(0, { error: `The ${what} cannot be negative` })
    .max(max, { error: `The ${what} is more than ${max.toLocaleString('en')}: check the figure` })
    .optional();
}

function decisionText(missing: string, what: string) {
  return requiredText(missing).max(DECISION_TEXT_MAX_LENGTH, {
    error: `The ${what} is too long: keep it to ${DECISION_TEXT_MAX_LENGTH} characters or fewer`,
  });
}

export const MISSING_OUTCOME_MESSAGE =
  "Choose accelerate, pause or kill; 'continue as before' is not an outcome";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function outcomeMessage(input: unknown): string {
  const outcome = isRecord(input) ? input.outcome : undefined;
  if (outcome === undefined || outcome === null || (typeof outcome === 'string' && outcome.trim() === '')) {
    return MISSING_OUTCOME_MESSAGE;
  }
  return `Unknown outcome "${String(outcome)}": choose accelerate, pause or kill`;
}

function resumptionDateField(today: IsoDate | undefined) {
  const date = isoDateField({
    missing: 'Set the resumption date',
    invalid: 'The resumption date must be a valid date (YYYY-MM-DD)',
  });
  if (today === undefined) return date;
  return date.refine((resumption) => calendarDaysFromTo(today, resumption) > 0, {
    error: `The resumption date must be in the future (after ${today})`,
  });
}

/**
 * The decision schema. With `today` it also requires a pause's resumption date to be after today;
 * without it (reviewDecisionSchema) it checks the shape only.
 */
export function reviewDecisionSchemaOn(today?: IsoDate) {
  const outcomes = z.discriminatedUnion(
    'outcome',
    [
      z.object({
        outcome: z.literal('accelerate'),
        ownerAccountId: z
          .string({ error: OWNER_MISSING })
          .trim()
          .min(1, { error: OWNER_MISSING, abort: true })
          .regex(/^[A-Za-z0-9:_-]{1,128}$/, 'This is not a Jira account id: choose the owner from the list'),
        resourcingNote: decisionText(
          'Describe the dedicated resourcing (who, how much of their time, from when)',
          'resourcing note',
        ),
      }),
      z.object({
        outcome: z.literal('pause'),
        rationale: decisionText('Write the rationale for the pause', 'rationale'),
        resumptionDate: resumptionDateField(today),
        resumptionCondition: decisionText(
          'State the condition for resuming the pilot',
          'resumption condition',
        ),
      }),
      z
        .object({
          outcome: z.literal('kill'),
          reason: decisionText('Give the reason for killing the pilot', 'reason'),
          engineeringWeeks: budgetAmount('engineering weeks freed', MAX_ENGINEERING_WEEKS),
          monthlyComputeCost: budgetAmount('monthly compute cost freed', MAX_MONTHLY_COMPUTE_COST),
          computeCurrency: z
            .string()
            .trim()
            .regex(CURRENCY, 'Name the currency in up to 8 letters, such as USD or EUR')
            .optional(),
        })
        .refine((kill) => kill.monthlyComputeCost === undefined || kill.computeCurrency !== undefined, {
          error: 'Name the currency of the monthly compute cost, such as USD',
          path: ['computeCurrency'],
        }),
    ],
    { error: (issue) => outcomeMessage(issue.input) },
  );
  const trimOutcome = (input: unknown): unknown =>
    isRecord(input) && typeof input.outcome === 'string'
      ? { ...input, outcome: input.outcome.trim() }
      : input;
  return z.preprocess(trimOutcome, outcomes);
}

export const reviewDecisionSchema = reviewDecisionSchemaOn();

/** Decisions a pilot keeps (the kill clock needs only the latest); older ones are in the audit log. */
export const DECISIONS_KEPT = 10;

/** The decisions with a new one recorded, the oldest beyond DECISIONS_KEPT left to the audit log. */
export function decisionsWith(
  decisions: readonly ReviewDecisionRecord[],
  record: ReviewDecisionRecord,
): ReviewDecisionRecord[] {
  return [...decisions, record].slice(-DECISIONS_KEPT);
}

export type ReviewDecisionValidation =
  { ok: true; decision: ReviewDecision } | { ok: false; errors: string[] };

/** Every problem at once, trimmed values on success; blank text counts as missing. */
export function validateReviewDecision(input: unknown, today: IsoDate): ReviewDecisionValidation {
  const parsed = reviewDecisionSchemaOn(today).safeParse(input);
  if (parsed.success) return { ok: true, decision: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
}

/** A person's text as a sentence: a full stop added unless it already ends as a sentence does. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]["')\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The decision in words, for the audit log and the comment on the pilot; names by account id. */
export function describeDecision(decision: ReviewDecision, names: ReadonlyMap<string, string>): string {
  switch (decision.outcome) {
    case 'accelerate': {
      const owner = names.get(decision.ownerAccountId) ?? decision.ownerAccountId;
      return `Accelerate. Owner: ${sentence(owner)} Dedicated resourcing: ${sentence(decision.resourcingNote)}`;
    }
    case 'pause':
      return `Pause until ${decision.resumptionDate}. Rationale: ${sentence(decision.rationale)} Resume when: ${sentence(decision.resumptionCondition)}`;
    case 'kill': {
      const freed = describeBudget(decision);
      return `Kill. Reason: ${sentence(decision.reason)}${freed ? ` Frees ${freed}.` : ''}`;
    }
  }
}

/** "12 engineering weeks and 4,000 USD of compute a month", or null when no budget was given. */
export function describeBudget(budget: KillBudget): string | null {
  const parts = [
    ...(budget.engineeringWeeks !== undefined
      ? [
          `${budget.engineeringWeeks.toLocaleString('en')} engineering week${budget.engineeringWeeks === 1 ? '' : 's'}`,
        ]
      : []),
    ...(budget.monthlyComputeCost !== undefined
      ? [
          `${budget.monthlyComputeCost.toLocaleString('en')} ${budget.computeCurrency ?? ''} of compute a month`.replace(
            '  ',
            ' ',
          ),
        ]
      : []),
  ];
  return parts.length === 0 ? null : parts.join(' and ');
}
