// Error answers with the codes, HTTP statuses and messages the real VOD endpoint uses.

export interface ApiError {
  status: number;
  code: string;
  message: string;
  /** Counted in stats().signatureFailures: the request was rejected by the signature check itself. */
  signatureFailure?: boolean;
  headers?: Record<string, string>;
}

export function missingParameter(name: string, signatureFailure = false): ApiError {
  return {
    status: 400,
    code: 'MissingParameter',
    message: `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    signatureFailure,
  };
}

export function invalidParameter(name: string, detail?: string): ApiError {
  return {
    status: 400,
    code: 'InvalidParameter',
    message: detail ?? `The specified parameter "${name}" is not valid.`,
  };
}

export const SIGNATURE_MISMATCH_PREFIX = 'Specified signature is not matched with our calculation. server string to sign is:';

export function signatureDoesNotMatch(stringToSign: string): ApiError {
  return {
    status: 400,
    code: 'SignatureDoesNotMatch',
    message: `${SIGNATURE_MISMATCH_PREFIX}${stringToSign}`,
    signatureFailure: true,
  };
}

export function incompleteSignature(detail: string): ApiError {
  return {
    status: 400,
    code: 'IncompleteSignature',
    message: `The request signature does not conform to Aliyun standards. ${detail}`,
    signatureFailure: true,
  };
}

export const TIMESTAMP_EXPIRED: ApiError = {
  status: 400,
  code: 'InvalidTimeStamp.Expired',
  message: 'Specified time stamp or date value is expired.',
  signatureFailure: true,
};

export const TIMESTAMP_FORMAT: ApiError = {
  status: 400,
  code: 'InvalidTimeStamp.Format',
  message: 'Specified time stamp or date value is not well formatted.',
  signatureFailure: true,
};

export const NONCE_USED: ApiError = {
  status: 400,
  code: 'SignatureNonceUsed',
  message: 'Specified signature nonce was used already.',
  signatureFailure: true,
};

export const ACCESS_KEY_NOT_FOUND: ApiError = {
  status: 404,
  code: 'InvalidAccessKeyId.NotFound',
  message: 'Specified access key is not found.',
};

export const TOKEN_EXPIRED: ApiError = {
  status: 400,
  code: 'InvalidSecurityToken.Expired',
  message: 'Specified SecurityToken is expired.',
};

export const TOKEN_MISMATCH: ApiError = {
  status: 400,
  code: 'InvalidSecurityToken.MismatchWithAccessKey',
  message: 'Specified SecurityToken mismatch with the AccessKey.',
};

export const FORBIDDEN: ApiError = {
  status: 403,
  code: 'Forbidden',
  message: 'User not authorized to operate on the specified resource.',
};

export const NOT_ACTIVATED: ApiError = {
  status: 403,
  code: 'OperationDenied',
  message: 'Your account does not open VOD service yet.',
};

export const SUSPENDED: ApiError = {
  status: 403,
  code: 'OperationDenied.Suspended',
  message: 'Your account has been suspended because it is overdue.',
};

export const VIDEO_NOT_FOUND: ApiError = {
  status: 404,
  code: 'InvalidVideo.NotFound',
  message: 'The video does not exist.',
};

export const ACTION_NOT_FOUND: ApiError = {
  status: 404,
  code: 'InvalidAction.NotFound',
  message: 'Specified api is not found, please check your url and method.',
};

export const INVALID_VERSION: ApiError = {
  status: 400,
  code: 'InvalidVersion',
  message: 'Specified parameter Version is not valid.',
};

export const INTERNAL_ERROR: ApiError = {
  status: 500,
  code: 'InternalError',
  message: 'The request processing has failed due to some unknown error, exception or failure.',
};

export const SERVICE_UNAVAILABLE: ApiError = {
  status: 503,
  code: 'ServiceUnavailable',
  message: 'The request has failed due to a temporary failure of the server.',
};

export function throttling(status: 400 | 429, retryAfter?: number): ApiError {
  return {
    status,
    code: 'Throttling.User',
    message: 'Request was denied due to user flow control.',
    headers: retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) },
  };
}
