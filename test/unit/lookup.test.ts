import { strict as assert } from 'node:assert';
import { VodClient } from '../../src/vod/client';
import { VodError } from '../../src/vod/errors';
import { type LookupSettings, VideoLookup } from '../../src/vod/lookup';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, type Emulator, startEmulator } from '../emulator/server';
import { BEIJING_ID, EXAMPLE_VIDEO_ID, FRANKFURT_ID, NONEXISTENT_ID, SINGAPORE_ID, VIDEO_FIXTURES } from '../emulator/fixtures';

/** n distinct well-formed ids that the emulator does not know. */
function unknownIds(n: number, salt = 'a'): string[] {
  return Array.from({ length: n }, (_, i) => `${salt}${i.toString(16)}`.padEnd(32, '0'));
}

describe('VideoLookup: cache, sharing, batching, pacing, fallback (counted at the emulator)', () => {
  let emulator: Emulator;
  let now = 1_000_000;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  function lookup(settings: Partial<LookupSettings> = {}, clock?: () => number): VideoLookup {
    const client = new VodClient({
      credentials: async () => ({ accessKeyId: DEFAULT_ACCESS_KEY_ID, accessKeySecret: DEFAULT_ACCESS_KEY_SECRET, source: 'test' }),
      endpoint: emulator.url,
      retryBaseMs: 10,
    });
    return new VideoLookup(client, { maxRequestsPerSecond: 100, ...settings }, clock);
  }

  it('ten concurrent asks for one id make one request', async () => {
    const l = lookup();
    const results = await Promise.all(Array.from({ length: 10 }, () => l.lookup(EXAMPLE_VIDEO_ID)));
    assert.ok(results.every((r) => r.kind === 'found' && r.video.videoId === EXAMPLE_VIDEO_ID));
    assert.equal(emulator.stats().requests, 1);
  });

  it('asks arriving together go out as one GetVideoInfos of up to 20', async () => {
    const l = lookup();
    const shanghai = VIDEO_FIXTURES.filter((f) => f.regionId === 'cn-shanghai').map((f) => f.id);
    const ids = [...shanghai, ...unknownIds(45 - shanghai.length)];
    const results = await Promise.all(ids.map((id) => l.lookup(id)));
    assert.equal(results.filter((r) => r.kind === 'found').length, shanghai.length);
    assert.equal(results.filter((r) => r.kind === 'notFound').length, ids.length - shanghai.length);
    const stats = emulator.stats();
    assert.equal(stats.byAction.GetVideoInfos, 3, 'ceil(45 / 20) batches');
    assert.equal(stats.requests, 3);
    assert.ok(stats.log.every((e) => e.videoIds.length <= 20));
  });

  it('a single ask goes out as GetVideoInfo', async () => {
    const l = lookup();
    await l.lookup(EXAMPLE_VIDEO_ID);
    assert.deepEqual(emulator.stats().byAction, { GetVideoInfo: 1 });
  });

  it('keeps found videos for ttl and not-found answers for their own shorter ttl', async () => {
    const l = lookup({ ttlMs: 300_000, notFoundTtlMs: 60_000 }, () => now);
    await Promise.all([l.lookup(EXAMPLE_VIDEO_ID), l.lookup(NONEXISTENT_ID)]);
    assert.equal(emulator.stats().requests, 1);
    now += 30_000;
    await Promise.all([l.lookup(EXAMPLE_VIDEO_ID), l.lookup(NONEXISTENT_ID)]);
    assert.equal(emulator.stats().requests, 1, 'both cached at 30 s');
    now += 40_000;
    const [found, missing] = await Promise.all([l.lookup(EXAMPLE_VIDEO_ID), l.lookup(NONEXISTENT_ID)]);
    assert.equal(found.kind, 'found');
    assert.equal(missing.kind, 'notFound');
    assert.deepEqual(emulator.stats().byVideoId[NONEXISTENT_ID], 2, 'not-found expired at 70 s');
    assert.deepEqual(emulator.stats().byVideoId[EXAMPLE_VIDEO_ID], 1, 'found still cached at 70 s');
    now += 300_000;
    await l.lookup(EXAMPLE_VIDEO_ID);
    assert.deepEqual(emulator.stats().byVideoId[EXAMPLE_VIDEO_ID], 2, 'found expired at 370 s');
    assert.ok(l.stats.cacheHits >= 3);
  });

  it('force skips the cache; peek never requests', async () => {
    const l = lookup();
    assert.equal(l.peek(EXAMPLE_VIDEO_ID), undefined);
    await l.lookup(EXAMPLE_VIDEO_ID);
    assert.equal(l.peek(EXAMPLE_VIDEO_ID)?.kind, 'found');
    await l.lookup(EXAMPLE_VIDEO_ID, { force: true });
    assert.equal(emulator.stats().requests, 2);
  });

  it('paces requests to maxRequestsPerSecond', async () => {
    const l = lookup({ maxRequestsPerSecond: 10, batchWindowMs: 0, burst: 1 });
    const started = Date.now();
    // Six asks spaced out so that each is its own request.
    for (const id of unknownIds(6, 'b')) {
      await l.lookup(id);
    }
    const elapsed = Date.now() - started;
    assert.equal(emulator.stats().requests, 6);
    assert.ok(elapsed >= 450, `6 requests at 10/s take at least 0.5 s, took ${elapsed} ms`);
  });

  it('lets a burst of batches start at once, then paces the rest', async () => {
    const l = lookup({ maxRequestsPerSecond: 10, burst: 3 });
    const started = Date.now();
    // 100 ids: 5 batches of 20; 3 start at once, then one every 100 ms.
    await Promise.all(unknownIds(100, 'c').map((id) => l.lookup(id)));
    const elapsed = Date.now() - started;
    assert.equal(emulator.stats().requests, 5);
    assert.ok(elapsed >= 180 && elapsed < 1500, `took ${elapsed} ms`);
  });

  it('falls back through the configured regions and remembers where the video was', async () => {
    const l = lookup({ region: 'cn-shanghai', fallbackRegions: ['cn-beijing', 'ap-southeast-1'] });
    const [beijing, singapore, frankfurt] = await Promise.all([l.lookup(BEIJING_ID), l.lookup(SINGAPORE_ID), l.lookup(FRANKFURT_ID)]);
    assert.equal(beijing.kind === 'found' && beijing.region, 'cn-beijing');
    assert.equal(singapore.kind === 'found' && singapore.region, 'ap-southeast-1');
    assert.deepEqual(frankfurt.kind === 'notFound' && frankfurt.regions, ['cn-shanghai', 'cn-beijing', 'ap-southeast-1']);
    const regionsAsked = emulator.stats().log.map((e) => e.regionId);
    assert.deepEqual(regionsAsked, ['cn-shanghai', 'cn-beijing', 'ap-southeast-1'], 'one batch per region');
    emulator.resetStats();
    await l.lookup(BEIJING_ID, { force: true });
    assert.deepEqual(emulator.stats().log.map((e) => e.regionId), ['cn-beijing'], 'starts where it was found');
  });

  it('"search all regions" looks in exactly the regions given', async () => {
    const l = lookup();
    const r = await l.lookup(FRANKFURT_ID, { regions: ['cn-shanghai', 'cn-beijing', 'eu-central-1', 'us-west-1'] });
    assert.equal(r.kind === 'found' && r.region, 'eu-central-1');
    assert.equal(emulator.stats().requests, 3);
  });

  it('a failing batch rejects its asks without caching, and the next ask retries', async () => {
    const l = lookup();
    emulator.setFault({ type: 'status', status: 503 }, { times: 3 });
    await assert.rejects(l.lookup(EXAMPLE_VIDEO_ID), (e: VodError) => e.status === 503);
    const r = await l.lookup(EXAMPLE_VIDEO_ID);
    assert.equal(r.kind, 'found');
  });

  it('an abandoned ask that was not sent yet is dropped; others still get their answer', async () => {
    const l = lookup({ batchWindowMs: 50 });
    const gone = new AbortController();
    const abandoned = l.lookup(NONEXISTENT_ID, { signal: gone.signal });
    const kept = l.lookup(EXAMPLE_VIDEO_ID);
    gone.abort();
    await assert.rejects(abandoned, (e: VodError) => e.kind === 'cancelled');
    assert.equal((await kept).kind, 'found');
    assert.deepEqual(emulator.stats().log[0]?.videoIds, [EXAMPLE_VIDEO_ID], 'the abandoned id never went out');
  });

  it('when every asker of a sent batch gives up, its request is abandoned (no retries after)', async () => {
    const client = new VodClient({
      credentials: async () => ({ accessKeyId: DEFAULT_ACCESS_KEY_ID, accessKeySecret: DEFAULT_ACCESS_KEY_SECRET, source: 'test' }),
      endpoint: emulator.url,
      timeoutMs: 150,
      retryBaseMs: 10,
    });
    const l = new VideoLookup(client, { maxRequestsPerSecond: 100 });
    emulator.setFault({ type: 'hang' });
    const gone = new AbortController();
    const ask = l.lookup(EXAMPLE_VIDEO_ID, { signal: gone.signal });
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(emulator.stats().requests, 1, 'sent and hanging');
    gone.abort();
    await assert.rejects(ask, (e: VodError) => e.kind === 'cancelled');
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(emulator.stats().requests, 1, 'no retry after the timeout: the request was abandoned');
    emulator.clearFaults();
    assert.equal((await l.lookup(EXAMPLE_VIDEO_ID)).kind, 'found', 'nothing stale was cached');
  });

  it('one asker cancelling does not cancel a shared lookup for the others', async () => {
    const l = lookup({ batchWindowMs: 20 });
    const a = new AbortController();
    const first = l.lookup(EXAMPLE_VIDEO_ID, { signal: a.signal });
    const second = l.lookup(EXAMPLE_VIDEO_ID);
    a.abort();
    await assert.rejects(first);
    assert.equal((await second).kind, 'found');
    assert.equal(emulator.stats().requests, 1);
  });

  it('changing regions empties the cache', async () => {
    const l = lookup();
    await l.lookup(BEIJING_ID);
    l.configure({ region: 'cn-beijing' });
    const r = await l.lookup(BEIJING_ID);
    assert.equal(r.kind, 'found');
    assert.equal(emulator.stats().requests, 2);
    assert.throws(() => l.configure({ region: 'not a region' }));
  });

  it('a lookup under way when the regions change does not answer asks made after the change', async () => {
    const l = lookup();
    emulator.setFault({ type: 'latency', ms: 300 }, { times: 1 });
    const old = l.lookup(BEIJING_ID);
    await new Promise((r) => setTimeout(r, 50));
    l.configure({ region: 'cn-beijing' });
    const fresh = await l.lookup(BEIJING_ID);
    assert.equal(fresh.kind, 'found');
    assert.equal((await old).kind, 'notFound', 'the old ask still gets its own answer');
    assert.equal(l.peek(BEIJING_ID)?.kind, 'found', 'the stale answer was not cached over the fresh one');
  });

  it('rejects malformed ids', async () => {
    await assert.rejects(lookup().lookup('xyz'), (e: VodError) => e.hint.code === 'invalidVideoId');
  });
});
