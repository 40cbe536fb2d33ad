// Row 2: warm calls through the bare clients (no VideoLookup, no pacing) against the emulator running in
// a process of its own: latency one at a time, throughput 16 at once, and the client's own CPU per call.
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import RPCClient from '@alicloud/pop-core';
import { Response, type RequestInit } from 'node-fetch';
import { type Fetch, VodClient } from '../../src/vod/client';
import { canonicalQuery, signAcs3Request } from '../../src/vod/signing';
import { EXAMPLE_VIDEO_ID } from '../../test/emulator/fixtures';
import { type BenchContext, CREDENTIALS } from '../lib/context';
import type { EmulatorProcess } from '../lib/emulator';
import { type RowResult, goal, progress } from '../lib/report';
import { type Summary, num, range, ratio, summarize } from '../lib/stats';

type Call = () => Promise<void>;

interface Client {
  key: string;
  label: string;
  /** Which emulator it calls; 'none' answers from memory (it only reads one answer from the floor's emulator). */
  target: 'signed' | 'floor' | 'none';
  make(emulator: EmulatorProcess): Call | Promise<Call>;
}

interface Sample {
  latencies: number[];
  callsPerSecond: number;
  cpuUsPerCall: number;
}

interface VideoInfoBody {
  Video?: { VideoId?: string };
}

function expectVideo(body: unknown): void {
  if ((body as VideoInfoBody).Video?.VideoId !== EXAMPLE_VIDEO_ID) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 200)}`);
}

/**
 * An experiment, not a client we ship: VodClient's `fetch` option served by node:http with a keep-alive
 * agent, the answer wrapped in node-fetch's Response. Shows what node-fetch's own request path costs.
 */
function nodeHttpFetch(): Fetch {
  const agent = new http.Agent({ keepAlive: true });
  return (url: string, init: RequestInit) =>
    new Promise((resolve, reject) => {
      const headers = init.headers as Record<string, string>;
      const req = http.request(url, { method: init.method ?? 'GET', headers, agent, signal: init.signal as AbortSignal | undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const responseHeaders: Array<[string, string]> = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string]);
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: responseHeaders }));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
}

/**
 * An experiment: VodClient answered from memory (one real answer, read once, served again as a fresh
 * node-fetch Response): what our own code costs per call, everything but the HTTP exchange.
 */
async function cannedFetch(emulator: EmulatorProcess): Promise<Fetch> {
  const url = `${emulator.url}/?Action=GetVideoInfo&Version=2017-03-21&VideoId=${EXAMPLE_VIDEO_ID}&RegionId=cn-shanghai`;
  const body = await new Promise<Buffer>((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    }).on('error', reject);
  });
  const headers: Array<[string, string]> = [['content-type', 'application/json;charset=utf-8']];
  return async () => new Response(body, { status: 200, headers });
}

function ours(emulator: EmulatorProcess, signatureVersion: 'v3' | 'v1', options: { agent?: http.Agent; fetch?: Fetch } = {}): Call {
  const { agent, fetch } = options;
  const client = new VodClient({
    credentials: async () => ({ ...CREDENTIALS, source: 'bench' }),
    endpoint: emulator.url,
    signatureVersion,
    maxAttempts: 1,
    ...(agent ? { agent: () => agent } : {}),
    ...(fetch ? { fetch } : {}),
  });
  return async () => {
    const { video } = await client.getVideoInfo(EXAMPLE_VIDEO_ID);
    if (video.videoId !== EXAMPLE_VIDEO_ID) throw new Error('wrong video');
  };
}

/** The floor: node:http with a keep-alive agent, no signature, the body JSON.parse'd. */
function bareHttp(emulator: EmulatorProcess): Call {
  const agent = new http.Agent({ keepAlive: true });
  const url = `${emulator.url}/?Action=GetVideoInfo&Version=2017-03-21&VideoId=${EXAMPLE_VIDEO_ID}&RegionId=cn-shanghai`;
  return () => getVideo(url, agent, {});
}

/** One GET on node:http, the body JSON.parse'd and checked: the shared core of the two floors. */
function getVideo(url: string, agent: http.Agent, headers: Record<string, string>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          expectVideo(JSON.parse(text));
          resolve();
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/**
 * The least a signed client can do: node:http with a keep-alive agent, our V3 signer, the body
 * JSON.parse'd; no schema, no timeout, no retries. To the verifying emulator.
 */
function minimalSigned(emulator: EmulatorProcess): Call {
  const agent = new http.Agent({ keepAlive: true });
  const host = new URL(emulator.url).host;
  const query = { VideoId: EXAMPLE_VIDEO_ID, RegionId: 'cn-shanghai' };
  const url = `${emulator.url}/?${canonicalQuery(query)}`;
  return () => getVideo(url, agent, signAcs3Request({ method: 'GET', host, action: 'GetVideoInfo', version: '2017-03-21', query, key: CREDENTIALS }));
}

/** As the generated VOD SDK (@alicloud/vod20170321) calls it: new Params and request per call, POST. */
function openApiClient(emulator: EmulatorProcess): Call {
  const client = new OpenApi(
    new $OpenApi.Config({ ...CREDENTIALS, endpoint: `127.0.0.1:${emulator.port}`, protocol: 'http', regionId: 'cn-shanghai' }),
  );
  const runtime: Parameters<OpenApi['callApi']>[2] = { autoretry: false, toMap: () => ({}) };
  return async () => {
    const params = new $OpenApi.Params({
      action: 'GetVideoInfo',
      version: '2017-03-21',
      protocol: 'HTTP',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const request = new $OpenApi.OpenApiRequest({ query: { VideoId: EXAMPLE_VIDEO_ID, RegionId: 'cn-shanghai' } });
    const result = await client.callApi(params, request, runtime);
    expectVideo(result.body);
  };
}

function popCore(emulator: EmulatorProcess): Call {
  const client = new RPCClient({ endpoint: emulator.url, apiVersion: '2017-03-21', ...CREDENTIALS });
  return async () => {
    expectVideo(await client.request<VideoInfoBody>('GetVideoInfo', { VideoId: EXAMPLE_VIDEO_ID, RegionId: 'cn-shanghai' }));
  };
}

const CLIENTS: Client[] = [
  { key: 'floor', label: 'floor: node:http keep-alive, unsigned', target: 'floor', make: bareHttp },
  { key: 'minimal', label: 'minimal signed: node:http + our signer', target: 'signed', make: minimalSigned },
  { key: 'oursV3', label: 'ours V3', target: 'signed', make: (e) => ours(e, 'v3') },
  { key: 'oursV1', label: 'ours V1', target: 'signed', make: (e) => ours(e, 'v1') },
  { key: 'oursV3NoVerify', label: 'ours V3, server not verifying', target: 'floor', make: (e) => ours(e, 'v3') },
  { key: 'oursV3NoKeepAlive', label: 'ours V3, keep-alive off', target: 'signed', make: (e) => ours(e, 'v3', { agent: new http.Agent({ keepAlive: false }) }) },
  { key: 'oursV3NodeHttp', label: 'ours V3, node:http as fetch (experiment)', target: 'signed', make: (e) => ours(e, 'v3', { fetch: nodeHttpFetch() }) },
  { key: 'oursV3Canned', label: 'ours V3, canned answer, no network (exp.)', target: 'none', make: async (e) => ours(e, 'v3', { fetch: await cannedFetch(e) }) },
  { key: 'openapi', label: '@alicloud/openapi-client V3', target: 'signed', make: openApiClient },
  { key: 'pop', label: '@alicloud/pop-core V1', target: 'signed', make: popCore },
];

async function measure(call: Call, total: number, concurrency: number): Promise<Sample> {
  const latencies = new Array<number>(total);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      await call();
      latencies[i] = performance.now() - t;
    }
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { latencies, callsPerSecond: (total * 1000) / elapsed, cpuUsPerCall: (used.user + used.system) / total };
}

export async function warmCalls(ctx: BenchContext): Promise<RowResult> {
  // Many short rounds, clients rotated, medians over rounds: a burst of other work on this shared machine
  // then spoils a round of one client, not the figure.
  const rounds = ctx.quick ? 2 : 10;
  const seqCalls = ctx.quick ? 50 : 100;
  const concCalls = ctx.quick ? 200 : 400;
  const concurrency = 16;
  const signed = await ctx.signedEmulator();
  const floor = await ctx.floorEmulator();
  const calls = new Map<string, Call>();
  for (const c of CLIENTS) calls.set(c.key, await c.make(c.target === 'signed' ? signed : floor));
  const seq = new Map<string, Sample[]>(CLIENTS.map((c) => [c.key, []]));
  const conc = new Map<string, Sample[]>(CLIENTS.map((c) => [c.key, []]));

  // V8 keeps optimizing these paths for the first thousand calls or so (measured: a client's CPU per call
  // halves between its first and its fourth 500 calls), so every client gets a long warm-up first.
  const warmup = ctx.quick ? 200 : 600;
  progress(`warm calls: warming up ${CLIENTS.length} clients (${warmup} calls one at a time + ${warmup} at ${concurrency})`);
  for (const client of CLIENTS) {
    const call = calls.get(client.key) as Call;
    await measure(call, warmup, 1);
    await measure(call, warmup, concurrency);
  }
  progress(`warm calls: ${CLIENTS.length} clients × ${rounds} rounds of ${seqCalls} sequential + ${concCalls} at concurrency ${concurrency}`);
  for (let round = 0; round < rounds; round++) {
    const order = [...CLIENTS.slice(round % CLIENTS.length), ...CLIENTS.slice(0, round % CLIENTS.length)];
    for (const client of order) {
      const call = calls.get(client.key) as Call;
      await measure(call, 20, 1); // sockets and caches back in shape after the previous client
      seq.get(client.key)?.push(await measure(call, seqCalls, 1));
      await measure(call, 4 * concurrency, concurrency);
      conc.get(client.key)?.push(await measure(call, concCalls, concurrency));
      progress(`  round ${round + 1}/${rounds} ${client.label}: done`);
    }
  }

  const stats = (key: string) => {
    const s = seq.get(key) ?? [];
    const c = conc.get(key) ?? [];
    return {
      seqLatency: summarize(s.flatMap((x) => x.latencies)),
      seqRate: summarize(s.map((x) => x.callsPerSecond)),
      seqCpuUs: summarize(s.map((x) => x.cpuUsPerCall)),
      concLatency: summarize(c.flatMap((x) => x.latencies)),
      concRate: summarize(c.map((x) => x.callsPerSecond)),
      concCpuUs: summarize(c.map((x) => x.cpuUsPerCall)),
    };
  };
  const all = new Map(CLIENTS.map((c) => [c.key, stats(c.key)]));
  const get = (key: string) => all.get(key) as ReturnType<typeof stats>;
  const spread = (s: Summary) => (s.n > 1 ? range(s.min, s.max) : '');

  const rows = CLIENTS.map((c) => {
    const s = get(c.key);
    return [
      c.label,
      num(s.seqLatency.median),
      range(s.seqLatency.p25, s.seqLatency.p75),
      num(s.seqLatency.p99),
      num(s.seqRate.median),
      num(s.seqCpuUs.median),
      num(s.concRate.median),
      spread(s.concRate),
      num(s.concLatency.median),
      num(s.concCpuUs.median),
    ];
  });

  const o = get('oursV3');
  const floorMs = get('floor').seqLatency.median;
  const figures: Record<string, unknown> = {
    rounds,
    sequentialCallsPerRound: seqCalls,
    concurrentCallsPerRound: concCalls,
    concurrency,
    floorClient: 'node:http with new http.Agent({ keepAlive: true }), GET, unsigned, body JSON.parse\'d, to an emulator with verify: false',
    clients: Object.fromEntries(
      CLIENTS.map((c) => {
        const s = get(c.key);
        return [c.key, { label: c.label, emulator: c.target === 'signed' ? 'verifying' : c.target === 'floor' ? 'not verifying' : 'none (canned answer)', ...s }];
      }),
    ),
  };
  const ka = get('oursV3NoKeepAlive');
  const canned = get('oursV3Canned').seqCpuUs.median;
  const viaHttp = get('oursV3NodeHttp').seqCpuUs.median;
  return {
    id: 'warm',
    title: 'Warm calls: bare clients, GetVideoInfo, emulator in its own process',
    method: `after ${warmup} + ${warmup} warm-up calls per client; per round and client: 20 warm-up calls, ${seqCalls} calls one at a time, then ${concCalls} calls ${concurrency} at once; ${rounds} rounds, clients rotated; latency = median over every call (p25–p75, p99), calls/s = median over rounds (min–max).`,
    tables: [
      {
        columns: ['client', '1-at-a-time ms', 'p25–p75', 'p99', 'calls/s', 'CPU µs/call', `${concurrency}-at-once calls/s`, 'min–max', 'p50 ms', 'CPU µs/call'],
        numeric: [false, true, true, true, true, true, true, true, true, true],
        rows,
      },
    ],
    notes: [
      'the floor is node:http with its own keep-alive Agent, unsigned, to a second emulator started with --no-verify; "server not verifying" goes there too; the rest talk to the verifying emulator; "canned answer" makes no request at all.',
      `"CPU µs/call" is this process's CPU time (user+system, all threads) per call: the client's own cost, whatever the server does. One at a time: ours V3 ${num(o.seqCpuUs.median)} µs, openapi-client ${num(get('openapi').seqCpuUs.median)} µs, pop-core ${num(get('pop').seqCpuUs.median)} µs, the floor ${num(get('floor').seqCpuUs.median)} µs.`,
      `where ours V3's ${num(o.seqCpuUs.median)} µs go: ${num(canned)} µs is our own code with no request (canned); a signed request on node:http costs at least ${num(get('minimal').seqCpuUs.median)} µs (minimal signed); ours on node:http (experiment) ${num(viaHttp)} µs; node-fetch instead of node:http adds ${num(o.seqCpuUs.median - viaHttp)} µs.`,
      `the node:http experiment serves ours V3 through the client's \`fetch\` option (node:http, keep-alive agent, the answer wrapped in a node-fetch Response): ${num(get('oursV3NodeHttp').seqLatency.median)} ms one at a time (${ratio(get('oursV3NodeHttp').seqLatency.median / floorMs)} the floor), ${num(get('oursV3NodeHttp').concRate.median)} calls/s 16 at once.`,
      `keep-alive: ours uses node-fetch with Node's default agent, which keeps connections alive on Node >= 19; with keep-alive off ours V3 takes ${num(ka.seqLatency.median)} ms instead of ${num(o.seqLatency.median)} ms one at a time (${ratio(ka.seqLatency.median / o.seqLatency.median)}) and makes ${num(ka.concRate.median)} instead of ${num(o.concRate.median)} calls/s 16 at once.`,
      `the verifying emulator checks each signature with the official signer; without that server work ours V3 takes ${num(get('oursV3NoVerify').seqLatency.median)} ms (${ratio(get('oursV3NoVerify').seqLatency.median / floorMs)} the floor). The least a signed client pays against it (minimal signed): ${num(get('minimal').seqLatency.median)} ms, ${ratio(get('minimal').seqLatency.median / floorMs)} the floor.`,
    ],
    goals: [
      goal('ours V3 latency one at a time within 1.3× the unsigned floor', o.seqLatency.median / floorMs, '<=', 1.3, '×'),
      goal('ours V3 throughput ≥ 1.5× @alicloud/openapi-client, one at a time', o.seqRate.median / get('openapi').seqRate.median, '>=', 1.5, '×'),
      goal('ours V3 throughput ≥ 1.5× @alicloud/openapi-client, 16 at once', o.concRate.median / get('openapi').concRate.median, '>=', 1.5, '×'),
      goal('ours V3 throughput ≥ 1.5× @alicloud/pop-core, one at a time', o.seqRate.median / get('pop').seqRate.median, '>=', 1.5, '×'),
      goal('ours V3 throughput ≥ 1.5× @alicloud/pop-core, 16 at once', o.concRate.median / get('pop').concRate.median, '>=', 1.5, '×'),
    ],
    figures,
  };
}
