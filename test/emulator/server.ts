// The VOD emulator: a real HTTP server on 127.0.0.1 that speaks enough of ApsaraVideo VOD
// (GetVideoInfo, GetVideoInfos; signature V1 and V3) for the unit tests, the integration tests,
// the demo and the benchmarks. See README.md beside this file.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import { BUILT_IN_CREDENTIALS, type EmulatorCredential } from './credentials';
import { type EmulatorVideo, loadVideos, parseVideos, VideoStore, videoEntrySchema } from './data';
import {
  ACTION_NOT_FOUND,
  type ApiError,
  FORBIDDEN,
  INTERNAL_ERROR,
  INVALID_VERSION,
  invalidParameter,
  missingParameter,
  NOT_ACTIVATED,
  SERVICE_UNAVAILABLE,
  SUSPENDED,
  throttling,
  VIDEO_NOT_FOUND,
} from './errors';
import { type Fault, FaultBook, type FaultScope, type FaultType, faultRequestSchema } from './faults';
import { mediaFile } from './media';
import {
  type ApiRequest,
  headerValue,
  MAX_CLOCK_SKEW_MS,
  rpcParams,
  type SignatureVersion,
  signatureVersionOf,
  verifySignature,
} from './signature';

export * from './credentials';
export type { EmulatorVideo, RawVideo } from './data';
export { BASE_PLACEHOLDER, DEFAULT_DATA_FILE, loadVideos } from './data';
export type { Fault, FaultScope, FaultType } from './faults';
export type { SignatureVersion } from './signature';

export const VOD_API_VERSION = '2017-03-21';
export const DEFAULT_REGION_ID = 'cn-shanghai';
/** GetVideoInfos takes at most this many ids. */
export const MAX_BATCH_IDS = 20;
/** stats().log keeps the most recent entries only. */
export const MAX_LOG_ENTRIES = 10_000;

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Added to the built-in pairs (a pair with the same AccessKeyId replaces the built-in one). */
  credentials?: EmulatorCredential[];
  /** Replaces the default data, test/emulator/videos.json. */
  dataFile?: string;
  /** Added to the data (an entry with the same VideoId replaces the data's one). */
  videos?: EmulatorVideo[];
  /** Check signatures and credentials (default true); false is the benchmarks' unsigned floor. */
  verify?: boolean;
  /** GetVideoInfos: `VideoList.Video[]` and `NonExistVideoIds.VideoId[]` (wrapped, default) or plain arrays. */
  batchShape?: 'wrapped' | 'plain';
  /** One line per API request; never a secret or a signature. */
  log?: (line: string) => void;
}

export interface RequestLogEntry {
  action: string;
  regionId: string;
  videoIds: string[];
  signatureVersion: SignatureVersion;
  /** 0 when the emulator did not answer (fault reset or hang). */
  status: number;
  code?: string;
  fault?: FaultType;
}

export interface EmulatorStats {
  /** API requests (not control or media requests). */
  requests: number;
  byAction: Record<string, number>;
  /** How many requests asked for each VideoId (GetVideoInfo and GetVideoInfos alike). */
  byVideoId: Record<string, number>;
  /** Requests rejected by the signature check: bad signature, stale timestamp, reused nonce, missing parts. */
  signatureFailures: number;
  /** GET/HEAD /media/... requests. */
  mediaRequests: number;
  /** The most recent API requests, oldest first. */
  log: RequestLogEntry[];
}

export interface Emulator {
  /** "http://127.0.0.1:<port>" */
  readonly url: string;
  readonly port: number;
  /** Stops listening and destroys every open connection, hanging ones included. */
  close(): Promise<void>;
  setFault(fault: Fault, scope?: FaultScope): void;
  clearFaults(): void;
  stats(): EmulatorStats;
  resetStats(): void;
  /** Stats, faults, the nonce cache and the videos back to how they started. */
  reset(): void;
  upsertVideo(entry: EmulatorVideo): void;
  removeVideo(videoId: string): boolean;
}

type JsonObject = Record<string, unknown>;

const BODY_LIMIT = 1024 * 1024;
const API_ACTIONS = new Set(['GetVideoInfo', 'GetVideoInfos']);
const REGION_ALIASES: Readonly<Record<string, string>> = { 'cn-hangzhou': 'cn-shanghai' };
const HOST_REGION = /^vod\.([a-z0-9-]+)\.aliyuncs\.com(:\d+)?$/;

function emptyStats(): EmulatorStats {
  return { requests: 0, byAction: {}, byVideoId: {}, signatureFailures: 0, mediaRequests: 0, log: [] };
}

function newRequestId(): string {
  return randomUUID().toUpperCase();
}

function splitIds(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}

function searchParamsObject(params: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of params) result[name] = value;
  return result;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const piece of req) {
    const buffer = Buffer.isBuffer(piece) ? piece : Buffer.from(String(piece));
    size += buffer.length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

const PROXY_ERROR_PAGE = (status: number): string =>
  `<!DOCTYPE html>\n<html>\n<head><title>${status} Bad Gateway</title></head>\n<body>\n<center><h1>${status} Bad Gateway</h1></center>\n` +
  `<hr><center>Tengine</center>\n</body>\n</html>\n`;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const verify = options.verify ?? true;
  const batchShape = options.batchShape ?? 'wrapped';
  const log = options.log;

  const credentials = new Map<string, EmulatorCredential>();
  for (const credential of [...BUILT_IN_CREDENTIALS, ...(options.credentials ?? [])]) {
    credentials.set(credential.accessKeyId, credential);
  }

  const initialVideos = new Map<string, EmulatorVideo>();
  for (const entry of [...loadVideos(options.dataFile), ...parseVideos(options.videos ?? [], 'options.videos')]) {
    initialVideos.set(entry.video.VideoId, entry);
  }
  let baseUrl = '';
  const store = new VideoStore([...initialVideos.values()], () => baseUrl);
  const faults = new FaultBook();
  let stats = emptyStats();
  let nonces = new Map<string, number>();
  let closed = false;
  const sockets = new Set<Socket>();
  const pendingDelays = new Set<() => void>();

  function useNonce(accessKeyId: string, nonce: string): boolean {
    const key = `${accessKeyId}\n${nonce}`;
    if (nonces.has(key)) return false;
    const now = Date.now();
    nonces.set(key, now);
    if (nonces.size > 50_000) {
      // Past twice the clock window a replay fails on its timestamp anyway.
      for (const [seen, at] of nonces) if (now - at > 2 * MAX_CLOCK_SKEW_MS) nonces.delete(seen);
    }
    return true;
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        pendingDelays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pendingDelays.add(done);
    });
  }

  function writable(res: ServerResponse): boolean {
    return !closed && !res.destroyed && !res.writableEnded && !res.socket?.destroyed;
  }

  function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
    if (!writable(res)) return;
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.length), ...headers });
    res.end(bytes);
  }

  function sendJson(res: ServerResponse, status: number, text: string, requestId: string, headers: Record<string, string> = {}): void {
    send(res, status, 'application/json;charset=utf-8', text, { 'x-acs-request-id': requestId, ...headers });
  }

  function sendApiError(res: ServerResponse, error: ApiError, regionId: string): void {
    const requestId = newRequestId();
    const body = {
      RequestId: requestId,
      HostId: `vod.${regionId}.aliyuncs.com`,
      Code: error.code,
      Message: error.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=vod&requestId=${requestId}`,
    };
    sendJson(res, error.status, JSON.stringify(body), requestId, error.headers ?? {});
  }

  function record(entry: RequestLogEntry): void {
    stats.log.push(entry);
    if (stats.log.length > MAX_LOG_ENTRIES) stats.log.splice(0, stats.log.length - MAX_LOG_ENTRIES);
    if (log) {
      const parts = [
        entry.action || '(no action)',
        `region=${entry.regionId}`,
        `ids=${entry.videoIds.length ? entry.videoIds.join(',') : '-'}`,
        `status=${entry.status || 'none'}`,
        ...(entry.code ? [`code=${entry.code}`] : []),
        `sig=${entry.signatureVersion}`,
        ...(entry.fault ? [`fault=${entry.fault}`] : []),
      ];
      log(parts.join(' '));
    }
  }

  function regionOf(params: Record<string, string>, host: string | undefined): string {
    const region = params.RegionId || HOST_REGION.exec(host ?? '')?.[1] || DEFAULT_REGION_ID;
    return REGION_ALIASES[region] ?? region;
  }

  function credentialError(credential: EmulatorCredential): ApiError | undefined {
    switch (credential.behaviour) {
      case 'forbidden':
        return FORBIDDEN;
      case 'notActivated':
        return NOT_ACTIVATED;
      case 'suspended':
        return SUSPENDED;
      default:
        return undefined;
    }
  }

  /** The real answer: a JSON body, or an error. */
  function answer(action: string, params: Record<string, string>, regionId: string, requestId: string): { text: string } | ApiError {
    if (action === 'GetVideoInfo') {
      const videoId = params.VideoId?.trim();
      if (!videoId) return missingParameter('VideoId');
      const entry = store.find(videoId, regionId);
      if (!entry) return VIDEO_NOT_FOUND;
      return { text: `{"RequestId":${JSON.stringify(requestId)},"Video":${store.json(entry)}}` };
    }
    // GetVideoInfos
    if (params.VideoIds === undefined || splitIds(params.VideoIds).length === 0) return missingParameter('VideoIds');
    const ids = splitIds(params.VideoIds);
    if (ids.length > MAX_BATCH_IDS) {
      return invalidParameter('VideoIds', `The parameter "VideoIds" holds ${ids.length} ids; at most ${MAX_BATCH_IDS} are allowed.`);
    }
    const found: string[] = [];
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const entry = store.find(id, regionId);
      if (entry) found.push(store.json(entry));
      else missing.push(id);
    }
    const videos = `[${found.join(',')}]`;
    const absent = JSON.stringify(missing);
    const text =
      batchShape === 'wrapped'
        ? `{"RequestId":${JSON.stringify(requestId)},"VideoList":{"Video":${videos}},"NonExistVideoIds":{"VideoId":${absent}}}`
        : `{"RequestId":${JSON.stringify(requestId)},"VideoList":${videos},"NonExistVideoIds":${absent}}`;
    return { text };
  }

  function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, action: string, videoIds: string[], regionId: string): { status: number; code?: string } {
    const requestId = newRequestId();
    switch (fault.type) {
      case 'latency':
        return { status: 0 }; // never terminal: FaultBook adds latencies up instead
      case 'status': {
        const error = fault.status === 503 ? SERVICE_UNAVAILABLE : INTERNAL_ERROR;
        sendApiError(res, error, regionId);
        return { status: error.status, code: error.code };
      }
      case 'throttling': {
        const error = throttling(fault.status ?? 400, fault.retryAfter);
        sendApiError(res, error, regionId);
        return { status: error.status, code: error.code };
      }
      case 'malformedJson': {
        const whole = JSON.stringify({
          RequestId: requestId,
          Video: { VideoId: videoIds[0] ?? '', Title: 'This answer is cut off halfway', Status: 'Normal', Duration: 135.6 },
        });
        sendJson(res, 200, whole.slice(0, Math.floor(whole.length / 2)), requestId);
        return { status: 200 };
      }
      case 'html': {
        const status = fault.status ?? 502;
        send(res, status, 'text/html', PROXY_ERROR_PAGE(status));
        return { status };
      }
      case 'reset':
        req.socket.resetAndDestroy();
        return { status: 0 };
      case 'hang':
        return { status: 0 };
      case 'schema': {
        const body: JsonObject =
          action === 'GetVideoInfos'
            ? { RequestId: requestId, VideoList: 42, NonExistVideoIds: 'none' }
            : { RequestId: requestId, Video: videoIds[0] ?? 'not-a-video-object' };
        sendJson(res, 200, JSON.stringify(body), requestId);
        return { status: 200 };
      }
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    const rawPath = (req.url ?? '/').split('?')[0] || '/';
    const contentType = headerValue(req.headers, 'content-type') ?? '';
    const request: ApiRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      rawPath,
      query: searchParamsObject(url.searchParams),
      form:
        body && contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')
          ? searchParamsObject(new URLSearchParams(body.toString('utf8')))
          : {},
      headers: req.headers,
      body: body ?? Buffer.alloc(0),
    };
    const params = rpcParams(request);
    const signatureVersion = signatureVersionOf(request);
    const actionHeader = headerValue(req.headers, 'x-acs-action');
    const action = (signatureVersion === 'v3' ? actionHeader || params.Action : params.Action || actionHeader) ?? '';
    const version = signatureVersion === 'v3' ? headerValue(req.headers, 'x-acs-version') || params.Version : params.Version || headerValue(req.headers, 'x-acs-version');
    const regionId = regionOf(params, headerValue(req.headers, 'host'));
    const videoIds = action === 'GetVideoInfo' ? splitIds(params.VideoId).slice(0, 1) : action === 'GetVideoInfos' ? splitIds(params.VideoIds) : [];

    stats.requests += 1;
    const actionKey = action || '(none)';
    stats.byAction[actionKey] = (stats.byAction[actionKey] ?? 0) + 1;
    for (const id of new Set(videoIds)) stats.byVideoId[id] = (stats.byVideoId[id] ?? 0) + 1;
    const entry: RequestLogEntry = { action, regionId, videoIds, signatureVersion, status: 0 };

    const fail = (error: ApiError): void => {
      if (error.signatureFailure) stats.signatureFailures += 1;
      sendApiError(res, error, regionId);
      record({ ...entry, status: error.status, code: error.code });
    };

    if (body === undefined) return fail({ status: 413, code: 'InvalidParameter', message: 'The request body is too large.' });

    const plan = faults.take(videoIds);
    if (plan.latencyMs > 0) {
      await delay(plan.latencyMs);
      if (closed) return;
    }
    if (plan.fault) {
      const outcome = applyFault(plan.fault, req, res, action, videoIds, regionId);
      record({ ...entry, ...outcome, fault: plan.fault.type });
      return;
    }

    if (rawPath !== '/') return fail(ACTION_NOT_FOUND);
    if (verify) {
      const verdict = verifySignature(request, {
        credentialFor: (id) => credentials.get(id),
        useNonce,
        now: () => Date.now(),
      });
      if (!verdict.ok) return fail(verdict.error);
      const denied = credentialError(verdict.credential);
      if (denied) return fail(denied);
    }
    if (!action) return fail(missingParameter('Action'));
    if (!API_ACTIONS.has(action)) return fail(ACTION_NOT_FOUND);
    if (!version && verify) return fail(missingParameter('Version'));
    if (version && version !== VOD_API_VERSION) return fail(INVALID_VERSION);

    const requestId = newRequestId();
    const result = answer(action, params, regionId, requestId);
    if ('text' in result) {
      sendJson(res, 200, result.text, requestId);
      record({ ...entry, status: 200 });
    } else {
      fail(result);
    }
  }

  function handleMedia(req: IncomingMessage, res: ServerResponse, url: URL): void {
    stats.mediaRequests += 1;
    const match = /^\/media\/([a-z0-9-]+)\.png$/.exec(url.pathname);
    const file = match ? mediaFile(match[1]) : undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain;charset=utf-8', 'Method Not Allowed\n', { allow: 'GET, HEAD' });
      return;
    }
    if (!file) {
      send(res, 404, 'text/plain;charset=utf-8', 'Not Found\n');
      return;
    }
    if (!writable(res)) return;
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': String(file.body.length),
      'cache-control': 'public, max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function resetAll(): void {
    stats = emptyStats();
    faults.clear();
    nonces = new Map();
    store.restore();
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const reply = (status: number, value: unknown): void => send(res, status, 'application/json;charset=utf-8', JSON.stringify(value));
    const readJson = async (): Promise<unknown> => {
      const body = await readBody(req);
      if (body === undefined) throw new Error('body too large');
      return body.length ? JSON.parse(body.toString('utf8')) : {};
    };
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    try {
      if (route === 'POST /__emulator/faults') {
        const parsed = faultRequestSchema.safeParse(await readJson());
        if (!parsed.success) return reply(400, { error: z.prettifyError(parsed.error) });
        faults.add(parsed.data.fault, { videoId: parsed.data.videoId, times: parsed.data.times });
        return reply(200, { ok: true, faults: faults.size });
      }
      if (route === 'DELETE /__emulator/faults') {
        faults.clear();
        return reply(200, { ok: true });
      }
      if (route === 'GET /__emulator/stats') return reply(200, structuredClone(stats));
      if (route === 'POST /__emulator/reset') {
        resetAll();
        return reply(200, { ok: true });
      }
      if (route === 'GET /__emulator/health') return reply(200, { ok: true, url: baseUrl, verify });
      if (route === 'POST /__emulator/videos') {
        const parsed = videoEntrySchema.safeParse(await readJson());
        if (!parsed.success) return reply(400, { error: z.prettifyError(parsed.error) });
        store.upsert(parsed.data);
        return reply(200, { ok: true });
      }
      const removal = /^DELETE \/__emulator\/videos\/([^/]+)$/.exec(route);
      if (removal) return reply(200, { ok: true, removed: store.remove(decodeURIComponent(removal[1])) });
      return reply(404, { error: `no control route ${route}` });
    } catch (error) {
      return reply(400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const work = url.pathname.startsWith('/__emulator/')
      ? handleControl(req, res, url)
      : url.pathname.startsWith('/media/')
        ? Promise.resolve(handleMedia(req, res, url))
        : handleApi(req, res, url);
    work.catch((error: unknown) => {
      log?.(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendApiError(res, INTERNAL_ERROR, DEFAULT_REGION_ID);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        for (const done of [...pendingDelays]) done();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
    setFault: (fault, scope) => faults.add(fault, scope),
    clearFaults: () => faults.clear(),
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    reset: resetAll,
    upsertVideo: (entry) => store.upsert(parseVideos([entry], 'upsertVideo')[0]),
    removeVideo: (videoId) => store.remove(videoId),
  };
}
