import { route } from '@forge/api';
import { z } from 'zod';
import { utcCalendarDate } from '../domain/iso-date';
import { validateWaiverRequest } from '../domain/waivers';
import type { Waiver } from '../domain/types';
import { JiraClient, adfParagraphs } from '../jira/client';
import { JiraError } from '../jira/errors';
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

/** Each entry of the production spec (diagnostic question 4); Jira stores the four in one property. */
export const SPEC_ENTRY_MAX_LENGTH = 1000;
const SPEC_ENTRIES = ['latency', 'availability', 'rollback', 'monitoring'] as const;
const specText = z
  .string({ error: 'Write this entry as text' })
  .trim()
  .max(SPEC_ENTRY_MAX_LENGTH, `Keep it to ${SPEC_ENTRY_MAX_LENGTH} characters or fewer`)
  .optional();
/**
 * An edit of the production spec: the entries sent replace the stored ones (an empty text clears
 * one), the entries left out keep their stored text. An edit that sends no entry at all (`{}`, `null`)
 * is refused, so it can never wipe the spec by accident.
 */
const productionSpecSchema = z
  .strictObject(
    { latency: specText, availability: specText, rollback: specText, monitoring: specText },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'Only latency, availability, rollback and monitoring can be saved'
          : 'Send the production spec as latency, availability, rollback and monitoring entries',
    },
  )
  .refine((spec) => SPEC_ENTRIES.some((entry) => spec[entry] !== undefined), {
    error: 'Nothing to save: send at least one of latency, availability, rollback or monitoring',
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
  const stored = issue.properties?.[PRODUCTION_SPEC_PROPERTY];
  const merged: Record<string, string> = {};
  for (const entry of SPEC_ENTRIES) {
    const sent = spec.data[entry];
    const kept = (stored as Record<string, unknown> | undefined)?.[entry];
    merged[entry] = sent ?? (typeof kept === 'string' ? kept : '');
  }
  await request.asUser.setIssueProperty(issue.id, PRODUCTION_SPEC_PROPERTY, merged);
  await recomputeReadiness(issue.id, request.now, request.accountId);
  return pilotView(request);
}

/** Well under Jira's 32,767-character description limit, with room for the rest of the ticket. */
export const JUSTIFICATION_MAX_LENGTH = 5000;

const dataAccessRequestSchema = z.object({
  target: z.literal('jira', { error: 'Choose where to file the request' }),
  dataSource: z
    .string()
    .trim()
    .min(1, 'Name the data source')
    .max(200, 'Keep the data source under 200 characters')
    .regex(/^[^\r\n]*$/, 'Write the data source on one line'),
  stewardAccountId: z
    .string({ error: 'Choose the data steward' })
    .trim()
    .min(1, { error: 'Choose the data steward', abort: true })
    .max(128, 'This is not a Jira account id: choose the data steward from the list')
    .regex(/^[A-Za-z0-9:_-]+$/, 'This is not a Jira account id: choose the data steward from the list'),
  justification: z
    .string({ error: 'Explain why the pilot needs this data' })
    .trim()
    .min(10, 'Explain in at least 10 characters why the pilot needs this data')
    .max(
      JUSTIFICATION_MAX_LENGTH,
      `Keep the justification to ${JUSTIFICATION_MAX_LENGTH} characters or fewer`,
    ),
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
  try {
    return await createDataAccessTicket(jira, pilot, provisioning, input);
  } catch (error) {
    const assigneeProblem =
      error instanceof JiraError && error.status === 400 ? error.body.errors?.assignee : undefined;
    if (!assigneeProblem) throw error;
    const projectKey = pilot.fields.project?.key ?? "the pilot's project";
    throw new UserFacingError(
      'invalid-input',
      'The data-access request was not filed: fix the marked entries.',
      {
        stewardAccountId: `This person cannot be assigned issues in ${projectKey}: choose another data steward, or ask a project admin to give them the Assignable user permission.`,
      },
    );
  }
}

function createDataAccessTicket(
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
      summary: `Waived ${describeCriterion(waiver)} on ${waiver.milestone} until ${waiver.expires}: ${waiver.reason}`,
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
