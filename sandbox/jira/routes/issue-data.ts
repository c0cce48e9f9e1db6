/**
 * What hangs off an issue besides its fields: entity properties, comments and remote links.
 * Setting a property or a remote link does not touch the issue's `updated` and fires no event;
 * a comment moves `updated`.
 */
import type { RouteContext, RouteTable } from '../context';
import { bodyObject, empty, isObject, json } from '../context';
import { checkDocument } from '../adf';
import { JiraError, badRequest, notFound } from '../errors';
import { isAtlassianDocument } from '../field-input';
import type { RemoteLinkRecord } from '../model';
import { validateProperty } from '../properties';
import { addComment as addCommentTo } from '../issue-writes';
import { issueToChange, visibleIssue } from './issues';

function getIssuePropertyKeys(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  const keys = [...issue.properties.keys()].map((key) => ({
    key,
    self: ctx.rep.url(`/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`),
  }));
  return json(200, { keys });
}

function propertyKey(ctx: RouteContext): string {
  return ctx.params['propertyKey'] ?? '';
}

function getIssueProperty(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  const key = propertyKey(ctx);
  if (!issue.properties.has(key)) throw notFound(`The property with key '${key}' does not exist.`);
  return json(200, { key, value: issue.properties.get(key) });
}

function setIssueProperty(ctx: RouteContext) {
  const issue = issueToChange(ctx, 'edit');
  const key = propertyKey(ctx);
  const problem = validateProperty(key, ctx.body);
  if (problem) throw badRequest([problem]);
  const existed = issue.properties.has(key);
  issue.properties.set(key, ctx.body);
  return empty(existed ? 200 : 201);
}

function deleteIssueProperty(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  const key = propertyKey(ctx);
  if (!ctx.access.can('EDIT_ISSUES', issue.projectId) || !issue.properties.has(key)) {
    throw notFound(`The property with key '${key}' does not exist.`);
  }
  issue.properties.delete(key);
  return empty(204);
}

function getComments(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  const startAt = Math.max(0, ctx.query.int('startAt', 0));
  const maxResults = Math.min(Math.max(1, ctx.query.int('maxResults', 100)), 100);
  const ordered = [...issue.comments].sort((a, b) =>
    ctx.query.string('orderBy') === '-created'
      ? b.created - a.created || b.id.localeCompare(a.id)
      : a.created - b.created,
  );
  const comments = ordered
    .slice(startAt, startAt + maxResults)
    .map((comment) => ctx.view.comment(issue, comment));
  return json(200, { comments, maxResults, total: issue.comments.length, startAt });
}

function addComment(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!ctx.access.can('ADD_COMMENTS', issue.projectId)) {
    throw badRequest(['You do not have the permission to comment on this issue.']);
  }
  const body = bodyObject(ctx)['body'];
  if (body === undefined || body === null)
    throw badRequest([], { comment: 'Comment body can not be empty!' });
  if (!isAtlassianDocument(body)) {
    throw badRequest([], {
      comment: 'Comment body must be an Atlassian Document (see the Atlassian Document Format).',
    });
  }
  checkDocument(body, 'comment');
  const comment = addCommentTo(ctx, issue, body);
  return json(201, ctx.view.comment(issue, comment));
}

function remoteLinkView(ctx: RouteContext, issueId: string, link: RemoteLinkRecord) {
  return {
    id: link.id,
    self: ctx.rep.url(`/rest/api/3/issue/${issueId}/remotelink/${link.id}`),
    ...(link.globalId !== undefined ? { globalId: link.globalId } : {}),
    ...(link.application !== undefined ? { application: link.application } : {}),
    ...(link.relationship !== undefined ? { relationship: link.relationship } : {}),
    object: link.object,
  };
}

function getRemoteIssueLinks(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  const globalId = ctx.query.string('globalId');
  if (globalId !== undefined) {
    const link = issue.remoteLinks.find((candidate) => candidate.globalId === globalId);
    if (!link) throw notFound(`No remote link with global ID '${globalId}' exists on issue '${issue.key}'.`);
    return json(200, remoteLinkView(ctx, issue.id, link));
  }
  return json(
    200,
    issue.remoteLinks.map((link) => remoteLinkView(ctx, issue.id, link)),
  );
}

function getRemoteIssueLinkById(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  const link = issue.remoteLinks.find((candidate) => String(candidate.id) === ctx.params['linkId']);
  if (!link)
    throw notFound(`No remote link with ID '${ctx.params['linkId']}' exists on issue '${issue.key}'.`);
  return json(200, remoteLinkView(ctx, issue.id, link));
}

/** Upsert by globalId; a field left out of an update is cleared (Jira sets it to null). */
function createOrUpdateRemoteIssueLink(ctx: RouteContext) {
  const issue = visibleIssue(ctx);
  if (!ctx.access.can('LINK_ISSUES', issue.projectId))
    throw new JiraError(403, ['You do not have permission to link issues.']);
  const body = bodyObject(ctx);
  const object = body['object'];
  if (!isObject(object)) throw badRequest([], { object: "'object' is required." });
  const fields: Omit<RemoteLinkRecord, 'id'> = {
    object,
    ...(typeof body['globalId'] === 'string' ? { globalId: body['globalId'] } : {}),
    ...(isObject(body['application']) ? { application: body['application'] } : {}),
    ...(typeof body['relationship'] === 'string' ? { relationship: body['relationship'] } : {}),
  };
  const existing =
    fields.globalId !== undefined
      ? issue.remoteLinks.find((link) => link.globalId === fields.globalId)
      : undefined;
  const link: RemoteLinkRecord = { id: existing?.id ?? Number(ctx.store.nextId('remoteLink')), ...fields };
  if (existing) issue.remoteLinks[issue.remoteLinks.indexOf(existing)] = link;
  else issue.remoteLinks.push(link);
  return json(existing ? 200 : 201, {
    id: link.id,
    self: ctx.rep.url(`/rest/api/3/issue/${issue.id}/remotelink/${link.id}`),
  });
}

function removeRemoteLink(ctx: RouteContext, match: (link: RemoteLinkRecord) => boolean, what: string) {
  const issue = visibleIssue(ctx);
  if (!ctx.access.can('LINK_ISSUES', issue.projectId))
    throw new JiraError(403, ['You do not have permission to link issues.']);
  const index = issue.remoteLinks.findIndex(match);
  if (index < 0) throw notFound(`No remote link with ${what} exists on issue '${issue.key}'.`);
  issue.remoteLinks.splice(index, 1);
  return empty(204);
}

function deleteRemoteIssueLinkByGlobalId(ctx: RouteContext) {
  const globalId = ctx.query.string('globalId') ?? '';
  return removeRemoteLink(ctx, (link) => link.globalId === globalId, `global ID '${globalId}'`);
}

function deleteRemoteIssueLinkById(ctx: RouteContext) {
  const linkId = ctx.params['linkId'] ?? '';
  return removeRemoteLink(ctx, (link) => String(link.id) === linkId, `ID '${linkId}'`);
}

export const issueDataRoutes: RouteTable = {
  getIssuePropertyKeys,
  getIssueProperty,
  setIssueProperty,
  deleteIssueProperty,
  getComments,
  addComment,
  getRemoteIssueLinks,
  getRemoteIssueLinkById,
  createOrUpdateRemoteIssueLink,
  deleteRemoteIssueLinkByGlobalId,
  deleteRemoteIssueLinkById,
};
