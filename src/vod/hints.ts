// Hints are data: a code and its parameters. This one catalogue words them, in English and
// Simplified Chinese, for the CLI and the extension alike.

export type Hint =
  | { code: 'notFound'; region: string; suggestions: string[] }
  | { code: 'notFoundAnywhere'; regions: string[] }
  | { code: 'signatureMismatch' }
  | { code: 'clockSkew' }
  | { code: 'stsExpired' }
  | { code: 'invalidStsToken' }
  | { code: 'forbidden' }
  | { code: 'notActivated'; apiCode: string }
  | { code: 'unknownAccessKey' }
  | { code: 'throttled' }
  | { code: 'serverError'; status: number }
  | { code: 'nonceUsed' }
  | { code: 'badParameter'; message: string }
  | { code: 'notJson'; status: number; contentType: string; snippet: string }
  | { code: 'schemaMismatch'; detail: string }
  | { code: 'network'; detail: string; endpoint: string }
  | { code: 'timeout'; seconds: number }
  | { code: 'cancelled' }
  | { code: 'invalidVideoId'; value: string }
  | { code: 'tooManyIds'; count: number; max: number }
  | { code: 'invalidRegion'; value: string }
  | { code: 'invalidEndpoint'; value: string }
  | { code: 'insecureEndpoint'; value: string }
  | { code: 'noCredentials'; searched: string[] }
  | { code: 'profileNotFound'; profile: string; searched: string[] }
  | { code: 'unsupportedCredentialMode'; mode: string; source: string }
  | { code: 'incompleteCredentials'; source: string; missing: string }
  | { code: 'credentialFileInvalid'; path: string; detail: string }
  | { code: 'apiError'; apiCode: string; message: string };

export type HintCode = Hint['code'];
export type Locale = 'en' | 'zh-cn';

type Wording = { [C in HintCode]: (h: Extract<Hint, { code: C }>) => string };

const list = (items: string[]): string => items.join(', ');

const en: Wording = {
  notFound: (h) =>
    `No video with this id in region ${h.region}. A video is only visible from the region where it is stored` +
    (h.suggestions.length ? `: try ${list(h.suggestions)}, or add them to the fallback regions.` : '.'),
  notFoundAnywhere: (h) => `No video with this id in any of the regions checked: ${list(h.regions)}.`,
  signatureMismatch: () =>
    'The signature was rejected: the AccessKey secret is probably wrong (or has a stray space). Set it again.',
  clockSkew: () =>
    "The request's timestamp was rejected: this machine's clock is more than 15 minutes off. Sync the clock (NTP) and retry.",
  stsExpired: () => 'The STS security token has expired: get a new token (and its key pair) and set the credentials again.',
  invalidStsToken: () => 'The STS security token was rejected: check that the token belongs to this AccessKey pair.',
  forbidden: () =>
    'Access denied: grant this RAM user the permissions vod:GetVideoInfo and vod:GetVideoInfos (for example the AliyunVODReadOnlyAccess policy).',
  notActivated: (h) =>
    h.apiCode === 'OperationDenied.Suspended'
      ? 'The account is suspended (overdue payment): settle the balance in the Alibaba Cloud console.'
      : 'ApsaraVideo VOD is not activated for this account: activate it in the console, or use another account.',
  unknownAccessKey: () => 'The AccessKeyId does not exist: check it, or create an AccessKey pair in the RAM console.',
  throttled: () => 'The API is throttling requests (100 per second per account, shared by its RAM users): wait and retry, or lower the request rate.',
  serverError: (h) => `The VOD service failed (HTTP ${h.status}); it is usually transient: retry in a moment.`,
  nonceUsed: () => 'The request nonce was reused; retry (each request is signed afresh).',
  badParameter: (h) => `The API rejected a parameter: ${h.message}`,
  notJson: (h) =>
    `The answer was not JSON (HTTP ${h.status}, ${h.contentType || 'no content type'}): a proxy or gateway probably answered instead of the VOD API. Check the endpoint and proxy settings. It began: ${h.snippet}`,
  schemaMismatch: (h) => `The answer did not have the expected shape: ${h.detail}`,
  network: (h) => `Could not reach ${h.endpoint}: ${h.detail}. Check the network, the proxy and the endpoint.`,
  timeout: (h) => `No answer within ${h.seconds} s. Check the network, or raise the request timeout.`,
  cancelled: () => 'Cancelled.',
  invalidVideoId: (h) => `"${h.value}" is not a VideoId: a VideoId is 32 lower-case hexadecimal characters.`,
  tooManyIds: (h) => `GetVideoInfos takes at most ${h.max} ids per call (got ${h.count}).`,
  invalidRegion: (h) => `"${h.value}" is not a region id (expected something like cn-shanghai).`,
  invalidEndpoint: (h) => `"${h.value}" is not a valid endpoint URL.`,
  insecureEndpoint: (h) =>
    `Refusing plain HTTP to ${h.value}: signed requests go over HTTPS, and plain HTTP only to a loopback address.`,
  noCredentials: (h) =>
    `No Alibaba Cloud credentials found. Looked in: ${list(h.searched)}. Set an AccessKey (VS Code: "VOD: Set AccessKey"), set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run "aliyun configure".`,
  profileNotFound: (h) => `No credential profile named "${h.profile}". Looked in: ${list(h.searched)}.`,
  unsupportedCredentialMode: (h) =>
    `The credential mode ${h.mode} (${h.source}) is not supported yet: use an AK or StsToken profile, or an explicit AccessKey.`,
  incompleteCredentials: (h) => `The credentials in ${h.source} are incomplete: ${h.missing} is missing.`,
  credentialFileInvalid: (h) => `Could not read the credential file ${h.path}: ${h.detail}`,
  apiError: (h) => `The API answered ${h.apiCode}: ${h.message}`,
};

const zh: Wording = {
  notFound: (h) =>
    `地域 ${h.region} 中没有此 ID 的视频。视频只能在其存储地域中查到` +
    (h.suggestions.length ? `：请尝试 ${list(h.suggestions)}，或将它们加入备用地域。` : '。'),
  notFoundAnywhere: (h) => `已检查的地域中都没有此 ID 的视频：${list(h.regions)}。`,
  signatureMismatch: () => '签名被拒绝：AccessKey Secret 很可能不正确（或含有多余空格）。请重新设置。',
  clockSkew: () => '请求时间戳被拒绝：本机时钟偏差超过 15 分钟。请同步时钟（NTP）后重试。',
  stsExpired: () => 'STS 安全令牌已过期：请获取新的令牌（及其密钥对）并重新设置凭证。',
  invalidStsToken: () => 'STS 安全令牌被拒绝：请确认该令牌属于此 AccessKey。',
  forbidden: () =>
    '无权访问：请为此 RAM 用户授予 vod:GetVideoInfo 和 vod:GetVideoInfos 权限（例如 AliyunVODReadOnlyAccess 策略）。',
  notActivated: (h) =>
    h.apiCode === 'OperationDenied.Suspended'
      ? '账号已停用（欠费）：请在阿里云控制台结清欠款。'
      : '此账号未开通视频点播服务：请在控制台开通，或使用其他账号。',
  unknownAccessKey: () => 'AccessKeyId 不存在：请检查，或在 RAM 控制台创建 AccessKey。',
  throttled: () => 'API 请求被限流（每个账号每秒 100 次，与其 RAM 用户共享）：请稍后重试，或降低请求频率。',
  serverError: (h) => `视频点播服务出错（HTTP ${h.status}），通常是暂时的：请稍后重试。`,
  nonceUsed: () => '请求的随机数被重复使用；请重试（每次请求都会重新签名）。',
  badParameter: (h) => `API 拒绝了一个参数：${h.message}`,
  notJson: (h) =>
    `响应不是 JSON（HTTP ${h.status}，${h.contentType || '无内容类型'}）：很可能是代理或网关而非点播 API 作答。请检查接入地址和代理设置。开头为：${h.snippet}`,
  schemaMismatch: (h) => `响应的结构不符合预期：${h.detail}`,
  network: (h) => `无法连接 ${h.endpoint}：${h.detail}。请检查网络、代理和接入地址。`,
  timeout: (h) => `${h.seconds} 秒内没有响应。请检查网络，或调大请求超时。`,
  cancelled: () => '已取消。',
  invalidVideoId: (h) => `"${h.value}" 不是 VideoId：VideoId 由 32 个小写十六进制字符组成。`,
  tooManyIds: (h) => `GetVideoInfos 每次最多 ${h.max} 个 ID（收到 ${h.count} 个）。`,
  invalidRegion: (h) => `"${h.value}" 不是地域 ID（应形如 cn-shanghai）。`,
  invalidEndpoint: (h) => `"${h.value}" 不是有效的接入地址 URL。`,
  insecureEndpoint: (h) => `拒绝以明文 HTTP 访问 ${h.value}：签名请求使用 HTTPS，明文 HTTP 只允许回环地址。`,
  noCredentials: (h) =>
    `未找到阿里云凭证。已查找：${list(h.searched)}。请设置 AccessKey（VS Code 中运行 "VOD: 设置 AccessKey"），或设置 ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET，或运行 "aliyun configure"。`,
  profileNotFound: (h) => `没有名为 "${h.profile}" 的凭证配置。已查找：${list(h.searched)}。`,
  unsupportedCredentialMode: (h) =>
    `暂不支持凭证模式 ${h.mode}（${h.source}）：请使用 AK 或 StsToken 配置，或显式设置 AccessKey。`,
  incompleteCredentials: (h) => `${h.source} 中的凭证不完整：缺少 ${h.missing}。`,
  credentialFileInvalid: (h) => `无法读取凭证文件 ${h.path}：${h.detail}`,
  apiError: (h) => `API 返回 ${h.apiCode}：${h.message}`,
};

const catalogue: Record<Locale, Wording> = { en, 'zh-cn': zh };

/** Picks the catalogue for a VS Code or POSIX locale string ("zh-cn", "zh_CN.UTF-8", "en-US"). */
export function localeFrom(tag: string | undefined): Locale {
  return tag && /^zh([-_](cn|hans|sg))?\b/i.test(tag) ? 'zh-cn' : 'en';
}

export function formatHint(hint: Hint, locale: Locale = 'en'): string {
  const word = catalogue[locale][hint.code] as (h: Hint) => string;
  return word(hint);
}
