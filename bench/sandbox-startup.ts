/**
 * Sandbox startup benchmark: time to ready and memory, per seed, in a fresh process each
 * (`npx tsx bench/sandbox-startup.ts [seed...]`, default: empty demo). Prints one line per seed and
 * a JSON summary on the last line.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

interface Sample {
  seed: string;
  readyMs: number;
  bundleMs: number;
  rssMb: number;
  heapMb: number;
}

async function child(seed: string): Promise<void> {
  const started = performance.now();
  const { createSandbox } = await import('../sandbox/server');
  const sandbox = await createSandbox({
    seed: seed as 'empty' | 'demo' | 'bare',
    port: 0,
    log: () => undefined,
  });
  const readyMs = performance.now() - started;
  const health = await fetch(`${sandbox.url}/__sandbox/health`);
  if (health.status !== 200) throw new Error(`health answered ${health.status}`);
  const memory = process.memoryUsage();
  const sample: Sample = {
    seed,
    readyMs: Math.round(readyMs),
    bundleMs: Math.round(sandbox.runtime.bundleMs),
    rssMb: Math.round((memory.rss / 1024 / 1024) * 10) / 10,
    heapMb: Math.round((memory.heapUsed / 1024 / 1024) * 10) / 10,
  };
  await sandbox.close();
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

function main(): void {
  const seeds = process.argv.slice(2).length ? process.argv.slice(2) : ['empty', 'demo'];
  const samples: Sample[] = [];
  for (const seed of seeds) {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'sandbox-startup.ts'), '--child', seed],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (run.status !== 0) {
      process.stderr.write(run.stderr);
      process.exit(run.status ?? 1);
    }
    const sample = JSON.parse(run.stdout.trim().split('\n').pop() as string) as Sample;
    samples.push(sample);
    process.stdout.write(
      `seed=${sample.seed.padEnd(5)} ready ${String(sample.readyMs).padStart(5)} ms (bundle ${sample.bundleMs} ms)  RSS ${sample.rssMb} MB  heap ${sample.heapMb} MB\n`,
    );
  }
  process.stdout.write(`${JSON.stringify({ sandboxStartup: samples })}\n`);
}

if (process.argv[2] === '--child') {
  child(process.argv[3] ?? 'empty').catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
} else {
  main();
}
