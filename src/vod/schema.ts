import { z } from 'zod';

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

const text = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const optionalText = z.union([text, z.null()]).optional().transform((v) => (v === null || v === undefined || v === '' ? undefined : v));
const optionalNumber = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => {
    if (v === null || v === undefined || v === '') return undefined;
    const n = typeof v === 'number' ? v : Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  });

/** `{"Snapshot":[...]}`, a plain array, or `{"Snapshot":"<JSON-encoded array>"}`. */
const snapshots = z
  .union([z.array(z.unknown()), z.object({ Snapshot: z.unknown().optional() }).loose(), z.string(), z.null()])
  .optional()
  .transform((v): unknown[] => {
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
  });

export const rawVideoSchema = z
  .object({
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
  })
  .loose();

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

export const getVideoInfoResponse = z.object({ RequestId: z.string().optional(), Video: rawVideoSchema }).loose();

const idList = z
  .union([z.array(z.string()), z.object({ VideoId: z.union([z.array(z.string()), z.string()]).optional() }).loose(), z.null()])
  .optional()
  .transform((v): string[] => {
    if (!v) return [];
    if (Array.isArray(v)) return v;
    const ids = v.VideoId;
    return ids === undefined ? [] : Array.isArray(ids) ? ids : [ids];
  });

const videoList = z
  .union([z.array(rawVideoSchema), z.object({ Video: z.union([z.array(rawVideoSchema), rawVideoSchema]).optional() }).loose(), z.null()])
  .optional()
  .transform((v) => {
    if (!v) return [];
    if (Array.isArray(v)) return v;
    const list = v.Video;
    return list === undefined ? [] : Array.isArray(list) ? list : [list];
  });

export const getVideoInfosResponse = z
  .object({ RequestId: z.string().optional(), VideoList: videoList, NonExistVideoIds: idList })
  .loose();

export const apiErrorBody = z
  .object({
    Code: z.string(),
    Message: z.string().optional(),
    RequestId: z.string().optional(),
    HostId: z.string().optional(),
    Recommend: z.string().optional(),
  })
  .loose();

/** zod's issues as one short line, for a `schemaMismatch` hint. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
