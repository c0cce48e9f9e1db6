/** Views as the resolver returns them, for component tests. */
import type {
  EpicView,
  GlobalPortfolioView,
  PersonOption,
  PilotView,
  PortfolioRow,
  PortfolioSummary,
  PortfolioView,
} from '../contract';

const MILESTONES = [
  { key: 'demo-sign-off', name: 'Demo sign-off', target: '2026-03-02' },
  { key: 'integration-testing', name: 'Integration testing', target: '2026-03-16' },
  { key: 'load-testing', name: 'Load testing', target: '2026-03-30' },
  { key: 'user-rollout', name: 'User rollout', target: '2026-04-06' },
  { key: 'production-deployment', name: 'Production deployment', target: '2026-04-13' },
  { key: 'production-go-live', name: 'Production go-live', target: '2026-04-20' },
];

const ROWS: Array<[string, string, string, string]> = [
  ['model-validation', 'Model development & validation', 'Data science team', 'demo-sign-off'],
  ['data-access', 'Data access requests', 'Production pathway team', 'production-deployment'],
  [
    'security-compliance',
    'Security & compliance engagement',
    'Production pathway team',
    'production-deployment',
  ],
  ['infrastructure', 'Infrastructure spec & provisioning', 'Production pathway team', 'integration-testing'],
  [
    'legacy-integration',
    'Legacy system integration design',
    'Production pathway team',
    'integration-testing',
  ],
  ['mlops', 'MLOps pipeline setup', 'Production pathway team', 'load-testing'],
  ['change-management', 'Business change management', 'Business owner + PM', 'user-rollout'],
  ['monitoring', 'Monitoring & alerting setup', 'Production pathway team', 'production-go-live'],
];

export function pilotView(overrides: Partial<PilotView> = {}): PilotView {
  const base: PilotView = {
    kind: 'pilot',
    id: '10010',
    key: 'AIP-4',
    summary: 'Invoice triage model',
    readiness: {
      version: 1,
      score: 44,
      band: 'at-risk',
      graduated: false,
      gates: [],
      diagnostic: {
        answers: [
          { id: 1, yes: true, evidence: 'Production owner: acc-owner, not the model-validation assignee' },
          {
            id: 2,
            yes: true,
            evidence: 'Data access: AIP-20 requested; data-access workstream AIP-6 in progress',
          },
          { id: 3, yes: false, evidence: 'Legal review AIP-15 not started' },
          { id: 4, yes: false, evidence: 'Production spec: rollback, monitoring missing' },
          { id: 5, yes: true, evidence: 'Infrastructure AIP-8 in progress' },
          { id: 6, yes: true, evidence: 'Due date: 2026-04-13' },
          { id: 7, yes: true, evidence: 'Change management AIP-11 in progress, assigned' },
        ],
        noCount: 2,
      },
      dataAccess: { total: 2, requested: 1, inProgress: 0, approved: 1, rejected: 0 },
      daysSinceDemo: 12,
      reviewRequired: false,
      firstDataAccessRequest: '2026-02-20',
      valueReview: { status: 'not-live', goLiveDate: null, opensOn: null, outcome: null, reviewedOn: null },
      valueReviewDue: false,
      templateVersion: 1,
      computedAt: '2026-03-14T10:00:00.000Z',
    },
    bandMeaning: 'Below 50: the production path is less than half done.',
    scorecard: {
      yes: 5,
      questions: 7,
      step: 'keep-going',
      nextStep: 'keep going: fix the remaining no answers',
      urgent: false,
    },
    gates: [
      { milestone: 'demo-sign-off', passed: true, waived: false, blocking: [] },
      {
        milestone: 'integration-testing',
        passed: false,
        waived: false,
        blocking: [
          {
            criterion: { type: 'workstream', row: 'infrastructure' },
            issueKeys: ['AIP-8'],
            detail: 'AIP-8 is in progress',
            ownerTeam: 'Production pathway team',
            dueDate: '2026-03-16',
            daysOverdue: 3,
          },
        ],
      },
      {
        milestone: 'production-deployment',
        passed: false,
        waived: true,
        blocking: [
          {
            criterion: { type: 'data-access' },
            issueKeys: ['AIP-20'],
            detail: 'AIP-20 is requested, not approved',
            ownerTeam: 'Production pathway team',
            dueDate: '2026-04-13',
            daysOverdue: 0,
          },
        ],
      },
    ],
    workstreams: ROWS.map(([row, workstream, ownerTeam, milestone], index) => ({
      row,
      workstream,
      ownerTeam,
      milestone,
      key: `AIP-${5 + index}`,
      state: 'in-progress',
      assigneeAccountId: null,
      dueDate: MILESTONES.find((m) => m.key === milestone)?.target ?? null,
      daysOverdue: 0,
    })),
    reviews: ['security', 'compliance', 'legal', 'privacy', 'infrastructure'].map((kind, index) => ({
      kind,
      key: `AIP-${20 + index}`,
      state: 'not-started' as const,
    })),
    dataAccess: [
      {
        source: 'jira',
        key: 'AIP-20',
        state: 'requested',
        openedDate: '2026-03-02',
        ageDays: 12,
        url: null,
      },
      {
        source: 'servicenow',
        key: 'RITM0010001',
        state: 'approved',
        openedDate: '2026-02-20',
        ageDays: 22,
        url: 'https://example.service-now.com/ritm.do?sys_id=1',
      },
    ],
    productionSpec: { latency: 'p95 under 300 ms', availability: '99.9%' },
    dataSources: [],
    metricsDefinedAfterDemo: [],
    waivers: [
      {
        id: 'w1',
        milestone: 'production-deployment',
        criterion: { type: 'review', kind: 'legal' },
        reason: 'Legal signed off by email',
        expires: '2026-03-31',
        grantedBy: 'acc-admin',
        grantedByName: 'Ada Admin',
        grantedAt: '2026-03-10T09:00:00.000Z',
      },
      {
        id: 'w0',
        milestone: 'production-deployment',
        criterion: { type: 'workstream', row: 'security-compliance' },
        reason: 'Covered by the platform review',
        expires: '2026-03-01',
        grantedBy: 'acc-admin',
        grantedByName: 'Ada Admin',
        grantedAt: '2026-02-01T09:00:00.000Z',
      },
    ],
    demoDate: '2026-03-02',
    generationProblems: [],
    missing: { workstreams: [], reviews: [] },
    milestoneOverrides: {},
    generated: true,
    milestones: MILESTONES,
    dateWarnings: [],
    canWaive: false,
    deciders: 'Deciders: Jira admins and members of ai-review-board.',
    today: '2026-03-14',
  };
  return { ...base, ...overrides };
}

export function epicView(overrides: Partial<EpicView> = {}): EpicView {
  return {
    kind: 'epic',
    key: 'AIP-1',
    milestones: MILESTONES.map(({ key, name }) => ({ key, name })),
    pilots: [
      {
        key: 'AIP-4',
        summary: 'Invoice triage',
        score: 44,
        band: 'at-risk',
        firstBlockingGate: 'integration-testing',
        reviewRequired: false,
        daysSinceDemo: 12,
      },
      {
        key: 'AIP-30',
        summary: 'Fraud scoring',
        score: 81,
        band: 'purgatory',
        firstBlockingGate: 'production-deployment',
        reviewRequired: true,
        daysSinceDemo: 120,
      },
      {
        key: 'AIP-40',
        summary: 'Churn model',
        score: 100,
        band: 'ready',
        firstBlockingGate: null,
        reviewRequired: false,
        daysSinceDemo: 30,
      },
      {
        key: 'AIP-50',
        summary: 'New pilot',
        score: null,
        band: null,
        firstBlockingGate: null,
        reviewRequired: false,
        daysSinceDemo: null,
      },
    ],
    countByBand: { ready: 1, 'on-track': 0, 'at-risk': 1, purgatory: 1 },
    notComputed: 1,
    meanScore: 75,
    lowest: { key: 'AIP-4', score: 44 },
    blockedByGate: [
      { milestone: 'demo-sign-off', pilots: [] },
      { milestone: 'integration-testing', pilots: ['AIP-4'] },
      { milestone: 'production-deployment', pilots: ['AIP-4', 'AIP-30'] },
    ],
    killList: ['AIP-30'],
    killed: [],
    ...overrides,
  };
}

/** What `findPeople` answers: active people first, then the deactivated. */
export const PEOPLE: PersonOption[] = [
  { accountId: 'acc-pat', displayName: 'Pat Pathway', active: true },
  { accountId: 'acc-priya', displayName: 'Priya PM', active: true },
  { accountId: 'acc-fay', displayName: 'Fay Former', active: false },
];

/** One row of the portfolio table; on the kill list with `reviewRequired`. */
export function portfolioRow(key: string, overrides: Partial<PortfolioRow> = {}): PortfolioRow {
  return {
    id: key,
    key,
    summary: `Pilot ${key}`,
    score: 40,
    band: 'at-risk',
    firstBlockingGate: 'demo-sign-off',
    daysSinceDemo: overrides.reviewRequired ? 120 : null,
    reviewRequired: false,
    productionOwner: null,
    trend: { direction: 'new', change: 0, recent: [] },
    killedOn: null,
    scorecard: {
      yes: 2,
      questions: 7,
      step: 'fix-no-answers',
      nextStep: 'heading to purgatory: fix the no answers',
      urgent: true,
    },
    valueReview: { status: 'not-live', goLiveDate: null, opensOn: null, outcome: null, reviewedOn: null },
    valueReviewDue: false,
    ...overrides,
  };
}

export function portfolioView(overrides: Partial<PortfolioView> = {}): PortfolioView {
  return {
    projectKey: 'AIP',
    rows: [portfolioRow('AIP-1'), portfolioRow('AIP-2', { band: 'purgatory', reviewRequired: true })],
    notComputed: 0,
    milestones: MILESTONES.map(({ key, name }) => ({ key, name })),
    diagnostic: [1, 2, 3, 4, 5, 6, 7].map((id) => ({ id, no: id === 6 ? 2 : 0 })),
    countByBand: [
      { band: 'purgatory', pilots: 1 },
      { band: 'at-risk', pilots: 1 },
      { band: 'on-track', pilots: 0 },
      { band: 'ready', pilots: 0 },
    ],
    funnel: [{ milestone: 'demo-sign-off', passed: 0, medianDaysToPass: null, blockedLongest: null }],
    outcomes: {
      live: 0,
      reviewed: 0,
      deliveringValue: 0,
      weekOneDataAccess: { withinWeekOne: 1, pilots: 2 },
    },
    valueReviews: [],
    teams: ['Data science team'],
    today: '2026-03-02',
    budgetFreed: { killedPilots: 0, engineeringWeeks: 0, monthlyCompute: [] },
    viewerMayDecide: true,
    deciders: 'Deciders: Jira admins and members of ai-review-board.',
    viewerAccountId: 'me',
    ...overrides,
  };
}

/** A portfolio's summary as the global page and the gadget show it. */
export function portfolioSummary(overrides: Partial<PortfolioSummary> = {}): PortfolioSummary {
  const {
    rows: _rows,
    projectKey: _key,
    teams: _teams,
    viewerMayDecide: _decides,
    deciders: _deciders,
    viewerAccountId: _me,
    ...content
  } = portfolioView();
  return {
    ...content,
    pilots: 2,
    killList: [{ key: 'AIP-2', summary: 'Pilot AIP-2', daysSinceDemo: 120 }],
    ...overrides,
  };
}

export function globalPortfolioView(overrides: Partial<GlobalPortfolioView> = {}): GlobalPortfolioView {
  const {
    teams: _teams,
    viewerMayDecide: _decides,
    deciders: _deciders,
    viewerAccountId: _me,
    projectKey: _key,
    ...aip
  } = portfolioView();
  const {
    teams: _t,
    viewerMayDecide: _d,
    deciders: _ds,
    viewerAccountId: _m,
    projectKey: _k,
    ...team
  } = portfolioView({
    rows: [portfolioRow('TEAM-3', { band: 'ready', score: 100, firstBlockingGate: null })],
    countByBand: [
      { band: 'purgatory', pilots: 0 },
      { band: 'at-risk', pilots: 0 },
      { band: 'on-track', pilots: 0 },
      { band: 'ready', pilots: 1 },
    ],
  });
  return {
    projects: [
      { project: { key: 'AIP', name: 'AI Pilots' }, ...aip },
      { project: { key: 'TEAM', name: 'Team pilots' }, ...team },
    ],
    all: portfolioSummary({ pilots: 3 }),
    today: '2026-03-02',
    ...overrides,
  };
}
