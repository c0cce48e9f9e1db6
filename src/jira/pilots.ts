/**
 * The one gateway between Jira and the app's use cases: services ask it for a `Pilot` and its
 * `PilotWork`, never for JSON, and write through named operations; it knows the REST paths (through
 * JiraClient), the property names and the mapping (pilot-mapping.ts). Acting as the app or as the
 * viewing user is the client's choice.
 */
import type { TransitionOption } from '../domain/closure';
import { parseOrigin, type ExistingIssue, type PilotPathwayOrigin } from '../domain/generation-plan';
import type { Pilot, PilotWork } from '../domain/pilot';
import type { QueueItem } from '../domain/portfolio';
import { isIsoDate } from '../domain/schedule';
import { pilotIssueTypeIds, type Provisioning } from '../domain/site-provisioning';
import type { ProductionSpec, ReadinessDocument, StatusCategory } from '../domain/types';
import { adfParagraphs } from './adf';
import { JiraClient, nextPageTokenOf, type BulkCreateResult } from './client';
import { doTransition, getTransitions } from './workflow';
import {
  MILESTONES_PROPERTY,
  ORIGIN_PROPERTY,
  PILOT_PROPERTIES,
  PRODUCTION_SPEC_PROPERTY,
  READINESS_PROPERTY,
  WORK_FIELDS,
  pilotFields,
  pilotOf,
  workOf,
} from './pilot-mapping';
import { pathIssueUpdate, type PathIssueToCreate } from './path-issues';
import { issueStatusCategory } from './status-category';
import type { CreatedIssue, JiraIssue, RemoteLink } from './types';

export { ORIGIN_PROPERTY, READINESS_PROPERTY } from './pilot-mapping';
import { GROUP_RECIPIENT } from '../domain/reminders';

/** An issue of the app's found in Jira, with its id. */
export type FoundIssue = ExistingIssue & { id: string };

/** Pilots per search when several pilots' issues are read at once (JQL `IN` list and page size). */
const PILOTS_PER_SEARCH = 50;

/** A pilot as a search returns it with its published readiness: who it is, and copies to compare. */
export interface PublishedPilot {
  id: string;
  key: string;
  summary: string;
  statusCategory: StatusCategory;
  /** The `pilot-readiness` property as Jira holds it: anyone who can edit the pilot can write it. */
  published: ReadinessDocument | undefined;
  /** The Readiness field as Jira holds it (null when empty or not provisioned). */
  publishedScore: number | null;
  /** With `attached`: the keys of its sub-tasks and of the issues linked to it, as Jira holds them now. */
  attachedKeys?: string[];
}

export class PilotGateway {
  constructor(
    readonly jira: JiraClient,
    readonly provisioning: Provisioning,
  ) {}

  static asApp(provisioning: Provisioning): PilotGateway {
    return new PilotGateway(JiraClient.asApp(), provisioning);
  }

  /** JQL for every AI Pilot of the site, in whichever project and of whichever (project) type. */
  pilotsJql(): string {
    return `issuetype in (${pilotIssueTypeIds(this.provisioning).join(', ')})`;
  }

  /**
   * A reminder about the pilot through Jira's own notifications, to these recipients: people by account
   * id, and groups as `group:<groupId>` (the review board) (1 call, a write).
   */
  async remind(
    pilotKey: string,
    subject: string,
    text: string,
    recipients: readonly string[],
  ): Promise<void> {
    const groupIds = recipients.flatMap((to) =>
      to.startsWith(GROUP_RECIPIENT) ? [to.slice(GROUP_RECIPIENT.length)] : [],
    );
    const accountIds = recipients.filter((to) => !to.startsWith(GROUP_RECIPIENT));
    await this.jira.notify(pilotKey, subject, text, { accountIds, groupIds });
  }

  /** The pilot (or any issue, e.g. an epic) by id or key: GET /issue sees it at once (1 call). */
  async readPilot(idOrKey: string): Promise<Pilot> {
    return pilotOf(
      await this.jira.getIssue(idOrKey, pilotFields(this.provisioning), PILOT_PROPERTIES),
      this.provisioning,
    );
  }

  /**
   * The pilot and its production path in one search: the pilot by id, its issues by the indexed
   * origin property, and its Jira data-access tickets by id. The index may lag writes (a link just
   * made, a ticket just filed), so the tickets are those linked on the pilot plus those the app saw
   * linked (`linkedTicketIds`) minus those it saw unlinked; `reconcileIssues` asks the index for the
   * current state of issues just written or changed. A pilot the index does not have yet is read by
   * id; tickets linked on the pilot that the first search did not ask for are read with one more
   * search. So the usual cost is 1 call.
   */
  async readPilotWithWork(
    pilotId: string,
    options: {
      linkedTicketIds?: string[];
      unlinkedTicketIds?: string[];
      reconcileIssues?: string[];
      rejectedResolutions: string[];
    },
  ): Promise<{ pilot: Pilot; work: PilotWork; foundIds: Set<string> }> {
    const unlinked = new Set(options.unlinkedTicketIds ?? []);
    const known = (options.linkedTicketIds ?? []).filter((id) => !unlinked.has(id));
    const found = await this.jira.searchAll(
      `id = ${pilotId} OR ${this.workJql([pilotId], known)} ORDER BY key ASC`,
      [...new Set([...pilotFields(this.provisioning), ...WORK_FIELDS])],
      [...PILOT_PROPERTIES, ORIGIN_PROPERTY],
      reconcileIds([pilotId, ...known, ...(options.reconcileIssues ?? [])]),
    );
    const pilotIssue = found.find((issue) => issue.id === pilotId);
    const pilot = pilotIssue ? pilotOf(pilotIssue, this.provisioning) : await this.readPilot(pilotId);
    const linkedOnPilot = pilot.dataAccessLinks.map((linked) => linked.id).filter((id) => !unlinked.has(id));
    const ticketIds = [...new Set([...known, ...linkedOnPilot])];
    const foundIds = new Set(found.map((issue) => issue.id));
    const missing = ticketIds.filter((id) => !foundIds.has(id) && !known.includes(id));
    const more =
      missing.length === 0
        ? []
        : await this.jira.searchAll(
            `id in (${missing.join(', ')})`,
            WORK_FIELDS,
            [ORIGIN_PROPERTY],
            reconcileIds(missing),
          );
    const work = workOf(
      [...found.filter((issue) => issue.id !== pilotId), ...more],
      pilotId,
      ticketIds,
      options.rejectedResolutions,
      this.provisioning,
    );
    if (pilot.productionOwner)
      work.names[pilot.productionOwner.accountId] = pilot.productionOwner.displayName;
    return { pilot, work, foundIds: new Set([...found, ...more].map((issue) => issue.id)) };
  }

  /**
   * The app's issues of many pilots, 50 pilots per search, by pilot id. `knownIssueIds` (the issues
   * generation created, by pilot) are asked for by id too, so issues the index does not show yet count.
   */
  async existingIssuesOf(
    pilotIds: string[],
    knownIssueIds: ReadonlyMap<string, string[]> = new Map(),
  ): Promise<Map<string, FoundIssue[]>> {
    const byPilot = new Map<string, FoundIssue[]>();
    for (let offset = 0; offset < pilotIds.length; offset += PILOTS_PER_SEARCH) {
      const chunk = pilotIds.slice(offset, offset + PILOTS_PER_SEARCH);
      const issues = await this.jira.searchAll(
        this.workJql(chunk, []),
        ['status', 'duedate'],
        [ORIGIN_PROPERTY],
        reconcileIds(chunk.flatMap((pilotId) => knownIssueIds.get(pilotId) ?? [])),
      );
      for (const issue of issues) {
        const origin = parseOrigin(issue.properties?.[ORIGIN_PROPERTY]);
        if (!origin) continue;
        byPilot.set(origin.pilot, [...(byPilot.get(origin.pilot) ?? []), foundIssueOf(issue, origin)]);
      }
    }
    return byPilot;
  }

  /** Every pilot matching `condition` (JQL, without ORDER BY), read with all pilot fields. */
  async searchPilots(condition?: string, reconcileIssues: string[] = []): Promise<Pilot[]> {
    const jql = `${this.pilotsJql()}${condition ? ` AND (${condition})` : ''} ORDER BY key ASC`;
    const issues = await this.jira.searchAll(
      jql,
      pilotFields(this.provisioning),
      PILOT_PROPERTIES,
      reconcileIds(reconcileIssues),
    );
    return issues.map((issue) => pilotOf(issue, this.provisioning));
  }

  /**
   * Pilots with what Jira publishes of their readiness (the property and the Readiness field) and their
   * status category, one search page per 100: who the pilots are, and copies to compare with the app's
   * stored truth. The published values are never input to a decision or a list (product.md §14). With
   * `attached`, also the issues hanging on each (its sub-tasks and linked issues), in the same search.
   */
  async publishedPilotsOf(
    condition?: string,
    reconcileIssues: string[] = [],
    options: { attached?: boolean } = {},
  ): Promise<PublishedPilot[]> {
    const field = this.provisioning.fields.readiness;
    const issues = await this.jira.searchAll(
      `${this.pilotsJql()}${condition ? ` AND (${condition})` : ''} ORDER BY key ASC`,
      [
        'summary',
        'status',
        ...(field ? [field] : []),
        ...(options.attached ? ['subtasks', 'issuelinks'] : []),
      ],
      [READINESS_PROPERTY],
      reconcileIds(reconcileIssues),
    );
    return issues.map((issue) => ({
      ...publishedPilotOf(issue, field),
      ...(options.attached ? { attachedKeys: attachedKeysOf(issue) } : {}),
    }));
  }

  /**
   * The pilot's remote links (1 call). Which ServiceNow links count is decided from the app's own
   * record of what it filed (services/readiness/servicenow-tickets.ts): a look-alike link earns nothing.
   */
  remoteLinksOf(pilotId: string): Promise<RemoteLink[]> {
    return this.jira.getRemoteLinks(pilotId);
  }

  writeReadiness(pilotId: string, readiness: ReadinessDocument): Promise<void> {
    return this.jira.setIssueProperty(pilotId, READINESS_PROPERTY, readiness);
  }

  /** The read-only Readiness field, which mirrors the score for issue navigator columns. */
  async writeReadinessField(pilotId: string, score: number): Promise<boolean> {
    const fieldId = this.provisioning.fields.readiness;
    if (!fieldId) return false;
    await this.jira.setAppFieldValue(fieldId, [Number(pilotId)], score);
    return true;
  }

  /** The `pilot-milestones` property: the pilot's milestone target overrides (product.md §10). */
  writeMilestoneOverrides(pilotId: string, overrides: Record<string, string>): Promise<void> {
    return this.jira.setIssueProperty(pilotId, MILESTONES_PROPERTY, overrides);
  }

  writeProductionSpec(pilotId: string, spec: ProductionSpec): Promise<void> {
    return this.jira.setIssueProperty(pilotId, PRODUCTION_SPEC_PROPERTY, spec);
  }

  moveDueDate(issueKey: string, dueDate: string): Promise<void> {
    return this.jira.editIssue(issueKey, { duedate: dueDate });
  }

  comment(issueIdOrKey: string, text: string): Promise<unknown> {
    return this.jira.addComment(issueIdOrKey, text);
  }

  /** Creates issues of pilots' production paths in bulk; per-issue failures are reported, not thrown. */
  createPathIssues(issues: readonly PathIssueToCreate[]): Promise<BulkCreateResult> {
    return this.jira.bulkCreate(
      issues.map((issue) => pathIssueUpdate(issue, this.provisioning.reviewLinkTypeName)),
    );
  }

  /** A Jira data-access ticket for the pilot, linked with the *Data access* link type at creation. */
  fileDataAccessTicket(
    pilot: Pick<Pilot, 'key' | 'projectKey'>,
    ticket: { summary: string; assigneeAccountId: string; description: string },
  ): Promise<CreatedIssue> {
    return this.jira.createIssue({
      fields: {
        project: { key: pilot.projectKey },
        issuetype: { name: 'Task' },
        summary: ticket.summary,
        assignee: { accountId: ticket.assigneeAccountId },
        description: adfParagraphs(ticket.description),
      },
      update: {
        issuelinks: [
          {
            add: {
              type: { name: this.provisioning.dataAccessLinkType.name },
              inwardIssue: { key: pilot.key },
            },
          },
        ],
      },
    });
  }

  /**
   * The app's issues hanging on the pilot right now, whatever the search index says: its sub-tasks and
   * linked issues as GET /issue sees them, then their origin property read fresh (reconcileIssues).
   * For after a create whose answer was lost: what it created may not be searchable yet (2 calls).
   */
  async issuesAttachedTo(pilotId: string): Promise<FoundIssue[]> {
    const pilot = await this.jira.getIssue(pilotId, ['subtasks', 'issuelinks']);
    const attached = [
      ...((pilot.fields.subtasks as Array<{ id: string }> | undefined) ?? []),
      ...(pilot.fields.issuelinks ?? []).map((link) => link.inwardIssue ?? link.outwardIssue),
    ].flatMap((issue) => (issue?.id ? [issue.id] : []));
    if (attached.length === 0) return [];
    const issues = await this.jira.searchAll(
      `id in (${[...new Set(attached)].join(', ')})`,
      ['status', 'duedate'],
      [ORIGIN_PROPERTY],
      reconcileIds(attached),
    );
    return issues.flatMap((issue) => {
      const origin = parseOrigin(issue.properties?.[ORIGIN_PROPERTY]);
      return origin?.pilot === pilotId ? [foundIssueOf(issue, origin)] : [];
    });
  }

  /**
   * One page of the open workstream sub-tasks of some template rows in a project, across every pilot,
   * by the indexed origin property (1 call): an owner team's queue. Due date first, undated last.
   */
  async openWorkstreamsPage(
    projectKey: string,
    rows: readonly string[],
    page: { maxResults: number; nextPageToken?: string },
  ): Promise<{ issues: QueueItem[]; nextPageToken: string | undefined }> {
    const jql =
      `project = "${projectKey}" AND issue.property[${ORIGIN_PROPERTY}].row IN (${rows.map((row) => `"${row}"`).join(', ')}) ` +
      'AND statusCategory != Done ORDER BY duedate ASC, key ASC';
    const found = await this.jira.searchPage(jql, ['summary', 'duedate', 'parent'], {
      properties: [ORIGIN_PROPERTY],
      ...page,
    });
    const issues = found.issues.flatMap((issue): QueueItem[] => {
      const origin = parseOrigin(issue.properties?.[ORIGIN_PROPERTY]);
      if (!origin || !('row' in origin)) return [];
      return [
        {
          key: issue.key,
          pilotId: issue.fields.parent?.id ?? '',
          pilotKey: issue.fields.parent?.key ?? '',
          row: origin.row,
          summary: issue.fields.summary ?? '',
          dueDate: isIsoDate(issue.fields.duedate) ? issue.fields.duedate : null,
        },
      ];
    });
    return { issues, nextPageToken: nextPageTokenOf(found) };
  }

  /**
   * The pilot and the app's issues of it that are not done yet (1 search, the origin property);
   * `knownIssueIds` (e.g. what generation created) are read fresh even if the index lags behind.
   * `workflowState` tells issues apart whose workflow offers the same transitions now (project,
   * issue type and status), so those are asked for once.
   */
  async openIssuesOf(
    pilotId: string,
    knownIssueIds: readonly string[] = [],
  ): Promise<Array<{ key: string; statusCategory: StatusCategory; workflowState: string }>> {
    const issues = await this.jira.searchAll(
      `(id = ${pilotId} OR issue.property[${ORIGIN_PROPERTY}].pilot = "${pilotId}") AND statusCategory != Done ORDER BY key ASC`,
      ['status', 'project', 'issuetype'],
      [],
      reconcileIds([pilotId, ...knownIssueIds]),
    );
    return issues.map((issue) => ({
      key: issue.key,
      statusCategory: issueStatusCategory(issue.fields),
      workflowState: [issue.fields.project?.key, issue.fields.issuetype?.id, issue.fields.status?.id].join(
        '/',
      ),
    }));
  }

  /** The transitions the issue's workflow offers now, with their screens' fields (GET /issue/{key}/transitions). */
  transitionsOf(issueKey: string): Promise<TransitionOption[]> {
    return getTransitions(this.jira, issueKey);
  }

  /** Moves the issue through one of its workflow's transitions, setting the resolution given. */
  transition(
    issueKey: string,
    transitionId: string,
    resolution: { name: string } | null = null,
  ): Promise<void> {
    return doTransition(this.jira, issueKey, transitionId, resolution);
  }

  /** Sets the pilot's Production owner field (an accelerate names the owner, product.md §9). */
  async setProductionOwner(pilotId: string, accountId: string): Promise<boolean> {
    const fieldId = this.provisioning.fields.productionOwner;
    if (!fieldId) return false;
    await this.jira.editIssue(pilotId, { [fieldId]: { accountId } });
    return true;
  }

  /**
   * Issues of a pilot's path by id, as the readiness model takes them (1 search; the index is asked for
   * their current state); `found` says how many of them Jira returned.
   */
  async workIssuesById(
    pilotId: string,
    issueIds: string[],
    rejectedResolutions: readonly string[],
  ): Promise<{ work: PilotWork; found: number }> {
    const issues = await this.jira.searchAll(
      `id in (${issueIds.join(', ')}) ORDER BY key ASC`,
      WORK_FIELDS,
      [ORIGIN_PROPERTY],
      reconcileIds(issueIds),
    );
    return {
      work: workOf(issues, pilotId, [], rejectedResolutions, this.provisioning),
      found: issues.length,
    };
  }

  /** The issue types of the issues with these ids (1 search), e.g. the two ends of a link. */
  async issueTypesOf(issueIds: string[]): Promise<Array<{ id: string; key: string; issueTypeId?: string }>> {
    const issues = await this.jira.searchAll(
      `id in (${issueIds.join(', ')})`,
      ['issuetype'],
      [],
      reconcileIds(issueIds),
    );
    return issues.map((issue) => ({ id: issue.id, key: issue.key, issueTypeId: issue.fields.issuetype?.id }));
  }

  private workJql(pilotIds: string[], ticketIds: readonly string[]): string {
    const ids = pilotIds.map((id) => `"${id}"`).join(', ');
    const owned =
      pilotIds.length === 1
        ? `issue.property[${ORIGIN_PROPERTY}].pilot = ${ids}`
        : `issue.property[${ORIGIN_PROPERTY}].pilot IN (${ids})`;
    return ticketIds.length > 0 ? `${owned} OR id in (${ticketIds.join(', ')})` : owned;
  }
}

function foundIssueOf(issue: JiraIssue, origin: PilotPathwayOrigin): FoundIssue {
  return {
    id: issue.id,
    key: issue.key,
    origin,
    statusCategory: issueStatusCategory(issue.fields),
    dueDate: typeof issue.fields.duedate === 'string' ? issue.fields.duedate : null,
  };
}

function publishedPilotOf(issue: JiraIssue, readinessField: string | null): PublishedPilot {
  const score = readinessField ? (issue.fields as Record<string, unknown>)[readinessField] : null;
  return {
    id: issue.id,
    key: issue.key,
    summary: issue.fields.summary ?? '',
    statusCategory: issueStatusCategory(issue.fields),
    published: issue.properties?.[READINESS_PROPERTY] as ReadinessDocument | undefined,
    publishedScore: typeof score === 'number' ? score : null,
  };
}

/** The keys of an issue's sub-tasks and of the issues linked to it. */
function attachedKeysOf(issue: JiraIssue): string[] {
  return [
    ...(issue.fields.subtasks ?? []).map((subtask) => subtask.key),
    ...(issue.fields.issuelinks ?? []).flatMap((link) => {
      const other = link.outwardIssue ?? link.inwardIssue;
      return other ? [other.key] : [];
    }),
  ];
}

function reconcileIds(ids: readonly string[]): number[] {
  return [...new Set(ids)]
    .map(Number)
    .filter((id) => Number.isInteger(id))
    .slice(0, 50);
}
