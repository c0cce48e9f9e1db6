import { defineConfig } from 'vite';

// Custom UI is served by Forge from a folder of static files: relative asset paths, one entry.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  oxc: { jsx: { runtime: 'automatic' } },
});
