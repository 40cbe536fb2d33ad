// zod/mini: the same validation as zod's classic API at a twentieth of the bundle size.
import * as z from 'zod/mini';

// The API's answers as seen in the wild (numbers as strings, three Snapshots shapes, missing fields),
// validated with zod and normalized into one `VideoInfo`.

export const VIDEO_STATUSES = ['Uploading', 'UploadFail', 'UploadSucc', 'Transcoding', 'TranscodeFail', 'Blocked', 'Normal'] as const;
export type VideoStatus = (typeof VIDEO_STATUSES)[number];

/** One video, normalized: numbers as numbers, tags and snapshots as arrays, only http(s) URLs. */
export interface VideoInfo {
  videoId: string;
  title: string;
  /** One of VIDEO_STATUSES, or whatever new word the API answers. */
  status: string;
  auditStatus?: string;
  description?: string;
  duration?: number;
  size?: number;
  coverUrl?: string;
  snapshots: string[];
  tags: string[];
  cateId?: number;
  cateName?: string;
  creationTime?: string;
  modificationTime?: string;
  appId?: string;
  regionId?: string;
  storageLocation?: string;
  storageClass?: string;
  templateGroupId?: string;
  referenceId?: string;
  downloadSwitch?: string;
  restoreStatus?: string;
  restoreExpiration?: string;
  /** The raw UserData string (usually JSON). */
  userData?: string;
  /** Fields the API sent that this version does not know, kept so the panel can show every field. */
  extra: Record<string, string>;
}

const optionalText = z.pipe(
  z.optional(z.union([z.string(), z.number(), z.boolean(), z.null()])),
  z.transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v))),
);
const optionalNumber = z.pipe(
  z.optional(z.union([z.number(), z.string(), z.null()])),
  z.transform((v) => {
    if (v === null || v === undefined || v === '') return undefined;
    const n = typeof v === 'number' ? v : Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }),
);

/** `{"Snapshot":[...]}`, a plain array, or `{"Snapshot":"<JSON-encoded array>"}`. */
const snapshots = z.pipe(
  z.optional(z.union([z.array(z.unknown()), z.looseObject({ Snapshot: z.optional(z.unknown()) }), z.string(), z.null()])),
  z.transform((v): unknown[] => {
    const inner = v && typeof v === 'object' && !Array.isArray(v) ? v.Snapshot : v;
    if (Array.isArray(inner)) return inner;
    if (typeof inner === 'string') {
      const trimmed = inner.trim();
      if (trimmed.startsWith('[')) {
        try {
          const parsed: unknown = JSON.parse(trimmed);
          return Array.isArray(parsed) ? parsed : [];
        } catch {
          return [];
        }
      }
      return trimmed ? [trimmed] : [];
    }
    return [];
  }),
);

export const rawVideoSchema = z.looseObject({
    VideoId: z.string(),
    Title: optionalText,
    Status: optionalText,
    AuditStatus: optionalText,
    Description: optionalText,
    Duration: optionalNumber,
    Size: optionalNumber,
    CoverURL: optionalText,
    Snapshots: snapshots,
    Tags: optionalText,
    CateId: optionalNumber,
    CateName: optionalText,
    CreationTime: optionalText,
    ModificationTime: optionalText,
    AppId: optionalText,
    RegionId: optionalText,
    StorageLocation: optionalText,
    StorageClass: optionalText,
    TemplateGroupId: optionalText,
    ReferenceId: optionalText,
    DownloadSwitch: optionalText,
    RestoreStatus: optionalText,
    RestoreExpiration: optionalText,
  UserData: optionalText,
});

const KNOWN_FIELDS = new Set(Object.keys(rawVideoSchema.shape));
// Deprecated and never meaningful: not worth a row in the panel.
const DROPPED_FIELDS = new Set(['CustomMediaInfo']);

/** Only absolute http(s) URLs pass; `javascript:`, `data:`, `file:` and garbage are dropped. */
export function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function normalizeVideo(raw: z.infer<typeof rawVideoSchema>): VideoInfo {
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (KNOWN_FIELDS.has(k) || DROPPED_FIELDS.has(k) || v === null || v === undefined) continue;
    extra[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  const info: VideoInfo = {
    videoId: raw.VideoId,
    title: raw.Title ?? '',
    status: raw.Status ?? 'Unknown',
    snapshots: (raw.Snapshots ?? []).map(safeHttpUrl).filter((u): u is string => u !== undefined),
    tags: (raw.Tags ?? '')
      .split(/[,，]/)
      .map((t) => t.trim())
      .filter(Boolean),
    extra,
  };
  const optional = {
    auditStatus: raw.AuditStatus,
    description: raw.Description,
    duration: raw.Duration,
    size: raw.Size,
    coverUrl: safeHttpUrl(raw.CoverURL),
    cateId: raw.CateId,
    cateName: raw.CateName,
    creationTime: raw.CreationTime,
    modificationTime: raw.ModificationTime,
    appId: raw.AppId,
    regionId: raw.RegionId,
    storageLocation: raw.StorageLocation,
    storageClass: raw.StorageClass,
    templateGroupId: raw.TemplateGroupId,
    referenceId: raw.ReferenceId,
    downloadSwitch: raw.DownloadSwitch,
    restoreStatus: raw.RestoreStatus,
    restoreExpiration: raw.RestoreExpiration,
    userData: raw.UserData,
  };
  for (const [k, v] of Object.entries(optional)) {
    if (v !== undefined) (info as unknown as Record<string, unknown>)[k] = v;
  }
  return info;
}

export const getVideoInfoResponse = z.looseObject({ RequestId: z.optional(z.string()), Video: rawVideoSchema });

const idList = z.pipe(
  z.optional(z.union([z.array(z.string()), z.looseObject({ VideoId: z.optional(z.union([z.array(z.string()), z.string()])) }), z.null()])),
  z.transform((v): string[] => {
    if (!v) return [];
    if (Array.isArray(v)) return v;
    const ids = v.VideoId;
    return ids === undefined ? [] : Array.isArray(ids) ? ids : [ids];
  }),
);

const videoList = z.pipe(
  z.optional(z.union([z.array(rawVideoSchema), z.looseObject({ Video: z.optional(z.union([z.array(rawVideoSchema), rawVideoSchema])) }), z.null()])),
  z.transform((v) => {
    if (!v) return [];
    if (Array.isArray(v)) return v;
    const list = v.Video;
    return list === undefined ? [] : Array.isArray(list) ? list : [list];
  }),
);

export const getVideoInfosResponse = z.looseObject({ RequestId: z.optional(z.string()), VideoList: videoList, NonExistVideoIds: idList });

export const apiErrorBody = z.looseObject({
  Code: z.string(),
  Message: z.optional(z.string()),
  RequestId: z.optional(z.string()),
  HostId: z.optional(z.string()),
  Recommend: z.optional(z.string()),
});

/** zod's issues as one short line, for a `schemaMismatch` hint. */
export function describeIssues(error: { issues: ReadonlyArray<z.core.$ZodIssue> }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.code === 'invalid_type' ? `expected ${i.expected}` : i.message}`)
    .join('; ');
}
