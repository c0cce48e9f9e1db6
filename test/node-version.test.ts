/**
 * The tests run on the Node the app runs on: Forge's `nodejs22.x` runtime (manifest.yml) and the
 * Forge CLI 13 are Node 22. `npm test` (scripts/test.js) takes the `node` devDependency when the
 * machine has another Node; jest's workers inherit it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

const root = path.resolve(__dirname, '..');

it('runs on Node 22, the Node of manifest.yml and of package.json engines', () => {
  const manifest = load(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as {
    app: { runtime: { name: string } };
  };
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    engines: { node: string };
    devDependencies: Record<string, string>;
  };
  expect(manifest.app.runtime.name).toBe('nodejs22.x');
  expect(pkg.engines.node).toBe('22.x');
  expect(pkg.devDependencies['node']).toMatch(/^22\./);
  expect(process.versions.node.split('.')[0]).toBe('22');
});
