/**
 * Jira's issue and issue-link events: a new pilot gets its production path, a change that readiness
 * reads asks for a recompute of each pilot concerned, a *Data access* link joins or leaves a pilot, a
 * deleted pilot is forgotten and a deleted issue of one counts as missing; work that cannot finish in
 * the trigger is handed to the queue.
 */
export { handleDataAccessLinkChange, handleIssueChange, handleIssueDeletion } from './run-issue-work';
export type { IssueChange, LinkChange } from './issue-events';
export type { IssueDeletion } from './issue-deletions';
