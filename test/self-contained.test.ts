/**
 * A clone of the repository alone starts, tests and benchmarks: no code, script, test or benchmark
 * reads a file outside the repository (README, "Quick start"). Every path a file builds from its own
 * location with `..` segments, and every absolute path, must stay inside the repository root.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const SCANNED = ['src', 'sandbox', 'scripts', 'test', 'bench', 'static/app/src', 'static/app/scripts', '.ci'];
const SKIPPED = new Set(['node_modules', 'dist', '.build']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|tsx|js|mjs|cjs|json)$/.test(name) || dir.endsWith('.ci') ? [path] : [];
  });
}

/** String literals that look like file paths leaving their folder, or absolute paths to this machine. */
function pathLiterals(text: string): string[] {
  const literals = [...text.matchAll(/(['"`])((?:\.\.\/)+[^'"`\s]*|\/work\/[^'"`\s]*)\1/g)].map(
    (match) => match[2] as string,
  );
  const shellPaths = [...text.matchAll(/(?:^|[\s=])((?:\.\.\/)+[\w./-]+)/gm)].map(
    (match) => match[1] as string,
  );
  return [...literals, ...shellPaths];
}

/** Where a literal points: relative to the file's folder, or to `__dirname`-free module specifiers. */
function outsideRepository(file: string, literal: string): boolean {
  const target = isAbsolute(literal) ? literal : resolve(dirname(file), literal);
  return relative(ROOT, target).startsWith('..');
}

describe('the repository is self-contained', () => {
  const files = SCANNED.flatMap((dir) => {
    const path = join(ROOT, dir);
    try {
      return statSync(path).isDirectory() ? filesUnder(path) : [];
    } catch {
      return [];
    }
  });

  it('scans the code, scripts, tests and benchmarks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(join(ROOT, 'sandbox', 'jira', 'openapi.ts'));
  });

  it('reads nothing from outside the repository', () => {
    const offenders = files.flatMap((file) =>
      pathLiterals(readFileSync(file, 'utf8'))
        .filter((literal) => outsideRepository(file, literal))
        .map((literal) => `${relative(ROOT, file)}: ${literal}`),
    );
    expect(offenders).toEqual([]);
  });

  it('would catch a file reaching beside the repository', () => {
    const file = join(ROOT, 'sandbox', 'jira', 'openapi.ts');
    // Spelled in pieces, so this file does not hold the very literal it looks for.
    const beside = ['..', '..', '..', 'shared', 'jira', 'jira-platform-openapi.json'].join('/');
    const [literal] = pathLiterals(`resolve(__dirname, '${beside}')`);
    expect(literal).toBe(beside);
    expect(outsideRepository(file, literal as string)).toBe(true);
    expect(outsideRepository(file, '../forge/runtime')).toBe(false);
  });
});
