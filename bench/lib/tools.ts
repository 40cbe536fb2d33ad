// External tools the benchmarks use when present: ripgrep (row 4) and hyperfine (to time it).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILD_DIR } from './paths';
import { summarize, type Summary } from './stats';

/** The tool's path on PATH, or undefined. */
export function which(tool: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const full = path.join(dir, tool);
    try {
      fs.accessSync(full, fs.constants.X_OK);
      if (fs.statSync(full).isFile()) return full;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function toolVersion(tool: string): string {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  return (r.stdout ?? '').split('\n')[0]?.trim() ?? '';
}

export interface CommandTiming {
  /** Milliseconds per run, each a whole process: spawn, the work, exit. */
  ms: Summary;
  timer: 'hyperfine' | 'node spawnSync';
}

/** Times `argv` as a whole process: with hyperfine (no shell) when present, else repeated spawnSync. */
export function timeCommand(argv: string[], runs: number, warmup: number): CommandTiming {
  const hyperfine = which('hyperfine');
  if (hyperfine) {
    const quote = (a: string) => `'${a.replace(/'/g, `'"'"'`)}'`;
    const json = path.join(BUILD_DIR, 'hyperfine.json');
    const r = spawnSync(
      hyperfine,
      ['-N', '--style', 'none', '--warmup', String(warmup), '--runs', String(runs), '--export-json', json, argv.map(quote).join(' ')],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`hyperfine failed: ${(r.stderr ?? '').trim().slice(0, 300)}`);
    const parsed = JSON.parse(fs.readFileSync(json, 'utf8')) as { results: Array<{ times: number[] }> };
    const times = parsed.results[0]?.times ?? [];
    return { ms: summarize(times.map((s) => s * 1000)), timer: 'hyperfine' };
  }
  const [cmd, ...args] = argv as [string, ...string[]];
  const times: number[] = [];
  for (let i = -warmup; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} exited with ${r.status}`);
    if (i >= 0) times.push(ms);
  }
  return { ms: summarize(times), timer: 'node spawnSync' };
}
