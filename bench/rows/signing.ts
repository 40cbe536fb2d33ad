// Row 3: one signature, in process: ours (signAcs3Request, signRpcRequest) against the official signer
// (@alicloud/openapi-util getAuthorization, getRPCSignature), with the same inputs.
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import OpenApiUtil from '@alicloud/openapi-util';
import { EMPTY_SHA256, signAcs3Request, signRpcRequest, utcTimestamp } from '../../src/vod/signing';
import { EXAMPLE_VIDEO_ID } from '../../test/emulator/fixtures';
import { type BenchContext, CREDENTIALS } from '../lib/context';
import { type RowResult, progress } from '../lib/report';
import { num, range, ratio, summarize } from '../lib/stats';

const NOW = new Date('2026-11-25T01:23:45Z');
const DATE = utcTimestamp(NOW);
const NONCE = '3ee8c1b883d344afa94f4e0ad82fd6cf';
const HOST = '127.0.0.1:8765';
const QUERY = { VideoId: EXAMPLE_VIDEO_ID, RegionId: 'cn-shanghai' };
const KEY = { accessKeyId: CREDENTIALS.accessKeyId, accessKeySecret: CREDENTIALS.accessKeySecret };

function oursV3(): string {
  return signAcs3Request({ method: 'GET', host: HOST, action: 'GetVideoInfo', version: '2017-03-21', query: QUERY, key: KEY, nonce: NONCE, now: NOW }).authorization as string;
}

// The request object's body is never read by getAuthorization; one stream does for every call.
const EMPTY_BODY = Readable.from([]);

/** The same headers ours signs, then the official getAuthorization, as openapi-client does per request. */
function sdkV3(): string {
  const headers: Record<string, string> = {
    host: HOST,
    'x-acs-action': 'GetVideoInfo',
    'x-acs-version': '2017-03-21',
    'x-acs-date': DATE,
    'x-acs-signature-nonce': NONCE,
    'x-acs-content-sha256': EMPTY_SHA256,
  };
  return OpenApiUtil.getAuthorization(
    { protocol: 'http', port: 0, method: 'GET', pathname: '/', query: { ...QUERY }, headers, body: EMPTY_BODY },
    'ACS3-HMAC-SHA256',
    EMPTY_SHA256,
    KEY.accessKeyId,
    KEY.accessKeySecret,
  );
}

function oursV1(): string {
  return signRpcRequest({ method: 'GET', action: 'GetVideoInfo', version: '2017-03-21', params: QUERY, key: KEY, nonce: NONCE, now: NOW }).Signature as string;
}

/** The same parameter set ours builds, then the official getRPCSignature. */
function sdkV1(): string {
  const params: Record<string, string> = {
    ...QUERY,
    Action: 'GetVideoInfo',
    Version: '2017-03-21',
    Format: 'JSON',
    AccessKeyId: KEY.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: NONCE,
    Timestamp: DATE,
  };
  return OpenApiUtil.getRPCSignature(params, 'GET', KEY.accessKeySecret);
}

const CASES = [
  { key: 'oursV3', label: 'ours V3: signAcs3Request', fn: oursV3 },
  { key: 'sdkV3', label: '@alicloud/openapi-util getAuthorization (V3)', fn: sdkV3 },
  { key: 'oursV1', label: 'ours V1: signRpcRequest', fn: oursV1 },
  { key: 'sdkV1', label: '@alicloud/openapi-util getRPCSignature (V1)', fn: sdkV1 },
] as const;

function timeLoop(fn: () => string, n: number): number {
  let sink = 0;
  const t = performance.now();
  for (let i = 0; i < n; i++) sink += fn().length;
  const us = ((performance.now() - t) * 1000) / n;
  if (sink === 0) throw new Error('no signature');
  return us;
}

export async function signing(ctx: BenchContext): Promise<RowResult> {
  const n = ctx.quick ? 5_000 : 20_000;
  const rounds = ctx.quick ? 3 : 7;
  const v3Same = oursV3() === sdkV3();
  const v1Same = oursV1() === sdkV1();
  progress(`signing: ${CASES.length} signers × ${rounds} rounds of ${n} (identical output: V3 ${v3Same}, V1 ${v1Same})`);
  for (const c of CASES) timeLoop(c.fn, Math.max(2_000, n / 5)); // warm-up: JIT
  const samples = new Map<string, number[]>(CASES.map((c) => [c.key, []]));
  for (let r = 0; r < rounds; r++) for (const c of CASES) samples.get(c.key)?.push(timeLoop(c.fn, n));
  const s = new Map<string, ReturnType<typeof summarize>>(CASES.map((c) => [c.key, summarize(samples.get(c.key) ?? [])]));
  const med = (key: string) => s.get(key)?.median ?? Number.NaN;
  const rows = CASES.map((c) => {
    const x = s.get(c.key) ?? summarize([]);
    const pairRatio = c.key === 'sdkV3' ? ratio(med('sdkV3') / med('oursV3')) : c.key === 'sdkV1' ? ratio(med('sdkV1') / med('oursV1')) : '';
    return [c.label, num(x.median), range(x.min, x.max), num(1e6 / x.median), pairRatio];
  });
  return {
    id: 'signing',
    title: 'Signing alone: one request signature, in process',
    method: `${rounds} rounds of ${n} signatures each (after a warm-up), same inputs for both (fixed nonce and date, GetVideoInfo with VideoId and RegionId); µs = median of the rounds (min–max).`,
    tables: [
      {
        columns: ['signer', 'µs/signature', 'min–max', 'signatures/s', 'SDK/ours'],
        numeric: [false, true, true, true, true],
        rows,
      },
    ],
    notes: [
      `outputs compared: V3 Authorization ${v3Same ? 'identical' : 'DIFFERENT'}, V1 Signature ${v1Same ? 'identical' : 'DIFFERENT'} to the official signer's.`,
      'both sides build the header set (V3) or parameter set (V1) inside the timed call; ours also formats the date from a Date.',
    ],
    goals: [],
    figures: {
      iterationsPerRound: n,
      rounds,
      identicalOutput: { v3: v3Same, v1: v1Same },
      usPerSignature: Object.fromEntries(CASES.map((c) => [c.key, s.get(c.key)])),
    },
  };
}
