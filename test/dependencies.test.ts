/**
 * What ships in the Forge bundle (docs/security.md, "Production dependencies"): the app's code imports
 * only its production dependencies and Node's built-ins, uses each production dependency, and never
 * reaches into the sandbox, the tests or the Custom UI.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const SRC = join(ROOT, 'src');
const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !path.includes('test-support')
      ? [path]
      : [];
  });
}

/** Every module specifier a file imports or re-exports (type-only imports vanish from the bundle). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm)].map(
    (match) => match[1] as string,
  );
}

const packageOf = (specifier: string) =>
  specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : (specifier.split('/')[0] as string);
const isBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] as string);

const files = sourceFiles(SRC);
const imports = files.flatMap((file) => importsOf(file).map((specifier) => ({ file, specifier })));

test('the app imports only its production dependencies and Node built-ins', () => {
  const outside = imports
    .filter(({ specifier }) => !specifier.startsWith('.') && !isBuiltin(specifier))
    .filter(({ specifier }) => !(packageOf(specifier) in dependencies))
    .map(({ file, specifier }) => `${relative(ROOT, file)}: ${specifier}`);
  expect(outside).toEqual([]);
});

test('every production dependency is used by the app', () => {
  const used = new Set(imports.map(({ specifier }) => packageOf(specifier)));
  expect(Object.keys(dependencies).filter((name) => !used.has(name))).toEqual([]);
});

test('the app never reaches into the sandbox, the tests, the benchmarks or the Custom UI', () => {
  const escaping = imports
    .filter(({ specifier }) => specifier.startsWith('.'))
    .map(({ file, specifier }) => ({ file, target: resolve(file, '..', specifier) }))
    .filter(({ target }) => !target.startsWith(SRC))
    .map(({ file, target }) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`);
  expect(escaping).toEqual([]);
});
