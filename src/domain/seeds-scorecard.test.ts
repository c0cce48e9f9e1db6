import { DEFAULT_TEMPLATE } from './default-template';
import { runDiagnostic } from './diagnostic';
import { seedsScorecard, type SeedsNextStep } from './seeds-scorecard';
import { freshPilot, readyPilot } from './test-support/snapshots';

/** Answers with exactly the given questions answered yes. */
function yesTo(...ids: number[]) {
  return [1, 2, 3, 4, 5, 6, 7].map((id) => ({ id, yes: ids.includes(id) }));
}

describe('seedsScorecard (§15)', () => {
  test.each<[string, number[], number, SeedsNextStep, string | null, boolean]>([
    ['no yes at all', [], 0, 'fix-no-answers', 'heading to purgatory: fix the no answers', true],
    ['3 yes, owner named', [1, 2, 3], 3, 'fix-no-answers', 'heading to purgatory: fix the no answers', true],
    ['3 yes, no owner', [2, 3, 4], 3, 'fix-no-answers', 'heading to purgatory: fix the no answers', true],
    ['4 yes, no owner', [2, 3, 4, 5], 4, 'name-production-owner', 'name a production owner now', true],
    ['6 yes, no owner', [2, 3, 4, 5, 6, 7], 6, 'name-production-owner', 'name a production owner now', true],
    ['4 yes with an owner', [1, 2, 3, 4], 4, 'keep-going', 'keep going: fix the remaining no answers', false],
    [
      '6 yes with an owner',
      [1, 2, 3, 4, 5, 6],
      6,
      'keep-going',
      'keep going: fix the remaining no answers',
      false,
    ],
    ['all seven yes', [1, 2, 3, 4, 5, 6, 7], 7, 'none', null, false],
  ])('%s', (_label, yes, count, step, words, urgent) => {
    expect(seedsScorecard(yesTo(...yes))).toEqual({
      yes: count,
      questions: 7,
      step,
      nextStep: words,
      urgent,
    });
  });

  it('counts a question without an answer as no', () => {
    const answers = yesTo(1, 2, 3, 4).filter((answer) => answer.id !== 4);
    expect(seedsScorecard(answers)).toMatchObject({ yes: 3, step: 'fix-no-answers' });
  });

  it('ignores answers to questions it does not ask, and counts a question answered twice once', () => {
    const answers = [...yesTo(1, 2, 3), { id: 8, yes: true }, { id: 3, yes: true }];
    expect(seedsScorecard(answers)).toMatchObject({ yes: 3, step: 'fix-no-answers' });
  });

  it('reads the canonical pilots: a fresh pilot heads to purgatory, a ready one has no step left', () => {
    expect(seedsScorecard(runDiagnostic(freshPilot(), DEFAULT_TEMPLATE).answers)).toMatchObject({
      yes: 0,
      step: 'fix-no-answers',
    });
    expect(seedsScorecard(runDiagnostic(readyPilot(), DEFAULT_TEMPLATE).answers)).toMatchObject({
      yes: 7,
      step: 'none',
      nextStep: null,
    });
  });
});
