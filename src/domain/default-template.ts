import { REVIEW_KINDS, type OwnershipTemplate, type ReviewKind } from './types';

/** The default review kinds diagnostic question 3 asks about (configuration, editable per kind). */
export const EARLY_ENGAGED_REVIEW_KINDS: readonly ReviewKind[] = ['security', 'compliance', 'legal'];

/** The default ownership template, version 1 (product.md §1–§3, §5). */
export const DEFAULT_TEMPLATE: OwnershipTemplate = {
  version: 1,
  milestones: [
    { key: 'demo-sign-off', name: 'Demo sign-off', week: 6 },
    { key: 'integration-testing', name: 'Integration testing', week: 8 },
    { key: 'load-testing', name: 'Load testing', week: 10 },
    { key: 'user-rollout', name: 'User rollout', week: 11 },
    { key: 'production-deployment', name: 'Production deployment', week: 12 },
    { key: 'production-go-live', name: 'Production go-live', week: 13 },
  ],
  rows: [
    {
      key: 'model-validation',
      workstream: 'Model development & validation',
      ownerTeam: 'Data science team',
      startWeek: 1,
      milestone: 'demo-sign-off',
      weight: 1,
    },
    {
      key: 'data-access',
      workstream: 'Data access requests',
      ownerTeam: 'Production pathway team',
      startWeek: 1,
      milestone: 'production-deployment',
      weight: 1,
    },
    {
      key: 'security-compliance',
      workstream: 'Security & compliance engagement',
      ownerTeam: 'Production pathway team',
      startWeek: 1,
      milestone: 'production-deployment',
      weight: 1,
    },
    {
      key: 'infrastructure',
      workstream: 'Infrastructure spec & provisioning',
      ownerTeam: 'Production pathway team',
      startWeek: 2,
      milestone: 'integration-testing',
      weight: 1,
    },
    {
      key: 'legacy-integration',
      workstream: 'Legacy system integration design',
      ownerTeam: 'Production pathway team',
      startWeek: 2,
      milestone: 'integration-testing',
      weight: 1,
    },
    {
      key: 'mlops',
      workstream: 'MLOps pipeline setup',
      ownerTeam: 'Production pathway team',
      startWeek: 3,
      milestone: 'load-testing',
      weight: 1,
    },
    {
      key: 'change-management',
      workstream: 'Business change management',
      ownerTeam: 'Business owner + PM',
      startWeek: 2,
      milestone: 'user-rollout',
      weight: 1,
    },
    {
      key: 'monitoring',
      workstream: 'Monitoring & alerting setup',
      ownerTeam: 'Production pathway team',
      startWeek: 4,
      milestone: 'production-go-live',
      weight: 1,
    },
  ],
  reviewKinds: REVIEW_KINDS.map((kind) => ({
    kind,
    projectKey: null,
    issueTypeName: 'Task',
    // Diagnostic question 3 (product.md §8): security, compliance and legal are engaged early.
    engagedEarly: EARLY_ENGAGED_REVIEW_KINDS.includes(kind),
  })),
  weights: { workstreams: 50, reviews: 25, dataAccess: 25 },
  rejectedResolutions: ["Won't Do", 'Declined', 'Rejected'],
};

/** The milestone whose gate also requires data access and reviews (product.md §6). */
export const PRODUCTION_DEPLOYMENT = 'production-deployment';
/** The workstream whose done date is the demo date when no sign-off date is set (product.md §9). */
export const MODEL_VALIDATION_ROW = 'model-validation';
