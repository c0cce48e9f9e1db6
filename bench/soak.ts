/**
 * `npm run soak [-- --pilots 200 --seed 7 --rate 0.2 --duplicates 3 --lag 1500]` (lag: Jira's search index lag in ms): the soak of issue 12.
 * Runs the seeded script fault-free, then under injected faults with duplicated concurrent delivery,
 * prints what was injected, retried and handed off, and every difference between the two end states.
 * Exits 1 when the end states differ.
 */
import { compareEndStates, runSoak, soakScript, soakSandbox, type SoakOptions } from '../test/soak/soak-run';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

async function main(): Promise<void> {
  const options: SoakOptions = {
    pilots: option('pilots', 200),
    seed: option('seed', 7),
    faultRate: option('rate', 0.2),
    duplicates: option('duplicates', 3),
    concurrency: option('concurrency', 10),
    searchLagMs: option('lag', 0),
    log: (line) => console.log(line),
  };
  const script = soakScript(options.pilots, options.seed);
  const sandbox = await soakSandbox();
  try {
    console.log(`fault-free run: ${options.pilots} pilots, seed ${options.seed}`);
    const clean = await runSoak(sandbox, script, { ...options, faults: false });
    console.log(`  ${clean.counts.jiraCalls} Jira calls, ${clean.counts.ms} ms`);
    console.log(
      `faulted run: ${options.faultRate * 100}% of the app's Jira and ServiceNow calls fail, ${options.duplicates}× concurrent delivery`,
    );
    const faulted = await runSoak(sandbox, script, { ...options, faults: true });
    const { counts } = faulted;
    console.log(`  Jira faults injected:    ${counts.jiraFaults} ${JSON.stringify(counts.jiraFaultsByKind)}`);
    console.log(`  ServiceNow faults:       ${JSON.stringify(counts.servicenowFaults)}`);
    console.log(`  client retries:          ${counts.retries}`);
    console.log(`  platform redeliveries:   ${counts.redeliveries}`);
    console.log(`  hand-offs to the queue:  ${counts.handOffs}`);
    console.log(`  events dropped:          ${counts.dropped}`);
    console.log(`  Jira calls:              ${counts.jiraCalls} (fault-free: ${clean.counts.jiraCalls})`);
    console.log(`  time:                    ${counts.ms} ms (fault-free: ${clean.counts.ms} ms)`);
    const differences = compareEndStates(clean.state, faulted.state);
    const pilotsAffected = new Set(differences.map((line) => line.split(':')[0])).size;
    console.log(`differences: ${differences.length} in ${pilotsAffected} of ${options.pilots} pilots`);
    for (const line of differences) console.log(`  ${line}`);
    process.exitCode = differences.length === 0 ? 0 : 1;
  } finally {
    await sandbox.close();
  }
}

void main();
