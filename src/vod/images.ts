import type { Agent } from 'node:http';
import nodeFetch from 'node-fetch';
import type { Fetch } from './client';
import { safeHttpUrl } from './schema';

// Webviews and hovers in desktop VS Code are secure contexts that block or upgrade `http` images, and
// many VOD covers are `http`. So images are fetched here, in the extension host, size-capped, cached,
// and handed over as `data:` URIs.

const ALLOWED_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/gif', 'image/webp', 'image/bmp']);

export interface ImageFetcherOptions {
  maxBytes?: number;
  timeoutMs?: number;
  /** Total bytes of data URIs kept in memory. */
  cacheBytes?: number;
  fetch?: Fetch;
  agent?: (url: URL) => Agent | undefined;
}

export class ImageFetcher {
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly cacheBytes: number;
  private readonly fetch: Fetch;
  private readonly agent: ((url: URL) => Agent | undefined) | undefined;
  private readonly cache = new Map<string, string | null>();
  private readonly inFlight = new Map<string, Promise<string | undefined>>();
  private cachedBytes = 0;

  constructor(options: ImageFetcherOptions = {}) {
    this.maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.cacheBytes = options.cacheBytes ?? 32 * 1024 * 1024;
    this.fetch = options.fetch ?? nodeFetch;
    this.agent = options.agent;
  }

  /**
   * A `data:` URI for an http(s) image, or undefined when it is not an image, too big or unreachable.
   * With `waitMs`, undefined also when it takes longer: the fetch goes on and lands in the cache.
   */
  async dataUri(url: string | undefined, waitMs?: number): Promise<string | undefined> {
    const loading = this.load(url);
    if (waitMs === undefined) return loading;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs)));
    try {
      return await Promise.race([loading, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async load(url: string | undefined): Promise<string | undefined> {
    const safe = safeHttpUrl(url);
    if (!safe) return undefined;
    const cached = this.cache.get(safe);
    if (cached !== undefined) {
      // Refresh its place in the LRU order.
      this.cache.delete(safe);
      this.cache.set(safe, cached);
      return cached ?? undefined;
    }
    let pending = this.inFlight.get(safe);
    if (!pending) {
      // Shared by every asker and bounded by the timeout, so one asker's cancellation cannot starve the others.
      pending = this.fetchImage(safe).finally(() => this.inFlight.delete(safe));
      this.inFlight.set(safe, pending);
    }
    return pending;
  }

  private remember(url: string, value: string | null): void {
    this.cache.set(url, value);
    this.cachedBytes += value?.length ?? 0;
    while (this.cachedBytes > this.cacheBytes && this.cache.size > 1) {
      const [oldest, v] = this.cache.entries().next().value as [string, string | null];
      this.cache.delete(oldest);
      this.cachedBytes -= v?.length ?? 0;
    }
  }

  private async fetchImage(url: string): Promise<string | undefined> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.fetch(url, { signal: controller.signal, agent: this.agent?.(new URL(url)), redirect: 'follow', follow: 3 });
      const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (!response.ok || !ALLOWED_TYPES.has(type) || declared > this.maxBytes || !response.body) {
        response.body?.resume();
        this.remember(url, null);
        return undefined;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of response.body) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
        total += buf.length;
        if (total > this.maxBytes) {
          controller.abort();
          this.remember(url, null);
          return undefined;
        }
        chunks.push(buf);
      }
      const value = `data:${type === 'image/jpg' ? 'image/jpeg' : type};base64,${Buffer.concat(chunks).toString('base64')}`;
      this.remember(url, value);
      return value;
    } catch {
      // Unreachable or timed out: not cached, so the next look tries again.
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
