/**
 * A kill's budget (product.md §9) is an estimate a leader types: these bounds only keep typing slips
 * out. Free of zod, so the decision form says the same as the server.
 */
export const MAX_ENGINEERING_WEEKS = 10_000;
export const MAX_MONTHLY_COMPUTE_COST = 100_000_000;
