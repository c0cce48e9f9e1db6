/**
 * `npm start`: the app running offline on an emulated Jira site and ServiceNow instance.
 *
 *   PORT          HTTP port (default 8080)
 *   HOST          interface (default 0.0.0.0)
 *   SANDBOX_SEED  demo (default) | empty | bare
 *
 * Builds the app bundle (the runtime does, with esbuild), checks the Custom UI build
 * (static/app/dist; built with Vite when missing and a Vite config exists), starts the sandbox,
 * then prints its URL, the time to ready and the memory in use. `GET /__sandbox/health` answers
 * 200 once ready.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type SeedName, createSandbox } from './server';

const ROOT = resolve(__dirname, '..');
const SEEDS: SeedName[] = ['demo', 'empty', 'bare'];

function ensureStaticBuild(log: (line: string) => void): void {
  const appDir = join(ROOT, 'static', 'app');
  const dist = join(appDir, 'dist', 'index.html');
  if (existsSync(dist)) return;
  const viteConfig = existsSync(appDir)
    ? readdirSync(appDir).find((f) => /^vite\.config\.(m?[jt]s|cjs)$/.test(f))
    : undefined;
  if (!viteConfig) {
    log(
      'The Custom UI is not built (static/app/dist is missing): the panels will say so. Run npm run build:static.',
    );
    return;
  }
  log('Building the Custom UI (static/app/dist) with Vite...');
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--config', join(appDir, viteConfig), '--logLevel', 'warn'],
    { cwd: appDir, stdio: 'inherit' },
  );
  if (result.status !== 0)
    log(
      'The Custom UI build failed: the panels will say they are not built. Run npm run build:static to see why.',
    );
}

export async function main(): Promise<void> {
  const started = performance.now();
  process.setSourceMapsEnabled?.(true);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const seed = (process.env.SANDBOX_SEED ?? 'demo') as SeedName;
  if (!SEEDS.includes(seed)) {
    process.stderr.write(`SANDBOX_SEED must be one of ${SEEDS.join(', ')}; got "${seed}"\n`);
    process.exit(2);
  }
  ensureStaticBuild(log);
  const sandbox = await createSandbox({
    seed,
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '0.0.0.0',
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const readyMs = Math.round(performance.now() - started);
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
  log('');
  log(`Pilot Pathway sandbox ready at ${sandbox.url}  (seed: ${seed})`);
  log(
    `  ready in ${readyMs} ms (of which bundling the app ${Math.round(sandbox.runtime.bundleMs)} ms); memory: ${rssMb} MB RSS, ${heapMb} MB heap`,
  );
  log(`  issues:     ${sandbox.url}/`);
  if (sandbox.demo?.pilots.length)
    log(
      `  pilots:     ${sandbox.demo.pilots.map((p) => `${sandbox.url}/browse/${p.key} (${p.story})`).join('\n              ')}`,
    );
  if (sandbox.demo?.epic) log(`  epic:       ${sandbox.url}/browse/${sandbox.demo.epic}`);
  log(`  portfolio:  ${sandbox.url}/projects/AIP/pilot-pathway`);
  log(`  admin:      ${sandbox.url}/admin/pilot-pathway`);
  log(
    `  REST:       ${sandbox.url}/rest/api/3/...  (any Basic credentials = site admin; ?as=<accountId> = that user)`,
  );
  log(
    `  ServiceNow: ${sandbox.url}/servicenow/api/now/table/...  (app instance URL ${sandbox.servicenow.instanceUrl})`,
  );
  log(
    `  control:    ${sandbox.url}/__sandbox/health, /__sandbox/idle, /__sandbox/clock, /__sandbox/metrics, ...`,
  );
  for (const warning of sandbox.demo?.warnings ?? []) log(`  note: ${warning}`);
  log('');

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: stopping the sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(
      `The sandbox did not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  });
}
