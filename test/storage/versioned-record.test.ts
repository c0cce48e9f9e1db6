/**
 * Compare-and-set on Forge's Custom Entity Store (src/storage/versioned-record.ts), through the real
 * @forge/kvs against the sandbox's storage, which declares the entity from the app's manifest.
 */
import {
  ChangedMeanwhile,
  UNCHANGED,
  deleteVersioned,
  readVersioned,
  updateVersioned,
  updateVersionedMany,
  writeVersioned,
} from '../../src/storage/versioned-record';
import { kvs } from '@forge/kvs';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty');

describe('a versioned record', () => {
  it('starts at revision 0 and counts each write', async () => {
    expect(await readVersioned('config-test')).toEqual({ value: undefined, revision: 0 });
    expect(await writeVersioned('config-test', { rows: 1 }, 0)).toBe(1);
    expect(await writeVersioned('config-test', { rows: 2 }, 1)).toBe(2);
    expect(await readVersioned('config-test')).toEqual({ value: { rows: 2 }, revision: 2 });
  });

  it('refuses a write against an older reading and keeps the newer value', async () => {
    await writeVersioned('race', 'first', 0);
    const a = await readVersioned<string>('race');
    const b = await readVersioned<string>('race');
    await writeVersioned('race', 'b wins', b.revision);
    await expect(writeVersioned('race', 'a loses', a.revision)).rejects.toBeInstanceOf(ChangedMeanwhile);
    expect(await readVersioned('race')).toEqual({ value: 'b wins', revision: 2 });
  });

  it('refuses a second creation of the same record', async () => {
    await writeVersioned('created-once', 1, 0);
    await expect(writeVersioned('created-once', 2, 0)).rejects.toBeInstanceOf(ChangedMeanwhile);
  });

  it('updates lose nothing when many run at once', async () => {
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        updateVersioned<string[]>('list', (current) => [...(current ?? []), `item-${index}`]),
      ),
    );
    const { value, revision } = await readVersioned<string[]>('list');
    expect([...(value ?? [])].sort()).toEqual(['item-0', 'item-1', 'item-2', 'item-3', 'item-4', 'item-5']);
    expect(revision).toBe(6);
  });

  it('an update that the winner made impossible is refused, and writes nothing', async () => {
    const decide = (outcome: string) =>
      updateVersioned<{ decision?: string }>('decision', (current) => {
        if (current?.decision) throw new Error(`already decided: ${current.decision}`);
        return { decision: outcome };
      });
    const results = await Promise.allSettled([decide('kill'), decide('accelerate')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    expect((await readVersioned('decision')).revision).toBe(1);
  });

  it('an unchanged update writes nothing; a delete needs the revision it read', async () => {
    await writeVersioned('kept', 'x', 0);
    expect(await updateVersioned('kept', () => UNCHANGED)).toEqual({ value: 'x', revision: 1 });
    await expect(deleteVersioned('kept', 7)).rejects.toBeInstanceOf(ChangedMeanwhile);
    await deleteVersioned('kept', 1);
    expect(await readVersioned('kept')).toEqual({ value: undefined, revision: 0 });
  });

  it('a value stored before as a plain entry reads as revision 0 and moves on the first write', async () => {
    await kvs.set('upgraded', { waivers: ['kept'] });
    const legacy = { legacyKey: 'upgraded' };
    expect(await readVersioned('upgraded', legacy)).toEqual({ value: { waivers: ['kept'] }, revision: 0 });
    await updateVersioned<{ waivers: string[] }>(
      'upgraded',
      (current) => ({ waivers: [...(current?.waivers ?? []), 'added'] }),
      legacy,
    );
    expect(await readVersioned('upgraded', legacy)).toEqual({
      value: { waivers: ['kept', 'added'] },
      revision: 1,
    });
    // The plain entry is gone with the first write: it can never be read back over a newer value.
    expect(env.sandbox.runtime.kvs.snapshot()['upgraded']).toBeUndefined();
  });

  it('two first writes of an upgraded value: one wins, the other re-applies its change to it', async () => {
    await kvs.set('upgraded-race', ['old']);
    const legacy = { legacyKey: 'upgraded-race' };
    await Promise.all(
      ['a', 'b'].map((item) =>
        updateVersioned<string[]>('upgraded-race', (current) => [...(current ?? []), item], legacy),
      ),
    );
    const { value } = await readVersioned<string[]>('upgraded-race', legacy);
    expect(value?.[0]).toBe('old');
    expect([...(value ?? [])].sort()).toEqual(['a', 'b', 'old']);
  });

  it('many records at once: plain entries moved, records created and changed, none lost to a race', async () => {
    await kvs.set('owner:1', 'pilot-a');
    await writeVersioned('owner:2', ['pilot-b'], 0);
    const keys = Array.from({ length: 15 }, (_, index) => `owner:${index + 1}`);
    const add = (pilot: string) =>
      updateVersionedMany<string[] | string>(
        keys,
        (_key, current) => [
          ...(current === undefined ? [] : Array.isArray(current) ? current : [current]),
          pilot,
        ],
        { legacy: true },
      );
    await Promise.all([add('pilot-x'), add('pilot-y')]);
    const read = async (key: string) => [...((await readVersioned<string[]>(key)).value ?? [])].sort();
    expect(await read('owner:1')).toEqual(['pilot-a', 'pilot-x', 'pilot-y']);
    expect(await read('owner:2')).toEqual(['pilot-b', 'pilot-x', 'pilot-y']);
    expect(await read('owner:15')).toEqual(['pilot-x', 'pilot-y']);
    expect(env.sandbox.runtime.kvs.snapshot()['owner:1']).toBeUndefined();
  });
});
