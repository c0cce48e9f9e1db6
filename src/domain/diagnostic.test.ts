import { DEFAULT_TEMPLATE } from './default-template';
import { engagedReviewKinds, reviewsEngagedAnswer, runDiagnostic } from './diagnostic';
import {
  CHANGE_LEAD,
  MODELLER,
  PRODUCTION_OWNER,
  dataAccessTicket,
  extraReview,
  fields,
  freshPilot,
  pilotWith,
  readyPilot,
  review,
  reviewApproved,
  reviewInProgress,
  reviewRejected,
  withoutReview,
  withoutWorkstream,
  workstream,
  workstreamDone,
  workstreamInProgress,
  type SnapshotChange,
} from './test-support/snapshots';
import type { DiagnosticAnswer, OwnershipTemplate } from './types';

function answer(id: number, ...changes: SnapshotChange[]): DiagnosticAnswer {
  const found = runDiagnostic(pilotWith(...changes), DEFAULT_TEMPLATE).answers.find(
    (candidate) => candidate.id === id,
  );
  if (found === undefined) throw new Error(`No answer ${id}`);
  return found;
}

describe('runDiagnostic on the canonical pilots', () => {
  it('a fresh pilot answers no to all seven questions', () => {
    expect(runDiagnostic(freshPilot(), DEFAULT_TEMPLATE)).toEqual({
      answers: [
        { id: 1, yes: false, evidence: 'Production owner: not set' },
        {
          id: 2,
          yes: false,
          evidence:
            'Data access: no ticket; workstream AIP-3 to do; no data source listed in the production spec',
        },
        {
          id: 3,
          yes: false,
          evidence:
            'Reviews: security AIP-10 not started; compliance AIP-11 not started; legal AIP-12 not started',
        },
        {
          id: 4,
          yes: false,
          evidence: 'Production spec: missing latency, availability, rollback, monitoring',
        },
        { id: 5, yes: false, evidence: 'Infrastructure workstream AIP-5 to do' },
        { id: 6, yes: false, evidence: 'Due date: not set' },
        { id: 7, yes: false, evidence: 'Change management workstream AIP-8 to do, unassigned' },
      ],
      noCount: 7,
    });
  });

  it('a ready pilot answers yes to all seven', () => {
    expect(runDiagnostic(readyPilot(), DEFAULT_TEMPLATE)).toEqual({
      answers: [
        { id: 1, yes: true, evidence: 'Production owner: owner-account, not the model-validation assignee' },
        {
          id: 2,
          yes: true,
          evidence:
            'Data access: 1 ticket (AIP-100 approved); workstream AIP-3 done; no data source listed in the production spec',
        },
        {
          id: 3,
          yes: true,
          evidence: 'Reviews: security AIP-10 approved; compliance AIP-11 approved; legal AIP-12 approved',
        },
        {
          id: 4,
          yes: true,
          evidence: 'Production spec: latency, availability, rollback and monitoring recorded',
        },
        { id: 5, yes: true, evidence: 'Infrastructure workstream AIP-5 done' },
        { id: 6, yes: true, evidence: 'Due date: 2026-03-27' },
        { id: 7, yes: true, evidence: 'Change management workstream AIP-8 done, assigned' },
      ],
      noCount: 0,
    });
  });
});

describe('Q1: a named production owner who is not the model builder', () => {
  test.each([
    ['not set', [], false, 'Production owner: not set'],
    ['blank', [fields({ productionOwnerAccountId: '  ' })], false, 'Production owner: not set'],
    [
      'set, model-validation assigned to someone else',
      [
        fields({ productionOwnerAccountId: PRODUCTION_OWNER }),
        workstream('model-validation', { assigneeAccountId: MODELLER }),
      ],
      true,
      'Production owner: owner-account, not the model-validation assignee',
    ],
    [
      'set, model-validation unassigned',
      [fields({ productionOwnerAccountId: PRODUCTION_OWNER })],
      true,
      'Production owner: owner-account, not the model-validation assignee',
    ],
    [
      'set, model-validation sub-task missing',
      [fields({ productionOwnerAccountId: PRODUCTION_OWNER }), withoutWorkstream('model-validation')],
      true,
      'Production owner: owner-account, not the model-validation assignee',
    ],
    [
      'the modeller is also the production owner',
      [
        fields({ productionOwnerAccountId: MODELLER }),
        workstream('model-validation', { assigneeAccountId: MODELLER }),
      ],
      false,
      'Production owner: modeller-account is also the assignee of the model-validation workstream AIP-2',
    ],
  ])('%s', (_label, changes, yes, evidence) => {
    expect(answer(1, ...changes)).toEqual({ id: 1, yes, evidence });
  });
});

describe('Q2: data access requested', () => {
  test.each([
    [
      'a ticket, workstream still to do',
      [dataAccessTicket('requested')],
      false,
      'Data access: 1 ticket (AIP-100 requested); workstream AIP-3 to do; no data source listed in the production spec',
    ],
    [
      'workstream in progress, no ticket',
      [workstreamInProgress('data-access')],
      false,
      'Data access: no ticket; workstream AIP-3 in progress; no data source listed in the production spec',
    ],
    [
      'the spec example: two tickets, workstream in progress',
      [
        workstream('data-access', { key: 'AIP-5', statusCategory: 'indeterminate' }),
        dataAccessTicket('requested', { key: 'AIP-12' }),
        dataAccessTicket('approved', { source: 'servicenow', key: 'INC0010001' }),
      ],
      true,
      'Data access: 2 tickets (AIP-12 requested, INC0010001 approved); workstream AIP-5 in progress; no data source listed in the production spec',
    ],
    [
      'a rejected ticket, workstream done (requested all the same)',
      [dataAccessTicket('rejected'), workstreamDone('data-access')],
      true,
      'Data access: 1 ticket (AIP-100 rejected); workstream AIP-3 done; no data source listed in the production spec',
    ],
    [
      'a ticket, workstream sub-task missing',
      [dataAccessTicket('approved'), withoutWorkstream('data-access')],
      false,
      'Data access: 1 ticket (AIP-100 approved); workstream: no sub-task; no data source listed in the production spec',
    ],
  ])('%s', (_label, changes, yes, evidence) => {
    expect(answer(2, ...changes)).toEqual({ id: 2, yes, evidence });
  });
});

describe('Q2 with data sources listed in the production spec (§15): each needs a request', () => {
  const sources = (...dataSources: string[]) => fields({ productionSpec: { dataSources } });
  const underWay = workstreamInProgress('data-access');
  test.each([
    [
      'every listed source has a request (Jira and ServiceNow)',
      [
        sources('Claims warehouse', 'Policy events'),
        underWay,
        dataAccessTicket('requested', { dataSource: 'Claims warehouse' }),
        dataAccessTicket('approved', {
          source: 'servicenow',
          key: 'RITM0010001',
          dataSource: 'Policy events',
        }),
      ],
      true,
      'Data access: 2 tickets (AIP-100 requested, RITM0010001 approved); workstream AIP-3 in progress; every listed data source requested (Claims warehouse, Policy events)',
    ],
    [
      'one listed source without a request: no, naming it',
      [
        sources('Claims warehouse', 'Policy events', 'Call transcripts'),
        underWay,
        dataAccessTicket('approved', { dataSource: 'claims  WAREHOUSE' }),
      ],
      false,
      'Data access: 1 ticket (AIP-100 approved); workstream AIP-3 in progress; no request for Policy events, Call transcripts (1 of 3 listed data sources requested)',
    ],
    [
      'a hand-linked ticket whose summary names the source covers it',
      [
        sources('Claims warehouse'),
        underWay,
        dataAccessTicket('requested', { dataSource: 'Extract of the claims warehouse for training' }),
      ],
      true,
      'Data access: 1 ticket (AIP-100 requested); workstream AIP-3 in progress; every listed data source requested (Claims warehouse)',
    ],
    [
      'a ticket whose source is not recorded covers no listed source',
      [sources('Claims warehouse'), underWay, dataAccessTicket('approved')],
      false,
      'Data access: 1 ticket (AIP-100 approved); workstream AIP-3 in progress; no request for Claims warehouse (0 of 1 listed data sources requested)',
    ],
    [
      'every source requested, but the workstream still to do',
      [sources('Claims warehouse'), dataAccessTicket('requested', { dataSource: 'Claims warehouse' })],
      false,
      'Data access: 1 ticket (AIP-100 requested); workstream AIP-3 to do; every listed data source requested (Claims warehouse)',
    ],
    [
      'a name that only contains the source as part of a word does not cover it',
      [sources('CRM'), underWay, dataAccessTicket('requested', { dataSource: 'SCRM exports' })],
      false,
      'Data access: 1 ticket (AIP-100 requested); workstream AIP-3 in progress; no request for CRM (0 of 1 listed data sources requested)',
    ],
  ])('%s', (_label, changes, yes, evidence) => {
    expect(answer(2, ...changes)).toEqual({ id: 2, yes, evidence });
  });

  it('takes only the names an edit would accept from a list written by hand', () => {
    const written = fields({
      productionSpec: {
        dataSources: ['Claims warehouse', 'claims warehouse', '', 42, 'x'.repeat(201)] as never,
      },
    });
    expect(
      answer(2, written, underWay, dataAccessTicket('requested', { dataSource: 'Claims warehouse' })),
    ).toMatchObject({
      yes: true,
      evidence: expect.stringContaining('every listed data source requested (Claims warehouse)'),
    });
  });
});

describe('Q3: security, compliance and legal engaged', () => {
  const engaged = [reviewInProgress('security'), reviewApproved('compliance'), reviewInProgress('legal')];

  test.each([
    [
      'all three in progress or done',
      engaged,
      true,
      'Reviews: security AIP-10 in progress; compliance AIP-11 approved; legal AIP-12 in progress',
    ],
    [
      'legal not started',
      [...engaged, review('legal', { statusCategory: 'new' })],
      false,
      'Reviews: security AIP-10 in progress; compliance AIP-11 approved; legal AIP-12 not started',
    ],
    [
      'legal ticket missing',
      [...engaged, withoutReview('legal')],
      false,
      'Reviews: security AIP-10 in progress; compliance AIP-11 approved; legal: no ticket',
    ],
    [
      'a rejected review was engaged all the same',
      [...engaged, reviewRejected('security')],
      true,
      'Reviews: security AIP-10 rejected; compliance AIP-11 approved; legal AIP-12 in progress',
    ],
    [
      'a duplicate security ticket not started',
      [...engaged, extraReview({ key: 'AIP-30', kind: 'security', statusCategory: 'new', resolution: null })],
      false,
      'Reviews: security AIP-10 in progress, AIP-30 not started; compliance AIP-11 approved; legal AIP-12 in progress',
    ],
  ])('%s', (_label, changes, yes, evidence) => {
    expect(answer(3, ...changes)).toEqual({ id: 3, yes, evidence });
  });

  it('privacy and infrastructure reviews do not matter', () => {
    expect(answer(3, ...engaged, withoutReview('privacy'), withoutReview('infrastructure')).yes).toBe(true);
  });
});

describe('Q3 follows the configured review kinds, not names in code', () => {
  const engaged = [reviewInProgress('security'), reviewApproved('compliance')];
  const answerWith = (template: OwnershipTemplate, ...changes: SnapshotChange[]) =>
    reviewsEngagedAnswer(pilotWith(...changes), template);

  it('the default template asks about security, compliance and legal', () => {
    expect(engagedReviewKinds(DEFAULT_TEMPLATE)).toEqual(['security', 'compliance', 'legal']);
  });

  it('with legal removed from the kinds, Q3 asks about security and compliance and can be answered yes', () => {
    const withoutLegal: OwnershipTemplate = {
      ...DEFAULT_TEMPLATE,
      reviewKinds: DEFAULT_TEMPLATE.reviewKinds.filter((config) => config.kind !== 'legal'),
    };
    expect(answerWith(withoutLegal, ...engaged, withoutReview('legal'))).toEqual({
      id: 3,
      yes: true,
      evidence: 'Reviews: security AIP-10 in progress; compliance AIP-11 approved',
    });
  });

  it('a kind the admin marks engaged early joins the question', () => {
    const withPrivacy: OwnershipTemplate = {
      ...DEFAULT_TEMPLATE,
      reviewKinds: DEFAULT_TEMPLATE.reviewKinds.map((config) =>
        config.kind === 'privacy' ? { ...config, engagedEarly: true } : config,
      ),
    };
    const result = answerWith(withPrivacy, ...engaged, reviewInProgress('legal'));
    expect(result.yes).toBe(false);
    expect(result.evidence).toMatch(/privacy AIP-\d+ not started$/);
  });

  it('with no kind marked, Q3 is no and says what to configure', () => {
    const unmarked: OwnershipTemplate = {
      ...DEFAULT_TEMPLATE,
      reviewKinds: DEFAULT_TEMPLATE.reviewKinds.map(({ engagedEarly: _dropped, ...config }) => config),
    };
    expect(answerWith(unmarked, ...engaged, reviewInProgress('legal'))).toEqual({
      id: 3,
      yes: false,
      evidence:
        'Reviews: no review kind is marked "engaged early" in the template; an admin marks them on the admin page',
    });
  });
});

describe('Q4: a written production spec, all four entries filled', () => {
  const full = { latency: 'p95 < 1 s', availability: '99.9%', rollback: 'flag off', monitoring: 'alerts' };
  test.each([
    ['all four', full, true, 'Production spec: latency, availability, rollback and monitoring recorded'],
    ['rollback blank', { ...full, rollback: '   ' }, false, 'Production spec: missing rollback'],
    ['monitoring absent', { ...full, monitoring: undefined }, false, 'Production spec: missing monitoring'],
    [
      'only latency',
      { latency: '200 ms' },
      false,
      'Production spec: missing availability, rollback, monitoring',
    ],
  ])('%s', (_label, productionSpec, yes, evidence) => {
    expect(answer(4, fields({ productionSpec }))).toEqual({ id: 4, yes, evidence });
  });
});

describe('Q5: infrastructure provisioned or scheduled', () => {
  test.each([
    ['to do', [], false, 'Infrastructure workstream AIP-5 to do'],
    [
      'in progress',
      [workstreamInProgress('infrastructure')],
      true,
      'Infrastructure workstream AIP-5 in progress',
    ],
    ['done', [workstreamDone('infrastructure')], true, 'Infrastructure workstream AIP-5 done'],
    ['missing', [withoutWorkstream('infrastructure')], false, 'Infrastructure workstream: no sub-task'],
  ])('%s', (_label, changes, yes, evidence) => {
    expect(answer(5, ...changes)).toEqual({ id: 5, yes, evidence });
  });
});

describe('Q6: a hard production date', () => {
  it('is yes with a Due date and names it', () => {
    expect(answer(6, fields({ dueDate: '2026-06-30' }))).toEqual({
      id: 6,
      yes: true,
      evidence: 'Due date: 2026-06-30',
    });
  });

  it('is no without one', () => {
    expect(answer(6)).toEqual({ id: 6, yes: false, evidence: 'Due date: not set' });
  });
});

describe('Q7: the business committed to change management', () => {
  test.each([
    [
      'assigned and in progress',
      [workstreamInProgress('change-management', { assigneeAccountId: CHANGE_LEAD })],
      true,
      'Change management workstream AIP-8 in progress, assigned',
    ],
    [
      'in progress but unassigned',
      [workstreamInProgress('change-management')],
      false,
      'Change management workstream AIP-8 in progress, unassigned',
    ],
    [
      'assigned but still to do',
      [workstream('change-management', { assigneeAccountId: CHANGE_LEAD })],
      false,
      'Change management workstream AIP-8 to do, assigned',
    ],
    ['missing', [withoutWorkstream('change-management')], false, 'Change management workstream: no sub-task'],
  ])('%s', (_label, changes, yes, evidence) => {
    expect(answer(7, ...changes)).toEqual({ id: 7, yes, evidence });
  });
});

describe('noCount', () => {
  it('counts the no answers', () => {
    const pilot = pilotWith(fields({ dueDate: '2026-06-30' }), workstreamInProgress('infrastructure'));
    expect(runDiagnostic(pilot, DEFAULT_TEMPLATE).noCount).toBe(5);
  });
});
