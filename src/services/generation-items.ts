import type { ReviewToCreate, WorkstreamToCreate } from '../domain/generation-plan';
import { adfParagraphs } from '../jira/client';
import { ORIGIN_PROPERTY } from '../jira/pilots';
import type { Pilot } from '../domain/pilot';
import type { IssueUpdate } from '../jira/types';

/** One issue generation asks Jira to create: its plan item id, its label for messages, the create payload. */
export interface PlannedItem {
  /** `row:<key>` or `review:<kind>`. */
  id: string;
  label: string;
  update: IssueUpdate;
}

/**
 * The create payloads (product.md §1, §3, §10): the origin property is stamped in the create call
 * itself, and a review is linked to its pilot in the same call, so no issue ever exists unmarked.
 */
export function workstreamUpdate(
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

export function reviewUpdate(
  review: ReviewToCreate,
  pilot: Pick<Pilot, 'key'>,
  linkTypeName: string,
): IssueUpdate {
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
