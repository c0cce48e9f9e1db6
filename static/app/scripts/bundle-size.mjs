#!/usr/bin/env node
/**
 * Prints the size of every built asset of static/app/dist, raw and gzipped, and the gzip total:
 * the number the 150 KB budget applies to (everything the resource ships, lazy chunks included).
 * Run after `node scripts/build.js static`. Exits 1 when over budget or when nothing is built.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const COUNTED = /\.(js|mjs|css|html|svg|json)$/;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let all;
try {
  all = files(dist).filter((path) => COUNTED.test(path));
} catch {
  console.error(`No build in ${dist}: run \`node scripts/build.js static\` first.`);
  process.exit(1);
}
if (all.length === 0) {
  console.error(`No assets in ${dist}.`);
  process.exit(1);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = all
  .map((path) => {
    const content = readFileSync(path);
    return { file: relative(dist, path), raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  })
  .sort((a, b) => b.gzip - a.gzip);

const width = Math.max(...rows.map((row) => row.file.length), 5);
console.log(`${'asset'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}`);
for (const row of rows)
  console.log(`${row.file.padEnd(width)}  ${kb(row.raw).padStart(9)}  ${kb(row.gzip).padStart(9)}`);
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
const raw = rows.reduce((sum, row) => sum + row.raw, 0);
console.log(`${'total'.padEnd(width)}  ${kb(raw).padStart(9)}  ${kb(total).padStart(9)}`);
console.log(
  `budget ${kb(BUDGET_BYTES)} gzip: ${total <= BUDGET_BYTES ? 'within' : 'OVER'} (${((100 * total) / BUDGET_BYTES).toFixed(0)}%)`,
);
process.exit(total <= BUDGET_BYTES ? 0 : 1);
