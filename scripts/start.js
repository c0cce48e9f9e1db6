#!/usr/bin/env node
/**
 * `npm start`: runs sandbox/start.ts (TypeScript, through tsx's require hook) in this process,
 * so the printed memory is the sandbox's own. See sandbox/start.ts for PORT, HOST, SANDBOX_SEED.
 */
// The Custom UI is rebuilt every time (about 2 s) so the panels never show a stale bundle.
const built = require('node:child_process').spawnSync(
  process.execPath,
  [require.resolve('./build.js'), 'static'],
  {
    stdio: 'inherit',
  },
);
if (built.status !== 0) process.stderr.write('The Custom UI did not build: the panels will say so.\n');

require('tsx/cjs/api').register();
require('../sandbox/start.ts')
  .main()
  .catch((e) => {
    process.stderr.write(`The sandbox did not start: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  });
