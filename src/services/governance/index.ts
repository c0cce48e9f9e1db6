/**
 * Waivers and kill-list decisions (product.md §7, §9), allowed to a Jira admin or the pilot's production
 * owner: granting a waiver, recording and applying a decision, and telling the panel who may. Value
 * reviews after go-live (§15), a decider's.
 */
export { decideReview, type DecisionRequest } from './kill-decisions';
export { governanceRights } from './rights';
export { grantWaiver } from './waivers';
export { recordValueReview, type ValueReviewRequest } from './value-reviews';
