import { strict as assert } from 'node:assert';
import { VodError, redact } from '../../src/vod/errors';
import { type Hint, type Locale, formatHint, localeFrom } from '../../src/vod/hints';
import { formatBytes, formatDuration, singleLine } from '../../src/vod/format';

describe('errors, hints and formatting', () => {
  it('redacts secrets raw and percent-encoded once and twice, and the echoed string to sign', () => {
    const secret = 'my/Secret+Key=';
    const token = 'STS.tok/en+==';
    const once = encodeURIComponent(token);
    const message =
      `Specified signature is not matched with our calculation. server string to sign is:GET&%2F&AccessKeyId%3Did%26SecurityToken%3D${encodeURIComponent(once)}%26Signature`;
    const out = redact(message, [secret, token]);
    assert.ok(!out.includes(once) && !out.includes(encodeURIComponent(once)));
    assert.match(out, /string to sign is:\[redacted\]$/);
    assert.equal(redact(`key ${secret} and ${encodeURIComponent(secret)}`, [secret]), 'key [redacted] and [redacted]');
    assert.equal(redact('url?Signature=abc%2Bdef&x=1'), 'url?Signature=[redacted]&x=1');
    assert.equal(redact('SecurityToken=CAIS123&Action=A'), 'SecurityToken=[redacted]&Action=A');
  });

  it('words every hint in English and Simplified Chinese', () => {
    const hints: Hint[] = [
      { code: 'notFound', region: 'cn-shanghai', suggestions: ['cn-beijing'] },
      { code: 'signatureMismatch' },
      { code: 'clockSkew' },
      { code: 'stsExpired' },
      { code: 'forbidden' },
      { code: 'notJson', status: 502, contentType: 'text/html', snippet: '<html>' },
      { code: 'noCredentials', searched: ['environment variables'] },
    ];
    for (const locale of ['en', 'zh-cn'] as Locale[]) {
      for (const h of hints) assert.ok(formatHint(h, locale).length > 10, `${locale} ${h.code}`);
    }
    assert.match(formatHint(hints[0] as Hint), /cn-shanghai.*cn-beijing/);
    assert.match(formatHint(hints[0] as Hint, 'zh-cn'), /地域 cn-shanghai/);
    assert.match(formatHint({ code: 'forbidden' }), /vod:GetVideoInfo and vod:GetVideoInfos/);
    assert.match(formatHint({ code: 'clockSkew' }), /clock/);
    assert.match(formatHint({ code: 'signatureMismatch' }), /secret/);
    assert.match(formatHint({ code: 'stsExpired' }), /STS/);
  });

  it('picks the locale from VS Code and POSIX tags', () => {
    assert.equal(localeFrom('zh-cn'), 'zh-cn');
    assert.equal(localeFrom('zh_CN.UTF-8'), 'zh-cn');
    assert.equal(localeFrom('en-US'), 'en');
    assert.equal(localeFrom(undefined), 'en');
  });

  it('describes an error with its code, status and RequestId', () => {
    const e = new VodError({ kind: 'api', code: 'Forbidden', status: 403, requestId: 'REQ-1', hint: { code: 'forbidden' } });
    assert.match(e.describe(), /vod:GetVideoInfo.*\(Forbidden, HTTP 403, RequestId REQ-1\)$/);
    assert.match(e.describe('zh-cn'), /权限/);
  });

  it('formats durations, sizes and hostile single lines', () => {
    assert.equal(formatDuration(135.6), '2:15.6');
    assert.equal(formatDuration(3723), '1:02:03');
    assert.equal(formatDuration(59.96), '1:00');
    assert.equal(formatDuration(undefined), '');
    assert.equal(formatBytes(10897890), '10.4 MB');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(singleLine('a\u001b[2Jb\n\tc\u202Ed'), 'a [2Jb c d');
    assert.equal(singleLine('x'.repeat(10), 5), 'xxxx…');
  });
});
