#!/usr/bin/env node
/**
 * Builds what the sandbox and the manifest need: the app's handlers bundled for the sandbox's Forge
 * runtime with esbuild (`.build/app/index.js`, the @forge packages left external so the sandbox's
 * globals reach the real SDK) and the Custom UI (`static/app/dist`). This is not how Forge bundles:
 * `forge deploy` uses webpack and ts-loader (scripts/forge-bundle.js reproduces that in `npm test`).
 * `node scripts/build.js app|static` builds one of them.
 */
const { buildSync } = require('esbuild');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const only = process.argv[2];

function buildApp() {
  buildSync({
    entryPoints: [path.join(root, 'src', 'index.ts')],
    outfile: path.join(root, '.build', 'app', 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    sourcemap: true,
    external: ['@forge/*'],
    logLevel: 'warning',
  });
}

function buildStatic() {
  const viteConfig = path.join(root, 'static', 'app', 'vite.config.mts');
  if (!fs.existsSync(viteConfig)) return;
  const result = spawnSync('npx', ['vite', 'build', '--config', viteConfig, '--logLevel', 'warn'], {
    cwd: path.join(root, 'static', 'app'),
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status || 1);
}

if (!only || only === 'app') buildApp();
if (!only || only === 'static') buildStatic();
