/**
 * Waivers and kill-list decisions (product.md §7, §9, §14), allowed to deciders only (Jira admins and
 * the review board): granting and revoking a waiver, recording and applying a decision, and telling the
 * panel who may. Value reviews after go-live (§15), a decider's too.
 */
export { decideReview, type DecisionRequest } from './kill-decisions';
export { governanceRights } from './rights';
export { grantWaiver, revokeWaiver } from './waivers';
export { recordValueReview, type ValueReviewRequest } from './value-reviews';
