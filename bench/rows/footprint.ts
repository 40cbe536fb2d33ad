// Row 6: what a user downloads and waits for: the production bundle, the VSIX, and the time activate()
// takes inside VS Code (code-server 1.139.1 in headless Chromium, as the integration tests run it).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildScript } from '../lib/build';
import type { BenchContext } from '../lib/context';
import { REPO_ROOT } from '../lib/paths';
import { type Goal, type RowResult, goal, progress } from '../lib/report';
import { num, range, summarize } from '../lib/stats';
import { which } from '../lib/tools';

const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const BUNDLE = path.join(REPO_ROOT, 'dist', 'extension.js');
const VSIX = path.join(REPO_ROOT, 'dist', `vod-lookup-${VERSION}.vsix`);

/** Runs a build step; its output is kept for the reason of a failure. */
function step(command: string, args: string[]): { ok: boolean; output: string; seconds: number } {
  const t = Date.now();
  const r = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}`;
  return { ok: r.status === 0, output, seconds: (Date.now() - t) / 1000 };
}

/** The file, if it was (re)written since `since` (ms); otherwise why not. */
function fresh(file: string, since: number): { bytes?: number; why?: string } {
  if (!fs.existsSync(file)) return { why: `${path.relative(REPO_ROOT, file)} was not produced` };
  const stat = fs.statSync(file);
  if (stat.mtimeMs + 1000 < since) return { why: `${path.relative(REPO_ROOT, file)} is stale (not rewritten by the build)` };
  return { bytes: stat.size };
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').filter((l) => l.trim() && !l.includes('Unknown user config')).slice(-n).join(' | ');
}

/** The VSIX's entries by size, largest first (zipinfo), for the notes. */
function vsixContents(file: string): Array<{ name: string; bytes: number }> {
  if (!which('zipinfo')) return [];
  const r = spawnSync('zipinfo', ['-l', file], { encoding: 'utf8' });
  const entries: Array<{ name: string; bytes: number }> = [];
  for (const line of (r.stdout ?? '').split('\n')) {
    // -rw-r--r--  2.0 unx   123456 b-      45678 defN 26-Nov-25 01:47 extension/dist/extension.js
    const m = /^\S+\s+\S+\s+\S+\s+(\d+)\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+(.+)$/.exec(line);
    if (m) entries.push({ name: m[3] as string, bytes: Number(m[2]) });
  }
  return entries.sort((a, b) => b.bytes - a.bytes);
}

interface Activation {
  /** From the "activate() took X ms" log line, as runTestsInCodeServer parses it. */
  ms?: number[];
  /** What activate() returned in its API (the same span, timed by the extension). */
  reported?: number[];
  /** From the test entry's call to activate() until it resolved (includes loading dist/extension.js when not yet active). */
  awaited?: number[];
  alreadyActive?: boolean[];
  wallS?: number[];
  skipped?: string;
}

interface EntryReport {
  activationMs?: number;
  awaitedMs?: number;
  wasActive?: boolean;
}

async function activation(ctx: BenchContext): Promise<Activation> {
  if (!ctx.vscode) return { skipped: 'skipped with --no-vscode' };
  const runner = await import('../../test/runner/codeServer');
  const marker = path.join(runner.cacheDir(), `code-server-${runner.CODE_SERVER_VERSION}`, '.installed.json');
  if (!fs.existsSync(marker)) {
    return { skipped: `code-server ${runner.CODE_SERVER_VERSION} is not installed (${marker} missing); run npm run test:integration once (it installs it, ~90 s), then npm run bench` };
  }
  if (!fs.existsSync(runner.CHROMIUM_PATH)) return { skipped: `Chromium is missing at ${runner.CHROMIUM_PATH} (apt-get install chromium)` };
  const entry = await buildScript('vscode/activateEntry.ts', 'activate-entry.js', { bundle: true, external: ['vscode'] });
  const runs = ctx.quick ? 1 : 3;
  const result: Required<Omit<Activation, 'skipped'>> = { ms: [], reported: [], awaited: [], alreadyActive: [], wallS: [] };
  for (let i = 0; i < runs; i++) {
    progress(`footprint: activate() inside VS Code, run ${i + 1}/${runs} (code-server + headless Chromium)`);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-bench-home-'));
    const out = path.join(home, 'activation.json');
    try {
      const r = await runner.runTestsInCodeServer({
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: entry.file,
        workspace: path.join(REPO_ROOT, 'test', 'integration', 'workspace'),
        trustWorkspace: true,
        env: { HOME: home, VOD_TEST_ISOLATED_HOME: home, ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '', ALIBABA_CLOUD_PROFILE: '', BENCH_ACTIVATION_FILE: out },
        label: 'bench activation',
        timeoutMs: 180_000,
        out: process.stderr,
        printSummaryLine: false,
      });
      if (r.exitCode !== 0) return { ...result, skipped: `the VS Code run failed with exit code ${r.exitCode} (logs kept in ${r.runDir})` };
      if (r.activationMs === undefined) return { ...result, skipped: 'no "activate() took X ms" line in the extension log' };
      result.ms.push(r.activationMs);
      result.wallS.push(r.wallMs / 1000);
      if (fs.existsSync(out)) {
        const entry = JSON.parse(fs.readFileSync(out, 'utf8')) as EntryReport;
        if (entry.activationMs !== undefined) result.reported.push(entry.activationMs);
        if (entry.awaitedMs !== undefined) result.awaited.push(entry.awaitedMs);
        if (entry.wasActive !== undefined) result.alreadyActive.push(entry.wasActive);
      }
    } catch (e) {
      return { ...result, skipped: `could not run VS Code: ${e instanceof Error ? e.message : String(e)}` };
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  }
  return result;
}

export async function footprint(ctx: BenchContext): Promise<RowResult> {
  const notes: string[] = [];
  const goals: Goal[] = [];
  const rows: string[][] = [];

  progress('footprint: node esbuild.js --production');
  const t0 = Date.now();
  const build = step(process.execPath, ['esbuild.js', '--production']);
  const bundle = build.ok ? fresh(BUNDLE, t0) : { why: `node esbuild.js --production failed: ${lastLines(build.output, 3)}` };
  rows.push(['dist/extension.js (production bundle)', bundle.bytes !== undefined ? `${num(bundle.bytes / 1024)} KB` : 'skipped', bundle.bytes !== undefined ? `${bundle.bytes.toLocaleString('en-US')} bytes` : (bundle.why ?? '')]);
  goals.push(goal('dist/extension.js size', bundle.bytes !== undefined ? bundle.bytes / 1024 : undefined, '<=', 150, 'KB', bundle.why));

  progress('footprint: npm run -s package (vsce)');
  const t1 = Date.now();
  const pack = step('npm', ['run', '-s', 'package']);
  const vsix = pack.ok ? fresh(VSIX, t1) : { why: `VSIX packaging failed (npm run -s package): ${lastLines(pack.output, 3)}` };
  rows.push([`dist/vod-lookup-${VERSION}.vsix`, vsix.bytes !== undefined ? `${num(vsix.bytes / 1024)} KB` : 'skipped', vsix.bytes !== undefined ? `${vsix.bytes.toLocaleString('en-US')} bytes` : (vsix.why ?? '')]);
  goals.push(goal('VSIX size', vsix.bytes !== undefined ? vsix.bytes / 1024 : undefined, '<=', 300, 'KB', vsix.why));
  const contents = vsix.bytes !== undefined ? vsixContents(VSIX) : [];
  if (contents.length) {
    notes.push(`VSIX entries (compressed): ${contents.slice(0, 6).map((e) => `${e.name.replace(/^extension\//, '')} ${num(e.bytes / 1024)} KB`).join(', ')}${contents.length > 6 ? `, +${contents.length - 6} more` : ''}.`);
  }

  const act = await activation(ctx);
  const ms = act.ms ?? [];
  const s = ms.length ? summarize(ms) : undefined;
  rows.push([
    'activate() inside VS Code 1.139.1 (ms)',
    s ? num(s.median) : 'skipped',
    s ? `${ms.length} run(s): ${ms.map((m) => num(m)).join(', ')}${ms.length > 1 ? ` (range ${range(s.min, s.max)})` : ''}` : (act.skipped ?? ''),
  ]);
  if (act.skipped && s) notes.push(`activation: ${act.skipped}`);
  if (act.reported?.length) notes.push(`activate() timed itself (its own performance.now() span, returned in its API): ${act.reported.map((m) => num(m)).join(', ')} ms; the figure above is the same span, read from its log line (2 decimals).`);
  if (act.awaited?.length) {
    const cold = act.alreadyActive?.every((a) => !a) ?? false;
    notes.push(`from the test entry's activate() call to its answer: ${act.awaited.map((m) => num(m)).join(', ')} ms${cold ? ' (the extension was not active yet: this includes VS Code loading dist/extension.js)' : ''}; not a goal.`);
  }
  if (act.wallS?.length) notes.push(`each VS Code run (code-server start, Chromium, workbench, activation, shutdown) took ${act.wallS.map((w) => w.toFixed(1)).join(', ')} s; the time before activate() is VS Code's, not counted.`);
  goals.push(goal('activate() inside VS Code (median)', s?.median, '<=', 10, 'ms', act.skipped));

  return {
    id: 'footprint',
    title: 'Footprint: bundle, VSIX, activation',
    method: 'builds dist/ first (node esbuild.js --production, then npm run -s package), checks both files were rewritten; activation = the extension\'s own "activate() took X ms" log line, from a test entry that activates vod-tools.vod-lookup in code-server (test/integration/workspace).',
    tables: [{ columns: ['what', 'size / time', 'detail'], numeric: [false, true, false], rows }],
    notes,
    goals,
    figures: {
      bundleBytes: bundle.bytes,
      bundleSkipped: bundle.why,
      buildSeconds: build.seconds,
      vsixBytes: vsix.bytes,
      vsixSkipped: vsix.why,
      packageSeconds: pack.seconds,
      vsixContents: contents,
      activationMs: ms,
      activationReportedMs: act.reported,
      activationAwaitedMs: act.awaited,
      alreadyActive: act.alreadyActive,
      activationMedianMs: s?.median,
      activationSkipped: act.skipped,
      vscodeRunSeconds: act.wallS,
    },
  };
}
