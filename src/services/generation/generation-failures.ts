import type { BulkCreateResult } from '../../jira/client';
import type { GenerationProblem } from '../../storage/generation-record';
import type { PathIssueToCreate } from '../../jira/path-issues';

/** One issue generation asks Jira to create: its plan item id, its label for messages, the issue itself. */
export interface PlannedItem {
  /** `row:<key>` or `review:<kind>`. */
  id: string;
  label: string;
  issue: PathIssueToCreate;
}

/** The account a planned workstream is assigned to (none for reviews). */
export function plannedAssignee(item: PlannedItem): string | null {
  return item.issue.kind === 'workstream' ? item.issue.workstream.assigneeAccountId || null : null;
}

/**
 * Sorts failed elements: transient ones (429, 5xx) are retried in the next round; an inactive assignee
 * is retried unassigned with a note; anything else becomes a recorded problem. Returns how many to retry.
 */
export function handleFailures(
  items: PlannedItem[],
  result: BulkCreateResult,
  problems: Map<string, GenerationProblem>,
  now: Date,
): number {
  let retryable = 0;
  for (const failure of result.failed) {
    const item = items[failure.index];
    if (!item) continue;
    if (failure.status === 429 || failure.status >= 500) {
      retryable++;
    } else if (/assignee/i.test(failure.message) && plannedAssignee(item)) {
      problems.set(unassignableKey(item.id), {
        item: item.id,
        message: `"${item.label}" was created unassigned: its owner's account cannot be assigned (${failure.message}). Update the owner team mapping on the admin page.`,
        at: now.toISOString(),
      });
      retryable++;
    } else {
      problems.set(item.id, {
        item: item.id,
        message: notCreatedMessage(item, failure.message),
        at: now.toISOString(),
      });
    }
  }
  return retryable;
}

export const unassignableKey = (itemId: string) => `${itemId}:assignee`;

/** Why an element was refused, in words that say what to fix. */
function notCreatedMessage(item: PlannedItem, jiraMessage: string): string {
  const said = jiraMessage.replace(/\.+$/, '');
  const isSubtask = item.id.startsWith('row:');
  if (isSubtask && /issuetype|parent|sub-?task/i.test(said)) {
    const project =
      item.issue.kind === 'workstream' ? item.issue.pilot.projectKey : item.issue.review.projectKey;
    return `"${item.label}" was not created: project ${project} does not accept sub-tasks (Jira said: ${said}). Enable sub-tasks (Jira settings > Work items > Sub-tasks) and keep the Sub-task type in the project's issue type scheme, then choose "Retry generation" on the pilot's panel.`;
  }
  if (/project/i.test(said)) {
    return `"${item.label}" was not created: its project does not exist or the app cannot create issues there (Jira said: ${said}). Fix the review project on the Pilot Pathway admin page, then choose "Retry generation".`;
  }
  return `"${item.label}" was not created: ${said}.`;
}

export function problemComment(problems: GenerationProblem[]): string {
  return [
    "Pilot Pathway could not lay out all of this pilot's production path:",
    ...problems.map((problem) => `- ${problem.message}`),
    'Fix the cause, then choose "Retry generation" on the Production readiness panel; nothing will be created twice.',
  ].join('\n');
}
