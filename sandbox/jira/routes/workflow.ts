/** Transitions and history: GET/POST /issue/{id}/transitions, GET /issue/{id}/changelog. */
import type { RouteContext, RouteTable } from '../context';
import { bodyObject, empty, isObject, json } from '../context';
import { badRequest } from '../errors';
import { isFieldProblem, parseCommentUpdate } from '../field-input';
import { addComment, availableTransitions, transitionIssue } from '../issue-writes';
import type { TransitionRecord } from '../model';
import { visibleIssue } from './issues';

function transitionView(ctx: RouteContext, transition: TransitionRecord, withFields: boolean) {
  const target = ctx.store.statuses.get(transition.toStatusId);
  const view: Record<string, unknown> = {
    id: transition.id,
    name: transition.name,
    ...(target ? { to: ctx.rep.status(target) } : {}),
    hasScreen: transition.screenFields.length > 0,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
  if (withFields) {
    view['fields'] = Object.fromEntries(
      transition.screenFields.map((fieldId) => [
        fieldId,
        {
          required: false,
          schema: { type: 'resolution', system: 'resolution' },
          name: 'Resolution',
          key: fieldId,
          operations: ['set'],
          allowedValues: [...ctx.store.resolutions.values()].map((resolution) =>
            ctx.rep.resolution(resolution),
          ),
        },
      ]),
    );
  }
  return view;
}

function getTransitions(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  const only = ctx.query.string('transitionId');
  const withFields = ctx.query.list('expand').includes('transitions.fields');
  const transitions = availableTransitions(ctx, issue)
    .filter((transition) => only === undefined || transition.id === only)
    .map((transition) => transitionView(ctx, transition, withFields));
  return json(200, { expand: 'transitions', transitions });
}

function doTransition(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  const body = bodyObject(ctx);
  const transition = isObject(body['transition']) ? body['transition'] : undefined;
  const transitionId = transition?.['id'];
  if (typeof transitionId !== 'string' || transitionId === '')
    throw badRequest(["Missing 'transition' identifier"]);
  if (!ctx.access.can('TRANSITION_ISSUES', issue.projectId)) {
    throw badRequest(['You do not have permission to transition this issue.']);
  }
  const fields: Record<string, unknown> = isObject(body['fields']) ? { ...body['fields'] } : {};
  const update = isObject(body['update']) ? { ...body['update'] } : {};
  let comments: unknown[] = [];
  if ('comment' in update) {
    try {
      comments = parseCommentUpdate(ctx, ctx.store.project(issue), update['comment']);
    } catch (error) {
      if (isFieldProblem(error)) throw badRequest([], { comment: error.message });
      throw error;
    }
    delete update['comment'];
  }
  for (const fieldId of Object.keys(update)) fields[fieldId] ??= update[fieldId];
  transitionIssue(ctx, issue, transitionId, fields);
  for (const comment of comments) addComment(ctx, issue, comment);
  return empty(204);
}

function getChangeLogs(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  const startAt = Math.max(0, ctx.query.int('startAt', 0));
  const maxResults = Math.min(Math.max(1, ctx.query.int('maxResults', 100)), 100);
  const page = issue.changelog.slice(startAt, startAt + maxResults);
  const base = `/rest/api/3/issue/${issue.key}/changelog`;
  const isLast = startAt + page.length >= issue.changelog.length;
  return json(200, {
    self: ctx.rep.url(`${base}?maxResults=${maxResults}&startAt=${startAt}`),
    ...(isLast
      ? {}
      : { nextPage: ctx.rep.url(`${base}?maxResults=${maxResults}&startAt=${startAt + maxResults}`) }),
    maxResults,
    startAt,
    total: issue.changelog.length,
    isLast,
    values: page.map((entry) => ctx.view.history(entry)),
  });
}

export const workflowRoutes: RouteTable = { getTransitions, doTransition, getChangeLogs };
