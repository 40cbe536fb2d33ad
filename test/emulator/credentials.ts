// Credentials the emulator knows. None of these are real Alibaba Cloud keys.
//
// | AccessKeyId                    | what a signed request gets                                  |
// |--------------------------------|-------------------------------------------------------------|
// | LTAI5tVodEmulator0000001       | full access (the default pair)                              |
// | STS.NVodEmulatorStsValid001    | full access; needs its SecurityToken                        |
// | STS.NVodEmulatorStsExpired1    | 400 InvalidSecurityToken.Expired                            |
// | LTAI5tVodEmulatorNoPerm01      | 403 Forbidden (RAM user without VOD permission)             |
// | LTAI5tVodEmulatorNoVod001      | 403 OperationDenied (VOD not activated)                     |
// | LTAI5tVodEmulatorOverdue1      | 403 OperationDenied.Suspended (account overdue)             |
// | anything else                  | 404 InvalidAccessKeyId.NotFound                             |

/** What the emulator does with a request that is correctly signed with this pair. */
export type CredentialBehaviour = 'ok' | 'expiredToken' | 'forbidden' | 'notActivated' | 'suspended';

export interface EmulatorCredential {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS pair: every request must carry exactly this token (V1 `SecurityToken`, V3 `x-acs-security-token`). */
  securityToken?: string;
  /** Default 'ok'. */
  behaviour?: CredentialBehaviour;
}

export const DEFAULT_ACCESS_KEY_ID = 'LTAI5tVodEmulator0000001';
export const DEFAULT_ACCESS_KEY_SECRET = 'vod-emulator-secret-0000000000000';

export const DEFAULT_CREDENTIAL: EmulatorCredential = {
  accessKeyId: DEFAULT_ACCESS_KEY_ID,
  accessKeySecret: DEFAULT_ACCESS_KEY_SECRET,
  behaviour: 'ok',
};

// The token holds '+', '/' and '=' on purpose: clients must percent-encode it (V1) and keep it intact.
export const STS_CREDENTIAL: EmulatorCredential = {
  accessKeyId: 'STS.NVodEmulatorStsValid001',
  accessKeySecret: 'vod-emulator-sts-secret-valid-0001',
  securityToken: 'CAIS8QF1q6Ft5B2yfSjIr5bVodEmulator+Valid/Token/0001==',
  behaviour: 'ok',
};

export const EXPIRED_STS_CREDENTIAL: EmulatorCredential = {
  accessKeyId: 'STS.NVodEmulatorStsExpired1',
  accessKeySecret: 'vod-emulator-sts-secret-expired-01',
  securityToken: 'CAIS8QF1q6Ft5B2yfSjIr5bVodEmulator+Expired/Token/01==',
  behaviour: 'expiredToken',
};

export const FORBIDDEN_CREDENTIAL: EmulatorCredential = {
  accessKeyId: 'LTAI5tVodEmulatorNoPerm01',
  accessKeySecret: 'vod-emulator-secret-no-permission-1',
  behaviour: 'forbidden',
};

export const NOT_ACTIVATED_CREDENTIAL: EmulatorCredential = {
  accessKeyId: 'LTAI5tVodEmulatorNoVod001',
  accessKeySecret: 'vod-emulator-secret-not-activated-1',
  behaviour: 'notActivated',
};

export const SUSPENDED_CREDENTIAL: EmulatorCredential = {
  accessKeyId: 'LTAI5tVodEmulatorOverdue1',
  accessKeySecret: 'vod-emulator-secret-suspended-0001',
  behaviour: 'suspended',
};

export const BUILT_IN_CREDENTIALS: readonly EmulatorCredential[] = [
  DEFAULT_CREDENTIAL,
  STS_CREDENTIAL,
  EXPIRED_STS_CREDENTIAL,
  FORBIDDEN_CREDENTIAL,
  NOT_ACTIVATED_CREDENTIAL,
  SUSPENDED_CREDENTIAL,
];
