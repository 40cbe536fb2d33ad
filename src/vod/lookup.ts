import type { CallOptions, VideoInfoResult, VideoInfosResult } from './client';
import { MAX_IDS_PER_BATCH } from './client';
import { VodError, cancelledError, inputError } from './errors';
import { checkRegion } from './regions';
import type { VideoInfo } from './schema';
import { isVideoId } from './videoId';

/** The two calls the lookup needs; `VodClient` is one. */
export interface VideoInfoSource {
  getVideoInfo(videoId: string, call?: CallOptions): Promise<VideoInfoResult>;
  getVideoInfos(videoIds: readonly string[], call?: CallOptions): Promise<VideoInfosResult>;
}

export type LookupResult =
  | { kind: 'found'; video: VideoInfo; region: string; fetchedAt: number }
  | { kind: 'notFound'; regions: string[]; fetchedAt: number };

export interface LookupSettings {
  region: string;
  fallbackRegions: string[];
  /** How long a found video is kept. */
  ttlMs: number;
  /** How long a "not found" is kept (shorter: the video may be uploaded any moment). */
  notFoundTtlMs: number;
  /** Asks arriving within this window go out as one GetVideoInfos. */
  batchWindowMs: number;
  /** Requests started per second, at most the API's 100. */
  maxRequestsPerSecond: number;
  /** How many requests may start at once before pacing applies (a burst of batches answers in one round trip). */
  burst: number;
  maxCacheEntries: number;
}

export const DEFAULT_LOOKUP_SETTINGS: LookupSettings = {
  region: 'cn-shanghai',
  fallbackRegions: [],
  ttlMs: 5 * 60_000,
  notFoundTtlMs: 60_000,
  batchWindowMs: 5,
  maxRequestsPerSecond: 20,
  burst: 5,
  maxCacheEntries: 5_000,
};

export interface LookupOptions {
  signal?: AbortSignal;
  /** Skip the cache (Refresh). */
  force?: boolean;
  /** Look in exactly these regions, in order ("Search all regions"). */
  regions?: string[];
}

export interface LookupStats {
  requests: number;
  cacheHits: number;
  asks: number;
}

interface Pending {
  id: string;
  /** The cache generation it started in: answers from before a clear() are passed on but not kept. */
  generation: number;
  regions: string[];
  tried: string[];
  waiters: number;
  /** Set once its batch is sent: aborting it abandons the request. */
  sent?: { controller: AbortController; batch: Pending[] };
  resolve: (r: LookupResult) => void;
  reject: (e: unknown) => void;
}

interface RegionQueue {
  items: Pending[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Answers "what is this VideoId?" for every surface: a TTL cache, one request per id however many
 * ask at once, asks batched into GetVideoInfos calls of up to 20, requests paced, and regions tried
 * in turn on NotFound, remembering where each video was found.
 */
export class VideoLookup {
  private settings: LookupSettings;
  private readonly source: VideoInfoSource;
  private readonly now: () => number;
  private readonly cache = new Map<string, { result: LookupResult; expires: number }>();
  private readonly inFlight = new Map<string, { pending: Pending; promise: Promise<LookupResult> }>();
  private readonly foundIn = new Map<string, string>();
  private readonly queues = new Map<string, RegionQueue>();
  private nextSlot = 0;
  private generation = 0;
  private disposed = false;
  readonly stats: LookupStats = { requests: 0, cacheHits: 0, asks: 0 };

  constructor(source: VideoInfoSource, settings: Partial<LookupSettings> = {}, now: () => number = Date.now) {
    this.source = source;
    this.now = now;
    this.settings = VideoLookup.check({ ...DEFAULT_LOOKUP_SETTINGS, ...settings });
  }

  private static check(s: LookupSettings): LookupSettings {
    return {
      ...s,
      region: checkRegion(s.region),
      fallbackRegions: s.fallbackRegions.map(checkRegion),
      maxRequestsPerSecond: Math.min(100, Math.max(0.1, s.maxRequestsPerSecond)),
      burst: Math.max(1, Math.floor(s.burst)),
    };
  }

  /** Applies new settings live; a change of regions or lifetimes empties the cache. */
  configure(settings: Partial<LookupSettings>): void {
    const next = VideoLookup.check({ ...this.settings, ...settings });
    const regionsChanged = next.region !== this.settings.region || next.fallbackRegions.join() !== this.settings.fallbackRegions.join();
    const ttlChanged = next.ttlMs !== this.settings.ttlMs || next.notFoundTtlMs !== this.settings.notFoundTtlMs;
    this.settings = next;
    if (regionsChanged) this.clear();
    // Entries were kept under the old lifetimes; a user who shortens them expects fresh answers now.
    else if (ttlChanged) this.cache.clear();
  }

  get current(): Readonly<LookupSettings> {
    return this.settings;
  }

  /** The cached answer, if fresh; never starts a request. */
  peek(id: string): LookupResult | undefined {
    const entry = this.cache.get(id);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.cache.delete(id);
      return undefined;
    }
    return entry.result;
  }

  /** Forgets every answer; lookups already under way still answer their askers, but new asks start afresh. */
  clear(): void {
    this.generation++;
    this.cache.clear();
    this.foundIn.clear();
    this.inFlight.clear();
  }

  invalidate(id: string): void {
    this.cache.delete(id);
  }

  async lookup(id: string, options: LookupOptions = {}): Promise<LookupResult> {
    if (!isVideoId(id)) throw inputError({ code: 'invalidVideoId', value: id.slice(0, 80) });
    if (options.signal?.aborted) throw cancelledError();
    this.stats.asks++;
    if (!options.force && !options.regions) {
      const cached = this.peek(id);
      if (cached) {
        this.stats.cacheHits++;
        return cached;
      }
    }
    const key = options.regions ? `${id}@${options.regions.join(',')}` : id;
    let flight = this.inFlight.get(key);
    if (!flight) {
      flight = this.start(id, key, options.regions ? options.regions.map(checkRegion) : this.regionOrder(id));
    }
    return this.wait(flight, options.signal);
  }


  dispose(): void {
    this.disposed = true;
    for (const queue of this.queues.values()) {
      if (queue.timer) clearTimeout(queue.timer);
      for (const p of queue.items) p.reject(cancelledError());
    }
    this.queues.clear();
    this.inFlight.clear();
  }

  private regionOrder(id: string): string[] {
    const order = [this.foundIn.get(id), this.settings.region, ...this.settings.fallbackRegions].filter((r): r is string => !!r);
    return [...new Set(order)];
  }

  private start(id: string, key: string, regions: string[]): { pending: Pending; promise: Promise<LookupResult> } {
    let resolve!: (r: LookupResult) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<LookupResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const pending: Pending = { id, generation: this.generation, regions, tried: [], waiters: 0, resolve, reject };
    const flight = { pending, promise };
    this.inFlight.set(key, flight);
    const done = () => {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    };
    promise.then(done, done);
    this.enqueue(pending);
    return flight;
  }

  /** Waits for a shared lookup; an asker's cancellation abandons only its own wait. */
  private wait(flight: { pending: Pending; promise: Promise<LookupResult> }, signal: AbortSignal | undefined): Promise<LookupResult> {
    const { pending } = flight;
    pending.waiters++;
    if (!signal) return flight.promise;
    return new Promise<LookupResult>((resolve, reject) => {
      const onAbort = () => {
        pending.waiters--;
        if (pending.waiters === 0) this.withdraw(pending);
        reject(cancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (r) => {
          signal.removeEventListener('abort', onAbort);
          resolve(r);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  /** Nobody waits for this ask any more: drop it from its queue, or abandon its request if nobody waits for that either. */
  private withdraw(pending: Pending): void {
    if (pending.sent) {
      if (pending.sent.batch.every((p) => p.waiters === 0)) pending.sent.controller.abort();
      return;
    }
    const region = pending.regions[0];
    const queue = region === undefined ? undefined : this.queues.get(region);
    const index = queue ? queue.items.indexOf(pending) : -1;
    if (!queue || index < 0) return;
    queue.items.splice(index, 1);
    for (const [key, flight] of this.inFlight) if (flight.pending === pending) this.inFlight.delete(key);
    pending.reject(cancelledError());
  }

  private enqueue(pending: Pending): void {
    const region = pending.regions[0];
    if (region === undefined) {
      this.settle(pending, { kind: 'notFound', regions: pending.tried, fetchedAt: this.now() });
      return;
    }
    let queue = this.queues.get(region);
    if (!queue) {
      queue = { items: [], timer: undefined };
      this.queues.set(region, queue);
    }
    queue.items.push(pending);
    if (queue.items.length >= MAX_IDS_PER_BATCH) this.flush(region);
    else if (!queue.timer) queue.timer = setTimeout(() => this.flush(region), this.settings.batchWindowMs);
  }

  private flush(region: string): void {
    const queue = this.queues.get(region);
    if (!queue) return;
    if (queue.timer) clearTimeout(queue.timer);
    queue.timer = undefined;
    while (queue.items.length > 0) {
      const batch = queue.items.splice(0, MAX_IDS_PER_BATCH);
      void this.send(region, batch);
    }
  }

  /**
   * Waits for the next request slot (the generic cell rate algorithm): up to `burst` requests start at
   * once, and over time no more than `maxRequestsPerSecond` a second.
   */
  private async pace(): Promise<void> {
    const interval = 1000 / this.settings.maxRequestsPerSecond;
    const tolerance = (this.settings.burst - 1) * interval;
    const now = this.now();
    const start = Math.max(now, this.nextSlot - tolerance);
    this.nextSlot = Math.max(this.nextSlot, now) + interval;
    if (start > now) await new Promise((r) => setTimeout(r, start - now));
  }

  private async send(region: string, batch: Pending[]): Promise<void> {
    const controller = new AbortController();
    for (const p of batch) p.sent = { controller, batch };
    await this.pace();
    if (this.disposed) {
      for (const p of batch) p.reject(cancelledError());
      return;
    }
    const ids = [...new Set(batch.map((p) => p.id))];
    this.stats.requests++;
    let found: Map<string, VideoInfo>;
    try {
      if (ids.length === 1) {
        found = new Map();
        try {
          const { video } = await this.source.getVideoInfo(ids[0] as string, { region, signal: controller.signal });
          found.set(video.videoId, video);
        } catch (e) {
          if (!(e instanceof VodError && e.code === 'InvalidVideo.NotFound')) throw e;
        }
      } else {
        const { videos } = await this.source.getVideoInfos(ids, { region, signal: controller.signal });
        found = new Map(videos.map((v) => [v.videoId, v]));
      }
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    for (const p of batch) {
      p.sent = undefined;
      p.tried.push(region);
      const video = found.get(p.id);
      if (video) {
        if (p.generation === this.generation) this.foundIn.set(p.id, region);
        this.settle(p, { kind: 'found', video, region, fetchedAt: this.now() });
      } else {
        p.regions = p.regions.slice(1);
        this.enqueue(p);
      }
    }
  }

  private settle(pending: Pending, result: LookupResult): void {
    const ttl = result.kind === 'found' ? this.settings.ttlMs : this.settings.notFoundTtlMs;
    if (ttl > 0 && pending.generation === this.generation) {
      if (this.cache.size >= this.settings.maxCacheEntries) {
        const oldest = this.cache.keys().next().value;
        if (oldest !== undefined) this.cache.delete(oldest);
      }
      this.cache.delete(pending.id);
      this.cache.set(pending.id, { result, expires: this.now() + ttl });
    }
    pending.resolve(result);
  }
}
