/**
 * The naive baseline: Pilot Pathway as it is written first, with none of the cost work. It runs in
 * the benchmark's process but makes real Jira calls through the sandbox's Forge runtime (`@forge/api`
 * `asApp()` / `asUser(accountId)` → `__forge_fetch__` → the emulated site, caller `viaApp`), so the
 * sandbox counts and charges them exactly as it counts the app's. It computes with the app's own pure
 * domain (`src/domain`), so both sides work out the same readiness; only the Jira traffic differs:
 *
 * - generation: one call per created issue and one per link (`POST /issue`, `POST /issueLink`), after
 *   reading the pilot and searching for the issues it already has (idempotency), then a recompute;
 * - a recompute: a live read of the pilot (the pilot, one search for its sub-tasks and linked issues —
 *   reviews, data-access tickets —, its remote links), the domain, then the property and the field, each written
 *   only when it changed (this baseline keeps its document in `pilot-readiness-naive`, so it never
 *   disturbs the app's own state);
 * - an issue change: the changed issue's origin property (which pilot?), then a recompute of that pilot,
 *   whatever the change was;
 * - a view: a live read and recompute as the viewer, for every surface (panel, issue context, lozenge);
 *   an epic's panel rolls up by searching the epic's pilots and recomputing each one live;
 * - the daily job and a template apply: search every pilot, then the same per-pilot work one by one.
 *
 * Waivers and review decisions (kept in Forge storage, no Jira cost) are not read: the benchmark's
 * pilots have none.
 */
import api, { route, type Route } from '@forge/api';
import {
  computeReadiness,
  DEFAULT_SERVICENOW_STATE_MAP,
  isIsoDate,
  isWorkstreamOrigin,
  jiraDataAccessState,
  ORIGIN_PROPERTY,
  parseOrigin,
  planGeneration,
  readinessChanged,
  serviceNowDataAccessState,
  type ExistingIssue,
  type IsoDate,
  type OwnershipTemplate,
  type PilotSnapshot,
  type ReadinessDocument,
  type StatusCategory,
} from '../../src/domain';
import { APP_FIELD_MODULE_KEYS } from '../../src/jira/app-fields';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export const NAIVE_PROPERTY = 'pilot-readiness-naive';
const APP_PROPERTY = 'pilot-readiness';
const PAGE = 100;
/** The benchmark's site keeps the sandbox's default zone. */
const SITE_TIME_ZONE = 'Etc/UTC';
const RELATED_FIELDS = [
  'summary',
  'status',
  'resolution',
  'resolutiondate',
  'assignee',
  'duedate',
  'created',
  'updated',
];

/** Who a call acts as: the app, or the viewing user. */
export type Acting = 'app' | { user: string };

/** What the naive app knows of the site, read once before any measurement. */
export interface NaiveSite {
  fields: { kickoff: string; demoSignOff: string; productionOwner: string; readiness: string };
  aiPilotTypeId: string;
  subtaskTypeId: string;
  dataAccessLinkType: string;
  reviewLinkType: string;
  template: OwnershipTemplate;
  ownerAssignees: Record<string, string>;
}

export interface NaiveRecompute {
  pilot: Json;
  readiness: ReadinessDocument;
  writes: number;
}

async function call<T = Json>(acting: Acting, method: string, path: Route, body?: unknown): Promise<T> {
  const requester = acting === 'app' ? api.asApp() : api.asUser(acting.user);
  const response = await requester.requestJira(path, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`naive ${method} ${path.value} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Every issue the JQL finds, one page of 100 per call. */
async function search(
  acting: Acting,
  jql: string,
  fields: string[],
  properties: string[] = [],
): Promise<Json[]> {
  const issues: Json[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await call(acting, 'POST', route`/rest/api/3/search/jql`, {
      jql,
      fields,
      properties,
      maxResults: PAGE,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    issues.push(...(page.issues as Json[]));
    nextPageToken = page.nextPageToken ?? undefined;
  } while (nextPageToken);
  return issues;
}

const dateOf = (value: unknown): IsoDate | null => {
  const date = typeof value === 'string' ? value.slice(0, 10) : null;
  return isIsoDate(date) ? date : null;
};

export class NaiveApp {
  constructor(
    readonly site: NaiveSite,
    private readonly now: () => Date,
  ) {}

  /** Looks up the field ids and issue types it needs (as the app; done once, before measuring). */
  static async discover(
    template: OwnershipTemplate,
    ownerAssignees: Record<string, string>,
    now: () => Date,
  ): Promise<NaiveApp> {
    const fields = (await call('app', 'GET', route`/rest/api/3/field`)) as Json[];
    // The app's own Forge fields, by module key: the site has a "Readiness" field of its own too.
    const field = (moduleKey: string) => {
      const found = fields.find((candidate) =>
        String(candidate.schema?.custom ?? '').endsWith(`/static/${moduleKey}`),
      );
      if (!found) throw new Error(`naive: no app field ${moduleKey}`);
      return found.id as string;
    };
    const project = await call('app', 'GET', route`/rest/api/3/project/AIP`);
    const type = (test: (t: Json) => boolean) => (project.issueTypes as Json[]).find(test)?.id as string;
    return new NaiveApp(
      {
        fields: {
          kickoff: field(APP_FIELD_MODULE_KEYS.kickoffDate),
          demoSignOff: field(APP_FIELD_MODULE_KEYS.demoSignOffDate),
          productionOwner: field(APP_FIELD_MODULE_KEYS.productionOwner),
          readiness: field(APP_FIELD_MODULE_KEYS.readiness),
        },
        aiPilotTypeId: type((t) => t.name === 'AI Pilot'),
        subtaskTypeId: type((t) => t.subtask === true),
        dataAccessLinkType: 'Data access',
        reviewLinkType: 'Relates',
        template,
        ownerAssignees,
      },
      now,
    );
  }

  private pilotFields(): string[] {
    const { kickoff, demoSignOff, productionOwner } = this.site.fields;
    const standard = 'summary created duedate issuetype project issuelinks'.split(' ');
    return [...standard, kickoff, demoSignOff, productionOwner];
  }

  /** The pilot issue with the fields and properties readiness needs. */
  private getPilot(acting: Acting, pilotKey: string): Promise<Json> {
    const properties = [NAIVE_PROPERTY, 'pilot-milestones', 'pilot-production-spec'];
    return call(
      acting,
      'GET',
      route`/rest/api/3/issue/${pilotKey}?fields=${this.pilotFields().join(',')}&properties=${properties.join(',')}`,
    );
  }

  /**
   * The pilot's own issues in one search: its sub-tasks (`parent`) and every issue linked to it (its
   * reviews and data-access tickets), each with its origin property.
   */
  private related(acting: Acting, pilot: Json): Promise<Json[]> {
    const linked = ((pilot.fields.issuelinks ?? []) as Json[])
      .map((link) => (link.outwardIssue ?? link.inwardIssue)?.key as string | undefined)
      .filter((key): key is string => key !== undefined);
    const jql = `parent = ${pilot.key}${linked.length ? ` OR key in (${linked.join(', ')})` : ''} ORDER BY key ASC`;
    return search(acting, jql, RELATED_FIELDS, [ORIGIN_PROPERTY]);
  }

  /** The pilot, read live: the issue, its issues and linked tickets in one search, its remote links. */
  async readPilot(acting: Acting, pilotKey: string): Promise<{ pilot: Json; snapshot: PilotSnapshot }> {
    const pilot = await this.getPilot(acting, pilotKey);
    const related = await this.related(acting, pilot);
    const remoteLinks = (await call(
      acting,
      'GET',
      route`/rest/api/3/issue/${pilot.id}/remotelink`,
    )) as Json[];
    return { pilot, snapshot: this.snapshotOf(pilot, related, remoteLinks) };
  }

  private snapshotOf(pilot: Json, related: Json[], remoteLinks: Json[]): PilotSnapshot {
    const dataAccessKeys = new Set(
      ((pilot.fields.issuelinks ?? []) as Json[])
        .filter((link) => link.type?.name === this.site.dataAccessLinkType)
        .map((link) => (link.outwardIssue ?? link.inwardIssue)?.key as string),
    );
    const f = pilot.fields;
    const { kickoff, demoSignOff, productionOwner } = this.site.fields;
    const snapshot: PilotSnapshot = {
      id: pilot.id,
      key: pilot.key,
      summary: f.summary ?? '',
      createdDate: dateOf(f.created) ?? '1970-01-01',
      kickoffDate: dateOf(f[kickoff]),
      dueDate: dateOf(f.duedate),
      demoSignOffDate: dateOf(f[demoSignOff]),
      productionOwnerAccountId: f[productionOwner]?.accountId ?? null,
      milestoneOverrides: Object.fromEntries(
        Object.entries(pilot.properties?.['pilot-milestones'] ?? {}).filter(([, v]) => isIsoDate(v)),
      ) as Record<string, IsoDate>,
      productionSpec: pilot.properties?.['pilot-production-spec'] ?? {},
      workstreams: [],
      reviews: [],
      dataAccess: [],
      waivers: [],
      decisions: [],
    };
    for (const issue of related) {
      const category = (issue.fields.status?.statusCategory?.key ?? 'new') as StatusCategory;
      const resolution = issue.fields.resolution?.name ?? null;
      const origin = parseOrigin(issue.properties?.[ORIGIN_PROPERTY]);
      const own = origin !== null && origin.pilot === pilot.id ? origin : null;
      if (own && isWorkstreamOrigin(own))
        snapshot.workstreams.push({
          key: issue.key,
          row: own.row,
          statusCategory: category,
          assigneeAccountId: issue.fields.assignee?.accountId ?? null,
          dueDate: dateOf(issue.fields.duedate),
          doneDate: category === 'done' ? dateOf(issue.fields.resolutiondate ?? issue.fields.updated) : null,
        });
      else if (own && !isWorkstreamOrigin(own))
        snapshot.reviews.push({ key: issue.key, kind: own.review, statusCategory: category, resolution });
      else if (dataAccessKeys.has(issue.key))
        snapshot.dataAccess.push({
          source: 'jira',
          key: issue.key,
          state: jiraDataAccessState(category, resolution, this.site.template.rejectedResolutions),
          openedDate: dateOf(issue.fields.created),
          url: null,
        });
    }
    for (const link of remoteLinks.filter((l) =>
      String(l.globalId ?? '').startsWith('pilot-pathway:servicenow:'),
    )) {
      const code = /state (-?\d+)/.exec(link.object?.status?.icon?.title ?? '')?.[1];
      snapshot.dataAccess.push({
        source: 'servicenow',
        key: link.object.title,
        state: (code && serviceNowDataAccessState(code, DEFAULT_SERVICENOW_STATE_MAP)) || 'requested',
        openedDate: null,
        url: link.object.url ?? null,
      });
    }
    return snapshot;
  }

  /** Live read, the domain, then the property and the field, each only when it changed. */
  async recompute(pilotKey: string): Promise<NaiveRecompute> {
    const { pilot, snapshot } = await this.readPilot('app', pilotKey);
    const readiness = computeReadiness(snapshot, this.site.template, this.now(), SITE_TIME_ZONE);
    const previous = pilot.properties?.[NAIVE_PROPERTY] as ReadinessDocument | undefined;
    let writes = 0;
    // Only what the domain computes is compared (a stored document may carry more).
    const stored = previous as Record<string, unknown> | undefined;
    const comparable = stored
      ? (Object.fromEntries(
          Object.keys(readiness).map((key) => [key, stored[key]]),
        ) as unknown as ReadinessDocument)
      : undefined;
    if (readinessChanged(comparable, readiness)) {
      await call('app', 'PUT', route`/rest/api/3/issue/${pilot.id}/properties/${NAIVE_PROPERTY}`, readiness);
      writes++;
    }
    if (previous?.score !== readiness.score) {
      await call('app', 'PUT', route`/rest/api/3/app/field/${this.site.fields.readiness}/value`, {
        updates: [{ issueIds: [Number(pilot.id)], value: readiness.score }],
      });
      writes++;
    }
    return { pilot, readiness, writes };
  }

  /** A product event on an issue: which pilot is it about? Then recompute that pilot, whatever changed. */
  async onIssueChanged(issueKey: string): Promise<void> {
    const issue = await call(
      'app',
      'GET',
      route`/rest/api/3/issue/${issueKey}?fields=issuetype&properties=${ORIGIN_PROPERTY}`,
    );
    const origin = parseOrigin(issue.properties?.[ORIGIN_PROPERTY]);
    if (origin) await this.recompute(origin.pilot);
    else if (issue.fields.issuetype?.id === this.site.aiPilotTypeId) await this.recompute(issue.key);
  }

  /** One surface of a pilot's page: a live read and recompute as the viewer. */
  async viewPilot(viewer: string, pilotKey: string): Promise<ReadinessDocument> {
    const { snapshot } = await this.readPilot({ user: viewer }, pilotKey);
    return computeReadiness(snapshot, this.site.template, this.now(), SITE_TIME_ZONE);
  }

  /** An epic's roll-up panel: its pilots, each recomputed live as the viewer. */
  async viewEpicRollup(viewer: string, epicKey: string): Promise<number[]> {
    const pilots = await search(
      { user: viewer },
      `parent = ${epicKey} AND issuetype = ${this.site.aiPilotTypeId} ORDER BY key ASC`,
      ['summary'],
    );
    const scores: number[] = [];
    for (const pilot of pilots) scores.push((await this.viewPilot(viewer, pilot.key)).score);
    return scores;
  }

  /** An epic's issue context or lozenge: the epic itself. */
  async viewEpicIssue(viewer: string, epicKey: string): Promise<void> {
    await call({ user: viewer }, 'GET', route`/rest/api/3/issue/${epicKey}?fields=summary,issuetype`);
  }

  /** Every pilot on the site, recomputed one after another. */
  async dailyJob(): Promise<NaiveRecompute[]> {
    const pilots = await this.allPilots();
    const results: NaiveRecompute[] = [];
    for (const pilot of pilots) results.push(await this.recompute(pilot.key));
    return results;
  }

  private allPilots(): Promise<Json[]> {
    return search('app', `issuetype = ${this.site.aiPilotTypeId} ORDER BY key ASC`, ['summary']);
  }

  /** Generation: what the pilot lacks, one create call per issue and one call per link, then a recompute. */
  async generate(pilotKey: string): Promise<number> {
    const pilot = await this.getPilot('app', pilotKey);
    const existing: ExistingIssue[] = (await this.related('app', pilot)).flatMap((issue) => {
      const origin = parseOrigin(issue.properties?.[ORIGIN_PROPERTY]);
      return origin
        ? [
            {
              key: issue.key,
              origin,
              statusCategory: issue.fields.status?.statusCategory?.key ?? 'new',
              dueDate: dateOf(issue.fields.duedate),
            },
          ]
        : [];
    });
    const snapshot = this.snapshotOf(pilot, [], []);
    const plan = planGeneration({
      template: this.site.template,
      pilot: { ...snapshot, projectKey: pilot.fields.project.key },
      existing,
      ownerAssignees: this.site.ownerAssignees,
    });
    for (const workstream of plan.workstreamsToCreate)
      await call('app', 'POST', route`/rest/api/3/issue`, {
        fields: {
          project: { key: pilot.fields.project.key },
          parent: { key: pilot.key },
          issuetype: { id: this.site.subtaskTypeId },
          summary: workstream.summary,
          duedate: workstream.dueDate,
          ...(workstream.assigneeAccountId ? { assignee: { accountId: workstream.assigneeAccountId } } : {}),
        },
        properties: [{ key: ORIGIN_PROPERTY, value: workstream.origin }],
      });
    for (const review of plan.reviewsToCreate) {
      const created = await call('app', 'POST', route`/rest/api/3/issue`, {
        fields: {
          project: { key: review.projectKey },
          issuetype: { name: review.issueTypeName },
          summary: review.summary,
        },
        properties: [{ key: ORIGIN_PROPERTY, value: review.origin }],
      });
      await call('app', 'POST', route`/rest/api/3/issueLink`, {
        type: { name: this.site.reviewLinkType },
        inwardIssue: { key: created.key },
        outwardIssue: { key: pilot.key },
      });
    }
    for (const move of plan.dueDateUpdates)
      await call('app', 'PUT', route`/rest/api/3/issue/${move.key}`, { fields: { duedate: move.to } });
    await this.recompute(pilot.key);
    return plan.workstreamsToCreate.length + plan.reviewsToCreate.length;
  }

  /** A template edit applied to every pilot: generation of what each lacks, pilot by pilot. */
  async applyTemplate(template: OwnershipTemplate): Promise<number> {
    this.site.template = template;
    let created = 0;
    for (const pilot of await this.allPilots()) created += await this.generate(pilot.key);
    return created;
  }
}

/** The app's stored readiness of a pilot, copied as the baseline's own starting point (not via the app). */
export function appReadiness(properties: Record<string, unknown>): ReadinessDocument | undefined {
  return properties[APP_PROPERTY] as ReadinessDocument | undefined;
}
