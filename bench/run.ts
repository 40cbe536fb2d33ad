// `npm run bench`: the benchmark suite. Every figure is measured in this one run, side by side, on
// loopback against the VOD emulator (in processes of its own); a table goes to stdout, progress to
// stderr, and every figure with the goals and the machine to bench/results.json. See bench/README.md.
//
//   npm run bench [-- --quick] [-- --only cold,warm,signing,ids,lookup,footprint (or 1-6)] [-- --no-vscode]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchContext } from './lib/context';
import { type EmulatorProcess, spawnEmulator } from './lib/emulator';
import { BENCH_DIR, REPO_ROOT } from './lib/paths';
import { ROW_IDS, type RowId, type RowResult, progress, renderGoal, renderRow } from './lib/report';
import { coldStart } from './rows/coldStart';
import { footprint } from './rows/footprint';
import { idDetection } from './rows/idDetection';
import { lookupService } from './rows/lookupService';
import { signing } from './rows/signing';
import { warmCalls } from './rows/warmCalls';

const ROWS: Record<RowId, { title: string; run: (ctx: BenchContext) => Promise<RowResult> }> = {
  cold: { title: 'Cold start', run: coldStart },
  warm: { title: 'Warm calls', run: warmCalls },
  signing: { title: 'Signing alone', run: signing },
  ids: { title: 'Id detection', run: idDetection },
  lookup: { title: 'Lookup service', run: lookupService },
  footprint: { title: 'Footprint', run: footprint },
};

const USAGE = `usage: npm run bench [-- [--quick] [--only <row,...>] [--no-vscode]]
  --quick       fewer repetitions: a smoke test, rough figures
  --only        rows by name or number: ${ROW_IDS.map((id, i) => `${i + 1}=${id}`).join(' ')}
  --no-vscode   skip the activation runs inside VS Code (row 6 still measures the bundle and the VSIX)
`;

function parse(): { quick: boolean; only: RowId[]; vscode: boolean } {
  let values: { quick?: boolean; only?: string; 'no-vscode'?: boolean; help?: boolean };
  try {
    values = parseArgs({
      options: { quick: { type: 'boolean' }, only: { type: 'string' }, 'no-vscode': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  let only = [...ROW_IDS];
  if (values.only !== undefined) {
    only = [];
    for (const word of values.only.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean)) {
      const byNumber = /^\d+$/.test(word) ? ROW_IDS[Number(word) - 1] : undefined;
      const id = byNumber ?? ROW_IDS.find((r) => r === word);
      if (!id) {
        process.stderr.write(`unknown row "${word}"\n${USAGE}`);
        process.exit(2);
      }
      if (!only.includes(id)) only.push(id);
    }
    only.sort((a, b) => ROW_IDS.indexOf(a) - ROW_IDS.indexOf(b));
  }
  return { quick: values.quick === true, only, vscode: values['no-vscode'] !== true };
}

function gitCommit(): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return undefined;
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim(),
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    commit: gitCommit(),
  };
}

async function main(): Promise<number> {
  const options = parse();
  const started = Date.now();
  const info = machine();
  const emulators: Array<Promise<EmulatorProcess>> = [];
  let signed: Promise<EmulatorProcess> | undefined;
  let floor: Promise<EmulatorProcess> | undefined;
  const ctx: BenchContext = {
    quick: options.quick,
    vscode: options.vscode,
    signedEmulator: () => {
      if (!signed) {
        signed = spawnEmulator({ verify: true, label: 'verify' });
        emulators.push(signed);
        void signed.then((e) => progress(`emulator (verifying signatures) pid ${e.pid} at ${e.url}`), () => undefined);
      }
      return signed;
    },
    floorEmulator: () => {
      if (!floor) {
        floor = spawnEmulator({ verify: false, label: 'no-verify' });
        emulators.push(floor);
        void floor.then((e) => progress(`emulator (--no-verify, the floor) pid ${e.pid} at ${e.url}`), () => undefined);
      }
      return floor;
    },
  };

  progress(`${options.quick ? 'quick' : 'full'} run of rows ${options.only.join(', ')} on node ${info.node}, ${info.cpus} cpus (${info.cpuModel}), load ${info.loadAverageAtStart.join(' ')}`);
  const results: RowResult[] = [];
  try {
    for (const id of options.only) {
      const t = Date.now();
      progress(`--- ${ROW_IDS.indexOf(id) + 1}. ${ROWS[id].title}`);
      let result: RowResult;
      try {
        result = await ROWS[id].run(ctx);
      } catch (e) {
        const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
        progress(`${ROWS[id].title} failed: ${message}`);
        result = { id, title: ROWS[id].title, method: '', tables: [], notes: [], goals: [], figures: {}, error: message.split('\n')[0] };
      }
      result.seconds = (Date.now() - t) / 1000;
      results.push(result);
    }
  } finally {
    await Promise.all(emulators.map((p) => p.then((e) => e.stop(), () => undefined)));
  }
  const seconds = (Date.now() - started) / 1000;
  const loadAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
  // The one-minute load average, at the start and the end.
  const busy = Math.max(info.loadAverageAtStart[0] ?? 0, loadAtEnd[0] ?? 0) > info.cpus;

  const out: string[] = [];
  out.push(
    `vod-lookup benchmarks (${options.quick ? 'QUICK: rough figures' : 'full run'}): node ${info.node}, ${info.cpus} × ${info.cpuModel}, ${info.memoryGiB} GiB, load ${info.loadAverageAtStart.join(' ')} at start`,
    `${info.date}${info.commit ? `, commit ${info.commit}` : ''}; loopback against the VOD emulator; load ${loadAtEnd.join(' ')} at the end`,
    ...(busy ? [`WARNING: the one-minute load average exceeded the ${info.cpus} cpus: other work shared this machine, so the spreads are wide and ratios less steady.`] : []),
    '',
  );
  for (const r of results) out.push(renderRow(ROW_IDS.indexOf(r.id) + 1, r), '');
  const goals = results.flatMap((r) => r.goals.map((g) => ({ row: r.id, ...g })));
  const met = goals.filter((g) => g.met === true).length;
  const missed = goals.filter((g) => g.met === false).length;
  const skipped = goals.filter((g) => g.met === undefined).length;
  out.push(`Goals: ${met} met, ${missed} missed, ${skipped} skipped`);
  for (const g of goals) out.push(renderGoal(g).replace(/^ {2}goal /, `  [${g.row}] `));
  out.push('', `Total ${seconds.toFixed(1)} s. Figures: bench/results.json`);
  process.stdout.write(`${out.join('\n')}\n`);

  const file = path.join(BENCH_DIR, 'results.json');
  const json = {
    goalsSummary: { met, missed, skipped },
    goals,
    machine: { ...info, loadAverageAtEnd: loadAtEnd, busy },
    options,
    totalSeconds: seconds,
    rows: Object.fromEntries(results.map((r) => [r.id, { title: r.title, method: r.method, seconds: r.seconds, error: r.error, notes: r.notes, figures: r.figures }])),
  };
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  progress(`wrote ${path.relative(REPO_ROOT, file)} in ${seconds.toFixed(1)} s`);
  return results.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
