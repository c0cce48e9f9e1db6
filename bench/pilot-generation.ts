/**
 * What the pilot lifecycle costs in Jira calls and rate-limit points (Atlassian's points model, as the
 * sandbox charges it), and how long it takes here: creating pilots, a sub-task moving forward, a pilot's
 * kickoff moving, and the daily recompute. `npx tsx bench/pilot-generation.ts [pilots]` (default 20).
 * Prints; asserts nothing (the budget of 4 calls per pilot is also checked by the integration tests).
 */
import { createSandbox, type Sandbox } from '../sandbox/server';
import { createPilot, fieldId, jira, moveIssue, site, workstreamKey } from '../test/support/jira-steps';

const PILOTS = Number(process.argv[2] ?? 20);
const CALL_BUDGET_PER_PILOT = 4;

async function measure<T>(sandbox: Sandbox, label: string, work: () => Promise<T>, per = 1): Promise<T> {
  site(sandbox).resetMetrics();
  const started = performance.now();
  const result = await work();
  await sandbox.idle();
  const ms = performance.now() - started;
  const { calls, points, byOperation } = site(sandbox).metrics();
  const each = (value: number) => (per === 1 ? `${value}` : `${(value / per).toFixed(1)} each`);
  console.log(
    `${label.padEnd(44)} ${each(calls).padStart(10)} calls ${each(points).padStart(11)} points ${(ms / per).toFixed(0).padStart(5)} ms${per === 1 ? '' : ' each'}  ${JSON.stringify(byOperation)}`,
  );
  return result;
}

async function main(): Promise<void> {
  const sandbox = await createSandbox({ seed: 'empty', log: () => undefined });
  try {
    const first = await measure(sandbox, 'create one pilot (production path + readiness)', () =>
      createPilot(sandbox, 'Benchmark pilot'),
    );
    const perPilot = site(sandbox).metrics().calls;
    console.log(
      `  budget: at most ${CALL_BUDGET_PER_PILOT} Jira calls per pilot → ${perPilot <= CALL_BUDGET_PER_PILOT ? 'PASS' : 'FAIL'}`,
    );
    await measure(
      sandbox,
      `create ${PILOTS} pilots one after another`,
      async () => {
        for (let index = 0; index < PILOTS; index++)
          await createPilot(sandbox, `Benchmark pilot ${index + 1}`);
      },
      PILOTS,
    );
    await measure(sandbox, 'a sub-task moves to done (recompute)', () =>
      moveIssue(sandbox, workstreamKey(sandbox, first.id, 'model-validation'), 'done'),
    );
    const kickoff = await fieldId(sandbox, 'Kickoff date');
    await measure(sandbox, 'kickoff moves (7 due dates follow + recompute)', async () => {
      await jira(sandbox, 'PUT', `/rest/api/3/issue/${first.key}`, { fields: { [kickoff]: '2026-12-07' } });
    });
    await measure(
      sandbox,
      `daily recompute of ${PILOTS + 1} pilots`,
      async () => {
        const reply = await fetch(`${sandbox.url}/__sandbox/scheduled/daily-readiness-trigger`, {
          method: 'POST',
        });
        if (!reply.ok) throw new Error(`the scheduled trigger answered ${reply.status}`);
      },
      PILOTS + 1,
    );
    sandbox.runtime.setDeliveryMode({ duplicates: 5, concurrent: true });
    await measure(sandbox, 'create one pilot, event delivered 5× at once', () =>
      createPilot(sandbox, 'Duplicated delivery'),
    );
  } finally {
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
