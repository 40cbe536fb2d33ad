// Signature checks, V1 (RPC, HMAC-SHA1) and V3 (ACS3-HMAC-SHA256). The signatures themselves are
// recomputed with the official signer, @alicloud/openapi-util, so that the emulator never agrees with a
// bug in the project's own signer. The string to sign is rebuilt here only to echo it in the error
// message, as the real service does.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import OpenApiUtil from '@alicloud/openapi-util';
import type { EmulatorCredential } from './credentials';
import {
  ACCESS_KEY_NOT_FOUND,
  type ApiError,
  incompleteSignature,
  invalidParameter,
  missingParameter,
  NONCE_USED,
  signatureDoesNotMatch,
  TIMESTAMP_EXPIRED,
  TIMESTAMP_FORMAT,
  TOKEN_EXPIRED,
  TOKEN_MISMATCH,
} from './errors';

export type SignatureVersion = 'v1' | 'v3' | 'none';

/** An API request as received, before any interpretation. */
export interface ApiRequest {
  method: string;
  /** The path exactly as sent, without the query string. */
  rawPath: string;
  query: Record<string, string>;
  /** Parameters of an application/x-www-form-urlencoded body. */
  form: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface VerifyContext {
  credentialFor(accessKeyId: string): EmulatorCredential | undefined;
  /** Records the nonce; false when it was already used by this AccessKeyId. */
  useNonce(accessKeyId: string, nonce: string): boolean;
  now(): number;
}

export type VerifyResult = { ok: true; credential: EmulatorCredential } | { ok: false; error: ApiError };

/** How far a client clock may be off, as on the real service. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const V3_ALGORITHM = 'ACS3-HMAC-SHA256';
const V3_REQUIRED_HEADERS = ['x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];
const V3_AUTHORIZATION = /^(\S+)\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function signatureVersionOf(request: ApiRequest): SignatureVersion {
  if (headerValue(request.headers, 'authorization') !== undefined) return 'v3';
  if (request.query.Signature !== undefined || request.form.Signature !== undefined) return 'v1';
  return 'none';
}

/** Parameters the way the official RPC signers merge them: query first, then the form body. */
export function rpcParams(request: ApiRequest): Record<string, string> {
  return { ...request.query, ...request.form };
}

export function verifySignature(request: ApiRequest, context: VerifyContext): VerifyResult {
  return signatureVersionOf(request) === 'v3' ? verifyV3(request, context) : verifyV1(request, context);
}

function fail(error: ApiError): VerifyResult {
  return { ok: false, error };
}

function checkTimestamp(value: string, now: number): ApiError | undefined {
  if (!TIMESTAMP.test(value)) return TIMESTAMP_FORMAT;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return TIMESTAMP_FORMAT;
  return Math.abs(now - time) > MAX_CLOCK_SKEW_MS ? TIMESTAMP_EXPIRED : undefined;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function checkToken(credential: EmulatorCredential, token: string | undefined): ApiError | undefined {
  if (credential.securityToken === undefined) return token === undefined ? undefined : TOKEN_MISMATCH;
  if (token === undefined) return TOKEN_MISMATCH;
  if (!sameText(token, credential.securityToken)) return TOKEN_MISMATCH;
  return credential.behaviour === 'expiredToken' ? TOKEN_EXPIRED : undefined;
}

/** RFC 3986 encoding as the official signers do it. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function v1StringToSign(method: string, params: Record<string, string>): string {
  const canonical = Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`)
    .join('&');
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

function verifyV1(request: ApiRequest, context: VerifyContext): VerifyResult {
  const params = rpcParams(request);
  for (const name of ['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp']) {
    if (!params[name]) return fail(missingParameter(name, true));
  }
  if (params.SignatureMethod !== 'HMAC-SHA1') return fail({ ...invalidParameter('SignatureMethod'), signatureFailure: true });
  if (params.SignatureVersion !== '1.0') return fail({ ...invalidParameter('SignatureVersion'), signatureFailure: true });
  const skew = checkTimestamp(params.Timestamp, context.now());
  if (skew) return fail(skew);

  const credential = context.credentialFor(params.AccessKeyId);
  if (!credential) return fail(ACCESS_KEY_NOT_FOUND);

  const signed: Record<string, string> = { ...params };
  delete signed.Signature;
  const expected = OpenApiUtil.getRPCSignature(signed, request.method, credential.accessKeySecret);
  if (!sameText(expected, params.Signature)) return fail(signatureDoesNotMatch(v1StringToSign(request.method, signed)));

  if (!context.useNonce(credential.accessKeyId, params.SignatureNonce)) return fail(NONCE_USED);
  const token = checkToken(credential, params.SecurityToken);
  return token ? fail(token) : { ok: true, credential };
}

interface V3Authorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

function parseV3Authorization(value: string): V3Authorization | undefined {
  const match = V3_AUTHORIZATION.exec(value.trim());
  if (!match) return undefined;
  return {
    algorithm: match[1],
    accessKeyId: match[2],
    signedHeaders: match[3].split(';').map((name) => name.trim().toLowerCase()),
    signature: match[4].toLowerCase(),
  };
}

/** The canonical request of a V3 signature, built like @alicloud/openapi-util's getAuthorization. */
export function v3CanonicalRequest(
  method: string,
  path: string,
  query: Record<string, string>,
  headers: Record<string, string>,
  hashedPayload: string,
): string {
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((name) => `${name}=${percentEncode(query[name] ?? '')}`)
    .join('&');
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .filter((name) => name.startsWith('x-acs-') || name === 'host' || name === 'content-type')
    .sort();
  const canonicalHeaders = names.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join('');
  return [method, path, canonicalQuery, canonicalHeaders, names.join(';'), hashedPayload].join('\n');
}

export function v3StringToSign(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')}`;
}

/** Only for tests: the V3 signature of a string to sign. */
export function v3Sign(stringToSign: string, secret: string): string {
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
}

function verifyV3(request: ApiRequest, context: VerifyContext): VerifyResult {
  const authorization = parseV3Authorization(headerValue(request.headers, 'authorization') ?? '');
  if (!authorization) return fail(incompleteSignature('The Authorization header is not well formed.'));
  if (authorization.algorithm !== V3_ALGORITHM) {
    return fail(incompleteSignature(`Unsupported signature algorithm ${authorization.algorithm}.`));
  }
  for (const name of V3_REQUIRED_HEADERS) {
    if (!headerValue(request.headers, name)) return fail(missingParameter(name, true));
  }
  const mustSign = ['host', ...V3_REQUIRED_HEADERS];
  if (headerValue(request.headers, 'x-acs-security-token') !== undefined) mustSign.push('x-acs-security-token');
  const unsigned = mustSign.find((name) => !authorization.signedHeaders.includes(name));
  if (unsigned) return fail(incompleteSignature(`The header ${unsigned} is not signed.`));

  const skew = checkTimestamp(headerValue(request.headers, 'x-acs-date') ?? '', context.now());
  if (skew) return fail(skew);

  const credential = context.credentialFor(authorization.accessKeyId);
  if (!credential) return fail(ACCESS_KEY_NOT_FOUND);

  const signedHeaders: Record<string, string> = {};
  for (const name of authorization.signedHeaders) signedHeaders[name] = headerValue(request.headers, name) ?? '';
  // The payload hash is the server's own, so a wrong x-acs-content-sha256 cannot match.
  const hashedPayload = createHash('sha256').update(request.body).digest('hex');
  const expected = OpenApiUtil.getAuthorization(
    {
      protocol: 'http',
      port: 0,
      method: request.method,
      pathname: request.rawPath,
      query: request.query,
      headers: signedHeaders,
      body: Readable.from([]),
    },
    V3_ALGORITHM,
    hashedPayload,
    authorization.accessKeyId,
    credential.accessKeySecret,
  );
  const expectedSignature = /Signature=([0-9a-f]+)$/.exec(expected)?.[1] ?? '';
  if (!sameText(expectedSignature, authorization.signature)) {
    const canonical = v3CanonicalRequest(request.method, request.rawPath, request.query, signedHeaders, hashedPayload);
    return fail(signatureDoesNotMatch(v3StringToSign(canonical)));
  }

  if (!context.useNonce(credential.accessKeyId, headerValue(request.headers, 'x-acs-signature-nonce') ?? '')) {
    return fail(NONCE_USED);
  }
  const token = checkToken(credential, headerValue(request.headers, 'x-acs-security-token'));
  return token ? fail(token) : { ok: true, credential };
}
