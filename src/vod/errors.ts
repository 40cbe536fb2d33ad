import { formatHint, type Hint, type Locale } from './hints';

/** What went wrong, in the terms a caller branches on. */
export type VodErrorKind =
  | 'api' // the VOD API answered with an error code
  | 'network' // no answer: connection refused, reset, DNS
  | 'timeout' // an attempt took longer than the timeout
  | 'cancelled' // the caller aborted
  | 'response' // an answer that is not JSON or not of the expected shape
  | 'input' // a malformed id, region or endpoint
  | 'credentials'; // none found, or of a kind we cannot use

export interface VodErrorInit {
  kind: VodErrorKind;
  hint: Hint;
  /** The API's code (`InvalidVideo.NotFound`) or a local one (`NetworkError`). */
  code: string;
  status?: number;
  requestId?: string;
  /** The server's own message, already redacted. */
  serverMessage?: string;
  retryable?: boolean;
  /** How long the server asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
}

/** The one error type of the domain: a code, an HTTP status, the RequestId and an actionable hint. */
export class VodError extends Error {
  readonly kind: VodErrorKind;
  readonly hint: Hint;
  readonly code: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly serverMessage: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(init: VodErrorInit) {
    super(formatHint(init.hint, 'en'));
    this.name = 'VodError';
    this.kind = init.kind;
    this.hint = init.hint;
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.serverMessage = init.serverMessage;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The hint in the given language, followed by the code and RequestId to quote in a ticket. */
  describe(locale: Locale = 'en'): string {
    const facts = [this.code, this.status !== undefined ? `HTTP ${this.status}` : '', this.requestId ? `RequestId ${this.requestId}` : '']
      .filter(Boolean)
      .join(', ');
    return `${formatHint(this.hint, locale)} (${facts})`;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, kind: this.kind, status: this.status, requestId: this.requestId, hint: this.hint, message: this.message };
  }
}

export function isVodError(e: unknown): e is VodError {
  return e instanceof VodError;
}

export function inputError(hint: Hint): VodError {
  return new VodError({ kind: 'input', code: 'InvalidInput', hint });
}

export function credentialsError(hint: Hint): VodError {
  return new VodError({ kind: 'credentials', code: 'CredentialsError', hint });
}

export function cancelledError(): VodError {
  return new VodError({ kind: 'cancelled', code: 'Cancelled', hint: { code: 'cancelled' } });
}

const REDACTED = '[redacted]';

/**
 * Removes secrets from text that may be shown or logged: the given secret values (raw, and once and
 * twice percent-encoded, as they appear in a server's echoed StringToSign), whatever follows
 * "string to sign", and any Signature/SecurityToken parameter or Authorization header value.
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    const once = encodeURIComponent(s);
    for (const form of new Set([s, once, encodeURIComponent(once)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  const names = '(?:Signature|SecurityToken|AccessKeySecret|x-acs-security-token|authorization)';
  return out
    .replace(/(string\s*to\s*sign\s*(is)?\s*[:=]?\s*)[\s\S]*/i, `$1${REDACTED}`)
    .replace(new RegExp(`(${names}%253D).*?(?=%2526|$|\\s)`, 'gi'), `$1${REDACTED}`)
    .replace(new RegExp(`(${names}%3D).*?(?=%26|$|\\s)`, 'gi'), `$1${REDACTED}`)
    .replace(new RegExp(`(${names}(?:=|:\\s*|"\\s*:\\s*"))[^&\\s"',;]+`, 'gi'), `$1${REDACTED}`);
}
