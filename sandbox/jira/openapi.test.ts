/**
 * The emulator's contract is the project's own copy of Atlassian's description: a clone with nothing
 * beside it validates against it, and a missing or broken copy is refused at once, naming the file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { JiraContractUnavailable, OPENAPI_PATH, readDescription } from './openapi';

const repositoryRoot = resolve(__dirname, '../..');

describe('the Jira contract', () => {
  it('lives inside the repository', () => {
    expect(relative(repositoryRoot, OPENAPI_PATH).startsWith('..')).toBe(false);
    const description = readDescription();
    expect(Object.keys(description.paths)).toContain('/rest/api/3/search/jql');
  });

  it('is refused with the file named when it is missing', () => {
    const missing = join(tmpdir(), 'no-such-dir', 'jira.json.gz');
    expect(() => readDescription(missing)).toThrow(JiraContractUnavailable);
    expect(() => readDescription(missing)).toThrow(new RegExp(`${missing.replace(/[.]/g, '\\.')}.*ENOENT`));
  });

  it.each([
    ['not JSON', Buffer.from('{"paths": ')],
    ['not a description', gzipSync(Buffer.from('{"openapi": "3.0.1"}'))],
  ])('is refused with the file named when it is %s', (_what, bytes) => {
    const file = join(mkdtempSync(join(tmpdir(), 'contract-')), 'jira.json.gz');
    writeFileSync(file, bytes);
    expect(() => readDescription(file)).toThrow(`The Jira contract ${file} cannot be read`);
  });
});
