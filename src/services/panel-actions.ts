import { route } from '@forge/api';
import { z } from 'zod';
import { utcCalendarDate } from '../domain/iso-date';
import { validateWaiverRequest } from '../domain/waivers';
import type { Waiver } from '../domain/types';
import { JiraClient, adfParagraphs } from '../jira/client';
import type { CreatedIssue, JiraIssue } from '../jira/types';
import { appendAudit } from '../storage/audit';
import { readConfig } from '../storage/config';
import { rememberIssueOwners } from '../storage/generation-record';
import { readGovernance, writeGovernance } from '../storage/governance';
import type { Provisioning } from '../storage/provisioning';
import type { DataAccessRequestInput, PanelView, PilotView } from '../ui-contract';
import { isJiraAdmin } from './admin-actions';
import { generatePilotWork } from './generate-pilot';
import { buildCompactPilotView, buildEpicView, buildPilotView } from './panel-view';
import { PRODUCTION_SPEC_PROPERTY, readPilotIssue } from './pilot-snapshot';
import { ensureProvisioned } from './provisioning-lookup';
import { recomputeReadiness } from './recompute-readiness';
import { UserFacingError } from './resolver-errors';

/** One panel call: the issue from the Forge context, the viewer, a Jira client acting as the viewer. */
export interface PanelRequest {
  issueIdOrKey: string;
  accountId: string;
  asUser: JiraClient;
  now: Date;
}

/**
 * The issue as the viewer sees it, checked the way the display condition checks it in the browser:
 * an AI Pilot or an epic. Reading it as the user is also the permission check.
 */
async function openIssue(
  request: PanelRequest,
  provisioning: Provisioning,
): Promise<{ issue: JiraIssue; isPilot: boolean }> {
  // Everything the pilot view needs, so showing a pilot reads the issue once.
  const issue = await readPilotIssue(request.asUser, request.issueIdOrKey, provisioning);
  const isPilot = issue.fields.issuetype?.id === provisioning.aiPilotIssueTypeId;
  const isEpic = issue.fields.issuetype?.hierarchyLevel === 1;
  if (!isPilot && !isEpic) {
    throw new UserFacingError(
      'not-a-pilot',
      `${issue.key} is neither an AI Pilot nor an epic: Pilot Pathway has nothing to show here.`,
    );
  }
  return { issue, isPilot };
}

/** The pilot view, from the issue already read or (after a change) read afresh. */
async function pilotView(
  request: PanelRequest,
  provisioning?: Provisioning,
  issue?: JiraIssue,
): Promise<PilotView> {
  const config = await readConfig();
  const site = provisioning ?? (await ensureProvisioned(request.now));
  const isAdmin = await isJiraAdmin(request.asUser);
  return buildPilotView(request.asUser, issue ?? request.issueIdOrKey, site, config.template, request.now, {
    accountId: request.accountId,
    isAdmin,
  });
}

/** A pilot opened by the viewer; refuses epics and other issue types. */
async function openPilot(request: PanelRequest): Promise<{ issue: JiraIssue; provisioning: Provisioning }> {
  const provisioning = await ensureProvisioned(request.now);
  const { issue, isPilot } = await openIssue(request, provisioning);
  if (!isPilot)
    throw new UserFacingError('not-a-pilot', `${issue.key} is an epic: open one of its pilots to change it.`);
  return { issue, provisioning };
}

const panelRequestSchema = z.object({ compact: z.boolean().optional() }).strict();

/**
 * The panel's data. `compact` (the issue context) shows a pilot from its stored readiness, with no
 * Jira call beyond reading the issue; the full panel computes it live with every list it shows.
 */
export async function panelFor(request: PanelRequest, payload: unknown = {}): Promise<PanelView> {
  const options = panelRequestSchema.safeParse(payload ?? {});
  if (!options.success) throw invalidInput(options.error, 'The panel asked for something it cannot have.');
  const provisioning = await ensureProvisioned(request.now);
  const { issue, isPilot } = await openIssue(request, provisioning);
  const { template } = await readConfig();
  if (!isPilot) return buildEpicView(request.asUser, issue, provisioning, template);
  const compact = options.data.compact
    ? await buildCompactPilotView(issue, provisioning, template, request.now)
    : undefined;
  return compact ?? pilotView(request, provisioning, issue);
}

const specText = z.string().trim().max(1000, 'Keep it under 1000 characters').optional().default('');
const productionSpecSchema = z.object({
  latency: specText,
  availability: specText,
  rollback: specText,
  monitoring: specText,
});

function invalidInput(error: z.ZodError, message: string): UserFacingError {
  const fieldErrors = Object.fromEntries(
    error.issues.map((issue) => [String(issue.path[0] ?? 'form'), issue.message]),
  );
  return new UserFacingError('invalid-input', message, fieldErrors);
}

/** Diagnostic question 4's evidence: the production spec, written as the viewer (Jira checks edit rights). */
export async function saveProductionSpec(request: PanelRequest, payload: unknown): Promise<PilotView> {
  const spec = productionSpecSchema.safeParse(payload);
  if (!spec.success)
    throw invalidInput(spec.error, 'The production spec was not saved: fix the marked entries.');
  const { issue } = await openPilot(request);
  await request.asUser.setIssueProperty(issue.id, PRODUCTION_SPEC_PROPERTY, spec.data);
  await recomputeReadiness(issue.id, request.now, request.accountId);
  return pilotView(request);
}

const dataAccessRequestSchema = z.object({
  target: z.literal('jira', { error: 'Choose where to file the request' }),
  dataSource: z
    .string()
    .trim()
    .min(1, 'Name the data source')
    .max(200, 'Keep the data source under 200 characters'),
  stewardAccountId: z.string().trim().min(1, 'Choose the data steward'),
  justification: z.string().trim().min(10, 'Explain in at least 10 characters why the pilot needs this data'),
});

/** Files a Jira data-access ticket linked to the pilot with the *Data access* link type (product.md §4). */
export async function requestDataAccess(
  request: PanelRequest,
  payload: unknown,
): Promise<{ key: string; view: PilotView }> {
  const input = dataAccessRequestSchema.safeParse(payload);
  if (!input.success)
    throw invalidInput(input.error, 'The data-access request was not filed: fix the marked entries.');
  const { issue, provisioning } = await openPilot(request);
  await checkSteward(request.asUser, input.data.stewardAccountId);
  const ticket = await fileJiraDataAccessTicket(request.asUser, issue, provisioning, input.data);
  await rememberIssueOwners(issue.id, [ticket.id]);
  await recomputeReadiness(issue.id, request.now, request.accountId);
  return { key: ticket.key, view: await pilotView(request) };
}

async function checkSteward(jira: JiraClient, accountId: string): Promise<void> {
  const user = await jira
    .request<{ active?: boolean }>('GET', route`/rest/api/3/user?${new URLSearchParams({ accountId })}`)
    .catch(() => undefined);
  if (!user || user.active === false) {
    throw new UserFacingError(
      'invalid-input',
      'The data-access request was not filed: fix the marked entries.',
      {
        stewardAccountId: user
          ? 'This person is deactivated: choose an active data steward'
          : 'No Jira user has this account id',
      },
    );
  }
}

async function fileJiraDataAccessTicket(
  jira: JiraClient,
  pilot: JiraIssue,
  provisioning: Provisioning,
  input: DataAccessRequestInput,
): Promise<CreatedIssue> {
  return jira.request<CreatedIssue>('POST', route`/rest/api/3/issue`, {
    fields: {
      project: { key: pilot.fields.project?.key },
      issuetype: { name: 'Task' },
      summary: `Data access: ${input.dataSource} for ${pilot.key}`,
      assignee: { accountId: input.stewardAccountId },
      description: adfParagraphs(
        `Data source: ${input.dataSource}\nRequested for AI pilot ${pilot.key}.\nJustification: ${input.justification}`,
      ),
    },
    update: {
      issuelinks: [
        { add: { type: { name: provisioning.dataAccessLinkType.name }, inwardIssue: { key: pilot.key } } },
      ],
    },
  });
}

/** Waives one gate criterion (product.md §7); only an admin or the pilot's production owner may. */
export async function grantWaiver(request: PanelRequest, payload: unknown): Promise<PilotView> {
  const { issue, provisioning } = await openPilot(request);
  const config = await readConfig();
  const today = utcCalendarDate(request.now);
  if (!(await mayWaive(request, issue, provisioning))) {
    throw new UserFacingError(
      'no-permission',
      "Only a Jira admin or the pilot's production owner can grant a waiver.",
    );
  }
  const validation = validateWaiverRequest(payload, today, config.template);
  if (!validation.ok) {
    throw new UserFacingError(
      'invalid-input',
      `The waiver was not granted: ${validation.errors.join('; ')}.`,
      {
        form: validation.errors.join('; '),
      },
    );
  }
  const waiver: Waiver = {
    id: `${issue.id}-${request.now.getTime()}`,
    ...validation.request,
    grantedBy: request.accountId,
    grantedAt: request.now.toISOString(),
  };
  const governance = await readGovernance(issue.id);
  await writeGovernance(issue.id, { ...governance, waivers: [...governance.waivers, waiver] });
  await appendAudit(
    issue.id,
    {
      at: waiver.grantedAt,
      actorAccountId: request.accountId,
      action: 'waiver',
      summary: `Waived ${describeCriterion(waiver)} on ${waiver.milestone}, blocking again on ${waiver.expires}: ${waiver.reason}`,
      details: waiver,
    },
    waiver.id,
  );
  await recomputeReadiness(issue.id, request.now, request.accountId);
  return pilotView(request);
}

/** product.md §7: an admin or the pilot's production owner may waive. */
async function mayWaive(
  request: PanelRequest,
  pilot: JiraIssue,
  provisioning: Provisioning,
): Promise<boolean> {
  const ownerField = provisioning.fields.productionOwner;
  const owner = ownerField ? (pilot.fields[ownerField] as { accountId?: string } | null | undefined) : null;
  return owner?.accountId === request.accountId || (await isJiraAdmin(request.asUser));
}

function describeCriterion(waiver: Waiver): string {
  return waiver.criterion.type === 'workstream'
    ? `workstream ${waiver.criterion.row}`
    : waiver.criterion.type;
}

/** Runs generation again for what is missing; nothing existing is created twice. */
export async function retryGeneration(request: PanelRequest): Promise<PilotView> {
  const { issue } = await openPilot(request);
  await generatePilotWork(issue.id, request.now, `retry-${issue.id}-${request.now.getTime()}`);
  await recomputeReadiness(issue.id, request.now, request.accountId);
  return pilotView(request);
}
