import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

// Walks the paths `vod-lookup scan` is given: skips .git, node_modules, what .gitignore ignores,
// the user's --ignore globs and binary files.

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);
const BINARY_SNIFF_BYTES = 8000;
/** Larger files are skipped with a warning rather than read into memory. */
export const MAX_SCAN_FILE_BYTES = 64 * 1024 * 1024;

export interface TextFile {
  /** As the user should see it: relative to the working directory when inside it. */
  display: string;
  text: string;
}

export interface WalkOptions {
  ignoreGlobs: string[];
  cwd: string;
  warn: (message: string) => void;
}

interface Rules {
  base: string;
  rules: Ignore;
}

function isIgnored(stack: readonly Rules[], absolute: string, isDir: boolean): boolean {
  for (const { base, rules } of stack) {
    const rel = path.relative(base, absolute).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

async function readGitignore(dir: string): Promise<Rules | undefined> {
  try {
    const text = await fs.readFile(path.join(dir, '.gitignore'), 'utf8');
    return { base: dir, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

export function looksBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

/** Yields the text files under the given paths, in a stable (sorted) order. */
export async function* walkTextFiles(paths: readonly string[], options: WalkOptions): AsyncGenerator<TextFile> {
  const user: Rules = { base: options.cwd, rules: ignore().add(options.ignoreGlobs) };
  const display = (abs: string) => {
    const rel = path.relative(options.cwd, abs);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
  };

  async function* visit(abs: string, stack: Rules[], explicit: boolean): AsyncGenerator<TextFile> {
    const stat = await fs.stat(abs);
    if (stat.isDirectory()) {
      if (!explicit && (ALWAYS_SKIPPED.has(path.basename(abs)) || isIgnored(stack, abs, true))) return;
      const own = await readGitignore(abs);
      const next = own ? [...stack, own] : stack;
      const entries = (await fs.readdir(abs, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (entry.isSymbolicLink()) continue;
        if (!entry.isDirectory() && !entry.isFile()) continue;
        yield* visit(path.join(abs, entry.name), next, false);
      }
      return;
    }
    if (!stat.isFile()) return;
    if (!explicit && isIgnored(stack, abs, false)) return;
    if (stat.size > MAX_SCAN_FILE_BYTES) {
      options.warn(`skipped ${display(abs)}: larger than ${MAX_SCAN_FILE_BYTES / 1024 / 1024} MB`);
      return;
    }
    const buffer = await fs.readFile(abs);
    if (looksBinary(buffer)) return;
    yield { display: display(abs), text: buffer.toString('utf8') };
  }

  for (const p of paths) {
    const abs = path.resolve(options.cwd, p);
    const root = (await readGitignoreChain(abs)) ?? [];
    yield* visit(abs, [user, ...root], true);
  }
}

/** The .gitignore files of the folders above a path, up to the repository root (the folder with .git). */
async function readGitignoreChain(abs: string): Promise<Rules[] | undefined> {
  const chain: Rules[] = [];
  let dir = path.dirname(abs);
  for (;;) {
    const rules = await readGitignore(dir);
    if (rules) chain.unshift(rules);
    const isRoot = await fs
      .stat(path.join(dir, '.git'))
      .then(() => true)
      .catch(() => false);
    const parent = path.dirname(dir);
    if (isRoot || parent === dir) break;
    dir = parent;
  }
  return chain;
}
