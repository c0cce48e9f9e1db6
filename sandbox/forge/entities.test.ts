/**
 * The Custom Entity Store through the real @forge/kvs: the fixture app's manifest declares the entity
 * `pilot-record` (string project, integer score, string band, float weight, boolean active, any
 * notes) with the indexes `score`, `by-project-score` (partition project, range score) and `by-band`.
 */
import { type FixtureRuntime, startFixtureRuntime } from './fixtures/fixture-runtime';

let fixture: FixtureRuntime;
const invoke = (functionKey: string, payload: unknown = {}) => fixture.invoke(functionKey, payload);
const query = (payload: Record<string, unknown>) => invoke('entityQuery', payload);

const RECORDS: Record<string, Record<string, unknown>> = {
  a: { project: 'AIP', score: 40, band: 'at-risk', weight: 0.5, active: true },
  b: { project: 'AIP', score: 90, band: 'ready', weight: 1.5, active: true },
  c: { project: 'AIP', score: 65, band: 'on-track', active: false },
  d: { project: 'SEC', score: 65, band: 'on-track', active: true },
  e: { project: 'AIP', score: 65, band: 'on-track', active: true, notes: { free: ['form'] } },
  f: { project: 'AIP', band: 'new' }, // no score: in no index ranging over score
};

beforeAll(async () => {
  fixture = await startFixtureRuntime('entities');
});

afterAll(() => fixture.close());

beforeEach(async () => {
  fixture.runtime.kvs.clear();
  for (const [key, value] of Object.entries(RECORDS))
    expect(await invoke('entitySet', { key, value })).toEqual({ ok: true });
});

describe('values are checked against the declared attributes', () => {
  test.each([
    ['an integer that is not one', { score: 4.5 }],
    ['an integer past 32 bits', { score: 2_147_483_648 }],
    ['a string that is a number', { project: 7 }],
    ['a boolean that is a string', { active: 'yes' }],
    ['a float past its range', { weight: 1e200 }],
    ['an undeclared attribute', { colour: 'red' }],
  ])('%s is refused with INVALID_ENTITY_VALUE', async (_, value) => {
    expect(await invoke('entitySet', { key: 'bad', value })).toMatchObject({
      code: 'INVALID_ENTITY_VALUE',
      status: 400,
    });
  });

  test('an undeclared entity is refused', async () => {
    expect(
      await invoke('entitySet', { entity: 'not-declared', key: 'x', value: { score: 1 } }),
    ).toMatchObject({
      code: 'INVALID_ENTITY_TYPE',
      status: 400,
    });
  });
});

describe('index queries', () => {
  test('an index by its attribute: range order, ties by key, entities without the attribute left out', async () => {
    expect(await query({ index: 'score' })).toEqual({ keys: ['a', 'c', 'd', 'e', 'b'] });
    expect(await query({ index: 'score', sort: 'DESC' })).toEqual({ keys: ['b', 'e', 'd', 'c', 'a'] });
  });

  test('a partition and a where condition on the range', async () => {
    expect(await query({ index: 'by-project-score', partition: ['AIP'] })).toEqual({
      keys: ['a', 'c', 'e', 'b'],
    });
    expect(
      await query({ index: 'by-project-score', partition: ['AIP'], where: ['between', [50, 90]] }),
    ).toEqual({ keys: ['c', 'e', 'b'] });
    expect(
      await query({ index: 'by-project-score', partition: ['AIP'], where: ['greaterThan', [65]] }),
    ).toEqual({
      keys: ['b'],
    });
    expect(await query({ index: 'by-project-score', partition: ['SEC'], where: ['equalTo', [65]] })).toEqual({
      keys: ['d'],
    });
    expect(await query({ index: 'by-band', where: ['beginsWith', ['on-']] })).toEqual({
      keys: ['c', 'd', 'e'],
    });
  });

  test('cursor paging, each page up to the limit', async () => {
    const first = await query({ index: 'score', limit: 2 });
    expect(first).toEqual({ keys: ['a', 'c'], nextCursor: expect.any(String) });
    const second = await query({ index: 'score', limit: 2, cursor: first.nextCursor });
    expect(second).toEqual({ keys: ['d', 'e'], nextCursor: expect.any(String) });
    expect(await query({ index: 'score', limit: 2, cursor: second.nextCursor })).toEqual({ keys: ['b'] });
    const descending = await query({ index: 'score', sort: 'DESC', limit: 3 });
    expect(await query({ index: 'score', sort: 'DESC', limit: 3, cursor: descending.nextCursor })).toEqual({
      keys: ['c', 'a'],
    });
  });

  test('filters keep what they match of the page the index read: a page may be short and still carry a cursor', async () => {
    expect(await query({ index: 'score', filters: { and: [['active', 'equalTo', [true]]] } })).toEqual({
      keys: ['a', 'd', 'e', 'b'],
    });
    expect(
      await query({
        index: 'score',
        filters: {
          or: [
            ['band', 'equalTo', ['ready']],
            ['weight', 'lessThan', [1]],
          ],
        },
      }),
    ).toEqual({ keys: ['a', 'b'] });
    const page = await query({
      index: 'score',
      limit: 2,
      filters: { and: [['band', 'equalTo', ['ready']]] },
    });
    expect(page).toEqual({ keys: [], nextCursor: expect.any(String) });
  });

  test('a write moves an entity in its indexes; a delete takes it out', async () => {
    await invoke('entitySet', { key: 'a', value: { project: 'SEC', score: 99, band: 'ready' } });
    expect(await query({ index: 'by-project-score', partition: ['AIP'] })).toEqual({ keys: ['c', 'e', 'b'] });
    expect(await query({ index: 'by-project-score', partition: ['SEC'] })).toEqual({ keys: ['d', 'a'] });
    await invoke('entityDelete', { key: 'd' });
    expect(await query({ index: 'by-project-score', partition: ['SEC'] })).toEqual({ keys: ['a'] });
    expect(await query({ index: 'by-band', where: ['equalTo', ['on-track']] })).toEqual({ keys: ['c', 'e'] });
  });

  test.each([
    ['an undeclared index', { index: 'by-colour' }, 'INVALID_ENTITY_INDEX'],
    ['a limit over 100', { index: 'score', limit: 101 }, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE'],
    ['a partitioned index without its partition', { index: 'by-project-score' }, 'BAD_REQUEST'],
    [
      'a range value of the wrong type',
      { index: 'score', where: ['equalTo', ['high']] },
      'INVALID_ENTITY_VALUE',
    ],
    [
      'a filter on an undeclared attribute',
      { index: 'score', filters: { and: [['colour', 'equalTo', ['red']]] } },
      'INVALID_ENTITY_ATTRIBUTE',
    ],
  ])('%s is refused', async (_, payload, code) => {
    expect(await query(payload)).toMatchObject({ code, status: 400 });
  });
});

test('a transaction with a condition on an entity commits only when the condition holds', async () => {
  expect(await invoke('entityTransact', { key: 'b', value: { score: 95 }, expectedScore: 80 })).toMatchObject(
    {
      code: 'CONDITION_CHECK_FAILED',
    },
  );
  expect(await invoke('entityTransact', { key: 'b', value: { score: 95 }, expectedScore: 90 })).toEqual({
    ok: true,
  });
  expect(await query({ index: 'score', where: ['greaterThan', [90]] })).toEqual({ keys: ['b'] });
});
