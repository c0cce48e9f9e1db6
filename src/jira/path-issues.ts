/**
 * The create payloads of a pilot's production path (product.md §1, §3, §10): the origin property is
 * stamped in the create call itself, and a review is linked to its pilot in the same call, so no issue
 * ever exists unmarked.
 */
import { ORIGIN_PROPERTY, type ReviewToCreate, type WorkstreamToCreate } from '../domain/generation-plan';
import type { Pilot } from '../domain/pilot';
import { adfParagraphs } from './adf';
import type { IssueUpdate } from './types';

/** One issue of the path to create: a workstream sub-task of the pilot, or a review ticket linked to it. */
export type PathIssueToCreate =
  | {
      kind: 'workstream';
      workstream: WorkstreamToCreate;
      pilot: Pick<Pilot, 'key' | 'projectKey'>;
      subtaskIssueTypeId: string;
    }
  | { kind: 'review'; review: ReviewToCreate; pilot: Pick<Pilot, 'key'> };

export function pathIssueUpdate(issue: PathIssueToCreate, reviewLinkTypeName: string): IssueUpdate {
  return issue.kind === 'workstream'
    ? workstreamUpdate(issue.workstream, issue.pilot, issue.subtaskIssueTypeId)
    : reviewUpdate(issue.review, issue.pilot, reviewLinkTypeName);
}

function workstreamUpdate(
  workstream: WorkstreamToCreate,
  pilot: Pick<Pilot, 'key' | 'projectKey'>,
  subtaskIssueTypeId: string,
): IssueUpdate {
  return {
    fields: {
      project: { key: pilot.projectKey },
      parent: { key: pilot.key },
      issuetype: { id: subtaskIssueTypeId },
      summary: workstream.summary,
      description: adfParagraphs(`${workstream.description}\nStarts: ${workstream.startDate}`),
      duedate: workstream.dueDate,
      ...(workstream.assigneeAccountId ? { assignee: { accountId: workstream.assigneeAccountId } } : {}),
    },
    properties: [{ key: ORIGIN_PROPERTY, value: workstream.origin }],
  };
}

function reviewUpdate(review: ReviewToCreate, pilot: Pick<Pilot, 'key'>, linkTypeName: string): IssueUpdate {
  return {
    fields: {
      project: { key: review.projectKey },
      issuetype: { name: review.issueTypeName },
      summary: review.summary,
      description: adfParagraphs(review.description),
    },
    update: { issuelinks: [{ add: { type: { name: linkTypeName }, outwardIssue: { key: pilot.key } } }] },
    properties: [{ key: ORIGIN_PROPERTY, value: review.origin }],
  };
}
