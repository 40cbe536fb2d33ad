import type { VideoInfo } from './schema';

// Words and numbers every surface (CLI, hover, panel) shows the same way.

export type StatusTone = 'ok' | 'progress' | 'failed' | 'unknown';

export interface StatusLook {
  tone: StatusTone;
  /** A codicon name: status is never told by colour alone. */
  icon: string;
}

const LOOKS: Record<string, StatusLook> = {
  Normal: { tone: 'ok', icon: 'pass' },
  UploadSucc: { tone: 'ok', icon: 'cloud-upload' },
  Uploading: { tone: 'progress', icon: 'sync' },
  Transcoding: { tone: 'progress', icon: 'sync' },
  UploadFail: { tone: 'failed', icon: 'error' },
  TranscodeFail: { tone: 'failed', icon: 'error' },
  Blocked: { tone: 'failed', icon: 'circle-slash' },
};

export function statusLook(status: string): StatusLook {
  return LOOKS[status] ?? { tone: 'unknown', icon: 'question' };
}

/** Still changing: Uploading or Transcoding. */
export function isInProgress(video: VideoInfo): boolean {
  return statusLook(video.status).tone === 'progress';
}

/** What `scan --check` fails on: a failed upload or transcode, or a video blocked by review. */
export function isFailedVideo(video: VideoInfo): boolean {
  return statusLook(video.status).tone === 'failed' || video.auditStatus === 'Blocked';
}

/** `2:15.6`, `1:02:03`; seconds keep one decimal when the API gives one. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const whole = Math.floor(seconds);
  const tenths = Math.round((seconds - whole) * 10);
  const carry = tenths === 10 ? 1 : 0;
  const s = whole + carry;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const frac = tenths > 0 && tenths < 10 ? `.${tenths}` : '';
  const ss = `${String(sec).padStart(2, '0')}${frac}`;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Binary units, as file managers show them: `10.4 MB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** Removes control characters (terminal escapes among them) and folds runs of white space. */
export function singleLine(text: string, max = Infinity): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** UserData is usually JSON: pretty-print it when it is, keep it as it is otherwise. */
export function prettyUserData(userData: string | undefined): string | undefined {
  if (userData === undefined) return undefined;
  try {
    return JSON.stringify(JSON.parse(userData), null, 2);
  } catch {
    return userData;
  }
}
