/**
 * The test log is quiet unless a test fails (test/support/quiet-environment.ts): a passing test's
 * console output is held back, a failing test's is shown under its name, with what was logged
 * before the tests (the sandbox starting).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

test('a failing test shows its output and the file’s; a passing test’s stays held back', () => {
  const root = join(__dirname, '..');
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--ci',
      '--rootDir',
      root,
      '--roots',
      '<rootDir>/test/support/fixtures',
      '--testMatch',
      '**/noisy.fixture.ts',
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, TEST_LOG: '' } },
  );
  const output = `${run.stdout}${run.stderr}`;
  expect(run.status).toBe(1);
  expect(output).toContain('Output held back until the test "a failing test" failed');
  expect(output).toContain('[jira] [jira-emulator] 400 the request that explains the failure');
  expect(output).toContain('[sandbox] started on a free port');
  expect(output).not.toContain('(injected fault)');
});
