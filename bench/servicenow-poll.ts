/**
 * What the 5-minute ServiceNow poll costs: ServiceNow calls per poll for 1,000 tracked records (the
 * target is 1 + ⌈changed/page⌉), and the Jira calls the changes cause (remote links, recomputes).
 * `npx tsx bench/servicenow-poll.ts [records]` (default 1000). Prints; asserts nothing.
 *
 * The records are filed once through the panel (so the app's own record and the remote link are real),
 * then copied in ServiceNow and in the app's storage to reach the count: filing 1,000 requests one by
 * one through the panel would measure filing, not the poll.
 */
import { createSandbox, type Sandbox } from '../sandbox/server';
import { createPilot, site } from '../test/support/jira-steps';
import {
  connectServiceNow,
  copyFiledRequest,
  data,
  FILING,
  panelCall,
  runPoll,
} from '../test/support/servicenow-steps';

const RECORDS = Number(process.argv[2] ?? 1000);
const PILOTS = 10;
const PAGE = 100;

async function track(sandbox: Sandbox): Promise<string[]> {
  const sysIds: string[] = [];
  for (let index = 0; index < PILOTS; index++) {
    const pilot = await createPilot(sandbox, `Polled pilot ${index + 1}`);
    data(await panelCall(sandbox, pilot, 'requestDataAccess', { ...FILING, dataSource: `Source ${index}` }));
    const filed = sandbox.servicenow.records('sc_req_item').at(-1)!.sys_id!;
    sysIds.push(filed, ...copyFiledRequest(sandbox, pilot, RECORDS / PILOTS - 1));
  }
  await sandbox.idle();
  return sysIds;
}

async function main(): Promise<void> {
  const sandbox = await createSandbox({ seed: 'empty', log: () => undefined });
  // Counts Jira calls and points; Forge's platform limits are measured by bench:scale, with
  // production latency (a burst of creates in zero sandbox time is no production workload).
  sandbox.runtime.setPlatformBehaviour({ forgeLimits: false });
  try {
    await connectServiceNow(sandbox);
    const sysIds = await track(sandbox);
    console.log(`${sysIds.length} tracked ServiceNow records on ${PILOTS} pilots, page size ${PAGE}`);
    sandbox.clock.advance(10 * 60_000);
    await runPoll(sandbox); // the first run reads every record once
    for (const changed of [0, 1, 10, 100, 250, 1000].filter((n) => n <= sysIds.length)) {
      sandbox.clock.advance(5 * 60_000);
      for (const sysId of sysIds.slice(0, changed))
        await sandbox.servicenow.changeAsUser('sc_req_item', sysId, { state: changed % 2 ? '2' : '3' });
      sandbox.clock.advance(5 * 60_000);
      sandbox.servicenow.resetMetrics();
      site(sandbox).resetMetrics();
      const started = performance.now();
      const outcome = (await runPoll(sandbox)) as { calls: number; pages: number; changed: number };
      const ms = performance.now() - started;
      const target = 1 + Math.ceil(changed / PAGE);
      const calls = sandbox.servicenow.metrics().calls;
      console.log(
        `changed ${String(changed).padStart(4)}: ${String(calls).padStart(3)} ServiceNow calls (target ≤ ${String(target).padStart(2)}: ${calls <= target ? 'PASS' : 'FAIL'}), ${outcome.changed} applied, ${site(sandbox).metrics().calls} Jira calls (remote links + recomputes), ${ms.toFixed(0)} ms`,
      );
    }
  } finally {
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
