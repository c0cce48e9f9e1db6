/**
 * The changes waiting for a pilot's recompute are read in the order they were recorded: a queued
 * recompute leaves its work to the change recorded last (services/readiness/recompute-queue.ts).
 */
import { readPilotChanges, recordPilotChange } from '../../src/storage/pilot-changes';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

test('a change recorded late, for a request that started early, comes after the changes recorded before it', async () => {
  const eventChange = await recordPilotChange('10001', { at: '2026-03-02T09:00:00.000Z', issueId: '10002' });
  env.sandbox.clock.advance(30_000);
  // A panel request that started before the event and recorded its change only when its filing was done.
  const lateChange = await recordPilotChange('10001', { at: '2026-02-28T12:00:00.000Z', full: true });
  expect((await readPilotChanges('10001')).map((change) => change.key)).toEqual([
    eventChange.key,
    lateChange.key,
  ]);
});
