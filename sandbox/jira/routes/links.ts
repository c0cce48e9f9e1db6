/** Issue links and link types: /rest/api/3/issueLink and /rest/api/3/issueLinkType. */
import type { RouteContext, RouteTable } from '../context';
import { bodyObject, empty, isObject, json } from '../context';
import { JiraError, badRequest, issueNotFound, notFound } from '../errors';
import { checkDocument } from '../adf';
import { findIssueReference, isAtlassianDocument } from '../field-input';
import { addComment, linkIssues as link, unlink } from '../issue-writes';
import type { IssueLinkRecord } from '../model';

function linkTypeReference(value: unknown): { id?: string; name?: string } {
  if (!isObject(value)) return {};
  return {
    ...(typeof value['id'] === 'string' ? { id: value['id'] } : {}),
    ...(typeof value['name'] === 'string' ? { name: value['name'] } : {}),
  };
}

/** The request's inwardIssue becomes the link's source ("inwardIssue <outward> outwardIssue"). */
function linkIssues(ctx: RouteContext) {
  const body = bodyObject(ctx);
  const typeRef = linkTypeReference(body['type']);
  const type = ctx.store.findLinkType(typeRef);
  if (!type) throw notFound(`No issue link type with name '${typeRef.name ?? typeRef.id ?? ''}' found.`);
  const source = isObject(body['inwardIssue']) ? findIssueReference(ctx, body['inwardIssue']) : undefined;
  const destination = isObject(body['outwardIssue'])
    ? findIssueReference(ctx, body['outwardIssue'])
    : undefined;
  if (!source || !destination) throw issueNotFound();
  if (!ctx.access.can('LINK_ISSUES', source.projectId))
    throw notFound('You do not have the permission to link issues.');
  const comment = isObject(body['comment']) ? body['comment']['body'] : undefined;
  if (comment !== undefined && !isAtlassianDocument(comment)) {
    throw badRequest([], {
      comment: 'Comment body must be an Atlassian Document (see the Atlassian Document Format).',
    });
  }
  if (comment !== undefined) checkDocument(comment, 'comment');
  const created = link(ctx, type.id, source, destination);
  if (comment !== undefined) addComment(ctx, destination, comment);
  return empty(201, { Location: ctx.rep.url(`/rest/api/3/issueLink/${created.id}`) });
}

function visibleLink(ctx: RouteContext): IssueLinkRecord {
  const linkId = ctx.params['linkId'] ?? '';
  if (!/^\d+$/.test(linkId)) throw badRequest([`The issue link ID '${linkId}' is invalid.`]);
  const found = ctx.store.links.get(linkId);
  const source = found && ctx.store.issues.get(found.sourceIssueId);
  const destination = found && ctx.store.issues.get(found.destinationIssueId);
  if (
    !found ||
    !source ||
    !destination ||
    !ctx.access.canSeeIssue(source) ||
    !ctx.access.canSeeIssue(destination)
  ) {
    throw notFound(`No issue link with id '${linkId}' exists.`);
  }
  return found;
}

function getIssueLink(ctx: RouteContext) {
  const found = visibleLink(ctx);
  const type = ctx.store.linkTypes.get(found.typeId);
  const source = ctx.store.issues.get(found.sourceIssueId);
  const destination = ctx.store.issues.get(found.destinationIssueId);
  if (!type || !source || !destination) throw notFound(`No issue link with id '${found.id}' exists.`);
  return json(
    200,
    {
      id: found.id,
      self: ctx.rep.url(`/rest/api/3/issueLink/${found.id}`),
      type: ctx.rep.linkType(type),
      inwardIssue: ctx.rep.linkedIssue(source),
      outwardIssue: ctx.rep.linkedIssue(destination),
    },
    { issues: 2 },
  );
}

function deleteIssueLink(ctx: RouteContext) {
  const found = visibleLink(ctx);
  if (!ctx.access.can('LINK_ISSUES', ctx.store.issues.get(found.sourceIssueId)?.projectId ?? '')) {
    throw notFound('You do not have the permission to delete issue links.');
  }
  unlink(ctx, found);
  return empty(204);
}

function getIssueLinkTypes(ctx: RouteContext) {
  return json(200, {
    issueLinkTypes: [...ctx.store.linkTypes.values()].map((type) => ctx.rep.linkType(type)),
  });
}

function getIssueLinkType(ctx: RouteContext) {
  const id = ctx.params['issueLinkTypeId'] ?? '';
  if (!/^\d+$/.test(id)) throw badRequest([`The issue link type ID '${id}' is invalid.`]);
  const type = ctx.store.linkTypes.get(id);
  if (!type) throw notFound(`No issue link type with id '${id}' exists.`);
  return json(200, ctx.rep.linkType(type));
}

/** Jira documents 404 (not 403 or 409) for a missing permission and for a name in use. */
function createIssueLinkType(ctx: RouteContext) {
  if (!ctx.access.isAdmin)
    throw new JiraError(404, ['You do not have the permission to manage issue link types.']);
  const body = bodyObject(ctx);
  const errors: Record<string, string> = {};
  for (const property of ['name', 'inward', 'outward'] as const) {
    const value = body[property];
    if (typeof value !== 'string' || value.trim() === '')
      errors[property] = `The issue link type ${property} is required.`;
    else if (value.length > 255)
      errors[property] = `The issue link type ${property} must not exceed 255 characters.`;
  }
  if (Object.keys(errors).length > 0) throw badRequest([], errors);
  const name = String(body['name']);
  if (ctx.store.findLinkType({ name }))
    throw notFound(`The issue link type name '${name}' is already in use.`);
  const type = {
    id: ctx.store.nextId('linkType'),
    name,
    inward: String(body['inward']),
    outward: String(body['outward']),
  };
  ctx.store.linkTypes.set(type.id, type);
  return json(201, ctx.rep.linkType(type));
}

export const linkRoutes: RouteTable = {
  linkIssues,
  getIssueLink,
  deleteIssueLink,
  getIssueLinkTypes,
  getIssueLinkType,
  createIssueLinkType,
};
