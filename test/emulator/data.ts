// The videos the emulator knows: each stored in one region, kept in the raw API shape.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** A Video object exactly as GetVideoInfo returns it (raw, not normalized). */
export type RawVideo = { VideoId: string } & Record<string, unknown>;

export interface EmulatorVideo {
  /** The API region the video is stored in; lookups from any other region answer InvalidVideo.NotFound. */
  regionId: string;
  video: RawVideo;
  /** What the fixture is for; never served. */
  note?: string;
}

export const DEFAULT_DATA_FILE = fileURLToPath(new URL('./videos.json', import.meta.url));

/** Replaced at serve time by the emulator's own base URL, e.g. http://127.0.0.1:41234. */
export const BASE_PLACEHOLDER = '{{base}}';

function isRawVideo(value: unknown): value is RawVideo {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const id: unknown = Reflect.get(value, 'VideoId');
  return typeof id === 'string' && id.length > 0;
}

export const videoEntrySchema = z.object({
  regionId: z.string().min(1),
  note: z.string().optional(),
  // z.custom keeps the object as it is, fields in their order, rather than rebuilding it.
  video: z.custom<RawVideo>(isRawVideo, 'video must be an object with a non-empty VideoId'),
});

const dataFileSchema = z.union([
  z.array(videoEntrySchema),
  z.looseObject({ videos: z.array(videoEntrySchema) }).transform((file) => file.videos),
]);

export function parseVideos(json: unknown, source = 'video data'): EmulatorVideo[] {
  const result = dataFileSchema.safeParse(json);
  if (!result.success) throw new Error(`${source}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** Reads a data file: `{"videos": [{regionId, video, note?}, ...]}` or just the array. */
export function loadVideos(file: string = DEFAULT_DATA_FILE): EmulatorVideo[] {
  const text = readFileSync(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return parseVideos(json, file);
}

/** The video as served, as JSON text: every {{base}} replaced by `baseUrl`. */
export function renderVideoJson(video: RawVideo, baseUrl: string): string {
  return JSON.stringify(video).replaceAll(BASE_PLACEHOLDER, baseUrl);
}

export class VideoStore {
  private byId = new Map<string, EmulatorVideo>();
  // Rendered once per entry: the benchmarks measure the client, not this server.
  private rendered = new WeakMap<EmulatorVideo, string>();

  constructor(
    private readonly initial: readonly EmulatorVideo[],
    private readonly baseUrl: () => string,
  ) {
    this.restore();
  }

  /** The video as served (JSON text). */
  json(entry: EmulatorVideo): string {
    let text = this.rendered.get(entry);
    if (text === undefined) {
      text = renderVideoJson(entry.video, this.baseUrl());
      this.rendered.set(entry, text);
    }
    return text;
  }

  restore(): void {
    this.byId = new Map(this.initial.map((entry) => [entry.video.VideoId, entry]));
  }

  upsert(entry: EmulatorVideo): void {
    this.byId.set(entry.video.VideoId, entry);
  }

  remove(videoId: string): boolean {
    return this.byId.delete(videoId);
  }

  /** The video, only when it is stored in `regionId`. */
  find(videoId: string, regionId: string): EmulatorVideo | undefined {
    const entry = this.byId.get(videoId);
    return entry && entry.regionId === regionId ? entry : undefined;
  }

  all(): EmulatorVideo[] {
    return [...this.byId.values()];
  }
}
