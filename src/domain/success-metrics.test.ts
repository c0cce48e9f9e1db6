import {
  MAX_SUCCESS_METRICS,
  definedMetrics,
  metricsDefinedAfterDemo,
  recordedSuccessMetrics,
  successMetricListSchema,
} from './success-metrics';
import type { SuccessMetric } from './types';

const metric = (name: string, target: number, unit = '', definedOn = '2026-01-10'): SuccessMetric => ({
  name,
  target,
  unit,
  definedOn,
});

describe('the success metrics an edit sends', () => {
  const parse = (value: unknown) => successMetricListSchema.safeParse(value);
  const messages = (value: unknown) => parse(value).error?.issues.map((issue) => issue.message);

  it('takes a name, a target and a unit (the unit may be left out)', () => {
    expect(
      parse([
        { name: ' Claims triaged a day ', target: 400, unit: 'claims' },
        { name: 'Accuracy', target: 0.92 },
      ]).data,
    ).toEqual([
      { name: 'Claims triaged a day', target: 400, unit: 'claims' },
      { name: 'Accuracy', target: 0.92, unit: '' },
    ]);
  });

  test.each([
    ['not a list', { name: 'x' }, ['Send the success metrics as a list']],
    ['a metric without a name', [{ name: ' ', target: 1 }], ['Metric 1: Name the metric']],
    [
      'a target that is text',
      [
        { name: 'a', target: 1 },
        { name: 'b', target: '5' },
      ],
      ['Metric 2: Give the target as a number'],
    ],
    ['a target out of range', [{ name: 'a', target: 1e13 }], ['Metric 1: The target is out of range']],
    [
      'a day of definition sent by the browser',
      [{ name: 'a', target: 1, definedOn: '2020-01-01' }],
      ['Metric 1: Send each metric as a name, a target and a unit'],
    ],
    [
      'a name twice',
      [
        { name: 'Accuracy', target: 1 },
        { name: 'ACCURACY ', target: 2 },
      ],
      ['Metric 2 repeats the name "ACCURACY": name each metric once'],
    ],
    [
      'a unit too long',
      [{ name: 'a', target: 1, unit: 'u'.repeat(31) }],
      ['Metric 1: Keep the unit to 30 characters or fewer'],
    ],
    [
      'too many',
      Array.from({ length: MAX_SUCCESS_METRICS + 1 }, (_, i) => ({ name: `m${i}`, target: i })),
      [`Record at most ${MAX_SUCCESS_METRICS} success metrics (${MAX_SUCCESS_METRICS + 1} sent)`],
    ],
  ])('refuses %s, naming the metric', (_label, value, expected) => {
    expect(messages(value)).toEqual(expected);
  });
});

describe('definedMetrics: the day each metric was defined', () => {
  const stored = [
    metric('Accuracy', 0.9, '', '2026-01-10'),
    metric('Claims a day', 400, 'claims', '2026-01-12'),
  ];

  it('keeps the day of a metric sent unchanged (its name in any case), and gives today to new or changed ones', () => {
    expect(
      definedMetrics(
        [
          { name: 'accuracy', target: 0.9, unit: '' },
          { name: 'Claims a day', target: 500, unit: 'claims' },
          { name: 'Hours saved', target: 20, unit: 'hours a week' },
        ],
        stored,
        '2026-03-02',
      ).map((m) => m.definedOn),
    ).toEqual(['2026-01-10', '2026-03-02', '2026-03-02']);
  });
});

describe('recordedSuccessMetrics: the metrics as stored, written by anyone who can edit the pilot', () => {
  it('keeps the metrics an edit would accept, with a real day, each name once', () => {
    expect(
      recordedSuccessMetrics([
        metric('Accuracy', 0.9),
        metric('accuracy', 0.5),
        { name: 'No day', target: 1, unit: '' },
        metric('Bad day', 1, '', '2026-02-30'),
        { name: 'Text target', target: '1', unit: '', definedOn: '2026-01-01' },
        'nonsense',
        metric('Claims a day', 400, 'claims'),
      ]),
    ).toEqual([metric('Accuracy', 0.9), metric('Claims a day', 400, 'claims')]);
    expect(recordedSuccessMetrics({})).toEqual([]);
  });
});

describe('metricsDefinedAfterDemo', () => {
  test.each([
    ['no demo yet', null, []],
    ['defined on the demo day counts as before it', '2026-01-12', []],
    ['the day after the demo', '2026-01-11', ['Accuracy']],
    ['the demo after both', '2026-02-01', []],
  ])('%s', (_label, demo, expected) => {
    const metrics = [metric('Early', 1, '', '2026-01-05'), metric('Accuracy', 1, '', '2026-01-12')];
    expect(metricsDefinedAfterDemo(metrics, demo).map((m) => m.name)).toEqual(expected);
  });
});
