/**
 * Bundles the app's handlers for the sandbox with esbuild: one CommonJS file per handler module
 * (`index.uiResolver` → `src/index.ts` → `<outDir>/index.js`), for Node, with source maps. The
 * `@forge/*` packages stay external so the real SDK from node_modules runs, and reads the globals
 * the sandbox installs (see globals.ts). This is the sandbox's own bundle, not the way Forge
 * bundles: `forge deploy` uses webpack and ts-loader (`@forge/bundler`), which
 * scripts/forge-bundle.js reproduces in `npm test`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { type ForgeManifest, splitHandler } from './manifest';

export interface BundleOptions {
  /** The app's root (holds manifest.yml and src/). */
  appDir: string;
  manifest: ForgeManifest;
  /** Where the bundle goes; default `<appDir>/.build/app`. */
  outDir?: string;
  /** Source folder of the handler modules; default `src` (Forge's convention). */
  srcDir?: string;
}

export interface BundleResult {
  outDir: string;
  /** Handler module name → absolute path of its bundled file. */
  files: Map<string, string>;
  durationMs: number;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx'];

export async function bundleApp(options: BundleOptions): Promise<BundleResult> {
  const started = performance.now();
  const appDir = resolve(options.appDir);
  const outDir = resolve(options.outDir ?? join(appDir, '.build', 'app'));
  const srcDir = join(appDir, options.srcDir ?? 'src');

  const modules = new Set<string>();
  for (const fn of options.manifest.functions.values()) modules.add(splitHandler(fn.handler).module);

  const entryPoints: Record<string, string> = {};
  for (const name of modules) {
    const source = SOURCE_EXTENSIONS.map((ext) => join(srcDir, name + ext)).find((p) => existsSync(p));
    if (!source) throw new Error(`Handler module "${name}" not found in ${srcDir}`);
    entryPoints[name] = source;
  }

  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    external: ['@forge/*'],
    logLevel: 'silent',
    absWorkingDir: appDir,
  });

  const files = new Map<string, string>();
  for (const name of modules) files.set(name, join(outDir, `${name}.js`));
  return { outDir, files, durationMs: performance.now() - started };
}
