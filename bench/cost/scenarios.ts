/**
 * The scenarios of issue 10 on one growing sandbox site, each measured for the app ("ours") and, in
 * the same run on the same data, for the naive baseline (naive-app.ts). Where both must start from the
 * same state (a pilot's creation, a template apply) the app goes first and its work is removed again
 * (as the site admin, not counted) before the baseline does the same work.
 *
 *   phase 1, a few pilots: create, a sub-task change, irrelevant edits, a burst of 13 changes, the
 *            pilot's issue page surface by surface;
 *   phase 2, 200 pilots:   an epic of 50 pilots, the daily job, a template apply across every pilot,
 *                          the global page and the dashboard gadget;
 *   phase 3, 2,000 pilots: an epic of 500 pilots, the daily job, the global page and the gadget.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { JiraSite } from '../../sandbox/jira/site';
import type { Sandbox } from '../../sandbox/server';
import type { OwnershipTemplate, ReadinessDocument } from '../../src/domain';
import { type Cost, type CostMeter, searchCalls, sumCosts, writeCalls, writesOn } from './meter';
import { storedValue } from '../../test/support/trust-steps';
import { NAIVE_PROPERTY, type NaiveApp, appReadiness } from './naive-app';
import { ADMIN, type Issue, PM, SURFACES, type SiteSteps } from './site-steps';

export interface Side {
  calls: number;
  points: number;
  ms: number;
  searches: number;
  writes: number;
  byOperation: Record<string, number>;
  /** Writes on the scenario's pilot (burst). */
  pilotWrites?: number;
  /** Pilots whose stored readiness (property or Readiness field) changed (daily job). */
  changedPilots?: number;
  /** Reminders sent through Jira's notifications (daily job): each is a write (product.md §13, §15). */
  notifications?: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** Pilots the scenario spans (epic, daily job, template apply). */
  n?: number;
  ours: Side;
  naive?: Side;
  notes: string[];
}

export interface Sizes {
  smallEpic: number;
  largeEpic: number;
  smallSite: number;
  largeSite: number;
}

export const FULL_SIZES: Sizes = { smallEpic: 50, largeEpic: 500, smallSite: 200, largeSite: 2000 };

const DAY_MS = 24 * 60 * 60 * 1000;
const START = '2026-03-02T09:00:00.000Z';
/** One seeded pilot in this many has had its demo: its daysSinceDemo moves every day. */
const DEMO_EVERY = 5;

function side(cost: Cost, extra: Partial<Side> = {}): Side {
  return {
    calls: cost.calls,
    points: cost.points,
    ms: Math.round(cost.ms),
    searches: searchCalls(cost),
    writes: writeCalls(cost),
    byOperation: cost.byOperation,
    ...extra,
  };
}

/** The surfaces across projects (product.md §15), as their Custom UI invokes them on opening. */
const ACROSS_PROJECTS = [
  {
    id: 'global',
    title: 'the global page (getGlobalPortfolio)',
    moduleKey: 'pilot-pathway-global',
    functionKey: 'getGlobalPortfolio',
    extension: { type: 'jira:globalPage' },
  },
  {
    id: 'gadget',
    title: 'the dashboard gadget, every project (getGadget)',
    moduleKey: 'portfolio-gadget',
    functionKey: 'getGadget',
    extension: { type: 'jira:dashboardGadget', dashboard: { id: '10100' }, gadget: { id: '10101' } },
  },
] as const;

export class CostScenarios {
  readonly results: ScenarioResult[] = [];
  private pilots: Issue[] = [];
  private readonly demoDate: string;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly meter: CostMeter,
    private readonly steps: SiteSteps,
    private readonly naive: NaiveApp | undefined,
    private readonly sizes: Sizes,
    private readonly log: (line: string) => void,
  ) {
    this.sandbox.clock.set(START);
    this.demoDate = new Date(Date.parse(START) - 20 * DAY_MS).toISOString().slice(0, 10);
  }

  private get site(): JiraSite {
    return this.sandbox.jira as unknown as JiraSite;
  }

  private record(result: ScenarioResult): void {
    this.results.push(result);
    const naive = result.naive ? `  naive ${result.naive.calls} calls ${result.naive.points} points` : '';
    this.log(`  ${result.title}: ours ${result.ours.calls} calls ${result.ours.points} points${naive}`);
  }

  private template(): OwnershipTemplate {
    return structuredClone((storedValue(this.sandbox, 'config') as { template: OwnershipTemplate }).template);
  }

  /** The baseline starts from the state the app stored (the readiness it would have computed too). */
  private async primeNaive(pilots: Issue[]): Promise<void> {
    if (!this.naive) return;
    this.naive.site.template = this.template();
    for (const pilot of pilots) {
      const stored = appReadiness(this.site.issue(pilot.id)?.properties ?? {});
      if (stored)
        await this.steps.jira(
          'PUT',
          `/rest/api/3/issue/${pilot.id}/properties/${NAIVE_PROPERTY}`,
          stored,
          ADMIN,
        );
    }
  }

  private async naiveSide(work: (naive: NaiveApp) => Promise<unknown>): Promise<Cost | undefined> {
    const naive = this.naive;
    return naive ? this.meter.measure(() => work(naive)) : undefined;
  }

  // ---------------------------------------------------------------- phase 1

  async onePilot(): Promise<void> {
    this.log('phase 1: one pilot at a time');
    let created: Issue | undefined;
    const ours = await this.meter.measure(async () => {
      created = await this.steps.createPilot('Claims summarisation copilot');
    });
    const pilot = created as Issue;
    this.pilots.push(pilot);
    let naive: Cost | undefined;
    if (this.naive) {
      const other = await this.steps.createPilot('Underwriting assistant');
      this.pilots.push(other);
      for (const key of await this.steps.pathKeys(other)) await this.steps.deleteIssue(key);
      naive = await this.naiveSide((n) => n.generate(other.key));
    }
    this.record({
      id: 'create',
      title: 'create a pilot (13 issues, 5 links, readiness)',
      ours: side(ours),
      naive: naive && side(naive),
      notes: [
        'naive: the same pilot with the app’s issues removed, generated one call per issue and per link',
      ],
    });

    await this.primeNaive(this.pilots);
    const path = await this.steps.pathOf(pilot);
    const row = (key: string) => path.workstreams[key] as string;
    const move = (key: string) => this.steps.move(key, 'done');
    await this.bothSides('change', 'a sub-task change (workstream → done)', move, [
      row('model-validation'),
      row('infrastructure'),
    ]);
    const describe = (key: string) => this.steps.editDescription(key, 'Notes for the team');
    await this.bothSides('irrelevant-subtask', 'an irrelevant edit: a sub-task’s description', describe, [
      row('mlops'),
      row('monitoring'),
    ]);
    const label = (key: string, side: string) => this.steps.addLabel(key, `label-${side}`);
    await this.bothSides('irrelevant-pilot', 'an irrelevant edit: a label on the pilot', label, [
      pilot.key,
      pilot.key,
    ]);
    await this.burst();
    await this.page(pilot, 'pilot', 'the pilot’s issue page');
  }

  /**
   * One change made by a person, on an issue for each side: the app's reaction to the first; then, once
   * the app has settled, the same change on the second and the baseline's reaction to it.
   */
  private async bothSides(
    id: string,
    title: string,
    change: (key: string, side: 'ours' | 'naive') => Promise<void>,
    [oursKey, naiveKey]: [string, string],
    n?: number,
  ): Promise<void> {
    const ours = await this.meter.measure(() => change(oursKey, 'ours'));
    let naive: Cost | undefined;
    if (this.naive) {
      await change(naiveKey, 'naive');
      await this.sandbox.idle();
      naive = await this.naiveSide((n) => n.onIssueChanged(naiveKey));
    }
    this.record({ id, title, n, ours: side(ours), naive: naive && side(naive), notes: [] });
  }

  /** 13 changes on one pilot in quick succession: every workstream and review moved to done. */
  private async burst(): Promise<void> {
    const pilot = await this.steps.createPilot('Fraud triage agent');
    const other = await this.steps.createPilot('Contact-centre summariser');
    this.pilots.push(pilot, other);
    await this.primeNaive([other]);
    const keys = await this.steps.pathKeys(pilot);
    // One change a second of sandbox time (real time × the runtime's timeScale), as a person or a bulk
    // edit makes them: the app's handlers run between the changes, as they would in Jira.
    const gapMs = 1000 * this.sandbox.runtime.timeScale;
    const ours = await this.meter.measure(async () => {
      for (const key of keys) {
        await this.steps.move(key, 'done');
        await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
    });
    const notes = [
      `${keys.length} changes, one a second (sandbox time): every workstream and review of the pilot moved to done`,
    ];
    const stored = appReadiness(this.site.issue(pilot.id)?.properties ?? {});
    if (this.naive) {
      const live = await this.naive.viewPilot(PM, pilot.key);
      notes.push(
        `after the burst the app stores score ${stored?.score}; a live recompute gives ${live.score}`,
      );
    }
    let naive: Cost | undefined;
    if (this.naive) {
      const costs: Cost[] = [];
      for (const key of await this.steps.pathKeys(other)) {
        await this.steps.move(key, 'done');
        await this.sandbox.idle();
        costs.push((await this.naiveSide((n) => n.onIssueChanged(key))) as Cost);
      }
      naive = sumCosts(costs);
    }
    this.record({
      id: 'burst',
      title: `a burst of ${keys.length} changes on one pilot`,
      ours: side(ours, { pilotWrites: writesOn(ours, pilot) }),
      naive: naive && side(naive, { pilotWrites: writesOn(naive, other) }),
      notes,
    });
  }

  /** Each surface of an issue page, measured alone, as the project manager, with nothing changed. */
  private async page(issue: Issue, prefix: string, title: string, n?: number): Promise<void> {
    const extension = await this.steps.extensionOf(issue.key);
    const isEpic = (extension.issue as { type: string }).type === 'Epic';
    for (const surface of SURFACES) {
      const ours = await this.meter.measure(() => this.steps.openSurface(surface.id, extension));
      const naive = await this.naiveSide((naive) =>
        surface.id === 'panel'
          ? isEpic
            ? naive.viewEpicRollup(PM, issue.key)
            : naive.viewPilot(PM, issue.key)
          : isEpic
            ? naive.viewEpicIssue(PM, issue.key)
            : naive.viewPilot(PM, issue.key),
      );
      this.record({
        id: `${prefix}-${surface.id}`,
        title: `${title}: ${surface.title}`,
        n,
        ours: side(ours),
        naive: naive && side(naive),
        notes: [],
      });
    }
  }

  // ---------------------------------------------------------------- phases 2 and 3

  /** Seeds pilots up to `total` on the site; `epicOf(i)` puts the i-th new one in an epic. */
  private async seed(total: number, epicOf: (index: number) => Issue | undefined): Promise<void> {
    const count = total - this.pilots.length;
    const demoField = await this.steps.fieldId('Demo sign-off date');
    const started = performance.now();
    const first = this.pilots.length;
    const seeded = await this.steps.createPilots(
      count,
      (i) => `Seeded pilot ${first + i + 1}`,
      (i) => {
        const epic = epicOf(i);
        return {
          ...(epic ? { parent: { key: epic.key } } : {}),
          ...(i % DEMO_EVERY === 0 ? { [demoField]: this.demoDate } : {}),
        };
      },
      (created) =>
        this.log(`  … ${created} of ${count} (${Math.round((performance.now() - started) / 1000)} s)`),
    );
    this.pilots.push(...seeded);
    this.pilotsWithDemo += Math.ceil(count / DEMO_EVERY);
    await this.primeNaive(seeded);
    const seconds = Math.round((performance.now() - started) / 1000);
    this.log(`  seeded ${count} pilots (the app laid out each one's path) in ${seconds} s`);
  }

  /** The large epic's pilots: the rest of phase 2's and the first of phase 3's, up to its size. */
  private largeEpicPilots = 0;
  private pilotsWithDemo = 0;

  private intoLargeEpic(epic: Issue): Issue | undefined {
    if (this.largeEpicPilots >= this.sizes.largeEpic) return undefined;
    this.largeEpicPilots++;
    return epic;
  }

  async twoHundredPilots(): Promise<void> {
    const { smallEpic, largeEpic, smallSite } = this.sizes;
    this.log(`phase 2: ${smallSite} pilots`);
    const small = await this.steps.createEpic('Claims automation');
    const large = await this.steps.createEpic('Customer service AI');
    this.largeEpic = large;
    await this.seed(smallSite, (i) => (i < smallEpic ? small : this.intoLargeEpic(large)));
    await this.page(small, 'epic50', `an epic of ${smallEpic} pilots`, smallEpic);
    await this.daily('daily200', smallSite);
    await this.acrossProjects('across200', smallSite);
    await this.templateApply();
    this.log(`  the large epic holds ${this.largeEpicPilots} of its ${largeEpic} pilots so far`);
  }

  private largeEpic?: Issue;

  async twoThousandPilots(): Promise<void> {
    const { largeEpic, largeSite } = this.sizes;
    this.log(`phase 3: ${largeSite} pilots`);
    const epic = this.largeEpic as Issue;
    await this.seed(largeSite, () => this.intoLargeEpic(epic));
    await this.page(epic, 'epic500', `an epic of ${largeEpic} pilots`, largeEpic);
    await this.changeInEpic(epic, largeEpic);
    await this.daily('daily2000', largeSite);
    await this.acrossProjects('across2000', largeSite);
  }

  /**
   * The global page and the gadget opened by the project manager: one project search as the viewer,
   * then the stored portfolio entries (the notes say what storage that reads).
   */
  private async acrossProjects(prefix: string, n: number): Promise<void> {
    const { runtime } = this.sandbox;
    for (const surface of ACROSS_PROJECTS) {
      const ours = await this.meter.measure(async () => {
        const answer = (await runtime.invokeResolver({
          moduleKey: surface.moduleKey,
          functionKey: surface.functionKey,
          payload: {},
          accountId: PM,
          extension: { ...surface.extension },
        })) as { ok?: boolean; error?: { message?: string } };
        if (answer?.ok !== true)
          throw new Error(`${surface.title} answered an error: ${answer?.error?.message}`);
      });
      const { kvs } = runtime.platformMetrics();
      this.record({
        id: `${prefix}-${surface.id}`,
        title: `${n} pilots: ${surface.title}`,
        n,
        ours: side(ours),
        notes: [`storage read ${kvs.readUnits} units (10 KB each) for the ${n} pilots' portfolio entries`],
      });
    }
  }

  /** A sub-task of a pilot in the large epic moves: the pilot's recompute and the epic's roll-up with it. */
  private async changeInEpic(epic: Issue, n: number): Promise<void> {
    const [first, second] = await this.steps.searchKeys(`parent = ${epic.key} ORDER BY key ASC`);
    const model = async (key: string) => {
      const { id } = await this.steps.jira('GET', `/rest/api/3/issue/${key}?fields=summary`);
      return this.steps.workstreamOf({ id, key }, 'model-validation');
    };
    await this.bothSides(
      'epic500-change',
      `a sub-task change in a pilot of the epic of ${n} pilots`,
      (key) => this.steps.move(key, 'done'),
      [await model(first as string), await model(second as string)],
      n,
    );
  }

  /** The app's stored readiness of every pilot: the property without its time stamp, and the field. */
  private async storedState(): Promise<Map<string, string>> {
    const readinessField = await this.steps.fieldId('Readiness');
    const state = new Map<string, string>();
    for (const pilot of this.pilots) {
      const issue = this.site.issue(pilot.id);
      const { computedAt: _at, ...doc } = (appReadiness(issue?.properties ?? {}) ??
        {}) as Partial<ReadinessDocument>;
      state.set(pilot.id, JSON.stringify([doc, issue?.customFields[readinessField] ?? null]));
    }
    return state;
  }

  /** The next morning: the daily job of the app, then the baseline's, on the same day's data. */
  private async daily(id: string, n: number): Promise<void> {
    this.sandbox.clock.advance(DAY_MS);
    const before = await this.storedState();
    // Reminders only: each is a `POST /issue/{key}/notify`; the mail an edit sends costs no call of its own.
    const reminders = () =>
      (this.sandbox.jira.notifications?.() ?? []).filter((sent) => sent.reason === 'notify').length;
    const sentBefore = reminders();
    const ours = await this.meter.measure(() => this.sandbox.runtime.runScheduled('daily-readiness-trigger'));
    const after = await this.storedState();
    const notifications = reminders() - sentBefore;
    const changedPilots = [...after].filter(([pilot, state]) => before.get(pilot) !== state).length;
    const notes = [
      `the clock moved one day; ${this.pilotsWithDemo} pilots are past their demo (their daysSinceDemo moves); the app's stored readiness changed on ${changedPilots} pilots; ${notifications} reminders were sent`,
    ];

    let naive: Cost | undefined;
    let naiveChanged = 0;
    if (this.naive) {
      let recomputed: Awaited<ReturnType<NaiveApp['dailyJob']>> = [];
      naive = await this.naiveSide(async (n) => {
        recomputed = await n.dailyJob();
      });
      naiveChanged = recomputed.filter((r) => r.writes > 0).length;
      const agree = recomputed.filter(
        (r) => appReadiness(this.site.issue(r.pilot.id)?.properties ?? {})?.score === r.readiness.score,
      ).length;
      notes.push(
        `the baseline's readiness changed on ${naiveChanged} pilots; the app’s stored score and the baseline’s live score agree on ${agree} of ${recomputed.length} pilots`,
      );
    }
    this.record({
      id,
      title: `the daily job, ${n} pilots`,
      n,
      ours: side(ours, { changedPilots, notifications }),
      naive: naive && side(naive, { changedPilots: naiveChanged }),
      notes,
    });
  }

  /** An admin adds a workstream to the template and applies it to every pilot (preview, confirm, re-sync). */
  private async templateApply(): Promise<void> {
    const template = this.template();
    const row = {
      key: 'model-risk-review',
      workstream: 'Model risk review',
      ownerTeam: 'Data science team',
      startWeek: 5,
      milestone: 'demo-sign-off',
      weight: 1,
    };
    const edited = { ...template, rows: [...template.rows, row] };
    const admin = (functionKey: string, payload: unknown) =>
      this.sandbox.runtime.invokeResolver({
        moduleKey: 'admin-page',
        functionKey,
        payload,
        accountId: SANDBOX_USERS.admin.accountId,
      }) as Promise<{
        ok: boolean;
        data?: { confirmation?: string; revision?: number };
        error?: { message: string };
      }>;
    const ours = await this.meter.measure(async () => {
      const preview = await admin('previewTemplateChange', { template: edited });
      if (!preview.ok) throw new Error(`preview refused: ${preview.error?.message}`);
      const applied = await admin('applyTemplateChange', {
        template: edited,
        confirmation: preview.data?.confirmation,
        revision: preview.data?.revision,
      });
      if (!applied.ok) throw new Error(`apply refused: ${applied.error?.message}`);
    });
    const added = await this.steps.searchKeys(`issue.property[pilot-pathway-origin].row = "${row.key}"`);
    const notes = [
      `a row added to the template: ${added.length} sub-tasks created; ours = preview + apply + the queued re-sync`,
    ];
    let naive: Cost | undefined;
    if (this.naive) {
      for (const key of added) await this.steps.deleteIssue(key);
      const applied = this.template();
      naive = await this.naiveSide((n) => n.applyTemplate(applied));
      notes.push('naive: the same sub-tasks removed again, then created pilot by pilot, one call each');
    }
    this.record({
      id: 'template200',
      title: `a template apply across ${this.pilots.length} pilots`,
      n: this.pilots.length,
      ours: side(ours),
      naive: naive && side(naive),
      notes,
    });
  }
}
