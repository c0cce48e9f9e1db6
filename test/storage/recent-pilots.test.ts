/**
 * The pilots generated lately (searched by id while the index may not have them yet): a shared list
 * that every generation adds to, so two generations at once must both stay (product.md §14).
 */
import { kvs } from '@forge/kvs';
import { readRecentPilots, rememberRecentPilot } from '../../src/storage/pilot-state';
import { useSandbox } from '../support/sandbox-lifecycle';

useSandbox('empty');

describe('the recently generated pilots', () => {
  it('keeps every pilot of generations that finish at once', async () => {
    const pilots = Array.from({ length: 8 }, (_, index) => `1000${index}`);
    await Promise.all(pilots.map((pilotId) => rememberRecentPilot(pilotId)));
    expect([...(await readRecentPilots())].sort()).toEqual(pilots);
  });

  it('reads a list stored before as a plain entry, and keeps it on the next write', async () => {
    await kvs.set('recent-pilots', ['10001', '10002']);
    expect(await readRecentPilots()).toEqual(['10001', '10002']);
    await rememberRecentPilot('10003');
    expect(await readRecentPilots()).toEqual(['10001', '10002', '10003']);
  });

  it('keeps the latest 50 only', async () => {
    for (let index = 0; index < 55; index += 1) await rememberRecentPilot(String(20000 + index));
    const recent = await readRecentPilots();
    expect(recent).toHaveLength(50);
    expect(recent[49]).toBe('20054');
  });
});
