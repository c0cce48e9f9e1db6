/**
 * The layers of docs/architecture.md hold: Forge's platform packages are used only where they belong
 * (ESLint's no-restricted-imports in eslint.config.mjs, run by `npm test`; checked here on code that
 * breaks the rule, so the rule itself can fail).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

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
