/**
 * The bundle check of `npm test` (scripts/forge-bundle.js, @forge/bundler's webpack and ts-loader
 * settings) fails where `forge deploy` would: on a type error and on an import it cannot bundle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleLikeForge } = require('../scripts/forge-bundle') as {
  bundleLikeForge: (options: {
    appDir: string;
    entryPoints?: { name: string; file: string }[];
  }) => Promise<{ outDir: string; files: { name: string; bytes: number }[] }>;
};

function fixtureApp(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-bundle-fixture-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        moduleResolution: 'node',
        strict: true,
        types: [],
      },
      include: ['src'],
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'manifest.yml'),
    'modules:\n  function:\n    - key: main\n      handler: index.run\n',
  );
  fs.writeFileSync(path.join(dir, 'src', 'index.ts'), source);
  return dir;
}

describe('bundling like forge deploy', () => {
  it('bundles a well-typed handler into index.cjs', async () => {
    const result = await bundleLikeForge({ appDir: fixtureApp('export const run = (): number => 1;\n') });
    expect(result.files.map((file) => file.name)).toEqual(['index.cjs']);
    expect(fs.readFileSync(path.join(result.outDir, 'index.cjs'), 'utf8')).toContain('run');
  }, 120_000);

  it('fails on a type error, naming it', async () => {
    await expect(
      bundleLikeForge({ appDir: fixtureApp("export const run = (): number => 'one';\n") }),
    ).rejects.toThrow(/TS2322|not assignable to type 'number'/);
  }, 120_000);

  it('fails on an import it cannot bundle', async () => {
    await expect(
      bundleLikeForge({
        appDir: fixtureApp(
          "// @ts-expect-error the package does not exist\nimport x from 'no-such-package-anywhere';\nexport const run = () => x;\n",
        ),
      }),
    ).rejects.toThrow(/no-such-package-anywhere/);
  }, 120_000);
});
