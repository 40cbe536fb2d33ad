import { strict as assert } from 'node:assert';
import { type RequestLogEntry, VodClient, type VodClientOptions, resolveEndpoint } from '../../src/vod/client';
import type { Credentials } from '../../src/vod/credentials';
import { VodError } from '../../src/vod/errors';
import type { SignatureVersion } from '../../src/vod/signing';
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  EXPIRED_STS_CREDENTIAL,
  FORBIDDEN_CREDENTIAL,
  NOT_ACTIVATED_CREDENTIAL,
  STS_CREDENTIAL,
  SUSPENDED_CREDENTIAL,
  type Emulator,
  startEmulator,
} from '../emulator/server';
import { BEIJING_ID, EXAMPLE_VIDEO_ID, EXAMPLE_VIDEO_TITLE, NONEXISTENT_ID, NORMAL_ID, UNSAFE_URLS_ID, UPLOADING_ID } from '../emulator/fixtures';

const DEFAULT: Credentials = { accessKeyId: DEFAULT_ACCESS_KEY_ID, accessKeySecret: DEFAULT_ACCESS_KEY_SECRET, source: 'test' };
const SECRETS = [DEFAULT_ACCESS_KEY_SECRET, STS_CREDENTIAL.accessKeySecret, STS_CREDENTIAL.securityToken ?? '', EXPIRED_STS_CREDENTIAL.securityToken ?? '', 'wrong-secret-value-123'];

function assertNoSecrets(text: string): void {
  for (const s of SECRETS) {
    assert.ok(!text.includes(s), `leaked a secret: ${s}`);
    assert.ok(!text.includes(encodeURIComponent(s)), `leaked an encoded secret: ${s}`);
    assert.ok(!text.includes(encodeURIComponent(encodeURIComponent(s))), `leaked a twice-encoded secret: ${s}`);
  }
  assert.ok(!/Signature=[^[&\s]/.test(text), 'leaked a signature');
}

async function rejects(promise: Promise<unknown>): Promise<VodError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof VodError, `expected a VodError, got ${String(e)}`);
    for (const text of [e.message, e.describe(), e.describe('zh-cn'), JSON.stringify(e), e.serverMessage ?? '', e.stack ?? '']) assertNoSecrets(text);
    return e;
  }
  assert.fail('expected the call to fail');
}

describe('VodClient against the VOD emulator', function () {
  let emulator: Emulator;
  const logs: RequestLogEntry[] = [];

  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
    logs.length = 0;
  });

  function client(options: Partial<VodClientOptions> & { key?: Credentials } = {}): VodClient {
    const key = options.key ?? DEFAULT;
    return new VodClient({
      credentials: async () => key,
      endpoint: emulator.url,
      retryBaseMs: 10,
      onRequest: (e) => logs.push(e),
      ...options,
    });
  }

  for (const version of ['v3', 'v1'] as SignatureVersion[]) {
    describe(`signature ${version}`, () => {
      it('looks up the API page example and normalizes it', async () => {
        const { video, requestId, region } = await client({ signatureVersion: version }).getVideoInfo(EXAMPLE_VIDEO_ID);
        assert.equal(video.title, EXAMPLE_VIDEO_TITLE);
        assert.equal(video.size, 10897890);
        assert.equal(video.duration, 135.6);
        assert.equal(video.cateId, 781111);
        assert.deepEqual(video.tags, ['Tag 1', 'Tag 2']);
        assert.ok(video.coverUrl?.startsWith(emulator.url));
        assert.ok(video.snapshots.length > 0);
        assert.match(requestId ?? '', /^[0-9A-F-]{36}$/);
        assert.equal(region, 'cn-shanghai');
        assert.equal(emulator.stats().log[0]?.signatureVersion, version);
        assert.equal(emulator.stats().log[0]?.regionId, 'cn-shanghai', 'RegionId is always sent');
      });

      it('signs with an STS token (with + / = in it)', async () => {
        const key = { ...STS_CREDENTIAL, source: 'test' } as Credentials;
        const { video } = await client({ signatureVersion: version, key }).getVideoInfo(EXAMPLE_VIDEO_ID);
        assert.equal(video.title, EXAMPLE_VIDEO_TITLE);
      });

      it('a wrong secret is SignatureDoesNotMatch, not retried, and the echoed string to sign is redacted', async () => {
        const key = { ...STS_CREDENTIAL, accessKeySecret: 'wrong-secret-value-123', source: 'test' } as Credentials;
        const e = await rejects(client({ signatureVersion: version, key }).getVideoInfo(EXAMPLE_VIDEO_ID));
        assert.equal(e.code, 'SignatureDoesNotMatch');
        assert.equal(e.status, 400);
        assert.equal(e.hint.code, 'signatureMismatch');
        assert.match(e.message, /secret/);
        assert.ok(e.requestId);
        assert.equal(emulator.stats().requests, 1);
        assert.match(e.serverMessage ?? '', /\[redacted\]/);
      });
    });
  }

  it('batches with GetVideoInfos and reports the missing ids', async () => {
    const r = await client().getVideoInfos([EXAMPLE_VIDEO_ID, NORMAL_ID, NONEXISTENT_ID, BEIJING_ID]);
    assert.deepEqual(r.videos.map((v) => v.videoId).sort(), [EXAMPLE_VIDEO_ID, NORMAL_ID].sort());
    assert.deepEqual(r.notFound.sort(), [NONEXISTENT_ID, BEIJING_ID].sort());
    assert.equal(emulator.stats().byAction.GetVideoInfos, 1);
  });

  it('accepts the plain-array batch shape too', async () => {
    const plain = await startEmulator({ batchShape: 'plain' });
    try {
      const r = await new VodClient({ credentials: async () => DEFAULT, endpoint: plain.url }).getVideoInfos([EXAMPLE_VIDEO_ID, NONEXISTENT_ID]);
      assert.deepEqual(r.videos.map((v) => v.videoId), [EXAMPLE_VIDEO_ID]);
      assert.deepEqual(r.notFound, [NONEXISTENT_ID]);
    } finally {
      await plain.close();
    }
  });

  it('a video from another region is NotFound naming the region and suggesting others', async () => {
    const e = await rejects(client().getVideoInfo(BEIJING_ID));
    assert.equal(e.code, 'InvalidVideo.NotFound');
    assert.equal(e.status, 404);
    assert.deepEqual(e.hint, { code: 'notFound', region: 'cn-shanghai', suggestions: ['cn-beijing', 'cn-shenzhen', 'ap-southeast-1'] });
    assert.match(e.describe(), /cn-shanghai.*cn-beijing.*RequestId/);
    const { video } = await client().getVideoInfo(BEIJING_ID, { region: 'cn-beijing' });
    assert.equal(video.videoId, BEIJING_ID);
  });

  it('drops cover and snapshot URLs that are not http(s)', async () => {
    const { video } = await client().getVideoInfo(UNSAFE_URLS_ID);
    assert.equal(video.coverUrl, undefined);
    for (const s of video.snapshots) assert.match(s, /^https?:\/\//);
  });

  it('tolerates a fresh upload without cover, duration or snapshots', async () => {
    const { video } = await client().getVideoInfo(UPLOADING_ID);
    assert.equal(video.status, 'Uploading');
    assert.equal(video.coverUrl, undefined);
    assert.deepEqual(video.snapshots, []);
  });

  describe('credential and permission errors (no retry)', () => {
    const cases: Array<[string, Credentials, string, string, number]> = [
      ['expired STS token', { ...EXPIRED_STS_CREDENTIAL, source: 't' } as Credentials, 'InvalidSecurityToken.Expired', 'stsExpired', 400],
      ['RAM user without permission', { ...FORBIDDEN_CREDENTIAL, source: 't' } as Credentials, 'Forbidden', 'forbidden', 403],
      ['VOD not activated', { ...NOT_ACTIVATED_CREDENTIAL, source: 't' } as Credentials, 'OperationDenied', 'notActivated', 403],
      ['account suspended', { ...SUSPENDED_CREDENTIAL, source: 't' } as Credentials, 'OperationDenied.Suspended', 'notActivated', 403],
      ['unknown AccessKeyId', { accessKeyId: 'LTAI5tNoSuchKey000000', accessKeySecret: DEFAULT_ACCESS_KEY_SECRET, source: 't' }, 'InvalidAccessKeyId.NotFound', 'unknownAccessKey', 404],
    ];
    for (const [name, key, code, hint, status] of cases) {
      it(name, async () => {
        const e = await rejects(client({ key }).getVideoInfo(EXAMPLE_VIDEO_ID));
        assert.equal(e.code, code);
        assert.equal(e.hint.code, hint);
        assert.equal(e.status, status);
        assert.equal(emulator.stats().requests, 1, 'not retried');
      });
    }
    it('Forbidden names the RAM permissions', async () => {
      const e = await rejects(client({ key: { ...FORBIDDEN_CREDENTIAL, source: 't' } as Credentials }).getVideoInfo(EXAMPLE_VIDEO_ID));
      assert.match(e.describe(), /vod:GetVideoInfo and vod:GetVideoInfos/);
    });
    it('a clock 20 minutes off is InvalidTimeStamp.Expired, pointing at the clock', async () => {
      for (const version of ['v3', 'v1'] as SignatureVersion[]) {
        const e = await rejects(client({ signatureVersion: version, now: () => new Date(Date.now() - 20 * 60_000) }).getVideoInfo(EXAMPLE_VIDEO_ID));
        assert.equal(e.code, 'InvalidTimeStamp.Expired');
        assert.equal(e.hint.code, 'clockSkew');
        assert.match(e.message, /clock/);
      }
    });
  });

  describe('faults: retries, timeouts, bad bodies', () => {
    it('retries 500 and 503, each attempt signed afresh (no SignatureNonceUsed)', async () => {
      emulator.setFault({ type: 'status', status: 500 }, { times: 1 });
      emulator.setFault({ type: 'status', status: 503 }, { times: 1 });
      const { video } = await client().getVideoInfo(EXAMPLE_VIDEO_ID);
      assert.equal(video.videoId, EXAMPLE_VIDEO_ID);
      assert.equal(emulator.stats().requests, 3);
      assert.equal(emulator.stats().signatureFailures, 0);
      assert.deepEqual(logs.map((l) => l.attempt), [1, 2, 3]);
    });

    it('gives up after 3 attempts on a lasting 503', async () => {
      emulator.setFault({ type: 'status', status: 503 });
      const e = await rejects(client().getVideoInfo(EXAMPLE_VIDEO_ID));
      assert.equal(e.status, 503);
      assert.equal(e.hint.code, 'serverError');
      assert.equal(emulator.stats().requests, 3);
    });

    it('retries Throttling and honours Retry-After', async () => {
      emulator.setFault({ type: 'throttling', status: 429, retryAfter: 1 }, { times: 1 });
      const started = Date.now();
      const { video } = await client().getVideoInfo(EXAMPLE_VIDEO_ID);
      assert.equal(video.videoId, EXAMPLE_VIDEO_ID);
      assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
      assert.equal(emulator.stats().requests, 2);
    });

    it('a lasting Throttling (400) ends as a throttled hint after 3 attempts', async () => {
      emulator.setFault({ type: 'throttling' });
      const e = await rejects(client().getVideoInfo(EXAMPLE_VIDEO_ID));
      assert.match(e.code, /^Throttling/);
      assert.equal(e.hint.code, 'throttled');
      assert.equal(emulator.stats().requests, 3);
    });

    it("a proxy's HTML error page says so, with the status and the first bytes", async () => {
      emulator.setFault({ type: 'html', status: 502 });
      const e = await rejects(client().getVideoInfo(EXAMPLE_VIDEO_ID));
      assert.equal(e.code, 'NotJson');
      assert.equal(e.status, 502);
      assert.ok(e.hint.code === 'notJson' && e.hint.contentType.startsWith('text/html') && e.hint.snippet.startsWith('<!DOCTYPE html>'));
      assert.match(e.message, /not JSON \(HTTP 502/);
      assert.equal(emulator.stats().requests, 3, '5xx pages are retried');
    });

    it('malformed JSON with 200 is a NotJson error, not retried', async () => {
      emulator.setFault({ type: 'malformedJson' });
      const e = await rejects(client().getVideoInfo(EXAMPLE_VIDEO_ID));
      assert.equal(e.code, 'NotJson');
      assert.equal(emulator.stats().requests, 1);
    });

    it('a response of the wrong shape is SchemaMismatch', async () => {
      emulator.setFault({ type: 'schema' });
      const e = await rejects(client().getVideoInfo(EXAMPLE_VIDEO_ID));
      assert.equal(e.code, 'SchemaMismatch');
      assert.match(e.message, /Video/);
      const batch = await rejects(client().getVideoInfos([EXAMPLE_VIDEO_ID, NORMAL_ID]));
      assert.equal(batch.code, 'SchemaMismatch');
    });

    it('retries a connection reset, then reports a network error', async () => {
      emulator.setFault({ type: 'reset' });
      const e = await rejects(client().getVideoInfo(EXAMPLE_VIDEO_ID));
      assert.equal(e.kind, 'network');
      assert.equal(e.hint.code, 'network');
      assert.equal(emulator.stats().requests, 3);
    });

    it('times out each attempt and never hangs past the timeouts', async () => {
      emulator.setFault({ type: 'hang' });
      const started = Date.now();
      const e = await rejects(client({ timeoutMs: 200 }).getVideoInfo(EXAMPLE_VIDEO_ID));
      const elapsed = Date.now() - started;
      assert.equal(e.kind, 'timeout');
      assert.match(e.message, /0\.2 s/);
      assert.equal(emulator.stats().requests, 3);
      assert.ok(elapsed >= 600 && elapsed < 2000, `took ${elapsed} ms`);
    });

    it('recovers from one hang within the attempts', async () => {
      emulator.setFault({ type: 'hang' }, { times: 1 });
      const { video } = await client({ timeoutMs: 200 }).getVideoInfo(EXAMPLE_VIDEO_ID);
      assert.equal(video.videoId, EXAMPLE_VIDEO_ID);
    });

    it('the caller can cancel at once, mid-request', async () => {
      emulator.setFault({ type: 'hang' });
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      const e = await rejects(client().getVideoInfo(EXAMPLE_VIDEO_ID, { signal: controller.signal }));
      assert.equal(e.kind, 'cancelled');
      assert.ok(Date.now() - started < 1000);
      assert.equal(emulator.stats().requests, 1, 'not retried after cancellation');
    });

    it('a fault on one video leaves the others alone', async () => {
      emulator.setFault({ type: 'status', status: 500 }, { videoId: NORMAL_ID });
      assert.equal((await client().getVideoInfo(EXAMPLE_VIDEO_ID)).video.videoId, EXAMPLE_VIDEO_ID);
      await rejects(client({ maxAttempts: 1 }).getVideoInfo(NORMAL_ID));
    });

    it('logs each attempt without secrets', async () => {
      emulator.setFault({ type: 'status', status: 500 }, { times: 1 });
      await client({ key: { ...STS_CREDENTIAL, source: 't' } as Credentials, signatureVersion: 'v1' }).getVideoInfo(EXAMPLE_VIDEO_ID);
      assert.equal(logs.length, 2);
      assert.equal(logs[0]?.status, 500);
      assert.equal(logs[1]?.status, 200);
      assertNoSecrets(JSON.stringify(logs));
    });
  });

  describe('input checks', () => {
    it('rejects a malformed id before any request', async () => {
      const e = await rejects(client().getVideoInfo('9B73864D75F14E5F60D231E9001CD5F8'));
      assert.equal(e.kind, 'input');
      assert.match(e.message, /32 lower-case hexadecimal/);
      assert.equal(emulator.stats().requests, 0);
    });
    it('rejects more than 20 ids per batch', async () => {
      const ids = Array.from({ length: 21 }, (_, i) => i.toString(16).padStart(32, '0'));
      const e = await rejects(client().getVideoInfos(ids));
      assert.equal(e.hint.code, 'tooManyIds');
    });
    it('rejects a malformed region', async () => {
      const e = await rejects(client().getVideoInfo(EXAMPLE_VIDEO_ID, { region: 'cn-shanghai&x=1' }));
      assert.equal(e.hint.code, 'invalidRegion');
    });
    it('HTTPS by default; plain HTTP only to loopback', () => {
      assert.equal(resolveEndpoint(undefined, 'cn-beijing').href, 'https://vod.cn-beijing.aliyuncs.com/');
      assert.equal(resolveEndpoint(undefined, 'cn-hangzhou').href, 'https://vod.cn-shanghai.aliyuncs.com/');
      assert.equal(resolveEndpoint('http://127.0.0.1:8080', 'x').host, '127.0.0.1:8080');
      assert.equal(resolveEndpoint('http://localhost:1', 'x').hostname, 'localhost');
      assert.throws(() => resolveEndpoint('http://vod.example.com', 'x'), (e: VodError) => e.hint.code === 'insecureEndpoint');
      assert.throws(() => resolveEndpoint('ftp://x', 'x'), (e: VodError) => e.hint.code === 'invalidEndpoint');
      assert.throws(() => resolveEndpoint('not a url', 'x'), (e: VodError) => e.hint.code === 'invalidEndpoint');
    });
  });
});
