import {
  DECISIONS_KEPT,
  decisionsWith,
  describeDecision,
  reviewDecisionSchema,
  validateReviewDecision,
} from './review-decision';

const TODAY = '2026-06-01';
const MISSING_OUTCOME = "Choose accelerate, pause or kill; 'continue as before' is not an outcome";

describe('validateReviewDecision: valid decisions', () => {
  test.each([
    [
      'accelerate',
      {
        outcome: 'accelerate',
        ownerAccountId: ' 5b10a2844c20165700ede21g ',
        resourcingNote: ' Two engineers from July ',
      },
      {
        outcome: 'accelerate',
        ownerAccountId: '5b10a2844c20165700ede21g',
        resourcingNote: 'Two engineers from July',
      },
    ],
    [
      'pause resuming tomorrow',
      {
        outcome: 'pause',
        rationale: 'Data platform migration first',
        resumptionDate: ' 2026-06-02 ',
        resumptionCondition: 'Migration done',
      },
      {
        outcome: 'pause',
        rationale: 'Data platform migration first',
        resumptionDate: '2026-06-02',
        resumptionCondition: 'Migration done',
      },
    ],
    [
      'kill',
      { outcome: ' kill ', reason: 'No business case', extra: 'dropped' },
      { outcome: 'kill', reason: 'No business case' },
    ],
  ])('%s (trimmed, unknown fields dropped)', (_label, input, decision) => {
    expect(validateReviewDecision(input, TODAY)).toEqual({ ok: true, decision });
  });
});

describe('validateReviewDecision: what the form refuses', () => {
  const pause = {
    outcome: 'pause',
    rationale: 'Data platform migration first',
    resumptionDate: '2026-09-01',
    resumptionCondition: 'Migration done',
  };

  test.each([
    ['no outcome', {}, [MISSING_OUTCOME]],
    ['a blank outcome', { outcome: '  ', reason: 'x' }, [MISSING_OUTCOME]],
    ['a null outcome', { outcome: null }, [MISSING_OUTCOME]],
    ['no input at all', undefined, [MISSING_OUTCOME]],
    [
      '"continue as before"',
      { outcome: 'continue' },
      ['Unknown outcome "continue": choose accelerate, pause or kill'],
    ],
    [
      'an outcome in the wrong case',
      { outcome: 'Kill', reason: 'x' },
      ['Unknown outcome "Kill": choose accelerate, pause or kill'],
    ],
    [
      'accelerate without owner',
      { outcome: 'accelerate', resourcingNote: 'Two engineers' },
      ['Name the owner who takes the pilot to production'],
    ],
    [
      'accelerate with a blank owner and no resourcing note',
      { outcome: 'accelerate', ownerAccountId: ' ' },
      [
        'Name the owner who takes the pilot to production',
        'Describe the dedicated resourcing (who, how much of their time, from when)',
      ],
    ],
    ['pause without rationale', { ...pause, rationale: '' }, ['Write the rationale for the pause']],
    [
      'pause without resumption condition',
      { ...pause, resumptionCondition: undefined },
      ['State the condition for resuming the pilot'],
    ],
    ['pause without resumption date', { ...pause, resumptionDate: undefined }, ['Set the resumption date']],
    [
      'pause resuming today',
      { ...pause, resumptionDate: TODAY },
      ['The resumption date must be in the future (after 2026-06-01)'],
    ],
    [
      'pause resuming yesterday',
      { ...pause, resumptionDate: '2026-05-31' },
      ['The resumption date must be in the future (after 2026-06-01)'],
    ],
    [
      'pause resuming on an impossible date',
      { ...pause, resumptionDate: '2026-06-31' },
      ['The resumption date must be a valid date (YYYY-MM-DD)'],
    ],
    [
      'pause resuming "next quarter"',
      { ...pause, resumptionDate: 'next quarter' },
      ['The resumption date must be a valid date (YYYY-MM-DD)'],
    ],
    [
      'pause with nothing filled in',
      { outcome: 'pause' },
      [
        'Write the rationale for the pause',
        'Set the resumption date',
        'State the condition for resuming the pilot',
      ],
    ],
    [
      'pause in the past and without rationale',
      { ...pause, rationale: ' ', resumptionDate: '2026-01-01' },
      ['Write the rationale for the pause', 'The resumption date must be in the future (after 2026-06-01)'],
    ],
    ['kill without reason', { outcome: 'kill' }, ['Give the reason for killing the pilot']],
    [
      'kill with a blank reason',
      { outcome: 'kill', reason: '\n\t ' },
      ['Give the reason for killing the pilot'],
    ],
    [
      'kill with a reason of 2001 characters',
      { outcome: 'kill', reason: 'r'.repeat(2001) },
      ['The reason is too long: keep it to 2000 characters or fewer'],
    ],
    [
      'accelerate with an owner that is not an account id',
      { outcome: 'accelerate', ownerAccountId: 'x" OR 1=1', resourcingNote: 'Two engineers from May' },
      ['This is not a Jira account id: choose the owner from the list'],
    ],
  ])('%s', (_label, input, errors) => {
    expect(validateReviewDecision(input, TODAY)).toEqual({ ok: false, errors });
  });
});

describe('reviewDecisionSchema (shape only, no today)', () => {
  it('accepts a pause without judging its date against today', () => {
    const parsed = reviewDecisionSchema.safeParse({
      outcome: 'pause',
      rationale: 'r',
      resumptionDate: '2020-01-01',
      resumptionCondition: 'c',
    });
    expect(parsed.success).toBe(true);
  });

  it('still refuses a missing outcome with the same message', () => {
    const parsed = reviewDecisionSchema.safeParse({});
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)).toEqual([
      MISSING_OUTCOME,
    ]);
  });
});

describe('describeDecision', () => {
  const names = new Map([['owner-1', 'Ada Admin']]);

  it('writes each text as one sentence, whether or not the person ended it with a full stop', () => {
    const pause = {
      outcome: 'pause',
      rationale: 'Budget freeze until Q2.',
      resumptionDate: '2026-04-01',
      resumptionCondition: 'Q2 budget approved',
    } as const;
    expect(describeDecision(pause, names)).toBe(
      'Pause until 2026-04-01. Rationale: Budget freeze until Q2. Resume when: Q2 budget approved.',
    );
    expect(describeDecision({ ...pause, rationale: 'Budget freeze until Q2' }, names)).toBe(
      describeDecision(pause, names),
    );
  });

  it('keeps a question or an exclamation as it was written, and names the owner', () => {
    expect(describeDecision({ outcome: 'kill', reason: 'Who would sponsor it?' }, names)).toBe(
      'Kill. Reason: Who would sponsor it?',
    );
    expect(
      describeDecision(
        { outcome: 'accelerate', ownerAccountId: 'owner-1', resourcingNote: 'Two engineers from April!' },
        names,
      ),
    ).toBe('Accelerate. Owner: Ada Admin. Dedicated resourcing: Two engineers from April!');
    expect(
      describeDecision(
        { outcome: 'accelerate', ownerAccountId: 'unknown-2', resourcingNote: 'Half a team' },
        names,
      ),
    ).toBe('Accelerate. Owner: unknown-2. Dedicated resourcing: Half a team.');
  });
});

describe('a kill with the budget it frees (§9)', () => {
  const kill = { outcome: 'kill', reason: 'No sponsor' };

  it('takes engineering weeks and a monthly compute cost with its currency, both optional', () => {
    expect(
      validateReviewDecision(
        { ...kill, engineeringWeeks: 12.5, monthlyComputeCost: 4000, computeCurrency: ' EUR ' },
        TODAY,
      ),
    ).toEqual({
      ok: true,
      decision: { ...kill, engineeringWeeks: 12.5, monthlyComputeCost: 4000, computeCurrency: 'EUR' },
    });
    expect(validateReviewDecision({ ...kill, engineeringWeeks: 0 }, TODAY).ok).toBe(true);
  });

  test.each([
    ['negative weeks', { engineeringWeeks: -1 }, ['The engineering weeks freed cannot be negative']],
    ['weeks as text', { engineeringWeeks: 'twelve' }, ['The engineering weeks freed must be a number']],
    [
      'an absurd number of weeks',
      { engineeringWeeks: 1e9 },
      ['The engineering weeks freed is more than 10,000: check the figure'],
    ],
    [
      'a compute cost without its currency',
      { monthlyComputeCost: 100 },
      ['Name the currency of the monthly compute cost, such as USD'],
    ],
    [
      'an absurd compute cost',
      { monthlyComputeCost: 1e12, computeCurrency: 'USD' },
      ['The monthly compute cost freed is more than 100,000,000: check the figure'],
    ],
    [
      'a currency that is a sentence',
      { monthlyComputeCost: 5, computeCurrency: 'dollars of the realm' },
      ['Name the currency in up to 8 letters, such as USD or EUR'],
    ],
  ])('refuses %s', (_label, change, errors) => {
    expect(validateReviewDecision({ ...kill, ...change }, TODAY)).toEqual({ ok: false, errors });
  });

  it('names the budget in the decision', () => {
    expect(
      describeDecision(
        {
          outcome: 'kill',
          reason: 'No sponsor',
          engineeringWeeks: 12,
          monthlyComputeCost: 4000,
          computeCurrency: 'USD',
        },
        new Map(),
      ),
    ).toBe('Kill. Reason: No sponsor. Frees 12 engineering weeks and 4,000 USD of compute a month.');
  });
});

describe('decisionsWith: a pilot keeps its latest decisions only', () => {
  it(`keeps the ${DECISIONS_KEPT} latest, oldest first`, () => {
    const records = Array.from({ length: DECISIONS_KEPT + 3 }, (_, index) => ({
      decision: { outcome: 'kill' as const, reason: `reason ${index}` },
      decidedBy: 'decider',
      decidedOn: '2026-06-01',
    }));
    const kept = records.reduce(decisionsWith, []);
    expect(kept).toHaveLength(DECISIONS_KEPT);
    expect(kept[DECISIONS_KEPT - 1]).toBe(records[records.length - 1]);
    expect(kept[0]).toBe(records[3]);
  });
});
