/**
 * What bench:scale reports: per site the daily job, the template apply, the portfolio, the epic of
 * 1,000 pilots, storage and the modelled hour, with the budgets of bench/budgets.json marked
 * `"bench": "scale"` checked on one site (the 1,000-pilot one when measured); as Markdown
 * (bench/results/scale.md) and JSON (scale.json).
 */
import type { BudgetsFile, Machine, Verdict } from '../cost/report';
import type { ScenarioResult } from '../cost/scenarios';
import { checkBudgets, verdictLine } from '../cost/report';
import { type ModelledHour, modelledHour } from './hour';
import { PRODUCTION_BEHAVIOUR } from './platform';
import { EPIC_SIZE } from './site';
import type { PhaseResult, SiteResult } from './run';

/** The pilot count the hour's budget is about (product.md §16). */
export const MODELLED_PILOTS = 10_000;

export interface ScaleReport {
  machine: Machine & { commit: string };
  totalSeconds: number;
  behaviour: typeof PRODUCTION_BEHAVIOUR;
  sites: Array<SiteResult & { hour: ModelledHour }>;
  /** The site the budgets were checked on. */
  checkedOn?: number;
  verdicts: Verdict[];
}

export function withHours(sites: SiteResult[], quota: number): ScaleReport['sites'] {
  return sites.map((site) => ({
    ...site,
    hour: modelledHour(site.costs, site.site.pilots, MODELLED_PILOTS, quota),
  }));
}

const phase = (site: SiteResult, id: string) => site.phases.find((candidate) => candidate.id === id);

/** A site's numbers in the shape checkBudgets reads (`ours[metric]` of the scenario id). */
function scenarios(site: SiteResult & { hour: ModelledHour }): ScenarioResult[] {
  const result = (id: string, measures: Record<string, number | undefined>, from?: PhaseResult) => ({
    id,
    title: id,
    n: site.site.pilots,
    ours: {
      calls: from?.calls ?? 0,
      points: from?.points ?? 0,
      ms: from?.ms ?? 0,
      searches: 0,
      writes: 0,
      byOperation: from?.byOperation ?? {},
      ...Object.fromEntries(Object.entries(measures).filter(([, value]) => value !== undefined)),
    },
    notes: [],
  });
  const daily = phase(site, 'daily');
  const template = phase(site, 'template');
  return [
    result('scale:run', { slowestPercentOfLimit: site.slowest?.percentOfLimit }),
    result('scale:daily', { lostPages: daily?.lostPages }, daily),
    result(
      'scale:template',
      {
        refusedPushes: template?.queue.refused,
        maxEventsPerMinute: template?.queue.maxPerMinute,
        lostPages: template?.lostPages,
        pilotsNotReached: template?.measures['pilotsNotReached'],
      },
      template,
    ),
    result('scale:portfolio', {}, phase(site, 'portfolio')),
    result('scale:portfolio-sorted', {}, phase(site, 'portfolio-sorted')),
    result('scale:hour', { percentOfQuota: site.hour.percentOfQuota }),
  ];
}

export function checkScaleBudgets(file: BudgetsFile, sites: ScaleReport['sites'], on: number): Verdict[] {
  const site = sites.find((candidate) => candidate.site.pilots === on);
  if (!site) return [];
  const budgets = file.budgets.filter((budget) => budget.bench === 'scale');
  return checkBudgets({ ...file, budgets }, scenarios(site), undefined, undefined);
}

const thousands = (value: number) => value.toLocaleString('en');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function slowestText(phase: PhaseResult | undefined): string {
  const slowest = phase?.invocations.slowest;
  if (!phase || !slowest) return 'no invocation';
  return `${slowest.functionKey} ${seconds(slowest.ms)} of its ${seconds(slowest.limitMs)} (${slowest.percentOfLimit}%)`;
}

function unmeasured(value: number | undefined, lacking: string): string {
  return value === undefined ? `not measured (sandbox lacks ${lacking})` : thousands(value);
}

function siteSection(site: ScaleReport['sites'][number]): string[] {
  const { pilots } = site.site;
  const daily = phase(site, 'daily');
  const template = phase(site, 'template');
  const portfolio = phase(site, 'portfolio');
  const sorted = phase(site, 'portfolio-sorted');
  const queue = phase(site, 'owner-queue');
  const epic = site.phases.filter((candidate) => candidate.id.startsWith('epic-'));
  const forge = 'GET /__sandbox/forge';
  const wall = site.platformReport
    ? 'as the platform measures them (emulated latency included)'
    : 'wall time in the sandbox, without emulated latency (sandbox lacks GET /__sandbox/forge)';
  const storage = site.storage;
  const sumOf = (phases: PhaseResult[], pick: (phase: PhaseResult) => number) =>
    phases.reduce((sum, one) => sum + pick(one), 0);
  return [
    `## ${thousands(pilots)} pilots`,
    '',
    `${thousands(site.issues)} issues, ${thousands(storage.keys)} storage keys (${(storage.bytes / 1e6).toFixed(1)} MB). ` +
      (site.site.source === 'built'
        ? `Built through the app in ${site.site.seconds} s (the project manager created every pilot; the app generated each one's path), saved as \`${site.site.snapshot.name}\`.`
        : `Restored from \`${site.site.snapshot.name}\` (built earlier through the app) in ${site.site.seconds} s.`),
    site.lacking.length > 0
      ? `Measured without ${site.lacking.join(', ')}: not measured with them (sandbox lacks them).`
      : `Measured with ${Object.entries(PRODUCTION_BEHAVIOUR)
          .map(([name, value]) => `${name} ${String(value)}`)
          .join(', ')}.`,
    `Invocation times: ${wall}.`,
    '',
    '| what | result |',
    '| --- | --- |',
    `| the daily job | ${daily ? `${seconds(daily.ms)} wall time, ${daily.invocations.count} invocations, slowest ${slowestText(daily)}; ${daily.calls} Jira calls, ${daily.points} points, ${daily.lostPages} lost pages` : 'not run'} |`,
    `| a template apply across all pilots | ${template ? `${thousands(template.measures['completedPilots'] ?? 0)} of ${thousands(pilots)} pilots completed, refused pushes ${unmeasured(template.queue.refused, forge)}, ${thousands(template.queue.pushed)} events pushed, events per minute ${unmeasured(template.queue.maxPerMinute, forge)}; ${seconds(template.ms)}, ${template.invocations.count} invocations, slowest ${slowestText(template)}; ${thousands(template.calls)} Jira calls, ${thousands(template.points)} points, ${template.lostPages} lost pages${template.notes.length > 0 ? ` (${template.notes.join('; ')})` : ''}` : 'not run'} |`,
    `| the portfolio, first screen | ${portfolio ? `${portfolio.calls} Jira calls, ${portfolio.ms} ms, ${thousands(portfolio.measures['rows'] ?? 0)} rows` : 'not run'} |`,
    `| the portfolio, a sorted and filtered page | ${sorted ? `${sorted.calls} Jira calls, ${sorted.ms} ms${sorted.notes.length > 0 ? ` (${sorted.notes.join('; ')})` : ''}` : 'not run'} |`,
    `| an owner team’s queue | ${queue ? `${queue.calls} Jira calls, ${queue.ms} ms` : 'not run'} |`,
    `| the epic of ${thousands(Math.min(EPIC_SIZE, pilots))} pilots (panel, context, lozenge) | ${epic.length > 0 ? `${sumOf(epic, (one) => one.calls)} Jira calls, ${sumOf(epic, (one) => one.ms)} ms (${epic.map((one) => `${one.title.split(': ')[1]} ${one.calls} calls ${one.ms} ms`).join(', ')})` : 'not run'} |`,
    `| storage | read units per minute (max) ${unmeasured(storage.maxReadUnitsPerMinute, forge)}, write units per minute (max) ${unmeasured(storage.maxWriteUnitsPerMinute, forge)}, throttled calls ${unmeasured(storage.throttled, forge)}; largest stored value ${thousands(storage.largestValueBytes)} bytes (${storage.largestKey ?? '—'}) |`,
    `| slowest invocation of the run | ${site.slowest ? `${site.slowest.functionKey} ${seconds(site.slowest.ms)} of its ${seconds(site.slowest.limitMs)} (${site.slowest.percentOfLimit}%)` : 'none'} |`,
    '',
    ...hourSection(site.hour),
    ...(site.notes.length > 0 ? ['', ...site.notes.map((note) => `- ${note}`)] : []),
    '',
  ];
}

function hourSection(hour: ModelledHour): string[] {
  const scaled =
    hour.measuredOn === hour.pilots
      ? ''
      : ` Costs measured on this site of ${thousands(hour.measuredOn)} pilots; the daily job, reminders, a portfolio open and a template apply grow with the pilot count and are scaled linearly to ${thousands(hour.pilots)}.`;
  return [
    `Modelled hour of ${thousands(hour.pilots)} active pilots: ${
      hour.percentOfQuota === undefined
        ? `not complete (not measured: ${hour.missing.join(', ')})`
        : `${thousands(hour.pointsPerHour ?? 0)} points an hour = **${hour.percentOfQuota}% of Tier 1** (65,000 points an hour)`
    }.${scaled}`,
    '',
    '| kind | points each | per hour | points per hour |',
    '| --- | ---: | ---: | ---: |',
    ...hour.lines.map(
      (line) =>
        `| ${line.what} | ${line.points ?? 'not measured'} | ${line.perHour} | ${line.pointsPerHour ?? '—'} |`,
    ),
    '',
    'Activity model (product.md §16): per active pilot per 8-hour working day 10 sub-task or review changes (taken as 5 of each), 1 edit of the pilot’s own fields, 0.5 data-access changes (half in Jira, half in ServiceNow; of each request’s changes one in three is its filing, two its state moving on), 20 pilot-page views (panel, issue context and lozenge each); per 1,000 pilots per day 20 portfolio or global-page opens, 40 owner-queue opens, 100 epic-page views (the epic of 1,000 pilots, or all of a smaller site’s), the daily job, reminders; one template apply a month. User activity falls in the 8 working hours; the daily job and reminders are spread over 24 hours, the template apply over 30 × 24. Points are what the sandbox charged the app for each kind (the mean of 3 pilots spread over the site).',
  ];
}

export function markdownScaleReport(report: ScaleReport): string {
  const m = report.machine;
  return [
    '# Scale benchmark',
    '',
    `Measured ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB memory, Node ${m.node}, commit ${m.commit}; whole run ${report.totalSeconds} s (load average ${m.loadAverage ?? '—'} at the start: times depend on it, counts do not). \`npm run bench:scale\` (bench/scale.ts), product.md §16.`,
    '',
    ...report.sites.flatMap(siteSection),
    ...(report.checkedOn === undefined
      ? [
          'Budgets (`bench/budgets.json`, `"bench": "scale"`): checked on the 1,000-pilot site, which this run did not measure.',
        ]
      : [
          `Budgets (\`bench/budgets.json\`, \`"bench": "scale"\`, checked by \`npm run bench:check\` on the ${thousands(report.checkedOn)}-pilot site):`,
          '',
          ...report.verdicts.map((v) => `- ${verdictLine(v)}`),
        ]),
    '',
  ].join('\n');
}
