#!/usr/bin/env node
/**
 * Bundles the app's handlers the way `forge deploy` does, so that a type error or an import Forge
 * cannot bundle fails `npm test` instead of the deploy.
 *
 * The configuration is `@forge/bundler` 7.1.0's (the version the Forge CLI 13.3.0 ships), read from
 * its `out/config/common.js` (`getCommonWebpackConfig`) and `out/runtime.js` (`NodeBundler.getConfigs`):
 * webpack in production mode without minimising, CommonJS output, `target: 'node18'`, `[name].cjs`,
 * the three IgnorePlugins, and ts-loader with the app's own `tsconfig.json`, `onlyCompileBundledFiles`
 * and the compiler options Forge forces (`jsx: react`, `jsxFactory: ForgeUI.createElement`,
 * `sourceMap`). ts-loader type-checks every bundled file: a type error fails the bundle, as it fails
 * `forge deploy`. One entry per handler module named in manifest.yml (`index.x` → `src/index`).
 *
 * Not reproduced: `@forge/bundler` itself is not a dependency, because its `@forge/cli-shared`
 * needs the native `keytar` (libsecret) to install; and its babel-loader rule, which applies only to
 * `.js`/`.jsx` files of the app outside node_modules: src has none, and this check refuses to pass
 * if one appears. The runtime wrapper Forge adds next to the bundle comes from Atlassian's CDN at
 * deploy time and is not part of the app's code.
 *
 * `node scripts/forge-bundle.js` bundles this app into a temporary folder and prints the sizes.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const FORGE_BUNDLER_VERSION = '7.1.0';

/** Handler modules of manifest.yml (`index.uiResolver` → `index`), as `getEntryPoints` lists them. */
function handlerModules(appDir) {
  const yaml = require('js-yaml');
  const manifest = yaml.load(fs.readFileSync(path.join(appDir, 'manifest.yml'), 'utf8'));
  const functions = (manifest.modules && manifest.modules.function) || [];
  return [...new Set(functions.map((fn) => String(fn.handler).split('.')[0]))];
}

function javaScriptSources(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return javaScriptSources(full);
    return /\.jsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The webpack configuration of `@forge/bundler` 7.1.0's NodeBundler for these entry points. */
function forgeWebpackConfig({ appDir, entryPoints, outDir }) {
  const webpack = require('webpack');
  const tsconfig = path.join(appDir, 'tsconfig.json');
  return {
    entry: Object.fromEntries(entryPoints.map(({ name, file }) => [name, path.resolve(file)])),
    mode: 'production',
    optimization: { minimize: false },
    devtool: 'source-map',
    output: { libraryTarget: 'commonjs', globalObject: 'this', filename: '[name].cjs', path: outDir },
    node: { __dirname: true },
    performance: false,
    resolve: { extensions: ['.ts', '.tsx', '.js', '.jsx', '.json'] },
    resolveLoader: { modules: require.resolve.paths('ts-loader') || undefined },
    plugins: [
      new webpack.IgnorePlugin({ resourceRegExp: /^encoding$/, contextRegExp: /node-fetch/ }),
      new webpack.IgnorePlugin({
        resourceRegExp: /^(bufferutil|utf-8-validate)$/,
        contextRegExp: /ws\/lib$/,
      }),
      new webpack.IgnorePlugin({ resourceRegExp: /^dtrace-provider$/, contextRegExp: /bunyan$/ }),
    ],
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: [
            {
              loader: 'ts-loader',
              options: {
                compilerOptions: { jsx: 'react', jsxFactory: 'ForgeUI.createElement', sourceMap: true },
                configFile: fs.existsSync(tsconfig) ? tsconfig : undefined,
                context: appDir,
                onlyCompileBundledFiles: true,
              },
            },
          ],
        },
        // NodeBundler.getConfigs adds this rule for ESM packages.
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
      ],
    },
    target: 'node18',
    name: 'node-runtime',
  };
}

/**
 * Bundles the handler modules of `appDir` like `forge deploy`. Resolves to the output files and
 * their sizes; rejects with every webpack and TypeScript error, one per line.
 */
async function bundleLikeForge({ appDir, entryPoints, outDir } = {}) {
  const root = path.resolve(appDir || path.join(__dirname, '..'));
  const javaScript = javaScriptSources(path.join(root, 'src'));
  if (javaScript.length > 0) {
    throw new Error(
      `src holds JavaScript files, which Forge compiles with babel-loader (not reproduced here): ${javaScript.join(', ')}`,
    );
  }
  const entries =
    entryPoints || handlerModules(root).map((name) => ({ name, file: path.join(root, 'src', name) }));
  const out = outDir || fs.mkdtempSync(path.join(os.tmpdir(), 'forge-bundle-'));
  const webpack = require('webpack');
  const compiler = webpack(forgeWebpackConfig({ appDir: root, entryPoints: entries, outDir: out }));
  const stats = await new Promise((resolve, reject) =>
    compiler.run((error, result) => {
      compiler.close(() => undefined);
      if (error) reject(error);
      else resolve(result);
    }),
  );
  const info = stats.toJson({ all: false, errors: true, warnings: true, assets: true });
  if (stats.hasErrors()) {
    const messages = info.errors.map((error) => error.message.trim());
    throw new Error(`Forge could not bundle the app:\n${messages.join('\n')}`);
  }
  const files = (info.assets || [])
    .filter((asset) => asset.name.endsWith('.cjs'))
    .map((asset) => ({ name: asset.name, bytes: asset.size }));
  return { outDir: out, files, warnings: (info.warnings || []).map((warning) => warning.message) };
}

module.exports = { bundleLikeForge, forgeWebpackConfig, FORGE_BUNDLER_VERSION };

if (require.main === module) {
  const started = Date.now();
  bundleLikeForge()
    .then(({ outDir, files }) => {
      for (const file of files)
        process.stdout.write(`${file.name}: ${(file.bytes / 1024).toFixed(0)} KiB (${outDir})\n`);
      process.stdout.write(
        `Bundled like forge deploy (@forge/bundler ${FORGE_BUNDLER_VERSION} settings) in ${Date.now() - started} ms\n`,
      );
      fs.rmSync(outDir, { recursive: true, force: true });
    })
    .catch((error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
