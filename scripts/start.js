#!/usr/bin/env node
/**
 * `npm start`: runs sandbox/start.ts (TypeScript, through tsx's require hook) in this process,
 * so the printed memory is the sandbox's own. See sandbox/start.ts for PORT, HOST, SANDBOX_SEED.
 */
require('tsx/cjs/api').register();
require('../sandbox/start.ts')
  .main()
  .catch((e) => {
    process.stderr.write(`The sandbox did not start: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  });
