import type { ResolverCalls } from '../ui-contract';
import { RESOLVERS, type ResolverRegistry } from './ui-resolver';

// The registry is checked against the contract by the compiler (`npm test` type-checks this file):
const { getPanel: _getPanel, ...withoutGetPanel } = RESOLVERS;
// @ts-expect-error a call of the contract without its resolver
export const missing: ResolverRegistry = withoutGetPanel;
// @ts-expect-error a resolver under a name the contract does not know
export const misnamed: ResolverRegistry = { ...RESOLVERS, getPanels: RESOLVERS.getPanel };

/** Every call of the contract, listed once here: the compiler refuses a missing or unknown name. */
const CONTRACT_CALLS = Object.keys({
  getPanel: true,
  saveProductionSpec: true,
  requestDataAccess: true,
  grantWaiver: true,
  retryGeneration: true,
  restoreMissingWork: true,
  saveMilestoneDates: true,
  checkGovernanceRights: true,
  findPeople: true,
  revokeWaiver: true,
  findGroups: true,
  getPortfolio: true,
  getOwnerQueue: true,
  getGlobalPortfolio: true,
  getGadget: true,
  getPilotProjects: true,
  decideReview: true,
  recordValueReview: true,
  getConfiguration: true,
  saveConfiguration: true,
  previewTemplateChange: true,
  applyTemplateChange: true,
  repairInstallation: true,
  getReminderSettings: true,
  saveReminderSettings: true,
  getServiceNowSettings: true,
  saveServiceNowSettings: true,
  testServiceNowConnection: true,
  generateServiceNowPushSecret: true,
} satisfies Record<keyof ResolverCalls, true>);

describe('the resolvers the app registers', () => {
  it('are exactly the calls of the Custom UI contract, each a function', () => {
    expect(Object.keys(RESOLVERS).sort()).toEqual([...CONTRACT_CALLS].sort());
    for (const resolve of Object.values(RESOLVERS)) expect(typeof resolve).toBe('function');
  });
});
