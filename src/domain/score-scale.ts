/**
 * The readiness score is a whole number from 0 to MAX_SCORE (product.md §5): the template's three
 * weights are its points and add up to it. Kept apart from template.ts (zod) so the Custom UI can
 * draw its scale from the same number.
 */
export const MAX_SCORE = 100;
