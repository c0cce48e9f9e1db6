/**
 * The measurements on one scale site (product.md §16), in this order: the daily job; the portfolio's
 * first screen and a sorted and filtered page; an owner team's queue; the epic of 1,000 pilots; each
 * kind of change the modelled hour counts, on pilots spread over the site; last a template apply
 * across every pilot (it changes every pilot). Each phase runs on an idle sandbox after a metrics
 * reset and lasts until the sandbox is idle again, so it holds every event and queue item it caused.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { Sandbox } from '../../sandbox/server';
import type { OwnershipTemplate } from '../../src/domain';
import { CostMeter, type Cost } from '../cost/meter';
import { ADMIN, type Issue, PM, SURFACES, SiteSteps } from '../cost/site-steps';
import { control } from '../sandbox-control';
import type { ChangeCosts } from './hour';
import {
  type ForgeReport,
  type InvocationSummary,
  InvocationTap,
  type StorageSummary,
  forgeReport,
  fromPlatform,
  storedSize,
  switchProductionBehaviour,
} from './platform';
import { EPIC_SIZE, type ScaleSite } from './site';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const STEWARD = SANDBOX_USERS.pathwayEngineer.accountId;
/** Pilots each change kind is measured on (the mean is taken). */
const SAMPLES = 3;
const PROJECT_PAGE = { type: 'jira:projectPage', project: { id: '10000', key: 'AIP' } };

export interface PhaseResult {
  id: string;
  title: string;
  calls: number;
  points: number;
  /** Wall time until the sandbox was idle again. */
  ms: number;
  byOperation: Record<string, number>;
  invocations: InvocationSummary;
  /** Events the app pushed to its queue; per minute and refused only from the platform report. */
  queue: { pushed: number; maxPerMinute?: number; refused?: number };
  /** Events the platform gave up delivering after their retries: a page of work lost. */
  lostPages: number;
  /** Scenario numbers beyond the common ones (rows listed, pilots completed, ...). */
  measures: Record<string, number>;
  notes: string[];
}

export interface SiteResult {
  site: ScaleSite;
  issues: number;
  /** Production behaviours the sandbox refused to switch on. */
  lacking: string[];
  /** Whether the sandbox answered GET /__sandbox/forge. */
  platformReport: boolean;
  phases: PhaseResult[];
  costs: ChangeCosts;
  storage: StorageSummary;
  /** The slowest invocation of the whole run against its limit. */
  slowest: InvocationSummary['slowest'];
  notes: string[];
}

const mean = (values: number[]) =>
  values.length === 0 ? undefined : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;

export class ScaleRun {
  private readonly steps: SiteSteps;
  private readonly meter: CostMeter;
  private readonly tap: InvocationTap;
  private readonly phases: PhaseResult[] = [];
  private readonly notes: string[] = [];
  private readonly storageRates = { maxRead: 0, maxWrite: 0, throttled: 0, seen: false };
  private platformReport = false;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly site: ScaleSite,
    private readonly log: (line: string) => void,
  ) {
    this.steps = new SiteSteps(sandbox);
    this.meter = new CostMeter(sandbox);
    this.tap = new InvocationTap(sandbox);
  }

  async measure(): Promise<SiteResult> {
    const lacking = await switchProductionBehaviour(this.sandbox);
    if (lacking.length > 0) this.log(`  not measured with ${lacking.join(', ')} (the sandbox lacks them)`);
    const pilots = await this.steps.searchKeys('issuetype = "AI Pilot" ORDER BY key ASC');
    const issues = await this.count('project in (AIP, SEC, TEAM)');
    const costs: ChangeCosts = {};

    const daily = await this.dailyJob();
    costs.dailyJob = daily.points;
    costs.reminders = await this.reminders();
    costs.portfolioOpen = (await this.portfolio()).points;
    costs.ownerQueueOpen = (await this.ownerQueue()).points;
    const epicSize = Math.min(EPIC_SIZE, pilots.length).toLocaleString('en');
    costs.epicPageView = await this.pageViews(
      { id: '', key: this.site.epicKey },
      'epic',
      `the epic of ${epicSize} pilots`,
    );
    Object.assign(costs, await this.changeKinds(pilots));
    costs.templateApply = (await this.templateApply(pilots.length)).points;

    const slowest = this.phases
      .map((phase) => phase.invocations.slowest)
      .filter((invocation) => invocation !== undefined)
      .sort((a, b) => b.percentOfLimit - a.percentOfLimit)[0];
    const stored = storedSize(this.sandbox);
    return {
      site: this.site,
      issues,
      lacking,
      platformReport: this.platformReport,
      phases: this.phases,
      costs,
      storage: this.storageRates.seen
        ? {
            ...stored,
            maxReadUnitsPerMinute: this.storageRates.maxRead,
            maxWriteUnitsPerMinute: this.storageRates.maxWrite,
            throttled: this.storageRates.throttled,
          }
        : stored,
      slowest,
      notes: this.notes,
    };
  }

  /** How many issues the JQL finds (as the site admin, pages of ids). */
  private async count(jql: string): Promise<number> {
    let total = 0;
    let nextPageToken: string | undefined;
    do {
      const page = await this.steps.jira(
        'POST',
        '/rest/api/3/search/jql',
        { jql, maxResults: 5000, ...(nextPageToken ? { nextPageToken } : {}) },
        ADMIN,
      );
      total += (page.issues as unknown[]).length;
      nextPageToken = page.nextPageToken ?? undefined;
    } while (nextPageToken);
    return total;
  }

  /** Runs one phase: idle, metrics reset, the work, idle; what the app spent and the platform saw. */
  private async phase(
    id: string,
    title: string,
    work: () => Promise<Record<string, number> | void>,
  ): Promise<PhaseResult> {
    // Each phase starts in a minute of its own: Forge's per-minute storage and queue quotas then
    // count the phase's own work, not what the phase before it spent.
    this.sandbox.clock.advance(MINUTE_MS);
    const before = this.sandbox.runtime.deliveryCounts();
    this.tap.start();
    let measures: Record<string, number> = {};
    const cost: Cost = await this.meter.measure(async () => {
      measures = (await work()) ?? {};
    });
    const platform = await forgeReport(this.sandbox);
    const after = this.sandbox.runtime.deliveryCounts();
    if (platform) this.notePlatform(platform);
    const result: PhaseResult = {
      id,
      title,
      calls: cost.calls,
      points: cost.points,
      ms: Math.round(cost.ms),
      byOperation: cost.byOperation,
      invocations: platform ? fromPlatform(platform) : this.tap.summary(),
      queue: platform
        ? {
            pushed: platform.queue.pushed,
            maxPerMinute: platform.queue.maxPerMinute,
            refused: platform.queue.refused,
          }
        : { pushed: after.queued - before.queued },
      lostPages: after.dropped - before.dropped,
      measures,
      notes: [],
    };
    this.phases.push(result);
    const slowest = result.invocations.slowest;
    this.log(
      `  ${title}: ${result.calls} Jira calls, ${result.points} points, ${result.ms} ms` +
        (slowest
          ? `; slowest ${slowest.functionKey} ${slowest.ms} ms = ${slowest.percentOfLimit}% of its limit`
          : ''),
    );
    return result;
  }

  private notePlatform(report: ForgeReport): void {
    this.platformReport = true;
    this.storageRates.seen = true;
    this.storageRates.maxRead = Math.max(this.storageRates.maxRead, report.kvs.maxReadUnitsPerMinute);
    this.storageRates.maxWrite = Math.max(this.storageRates.maxWrite, report.kvs.maxWriteUnitsPerMinute);
    this.storageRates.throttled += report.kvs.throttled;
  }

  private async dailyJob(): Promise<PhaseResult> {
    this.sandbox.clock.advance(DAY_MS);
    return this.phase('daily', 'the daily job', async () => {
      const reply = await control(this.sandbox, 'POST', '/__sandbox/scheduled/daily-readiness-trigger');
      if (reply.status !== 200) throw new Error(`The daily job failed: ${JSON.stringify(reply.json)}`);
    });
  }

  /** The app's reminders, when it has a scheduled trigger for them; none yet costs nothing. */
  private async reminders(): Promise<number> {
    const triggers = this.sandbox.runtime.manifest.scheduledTriggers.filter((trigger) =>
      /remind/i.test(trigger.key),
    );
    if (triggers.length === 0) {
      this.notes.push('reminders: the app has no reminder trigger yet (counted as 0 points)');
      return 0;
    }
    let points = 0;
    for (const trigger of triggers) {
      const phase = await this.phase(`reminders:${trigger.key}`, `reminders (${trigger.key})`, async () => {
        await control(this.sandbox, 'POST', `/__sandbox/scheduled/${trigger.key}`);
      });
      points += phase.points;
    }
    return points;
  }

  private async portfolio(): Promise<PhaseResult> {
    const first = await this.phase('portfolio', 'the portfolio, first screen', async () => {
      const view = await this.steps.invoke('portfolio-page', 'getPortfolio', {}, PM, PROJECT_PAGE);
      return { rows: (view.rows as unknown[]).length };
    });
    const sorted = await this.phase(
      'portfolio-sorted',
      'the portfolio, a sorted and filtered page',
      async () => {
        const view = await this.steps.invoke(
          'portfolio-page',
          'getPortfolio',
          { sort: { key: 'score', direction: 'ascending' }, filter: { band: 'purgatory' } },
          PM,
          PROJECT_PAGE,
        );
        return { rows: (view.rows as unknown[]).length };
      },
    );
    if (sorted.measures['rows'] === first.measures['rows'])
      sorted.notes.push(
        'the app’s getPortfolio takes no sort or filter (the page sorts and filters in the browser): this is a second full read',
      );
    return first;
  }

  /** The template as the app stores it: its compare-and-set record, or a plain entry stored before those. */
  private storedTemplate(): OwnershipTemplate {
    const record = this.sandbox.runtime.kvs.snapshot('entity:versioned-record')['config'] as
      { value: { template: OwnershipTemplate } } | undefined;
    const config =
      record?.value ?? (this.sandbox.runtime.kvs.snapshot()['config'] as { template: OwnershipTemplate });
    return config.template;
  }

  private async ownerQueue(): Promise<PhaseResult> {
    const team = this.storedTemplate().rows[0]?.ownerTeam ?? 'Data science team';
    return this.phase('owner-queue', `an owner team’s queue (${team})`, async () => {
      const view = await this.steps.invoke('portfolio-page', 'getOwnerQueue', { team }, PM, PROJECT_PAGE);
      return { entries: (view.entries as unknown[]).length };
    });
  }

  /** An issue page (its three surfaces) as the project manager; answers the points of one view. */
  private async pageViews(issue: Issue, id: string, title: string): Promise<number> {
    const extension = await this.steps.extensionOf(issue.key);
    let points = 0;
    for (const surface of SURFACES) {
      const phase = await this.phase(`${id}-${surface.id}`, `${title}: ${surface.title}`, () =>
        this.steps.openSurface(surface.id, extension),
      );
      points += phase.points;
    }
    return points;
  }

  /** Each kind of change on its own pilots, spread over the site; the mean points of each. */
  private async changeKinds(pilotKeys: string[]): Promise<ChangeCosts> {
    const kinds = 6;
    const stride = Math.max(1, Math.floor(pilotKeys.length / (kinds * SAMPLES + 1)));
    let next = 0;
    const samplePilots = async (): Promise<Issue[]> => {
      const chosen: Issue[] = [];
      for (let sample = 0; sample < SAMPLES; sample++) {
        const key = pilotKeys[((next += 1) * stride) % pilotKeys.length] as string;
        const { id } = await this.steps.jira('GET', `/rest/api/3/issue/${key}?fields=summary`);
        chosen.push({ id: String(id), key });
      }
      return chosen;
    };
    const pointsOf = async (
      id: string,
      title: string,
      pilots: Issue[],
      work: (pilot: Issue) => Promise<unknown>,
    ): Promise<number | undefined> => {
      const points: number[] = [];
      for (const [index, pilot] of pilots.entries()) {
        const phase = await this.phase(`${id}:${index + 1}`, `${title} (${pilot.key})`, async () => {
          await work(pilot);
        });
        points.push(phase.points);
      }
      return mean(points);
    };

    const costs: ChangeCosts = {};
    costs.subtaskChange = await pointsOf(
      'subtask-change',
      'a sub-task change',
      await samplePilots(),
      async (pilot) =>
        this.steps.move(await this.steps.workstreamOf(pilot, 'model-validation'), 'in-progress'),
    );
    costs.reviewChange = await pointsOf(
      'review-change',
      'a review change',
      await samplePilots(),
      async (pilot) => this.steps.move(await this.steps.reviewOf(pilot, 'security'), 'in-progress'),
    );
    const demoField = await this.steps.fieldId('Demo sign-off date');
    costs.pilotEdit = await pointsOf(
      'pilot-edit',
      'an edit of the pilot’s fields',
      await samplePilots(),
      (pilot) =>
        this.steps.jira('PUT', `/rest/api/3/issue/${pilot.key}`, {
          fields: {
            [demoField]: new Date(this.sandbox.clock.nowMs() - 3 * DAY_MS).toISOString().slice(0, 10),
          },
        }),
    );
    const fileRequest = async (pilot: Issue, target: 'jira' | 'servicenow') =>
      this.steps.invoke(
        'readiness-panel',
        'requestDataAccess',
        {
          target,
          dataSource: 'Customer interactions (contact centre)',
          stewardAccountId: STEWARD,
          justification: 'Six months of interactions to evaluate the model',
        },
        PM,
        await this.steps.extensionOf(pilot.key),
      ) as Promise<{ key: string }>;
    const jiraTickets: string[] = [];
    const jiraPilots = await samplePilots();
    costs.dataAccessJiraFiled = await pointsOf(
      'data-access-jira-filed',
      'a data-access ticket filed in Jira',
      jiraPilots,
      async (pilot) => jiraTickets.push((await fileRequest(pilot, 'jira')).key),
    );
    costs.dataAccessJiraMoved = await pointsOf(
      'data-access-jira-moved',
      'a Jira data-access ticket moves on',
      jiraPilots,
      (_pilot) => this.steps.move(jiraTickets.shift() as string, 'in-progress'),
    );
    const before = new Set(this.sandbox.servicenow.records('sc_req_item').map((record) => record.sys_id));
    const serviceNowPilots = await samplePilots();
    costs.dataAccessServiceNowFiled = await pointsOf(
      'data-access-servicenow-filed',
      'a data-access request filed in ServiceNow',
      serviceNowPilots,
      (pilot) => fileRequest(pilot, 'servicenow'),
    );
    const filed = this.sandbox.servicenow
      .records('sc_req_item')
      .filter((record) => !before.has(record.sys_id))
      .map((record) => record.sys_id);
    costs.dataAccessServiceNowMoved = await pointsOf(
      'data-access-servicenow-moved',
      'a ServiceNow request moves on (push)',
      serviceNowPilots,
      async () => {
        const { push } = await this.sandbox.servicenow.changeAsUser('sc_req_item', filed.shift() as string, {
          state: '2',
        });
        if (push && push.status >= 300) throw new Error(`The ServiceNow push answered ${push.status}`);
      },
    );
    const viewed = (await samplePilots())[0] as Issue;
    costs.pilotPageView = await this.pageViews(viewed, 'pilot-view', `a pilot page (${viewed.key})`);
    return costs;
  }

  /** An admin adds a workstream to the template and applies it to every pilot (preview, confirm). */
  private async templateApply(pilots: number): Promise<PhaseResult> {
    const config = { template: this.storedTemplate() };
    const row = {
      key: 'model-risk-review',
      workstream: 'Model risk review',
      ownerTeam: 'Data science team',
      startWeek: 5,
      milestone: config.template.milestones[0]?.key ?? 'demo-sign-off',
      weight: 1,
    };
    const template = { ...structuredClone(config.template), rows: [...config.template.rows, row] };
    const admin = { type: 'jira:adminPage' };
    const busyBefore = this.steps.busyRetries;
    const phase = await this.phase('template', `a template apply across ${pilots} pilots`, async () => {
      const preview = await this.steps.invoke(
        'admin-page',
        'previewTemplateChange',
        { template },
        ADMIN,
        admin,
      );
      await this.steps.invoke(
        'admin-page',
        'applyTemplateChange',
        { template, confirmation: preview.confirmation, revision: preview.revision },
        ADMIN,
        admin,
      );
    });
    const busy = this.steps.busyRetries - busyBefore;
    if (busy > 0)
      phase.notes.push(
        `the admin page answered "busy, try again in a minute" ${busy} time(s) (storage over its per-minute units); the admin waited a minute each time`,
      );
    const reached = await this.count(`issue.property[pilot-pathway-origin].row = "${row.key}"`);
    phase.measures['completedPilots'] = reached;
    phase.measures['pilotsNotReached'] = pilots - reached;
    return phase;
  }
}
