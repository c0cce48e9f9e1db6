/**
 * The portfolio page's cost (issue 9): the Jira calls and points of opening the portfolio of a
 * project with N pilots (default 2,000), as the sandbox counts the app's own calls, against the budget
 * of 1 + ⌈N/page⌉ calls (one search page of 100 pilots per call, plus the viewer's admin check); and
 * one owner team's queue (one search). The pilots are created through the Jira REST API, so the app
 * lays out each one's path and stores its readiness, as on a real site.
 *
 *   npm run bench:portfolio [-- --pilots 2000]   exits 1 when the budget is broken
 */
import { SANDBOX_USERS } from '../sandbox/contracts';
import { createSandbox, type Sandbox } from '../sandbox/server';
import { SEARCH_PAGE_SIZE } from '../src/jira/client';
import type { OwnerQueueView, PortfolioView, ResolverResult } from '../src/ui-contract';

const PM = SANDBOX_USERS.projectManager.accountId;
const say = (line: string) => process.stdout.write(`${line}\n`);

function pilotCount(): number {
  const at = process.argv.indexOf('--pilots');
  const value = at >= 0 ? Number(process.argv[at + 1]) : 2000;
  if (!Number.isInteger(value) || value < 1) throw new Error('--pilots wants a positive whole number');
  return value;
}

interface JiraMetrics {
  calls: number;
  points: number;
  byOperation: Record<string, number>;
}

const metricsOf = (sandbox: Sandbox) =>
  sandbox.jira as unknown as { metrics(): JiraMetrics; resetMetrics(): void };

async function createPilots(sandbox: Sandbox, count: number): Promise<void> {
  const project = (await sandbox.jiraAs(PM, 'GET', '/rest/api/3/project/AIP')).json as {
    issueTypes: Array<{ id: string; name: string }>;
  };
  const aiPilot = project.issueTypes.find((type) => type.name === 'AI Pilot')?.id;
  if (!aiPilot) throw new Error('The sandbox project AIP has no AI Pilot issue type');
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const reply = await sandbox.jiraAs(PM, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'AIP' },
        issuetype: { id: aiPilot },
        summary: `Portfolio pilot ${index + 1}`,
      },
    });
    if (reply.status !== 201) throw new Error(`Creating pilot ${index + 1} answered ${reply.status}`);
    await sandbox.idle();
    if ((index + 1) % 250 === 0)
      say(`  … ${index + 1} of ${count} pilots (${Math.round((performance.now() - started) / 1000)} s)`);
  }
}

async function measure<T>(sandbox: Sandbox, functionKey: string, payload: unknown) {
  metricsOf(sandbox).resetMetrics();
  const started = performance.now();
  const result = (await sandbox.runtime.invokeResolver({
    moduleKey: 'portfolio-page',
    functionKey,
    payload,
    accountId: PM,
    extension: { type: 'jira:projectPage', project: { id: '10000', key: 'AIP' } },
  } as Parameters<Sandbox['runtime']['invokeResolver']>[0])) as ResolverResult<T>;
  const ms = Math.round(performance.now() - started);
  if (!result.ok) throw new Error(`${functionKey} failed: ${result.error.message}`);
  return { data: result.data, ms, metrics: structuredClone(metricsOf(sandbox).metrics()) };
}

async function main(): Promise<void> {
  const count = pilotCount();
  const sandbox = await createSandbox({ seed: 'empty', log: () => undefined });
  // Counts Jira calls and points; Forge's platform limits are measured by bench:scale, with
  // production latency (a burst of creates in zero sandbox time is no production workload).
  sandbox.runtime.setPlatformBehaviour({ forgeLimits: false });
  try {
    say(`Portfolio benchmark: creating ${count} pilots through the Jira REST API (the app generates each)…`);
    await createPilots(sandbox, count);
    const portfolio = await measure<PortfolioView>(sandbox, 'getPortfolio', {});
    const budget = 1 + Math.ceil(count / SEARCH_PAGE_SIZE);
    const queue = await measure<OwnerQueueView>(sandbox, 'getOwnerQueue', { team: 'Data science team' });
    say('');
    say(`Portfolio of ${portfolio.data.rows.length} pilots (project AIP):`);
    say(
      `  Jira calls      ${portfolio.metrics.calls} (budget 1 + ⌈${count}/${SEARCH_PAGE_SIZE}⌉ = ${budget})`,
    );
    say(`  points          ${portfolio.metrics.points}`);
    say(`  by operation    ${JSON.stringify(portfolio.metrics.byOperation)}`);
    say(`  time            ${portfolio.ms} ms`);
    say(`Owner queue (Data science team, first page of ${queue.data.entries.length}):`);
    say(`  Jira calls      ${queue.metrics.calls} (budget 1)`);
    say(`  time            ${queue.ms} ms`);
    const broken = [
      portfolio.data.rows.length !== count &&
        `the portfolio listed ${portfolio.data.rows.length} of ${count} pilots`,
      portfolio.metrics.calls > budget &&
        `the portfolio made ${portfolio.metrics.calls} Jira calls, over ${budget}`,
      queue.metrics.calls > 1 && `the owner queue made ${queue.metrics.calls} Jira calls, over 1`,
    ].filter((problem): problem is string => typeof problem === 'string');
    for (const problem of broken) say(`BUDGET BROKEN: ${problem}`);
    if (broken.length > 0) process.exitCode = 1;
  } finally {
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
