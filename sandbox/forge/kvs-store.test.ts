/**
 * The storage emulator's indexes: prefix queries and custom entity queries read their page, not every
 * key (the app holds ~170,000 keys at 10,000 pilots), and give what a sort of every key would.
 */
import fc from 'fast-check';
import { KvsStore } from './kvs-store';
import type { ManifestEntity } from './manifest';

const RECORD: ManifestEntity = {
  name: 'pilot-record',
  attributes: { project: { type: 'string' }, score: { type: 'integer' } },
  indexes: [{ name: 'by-project-score', partition: ['project'], range: ['score'] }],
};

type Page = { data: { key: string }[]; cursor?: string };

function prefixPage(store: KvsStore, prefix: string, limit: number, after?: string): Page {
  const res = store.handle('/api/v1/query', {
    limit,
    after,
    where: [{ property: 'key', condition: 'BEGINS_WITH', values: [prefix] }],
  });
  expect(res.status).toBe(200);
  return res.body as Page;
}

function allPages(store: KvsStore, prefix: string, limit: number): string[] {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = prefixPage(store, prefix, limit, cursor);
    keys.push(...page.data.map((d) => d.key));
    cursor = page.cursor;
  } while (cursor);
  return keys;
}

/** Counts how many stored entries a call looks at (each one is checked for expiry). */
function entriesLookedAt(store: KvsStore, call: () => void): number {
  const spy = jest.spyOn(store as unknown as { alive(entry: unknown): boolean }, 'alive');
  call();
  const count = spy.mock.calls.length;
  spy.mockRestore();
  return count;
}

describe('plain key prefix queries', () => {
  test('a page of a prefix query looks at its own keys only, among 50,000 others', () => {
    const store = new KvsStore();
    for (let i = 0; i < 50_000; i++) store.handle('/api/v1/set', { key: `history:${i}`, value: i });
    for (let i = 0; i < 30; i++)
      store.handle('/api/v1/set', { key: `pilot:${String(i).padStart(2, '0')}`, value: i });
    let page: Page = { data: [] };
    const looked = entriesLookedAt(store, () => (page = prefixPage(store, 'pilot:', 20)));
    expect(page.data.map((d) => d.key)).toEqual(
      Array.from({ length: 20 }, (_, i) => `pilot:${String(i).padStart(2, '0')}`),
    );
    expect(page.cursor).toEqual(expect.any(String));
    expect(looked).toBeLessThanOrEqual(21);
  });

  test('pages give every live key with the prefix, in order, as a sort of every key would', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[ab:]{1,6}$/), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.stringMatching(/^[ab:]{0,2}$/),
        fc.integer({ min: 1, max: 25 }),
        (keys, deletions, prefix, limit) => {
          const store = new KvsStore();
          for (const key of keys) store.handle('/api/v1/set', { key, value: key });
          const deleted = new Set(deletions.map((i) => keys[i % Math.max(keys.length, 1)]));
          for (const key of deleted) store.handle('/api/v1/delete', { key });
          const expected = keys.filter((k) => k.startsWith(prefix) && !deleted.has(k)).sort();
          expect(allPages(store, prefix, limit)).toEqual(expected);
        },
      ),
    );
  });

  test('an expired key is neither listed nor counted as stored', () => {
    let now = 1_000_000;
    const store = new KvsStore(() => now);
    store.handle('/api/v1/set', { key: 'lock:a', value: 1, options: { ttl: { value: 1, unit: 'SECONDS' } } });
    store.handle('/api/v1/set', { key: 'lock:b', value: 2 });
    now += 2000;
    expect(allPages(store, 'lock:', 10)).toEqual(['lock:b']);
    expect(store.usage()).toEqual({ keys: 1, bytes: 1, largestValueBytes: 1 });
  });

  test('save and restore keep what is stored and its index', () => {
    const store = new KvsStore(undefined, [RECORD]);
    store.handle('/api/v1/set', { key: 'pilot:1', value: { a: 1 } });
    store.handle('/api/v1/entity/set', {
      entityName: 'pilot-record',
      key: 'r1',
      value: { project: 'AIP', score: 3 },
    });
    const saved = store.save();
    store.handle('/api/v1/delete', { key: 'pilot:1' });
    store.restore(saved);
    expect(allPages(store, 'pilot:', 10)).toEqual(['pilot:1']);
    const res = store.handle('/api/v1/entity/query', {
      entityName: 'pilot-record',
      indexName: 'by-project-score',
      partition: ['AIP'],
    });
    expect((res.body as Page).data.map((d) => d.key)).toEqual(['r1']);
  });
});

describe('custom entity index queries', () => {
  test('a page of an index query looks at its page only, among 20,000 entities', () => {
    const store = new KvsStore(undefined, [RECORD]);
    for (let i = 0; i < 20_000; i++)
      store.handle('/api/v1/entity/set', {
        entityName: 'pilot-record',
        key: `r${i}`,
        value: { project: i % 2 ? 'AIP' : 'SEC', score: i % 1000 },
      });
    let page: Page = { data: [] };
    const looked = entriesLookedAt(store, () => {
      page = store.handle('/api/v1/entity/query', {
        entityName: 'pilot-record',
        indexName: 'by-project-score',
        partition: ['AIP'],
        range: { condition: 'BETWEEN', values: [500, 501] },
        limit: 10,
      }).body as Page;
    });
    expect(page.data).toHaveLength(10);
    expect(page.cursor).toEqual(expect.any(String));
    // Each result is read once by the index walk and once for its value.
    expect(looked).toBeLessThanOrEqual(2 * 10 + 1);
  });
});
