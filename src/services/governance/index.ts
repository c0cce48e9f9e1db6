/**
 * Waivers and kill-list decisions (product.md §7, §9), allowed to a Jira admin or the pilot's production
 * owner: granting a waiver, recording and applying a decision, and telling the panel who may.
 */
export { decideReview, type DecisionRequest } from './kill-decisions';
export { governanceRights } from './rights';
export { grantWaiver } from './waivers';
