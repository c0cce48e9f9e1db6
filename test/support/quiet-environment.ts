/**
 * The jest environment of the node tests: a test's console output (the app's own `console.warn`,
 * the sandbox's log, which `useSandbox` routes to the console) is kept back and shown only when
 * that test fails, under the test's name, so a passing run's log is not full of faults the tests
 * inject on purpose. Output between tests (a `beforeAll` starting the sandbox) is shown with the
 * next test that fails, or with a failing hook. `TEST_LOG=all` shows everything as it happens.
 */
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import type { Circus } from '@jest/types';
import { TestEnvironment as NodeEnvironment } from 'jest-environment-node';

/** The full name of a test: its describe blocks and its own name. */
function fullName(test: Circus.TestEntry): string {
  const names: string[] = [];
  let block: Circus.TestEntry | Circus.DescribeBlock | undefined = test;
  while (block && block.name !== 'ROOT_DESCRIBE_BLOCK') {
    names.unshift(block.name);
    block = block.parent;
  }
  return names.join(' › ');
}

/** At most this many lines of output from outside any test (starting a sandbox) are kept for failures. */
const FILE_OUTPUT_LINES = 400;

export default class QuietEnvironment extends NodeEnvironment {
  /** Output from outside any test (beforeAll, afterAll): shown with every failure of the file. */
  private fileOutput: string[] = [];
  /** Output of the running test. */
  private testOutput: string[] = [];
  private inTest = false;
  private shown?: Console;

  override async setup(): Promise<void> {
    await super.setup();
    if (process.env['TEST_LOG'] === 'all') return;
    // Jest put its own console on the test's global before setup: failures are replayed there.
    this.shown = this.global.console as Console;
    const hold = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        const text = chunk.toString('utf8');
        if (this.inTest) this.testOutput.push(text);
        else this.fileOutput = [...this.fileOutput, text].slice(-FILE_OUTPUT_LINES);
        done();
      },
    });
    this.global.console = new Console({ stdout: hold, stderr: hold, colorMode: false });
  }

  handleTestEvent(event: Circus.Event): void {
    if (!this.shown) return;
    if (event.name === 'test_start') {
      this.inTest = true;
      this.testOutput = [];
    } else if (event.name === 'test_done') {
      this.inTest = false;
      if (event.test.errors.length > 0) this.show(`test "${fullName(event.test)}" failed`);
      this.testOutput = [];
    } else if (event.name === 'hook_failure' && !this.inTest) {
      this.show(`${event.hook.type} hook failed`);
    }
  }

  private show(why: string): void {
    const parts = [
      this.fileOutput.length > 0
        ? `-- before the test (starting the sandbox, ...):\n${this.fileOutput.join('')}`
        : '',
      this.testOutput.length > 0 ? `-- during the test:\n${this.testOutput.join('')}` : '',
    ].filter(Boolean);
    if (parts.length > 0) this.shown?.log(`Output held back until the ${why}:\n${parts.join('').trimEnd()}`);
  }
}
