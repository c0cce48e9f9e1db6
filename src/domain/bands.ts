/**
 * The band words and the thresholds that decide a band (product.md §9), defined once: the domain
 * decides with them, and the Custom UI shows them as it receives them through src/ui-contract.ts.
 */
import type { ActiveBand, Band } from './types';

/** A pilot more than this many days past its demo, not graduated and undecided, is on the kill list. */
export const KILL_CLOCK_DAYS = 90;
/** An accelerate buys one more clock: the pilot is back on the kill list this many days after it. */
export const ACCELERATE_CLOCK_DAYS = KILL_CLOCK_DAYS;
/** Diagnostic *no* answers from which a pilot is heading to purgatory. */
export const PURGATORY_NO_COUNT = 3;
/** Below this score a pilot is at risk. */
export const AT_RISK_SCORE = 50;

/** The band of a pilot whose kill decision stands: an end state, after every band under way. */
export const KILLED_BAND = 'killed' as const satisfies Band;

/** The bands of pilots still under way, from the most urgent to the least (`killed` is an end state). */
export const BANDS_BY_URGENCY: readonly ActiveBand[] = ['purgatory', 'at-risk', 'on-track', 'ready'];

/** How each band is named, in a heading and inside a sentence. */
export const BAND_LABELS: Readonly<Record<Band, { title: string; words: string }>> = {
  ready: { title: 'Ready', words: 'ready' },
  'on-track': { title: 'On track', words: 'on track' },
  'at-risk': { title: 'At risk', words: 'at risk' },
  purgatory: { title: 'Purgatory', words: 'purgatory' },
  killed: { title: 'Killed', words: 'killed' },
};

/** One sentence per band saying what it means, with the thresholds that decide it. */
export const BAND_MEANING: Readonly<Record<Band, string>> = {
  ready: 'Every graduation gate passes: this pilot is ready for production.',
  'on-track': 'On track: work is moving and nothing is overdue, but gates remain before production.',
  'at-risk': `At risk: the score is below ${AT_RISK_SCORE} or a workstream is past its due date.`,
  killed:
    'Killed: a kill decision stands. The pilot and its open work were closed as not done; its score is the one it had at the kill.',
  purgatory: `In purgatory: ${PURGATORY_NO_COUNT} or more diagnostic answers are "no", or the pilot is past ${KILL_CLOCK_DAYS} days since its demo without a review decision.`,
};
