import { DEFAULT_TEMPLATE } from './default-template';
import {
  ORIGIN_PROPERTY,
  isReviewOrigin,
  isWorkstreamOrigin,
  parseOrigin,
  planGeneration,
  reviewSummary,
  type ExistingIssue,
  type GenerationInput,
  type GenerationPilot,
} from './generation-plan';

const PILOT: GenerationPilot = {
  id: '10042',
  key: 'AIP-7',
  projectKey: 'AIP',
  summary: 'Claims triage assistant',
  createdDate: '2026-02-20',
  kickoffDate: '2026-03-02',
  dueDate: null,
  milestoneOverrides: {},
};

function input(overrides: Partial<GenerationInput> = {}): GenerationInput {
  return { template: DEFAULT_TEMPLATE, pilot: PILOT, existing: [], ownerAssignees: {}, ...overrides };
}

const PPT = 'Production pathway team';

/**
 * product.md §1 for a kickoff on Monday 2 March 2026: week 1 = 03-02, week 2 = 03-09, week 3 = 03-16,
 * week 4 = 03-23; demo-sign-off (week 6) 04-06, integration-testing (8) 04-20, load-testing (10) 05-04,
 * user-rollout (11) 05-11, production-deployment (12) 05-18, production-go-live (13) 05-25.
 */
const EXPECTED_WORKSTREAMS = [
  ['model-validation', 'Model development & validation', 'Data science team', '2026-03-02', '2026-04-06'],
  ['data-access', 'Data access requests', PPT, '2026-03-02', '2026-05-18'],
  ['security-compliance', 'Security & compliance engagement', PPT, '2026-03-02', '2026-05-18'],
  ['infrastructure', 'Infrastructure spec & provisioning', PPT, '2026-03-09', '2026-04-20'],
  ['legacy-integration', 'Legacy system integration design', PPT, '2026-03-09', '2026-04-20'],
  ['mlops', 'MLOps pipeline setup', PPT, '2026-03-16', '2026-05-04'],
  ['change-management', 'Business change management', 'Business owner + PM', '2026-03-09', '2026-05-11'],
  ['monitoring', 'Monitoring & alerting setup', PPT, '2026-03-23', '2026-05-25'],
];

const EXPECTED_REVIEW_SUMMARIES = [
  'Security review: Claims triage assistant',
  'Compliance review: Claims triage assistant',
  'Legal review: Claims triage assistant',
  'Privacy review: Claims triage assistant',
  'Infrastructure review: Claims triage assistant',
];

function workstream(row: string, pilot = PILOT.id, dueDate: string | null = null): ExistingIssue {
  return { key: `AIP-${row}`, origin: { pilot, row }, statusCategory: 'new', dueDate };
}

function review(kind: string, pilot = PILOT.id): ExistingIssue {
  return { key: `AIP-${kind}`, origin: { pilot, review: kind }, statusCategory: 'new', dueDate: null };
}

describe('planGeneration for a fresh pilot', () => {
  const plan = planGeneration(input());

  it('creates the 8 workstream sub-tasks of the ownership table, with their dates', () => {
    expect(
      plan.workstreamsToCreate.map((ws) => [ws.row, ws.summary, ws.ownerTeam, ws.startDate, ws.dueDate]),
    ).toEqual(EXPECTED_WORKSTREAMS);
  });

  it('marks each sub-task with its origin', () => {
    expect(plan.workstreamsToCreate.map((ws) => ws.origin)).toEqual(
      EXPECTED_WORKSTREAMS.map(([row]) => ({ pilot: '10042', row })),
    );
  });

  it('creates the 5 review tickets at once, in the pilot project, as Tasks', () => {
    expect(plan.reviewsToCreate).toEqual(
      ['security', 'compliance', 'legal', 'privacy', 'infrastructure'].map((kind, index) => ({
        kind,
        summary: EXPECTED_REVIEW_SUMMARIES[index],
        projectKey: 'AIP',
        issueTypeName: 'Task',
        description: expect.stringContaining('AIP-7 (Claims triage assistant)'),
        origin: { pilot: '10042', review: kind },
      })),
    );
  });

  it('moves nothing', () => {
    expect(plan.dueDateUpdates).toEqual([]);
  });

  it('leaves sub-tasks unassigned without a mapping, naming the owner team instead', () => {
    expect(plan.workstreamsToCreate.map((ws) => ws.assigneeAccountId)).toEqual(Array(8).fill(null));
    const modelValidation = plan.workstreamsToCreate[0];
    expect(modelValidation?.description).toBe(
      [
        'Production path of AI pilot AIP-7 (Claims triage assistant): Model development & validation.',
        'Owner team: Data science team. No Jira user is mapped to this team yet, so this sub-task is unassigned.',
        'Must complete before: Demo sign-off.',
      ].join('\n'),
    );
  });
});

describe('planGeneration dates', () => {
  it('counts from the created day when the pilot has no Kickoff date', () => {
    const plan = planGeneration(input({ pilot: { ...PILOT, kickoffDate: null, createdDate: '2026-02-23' } }));
    // February 23 + 35 days = March 30 (February has 28 days in 2026); week 4 starts February 23 + 21.
    const monitoring = plan.workstreamsToCreate.find((ws) => ws.row === 'monitoring');
    expect(plan.workstreamsToCreate[0]).toMatchObject({ startDate: '2026-02-23', dueDate: '2026-03-30' });
    expect(monitoring).toMatchObject({ startDate: '2026-03-16', dueDate: '2026-05-18' });
  });

  it('makes the Due date the production-deployment target', () => {
    const plan = planGeneration(input({ pilot: { ...PILOT, dueDate: '2026-06-30' } }));
    const dueDates = Object.fromEntries(plan.workstreamsToCreate.map((ws) => [ws.row, ws.dueDate]));
    expect(dueDates).toMatchObject({
      'data-access': '2026-06-30',
      'security-compliance': '2026-06-30',
      monitoring: '2026-05-25',
    });
  });

  it('applies milestone overrides', () => {
    const plan = planGeneration(
      input({ pilot: { ...PILOT, milestoneOverrides: { 'load-testing': '2026-05-29' } } }),
    );
    expect(plan.workstreamsToCreate.find((ws) => ws.row === 'mlops')?.dueDate).toBe('2026-05-29');
  });
});

describe('planGeneration never duplicates', () => {
  it('creates only what is missing', () => {
    const existing = [workstream('model-validation'), workstream('mlops'), review('security')];
    const plan = planGeneration(input({ existing }));
    expect(plan.workstreamsToCreate.map((ws) => ws.row)).toEqual([
      'data-access',
      'security-compliance',
      'infrastructure',
      'legacy-integration',
      'change-management',
      'monitoring',
    ]);
    expect(plan.reviewsToCreate.map((r) => r.kind)).toEqual([
      'compliance',
      'legal',
      'privacy',
      'infrastructure',
    ]);
  });

  it('creates nothing when every row and kind exists', () => {
    const existing = [
      ...DEFAULT_TEMPLATE.rows.map((row) => workstream(row.key, PILOT.id, '2026-01-01')),
      ...DEFAULT_TEMPLATE.reviewKinds.map(({ kind }) => review(kind)),
    ];
    const plan = planGeneration(input({ existing }));
    expect(plan.workstreamsToCreate).toEqual([]);
    expect(plan.reviewsToCreate).toEqual([]);
    expect(plan.dueDateUpdates).toHaveLength(8);
  });

  it("ignores other pilots' issues, even with stale due dates", () => {
    const existing = [
      ...DEFAULT_TEMPLATE.rows.map((row) => workstream(row.key, '20001', '2026-01-01')),
      ...DEFAULT_TEMPLATE.reviewKinds.map(({ kind }) => review(kind, '20001')),
    ];
    const plan = planGeneration(input({ existing }));
    expect(plan.workstreamsToCreate).toHaveLength(8);
    expect(plan.reviewsToCreate).toHaveLength(5);
    expect(plan.dueDateUpdates).toEqual([]);
  });

  it('does not create a review for a workstream of the same name, nor the reverse', () => {
    // `infrastructure` is both a row and a review kind; their origins differ.
    const plan = planGeneration(input({ existing: [workstream('infrastructure')] }));
    expect(plan.reviewsToCreate.map((r) => r.kind)).toContain('infrastructure');
    const plan2 = planGeneration(input({ existing: [review('infrastructure')] }));
    expect(plan2.workstreamsToCreate.map((ws) => ws.row)).toContain('infrastructure');
  });
});

describe('planGeneration due date updates', () => {
  it('moves the not-done sub-tasks of this pilot off their stale dates, never done ones', () => {
    const existing: ExistingIssue[] = [
      { ...workstream('data-access', PILOT.id, '2026-05-18'), key: 'AIP-11' },
      { ...workstream('security-compliance', PILOT.id, '2026-05-18'), key: 'AIP-12', statusCategory: 'done' },
      { ...workstream('mlops', PILOT.id, '2026-05-04'), key: 'AIP-13', statusCategory: 'indeterminate' },
      { ...review('legal'), key: 'AIP-14', dueDate: '2026-01-01' },
    ];
    const plan = planGeneration(input({ pilot: { ...PILOT, dueDate: '2026-06-15' }, existing }));
    expect(plan.dueDateUpdates).toEqual([
      { key: 'AIP-11', row: 'data-access', from: '2026-05-18', to: '2026-06-15' },
    ]);
  });
});

describe('planGeneration assignees and review routing', () => {
  it('assigns the sub-tasks of mapped teams and names the team in every description', () => {
    const plan = planGeneration(input({ ownerAssignees: { [PPT]: 'acc-ppt', 'Data science team': ' ' } }));
    const assignees = Object.fromEntries(
      plan.workstreamsToCreate.map((ws) => [ws.row, ws.assigneeAccountId]),
    );
    expect(assignees).toEqual({
      'model-validation': null, // a blank account id is no mapping
      'data-access': 'acc-ppt',
      'security-compliance': 'acc-ppt',
      infrastructure: 'acc-ppt',
      'legacy-integration': 'acc-ppt',
      mlops: 'acc-ppt',
      'change-management': null,
      monitoring: 'acc-ppt',
    });
    const mlops = plan.workstreamsToCreate.find((ws) => ws.row === 'mlops');
    expect(mlops?.description).toContain(`Owner team: ${PPT}.`);
    expect(mlops?.description).not.toContain('unassigned');
    expect(mlops?.description).toContain('Must complete before: Load testing.');
  });

  it("files a review in its configured project and issue type, else the pilot's project", () => {
    const template = {
      ...DEFAULT_TEMPLATE,
      reviewKinds: [
        { kind: 'security', projectKey: 'SEC', issueTypeName: 'Security review' },
        { kind: 'legal', projectKey: null, issueTypeName: 'Task' },
      ],
    };
    const plan = planGeneration(input({ template }));
    expect(plan.reviewsToCreate.map((r) => [r.summary, r.projectKey, r.issueTypeName])).toEqual([
      ['Security review: Claims triage assistant', 'SEC', 'Security review'],
      ['Legal review: Claims triage assistant', 'AIP', 'Task'],
    ]);
  });
});

describe('reviewSummary', () => {
  it('capitalises the kind', () => {
    expect(reviewSummary('privacy', 'Fraud scoring')).toBe('Privacy review: Fraud scoring');
    expect(reviewSummary('ai-ethics', 'Fraud scoring')).toBe('Ai-ethics review: Fraud scoring');
  });

  it('fits a long pilot summary into the 255 characters Jira allows', () => {
    const summary = reviewSummary('security', 'x'.repeat(255));
    expect(summary).toHaveLength(255);
    expect(summary.startsWith('Security review: xxx')).toBe(true);
    expect(summary.endsWith('x…')).toBe(true);
  });

  it('never cuts an emoji in half', () => {
    // 'Legal review: ' is 14 characters; 239 more reach the cut at 254, the emoji straddles it.
    const summary = reviewSummary('legal', `${'x'.repeat(239)}😀tail`);
    expect(summary).toBe(`Legal review: ${'x'.repeat(239)}…`);
  });
});

describe('origins', () => {
  it('are stored under the pilot-pathway-origin property', () => {
    expect(ORIGIN_PROPERTY).toBe('pilot-pathway-origin');
  });

  it('tell workstreams from reviews', () => {
    expect(isWorkstreamOrigin({ pilot: '1', row: 'mlops' })).toBe(true);
    expect(isWorkstreamOrigin({ pilot: '1', review: 'legal' })).toBe(false);
    expect(isReviewOrigin({ pilot: '1', review: 'legal' })).toBe(true);
  });

  it.each([
    [
      { pilot: '10042', row: 'mlops' },
      { pilot: '10042', row: 'mlops' },
    ],
    [
      { pilot: '10042', review: 'legal', extra: 1 },
      { pilot: '10042', review: 'legal' },
    ],
    [{ pilot: '10042' }, null],
    [{ pilot: '', row: 'mlops' }, null],
    [{ pilot: 10042, row: 'mlops' }, null],
    ['10042', null],
    [undefined, null],
  ])('parseOrigin(%p) = %p', (value, expected) => {
    expect(parseOrigin(value)).toEqual(expected);
  });
});
