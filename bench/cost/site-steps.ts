/**
 * What people do on the benchmark's site, through the emulated Jira REST API as seeded users (not
 * counted: only the app's calls are), and how the benchmark seeds thousands of pilots: created one by
 * one, so the app's own event handler lays out every production path exactly as it does for one pilot.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { Sandbox } from '../../sandbox/server';
import { fieldId, issueTypeId } from '../../test/support/jira-steps';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export const PM = SANDBOX_USERS.projectManager.accountId;
export const ADMIN = SANDBOX_USERS.admin.accountId;
const TRANSITION = { 'in-progress': '21', done: '31' } as const;

export interface Issue {
  id: string;
  key: string;
}

/** The surfaces of an issue page, invoked as the sandbox's host page and Custom UI invoke them. */
export const SURFACES = [
  { id: 'panel', title: 'panel (getPanel)' },
  { id: 'context', title: 'issue context (getPanel compact)' },
  { id: 'lozenge', title: 'lozenge (readiness-lozenge)' },
] as const;
export type SurfaceId = (typeof SURFACES)[number]['id'];

/** A resolver's answer: `{ok: true, data}` or `{ok: false, error}`. */
type Answer = { ok?: boolean; data?: Json; error?: { code?: string; message?: string } } | undefined;

/** How often a person told "busy, try again in a minute" waits a minute and tries again. */
const BUSY_RETRIES = 3;
const BUSY_WAIT_MS = 60_000;

/**
 * One issue of a pilot's production path, or an error saying the path is incomplete: the app did not
 * lay it out (every later step on that pilot would otherwise act on an issue named `undefined`).
 */
function pathIssue(pilot: Issue, what: string, name: string, found: Record<string, string>): string {
  const key = found[name];
  if (key) return key;
  const has = Object.keys(found);
  throw new Error(
    `Pilot ${pilot.key} (${pilot.id}) has no ${name} ${what}: the app did not lay out its production path in full (its ${what}s: ${has.length > 0 ? has.join(', ') : 'none'})`,
  );
}

export class SiteSteps {
  private fieldIds = new Map<string, string>();
  private typeIds = new Map<string, string>();

  /** Answers "busy, try again" a person waited out and tried again (see `invoke`). */
  busyRetries = 0;

  constructor(private readonly sandbox: Sandbox) {}

  async jira(method: string, path: string, body?: unknown, as: string = PM): Promise<Json> {
    const reply = await this.sandbox.jiraAs(as, method, path, body);
    if (reply.status >= 400)
      throw new Error(`${method} ${path} → ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json;
  }

  /** The id of the app's own field of that name (the site has a "Readiness" of its own too). */
  async fieldId(name: string): Promise<string> {
    if (!this.fieldIds.has(name)) this.fieldIds.set(name, await fieldId(this.sandbox, name));
    return this.fieldIds.get(name) as string;
  }

  async typeId(name: string): Promise<string> {
    if (!this.typeIds.has(name)) this.typeIds.set(name, await issueTypeId(this.sandbox, 'AIP', name));
    return this.typeIds.get(name) as string;
  }

  async createEpic(summary: string): Promise<Issue> {
    const created = await this.jira('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'AIP' }, issuetype: { id: await this.typeId('Epic') }, summary },
    });
    return { id: created.id, key: created.key };
  }

  /** One AI Pilot as the project manager; resolves once the app has handled it. */
  async createPilot(summary: string, fields: Record<string, unknown> = {}): Promise<Issue> {
    const created = await this.jira('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'AIP' },
        issuetype: { id: await this.typeId('AI Pilot') },
        summary,
        ...fields,
      },
    });
    await this.sandbox.idle();
    return { id: created.id, key: created.key };
  }

  /**
   * Many AI Pilots, one after another, each with the fields `fieldsOf(index)` gives it. (One at a time:
   * 50 at once through bulk create makes the app's 50 generations contend for their locks and retry,
   * which is slower here than waiting for each.)
   */
  async createPilots(
    count: number,
    summary: (index: number) => string,
    fieldsOf: (index: number) => Record<string, unknown> = () => ({}),
    progress: (created: number) => void = () => undefined,
  ): Promise<Issue[]> {
    const pilots: Issue[] = [];
    for (let index = 0; index < count; index++) {
      pilots.push(await this.createPilot(summary(index), fieldsOf(index)));
      if ((index + 1) % 250 === 0) progress(index + 1);
    }
    return pilots;
  }

  /** The app's issues of a pilot by template row or review kind (from their origin property). */
  async pathOf(
    pilot: Issue,
  ): Promise<{ workstreams: Record<string, string>; reviews: Record<string, string> }> {
    const found = await this.jira('POST', '/rest/api/3/search/jql', {
      jql: `issue.property[pilot-pathway-origin].pilot = "${pilot.id}"`,
      fields: ['summary'],
      properties: ['pilot-pathway-origin'],
      maxResults: 100,
    });
    const path = { workstreams: {} as Record<string, string>, reviews: {} as Record<string, string> };
    for (const issue of found.issues as Json[]) {
      const origin = issue.properties?.['pilot-pathway-origin'];
      if (origin?.row) path.workstreams[origin.row] = issue.key;
      if (origin?.review) path.reviews[origin.review] = issue.key;
    }
    return path;
  }

  /** The key of the pilot's workstream of that row; fails, naming the pilot, when its path lacks it. */
  async workstreamOf(pilot: Issue, row: string): Promise<string> {
    return pathIssue(pilot, 'workstream', row, (await this.pathOf(pilot)).workstreams);
  }

  /** The key of the pilot's review of that kind; fails, naming the pilot, when its path lacks it. */
  async reviewOf(pilot: Issue, kind: string): Promise<string> {
    return pathIssue(pilot, 'review', kind, (await this.pathOf(pilot)).reviews);
  }

  /** The keys of every issue the JQL finds, page by page (as the site admin). */
  async searchKeys(jql: string): Promise<string[]> {
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await this.jira(
        'POST',
        '/rest/api/3/search/jql',
        { jql, fields: ['summary'], maxResults: 100, ...(nextPageToken ? { nextPageToken } : {}) },
        ADMIN,
      );
      keys.push(...(page.issues as Json[]).map((issue) => issue.key as string));
      nextPageToken = page.nextPageToken ?? undefined;
    } while (nextPageToken);
    return keys;
  }

  /** Every issue of the pilot's production path, workstreams then reviews. */
  async pathKeys(pilot: Issue): Promise<string[]> {
    const { workstreams, reviews } = await this.pathOf(pilot);
    return [...Object.values(workstreams), ...Object.values(reviews)];
  }

  async move(key: string, to: keyof typeof TRANSITION): Promise<void> {
    await this.jira('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: TRANSITION[to] } });
  }

  async editDescription(key: string, text: string): Promise<void> {
    await this.jira('PUT', `/rest/api/3/issue/${key}`, {
      fields: {
        description: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
        },
      },
    });
  }

  async addLabel(key: string, label: string): Promise<void> {
    await this.jira('PUT', `/rest/api/3/issue/${key}`, { update: { labels: [{ add: label }] } });
  }

  async deleteIssue(key: string): Promise<void> {
    await this.jira('DELETE', `/rest/api/3/issue/${key}`, undefined, ADMIN);
  }

  /** One surface of an issue page, opened by `accountId`; an error answer throws. */
  async openSurface(surface: SurfaceId, extension: Record<string, unknown>, accountId = PM): Promise<void> {
    const { runtime } = this.sandbox;
    const viewer = { accountId, extension };
    const answer =
      surface === 'lozenge'
        ? await runtime.invokeDynamicProperties({ ...viewer, moduleKey: 'readiness-context' })
        : await runtime.invokeResolver({
            ...viewer,
            moduleKey: surface === 'panel' ? 'readiness-panel' : 'readiness-context',
            functionKey: 'getPanel',
            payload: surface === 'panel' ? {} : { compact: true },
          });
    const failed = answer as Answer;
    if (failed?.ok === false) throw new Error(`The ${surface} answered an error: ${failed.error?.message}`);
  }

  /** A resolver function of a UI module, as its Custom UI invokes it; an error answer throws. */
  async invoke(
    moduleKey: string,
    functionKey: string,
    payload: unknown,
    accountId: string,
    extension?: Record<string, unknown>,
  ): Promise<Json> {
    for (let attempt = 0; ; attempt += 1) {
      const answer = (await this.sandbox.runtime.invokeResolver({
        moduleKey,
        functionKey,
        payload,
        accountId,
        ...(extension ? { extension } : {}),
      } as Parameters<Sandbox['runtime']['invokeResolver']>[0])) as Answer;
      if (answer?.ok) return answer.data;
      // Storage or Jira over its quota: the person waits the minute the page asked for, and tries again.
      if (answer?.error?.code === 'rate-limited' && attempt < BUSY_RETRIES) {
        this.busyRetries += 1;
        this.sandbox.clock.advance(BUSY_WAIT_MS);
        continue;
      }
      throw new Error(`${functionKey} answered an error: ${answer?.error?.message}`);
    }
  }

  /** What a UI module's extension context says about an issue (as the host page builds it). */
  async extensionOf(key: string): Promise<Record<string, unknown>> {
    const issue = await this.jira('GET', `/rest/api/3/issue/${key}?fields=issuetype,project`);
    const { issuetype, project } = issue.fields;
    return {
      issue: { id: String(issue.id), key: issue.key, type: issuetype.name, typeId: String(issuetype.id) },
      project: { id: String(project.id), key: project.key, type: project.projectTypeKey ?? 'software' },
    };
  }
}
