import fc from 'fast-check';
import {
  isWorkstreamOrigin,
  planGeneration,
  type ExistingIssue,
  type GenerationInput,
  type GenerationPlan,
} from './generation-plan';
import { parseTemplate } from './template';
import type {
  IsoDate,
  Milestone,
  OwnershipTemplate,
  ReviewKindConfig,
  StatusCategory,
  TemplateRow,
} from './types';

const PILOT_ID = '10042';
const OTHER_PILOT_ID = '20001';

const kebabKey = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}$/);

/** Any calendar date from 2000 to 2099, built without the code under test. */
const isoDate: fc.Arbitrary<IsoDate> = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const statusCategory = fc.constantFrom<StatusCategory>('new', 'indeterminate', 'done');

const milestonesArb: fc.Arbitrary<Milestone[]> = fc
  .uniqueArray(kebabKey, { minLength: 1, maxLength: 6 })
  .chain((keys) =>
    fc.tuple(...keys.map((key) => fc.integer({ min: 1, max: 52 }).map((week) => ({ key, name: key, week })))),
  );

function rowsArb(milestones: Milestone[]): fc.Arbitrary<TemplateRow[]> {
  const row = (key: string) =>
    fc.constantFrom(...milestones).chain((milestone) =>
      fc.record({
        key: fc.constant(key),
        workstream: fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((name) => name.trim() !== '' && !/[\r\n]/.test(name)),
        ownerTeam: fc.constantFrom('Data science team', 'Production pathway team', 'Business owner + PM'),
        startWeek: fc.integer({ min: 1, max: milestone.week }),
        milestone: fc.constant(milestone.key),
        weight: fc.integer({ min: 1, max: 5 }),
      }),
    );
  return fc
    .uniqueArray(kebabKey, { minLength: 1, maxLength: 20 })
    .chain((keys) => fc.tuple(...keys.map(row)));
}

const reviewKindsArb: fc.Arbitrary<ReviewKindConfig[]> = fc
  .uniqueArray(kebabKey, { minLength: 1, maxLength: 6 })
  .chain((kinds) =>
    fc.tuple(
      ...kinds.map((kind) =>
        fc.record({
          kind: fc.constant(kind),
          projectKey: fc.option(fc.constantFrom('SEC', 'LEGAL')),
          issueTypeName: fc.constantFrom('Task', 'Review'),
        }),
      ),
    ),
  );

const weightsArb = fc
  .tuple(fc.integer({ min: 1, max: 98 }), fc.integer({ min: 1, max: 98 }))
  .filter(([workstreams, reviews]) => workstreams + reviews < 100)
  .map(([workstreams, reviews]) => ({ workstreams, reviews, dataAccess: 100 - workstreams - reviews }));

const templateArb: fc.Arbitrary<OwnershipTemplate> = milestonesArb.chain((milestones) =>
  fc.record({
    version: fc.integer({ min: 1, max: 100 }),
    milestones: fc.constant(milestones),
    rows: rowsArb(milestones),
    reviewKinds: reviewKindsArb,
    weights: weightsArb,
    rejectedResolutions: fc.constant(["Won't Do", 'Declined', 'Rejected']),
  }),
);

function overridesArb(milestones: Milestone[]): fc.Arbitrary<Record<string, IsoDate>> {
  return fc
    .tuple(...milestones.map(({ key }) => fc.option(isoDate).map((date) => [key, date] as const)))
    .map((entries) =>
      Object.fromEntries(entries.filter((entry): entry is [string, IsoDate] => entry[1] !== null)),
    );
}

/** Issues of this pilot for some rows and kinds, with any status and any (possibly stale) due date. */
function ownIssuesArb(template: OwnershipTemplate): fc.Arbitrary<ExistingIssue[]> {
  const workstreams = fc.subarray(template.rows).chain((rows) =>
    fc.tuple(
      ...rows.map((row) =>
        fc.record({
          origin: fc.constant({ pilot: PILOT_ID, row: row.key }),
          statusCategory,
          dueDate: fc.option(isoDate),
        }),
      ),
    ),
  );
  const reviews = fc.subarray(template.reviewKinds).chain((kinds) =>
    fc.tuple(
      ...kinds.map(({ kind }) =>
        fc.record({
          origin: fc.constant({ pilot: PILOT_ID, review: kind }),
          statusCategory,
          dueDate: fc.constant(null),
        }),
      ),
    ),
  );
  return fc
    .tuple(workstreams, reviews)
    .map(([w, r]) => [...w, ...r].map((issue, i) => ({ key: `OLD-${i}`, ...issue })));
}

/** Issues of another pilot, for the same rows and kinds. */
function otherPilotIssuesArb(template: OwnershipTemplate): fc.Arbitrary<ExistingIssue[]> {
  const origin = fc.oneof(
    fc.constantFrom(...template.rows).map((row) => ({ pilot: OTHER_PILOT_ID, row: row.key })),
    fc.constantFrom(...template.reviewKinds).map(({ kind }) => ({ pilot: OTHER_PILOT_ID, review: kind })),
  );
  return fc
    .array(fc.record({ origin, statusCategory, dueDate: fc.option(isoDate) }), { maxLength: 8 })
    .map((issues) => issues.map((issue, i) => ({ key: `OTHER-${i}`, ...issue })));
}

const inputArb: fc.Arbitrary<GenerationInput> = templateArb.chain((template) =>
  fc.record({
    template: fc.constant(template),
    pilot: fc.record({
      id: fc.constant(PILOT_ID),
      key: fc.constant('AIP-7'),
      projectKey: fc.constant('AIP'),
      summary: fc.string({ minLength: 1, maxLength: 300 }),
      createdDate: isoDate,
      kickoffDate: fc.option(isoDate),
      dueDate: fc.option(isoDate),
      milestoneOverrides: overridesArb(template.milestones),
    }),
    existing: fc
      .tuple(ownIssuesArb(template), otherPilotIssuesArb(template))
      .chain(([own, other]) =>
        fc.shuffledSubarray([...own, ...other], { minLength: own.length + other.length }),
      ),
    ownerAssignees: fc.dictionary(fc.constantFrom('Data science team', 'Production pathway team'), fc.uuid()),
  }),
);

/** What Jira holds after the plan ran: the created issues added, the moved due dates set. */
function applyPlan(existing: readonly ExistingIssue[], plan: GenerationPlan): ExistingIssue[] {
  const movedTo = new Map(plan.dueDateUpdates.map((move) => [move.key, move.to]));
  const updated = existing.map((issue) => ({ ...issue, dueDate: movedTo.get(issue.key) ?? issue.dueDate }));
  const createdWorkstreams = plan.workstreamsToCreate.map((ws, i): ExistingIssue => ({
    key: `NEW-W${i}`,
    origin: ws.origin,
    statusCategory: 'new',
    dueDate: ws.dueDate,
  }));
  const createdReviews = plan.reviewsToCreate.map((review, i): ExistingIssue => ({
    key: `NEW-R${i}`,
    origin: review.origin,
    statusCategory: 'new',
    dueDate: null,
  }));
  return [...updated, ...createdWorkstreams, ...createdReviews];
}

function ownOriginIds(issues: readonly ExistingIssue[]): string[] {
  return issues
    .filter((issue) => issue.origin.pilot === PILOT_ID)
    .map(({ origin }) => (isWorkstreamOrigin(origin) ? `row:${origin.row}` : `review:${origin.review}`))
    .sort();
}

describe('planGeneration, for any valid template, kickoff and pre-existing issues', () => {
  it('generates only valid templates (the property below would prove nothing otherwise)', () => {
    fc.assert(
      fc.property(templateArb, (template) => expect(parseTemplate(template)).toMatchObject({ ok: true })),
    );
  });

  it('plans nothing more once its plan has been applied', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const after = applyPlan(input.existing, planGeneration(input));
        expect(planGeneration({ ...input, existing: after })).toEqual({
          workstreamsToCreate: [],
          reviewsToCreate: [],
          dueDateUpdates: [],
        });
      }),
      { numRuns: 300 },
    );
  });

  it('leaves the pilot with exactly one issue per row and per review kind', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const after = applyPlan(input.existing, planGeneration(input));
        const expected = [
          ...input.template.rows.map((row) => `row:${row.key}`),
          ...input.template.reviewKinds.map(({ kind }) => `review:${kind}`),
        ].sort();
        expect(ownOriginIds(after)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("never touches another pilot's issues, nor a done sub-task", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planGeneration(input);
        const movable = input.existing
          .filter((issue) => issue.origin.pilot === PILOT_ID && issue.statusCategory !== 'done')
          .map((issue) => issue.key);
        for (const move of plan.dueDateUpdates) expect(movable).toContain(move.key);
        for (const created of [...plan.workstreamsToCreate, ...plan.reviewsToCreate]) {
          expect(created.origin.pilot).toBe(PILOT_ID);
        }
      }),
      { numRuns: 300 },
    );
  });
});
