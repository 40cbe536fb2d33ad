// Requests signed with the official signer (@alicloud/openapi-util), never with the project's own code:
// the emulator's tests use them to prove what the emulator accepts and rejects.
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import OpenApiUtil from '@alicloud/openapi-util';
import { percentEncode } from './signature';

export interface SigningCredential {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface SignedRequest {
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string };
  /** For tests of the string-to-sign echo: exactly what was signed. */
  signedParams: Record<string, string>;
}

export interface SignOptions {
  baseUrl: string;
  credential: SigningCredential;
  action: string;
  params?: Record<string, string>;
  method?: 'GET' | 'POST';
  /** Default: now. */
  timestamp?: Date;
  /** Default: a fresh UUID. */
  nonce?: string;
  version?: string;
}

/** `YYYY-MM-DDThh:mm:ssZ`, as both signatures want it. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function toQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`)
    .join('&');
}

/**
 * Signature V1 (HMAC-SHA1). GET puts every parameter in the query string; POST sends them as an
 * application/x-www-form-urlencoded body, as @alicloud/pop-core does.
 */
export function signV1(options: SignOptions): SignedRequest {
  const method = options.method ?? 'GET';
  const params: Record<string, string> = {
    Action: options.action,
    Version: options.version ?? '2017-03-21',
    Format: 'JSON',
    AccessKeyId: options.credential.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: options.nonce ?? randomUUID(),
    Timestamp: isoSeconds(options.timestamp ?? new Date()),
    ...(options.credential.securityToken ? { SecurityToken: options.credential.securityToken } : {}),
    ...options.params,
  };
  const signature = OpenApiUtil.getRPCSignature(params, method, options.credential.accessKeySecret);
  const all = toQuery({ ...params, Signature: signature });
  if (method === 'POST') {
    return {
      url: `${options.baseUrl}/`,
      init: { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: all },
      signedParams: params,
    };
  }
  return { url: `${options.baseUrl}/?${all}`, init: { method, headers: {} }, signedParams: params };
}

export interface SignV3Options extends SignOptions {
  /** Form body (sent as application/x-www-form-urlencoded and covered by x-acs-content-sha256). */
  form?: Record<string, string>;
  /** Overrides the x-acs-content-sha256 header after signing with it (to test a lying client). */
  claimedContentSha256?: string;
}

/** Signature V3 (ACS3-HMAC-SHA256): parameters in the query string, x-acs-* headers, Authorization. */
export function signV3(options: SignV3Options): SignedRequest {
  const method = options.method ?? 'POST';
  const host = new URL(options.baseUrl).host;
  const query = { ...options.params };
  const body = options.form ? toQuery(options.form) : '';
  const hashed = options.claimedContentSha256 ?? createHash('sha256').update(body, 'utf8').digest('hex');
  const headers: Record<string, string> = {
    host,
    'x-acs-action': options.action,
    'x-acs-version': options.version ?? '2017-03-21',
    'x-acs-date': isoSeconds(options.timestamp ?? new Date()),
    'x-acs-signature-nonce': options.nonce ?? randomUUID(),
    'x-acs-content-sha256': hashed,
    ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...(options.credential.securityToken ? { 'x-acs-security-token': options.credential.securityToken } : {}),
  };
  headers.Authorization = OpenApiUtil.getAuthorization(
    { protocol: 'http', port: 0, method, pathname: '/', query, headers, body: Readable.from([]) },
    'ACS3-HMAC-SHA256',
    hashed,
    options.credential.accessKeyId,
    options.credential.accessKeySecret,
  );
  // fetch sets Host itself, from the URL: the same value that was signed.
  const { host: _host, ...sent } = headers;
  const search = toQuery(query);
  return {
    url: `${options.baseUrl}/${search ? `?${search}` : ''}`,
    init: { method, headers: sent, ...(options.form ? { body } : {}) },
    signedParams: query,
  };
}
