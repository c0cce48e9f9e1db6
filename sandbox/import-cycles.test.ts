/**
 * No module of the sandbox imports itself back through others, not even for a type: a cycle means
 * two concerns that cannot be read, tested or changed apart (the control API and the server once
 * were one). The imports are read with TypeScript's own pre-processor.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The sandbox modules a file imports (relative imports that resolve inside sandbox/). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith('.')) return [];
    const target = resolve(dirname(file), fileName);
    const found = [`${target}.ts`, `${target}.tsx`, join(target, 'index.ts')].find((p) => existsSync(p));
    return found && found.startsWith(ROOT) ? [found] : [];
  });
}

/** Every cycle of a graph, each as the nodes on it (Tarjan's strongly connected components). */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

test('no import cycle in sandbox/ (type-only imports included)', () => {
  const files = sourceFiles(ROOT);
  const cycles = cyclesOf(new Map(files.map((file) => [file, importsOf(file)])));
  expect(cycles.map((cycle) => cycle.map((file) => relative(ROOT, file)))).toEqual([]);
});

test('the check finds cycles, self-imports included, and reads type-only imports', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['d']],
    ['e', ['a']],
  ]);
  expect(cyclesOf(graph)).toEqual([['a', 'b', 'c'], ['d']]);
  // control.ts needs the Sandbox type only; it takes it from sandbox.ts, not from server.ts.
  expect(importsOf(join(ROOT, 'control.ts'))).toContain(join(ROOT, 'sandbox.ts'));
});
