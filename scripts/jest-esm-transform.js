/**
 * Jest runs CommonJS; a few dependencies (openapi-backend's ref parser) ship only ES modules, which
 * Node's require() loads but Jest's module registry does not. esbuild turns those files into CommonJS.
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      logLevel: 'silent',
    });
    return { code, map };
  },
};
