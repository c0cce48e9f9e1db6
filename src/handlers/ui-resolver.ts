import Resolver from '@forge/resolver';
import { JiraClient } from '../jira/client';
import {
  applyTemplateChange,
  findReviewBoardGroups,
  getConfiguration,
  getReminderSettings,
  previewTemplateChange,
  repairInstallation,
  saveConfiguration,
  saveReminderSettings,
} from '../services/admin';
import { toResolverError, UserFacingError } from '../services/errors';
import {
  decideReview,
  governanceRights,
  grantWaiver,
  recordValueReview,
  revokeWaiver,
} from '../services/governance';
import {
  panelFor,
  requestDataAccess,
  restoreMissingWork,
  retryGeneration,
  saveMilestoneDates,
  saveProductionSpec,
  type PanelRequest,
} from '../services/panel';
import { findPeople } from '../services/people';
import {
  buildGadget,
  buildGlobalPortfolio,
  buildOwnerQueue,
  buildPortfolio,
  pilotProjects,
  type PortfolioRequest,
  type ViewerRequest,
} from '../services/portfolio';
import {
  generateServiceNowPushSecret,
  getServiceNowSettings,
  saveServiceNowSettings,
  testServiceNowConnection,
} from '../services/servicenow';
import type { ResolverCalls, ResolverResult } from '../ui-contract';

interface ResolverRequest {
  payload: unknown;
  context: {
    accountId?: string;
    extension?: {
      type?: string;
      issue?: { id?: string | number; key?: string; type?: string };
      project?: { id?: string | number; key?: string };
      /** A dashboard gadget's setting, as Jira keeps it with the gadget. */
      gadgetConfiguration?: unknown;
    };
  };
}

type ResolverContext = ResolverRequest['context'];

/** Far above any form's content (a whole template is a few KB); a larger payload is refused unread. */
export const MAX_PAYLOAD_CHARACTERS = 64 * 1024;
/** Far deeper than any form (a template is 4 levels deep); deeper payloads are refused unread. */
export const MAX_PAYLOAD_DEPTH = 32;

/**
 * How deeply the payload nests, counted without recursion: a small payload of arrays in arrays would
 * otherwise overflow the stack of whatever walks it (JSON.stringify, zod) and surface as "internal".
 * Stops counting past the limit.
 */
function depthOf(payload: unknown): number {
  let deepest = 0;
  const pending: Array<{ value: unknown; depth: number }> = [{ value: payload, depth: 0 }];
  while (pending.length > 0) {
    const { value, depth } = pending.pop() as { value: unknown; depth: number };
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_PAYLOAD_DEPTH) return deepest;
    for (const member of Object.values(value)) pending.push({ value: member, depth: depth + 1 });
  }
  return deepest;
}

function refusedUnread(message: string): ResolverResult<never> {
  return { ok: false, error: { code: 'invalid-input', message } };
}

function oversized(payload: unknown): ResolverResult<never> | null {
  if (depthOf(payload) > MAX_PAYLOAD_DEPTH)
    return refusedUnread(
      `Nothing was saved: the request is nested too deeply (more than ${MAX_PAYLOAD_DEPTH} levels). Send what the form sends.`,
    );
  const size = JSON.stringify(payload ?? null)?.length ?? 0;
  if (size <= MAX_PAYLOAD_CHARACTERS) return null;
  return refusedUnread(
    `Nothing was saved: the request is too large (${Math.ceil(size / 1024)} KB; at most ${MAX_PAYLOAD_CHARACTERS / 1024} KB). Shorten what you entered.`,
  );
}

/**
 * Runs one call for the viewing user about what the Forge context names (an issue, a project), never
 * the payload; every failure becomes a plain-words error. `subjectOf` answers undefined when the
 * context names nothing usable, and then the call is refused with `missing`.
 */
function viewerCall<S, T>(
  subjectOf: (context: ResolverContext) => { subject: S; label: string } | undefined,
  missing: string,
  action: (request: S & { accountId: string; asUser: JiraClient; now: Date }, payload: unknown) => Promise<T>,
) {
  return async ({ payload, context }: ResolverRequest): Promise<ResolverResult<T>> => {
    const tooLarge = oversized(payload);
    if (tooLarge) return tooLarge;
    const found = subjectOf(context);
    if (!found) return { ok: false, error: { code: 'not-found', message: missing } };
    const request = {
      ...found.subject,
      accountId: context.accountId ?? '',
      asUser: JiraClient.asUser(),
      now: new Date(),
    };
    try {
      return { ok: true, data: await action(request, payload ?? {}) };
    } catch (error) {
      return { ok: false, error: toResolverError(error, found.label) };
    }
  };
}

/** A panel call: about the issue the panel is on. */
function panelCall<T>(action: (request: PanelRequest, payload: unknown) => Promise<T>) {
  return viewerCall(
    (context) => {
      const issue = context.extension?.issue;
      if (!issue?.id && !issue?.key) return undefined;
      return {
        subject: {
          issueIdOrKey: String(issue.id ?? issue.key),
          ...(issue.key ? { issueKey: issue.key } : {}),
        },
        label: issue.key ?? String(issue.id),
      };
    },
    'Open this panel from a Jira issue.',
    action,
  );
}

/** A portfolio call: about the project page's project. */
function portfolioCall<T>(action: (request: PortfolioRequest, payload: unknown) => Promise<T>) {
  return viewerCall(
    (context) => {
      const projectKey = context.extension?.project?.key;
      return projectKey ? { subject: { projectKey }, label: `the pilots of ${projectKey}` } : undefined;
    },
    'Open the portfolio from a Jira project.',
    action,
  );
}

/**
 * A kill-list decision from the pilot panel (the pilot is the context's issue) or from the portfolio
 * (the pilot named in the payload, which must belong to the page's project).
 */
async function decideFromContext({ payload, context }: ResolverRequest) {
  const issue = context.extension?.issue;
  if (issue?.id || issue?.key) {
    return panelCall((request, body) =>
      decideReview({ ...request, pilotIdOrKey: request.issueIdOrKey }, body),
    )({
      payload,
      context,
    });
  }
  return portfolioCall((request, body) =>
    decideReview({ ...request, pilotIdOrKey: pilotKeyOf(body, 'Choose the pilot to decide on.') }, body),
  )({ payload, context });
}

/** The pilot a portfolio call is about, named in the payload (it must belong to the page's project). */
function pilotKeyOf(payload: unknown, missing: string): string {
  const pilotKey = (payload as { pilotKey?: unknown } | null)?.pilotKey;
  if (typeof pilotKey !== 'string' || pilotKey === '') throw new UserFacingError('invalid-input', missing);
  return pilotKey;
}

/** Runs one admin call; the admin check happens inside each action, on the server. */
function adminCall<T>(
  action: (asUser: JiraClient, payload: unknown, now: Date, accountId: string) => Promise<T>,
) {
  return async ({ payload, context }: ResolverRequest): Promise<ResolverResult<T>> => {
    const tooLarge = oversized(payload);
    if (tooLarge) return tooLarge;
    try {
      return {
        ok: true,
        data: await action(JiraClient.asUser(), payload ?? {}, new Date(), context.accountId ?? ''),
      };
    } catch (error) {
      return { ok: false, error: toResolverError(error, 'the settings') };
    }
  };
}

/** The people picker serves the panel, the portfolio and the admin page alike: no issue needed. */
async function findPeopleCall({
  payload,
}: ResolverRequest): Promise<ResolverResult<ResolverCalls['findPeople']['result']>> {
  const tooLarge = oversized(payload);
  if (tooLarge) return tooLarge;
  try {
    return { ok: true, data: await findPeople(JiraClient.asUser(), payload ?? {}) };
  } catch (error) {
    return { ok: false, error: toResolverError(error, 'people') };
  }
}

/**
 * A call about no issue and no project (the global page, the dashboard gadget): what the viewer may
 * browse decides what it shows; the gadget's setting comes from the Forge context, never the payload.
 */
function viewerOnlyCall<T>(
  action: (request: ViewerRequest, context: ResolverContext) => Promise<T>,
  label: string,
) {
  return async ({ payload, context }: ResolverRequest): Promise<ResolverResult<T>> => {
    const tooLarge = oversized(payload);
    if (tooLarge) return tooLarge;
    const request = { accountId: context.accountId ?? '', asUser: JiraClient.asUser(), now: new Date() };
    try {
      return { ok: true, data: await action(request, context) };
    } catch (error) {
      return { ok: false, error: toResolverError(error, label) };
    }
  };
}

/** A resolver function answering one call of the contract. */
type ResolverFor<K extends keyof ResolverCalls> = (
  request: ResolverRequest,
) => Promise<ResolverResult<ResolverCalls[K]['result']>>;

/**
 * Every call the Custom UI makes (ResolverCalls of ui-contract.ts), each with its resolver: a call the
 * contract names and the registry lacks, or a name the contract does not know, is a type error.
 */
export type ResolverRegistry = { [K in keyof ResolverCalls]: ResolverFor<K> };

export const RESOLVERS: ResolverRegistry = {
  getPanel: panelCall((request, payload) => panelFor(request, payload)),
  saveProductionSpec: panelCall(saveProductionSpec),
  requestDataAccess: panelCall(requestDataAccess),
  grantWaiver: panelCall(grantWaiver),
  revokeWaiver: panelCall(revokeWaiver),
  checkGovernanceRights: panelCall((request) => governanceRights(request)),
  retryGeneration: panelCall((request) => retryGeneration(request)),
  restoreMissingWork: panelCall((request) => restoreMissingWork(request)),
  saveMilestoneDates: panelCall(saveMilestoneDates),
  findPeople: findPeopleCall,
  getPortfolio: portfolioCall(buildPortfolio),
  getOwnerQueue: portfolioCall(buildOwnerQueue),
  getGlobalPortfolio: viewerOnlyCall((request) => buildGlobalPortfolio(request), 'the pilot projects'),
  getGadget: viewerOnlyCall(
    (request, context) => buildGadget(request, context.extension?.gadgetConfiguration),
    'the pilot projects',
  ),
  getPilotProjects: viewerOnlyCall((request) => pilotProjects(request), 'the pilot projects'),
  decideReview: decideFromContext,
  recordValueReview: portfolioCall((request, payload) =>
    recordValueReview({ ...request, pilotKey: pilotKeyOf(payload, 'Choose the pilot to review.') }, payload),
  ),
  getConfiguration: adminCall((asUser, _payload, now) => getConfiguration(asUser, now)),
  saveConfiguration: adminCall(saveConfiguration),
  findGroups: adminCall((asUser, payload) => findReviewBoardGroups(asUser, payload)),
  previewTemplateChange: adminCall(previewTemplateChange),
  applyTemplateChange: adminCall(applyTemplateChange),
  repairInstallation: adminCall((asUser, _payload, now) => repairInstallation(asUser, now)),
  getReminderSettings: adminCall((asUser) => getReminderSettings(asUser)),
  saveReminderSettings: adminCall(saveReminderSettings),
  getServiceNowSettings: adminCall((asUser) => getServiceNowSettings(asUser)),
  saveServiceNowSettings: adminCall(saveServiceNowSettings),
  testServiceNowConnection: adminCall((asUser, payload) => testServiceNowConnection(asUser, payload)),
  generateServiceNowPushSecret: adminCall((asUser, _payload, now) =>
    generateServiceNowPushSecret(asUser, now),
  ),
};

const resolver = new Resolver();
for (const [name, resolve] of Object.entries(RESOLVERS)) resolver.define(name, resolve);

export const uiResolver = resolver.getDefinitions();
