/**
 * The portfolio page (product.md §11): a project's pilots from stored readiness, and an owner team's
 * queue; across projects (§15): the global page and the dashboard gadget.
 */
export { buildOwnerQueue, buildPortfolio, type PortfolioRequest } from './portfolio';
export { buildGadget, buildGlobalPortfolio, pilotProjects, type ViewerRequest } from './across-projects';
