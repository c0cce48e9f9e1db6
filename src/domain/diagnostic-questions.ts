/**
 * The seven questions of the purgatory diagnostic (product.md §8), by id and in their order: the
 * domain answers them (diagnostic.ts) and the panels show them as written here.
 */
export const DIAGNOSTIC_QUESTION_TEXT = {
  1: 'A named production owner exists',
  2: 'Data access has been requested',
  3: 'Security, compliance and legal are engaged',
  4: 'A written production spec exists',
  5: 'Infrastructure is provisioned or scheduled',
  6: 'A hard production date is on the calendar',
  7: 'The business committed to change management',
} as const satisfies Record<number, string>;

export type DiagnosticQuestionId = keyof typeof DIAGNOSTIC_QUESTION_TEXT;

/** The question ids, in order. */
export const DIAGNOSTIC_QUESTIONS = [1, 2, 3, 4, 5, 6, 7] as const satisfies readonly DiagnosticQuestionId[];

/** The question the review kinds marked `engagedEarly` in the template answer. */
export const REVIEWS_ENGAGED_QUESTION: DiagnosticQuestionId = 3;

/** A question's words; an id the app does not know is shown by its number. */
export function diagnosticQuestionText(id: number): string {
  return id in DIAGNOSTIC_QUESTION_TEXT
    ? DIAGNOSTIC_QUESTION_TEXT[id as DiagnosticQuestionId]
    : `Question ${id}`;
}
