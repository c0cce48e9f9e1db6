/**
 * The layers of docs/architecture.md hold: no import cycle and no import against the layers
 * (dependency-cruiser with .dependency-cruiser.cjs), and Forge's platform packages only where they
 * belong (ESLint's no-restricted-imports in eslint.config.mjs, which `npm test` runs on every file).
 * Each check is also run on code that breaks it, so the check itself can fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');

/** The folders whose imports are checked: the app, its Custom UI, the sandbox, the benchmarks. */
const CHECKED_FOLDERS = ['src', 'static/app/src', 'sandbox', 'bench'];

/** Each rule broken, as `rule: from → to`, among the imports of `folders` (paths relative to `cwd`). */
function dependencyViolations(folders: string[], cwd = ROOT): string[] {
  const run = spawnSync(
    process.execPath,
    [DEPCRUISE, ...folders, '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (!run.stdout) throw new Error(`dependency-cruiser did not run: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as {
    summary: {
      violations: Array<{
        rule: { name: string };
        from: string;
        to: string;
        cycle?: Array<{ name: string }>;
      }>;
    };
  };
  return result.summary.violations.map((violation) =>
    violation.cycle
      ? `${violation.rule.name}: ${violation.from} → ${violation.cycle.map((step) => step.name).join(' → ')}`
      : `${violation.rule.name}: ${violation.from} → ${violation.to}`,
  );
}

describe('imports follow the layers', () => {
  it(`no cycle and no import against the layers in ${CHECKED_FOLDERS.join(', ')}`, () => {
    expect(dependencyViolations(CHECKED_FOLDERS)).toEqual([]);
  });

  it('the check finds a cycle, and each layer rule, in code that breaks them', () => {
    const fixture = join(ROOT, '.build', 'architecture-fixture');
    const files: Record<string, string> = {
      'src/domain/score.ts': "import { kvs } from '../storage/kvs';\nexport const score = kvs;\n",
      'src/storage/kvs.ts':
        "import type { JiraIssue } from '../jira/types';\nexport const kvs: JiraIssue[] = [];\n",
      'src/jira/types.ts':
        "import { handOff } from '../services/queue/work-queue';\nexport type JiraIssue = typeof handOff;\n",
      'src/services/queue/index.ts': "export { handOff } from './work-queue';\n",
      'src/services/queue/work-queue.ts':
        "import { panel } from '../panel/panel';\nexport const handOff = panel;\n",
      'src/services/panel/index.ts': "export { panel } from './panel';\n",
      'src/services/panel/panel.ts':
        "import { handOff } from '../queue';\nexport const panel = () => handOff;\n",
      'src/handlers/panel.ts':
        "import { panel } from '../services/panel/panel';\nexport const onPanel = panel;\n",
      'src/index.ts': "export { onPanel } from './handlers/panel';\n",
    };
    rmSync(fixture, { recursive: true, force: true });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), text);
    }
    try {
      expect(dependencyViolations(['src'], fixture).sort()).toEqual(
        [
          'clients-on-domain: src/jira/types.ts → src/services/queue/work-queue.ts',
          'domain-is-pure: src/domain/score.ts → src/storage/kvs.ts',
          'no-cycles: src/services/panel/panel.ts → src/services/queue/index.ts → src/services/queue/work-queue.ts → src/services/panel/panel.ts',
          'services-through-their-index-from-outside: src/jira/types.ts → src/services/queue/work-queue.ts',
          'services-through-their-index: src/services/queue/work-queue.ts → src/services/panel/panel.ts',
          'services-through-their-index-from-outside: src/handlers/panel.ts → src/services/panel/panel.ts',
          'storage-on-domain: src/storage/kvs.ts → src/jira/types.ts',
        ].sort(),
      );
    } finally {
      rmSync(fixture, { recursive: true, force: true });
    }
  });
});

/** The messages ESLint gives `code` as if it were the file at `path` (nothing is written). */
function lintAs(path: string, code: string): string[] {
  const run = spawnSync(process.execPath, [ESLINT, '--stdin', '--stdin-filename', path, '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout) as Array<{
    messages: Array<{ ruleId: string | null; message: string }>;
  }>;
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

const CALLS_JIRA = "import { route } from '@forge/api';\nexport const path = route`/rest/api/3/myself`;\n";
const READS_STORAGE = "import { kvs } from '@forge/kvs';\nexport const read = () => kvs.get('config');\n";

describe('Forge platform packages stay in their layer', () => {
  it.each([
    'src/services/panel/probe.ts',
    'src/handlers/probe.ts',
    'src/storage/probe.ts',
    'src/domain/probe.ts',
  ])('@forge/api is refused in %s', (path) => {
    expect(lintAs(path, CALLS_JIRA)).toEqual([
      expect.stringMatching(/^no-restricted-imports: '@forge\/api'/),
    ]);
  });

  it.each(['src/jira/probe.ts', 'src/servicenow/probe.ts'])('@forge/api is used in %s', (path) => {
    expect(lintAs(path, CALLS_JIRA)).toEqual([]);
  });

  it('Forge storage is used in src/storage alone', () => {
    expect(lintAs('src/storage/probe.ts', READS_STORAGE)).toEqual([]);
    for (const path of ['src/services/readiness/probe.ts', 'src/jira/probe.ts', 'src/handlers/probe.ts']) {
      expect(lintAs(path, READS_STORAGE)).toEqual([
        expect.stringMatching(/^no-restricted-imports: '@forge\/kvs'/),
      ]);
    }
  });
});
