import Resolver from '@forge/resolver';
import { JiraClient } from '../jira/client';
import {
  grantWaiver,
  panelFor,
  requestDataAccess,
  retryGeneration,
  saveProductionSpec,
  type PanelRequest,
} from '../services/panel-actions';
import { findPeople } from '../services/people';
import { toResolverError } from '../services/resolver-errors';
import { getConfiguration, repairInstallation, saveConfiguration } from '../services/admin-actions';
import { applyTemplateChange, previewTemplateChange } from '../services/template-change';
import type { ResolverResult } from '../ui-contract';

interface ResolverRequest {
  payload: unknown;
  context: {
    accountId?: string;
    extension?: { type?: string; issue?: { id?: string | number; key?: string; type?: string } };
  };
}

/** Far above any form's content (a whole template is a few KB); a larger payload is refused unread. */
export const MAX_PAYLOAD_CHARACTERS = 64 * 1024;

function oversized(payload: unknown): ResolverResult<never> | null {
  const size = JSON.stringify(payload ?? null)?.length ?? 0;
  if (size <= MAX_PAYLOAD_CHARACTERS) return null;
  return {
    ok: false,
    error: {
      code: 'invalid-input',
      message: `Nothing was saved: the request is too large (${Math.ceil(size / 1024)} KB; at most ${MAX_PAYLOAD_CHARACTERS / 1024} KB). Shorten what you entered.`,
    },
  };
}

/** Runs one panel call for the viewing user; every failure becomes a plain-words error for the panel. */
function panelCall<T>(action: (request: PanelRequest, payload: unknown) => Promise<T>) {
  return async ({ payload, context }: ResolverRequest): Promise<ResolverResult<T>> => {
    const tooLarge = oversized(payload);
    if (tooLarge) return tooLarge;
    const issue = context.extension?.issue;
    if (!issue?.id && !issue?.key) {
      return { ok: false, error: { code: 'not-found', message: 'Open this panel from a Jira issue.' } };
    }
    const request: PanelRequest = {
      issueIdOrKey: String(issue.id ?? issue.key),
      accountId: context.accountId ?? '',
      asUser: JiraClient.asUser(),
      now: new Date(),
    };
    try {
      return { ok: true, data: await action(request, payload ?? {}) };
    } catch (error) {
      return { ok: false, error: toResolverError(error, issue.key ?? String(issue.id)) };
    }
  };
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

const resolver = new Resolver();
resolver.define(
  'getPanel',
  panelCall((request, payload) => panelFor(request, payload)),
);
resolver.define('saveProductionSpec', panelCall(saveProductionSpec));
resolver.define('requestDataAccess', panelCall(requestDataAccess));
resolver.define('grantWaiver', panelCall(grantWaiver));
resolver.define(
  'retryGeneration',
  panelCall((request) => retryGeneration(request)),
);
resolver.define(
  'findPeople',
  panelCall((request, payload) => findPeople(request.asUser, payload)),
);

resolver.define(
  'getConfiguration',
  adminCall((asUser, _payload, now) => getConfiguration(asUser, now)),
);
resolver.define('saveConfiguration', adminCall(saveConfiguration));
resolver.define('previewTemplateChange', adminCall(previewTemplateChange));
resolver.define('applyTemplateChange', adminCall(applyTemplateChange));
resolver.define(
  'repairInstallation',
  adminCall((asUser, _payload, now) => repairInstallation(asUser, now)),
);

export const uiResolver = resolver.getDefinitions();
