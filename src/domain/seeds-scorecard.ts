/**
 * The seeds' scorecard (product.md §15): the seven diagnostic answers read the way the seed pilots were
 * read. How many are yes, and the one next step that count implies: with few yes answers the pilot is
 * heading to purgatory whatever else it has; with enough of them, a missing production owner is what
 * keeps it there.
 */
import { DIAGNOSTIC_QUESTIONS } from './diagnostic-questions';
import type { DiagnosticAnswer } from './types';

/** At most this many yes answers: heading to purgatory. */
export const SEEDS_PURGATORY_MAX_YES = 3;
/** The question a production owner answers (product.md §8, question 1). */
export const PRODUCTION_OWNER_QUESTION = 1;

export type SeedsNextStep = 'fix-no-answers' | 'name-production-owner' | 'keep-going' | 'none';

/** Each next step in the words the panels show; `none` (seven yes) shows no step at all. */
export const SEEDS_NEXT_STEP_WORDS: Readonly<Record<SeedsNextStep, string | null>> = {
  'fix-no-answers': 'heading to purgatory: fix the no answers',
  'name-production-owner': 'name a production owner now',
  'keep-going': 'keep going: fix the remaining no answers',
  none: null,
};

export interface SeedsScorecard {
  /** Questions answered yes. */
  yes: number;
  /** Questions asked. */
  questions: number;
  step: SeedsNextStep;
  /** The step in words ("name a production owner now"); null when every answer is yes. */
  nextStep: string | null;
  /** The step cannot wait: the pilot is heading to purgatory, or nobody owns its way to production. */
  urgent: boolean;
}

function nextStepOf(yes: number, hasProductionOwner: boolean, questions: number): SeedsNextStep {
  if (yes <= SEEDS_PURGATORY_MAX_YES) return 'fix-no-answers';
  if (!hasProductionOwner) return 'name-production-owner';
  return yes === questions ? 'none' : 'keep-going';
}

/**
 * The scorecard of a pilot's answers. A question without an answer counts as no (an answer the app
 * does not ask about is ignored), so a partial reading never looks better than it is.
 */
export function seedsScorecard(answers: ReadonlyArray<Pick<DiagnosticAnswer, 'id' | 'yes'>>): SeedsScorecard {
  const answeredYes = new Set(answers.filter((answer) => answer.yes).map((answer) => answer.id));
  const yes = DIAGNOSTIC_QUESTIONS.filter((id) => answeredYes.has(id)).length;
  const questions = DIAGNOSTIC_QUESTIONS.length;
  const step = nextStepOf(yes, answeredYes.has(PRODUCTION_OWNER_QUESTION), questions);
  return {
    yes,
    questions,
    step,
    nextStep: SEEDS_NEXT_STEP_WORDS[step],
    urgent: step === 'fix-no-answers' || step === 'name-production-owner',
  };
}
