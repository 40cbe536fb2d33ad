// Row 5: the lookup service as the hover uses it. 1,000 asks over 100 distinct ids arrive together
// (requests counted at the emulator), then the cost of an ask answered from the cache.
import { performance } from 'node:perf_hooks';
import { VodClient } from '../../src/vod/client';
import { DEFAULT_LOOKUP_SETTINGS, VideoLookup } from '../../src/vod/lookup';
import { type BenchContext, CREDENTIALS } from '../lib/context';
import { type RowResult, goal, progress } from '../lib/report';
import { num, prng, randomHex, range, shuffle, summarize } from '../lib/stats';

const DISTINCT = 100;
const ASKS = 1_000;
/** Of the 100 ids, this many are added to the emulator; the rest answer NotFound (and are cached too). */
const STORED = 90;

export async function lookupService(ctx: BenchContext): Promise<RowResult> {
  const rounds = ctx.quick ? 1 : 3;
  const cachedAsks = ctx.quick ? 20_000 : 100_000;
  const emulator = await ctx.signedEmulator();
  const rand = prng(0x10c0);
  const ids = Array.from({ length: DISTINCT }, () => randomHex(rand, 32));
  progress(`lookup: adding ${STORED} videos to the emulator, ${DISTINCT - STORED} ids left unknown`);
  for (const [i, id] of ids.slice(0, STORED).entries()) {
    await emulator.addVideo({ regionId: 'cn-shanghai', video: { VideoId: id, Title: `Bench video ${i}`, Status: 'Normal', Duration: 60 + i, Size: 1_000_000 + i } });
  }
  const client = new VodClient({ credentials: async () => ({ ...CREDENTIALS, source: 'bench' }), endpoint: emulator.url, signatureVersion: 'v3' });

  const burst: Array<{ requests: number; byAction: Record<string, number>; ms: number; found: number; notFound: number }> = [];
  let lookup = new VideoLookup(client);
  for (let r = 0; r < rounds; r++) {
    lookup.dispose();
    lookup = new VideoLookup(client);
    const asks = shuffle(Array.from({ length: ASKS }, (_, i) => ids[i % DISTINCT] as string), rand);
    const before = await emulator.stats();
    const t = performance.now();
    const answers = await Promise.all(asks.map((id) => lookup.lookup(id)));
    const ms = performance.now() - t;
    const after = await emulator.stats();
    const byAction: Record<string, number> = {};
    for (const [action, n] of Object.entries(after.byAction)) byAction[action] = n - (before.byAction[action] ?? 0);
    burst.push({
      requests: after.requests - before.requests,
      byAction,
      ms,
      found: answers.filter((a) => a.kind === 'found').length,
      notFound: answers.filter((a) => a.kind === 'notFound').length,
    });
  }
  const last = burst[burst.length - 1] as (typeof burst)[number];
  progress(`lookup: ${rounds} bursts of ${ASKS} asks → ${burst.map((b) => b.requests).join(', ')} requests; now ${cachedAsks} cached asks`);

  // Cache hits, each ask timed on its own, as a hover awaits it.
  const warm = Math.min(10_000, cachedAsks / 5);
  const latencies = new Float64Array(cachedAsks);
  const before = await emulator.stats();
  const statsBefore = { ...lookup.stats };
  for (let i = -warm; i < cachedAsks; i++) {
    const id = ids[(i + warm) % DISTINCT] as string;
    const t = performance.now();
    const answer = await lookup.lookup(id);
    const dt = performance.now() - t;
    if (answer.kind !== 'found' && answer.kind !== 'notFound') throw new Error('no answer');
    if (i >= 0) latencies[i] = dt;
  }
  const after = await emulator.stats();
  const hitRequests = after.requests - before.requests;
  const hits = lookup.stats.cacheHits - statsBefore.cacheHits;
  lookup.dispose();
  const hit = summarize(Array.from(latencies).map((ms) => ms * 1000));
  const burstMs = summarize(burst.map((b) => b.ms));
  const needed = Math.ceil(DISTINCT / 20);
  const maxRequests = Math.max(...burst.map((b) => b.requests));

  return {
    id: 'lookup',
    title: 'Lookup service: VideoLookup with default settings',
    method: `${ASKS} lookup() calls over ${DISTINCT} distinct ids (${STORED} stored at the emulator, ${DISTINCT - STORED} unknown) started in one tick, ${rounds} time(s) with a fresh VideoLookup; then ${cachedAsks.toLocaleString('en-US')} asks for cached ids, each timed alone (performance.now() around the await).`,
    tables: [
      {
        columns: ['burst of 1,000 asks', 'value', 'spread'],
        numeric: [false, true, true],
        rows: [
          ['requests at the emulator', burst.map((b) => b.requests).join(', '), `needed: ${needed} batches of 20`],
          ['  of which GetVideoInfos', burst.map((b) => b.byAction.GetVideoInfos ?? 0).join(', '), ''],
          ['answers found / not found', `${last.found} / ${last.notFound}`, ''],
          ['all 1,000 answered after (ms)', num(burstMs.median), burstMs.n > 1 ? range(burstMs.min, burstMs.max) : ''],
        ],
      },
      {
        columns: ['cache hit (one lookup() awaited)', 'µs', ''],
        numeric: [false, true, false],
        rows: [
          ['p50', num(hit.median), ''],
          ['p99', num(hit.p99), ''],
          ['max', num(hit.max), '(GC pauses and other processes land here)'],
          ['requests during the cached asks', String(hitRequests), `cache hits counted: ${hits.toLocaleString('en-US')} (${warm.toLocaleString('en-US')} of them warm-up)`],
        ],
      },
    ],
    notes: [
      `default settings: batch window ${DEFAULT_LOOKUP_SETTINGS.batchWindowMs} ms, ${DEFAULT_LOOKUP_SETTINGS.maxRequestsPerSecond} requests/s with a burst of ${DEFAULT_LOOKUP_SETTINGS.burst}, so ${Math.min(needed, DEFAULT_LOOKUP_SETTINGS.burst)} of the ${needed} batches start at once${needed > DEFAULT_LOOKUP_SETTINGS.burst ? ` and the rest are paced ${1000 / DEFAULT_LOOKUP_SETTINGS.maxRequestsPerSecond} ms apart` : ''}.`,
    ],
    goals: [
      goal(`requests for 1,000 asks over ${DISTINCT} ids (worst of ${rounds})`, maxRequests, '<=', needed, 'requests'),
      goal('cache-hit latency p99', hit.p99, '<=', 100, 'µs'),
    ],
    figures: {
      distinctIds: DISTINCT,
      storedAtEmulator: STORED,
      asksPerBurst: ASKS,
      bursts: burst,
      requestsNeeded: needed,
      cachedAsks,
      cacheHitUs: hit,
      requestsDuringCachedAsks: hitRequests,
      settings: DEFAULT_LOOKUP_SETTINGS,
    },
  };
}
