/**
 * The purgatory diagnostic (product.md §8): seven yes/no questions answered from the pilot's
 * Jira and ServiceNow data, each with the evidence a reader can check.
 */
import { listedDataSources, sourcesWithoutRequest } from './data-sources';
import { MODEL_VALIDATION_ROW } from './default-template';
import { REVIEWS_ENGAGED_QUESTION } from './diagnostic-questions';
import {
  describeReviewIssues,
  describeWorkstreamIssues,
  keysWithStates,
  reviewIssuesOfKind,
  workstreamIssuesOfRow,
} from './states';
import type {
  DiagnosticAnswer,
  OwnershipTemplate,
  PilotSnapshot,
  ProductionSpecEntry,
  ReviewKind,
  WorkstreamIssue,
} from './types';

export interface DiagnosticResult {
  answers: DiagnosticAnswer[];
  noCount: number;
}

/**
 * The review kinds question 3 asks about: those the template marks `engagedEarly` (by default
 * security, compliance and legal). Read from the template, so an admin who removes or renames a
 * kind changes the question with it instead of leaving it asking for a ticket that never comes.
 */
export function engagedReviewKinds(template: OwnershipTemplate): ReviewKind[] {
  return template.reviewKinds.filter((config) => config.engagedEarly === true).map((config) => config.kind);
}
/** The four entries of a written production spec (question 4), in display order. */
export const PRODUCTION_SPEC_ENTRIES: readonly ProductionSpecEntry[] = [
  'latency',
  'availability',
  'rollback',
  'monitoring',
];

const DATA_ACCESS_ROW = 'data-access';
const INFRASTRUCTURE_ROW = 'infrastructure';
const CHANGE_MANAGEMENT_ROW = 'change-management';

function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

/** True when the row has a sub-task and every one of its sub-tasks is in progress or done. */
function isUnderWay(issues: readonly WorkstreamIssue[]): boolean {
  return issues.length > 0 && issues.every((issue) => issue.statusCategory !== 'new');
}

function workstreamEvidence(label: string, issues: readonly WorkstreamIssue[]): string {
  return issues.length === 0 ? `${label}: no sub-task` : `${label} ${describeWorkstreamIssues(issues)}`;
}

/** Q1: a production owner is named, and is not the person building the model. */
export function productionOwnerAnswer(snapshot: PilotSnapshot): DiagnosticAnswer {
  const owner = snapshot.productionOwnerAccountId?.trim() ?? '';
  if (owner === '') return { id: 1, yes: false, evidence: 'Production owner: not set' };
  const modelIssues = workstreamIssuesOfRow(snapshot.workstreams, MODEL_VALIDATION_ROW);
  const ownedByModeller = modelIssues.filter((issue) => issue.assigneeAccountId?.trim() === owner);
  if (ownedByModeller.length > 0) {
    const keys = ownedByModeller.map((issue) => issue.key).join(', ');
    return {
      id: 1,
      yes: false,
      evidence: `Production owner: ${owner} is also the assignee of the ${MODEL_VALIDATION_ROW} workstream ${keys}`,
    };
  }
  return {
    id: 1,
    yes: true,
    evidence: `Production owner: ${owner}, not the ${MODEL_VALIDATION_ROW} assignee`,
  };
}

/**
 * Q2: the data-access workstream under way, and a request for each data source the production spec
 * lists (product.md §15); with no source listed, at least one data-access ticket (§8).
 */
export function dataAccessRequestedAnswer(snapshot: PilotSnapshot): DiagnosticAnswer {
  const tickets = snapshot.dataAccess;
  const count = `${tickets.length} ticket${tickets.length === 1 ? '' : 's'}`;
  const ticketText = tickets.length === 0 ? 'no ticket' : `${count} (${keysWithStates(tickets)})`;
  const issues = workstreamIssuesOfRow(snapshot.workstreams, DATA_ACCESS_ROW);
  const listed = listedDataSources(snapshot.productionSpec.dataSources);
  const missing = sourcesWithoutRequest(listed, tickets);
  const requested = listed.length === 0 ? tickets.length > 0 : missing.length === 0;
  return {
    id: 2,
    yes: requested && isUnderWay(issues),
    evidence: `Data access: ${ticketText}; ${workstreamEvidence('workstream', issues)}; ${sourcesEvidence(listed, missing)}`,
  };
}

function sourcesEvidence(listed: readonly string[], missing: readonly string[]): string {
  if (listed.length === 0) return 'no data source listed in the production spec';
  if (missing.length === 0) return `every listed data source requested (${listed.join(', ')})`;
  return `no request for ${missing.join(', ')} (${listed.length - missing.length} of ${listed.length} listed data sources requested)`;
}

/** Q3: the early-engaged review tickets (security, compliance, legal) exist and each is in progress or done. */
export function reviewsEngagedAnswer(snapshot: PilotSnapshot, template: OwnershipTemplate): DiagnosticAnswer {
  const kinds = engagedReviewKinds(template);
  if (kinds.length === 0) {
    return {
      id: REVIEWS_ENGAGED_QUESTION,
      yes: false,
      evidence:
        'Reviews: no review kind is marked "engaged early" in the template; an admin marks them on the admin page',
    };
  }
  const ticketsByKind = kinds.map((kind) => ({
    kind,
    issues: reviewIssuesOfKind(snapshot.reviews, kind),
  }));
  const yes = ticketsByKind.every(
    ({ issues }) => issues.length > 0 && issues.every((issue) => issue.statusCategory !== 'new'),
  );
  const parts = ticketsByKind.map(({ kind, issues }) =>
    issues.length === 0
      ? `${kind}: no ticket`
      : `${kind} ${describeReviewIssues(issues, template.rejectedResolutions)}`,
  );
  return { id: REVIEWS_ENGAGED_QUESTION, yes, evidence: `Reviews: ${parts.join('; ')}` };
}

/** Q4: latency, availability, rollback and monitoring requirements are all written down. */
export function productionSpecAnswer(snapshot: PilotSnapshot): DiagnosticAnswer {
  const missing = PRODUCTION_SPEC_ENTRIES.filter((entry) => isBlank(snapshot.productionSpec[entry]));
  if (missing.length === 0) {
    return {
      id: 4,
      yes: true,
      evidence: 'Production spec: latency, availability, rollback and monitoring recorded',
    };
  }
  return { id: 4, yes: false, evidence: `Production spec: missing ${missing.join(', ')}` };
}

/** Q5: the infrastructure workstream is in progress or done. */
export function infrastructureAnswer(snapshot: PilotSnapshot): DiagnosticAnswer {
  const issues = workstreamIssuesOfRow(snapshot.workstreams, INFRASTRUCTURE_ROW);
  return {
    id: 5,
    yes: isUnderWay(issues),
    evidence: workstreamEvidence('Infrastructure workstream', issues),
  };
}

/** Q6: the pilot's Due date (the production-deployment target) is set. */
export function productionDateAnswer(snapshot: PilotSnapshot): DiagnosticAnswer {
  if (snapshot.dueDate === null) return { id: 6, yes: false, evidence: 'Due date: not set' };
  return { id: 6, yes: true, evidence: `Due date: ${snapshot.dueDate}` };
}

/** Q7: the change-management workstream is assigned and in progress or done. */
export function changeManagementAnswer(snapshot: PilotSnapshot): DiagnosticAnswer {
  const issues = workstreamIssuesOfRow(snapshot.workstreams, CHANGE_MANAGEMENT_ROW);
  const label = 'Change management workstream';
  if (issues.length === 0) return { id: 7, yes: false, evidence: `${label}: no sub-task` };
  const assigned = issues.every((issue) => !isBlank(issue.assigneeAccountId));
  const parts = issues.map(
    (issue) =>
      `${describeWorkstreamIssues([issue])}, ${isBlank(issue.assigneeAccountId) ? 'unassigned' : 'assigned'}`,
  );
  return { id: 7, yes: assigned && isUnderWay(issues), evidence: `${label} ${parts.join('; ')}` };
}

export function runDiagnostic(snapshot: PilotSnapshot, template: OwnershipTemplate): DiagnosticResult {
  const answers = [
    productionOwnerAnswer(snapshot),
    dataAccessRequestedAnswer(snapshot),
    reviewsEngagedAnswer(snapshot, template),
    productionSpecAnswer(snapshot),
    infrastructureAnswer(snapshot),
    productionDateAnswer(snapshot),
    changeManagementAnswer(snapshot),
  ];
  return { answers, noCount: answers.filter((answer) => !answer.yes).length };
}
