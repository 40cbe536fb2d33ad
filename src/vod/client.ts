import type { Agent } from 'node:http';
import nodeFetch, { type RequestInit, type Response } from 'node-fetch';
import type * as z from 'zod/mini';
import type { Credentials } from './credentials';
import { VodError, cancelledError, inputError, redact } from './errors';
import type { Hint } from './hints';
import { singleLine as printable } from './format';
import { DEFAULT_REGION, checkRegion, regionEndpoint, suggestRegions } from './regions';
import {
  type VideoInfo,
  apiErrorBody,
  describeIssues,
  getVideoInfoResponse,
  getVideoInfosResponse,
  normalizeVideo,
} from './schema';
import { type SignatureVersion, canonicalQuery, signAcs3Request, signRpcRequest } from './signing';
import { isVideoId } from './videoId';

export const API_VERSION = '2017-03-21';
export const MAX_IDS_PER_BATCH = 20;

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** One line per attempt for a log: never a secret, token or signature. */
export interface RequestLogEntry {
  action: string;
  region: string;
  ids: string[];
  attempt: number;
  signatureVersion: SignatureVersion;
  ms: number;
  status?: number;
  code?: string;
  requestId?: string;
}

export interface VodClientOptions {
  /** Asked before every attempt, so rotated or re-entered credentials apply at once. */
  credentials: () => Promise<Credentials>;
  region?: string;
  /** An override URL (a proxy, the emulator). Plain http only to a loopback host. */
  endpoint?: string;
  signatureVersion?: SignatureVersion;
  timeoutMs?: number;
  maxAttempts?: number;
  /** First backoff step; doubled per attempt, with full jitter. */
  retryBaseMs?: number;
  /** The longest Retry-After we wait for before giving up. */
  maxRetryAfterMs?: number;
  fetch?: Fetch;
  /** An HTTP(S) agent per URL, e.g. for HTTPS_PROXY in the CLI. */
  agent?: (url: URL) => Agent | undefined;
  onRequest?: (entry: RequestLogEntry) => void;
  userAgent?: string;
  /** The signing clock; tests move it to provoke InvalidTimeStamp.Expired. */
  now?: () => Date;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's region for this call (region fallback). */
  region?: string;
}

export interface VideoInfoResult {
  video: VideoInfo;
  requestId?: string;
  region: string;
}

export interface VideoInfosResult {
  videos: VideoInfo[];
  notFound: string[];
  requestId?: string;
  region: string;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The base URL requests go to: the override, else the region's host. Throws an input error. */
export function resolveEndpoint(endpoint: string | undefined, region: string): URL {
  const value = endpoint?.trim();
  if (!value) return new URL(regionEndpoint(region));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw inputError({ code: 'invalidEndpoint', value: value.slice(0, 200) });
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) throw inputError({ code: 'insecureEndpoint', value: url.origin });
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw inputError({ code: 'invalidEndpoint', value: value.slice(0, 200) });
  if (url.username || url.password) throw inputError({ code: 'invalidEndpoint', value: url.origin });
  return url;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Maps an API error code to the hint a person can act on. */
function hintFor(code: string, status: number, message: string, region: string): { hint: Hint; retryable: boolean } {
  if (code === 'InvalidVideo.NotFound') return { hint: { code: 'notFound', region, suggestions: suggestRegions(region) }, retryable: false };
  if (code === 'SignatureDoesNotMatch' || code === 'IncompleteSignature') return { hint: { code: 'signatureMismatch' }, retryable: false };
  if (code === 'InvalidTimeStamp.Expired' || code.startsWith('InvalidTimeStamp')) return { hint: { code: 'clockSkew' }, retryable: false };
  if (code === 'InvalidSecurityToken.Expired') return { hint: { code: 'stsExpired' }, retryable: false };
  if (code.startsWith('InvalidSecurityToken')) return { hint: { code: 'invalidStsToken' }, retryable: false };
  if (code.startsWith('Forbidden') || code === 'NoPermission') return { hint: { code: 'forbidden' }, retryable: false };
  if (code.startsWith('OperationDenied')) return { hint: { code: 'notActivated', apiCode: code }, retryable: false };
  if (code.startsWith('InvalidAccessKeyId')) return { hint: { code: 'unknownAccessKey' }, retryable: false };
  if (code.startsWith('Throttling') || status === 429) return { hint: { code: 'throttled' }, retryable: true };
  if (code === 'SignatureNonceUsed') return { hint: { code: 'nonceUsed' }, retryable: true };
  if (status >= 500) return { hint: { code: 'serverError', status }, retryable: true };
  if (code.startsWith('MissingParameter') || code.startsWith('InvalidParameter') || code.startsWith('Missing'))
    return { hint: { code: 'badParameter', message: printable(message, 200) }, retryable: false };
  return { hint: { code: 'apiError', apiCode: code, message: printable(message, 200) }, retryable: false };
}

/** The signed VOD OpenAPI client every surface shares. */
export class VodClient {
  private readonly options: VodClientOptions;
  private readonly fetch: Fetch;
  readonly region: string;
  readonly signatureVersion: SignatureVersion;
  readonly timeoutMs: number;

  constructor(options: VodClientOptions) {
    this.options = options;
    this.fetch = options.fetch ?? nodeFetch;
    this.region = checkRegion(options.region ?? DEFAULT_REGION);
    this.signatureVersion = options.signatureVersion ?? 'v3';
    this.timeoutMs = options.timeoutMs ?? 10_000;
    resolveEndpoint(options.endpoint, this.region); // fail early on a bad override
  }

  async getVideoInfo(videoId: string, call: CallOptions = {}): Promise<VideoInfoResult> {
    if (!isVideoId(videoId)) throw inputError({ code: 'invalidVideoId', value: printable(videoId, 80) });
    const region = checkRegion(call.region ?? this.region);
    const { body, requestId } = await this.call('GetVideoInfo', { VideoId: videoId }, [videoId], region, call.signal);
    const parsed = this.parse(getVideoInfoResponse, body, requestId);
    return { video: normalizeVideo(parsed.Video), requestId: parsed.RequestId, region };
  }

  async getVideoInfos(videoIds: readonly string[], call: CallOptions = {}): Promise<VideoInfosResult> {
    const ids = [...new Set(videoIds)];
    const bad = ids.find((id) => !isVideoId(id));
    if (bad !== undefined) throw inputError({ code: 'invalidVideoId', value: printable(bad, 80) });
    if (ids.length > MAX_IDS_PER_BATCH) throw inputError({ code: 'tooManyIds', count: ids.length, max: MAX_IDS_PER_BATCH });
    const region = checkRegion(call.region ?? this.region);
    if (ids.length === 0) return { videos: [], notFound: [], region };
    const { body, requestId } = await this.call('GetVideoInfos', { VideoIds: ids.join(',') }, ids, region, call.signal);
    const parsed = this.parse(getVideoInfosResponse, body, requestId);
    const videos = parsed.VideoList.map(normalizeVideo);
    const found = new Set(videos.map((v) => v.videoId));
    // Trust the list of missing ids, and count any id the answer silently left out as missing too.
    const notFound = [...new Set([...parsed.NonExistVideoIds, ...ids.filter((id) => !found.has(id))])].filter((id) => !found.has(id));
    return { videos, notFound, requestId: parsed.RequestId, region };
  }

  private parse<S extends z.ZodMiniType>(schema: S, body: unknown, requestId: string | undefined): z.output<S> {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    throw new VodError({
      kind: 'response',
      code: 'SchemaMismatch',
      requestId,
      hint: { code: 'schemaMismatch', detail: describeIssues(result.error) },
    });
  }

  /** Signs and sends one action, retrying transient failures; resolves with the parsed JSON body. */
  private async call(
    action: string,
    params: Record<string, string>,
    ids: string[],
    region: string,
    signal: AbortSignal | undefined,
  ): Promise<{ body: unknown; requestId: string | undefined }> {
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? 3);
    const base = this.options.retryBaseMs ?? 300;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw cancelledError();
      try {
        const credentials = await this.options.credentials();
        return await this.attempt(action, params, ids, region, credentials, attempt, signal);
      } catch (error) {
        if (!(error instanceof VodError) || !error.retryable || attempt >= maxAttempts) throw error;
        const backoff = Math.random() * base * 2 ** (attempt - 1);
        const wait = error.retryAfterMs !== undefined ? Math.max(error.retryAfterMs, backoff) : backoff;
        if (wait > (this.options.maxRetryAfterMs ?? 20_000)) throw error;
        await sleep(wait, signal);
      }
    }
  }


  private async attempt(
    action: string,
    params: Record<string, string>,
    ids: string[],
    region: string,
    credentials: Credentials,
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<{ body: unknown; requestId: string | undefined }> {
    const endpoint = resolveEndpoint(this.options.endpoint, region);
    const query: Record<string, string> = { ...params, RegionId: region };
    const key = credentials;
    const version = this.signatureVersion;
    let url: string;
    let headers: Record<string, string>;
    if (version === 'v1') {
      url = `${endpoint.origin}/?${canonicalQuery(signRpcRequest({ method: 'GET', action, version: API_VERSION, params: query, key, now: this.options.now?.() }))}`;
      headers = {};
    } else {
      headers = signAcs3Request({ method: 'GET', host: endpoint.host, action, version: API_VERSION, query, key, now: this.options.now?.() });
      const qs = canonicalQuery(query);
      url = `${endpoint.origin}/${qs ? `?${qs}` : ''}`;
    }
    headers.accept = 'application/json';
    headers['user-agent'] = this.options.userAgent ?? 'vod-lookup';

    const secrets = [credentials.accessKeySecret, credentials.securityToken];
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const started = performance.now();
    const log = (entry: Partial<RequestLogEntry>) =>
      this.options.onRequest?.({ action, region, ids, attempt, signatureVersion: version, ms: Math.round(performance.now() - started), ...entry });

    try {
      let response: Response;
      let text: string;
      try {
        response = await this.fetch(url, {
          method: 'GET',
          headers,
          signal: controller.signal,
          agent: this.options.agent?.(endpoint),
          redirect: 'error',
        });
        text = await response.text();
      } catch (e) {
        const error = signal?.aborted
          ? cancelledError()
          : timedOut
            ? new VodError({ kind: 'timeout', code: 'Timeout', hint: { code: 'timeout', seconds: this.timeoutMs / 1000 }, retryable: true })
            : new VodError({
                kind: 'network',
                code: 'NetworkError',
                hint: { code: 'network', detail: printable(redact(e instanceof Error ? e.message : String(e), secrets), 200), endpoint: endpoint.origin },
                retryable: true,
              });
        log({ code: error.code });
        throw error;
      }

      const status = response.status;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        log({ status, code: 'NotJson' });
        throw new VodError({
          kind: 'response',
          code: 'NotJson',
          status,
          hint: {
            code: 'notJson',
            status,
            contentType: printable(response.headers.get('content-type') ?? '', 60),
            snippet: printable(redact(text, secrets), 120),
          },
          retryable: status >= 500 || status === 429,
        });
      }

      const requestId = typeof body === 'object' && body && 'RequestId' in body && typeof body.RequestId === 'string' ? body.RequestId : undefined;
      const apiError = apiErrorBody.safeParse(body);
      if (status >= 400 || (apiError.success && !response.ok)) {
        const code = apiError.success ? apiError.data.Code : `HTTP${status}`;
        const message = redact(apiError.success ? (apiError.data.Message ?? '') : '', secrets);
        const { hint, retryable } = hintFor(code, status, message, region);
        log({ status, code, requestId });
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        throw new VodError({ kind: 'api', code, status, requestId, serverMessage: message, hint, retryable, retryAfterMs });
      }
      log({ status, requestId });
      return { body, requestId };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
