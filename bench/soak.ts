/**
 * `npm run soak [-- --pilots 200 --seed 7 --rate 0.2 --duplicates 3 --lag 1500 --record]`: the soak of
 * issue 12 (lag: Jira's search index lag in ms, in both runs).
 * Runs the seeded script fault-free, then under injected faults with duplicated concurrent delivery,
 * prints what was injected, retried and handed off, and every difference between the two end states.
 * `--record` keeps the numbers in bench/results/soak.json and soak.md (one entry per search lag).
 * Exits 1 when the end states differ.
 */
import { execSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { compareEndStates, runSoak, soakScript, soakSandbox, type SoakOptions } from '../test/soak/soak-run';
import { writeFormatted } from './cost/readme';
import { machine, realNow } from './cost/report';
import { soakMarkdown, type SoakRecord } from './soak-report';

const RESULTS = join(__dirname, 'results');

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

async function main(): Promise<void> {
  const startedAt = realNow();
  const options: SoakOptions = {
    pilots: option('pilots', 200),
    seed: option('seed', 7),
    faultRate: option('rate', 0.2),
    duplicates: option('duplicates', 3),
    concurrency: option('concurrency', 10),
    searchLagMs: option('lag', 0),
    // As the soak test runs it (test/soak/soak.test.ts): Forge's limits off until the app keeps within
    // them under 3× delivery; `--forge-limits` turns them on.
    forgeLimits: process.argv.includes('--forge-limits'),
    log: (line) => console.log(line),
  };
  const script = soakScript(options.pilots, options.seed);
  const sandbox = await soakSandbox();
  try {
    console.log(
      `fault-free run: ${options.pilots} pilots, seed ${options.seed}, search lag ${options.searchLagMs} ms, Forge limits ${options.forgeLimits ? 'on' : 'off'}`,
    );
    const clean = await runSoak(sandbox, script, { ...options, faults: false });
    console.log(`  ${clean.counts.jiraCalls} Jira calls, ${clean.counts.ms} ms`);
    console.log(
      `faulted run: ${options.faultRate * 100}% of the app's Jira and ServiceNow calls fail, ${options.duplicates}× concurrent delivery`,
    );
    // The app logs each failure it hands on; under injected faults that is expected noise: counted.
    let errorsLogged = 0;
    const logError = console.error;
    console.error = () => void errorsLogged++;
    const faulted = await runSoak(sandbox, script, { ...options, faults: true }).finally(() => {
      console.error = logError;
    });
    const { counts } = faulted;
    console.log(`  Jira faults injected:    ${counts.jiraFaults} ${JSON.stringify(counts.jiraFaultsByKind)}`);
    console.log(`  ServiceNow faults:       ${JSON.stringify(counts.servicenowFaults)}`);
    console.log(`  client retries:          ${counts.retries}`);
    console.log(`  platform redeliveries:   ${counts.redeliveries}`);
    console.log(`  hand-offs to the queue:  ${counts.handOffs}`);
    console.log(`  events dropped:          ${counts.dropped}`);
    console.log(`  app errors logged:       ${errorsLogged}`);
    console.log(`  Jira calls:              ${counts.jiraCalls} (fault-free: ${clean.counts.jiraCalls})`);
    console.log(`  time:                    ${counts.ms} ms (fault-free: ${clean.counts.ms} ms)`);
    // A stale property in either run counts, even when both runs share it.
    const differences = [
      ...compareEndStates(clean.state, faulted.state),
      ...clean.stale.map((line) => `fault-free run ${line}`),
      ...faulted.stale.map((line) => `faulted run ${line}`),
    ];
    const pilotsAffected = new Set(differences.map((line) => /Soak pilot \d+/.exec(line)?.[0])).size;
    console.log(`differences: ${differences.length} in ${pilotsAffected} of ${options.pilots} pilots`);
    for (const line of differences) console.log(`  ${line}`);
    process.exitCode = differences.length === 0 ? 0 : 1;
    if (process.argv.includes('--record')) {
      const { log: _log, ...recorded } = options;
      await record({
        machine: machine(startedAt),
        commit: execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(),
        options: { ...recorded, searchLagMs: options.searchLagMs ?? 0 },
        faultFree: clean.counts,
        faulted: counts,
        differences,
      });
    }
  } finally {
    await sandbox.close();
  }
}

/** Keeps this run's numbers, replacing the last run with the same search lag. */
async function record(run: SoakRecord): Promise<void> {
  const jsonPath = join(RESULTS, 'soak.json');
  const runs = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as SoakRecord[]) : [];
  const kept = [...runs.filter((other) => other.options.searchLagMs !== run.options.searchLagMs), run].sort(
    (a, b) => a.options.searchLagMs - b.options.searchLagMs,
  );
  await writeFormatted(jsonPath, JSON.stringify(kept));
  await writeFormatted(join(RESULTS, 'soak.md'), soakMarkdown(kept));
  console.log('Written: bench/results/soak.json, bench/results/soak.md');
}

void main();
