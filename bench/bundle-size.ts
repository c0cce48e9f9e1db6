/** The panel bundle's size as both benchmarks measure it: every file of the built Custom UI, gzip -9. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** Every file of the built Custom UI (e.g. static/app/dist), each gzipped at level 9, summed. */
export function bundleGzipBytes(dist: string): number {
  return filesUnder(dist).reduce((sum, path) => sum + gzipSize(path), 0);
}
