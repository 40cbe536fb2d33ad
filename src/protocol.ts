// What the video panel and the extension say to each other: one typed union each way, imported by
// both sides (src/panel.ts and src/webview/main.ts). No API value is ever sent as HTML.

export type FieldKind = 'text' | 'code' | 'time' | 'pre' | 'url' | 'bytes';

export interface PanelField {
  label: string;
  value: string;
  kind: FieldKind;
}

export interface PanelVideo {
  videoId: string;
  title: string;
  description?: string;
  status: string;
  statusTone: 'ok' | 'progress' | 'failed' | 'unknown';
  statusIcon: string;
  auditStatus?: string;
  tags: string[];
  /** `data:` URIs fetched by the extension host; undefined where the image could not be had. */
  cover?: string;
  snapshots: Array<string | undefined>;
  fields: PanelField[];
  region: string;
  fetchedAt: number;
  /** The panel refreshes itself while the video is uploading or transcoding. */
  autoRefreshSeconds?: number;
}

export type PanelState =
  | { kind: 'empty' }
  | { kind: 'loading'; videoId: string }
  | { kind: 'found'; videoId: string; video: PanelVideo }
  | { kind: 'notFound'; videoId: string; message: string; regions: string[] }
  | { kind: 'error'; videoId: string; message: string; code: string; requestId?: string };

/** Words the webview shows, already localized by the extension. */
export interface PanelLabels {
  refresh: string;
  copyId: string;
  copyJson: string;
  searchAllRegions: string;
  retry: string;
  loading: string;
  notFound: string;
  error: string;
  snapshots: string;
  tags: string;
  details: string;
  noCover: string;
  imageUnavailable: string;
  autoRefresh: string;
  utc: string;
  empty: string;
  requestId: string;
  untitled: string;
}

export type ToWebview = { type: 'video/didChange'; state: PanelState; labels: PanelLabels; locale: string };

export type FromWebview =
  | { type: 'webview/ready' }
  | { type: 'video/refresh' }
  | { type: 'video/copyId' }
  | { type: 'video/copyJson' }
  | { type: 'video/searchAllRegions' };

/** The state VS Code keeps for the serializer, to restore the panel after a window reload. */
export interface PersistedPanelState {
  videoId?: string;
}

const FROM_WEBVIEW_TYPES = new Set<FromWebview['type']>([
  'webview/ready',
  'video/refresh',
  'video/copyId',
  'video/copyJson',
  'video/searchAllRegions',
]);

/** Messages from a webview are untrusted input: accept only the known shapes. */
export function isFromWebview(value: unknown): value is FromWebview {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    typeof value.type === 'string' &&
    FROM_WEBVIEW_TYPES.has(value.type as FromWebview['type'])
  );
}
