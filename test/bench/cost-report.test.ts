/**
 * The cost benchmark's arithmetic (bench/cost/report.ts, bench/cost/meter.ts): budgets that grow with
 * the scenario, strict and exclusive limits, the modelled hour, and which writes touch a pilot.
 */
import type { Cost } from '../../bench/cost/meter';
import { searchCalls, writeCalls, writesOn } from '../../bench/cost/meter';
import {
  checkBudgets,
  failingVerdicts,
  modelledHour,
  verdictLine,
  type BudgetsFile,
} from '../../bench/cost/report';
import type { ScenarioResult, Side } from '../../bench/cost/scenarios';

const sideOf = (calls: number, points: number, extra: Partial<Side> = {}): Side => ({
  calls,
  points,
  ms: 1,
  searches: 0,
  writes: 0,
  byOperation: {},
  ...extra,
});

const scenario = (id: string, ours: Side, extra: Partial<ScenarioResult> = {}): ScenarioResult => ({
  id,
  title: id,
  ours,
  notes: [],
  ...extra,
});

describe('budgets', () => {
  const file: BudgetsFile = {
    quotaPointsPerHour: 65000,
    budgets: [
      { scenario: 'change', metric: 'calls', max: 3, what: 'a change' },
      {
        scenario: 'daily',
        metric: 'calls',
        max: { constant: 1, pagesOf: 100, perChangedPilot: 1, perNotification: 1 },
        what: 'daily job',
      },
      { scenario: 'bundle', metric: 'gzipBytes', below: 100, what: 'bundle' },
      { scenario: 'missing', metric: 'calls', max: 1, what: 'not run' },
    ],
  };

  it('grows a limit with the pilots, the changed pilots and the reminders sent, checks ≤ and < as written, fails what was not measured', () => {
    const results = [
      scenario('change', sideOf(3, 10)),
      scenario('daily', sideOf(2000 / 100 + 1 + 7 + 4, 0, { changedPilots: 7, notifications: 4 }), {
        n: 2000,
      }),
    ];
    const verdicts = checkBudgets(file, results, undefined, 100);
    expect(verdicts.map((v) => [v.limit, v.pass])).toEqual([
      [3, true],
      [1 + 20 + 7 + 4, true],
      [100, false],
      [1, false],
    ]);
    expect(verdictLine(verdicts[2]!)).toMatch(/^FAIL .*at the limit/);
    expect(verdictLine(verdicts[3]!)).toMatch(/not measured/);
  });

  it('names a broken budget and by how much', () => {
    const [verdict] = checkBudgets(file, [scenario('change', sideOf(5, 19))], undefined, undefined);
    expect(verdict).toMatchObject({ pass: false, actual: 5, by: 2 });
    expect(verdictLine(verdict!)).toBe('FAIL  a change: calls 5 (budget ≤ 3) — FAILED, over by 2');
  });

  it('lists a budget marked knownBroken as KNOWN without failing the check, and says when it is met', () => {
    const known: BudgetsFile = {
      quotaPointsPerHour: 65000,
      budgets: [
        { scenario: 'change', metric: 'calls', max: 3, what: 'a change', knownBroken: 'issue open' },
        { scenario: 'create', metric: 'calls', max: 4, what: 'a create' },
      ],
    };
    const over = checkBudgets(
      known,
      [scenario('change', sideOf(5, 19)), scenario('create', sideOf(4, 18))],
      undefined,
      undefined,
    );
    expect(failingVerdicts(over)).toEqual([]);
    expect(verdictLine(over[0]!)).toBe(
      'KNOWN  a change: calls 5 (budget ≤ 3) — FAILED, over by 2 (known: issue open)',
    );
    const met = checkBudgets(
      known,
      [scenario('change', sideOf(3, 9)), scenario('create', sideOf(5, 19))],
      undefined,
      undefined,
    );
    expect(verdictLine(met[0]!)).toMatch(/^PASS .*\(met now: take knownBroken off\)$/);
    expect(failingVerdicts(met).map((v) => v.what)).toEqual(['a create']);
  });
});

describe('the modelled hour', () => {
  it('is 1,000 pilots × (10 changes + 20 page views) / 8 h + the daily job at 1,000 pilots / 24 h + creates', () => {
    const results = [
      scenario('create', sideOf(4, 16)),
      scenario('change', sideOf(3, 8)),
      scenario('pilot-panel', sideOf(1, 2)),
      scenario('pilot-context', sideOf(1, 2)),
      scenario('pilot-lozenge', sideOf(1, 2)),
      scenario('daily200', sideOf(3, 300), { n: 200 }),
      scenario('daily2000', sideOf(21, 2100), { n: 2000 }),
    ];
    const hour = modelledHour(results, 65000);
    // daily job at 1,000 pilots on the line through (200, 300) and (2000, 2100): 1100 points.
    const expected = (1000 * (10 * 8 + 20 * 6)) / 8 + 1100 / 24 + (1000 / (65 * 8)) * 16;
    expect(hour?.ours).toMatchObject({
      viewPoints: 6,
      dailyJobPoints: 1100,
      pointsPerHour: Math.round(expected),
      percentOfQuota: Math.round((expected / 65000) * 1000) / 10,
    });
    expect(hour?.naive).toBeUndefined();
  });

  it('is not made up when a scenario it needs is missing', () => {
    expect(modelledHour([scenario('change', sideOf(3, 8))], 65000)).toBeUndefined();
  });
});

describe('which calls are searches and which writes touch a pilot', () => {
  const cost = (log: Cost['log']): Cost => ({
    calls: log.length,
    points: 0,
    byOperation: {},
    byEndpoint: {},
    log,
    ms: 0,
  });
  const call = (method: string, path: string, body?: unknown) => ({
    method,
    path,
    body: body === undefined ? undefined : JSON.stringify(body),
    status: 200,
  });

  it('counts property and edit writes on the pilot by id or key, and bulk bodies that name it', () => {
    const spent = cost([
      call('PUT', '/rest/api/3/issue/10001/properties/pilot-readiness', {}),
      call('PUT', '/rest/api/3/issue/AIP-1?notifyUsers=false', { fields: {} }),
      call('PUT', '/rest/api/3/app/field/customfield_10100/value', {
        updates: [{ issueIds: [10001], value: 40 }],
      }),
      call('PUT', '/rest/api/3/issue/100011/properties/pilot-readiness', {}),
      call('PUT', '/rest/api/3/issue/AIP-12', { fields: {} }),
      call('GET', '/rest/api/3/issue/10001'),
      call('POST', '/rest/api/3/search/jql', { jql: 'issue = 10001' }),
    ]);
    expect(writesOn(spent, { id: '10001', key: 'AIP-1' })).toBe(3);
    expect(searchCalls(spent)).toBe(1);
    expect(writeCalls(spent)).toBe(5);
  });
});
