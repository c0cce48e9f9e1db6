import { ORIGIN_PROPERTY, type ReviewToCreate, type WorkstreamToCreate } from '../domain/generation-plan';
import { adfParagraphs } from '../jira/client';
import type { IssueUpdate, JiraIssue } from '../jira/types';

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
  pilot: JiraIssue,
  subtaskIssueTypeId: string,
): IssueUpdate {
  return {
    fields: {
      project: { key: pilot.fields.project?.key },
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

export function reviewUpdate(review: ReviewToCreate, pilot: JiraIssue, linkTypeName: string): IssueUpdate {
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
