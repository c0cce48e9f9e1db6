/**
 * What a person does in Jira, as steps for integration and browser tests: every step goes through
 * the emulated REST API as a seeded user, so the app's real handlers react to the events.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { FaultRule } from '../../sandbox/faults';
import type { JiraSite } from '../../sandbox/jira/site';
import type { Sandbox } from '../../sandbox/server';
import type { ReadinessDocument } from '../../src/domain/types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export const PM = SANDBOX_USERS.projectManager.accountId;

/** The sandbox's emulated Jira with its whole inspection and control surface. */
export function site(sandbox: Sandbox): JiraSite {
  return sandbox.jira as unknown as JiraSite;
}
export const ADMIN = SANDBOX_USERS.admin.accountId;

/** The next call matching `match` waits a second for Jira's burst limit (429, Retry-After 1), once. */
export function burstLimitedOnce(match: string): FaultRule {
  return { rate: 1, times: 1, status: 429, reason: 'jira-burst-based', retryAfter: 1, match };
}
const TRANSITION_TO = { 'to-do': '11', 'in-progress': '21', done: '31' } as const;

export async function jira(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  as: string = PM,
): Promise<Json> {
  const reply = await sandbox.jiraAs(as, method, path, body);
  if (reply.status >= 400)
    throw new Error(`${method} ${path} → ${reply.status} ${JSON.stringify(reply.json)}`);
  return reply.json;
}

export async function issueTypeId(sandbox: Sandbox, projectKey: string, name: string): Promise<string> {
  const project = await jira(sandbox, 'GET', `/rest/api/3/project/${projectKey}`);
  const type = (project.issueTypes as Json[]).find((candidate) => candidate.name === name);
  if (!type) throw new Error(`Project ${projectKey} has no issue type ${name}`);
  return type.id;
}

/** The id of the app's own (Forge) custom field with that name; the site has a "Readiness" of its own too. */
export async function fieldId(sandbox: Sandbox, name: string): Promise<string> {
  const fields = (await jira(sandbox, 'GET', '/rest/api/3/field')) as Json[];
  const isForgeField = (candidate: Json) =>
    String((candidate.schema as Json | undefined)?.custom ?? '').startsWith(
      'ari:cloud:ecosystem::extension/',
    );
  const field = fields.find((candidate) => candidate.name === name && isForgeField(candidate));
  if (!field) throw new Error(`No app field named ${name}`);
  return field.id;
}

/**
 * Lets the sandbox's search index catch up with every write so far (sandbox time moves on by the
 * `searchLagMs` behaviour, if on): what a person searching a real site a little later sees. A no-op
 * on the tidy emulator.
 */
export function letSearchCatchUp(sandbox: Sandbox): void {
  const lag = site(sandbox).behaviour().searchLagMs;
  if (lag > 0) sandbox.clock.advance(lag);
}

/** Creates an AI Pilot as the project manager and waits until the app has handled the event. */
export async function createPilot(
  sandbox: Sandbox,
  summary: string,
  fields: Record<string, unknown> = {},
  projectKey = 'AIP',
  properties: Array<{ key: string; value: unknown }> = [],
): Promise<{ id: string; key: string }> {
  const created = await jira(sandbox, 'POST', '/rest/api/3/issue', {
    fields: {
      project: { key: projectKey },
      issuetype: { id: await issueTypeId(sandbox, projectKey, 'AI Pilot') },
      summary,
      ...fields,
    },
    ...(properties.length > 0 ? { properties } : {}),
  });
  await sandbox.idle();
  return { id: created.id, key: created.key };
}

export async function createIssue(
  sandbox: Sandbox,
  projectKey: string,
  type: string,
  summary: string,
  fields: Record<string, unknown> = {},
) {
  const created = await jira(sandbox, 'POST', '/rest/api/3/issue', {
    fields: {
      project: { key: projectKey },
      issuetype: { id: await issueTypeId(sandbox, projectKey, type) },
      summary,
      ...fields,
    },
  });
  await sandbox.idle();
  return { id: created.id as string, key: created.key as string };
}

/** The app's issues for a pilot, as Jira holds them (not through the app). */
export function generatedIssues(sandbox: Sandbox, pilotId: string) {
  const ours = site(sandbox)
    .issues()
    .filter(
      (issue) =>
        (issue.properties['pilot-pathway-origin'] as { pilot?: string } | undefined)?.pilot === pilotId,
    );
  const origin = (issue: (typeof ours)[number]) =>
    issue.properties['pilot-pathway-origin'] as { row?: string; review?: string };
  return {
    workstreams: ours.filter((issue) => origin(issue).row !== undefined),
    reviews: ours.filter((issue) => origin(issue).review !== undefined),
    rowOf: (issue: (typeof ours)[number]) => origin(issue).row,
    kindOf: (issue: (typeof ours)[number]) => origin(issue).review,
  };
}

export function workstreamKey(sandbox: Sandbox, pilotId: string, row: string): string {
  const { workstreams, rowOf } = generatedIssues(sandbox, pilotId);
  const issue = workstreams.find((candidate) => rowOf(candidate) === row);
  if (!issue) throw new Error(`Pilot ${pilotId} has no ${row} sub-task`);
  return issue.key;
}

export function reviewKey(sandbox: Sandbox, pilotId: string, kind: string): string {
  const { reviews, kindOf } = generatedIssues(sandbox, pilotId);
  const issue = reviews.find((candidate) => kindOf(candidate) === kind);
  if (!issue) throw new Error(`Pilot ${pilotId} has no ${kind} review`);
  return issue.key;
}

/** Moves an issue through its workflow as the project manager, optionally resolving it. */
/** Moves the issue, without waiting for the app to handle what that sends it. */
export async function transitionIssue(
  sandbox: Sandbox,
  key: string,
  to: keyof typeof TRANSITION_TO,
  resolution?: string,
): Promise<void> {
  await jira(sandbox, 'POST', `/rest/api/3/issue/${key}/transitions`, {
    transition: { id: TRANSITION_TO[to] },
    ...(resolution ? { fields: { resolution: { name: resolution } } } : {}),
  });
}

/** Moves the issue, then waits until the app has handled everything that followed. */
export async function moveIssue(
  sandbox: Sandbox,
  key: string,
  to: keyof typeof TRANSITION_TO,
  resolution?: string,
): Promise<void> {
  await transitionIssue(sandbox, key, to, resolution);
  await sandbox.idle();
}

export async function linkDataAccess(sandbox: Sandbox, pilotKey: string, ticketKey: string): Promise<void> {
  await jira(sandbox, 'POST', '/rest/api/3/issueLink', {
    type: { name: 'Data access' },
    inwardIssue: { key: pilotKey },
    outwardIssue: { key: ticketKey },
  });
  await sandbox.idle();
}

export function readinessOf(sandbox: Sandbox, pilotKey: string): ReadinessDocument | undefined {
  return site(sandbox).issue(pilotKey)?.properties['pilot-readiness'] as ReadinessDocument | undefined;
}

export async function jqlKeys(sandbox: Sandbox, jql: string): Promise<string[]> {
  const result = await jira(sandbox, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'] });
  return (result.issues as Json[]).map((issue) => issue.key);
}

/**
 * Takes a pilot through every gate: each workstream and review done (approved), and an approved
 * data-access ticket linked; the app recomputes after each step.
 */
export async function graduatePilot(sandbox: Sandbox, pilot: { id: string; key: string }): Promise<void> {
  const { workstreams, reviews } = generatedIssues(sandbox, pilot.id);
  for (const issue of [...workstreams, ...reviews]) await moveIssue(sandbox, issue.key, 'done', 'Done');
  const ticket = await createIssue(sandbox, 'AIP', 'Task', `Data access: Claims warehouse for ${pilot.key}`);
  await linkDataAccess(sandbox, pilot.key, ticket.key);
  await moveIssue(sandbox, ticket.key, 'done', 'Done');
}
