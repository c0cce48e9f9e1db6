import { z } from 'zod';
import { utcCalendarDate } from '../../domain/iso-date';
import { validateWaiverRequest } from '../../domain/waivers';
import type { OwnershipTemplate, Waiver } from '../../domain/types';
import type { JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { PilotGateway } from '../../jira/pilots';
import type { Pilot } from '../../domain/pilot';
import { appendAudit } from '../../storage/audit';
import { readConfig } from '../../storage/config';
import { readGenerationRecord } from '../../storage/generation-record';
import { readGovernance, writeGovernance } from '../../storage/governance';
import {
  isEpicRollUpComplete,
  noteDataAccessLink,
  readEpicMembers,
  readPilotView,
  readPilotViewOfIssue,
  writeEpicRollUp,
  type StoredPilotView,
} from '../../storage/pilot-state';
import type { Provisioning } from '../../domain/site-provisioning';
import type {
  DataAccessRequestInput,
  EpicView,
  GovernanceRights,
  PanelView,
  PilotView,
} from '../../ui-contract';
import { isAdminOrProductionOwner, knownAdminOrProductionOwner } from '../permissions/governance-permission';
import { generatePilotWork } from '../generation/generate-pilot';
import { pilotViewFrom, rollUp, searchEpicMembers, summaryOfMember } from './panel-view';
import { pilotRecord } from './pilot-record';
import { ensureProvisioned } from '../provisioning/provision-site';
import { recomputeSerialized } from '../readiness/recompute-queue';
import { UserFacingError } from '../errors/resolver-errors';
import { fileServiceNowRequest } from '../servicenow/filing';
import { serviceNowPanelOf, withServiceNow } from './servicenow-panel';

/** One panel call: the issue from the Forge context, the viewer, a Jira client acting as the viewer. */
export interface PanelRequest {
  issueIdOrKey: string;
  accountId: string;
  asUser: JiraClient;
  now: Date;
}

/**
 * The issue as the viewer sees it (one call, as the viewer: reading it is the permission check),
 * checked the way the display condition checks it in the browser: an AI Pilot or an epic.
 */
async function openIssue(request: PanelRequest, provisioning: Provisioning): Promise<Pilot> {
  const issue = await new PilotGateway(request.asUser, provisioning).readPilot(request.issueIdOrKey);
  if (!issue.isPilot && !issue.isEpic) {
    throw new UserFacingError(
      'not-a-pilot',
      `${issue.key} is neither an AI Pilot nor an epic: Pilot Pathway has nothing to show here.`,
    );
  }
  return issue;
}

/** A pilot opened by the viewer; refuses epics and other issue types. */
async function openPilot(request: PanelRequest): Promise<{ pilot: Pilot; provisioning: Provisioning }> {
  const provisioning = await ensureProvisioned(request.now);
  const pilot = await openIssue(request, provisioning);
  if (!pilot.isPilot)
    throw new UserFacingError('not-a-pilot', `${pilot.key} is an epic: open one of its pilots to change it.`);
  return { pilot, provisioning };
}

/**
 * The pilot view from its stored recompute (no Jira call); a pilot never recomputed with stored state
 * is recomputed once, as the app, so every viewer sees the same stored score.
 */
/** What a view needs to know of the pilot itself (read from Jira, or from its stored view). */
type ShownPilot = Pick<Pilot, 'id' | 'key' | 'summary' | 'productionOwner'>;

async function pilotView(
  request: PanelRequest,
  pilot: ShownPilot,
  template: OwnershipTemplate,
  options: { compact?: boolean; stored?: StoredPilotView } = {},
): Promise<PilotView> {
  const stored =
    options.stored ??
    (await readPilotView(pilot.id)) ??
    (await recomputeSerialized(pilot.id, request.now, `view-${pilot.id}-${request.now.getTime()}`))?.view;
  if (!stored) {
    throw new UserFacingError(
      'not-generated',
      `Readiness of ${pilot.key} is being computed; try again in a moment.`,
    );
  }
  const record = await readGenerationRecord(pilot.id);
  const compact = options.compact === true;
  const right = compact ? false : await knownAdminOrProductionOwner(request.accountId, pilot);
  const view = pilotViewFrom(stored, template, {
    summary: pilot.summary,
    generationProblems: record.problems.map((problem) => problem.message),
    canWaive: right === true,
    today: utcCalendarDate(request.now),
    compact,
  });
  if (compact) return view;
  // The same people may record a kill-list decision as may waive: an admin or the production owner.
  const recorded = await pilotRecord(pilot.id, { accountId: request.accountId, names: stored.names });
  return withServiceNow(
    {
      ...view,
      ...recorded,
      canDecide: right === true,
      ...(right === undefined ? { checkRights: true } : {}),
    },
    await serviceNowPanelOf(pilot.id),
  );
}

/**
 * An epic's roll-up (product.md §11) from its pilots' stored roll-up entries (Forge storage), kept
 * current by each pilot's recompute; an epic never rolled up is read once with one paged search.
 */
async function epicView(
  epic: Pilot,
  provisioning: Provisioning,
  template: OwnershipTemplate,
): Promise<EpicView> {
  if (!(await isEpicRollUpComplete(epic.id))) {
    await writeEpicRollUp(epic.id, await searchEpicMembers(PilotGateway.asApp(provisioning), epic));
  }
  return rollUp(epic, (await readEpicMembers(epic.id)).map(summaryOfMember), template);
}

const panelRequestSchema = z.object({ compact: z.boolean().optional() }).strict();

/**
 * The panel's data: for a pilot, its stored readiness and what the panel shows of it; for an epic, its
 * roll-up. Each costs one Jira call (reading the issue as the viewer) when nothing changed. `compact`
 * (the issue context) leaves out the lists it does not show.
 */
export async function panelFor(request: PanelRequest, payload: unknown = {}): Promise<PanelView> {
  const options = panelRequestSchema.safeParse(payload ?? {});
  if (!options.success) throw invalidInput(options.error, 'The panel asked for something it cannot have.');
  const stored = await readPilotViewOfIssue(request.issueIdOrKey);
  if (stored) return storedPilotView(request, stored, options.data.compact === true);
  const provisioning = await ensureProvisioned(request.now);
  const issue = await openIssue(request, provisioning);
  const { template } = await readConfig();
  if (!issue.isPilot) return epicView(issue, provisioning, template);
  return pilotView(request, issue, template, { compact: options.data.compact === true });
}

/**
 * A pilot the app has a stored view of, with no Jira call: Forge renders the panel, the issue context
 * and its lozenge only on the issue view of a person who can see the issue, and fills the issue into
 * the resolver's context itself (a browser cannot name another one), so the view permission is the
 * platform's. Everything shown comes from the stored view; what the viewer may change is asked of Jira
 * when they change something (docs/security.md).
 */
async function storedPilotView(
  request: PanelRequest,
  stored: StoredPilotView,
  compact: boolean,
): Promise<PilotView> {
  const { template } = await readConfig();
  return pilotView(request, shownPilotOf(stored), template, { compact, stored });
}

/** What a view needs of the pilot itself, from its stored view. */
function shownPilotOf(stored: StoredPilotView): ShownPilot {
  const { snapshot } = stored;
  return {
    id: snapshot.id,
    key: snapshot.key,
    summary: snapshot.summary,
    productionOwner: snapshot.productionOwnerAccountId
      ? { accountId: snapshot.productionOwnerAccountId, displayName: snapshot.productionOwnerAccountId }
      : null,
  };
}

/** The epic roll-up of an epic issue already read (for the issue context's lozenge). */
export async function epicRollUpOf(epic: Pilot, provisioning: Provisioning): Promise<EpicView> {
  return epicView(epic, provisioning, (await readConfig()).template);
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

/** After a change from the panel: the pilot recomputed now (serialized with queued recomputes), shown. */
async function recomputedView(
  request: PanelRequest,
  pilot: Pilot,
  recompute: { remoteLinksChanged?: boolean } = {},
): Promise<PilotView> {
  const { template } = await readConfig();
  const outcome = await recomputeSerialized(
    pilot.id,
    request.now,
    `panel-${pilot.id}-${request.now.getTime()}`,
    {
      actorAccountId: request.accountId,
      ...recompute,
    },
  );
  return pilotView(request, pilot, template, outcome ? { stored: outcome.view } : {});
}

/** Diagnostic question 4's evidence: the production spec, written as the viewer (Jira checks edit rights). */
export async function saveProductionSpec(request: PanelRequest, payload: unknown): Promise<PilotView> {
  const spec = productionSpecSchema.safeParse(payload);
  if (!spec.success)
    throw invalidInput(spec.error, 'The production spec was not saved: fix the marked entries.');
  const { pilot, provisioning } = await openPilot(request);
  const merged = Object.fromEntries(
    SPEC_ENTRIES.map((entry) => [entry, spec.data[entry] ?? pilot.productionSpec[entry] ?? '']),
  );
  await new PilotGateway(request.asUser, provisioning).writeProductionSpec(pilot.id, merged);
  return recomputedView(request, pilot);
}

/** Well under Jira's 32,767-character description limit, with room for the rest of the ticket. */
export const JUSTIFICATION_MAX_LENGTH = 5000;

const dataAccessRequestSchema = z.object({
  target: z.enum(['jira', 'servicenow'], { error: 'Choose where to file the request' }),
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

/**
 * Files a data-access request (product.md §4): a Jira ticket linked to the pilot with the *Data access*
 * link type, or a ServiceNow record the app files and links (§12).
 */
export async function requestDataAccess(
  request: PanelRequest,
  payload: unknown,
): Promise<{ key: string; view: PilotView }> {
  const input = dataAccessRequestSchema.safeParse(payload);
  if (!input.success)
    throw invalidInput(input.error, 'The data-access request was not filed: fix the marked entries.');
  const { pilot, provisioning } = await openPilot(request);
  const steward = await checkSteward(request.asUser, input.data.stewardAccountId);
  if (input.data.target === 'servicenow') {
    await checkMayEdit(request.asUser, pilot);
    const filed = await fileServiceNowRequest({
      pilot: { id: pilot.id, key: pilot.key },
      dataSource: input.data.dataSource,
      steward: { accountId: input.data.stewardAccountId, displayName: steward.displayName ?? '' },
      justification: input.data.justification,
      actorAccountId: request.accountId,
      now: request.now,
    });
    return { key: filed.number, view: await recomputedView(request, pilot, { remoteLinksChanged: true }) };
  }
  const ticket = await fileJiraDataAccessTicket(
    new PilotGateway(request.asUser, provisioning),
    pilot,
    input.data,
  );
  await noteDataAccessLink(pilot.id, ticket.id, true);
  return { key: ticket.key, view: await recomputedView(request, pilot) };
}

/** Filing in ServiceNow links the record to the pilot: only someone who may edit the pilot may. */
async function checkMayEdit(jira: JiraClient, pilot: Pilot): Promise<void> {
  const { EDIT_ISSUES } = await jira.myPermissions(['EDIT_ISSUES'], { issueId: pilot.id });
  if (!EDIT_ISSUES)
    throw new UserFacingError(
      'no-permission',
      `You need permission to edit ${pilot.key} to file a request for it.`,
    );
}

async function checkSteward(jira: JiraClient, accountId: string): Promise<{ displayName?: string }> {
  const user = await jira.getUser(accountId).catch(() => undefined);
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
  return user;
}

/** Files the ticket; a steward Jira will not assign in the pilot's project is named as such. */
async function fileJiraDataAccessTicket(gateway: PilotGateway, pilot: Pilot, input: DataAccessRequestInput) {
  try {
    return await gateway.fileDataAccessTicket(pilot, {
      summary: `Data access: ${input.dataSource} for ${pilot.key}`,
      assigneeAccountId: input.stewardAccountId,
      description: `Data source: ${input.dataSource}
Requested for AI pilot ${pilot.key}.
Justification: ${input.justification}`,
    });
  } catch (error) {
    const assigneeProblem =
      error instanceof JiraError && error.status === 400 ? error.body.errors?.assignee : undefined;
    if (!assigneeProblem) throw error;
    throw new UserFacingError(
      'invalid-input',
      'The data-access request was not filed: fix the marked entries.',
      {
        stewardAccountId: `This person cannot be assigned issues in ${pilot.projectKey}: choose another data steward, or ask a project admin to give them the Assignable user permission.`,
      },
    );
  }
}

/** Waives one gate criterion (product.md §7); only an admin or the pilot's production owner may. */
export async function grantWaiver(request: PanelRequest, payload: unknown): Promise<PilotView> {
  const { pilot } = await openPilot(request);
  const config = await readConfig();
  const today = utcCalendarDate(request.now);
  if (!(await isAdminOrProductionOwner(request.asUser, request.accountId, pilot))) {
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
    id: `${pilot.id}-${request.now.getTime()}`,
    ...validation.request,
    grantedBy: request.accountId,
    grantedAt: request.now.toISOString(),
  };
  const governance = await readGovernance(pilot.id);
  await writeGovernance(pilot.id, { ...governance, waivers: [...governance.waivers, waiver] });
  await appendAudit(
    pilot.id,
    {
      at: waiver.grantedAt,
      actorAccountId: request.accountId,
      action: 'waiver',
      summary: `Waived ${describeCriterion(waiver)} on ${waiver.milestone}, blocking again on ${waiver.expires}: ${waiver.reason}`,
      details: waiver,
    },
    waiver.id,
  );
  return recomputedView(request, pilot);
}

/**
 * What the panel asks when the viewer opens the waiver or decision form and their right is not known:
 * one call as the viewer (are they a Jira admin?) unless they are the pilot's production owner.
 */
export async function governanceRights(request: PanelRequest): Promise<GovernanceRights> {
  const stored = await readPilotViewOfIssue(request.issueIdOrKey);
  const pilot = stored ? shownPilotOf(stored) : (await openPilot(request)).pilot;
  const may = await isAdminOrProductionOwner(request.asUser, request.accountId, pilot);
  return { canWaive: may, canDecide: may };
}

function describeCriterion(waiver: Waiver): string {
  return waiver.criterion.type === 'workstream'
    ? `workstream ${waiver.criterion.row}`
    : waiver.criterion.type;
}

/** Runs generation again for what is missing; nothing existing is created twice. */
export async function retryGeneration(request: PanelRequest): Promise<PilotView> {
  const { pilot } = await openPilot(request);
  await generatePilotWork(pilot.id, request.now, `retry-${pilot.id}-${request.now.getTime()}`);
  return recomputedView(request, pilot);
}
