/**
 * What a waiver's reason must be (product.md §7: a written reason): a sentence on why the criterion can
 * be waived and what covers the risk meanwhile, not a word ("ok, waived", a ten-letter placeholder).
 * Free of zod, so the waiver form says the same as the server.
 */
export const MIN_WAIVER_REASON_LENGTH = 30;
export const MIN_WAIVER_REASON_WORDS = 5;
/** A reason is a few sentences in the audit log, not a document (and a pilot's waivers stay small). */
export const MAX_WAIVER_REASON_LENGTH = 1000;

/** Words with a letter or a digit in them: "—" or "..." are no words. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
