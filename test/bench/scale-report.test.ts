/**
 * The scale benchmark's arithmetic (bench/scale/hour.ts, bench/scale/report.ts): the modelled hour
 * counts every kind at its rate, scales what grows with the pilot count, refuses a percentage while a
 * kind is unmeasured; only the budgets marked `"bench": "scale"` are checked, on the chosen site, and
 * what the sandbox could not measure fails unless known.
 */
import type { BudgetsFile } from '../../bench/cost/report';
import { failingVerdicts } from '../../bench/cost/report';
import { type ChangeCosts, RATES, modelledHour } from '../../bench/scale/hour';
import { checkScaleBudgets, withHours } from '../../bench/scale/report';
import type { PhaseResult, SiteResult } from '../../bench/scale/run';

const everyKind = (points: number): ChangeCosts =>
  Object.fromEntries(RATES.map((rate) => [rate.kind, points])) as ChangeCosts;

describe('the modelled hour', () => {
  it('prices each kind at its rate: per pilot per working day, per 1,000 pilots per day, per day, per month', () => {
    const costs = {
      ...everyKind(0),
      subtaskChange: 2,
      portfolioOpen: 100,
      dailyJob: 240,
      templateApply: 720,
    };
    const hour = modelledHour(costs, 1000, 1000, 65_000);
    // 1,000 pilots × 5 sub-task changes a day / 8 h × 2 points; 20 opens a day / 8 h × 100;
    // the daily job over 24 h; the template apply once a month over 30 × 24 h.
    expect(hour.pointsPerHour).toBe(1250 + 250 + 10 + 1);
    expect(hour.percentOfQuota).toBe(2.3);
  });

  it('scales what grows with the pilot count from the measured site, and only that', () => {
    const costs = { ...everyKind(0), subtaskChange: 2, portfolioOpen: 100 };
    const hour = modelledHour(costs, 1000, 10_000, 65_000);
    expect(hour.lines.find((line) => line.kind === 'portfolioOpen')?.points).toBe(1000);
    expect(hour.lines.find((line) => line.kind === 'subtaskChange')?.points).toBe(2);
    expect(hour.pointsPerHour).toBe(10 * (1250 + 2500));
  });

  it('gives no percentage while a kind is not measured, and names it', () => {
    const { reviewChange: _unmeasured, ...costs } = everyKind(1);
    const hour = modelledHour(costs, 1000, 10_000, 65_000);
    expect(hour.percentOfQuota).toBeUndefined();
    expect(hour.missing).toEqual(['review change']);
  });
});

const phase = (id: string, extra: Partial<PhaseResult> = {}): PhaseResult => ({
  id,
  title: id,
  calls: 1,
  points: 1,
  ms: 1,
  byOperation: {},
  invocations: { source: 'wall', count: 1, timedOut: 0 },
  queue: { pushed: 0 },
  lostPages: 0,
  measures: {},
  notes: [],
  ...extra,
});

const site = (pilots: number, phases: PhaseResult[]): SiteResult => ({
  site: { pilots, epicKey: 'AIP-1', source: 'built', seconds: 1, snapshot: { name: 'x', seconds: 0 } },
  issues: pilots * 14,
  lacking: [],
  platformReport: false,
  phases,
  costs: everyKind(0.5),
  storage: { keys: 1, bytes: 1, largestValueBytes: 1 },
  slowest: { functionKey: 'ui-resolver', ms: 20_000, limitMs: 25_000, percentOfLimit: 80 },
  notes: [],
});

describe('the scale budgets', () => {
  const file: BudgetsFile = {
    quotaPointsPerHour: 65_000,
    budgets: [
      { scenario: 'change', metric: 'calls', max: 3, what: 'a cost budget, not this benchmark’s' },
      { bench: 'scale', scenario: 'scale:run', metric: 'slowestPercentOfLimit', max: 50, what: 'limits' },
      { bench: 'scale', scenario: 'scale:portfolio', metric: 'calls', max: 1, what: 'portfolio' },
      { bench: 'scale', scenario: 'scale:template', metric: 'refusedPushes', max: 0, what: 'refused' },
      {
        bench: 'scale',
        scenario: 'scale:template',
        metric: 'maxEventsPerMinute',
        max: 500,
        what: 'per minute',
        knownBroken: 'not reported by this sandbox',
      },
      { bench: 'scale', scenario: 'scale:hour', metric: 'percentOfQuota', below: 50, what: 'hour' },
    ],
  };

  it('checks only the scale budgets, on the chosen site; an unmeasured value fails unless known', () => {
    const sites = withHours(
      [
        site(1000, [phase('portfolio', { calls: 1 }), phase('template')]),
        site(10_000, [phase('portfolio', { calls: 101 })]),
      ],
      65_000,
    );
    const verdicts = checkScaleBudgets(file, sites, 1000);
    expect(verdicts.map((v) => [v.what, v.actual, v.pass])).toEqual([
      ['limits', 80, false],
      ['portfolio', 1, true],
      ['refused', undefined, false],
      ['per minute', undefined, false],
      ['hour', sites[0]?.hour.percentOfQuota, true],
    ]);
    expect(failingVerdicts(verdicts).map((v) => v.what)).toEqual(['limits', 'refused']);
    expect(checkScaleBudgets(file, sites, 10_000)[1]?.actual).toBe(101);
  });
});
