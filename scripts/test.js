#!/usr/bin/env node
/**
 * `npm test`: every check CI runs, in order, on a machine that has nothing but Node and npm.
 * Type check, lint, format, build the app bundle and the Custom UI, then every jest test
 * (unit, property, contract, integration against the sandbox, browser). Installs Debian's
 * chromium first when browser tests exist and it is missing. Ends with one line
 * `N passed, N failed` so any reader of the log sees the outcome.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const jestArgs = process.argv.slice(2);

function run(title, command, args, options = {}) {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    process.stdout.write(`\n${title} failed (exit ${result.status}).\n0 passed, 1 failed\n`);
    process.exit(result.status || 1);
  }
}

function ensureChromium() {
  const hasBrowserTests = fs.existsSync(path.join(root, 'test', 'browser'));
  if (!hasBrowserTests || fs.existsSync('/usr/bin/chromium')) return;
  process.stdout.write("\n== Installing Debian's chromium for the browser tests\n");
  const sudo = process.getuid && process.getuid() === 0 ? [] : ['sudo'];
  const apt = (args) =>
    spawnSync(sudo[0] || 'apt-get', sudo.length ? ['apt-get', ...args] : args, { stdio: 'inherit' });
  apt(['update']);
  const installed = apt(['install', '-y', '--no-install-recommends', 'chromium']);
  if (installed.status !== 0 || !fs.existsSync('/usr/bin/chromium')) {
    process.stdout.write('Could not install chromium: the browser tests cannot run.\n0 passed, 1 failed\n');
    process.exit(1);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (jestArgs.length === 0) {
  run('Type check', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  run('Lint', npx, ['eslint', '.']);
  run('Format', npx, ['prettier', '--check', '.']);
}
run('Build', 'npm', ['run', 'build', '--silent']);
ensureChromium();

fs.mkdirSync(path.join(root, '.build'), { recursive: true });
const resultsFile = path.join(root, '.build', 'jest-results.json');
process.stdout.write('\n== Tests\n');
const jest = spawnSync(npx, ['jest', '--json', `--outputFile=${resultsFile}`, ...jestArgs], {
  cwd: root,
  stdio: 'inherit',
});
let passed = 0;
let failed = jest.status === 0 ? 0 : 1;
try {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  if (results.numTotalTests === 0) failed = Math.max(failed, 1);
} catch {
  // jest did not write results: the exit status alone tells.
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
