/** The portfolio page (product.md §11): a project's pilots from stored readiness, and an owner team's queue. */
export { buildOwnerQueue, buildPortfolio, type PortfolioRequest } from './portfolio';
