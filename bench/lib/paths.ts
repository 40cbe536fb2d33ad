import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const BENCH_DIR = path.join(REPO_ROOT, 'bench');
/** Git-ignored (bench/.gitignore): bundles, the corpus, emulator logs. */
export const BUILD_DIR = path.join(BENCH_DIR, '.build');

export function ensureBuildDir(): string {
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  return BUILD_DIR;
}
