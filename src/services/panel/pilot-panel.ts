/**
 * The pilot panel and the issue context (product.md §6, §11): a pilot's view from its stored recompute,
 * an epic's roll-up from its pilots' stored entries, and the view again after a change from the panel.
 */
import { z } from 'zod';
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import type { Pilot } from '../../domain/pilot';
import type { OwnershipTemplate } from '../../domain/types';
import type { Provisioning } from '../../domain/site-provisioning';
import type { AppConfig } from '../../storage/config';
import type { JiraClient } from '../../jira/client';
import { PilotGateway } from '../../jira/pilots';
import { readConfig } from '../../storage/config';
import { readGenerationRecord } from '../../storage/generation-record';
import {
  isEpicRollUpComplete,
  readEpicMembers,
  readPilotView,
  readPilotViewOfIssue,
  writeEpicRollUp,
  type EpicMember,
  type StoredPilotView,
} from '../../storage/pilot-state';
import type { EpicView, PanelView, PilotView } from '../../ui-contract';
import { invalidInput, UserFacingError } from '../errors';
import { decidersSentence, knownDecider } from '../permissions';
import { ensureProvisioned } from '../provisioning';
import { reportStaleReadiness } from '../queue';
import { recomputeSerialized } from '../readiness';
import { pilotViewFrom, rollUp, searchEpicMembers, summaryOfMember } from './panel-view';
import { pilotRecord } from './pilot-record';
import { serviceNowPanelOf, withServiceNow } from './servicenow-panel';

/** One panel call: the issue from the Forge context, the viewer, a Jira client acting as the viewer. */
export interface PanelRequest {
  issueIdOrKey: string;
  /** The issue's key as the Forge context names it, when it does. */
  issueKey?: string;
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
export async function openPilot(
  request: PanelRequest,
): Promise<{ pilot: Pilot; provisioning: Provisioning }> {
  const provisioning = await ensureProvisioned(request.now);
  const pilot = await openIssue(request, provisioning);
  if (!pilot.isPilot)
    throw new UserFacingError('not-a-pilot', `${pilot.key} is an epic: open one of its pilots to change it.`);
  return { pilot, provisioning };
}

/** What a view needs to know of the pilot itself (read from Jira, or from its stored view). */
type ShownPilot = Pick<Pilot, 'id' | 'key' | 'summary' | 'productionOwner'>;

/**
 * The pilot view from its stored recompute (no Jira call); a pilot never recomputed with stored state
 * is recomputed once, as the app, so every viewer sees the same stored score.
 */
async function pilotView(
  request: PanelRequest,
  pilot: ShownPilot,
  config: AppConfig,
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
  const right = compact ? false : await knownDecider(request.accountId, config.reviewBoard);
  const timeZone = siteTimeZone(await ensureProvisioned(request.now));
  const today = siteToday(request.now, timeZone);
  const view = pilotViewFrom(stored, config.template, {
    summary: pilot.summary,
    generationProblems: record.problems.map((problem) => problem.message),
    canWaive: right === true,
    today,
    compact,
  });
  if (compact) return view;
  // The deciders (product.md §14) both waive and decide.
  const recorded = await pilotRecord(pilot.id, { accountId: request.accountId, names: stored.names });
  return withServiceNow(
    {
      ...view,
      ...recorded,
      canDecide: right === true,
      deciders: decidersSentence(config.reviewBoard),
      ...(right === undefined ? { checkRights: true } : {}),
    },
    await serviceNowPanelOf(pilot.id, today, timeZone),
  );
}

/**
 * An epic's roll-up (product.md §11) from its pilots' stored roll-up entries (Forge storage), kept
 * current by each pilot's recompute; an epic never rolled up is read once with one paged search.
 * Only the pilots the viewer may browse are in it (see `browsableMembers`).
 */
async function epicView(
  asUser: JiraClient,
  epic: Pilot,
  provisioning: Provisioning,
  template: AppConfig['template'],
): Promise<EpicView> {
  if (!(await isEpicRollUpComplete(epic.id))) {
    await writeEpicRollUp(epic.id, await searchEpicMembers(PilotGateway.asApp(provisioning), epic));
  }
  return rollUp(epic, await browsableMembers(asUser, await readEpicMembers(epic.id)), template);
}

/**
 * The roll-up the app holds for an epic, with no read of the epic itself: Forge renders the panel,
 * the context and its lozenge only for someone who can see the epic, and names it in the context.
 * Undefined when the app holds no roll-up entry under this issue (not an epic with pilots, or one
 * never rolled up): the caller reads the issue then.
 */
export async function storedEpicRollUp(
  asUser: JiraClient,
  issueId: string,
  epicKey: string,
  template: OwnershipTemplate,
): Promise<EpicView | undefined> {
  if (!/^\d+$/.test(issueId) || !(await isEpicRollUpComplete(issueId))) return undefined;
  const members = await readEpicMembers(issueId);
  if (members.length === 0) return undefined;
  return rollUp({ key: epicKey }, await browsableMembers(asUser, members), template);
}

/**
 * The epic's pilots the viewer may browse (one bulk permission check as the viewer, 1 call per 1,000
 * pilots); the others are left out without a trace, as Jira's own child list leaves them out. The
 * app finds an epic's pilots as itself, so without this a viewer of the epic would learn of pilots
 * in projects they cannot see (docs/security.md).
 */
async function browsableMembers(asUser: JiraClient, members: EpicMember[]) {
  if (members.length === 0) return [];
  const browsable = await asUser.browsableIssueIds(members.map((member) => member.id));
  return members.filter((member) => browsable.has(member.id)).map(summaryOfMember);
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
  const { template } = await readConfig();
  const rolledUp = request.issueKey
    ? await storedEpicRollUp(request.asUser, request.issueIdOrKey, request.issueKey, template)
    : undefined;
  if (rolledUp) return rolledUp;
  const provisioning = await ensureProvisioned(request.now);
  const issue = await openIssue(request, provisioning);
  const config = await readConfig();
  if (!issue.isPilot) return epicView(request.asUser, issue, provisioning, config.template);
  return pilotView(request, issue, config, { compact: options.data.compact === true });
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
  return pilotView(request, shownPilotOf(stored), await readConfig(), { compact, stored });
}

/** What a view needs of the pilot itself, from its stored view. */
export function shownPilotOf(stored: StoredPilotView): ShownPilot {
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

/** The epic roll-up of an epic issue already read, as the viewer may see it (the lozenge). */
export async function epicRollUpOf(
  asUser: JiraClient,
  epic: Pilot,
  provisioning: Provisioning,
): Promise<EpicView> {
  return epicView(asUser, epic, provisioning, (await readConfig()).template);
}

/**
 * After a change from the panel: the pilot recomputed now (serialized with queued recomputes), shown.
 * The change is made by then (`change` says what it was); when the recompute fails, the pilot is
 * queued for one and its stored view is shown with a note, never an error that hides the change.
 */
export async function recomputedView(
  request: PanelRequest,
  pilot: Pilot,
  change: string,
  recompute: { remoteLinksChanged?: boolean } = {},
): Promise<PilotView> {
  const config = await readConfig();
  const invocationId = `panel-${pilot.id}-${request.now.getTime()}`;
  let outcome;
  try {
    outcome = await recomputeSerialized(pilot.id, request.now, invocationId, {
      actorAccountId: request.accountId,
      ...recompute,
    });
  } catch (error) {
    console.error(`pilot ${pilot.id}: recompute after "${change}" failed; queued`, error);
    await reportStaleReadiness(pilot.id, change, error, request.now, invocationId);
    const stored = await readPilotView(pilot.id);
    if (!stored) throw error;
    return pilotView(request, pilot, config, { stored });
  }
  return pilotView(request, pilot, config, outcome ? { stored: outcome.view } : {});
}
