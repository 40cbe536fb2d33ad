import type { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import { walkTextFiles } from './cli/files';
import { VodClient } from './vod/client';
import { type Credentials, nodeCredentialEnvironment, resolveCredentials } from './vod/credentials';
import { VodError, isVodError } from './vod/errors';
import { formatHint, localeFrom } from './vod/hints';
import { formatBytes, formatDuration, isFailedVideo, isInProgress, singleLine } from './vod/format';
import { type LookupResult, VideoLookup } from './vod/lookup';
import { DEFAULT_REGION, notFoundHint } from './vod/regions';
import type { VideoInfo } from './vod/schema';
import type { SignatureVersion } from './vod/signing';
import { LineIndex, findVideoIds, isVideoId } from './vod/videoId';

/** Exit codes, the same for `info` and `scan`. */
export const EXIT = { ok: 0, notFoundOrFailed: 1, usage: 2, unreachable: 3 } as const;

const USAGE = `Usage:
  vod-lookup info <VideoId...> [--region R] [--endpoint URL] [--profile NAME] [--signature v1|v3] [--json]
  vod-lookup scan <paths...> [--check] [--json] [--ignore <glob>...] [--region R] [--endpoint URL] [--profile NAME] [--signature v1|v3]

Credentials: --profile, else ALIBABA_CLOUD_PROFILE, ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET (+ _SECURITY_TOKEN),
the aliyun CLI's current profile (~/.aliyun/config.json), then ~/.alibabacloud/credentials.
HTTPS_PROXY / NO_PROXY are honoured.

Exit codes: 0 all good; 1 an id not found (or, with --check, a failed video); 2 usage or credential
errors; 3 the API could not be reached or kept failing.`;

class UsageError extends Error {}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

const locale = (io: CliIo) => localeFrom(io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG);

/** Which exit code an error deserves: fix-your-setup (2) or the-API-is-down (3). */
export function exitCodeFor(error: VodError): number {
  if (error.kind === 'input' || error.kind === 'credentials') return EXIT.usage;
  if (error.kind === 'api') {
    const h = error.hint.code;
    const setup = ['signatureMismatch', 'clockSkew', 'stsExpired', 'invalidStsToken', 'forbidden', 'notActivated', 'unknownAccessKey', 'badParameter'];
    if (setup.includes(h)) return EXIT.usage;
  }
  return EXIT.unreachable;
}

function proxyAgents(): (url: URL) => Agent | undefined {
  const agents = new Map<string, Agent>();
  return (url) => {
    const proxy = getProxyForUrl(url.href);
    if (!proxy) return undefined;
    let agent = agents.get(proxy);
    if (!agent) {
      agent = new HttpsProxyAgent(proxy);
      agents.set(proxy, agent);
    }
    return agent;
  };
}

interface ApiFlags {
  region?: string;
  endpoint?: string;
  profile?: string;
  signature?: string;
}

async function makeLookup(flags: ApiFlags, io: CliIo): Promise<VideoLookup> {
  const signature = (flags.signature ?? 'v3').toLowerCase();
  if (signature !== 'v1' && signature !== 'v3') throw new UsageError(`--signature takes v1 or v3, not "${flags.signature}"`);
  const credentials: Credentials = await resolveCredentials({ profile: flags.profile }, { ...nodeCredentialEnvironment(), env: io.env });
  const client = new VodClient({
    credentials: async () => credentials,
    region: flags.region ?? DEFAULT_REGION,
    endpoint: flags.endpoint,
    signatureVersion: signature as SignatureVersion,
    agent: proxyAgents(),
    userAgent: 'vod-lookup-cli',
  });
  return new VideoLookup(client, { region: client.region, maxRequestsPerSecond: 20 });
}

function summary(video: VideoInfo, region: string): string[] {
  const rows: Array<[string, string | undefined]> = [
    ['Status', `${video.status}${video.auditStatus ? ` (audit: ${video.auditStatus})` : ''}`],
    ['Duration', formatDuration(video.duration)],
    ['Size', video.size !== undefined ? `${formatBytes(video.size)} (${video.size} bytes)` : undefined],
    ['Created', video.creationTime],
    ['Modified', video.modificationTime],
    ['Category', video.cateName ? `${video.cateName}${video.cateId !== undefined ? ` (${video.cateId})` : ''}` : undefined],
    ['Tags', video.tags.join(', ')],
    ['Description', video.description],
    ['Cover', video.coverUrl],
    ['Snapshots', video.snapshots.length ? String(video.snapshots.length) : undefined],
    ['Region', video.regionId ?? region],
    ['Storage', video.storageLocation],
    ['App', video.appId],
  ];
  const lines = [`${video.videoId}  ${singleLine(video.title, 200) || '(untitled)'}`];
  for (const [label, value] of rows) if (value) lines.push(`  ${label.padEnd(12)}${singleLine(value, 300)}`);
  return lines;
}

async function info(ids: string[], flags: ApiFlags & { json?: boolean }, io: CliIo): Promise<number> {
  if (ids.length === 0) throw new UsageError('info needs at least one VideoId');
  const bad = ids.find((id) => !isVideoId(id));
  if (bad !== undefined) throw new UsageError(formatHint({ code: 'invalidVideoId', value: singleLine(bad, 80) }, locale(io)));
  const lookup = await makeLookup(flags, io);
  const settled = await Promise.allSettled(ids.map((id) => lookup.lookup(id)));
  let code: number = EXIT.ok;
  const json: unknown[] = [];
  settled.forEach((s, i) => {
    const id = ids[i] as string;
    if (s.status === 'rejected') {
      const error = s.reason;
      if (!isVodError(error)) throw error;
      io.err(`${id}: ${error.describe(locale(io))}`);
      code = Math.max(code, exitCodeFor(error));
      json.push({ videoId: id, error: error.toJSON() });
      return;
    }
    const result = s.value;
    if (result.kind === 'notFound') {
      io.err(`${id}: ${formatHint(notFoundHint(result.regions), locale(io))}`);
      code = Math.max(code, EXIT.notFoundOrFailed);
      json.push({ videoId: id, notFound: true, regions: result.regions });
      return;
    }
    if (flags.json) json.push(result.video);
    else io.out(summary(result.video, result.region).join('\n'));
  });
  if (flags.json) io.out(JSON.stringify(ids.length === 1 && json.length === 1 ? json[0] : json, null, 2));
  lookup.dispose();
  return code;
}


interface Occurrence {
  file: string;
  line: number;
  column: number;
  id: string;
}

async function scan(paths: string[], flags: ApiFlags & { json?: boolean; check?: boolean; ignore?: string[] }, io: CliIo): Promise<number> {
  if (paths.length === 0) throw new UsageError('scan needs at least one path');
  // Resolve credentials before reading files, so a setup error is reported at once.
  const lookup = flags.check ? await makeLookup(flags, io) : undefined;
  const found: Occurrence[] = [];
  try {
    for await (const file of walkTextFiles(paths, { ignoreGlobs: flags.ignore ?? [], cwd: io.cwd, warn: (m) => io.err(`warning: ${m}`) })) {
      const matches = findVideoIds(file.text);
      if (matches.length === 0) continue;
      const index = new LineIndex(file.text);
      for (const m of matches) {
        const p = index.position(m.start);
        found.push({ file: file.display, line: p.line + 1, column: p.character + 1, id: m.id });
      }
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot read ${err.path ?? 'a path'}: ${err.code ?? err.message}`);
  }

  if (!lookup) {
    if (flags.json) io.out(JSON.stringify(found, null, 2));
    else for (const o of found) io.out(`${o.file}:${o.line}:${o.column} ${o.id}`);
    return EXIT.ok;
  }

  const ids = [...new Set(found.map((o) => o.id))];
  const results = new Map<string, LookupResult | VodError>();
  await Promise.all(
    ids.map(async (id) => {
      try {
        results.set(id, await lookup.lookup(id));
      } catch (e) {
        if (!isVodError(e)) throw e;
        results.set(id, e);
      }
    }),
  );
  lookup.dispose();

  let code: number = EXIT.ok;
  const verdict = (id: string): { state: string; detail: string } => {
    const r = results.get(id);
    if (!r) return { state: 'error', detail: 'not resolved' };
    if (r instanceof VodError) {
      code = Math.max(code, exitCodeFor(r));
      return { state: 'error', detail: r.describe(locale(io)) };
    }
    if (r.kind === 'notFound') {
      code = Math.max(code, EXIT.notFoundOrFailed);
      return { state: 'not-found', detail: `not found in ${r.regions.join(', ')}` };
    }
    const v = r.video;
    if (isFailedVideo(v)) {
      code = Math.max(code, EXIT.notFoundOrFailed);
      return { state: 'failed', detail: `${v.status}${v.auditStatus === 'Blocked' ? ', audit Blocked' : ''}: ${singleLine(v.title, 80)}` };
    }
    return { state: isInProgress(v) ? 'pending' : 'ok', detail: `${v.status}: ${singleLine(v.title, 80)}` };
  };
  const rows = found.map((o) => ({ ...o, ...verdict(o.id) }));
  // An outage is never reported as dead ids: if the API failed, say so and exit 3 whatever else was seen.
  if (flags.json) io.out(JSON.stringify(rows, null, 2));
  else for (const r of rows) io.out(`${r.file}:${r.line}:${r.column} ${r.id} ${r.state} ${r.detail}`);
  const counts = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.state]: (acc[r.state] ?? 0) + 1 }), {});
  io.err(`${ids.length} distinct ids in ${rows.length} places: ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`);
  return code;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        region: { type: 'string' },
        endpoint: { type: 'string' },
        profile: { type: 'string' },
        signature: { type: 'string' },
        json: { type: 'boolean' },
        check: { type: 'boolean' },
        ignore: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(VERSION);
    return EXIT.ok;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  try {
    if (command === 'info') return await info(rest, values, io);
    if (command === 'scan') {
      const apiOnly = ['region', 'endpoint', 'profile', 'signature'] as const;
      const stray = apiOnly.find((k) => values[k] !== undefined);
      if (!values.check && stray) throw new UsageError(`--${stray} only applies with --check`);
      return await scan(rest, values, io);
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`vod-lookup: ${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (isVodError(e)) {
      io.err(`vod-lookup: ${e.describe(locale(io))}`);
      return exitCodeFor(e);
    }
    io.err(`vod-lookup: unexpected error: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.unreachable;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

if (require.main === module) {
  main(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`vod-lookup: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = EXIT.unreachable;
    },
  );
}
