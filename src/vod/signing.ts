import { createHash, createHmac, randomBytes } from 'node:crypto';

// Alibaba Cloud's two request signatures. Both are pure functions of their inputs, so the known
// answers in vod-api.md can be checked; the `sign*Request` wrappers add a fresh nonce and timestamp.

export type SignatureVersion = 'v1' | 'v3';

export interface SigningKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** RFC 3986 percent-encoding of UTF-8: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Sorted by raw name (as the official SDKs do), encoded, joined with `&`. */
export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** UTC, second precision: `2026-11-25T01:23:45Z`. */
export function utcTimestamp(now: Date = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---------------------------------------------------------------- V1: HMAC-SHA1, RPC style

export function rpcStringToSign(method: string, params: Readonly<Record<string, string>>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

/** Base64(HMAC-SHA1(secret + "&", StringToSign)) over every parameter except `Signature`. */
export function rpcSignature(method: string, params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  const { Signature: _ignored, ...signed } = params;
  return createHmac('sha1', `${accessKeySecret}&`).update(rpcStringToSign(method, signed), 'utf8').digest('base64');
}

export interface RpcRequestInput {
  method: 'GET' | 'POST';
  action: string;
  version: string;
  params: Readonly<Record<string, string>>;
  key: SigningKey;
  /** For tests only; a fresh one is made otherwise. */
  nonce?: string;
  now?: Date;
}

/** The complete, signed V1 parameter set, `Signature` included, ready for the query string. */
export function signRpcRequest(input: RpcRequestInput): Record<string, string> {
  const params: Record<string, string> = {
    ...input.params,
    Action: input.action,
    Version: input.version,
    Format: 'JSON',
    AccessKeyId: input.key.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: input.nonce ?? newNonce(),
    Timestamp: utcTimestamp(input.now),
  };
  if (input.key.securityToken) params.SecurityToken = input.key.securityToken;
  params.Signature = rpcSignature(input.method, params, input.key.accessKeySecret);
  return params;
}

// ---------------------------------------------------------------- V3: ACS3-HMAC-SHA256

export const ACS3 = 'ACS3-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface Acs3Input {
  method: string;
  pathname?: string;
  query: Readonly<Record<string, string>>;
  /** Any case; `host`, `content-type` and every `x-acs-*` header are signed. */
  headers: Readonly<Record<string, string>>;
  hashedPayload?: string;
}

function signedHeaderEntries(headers: Readonly<Record<string, string>>): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'host' || lower === 'content-type' || lower.startsWith('x-acs-')) entries.push([lower, value.trim()]);
  }
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function acs3CanonicalRequest(input: Acs3Input): { canonicalRequest: string; signedHeaders: string } {
  const entries = signedHeaderEntries(input.headers);
  const signedHeaders = entries.map(([n]) => n).join(';');
  const canonicalHeaders = entries.map(([n, v]) => `${n}:${v}\n`).join('');
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.pathname ?? '/',
    canonicalQuery(input.query),
    canonicalHeaders,
    signedHeaders,
    input.hashedPayload ?? EMPTY_SHA256,
  ].join('\n');
  return { canonicalRequest, signedHeaders };
}

export function acs3Signature(input: Acs3Input, accessKeySecret: string): { signature: string; signedHeaders: string } {
  const { canonicalRequest, signedHeaders } = acs3CanonicalRequest(input);
  const stringToSign = `${ACS3}\n${createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')}`;
  const signature = createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
  return { signature, signedHeaders };
}

export interface Acs3RequestInput {
  method: 'GET' | 'POST';
  host: string;
  action: string;
  version: string;
  query: Readonly<Record<string, string>>;
  key: SigningKey;
  nonce?: string;
  now?: Date;
}

/** The headers of a signed V3 request with an empty body, `Authorization` included. */
export function signAcs3Request(input: Acs3RequestInput): Record<string, string> {
  const headers: Record<string, string> = {
    host: input.host,
    'x-acs-action': input.action,
    'x-acs-version': input.version,
    'x-acs-date': utcTimestamp(input.now),
    'x-acs-signature-nonce': input.nonce ?? newNonce(),
    'x-acs-content-sha256': EMPTY_SHA256,
  };
  if (input.key.securityToken) headers['x-acs-security-token'] = input.key.securityToken;
  const { signature, signedHeaders } = acs3Signature(
    { method: input.method, pathname: '/', query: input.query, headers, hashedPayload: EMPTY_SHA256 },
    input.key.accessKeySecret,
  );
  headers.authorization = `${ACS3} Credential=${input.key.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return headers;
}
