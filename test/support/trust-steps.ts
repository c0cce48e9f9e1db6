/**
 * Steps for the trust tests (product.md §14): the app's stored values as the sandbox's storage holds
 * them, the review board chosen as an admin does it, pilots put on the kill list, decisions and a
 * forged published property.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { SITE_GROUPS } from '../../sandbox/jira/seed';
import type { Sandbox } from '../../sandbox/server';
import type {
  ConfigurationView,
  PilotView,
  PortfolioView,
  ResolverResult,
  ReviewDecisionResult,
  TemplateChangePreview,
} from '../../src/ui-contract';
import { createPilot, fieldId, jira } from './jira-steps';
import { callPortfolio } from './resolver-calls';
import { adminCall, data, panelCall } from './servicenow-steps';

/** The review board group of the seeded site, whose member Bo Business is no Jira admin. */
export const REVIEW_BOARD = SITE_GROUPS.find((group) => group.name === 'ai-review-board') as {
  groupId: string;
  name: string;
};

/**
 * A value the app stores under `key`: its compare-and-set record (the entity store) if it has one,
 * else the plain entry (a value stored before compare-and-set).
 */
export function storedValue<T = unknown>(sandbox: Sandbox, key: string): T | undefined {
  const record = sandbox.runtime.kvs.snapshot('entity:versioned-record')[key] as { value: T } | undefined;
  return record ? record.value : (sandbox.runtime.kvs.snapshot()[key] as T | undefined);
}

/** The revision of a compare-and-set record (0: none yet). */
export function storedRevision(sandbox: Sandbox, key: string): number {
  const record = sandbox.runtime.kvs.snapshot('entity:versioned-record')[key] as
    { revision: number } | undefined;
  return record?.revision ?? 0;
}

/** The admin page as an admin opens it (its revision included). */
export async function openAdminPage(sandbox: Sandbox): Promise<ConfigurationView> {
  return data(await adminCall<ConfigurationView>(sandbox, 'getConfiguration'));
}

/** The admin chooses the review board group on the admin page. */
export async function chooseReviewBoard(sandbox: Sandbox, groupId: string | null = REVIEW_BOARD.groupId) {
  const { revision } = await openAdminPage(sandbox);
  return data(
    await adminCall<ConfigurationView>(sandbox, 'saveConfiguration', {
      revision,
      reviewBoardGroupId: groupId,
    }),
  );
}

/** A pilot whose demo was signed off 121 days before 2026-03-02: on the kill list. */
export async function killListPilot(
  sandbox: Sandbox,
  summary: string,
  options: { productionOwner?: string; projectKey?: string } = {},
): Promise<{ id: string; key: string }> {
  const demo = await fieldId(sandbox, 'Demo sign-off date');
  const owner = await fieldId(sandbox, 'Production owner');
  return createPilot(
    sandbox,
    summary,
    {
      [demo]: '2025-11-01',
      ...(options.productionOwner ? { [owner]: { accountId: options.productionOwner } } : {}),
    },
    options.projectKey ?? 'AIP',
  );
}

/** A kill-list decision from the portfolio page of the pilot's project. */
export function decide(
  sandbox: Sandbox,
  pilot: { key: string },
  decision: Record<string, unknown>,
  accountId: string = SANDBOX_USERS.admin.accountId,
  projectKey = 'AIP',
): Promise<ResolverResult<ReviewDecisionResult>> {
  return callPortfolio<ReviewDecisionResult>(
    sandbox,
    'decideReview',
    { pilotKey: pilot.key, decision },
    accountId,
    projectKey,
  );
}

export const KILL = { outcome: 'kill', reason: 'No production sponsor left' };

export async function portfolio(
  sandbox: Sandbox,
  accountId: string = SANDBOX_USERS.projectManager.accountId,
  projectKey = 'AIP',
): Promise<PortfolioView> {
  return data(await callPortfolio<PortfolioView>(sandbox, 'getPortfolio', {}, accountId, projectKey));
}

export async function panel(
  sandbox: Sandbox,
  pilot: { id: string; key: string },
  accountId: string = SANDBOX_USERS.projectManager.accountId,
): Promise<PilotView> {
  return data(await panelCall<PilotView>(sandbox, pilot, 'getPanel', {}, accountId));
}

/** What anyone who may edit the pilot can do: write the published property over. */
export async function forgeReadiness(
  sandbox: Sandbox,
  pilotKey: string,
  forged: Record<string, unknown> = { score: 100, band: 'ready', graduated: 'true', reviewRequired: 'false' },
  as: string = SANDBOX_USERS.projectManager.accountId,
): Promise<void> {
  await jira(sandbox, 'PUT', `/rest/api/3/issue/${pilotKey}/properties/pilot-readiness`, forged, as);
  await sandbox.idle();
}

/** The daily scheduled trigger, run to the end. */
export async function runDailyJob(sandbox: Sandbox): Promise<void> {
  await sandbox.runtime.runScheduled('daily-readiness-trigger');
  await sandbox.idle();
}

/** The pilot's audit log, oldest first, as stored. */
export function auditOf(
  sandbox: Sandbox,
  pilotId: string,
): Array<{ action: string; summary: string; actorName?: string }> {
  return Object.entries(sandbox.runtime.kvs.snapshot())
    .filter(([key]) => key.startsWith(`audit:${pilotId}:`))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, entry]) => entry as { action: string; summary: string; actorName?: string });
}

/** The template as the admin page loads it (a copy to edit). */
export async function loadedTemplate(sandbox: Sandbox): Promise<ConfigurationView['config']['template']> {
  return structuredClone((await openAdminPage(sandbox)).config.template);
}

/** The template with one more workstream row (before production deployment). */
export function withExtraRow(template: ConfigurationView['config']['template']) {
  return {
    ...template,
    rows: [
      ...template.rows,
      {
        key: 'model-risk-review',
        workstream: 'Model risk review',
        ownerTeam: 'Data science team',
        startWeek: 3,
        milestone: 'production-deployment',
        weight: 1,
      },
    ],
  };
}

/** An admin previews a template edit and confirms it on the revision the preview read. */
export async function applyTemplate(
  sandbox: Sandbox,
  template: unknown,
  accountId: string = SANDBOX_USERS.admin.accountId,
): Promise<{
  preview: TemplateChangePreview;
  applied: ResolverResult<{ version: number; pilotsQueued: number }>;
}> {
  const preview = data(
    await adminCall<TemplateChangePreview>(sandbox, 'previewTemplateChange', { template }, accountId),
  );
  const applied = await adminCall<{ version: number; pilotsQueued: number }>(
    sandbox,
    'applyTemplateChange',
    { template, confirmation: preview.confirmation, revision: preview.revision },
    accountId,
  );
  await sandbox.idle();
  return { preview, applied };
}
