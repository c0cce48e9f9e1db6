/**
 * Helpers for the emulator's tests (and for other sandbox tests that drive the site directly):
 * a controllable clock, callers, a JSON call helper, and the contract check of a response
 * against Atlassian's OpenAPI description.
 */
import type { Caller } from '../contracts';
import { SANDBOX_USERS } from '../contracts';
import { checkResponse } from './openapi';
import type { JiraSite } from './site';
import { createJiraSite } from './site';

export const APP: Caller = { kind: 'app', viaApp: true };
export const ADMIN: Caller = { kind: 'user', accountId: SANDBOX_USERS.admin.accountId, viaApp: false };
export const PM: Caller = { kind: 'user', accountId: SANDBOX_USERS.projectManager.accountId, viaApp: false };
export const OUTSIDER: Caller = { kind: 'user', accountId: SANDBOX_USERS.outsider.accountId, viaApp: false };

export const START = '2026-11-21T10:00:00.000Z';

export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
  set(iso: string): void;
}

export function testClock(start = START): TestClock {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (iso) => {
      current = Date.parse(iso);
    },
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  json: unknown;
  /** Convenience view of an object body. */
  body: Record<string, unknown>;
}

export async function call(
  site: JiraSite,
  caller: Caller,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  const response = await site.handle(
    {
      method,
      path,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    },
    caller,
  );
  const json: unknown = response.body === '' ? undefined : JSON.parse(response.body);
  const object =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : {};
  return { status: response.status, headers: response.headers, json, body: object };
}

/** Fails the test when the body does not match the description's response for that operation and status. */
export function expectResponseMatchesContract(operationId: string, status: number, body: unknown): void {
  const result = checkResponse(operationId, status, body);
  if (!result.valid) {
    throw new Error(
      `Response of ${operationId} (${status}) does not match the OpenAPI description:\n  ${result.problems.join('\n  ')}\n${JSON.stringify(body, null, 2).slice(0, 2000)}`,
    );
  }
}

/** A site on a test clock whose loud warnings are collected instead of printed. */
export function testSite(clock = testClock()): { site: JiraSite; clock: TestClock; warnings: string[] } {
  const warnings: string[] = [];
  const site = createJiraSite({ now: clock.now, warn: (message) => warnings.push(message) });
  return { site, clock, warnings };
}

/** Creates an issue as the caller and returns its key (fails loudly otherwise). */
export async function createIssue(
  site: JiraSite,
  caller: Caller,
  fields: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; key: string }> {
  const reply = await call(site, caller, 'POST', '/rest/api/3/issue', { fields, ...extra });
  if (reply.status !== 201) throw new Error(`create failed: ${reply.status} ${JSON.stringify(reply.json)}`);
  return { id: String(reply.body['id']), key: String(reply.body['key']) };
}

export function task(
  summary: string,
  projectKey = 'AIP',
  more: Record<string, unknown> = {},
): Record<string, unknown> {
  return { project: { key: projectKey }, issuetype: { name: 'Task' }, summary, ...more };
}

export function epic(summary: string, projectKey = 'AIP'): Record<string, unknown> {
  return { project: { key: projectKey }, issuetype: { name: 'Epic' }, summary };
}

/** A sub-task's fields; without a parent key, the fields Jira refuses for lacking one. */
export function subtask(summary: string, parentKey?: string, projectKey = 'AIP'): Record<string, unknown> {
  return {
    project: { key: projectKey },
    issuetype: { name: 'Sub-task' },
    summary,
    ...(parentKey ? { parent: { key: parentKey } } : {}),
  };
}

export function doc(text: string): Record<string, unknown> {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}
