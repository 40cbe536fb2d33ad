// Row 1: a fresh Node process loads a client and makes its first signed GetVideoInfo against the
// verifying emulator; each variant counted as what it adds to a bare `node -e 0`.
import { spawn } from 'node:child_process';
import { EXAMPLE_VIDEO_ID, EXAMPLE_VIDEO_TITLE } from '../../test/emulator/fixtures';
import type { ColdReport } from '../cold/args';
import { buildScript } from '../lib/build';
import { type BenchContext, CREDENTIALS } from '../lib/context';
import { REPO_ROOT } from '../lib/paths';
import { type RowResult, goal, progress } from '../lib/report';
import { type Summary, num, range, ratio, summarize } from '../lib/stats';

interface Variant {
  key: string;
  label: string;
  /** undefined: the bare `node -e 0`. */
  script?: string;
  scriptBytes?: number;
}

interface Run {
  wallMs: number;
  report?: ColdReport;
}

function runOnce(variant: Variant, url: string): Promise<Run> {
  const args = variant.script ? [variant.script, url, EXAMPLE_VIDEO_ID, CREDENTIALS.accessKeyId, CREDENTIALS.accessKeySecret] : ['-e', '0'];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`${variant.label} exited with ${code}: ${err.trim().split('\n').slice(0, 3).join(' | ')}`));
      if (!variant.script) return resolve({ wallMs });
      const report = JSON.parse(out.trim()) as ColdReport;
      if (report.title !== EXAMPLE_VIDEO_TITLE) return reject(new Error(`${variant.label} answered title ${JSON.stringify(report.title)}`));
      resolve({ wallMs, report });
    });
  });
}

export async function coldStart(ctx: BenchContext): Promise<RowResult> {
  const reps = ctx.quick ? 5 : 25;
  const warmup = ctx.quick ? 1 : 2;
  progress('cold start: building the scripts into bench/.build/');
  const ours = await buildScript('cold/ours.ts', 'cold-ours.js', { bundle: true });
  const minimal = await buildScript('cold/minimal.ts', 'cold-minimal.js', { bundle: true });
  const minimalFetch = await buildScript('cold/minimalNodeFetch.ts', 'cold-minimal-node-fetch.js', { bundle: true });
  const openapi = await buildScript('cold/openapiClient.ts', 'cold-openapi-client.js', { bundle: false });
  const pop = await buildScript('cold/popCore.ts', 'cold-pop-core.js', { bundle: false });
  const openapiBundle = await buildScript('cold/openapiClient.ts', 'cold-openapi-client.bundle.js', { bundle: true });
  const popBundle = await buildScript('cold/popCore.ts', 'cold-pop-core.bundle.js', { bundle: true });
  const variants: Variant[] = [
    { key: 'bare', label: 'bare node -e 0' },
    { key: 'ours', label: 'ours: VodClient V3 (bundled, minified)', script: ours.file, scriptBytes: ours.bytes },
    { key: 'minimal', label: 'minimal: node:http + our signer', script: minimal.file, scriptBytes: minimal.bytes },
    { key: 'minimalFetch', label: 'minimal on node-fetch + our signer', script: minimalFetch.file, scriptBytes: minimalFetch.bytes },
    { key: 'openapi', label: '@alicloud/openapi-client V3 (node_modules)', script: openapi.file },
    { key: 'pop', label: '@alicloud/pop-core V1 (node_modules)', script: pop.file },
    { key: 'openapiBundle', label: '@alicloud/openapi-client V3 (bundled, minified)', script: openapiBundle.file, scriptBytes: openapiBundle.bytes },
    { key: 'popBundle', label: '@alicloud/pop-core V1 (bundled, minified)', script: popBundle.file, scriptBytes: popBundle.bytes },
  ];
  const emulator = await ctx.signedEmulator();
  const runs = new Map<string, Run[]>(variants.map((v) => [v.key, []]));
  progress(`cold start: ${variants.length} variants × ${reps} runs, interleaved (+${warmup} warm-up rounds), emulator ${emulator.url}`);
  for (let round = -warmup; round < reps; round++) {
    // Rotate the order so no variant always runs right after the same one.
    const start = ((round % variants.length) + variants.length) % variants.length;
    const order = [...variants.slice(start), ...variants.slice(0, start)];
    for (const variant of order) {
      const run = await runOnce(variant, emulator.url);
      if (round >= 0) runs.get(variant.key)?.push(run);
    }
  }

  const wall = new Map<string, Summary>(variants.map((v) => [v.key, summarize((runs.get(v.key) ?? []).map((r) => r.wallMs))]));
  const bare = (wall.get('bare') as Summary).median;
  const added = (key: string): number => (wall.get(key) as Summary).median - bare;
  const ourAdded = added('ours');
  // Other work on the machine only ever adds time: the fastest runs are a steadier second opinion.
  const addedMin = (key: string): number => (wall.get(key) as Summary).min - (wall.get('bare') as Summary).min;
  const inProcess = (key: string, pick: (r: ColdReport) => number): number =>
    summarize((runs.get(key) ?? []).flatMap((r) => (r.report ? [pick(r.report)] : []))).median;

  const rows = variants.map((v) => {
    const w = wall.get(v.key) as Summary;
    const isBare = v.key === 'bare';
    return [
      v.label,
      num(w.median),
      range(w.p25, w.p75),
      isBare ? '—' : num(added(v.key)),
      isBare ? '—' : num(inProcess(v.key, (r) => r.loaded - r.started)),
      isBare ? '—' : num(inProcess(v.key, (r) => r.done - r.loaded)),
      isBare || v.key === 'ours' ? '—' : ratio(added(v.key) / ourAdded),
      v.scriptBytes !== undefined ? `${num(v.scriptBytes / 1024)} KB` : '',
    ];
  });

  const sdkKeys = [
    ['openapi', '@alicloud/openapi-client'],
    ['pop', '@alicloud/pop-core'],
  ] as const;
  const figures: Record<string, unknown> = { repetitions: reps, warmupRounds: warmup, emulator: { verify: true }, variants: {} };
  for (const v of variants) {
    const w = wall.get(v.key) as Summary;
    (figures.variants as Record<string, unknown>)[v.key] = {
      label: v.label,
      wallMs: w,
      addedMs: v.key === 'bare' ? 0 : added(v.key),
      addedMsOnFastestRuns: v.key === 'bare' ? 0 : addedMin(v.key),
      loadMs: v.key === 'bare' ? undefined : inProcess(v.key, (r) => r.loaded - r.started),
      firstCallMs: v.key === 'bare' ? undefined : inProcess(v.key, (r) => r.done - r.loaded),
      scriptStartedMs: v.key === 'bare' ? undefined : inProcess(v.key, (r) => r.started),
      scriptBytes: v.scriptBytes,
      samplesMs: (runs.get(v.key) ?? []).map((r) => Number(r.wallMs.toFixed(2))),
    };
  }

  return {
    id: 'cold',
    title: 'Cold start: fresh process, load the client, first signed GetVideoInfo',
    method: `wall time of \`node <script>\` from spawn to exit, ${reps} runs per variant interleaved, against the emulator process (verifying signatures); "added" = median − median of bare \`node -e 0\`; load and first call are measured inside the process (performance.now()).`,
    tables: [
      {
        columns: ['variant', 'wall ms', 'p25–p75', 'added ms', 'load ms', '1st call ms', 'added ÷ ours', 'script'],
        numeric: [false, true, true, true, true, true, true, true],
        rows,
      },
    ],
    notes: [
      'every script exits with process.exit(0) once the answer is printed, so idle keep-alive sockets and timers are not counted.',
      '"node_modules" = the SDK required from node_modules as an npm user gets it; "bundled" = the same script bundled and minified with esbuild, as we ship ours.',
      `the minimal variant is the floor for any client on Node's HTTP stack: ${num(added('minimal'))} ms added, so no client can be more than ${ratio(added('openapi') / added('minimal'))} / ${ratio(added('pop') / added('minimal'))} below the two SDKs here.`,
      `on the fastest run of each (less sensitive to other work on the machine): ours adds ${num(addedMin('ours'))} ms, openapi-client ${num(addedMin('openapi'))} ms (${ratio(addedMin('openapi') / addedMin('ours'))}), pop-core ${num(addedMin('pop'))} ms (${ratio(addedMin('pop') / addedMin('ours'))}), minimal ${num(addedMin('minimal'))} ms, minimal on node-fetch ${num(addedMin('minimalFetch'))} ms.`,
      `where ours' ${num(ourAdded)} ms go: ${num(added('minimal'))} ms the minimal request on node:http, ${num(added('minimalFetch') - added('minimal'))} ms more on node-fetch instead (minimal on node-fetch), ${num(ourAdded - added('minimalFetch'))} ms the rest of our client (zod schemas, errors, regions, retries).`,
    ],
    goals: sdkKeys.map(([key, name]) => goal(`ours adds at least 5× less than ${name} (node_modules)`, added(key) / ourAdded, '>=', 5, '×')),
    figures,
  };
}
