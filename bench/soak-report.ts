/**
 * bench/results/soak.md, written by `npm run soak -- --record` from bench/results/soak.json: the
 * last recorded soak for each search lag, with when and where it ran.
 */
import type { SoakCounts, SoakOptions } from '../test/soak/soak-run';
import type { Machine } from './cost/report';

export interface SoakRecord {
  machine: Machine;
  /** The commit the app ran at (short hash). */
  commit?: string;
  options: Omit<SoakOptions, 'log' | 'searchLagMs'> & { searchLagMs: number };
  faultFree: SoakCounts;
  faulted: SoakCounts;
  /** Where the faulted run's end state differs from the fault-free one (empty: it passed). */
  differences: string[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n, 0);
const byKind = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => `${kind}: ${n}`)
    .join(', ');

export function soakMarkdown(runs: SoakRecord[]): string {
  const lines = [
    '# Soak results (issue 12)',
    '',
    'Written by `npm run soak -- --record` (see bench/soak.ts): the last recorded run for each search lag.',
    'Each run plays one seeded script of pilots (created, edited right after create, sub-tasks moved soon',
    'after, reviews decided, data access requested in Jira or ServiceNow, dates moved) twice on the sandbox:',
    'fault-free, then with the given share of the app’s Jira and ServiceNow calls failing (429 with each',
    '`RateLimit-Reason`, 500, 503, lost responses) and every event delivered several times at once. The two',
    'end states must be the same: same issues, links, dates, scores, nothing lost or duplicated; and no stale',
    'property: a full recompute of every pilot at the end of each run changes nothing it stored. Times are',
    'wall-clock on a shared machine (they depend on its load; the full recompute is not timed); counts do not.',
    '',
  ];
  for (const run of runs) {
    const { options: o, machine: m, faulted: f, faultFree: clean } = run;
    lines.push(
      `## Search lag ${o.searchLagMs} ms${o.searchLagMs === 0 ? ' (a tidy index)' : ' (both runs)'}`,
      '',
      `Run ${m.date.slice(0, 16).replace('T', ' ')} UTC${run.commit ? ` at commit ${run.commit}` : ''} on ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB memory, Node ${m.node}${m.loadAverage === undefined ? '' : `, load average ${m.loadAverage} at the start`}.`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| pilots, seed | ${o.pilots}, seed ${o.seed}, ${o.concurrency} worked at a time |`,
      `| faults | ${o.faultRate * 100}% of the app’s calls, every event delivered ${o.duplicates}× at once |`,
      `| Forge's limits (queue, storage rates) | ${o.forgeLimits === true ? 'on' : 'off, as in the soak test, until the app keeps within them under 3× delivery'} |`,
      `| Jira faults injected | ${f.jiraFaults} (${byKind(f.jiraFaultsByKind)}) |`,
      `| ServiceNow faults injected | ${sum(f.servicenowFaults)} (${byKind(f.servicenowFaults)}) |`,
      `| client retries | ${f.retries} |`,
      `| platform redeliveries (InvocationError) | ${f.redeliveries} |`,
      `| hand-offs to the queue | ${f.handOffs} (fault-free: ${clean.handOffs}) |`,
      `| events dropped after every retry | ${f.dropped} |`,
      `| Jira calls | ${f.jiraCalls} (fault-free: ${clean.jiraCalls}) |`,
      `| time | ${seconds(f.ms)} (fault-free: ${seconds(clean.ms)}) |`,
      `| differences from the fault-free end state | ${run.differences.length === 0 ? 'none' : `${run.differences.length}:<br>${run.differences.join('<br>')}`} |`,
      '',
    );
  }
  return lines.join('\n');
}
