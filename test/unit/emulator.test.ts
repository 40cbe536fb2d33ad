// The VOD emulator itself, driven with requests signed by the official signer (@alicloud/openapi-util).
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { inflateSync } from 'node:zlib';
import assert from 'node:assert/strict';
import OpenApiUtil from '@alicloud/openapi-util';
import {
  BEIJING_ID,
  EXAMPLE_VIDEO_ID,
  EXAMPLE_VIDEO_TITLE,
  NONEXISTENT_ID,
  NORMAL_ID,
  PLAIN_SNAPSHOTS_ID,
  TEMPLATE_GROUP_ID,
  UPLOADING_ID,
  VIDEO_FIXTURES,
} from '../emulator/fixtures';
import { type SignedRequest, signV1, signV3, type SigningCredential } from '../emulator/official-signer';
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  DEFAULT_CREDENTIAL,
  DEFAULT_DATA_FILE,
  type Emulator,
  EXPIRED_STS_CREDENTIAL,
  FORBIDDEN_CREDENTIAL,
  NOT_ACTIVATED_CREDENTIAL,
  STS_CREDENTIAL,
  startEmulator,
  SUSPENDED_CREDENTIAL,
} from '../emulator/server';

interface ApiBody {
  RequestId?: string;
  HostId?: string;
  Code?: string;
  Message?: string;
  Recommend?: string;
  Video?: Record<string, unknown> | string;
  VideoList?: { Video: Record<string, unknown>[] } | Record<string, unknown>[];
  NonExistVideoIds?: { VideoId: string[] } | string[];
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: ApiBody;
}

const SIGNATURE_PREFIX = 'Specified signature is not matched with our calculation. server string to sign is:';
const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

async function send(request: SignedRequest, signal?: AbortSignal): Promise<Answer> {
  const response = await fetch(request.url, { ...request.init, signal });
  const text = await response.text();
  let body: ApiBody = {};
  try {
    body = JSON.parse(text) as ApiBody;
  } catch {
    // Not JSON: the test looks at `text`.
  }
  return { status: response.status, headers: response.headers, text, body };
}

function video(answer: Answer): Record<string, unknown> {
  assert.equal(typeof answer.body.Video, 'object', answer.text);
  return answer.body.Video as Record<string, unknown>;
}

function assertError(answer: Answer, status: number, code: string): void {
  assert.equal(answer.status, status, answer.text);
  assert.equal(answer.body.Code, code, answer.text);
  assert.match(answer.body.RequestId ?? '', REQUEST_ID);
  assert.equal(typeof answer.body.HostId, 'string');
  assert.equal(typeof answer.body.Message, 'string');
  assert.equal(typeof answer.body.Recommend, 'string');
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
}

describe('VOD emulator', function () {
  let emulator: Emulator;
  const get = (videoId: string, extra: Record<string, string> = {}, credential: SigningCredential = DEFAULT_CREDENTIAL): SignedRequest =>
    signV1({ baseUrl: emulator.url, credential, action: 'GetVideoInfo', params: { VideoId: videoId, ...extra } });

  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  describe('signature V1', () => {
    it('answers a valid GET with the example video', async () => {
      const answer = await send(get(EXAMPLE_VIDEO_ID, { RegionId: 'cn-shanghai' }));
      assert.equal(answer.status, 200, answer.text);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
      assert.match(answer.body.RequestId ?? '', REQUEST_ID);
      const v = video(answer);
      assert.equal(v.VideoId, EXAMPLE_VIDEO_ID);
      assert.equal(v.Title, EXAMPLE_VIDEO_TITLE);
      assert.equal(v.Description, 'Video description in ApsaraVideo VOD');
      assert.equal(v.CateName, 'Category name');
      assert.equal(v.CateId, '781111');
      assert.equal(v.Tags, 'Tag 1,Tag 2');
      assert.equal(v.Duration, '135.6');
      assert.equal(v.TemplateGroupId, TEMPLATE_GROUP_ID);
      assert.equal(v.CoverURL, `${emulator.url}/media/cover-example.png`);
      const snapshots = v.Snapshots as { Snapshot: string };
      const urls = JSON.parse(snapshots.Snapshot) as string[];
      assert.ok(urls.length >= 2 && urls.every((url) => url.startsWith(`${emulator.url}/media/`)), snapshots.Snapshot);
    });

    it('answers a valid form-encoded POST, and an STS pair with its token', async () => {
      const post = signV1({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfo', params: { VideoId: EXAMPLE_VIDEO_ID }, method: 'POST' });
      assert.equal(video(await send(post)).Title, EXAMPLE_VIDEO_TITLE);
      assert.equal(video(await send(get(EXAMPLE_VIDEO_ID, {}, STS_CREDENTIAL))).Title, EXAMPLE_VIDEO_TITLE);
    });

    it('rejects a wrong secret with SignatureDoesNotMatch echoing the server string to sign', async () => {
      const request = get(EXAMPLE_VIDEO_ID, {}, { ...STS_CREDENTIAL, accessKeySecret: 'not-the-secret' });
      const answer = await send(request);
      assertError(answer, 400, 'SignatureDoesNotMatch');
      assert.ok(answer.body.Message?.startsWith(SIGNATURE_PREFIX), answer.body.Message);
      const stringToSign = (answer.body.Message ?? '').slice(SIGNATURE_PREFIX.length);
      assert.ok(stringToSign.startsWith('GET&%2F&'), stringToSign);
      // Like the real service, the echo includes the SecurityToken: clients must redact it.
      assert.ok(stringToSign.includes('SecurityToken%3D'), stringToSign);
      // It is the string the official signer signs: signed with the right secret, it gives the right signature.
      const resigned = createHmac('sha1', `${STS_CREDENTIAL.accessKeySecret}&`).update(stringToSign).digest('base64');
      assert.equal(resigned, OpenApiUtil.getRPCSignature(request.signedParams, 'GET', STS_CREDENTIAL.accessKeySecret));
    });

    it('rejects a parameter changed after signing', async () => {
      const request = get(EXAMPLE_VIDEO_ID);
      request.url = request.url.replace(EXAMPLE_VIDEO_ID, NORMAL_ID);
      assertError(await send(request), 400, 'SignatureDoesNotMatch');
    });

    it('rejects a stale timestamp with InvalidTimeStamp.Expired', async () => {
      const stale = new Date(Date.now() - 20 * 60 * 1000);
      const request = signV1({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfo', params: { VideoId: EXAMPLE_VIDEO_ID }, timestamp: stale });
      assertError(await send(request), 400, 'InvalidTimeStamp.Expired');
      const skewed = signV1({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfo', params: { VideoId: EXAMPLE_VIDEO_ID }, timestamp: new Date(Date.now() + 5 * 60 * 1000) });
      assert.equal((await send(skewed)).status, 200, 'five minutes ahead is within the window');
    });

    it('rejects a reused nonce with SignatureNonceUsed', async () => {
      const request = get(EXAMPLE_VIDEO_ID);
      assert.equal((await send(request)).status, 200);
      assertError(await send(request), 400, 'SignatureNonceUsed');
    });

    it('rejects a request without signature parameters with MissingParameter', async () => {
      const answer = await send({ url: `${emulator.url}/?Action=GetVideoInfo&Version=2017-03-21&VideoId=${EXAMPLE_VIDEO_ID}`, init: { method: 'GET', headers: {} }, signedParams: {} });
      assertError(answer, 400, 'MissingParameter');
    });
  });

  describe('signature V3', () => {
    const v3 = (credential: SigningCredential, extra: Partial<Parameters<typeof signV3>[0]> = {}): SignedRequest =>
      signV3({ baseUrl: emulator.url, credential, action: 'GetVideoInfo', params: { VideoId: EXAMPLE_VIDEO_ID, RegionId: 'cn-shanghai' }, ...extra });

    it('answers a valid POST and GET with the example video', async () => {
      assert.equal(video(await send(v3(DEFAULT_CREDENTIAL))).Title, EXAMPLE_VIDEO_TITLE);
      assert.equal(video(await send(v3(DEFAULT_CREDENTIAL, { method: 'GET' }))).Title, EXAMPLE_VIDEO_TITLE);
      assert.equal(video(await send(v3(STS_CREDENTIAL))).Title, EXAMPLE_VIDEO_TITLE);
    });

    it('takes parameters from a signed form body', async () => {
      const request = signV3({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfo', form: { VideoId: EXAMPLE_VIDEO_ID } });
      assert.equal(video(await send(request)).Title, EXAMPLE_VIDEO_TITLE);
    });

    it('rejects a wrong secret with SignatureDoesNotMatch echoing the server string to sign', async () => {
      const request = v3({ ...DEFAULT_CREDENTIAL, accessKeySecret: 'wrong' });
      const answer = await send(request);
      assertError(answer, 400, 'SignatureDoesNotMatch');
      const stringToSign = (answer.body.Message ?? '').slice(SIGNATURE_PREFIX.length);
      assert.match(stringToSign, /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
      const good = v3(DEFAULT_CREDENTIAL, { nonce: request.init.headers['x-acs-signature-nonce'], timestamp: new Date(request.init.headers['x-acs-date']) });
      const goodSignature = /Signature=([0-9a-f]{64})$/.exec(good.init.headers.Authorization)?.[1];
      assert.equal(createHmac('sha256', DEFAULT_ACCESS_KEY_SECRET).update(stringToSign).digest('hex'), goodSignature);
    });

    it('rejects a body that does not match x-acs-content-sha256', async () => {
      const claimed = createHash('sha256').update('VideoId=other').digest('hex');
      const request = signV3({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfo', form: { VideoId: EXAMPLE_VIDEO_ID }, claimedContentSha256: claimed });
      assertError(await send(request), 400, 'SignatureDoesNotMatch');
    });

    it('rejects a stale x-acs-date, a reused nonce and a malformed Authorization', async () => {
      assertError(await send(v3(DEFAULT_CREDENTIAL, { timestamp: new Date(Date.now() - 16 * 60 * 1000) })), 400, 'InvalidTimeStamp.Expired');
      const once = v3(DEFAULT_CREDENTIAL);
      assert.equal((await send(once)).status, 200);
      assertError(await send(once), 400, 'SignatureNonceUsed');
      const malformed = v3(DEFAULT_CREDENTIAL);
      malformed.init.headers.Authorization = 'ACS3-HMAC-SHA256 Credential=x';
      assertError(await send(malformed), 400, 'IncompleteSignature');
    });
  });

  describe('credentials', () => {
    const cases: [string, SigningCredential, number, string][] = [
      ['an expired STS token', EXPIRED_STS_CREDENTIAL, 400, 'InvalidSecurityToken.Expired'],
      ['a RAM user without permission', FORBIDDEN_CREDENTIAL, 403, 'Forbidden'],
      ['an account without VOD', NOT_ACTIVATED_CREDENTIAL, 403, 'OperationDenied'],
      ['a suspended account', SUSPENDED_CREDENTIAL, 403, 'OperationDenied.Suspended'],
      ['an unknown AccessKeyId', { accessKeyId: 'LTAI5tUnknownKey00000000', accessKeySecret: 'x' }, 404, 'InvalidAccessKeyId.NotFound'],
      ['an STS pair without its token', { ...STS_CREDENTIAL, securityToken: undefined }, 400, 'InvalidSecurityToken.MismatchWithAccessKey'],
    ];
    for (const [name, credential, status, code] of cases) {
      it(`answers ${code} to ${name} (V1 and V3)`, async () => {
        assertError(await send(get(EXAMPLE_VIDEO_ID, {}, credential)), status, code);
        const request = signV3({ baseUrl: emulator.url, credential, action: 'GetVideoInfo', params: { VideoId: EXAMPLE_VIDEO_ID } });
        assertError(await send(request), status, code);
      });
    }

    it('exports the default pair', () => {
      assert.equal(DEFAULT_CREDENTIAL.accessKeyId, DEFAULT_ACCESS_KEY_ID);
      assert.equal(DEFAULT_CREDENTIAL.accessKeySecret, DEFAULT_ACCESS_KEY_SECRET);
    });
  });

  describe('GetVideoInfo and GetVideoInfos', () => {
    it('answers InvalidVideo.NotFound from the wrong region, and finds the video in its own', async () => {
      const wrong = await send(get(EXAMPLE_VIDEO_ID, { RegionId: 'cn-beijing' }));
      assertError(wrong, 404, 'InvalidVideo.NotFound');
      assert.equal(wrong.body.Message, 'The video does not exist.');
      assertError(await send(get(BEIJING_ID)), 404, 'InvalidVideo.NotFound'); // no RegionId: cn-shanghai
      assert.equal(video(await send(get(BEIJING_ID, { RegionId: 'cn-beijing' }))).VideoId, BEIJING_ID);
      assertError(await send(get(NONEXISTENT_ID)), 404, 'InvalidVideo.NotFound');
    });

    it('answers MissingParameter without VideoId and InvalidAction.NotFound for other actions', async () => {
      assertError(await send(signV1({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfo' })), 400, 'MissingParameter');
      assertError(await send(signV1({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetPlayInfo', params: { VideoId: EXAMPLE_VIDEO_ID } })), 404, 'InvalidAction.NotFound');
      assertError(await send(signV1({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfo', params: { VideoId: EXAMPLE_VIDEO_ID }, version: '2014-05-26' })), 400, 'InvalidVersion');
    });

    it('splits a batch into VideoList and NonExistVideoIds', async () => {
      const ids = [EXAMPLE_VIDEO_ID, NONEXISTENT_ID, UPLOADING_ID, BEIJING_ID].join(',');
      const answer = await send(signV1({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfos', params: { VideoIds: ids } }));
      assert.equal(answer.status, 200, answer.text);
      const list = answer.body.VideoList as { Video: Record<string, unknown>[] };
      assert.deepEqual(list.Video.map((v) => v.VideoId), [EXAMPLE_VIDEO_ID, UPLOADING_ID]);
      assert.deepEqual((answer.body.NonExistVideoIds as { VideoId: string[] }).VideoId, [NONEXISTENT_ID, BEIJING_ID]);
    });

    it('answers InvalidParameter to 21 ids', async () => {
      const ids = Array.from({ length: 21 }, (_, i) => i.toString(16).padStart(32, '0')).join(',');
      const answer = await send(signV1({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfos', params: { VideoIds: ids } }));
      assertError(answer, 400, 'InvalidParameter');
    });

    it('serves every fixture in its region with its status; all statuses are covered', async () => {
      const ids = VIDEO_FIXTURES.map((f) => f.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
      assert.deepEqual(
        new Set(VIDEO_FIXTURES.map((f) => f.status)),
        new Set(['Uploading', 'UploadFail', 'UploadSucc', 'Transcoding', 'TranscodeFail', 'Blocked', 'Normal']),
      );
      const data = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')) as { videos: { regionId: string; video: { VideoId: string } }[] };
      assert.deepEqual(data.videos.map((entry) => [entry.video.VideoId, entry.regionId]).sort(), VIDEO_FIXTURES.map((f) => [f.id, f.regionId]).sort());
      for (const fixture of VIDEO_FIXTURES) {
        const v = video(await send(get(fixture.id, { RegionId: fixture.regionId })));
        assert.equal(v.Status, fixture.status, fixture.id);
        assert.ok(!JSON.stringify(v).includes('{{base}}'), fixture.id);
      }
      const plain = video(await send(get(PLAIN_SNAPSHOTS_ID)));
      assert.ok(Array.isArray(plain.Snapshots));
    });

    it('answers plain batch arrays with batchShape plain, and skips checks with verify false', async () => {
      const plain = await startEmulator({ batchShape: 'plain', verify: false });
      try {
        const url = `${plain.url}/?Action=GetVideoInfos&VideoIds=${EXAMPLE_VIDEO_ID},${NONEXISTENT_ID}`;
        const answer = await send({ url, init: { method: 'GET', headers: {} }, signedParams: {} });
        assert.equal(answer.status, 200, answer.text);
        assert.ok(Array.isArray(answer.body.VideoList));
        assert.deepEqual(answer.body.NonExistVideoIds, [NONEXISTENT_ID]);
        assert.equal(plain.stats().log[0]?.signatureVersion, 'none');
      } finally {
        await plain.close();
      }
    });

    it('loads another data file and extra videos', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vod-emulator-'));
      try {
        const file = join(dir, 'videos.json');
        const id = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
        writeFileSync(file, JSON.stringify([{ regionId: 'cn-shenzhen', video: { VideoId: id, Title: 'Only one', CoverURL: '{{base}}/media/cover-ocean.png' } }]));
        const custom = await startEmulator({ dataFile: file, videos: [{ regionId: 'cn-shanghai', video: { VideoId: NORMAL_ID, Title: 'Replaced' } }] });
        try {
          const sign = (videoId: string, region: string): SignedRequest =>
            signV1({ baseUrl: custom.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfo', params: { VideoId: videoId, RegionId: region } });
          assert.equal(video(await send(sign(id, 'cn-shenzhen'))).CoverURL, `${custom.url}/media/cover-ocean.png`);
          assert.equal(video(await send(sign(NORMAL_ID, 'cn-shanghai'))).Title, 'Replaced');
          assertError(await send(sign(EXAMPLE_VIDEO_ID, 'cn-shanghai')), 404, 'InvalidVideo.NotFound');
        } finally {
          await custom.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('faults', () => {
    it('adds latency', async () => {
      emulator.setFault({ type: 'latency', ms: 150 }, { times: 1 });
      const started = Date.now();
      assert.equal((await send(get(EXAMPLE_VIDEO_ID))).status, 200);
      assert.ok(Date.now() - started >= 140, `took ${Date.now() - started} ms`);
    });

    it('answers 500 InternalError and 503 ServiceUnavailable, then recovers after `times`', async () => {
      emulator.setFault({ type: 'status', status: 500 }, { times: 1 });
      assertError(await send(get(EXAMPLE_VIDEO_ID)), 500, 'InternalError');
      assert.equal((await send(get(EXAMPLE_VIDEO_ID))).status, 200);
      emulator.setFault({ type: 'status', status: 503 });
      assertError(await send(get(EXAMPLE_VIDEO_ID)), 503, 'ServiceUnavailable');
      assertError(await send(get(EXAMPLE_VIDEO_ID)), 503, 'ServiceUnavailable');
      emulator.clearFaults();
      assert.equal((await send(get(EXAMPLE_VIDEO_ID))).status, 200);
    });

    it('throttles with Throttling.User, 400 by default or 429 with Retry-After', async () => {
      emulator.setFault({ type: 'throttling' }, { times: 1 });
      assertError(await send(get(EXAMPLE_VIDEO_ID)), 400, 'Throttling.User');
      emulator.setFault({ type: 'throttling', status: 429, retryAfter: 2 }, { times: 1 });
      const answer = await send(get(EXAMPLE_VIDEO_ID));
      assertError(answer, 429, 'Throttling.User');
      assert.equal(answer.headers.get('retry-after'), '2');
    });

    it('sends truncated JSON, an HTML proxy page and a wrong shape', async () => {
      emulator.setFault({ type: 'malformedJson' }, { times: 1 });
      const truncated = await send(get(EXAMPLE_VIDEO_ID));
      assert.equal(truncated.status, 200);
      assert.match(truncated.headers.get('content-type') ?? '', /^application\/json/);
      assert.throws(() => JSON.parse(truncated.text));

      emulator.setFault({ type: 'html' }, { times: 1 });
      const html = await send(get(EXAMPLE_VIDEO_ID));
      assert.equal(html.status, 502);
      assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(html.text, /<html>/);

      emulator.setFault({ type: 'schema' }, { times: 1 });
      const wrong = await send(get(EXAMPLE_VIDEO_ID));
      assert.equal(wrong.status, 200);
      assert.equal(typeof wrong.body.Video, 'string');
    });

    it('resets the connection', async () => {
      emulator.setFault({ type: 'reset' }, { times: 1 });
      await assert.rejects(send(get(EXAMPLE_VIDEO_ID)));
      assert.equal((await send(get(EXAMPLE_VIDEO_ID))).status, 200);
    });

    it('hangs until the client gives up', async () => {
      emulator.setFault({ type: 'hang' }, { times: 1 });
      await assert.rejects(send(get(EXAMPLE_VIDEO_ID), AbortSignal.timeout(300)), { name: 'TimeoutError' });
      assert.equal((await send(get(EXAMPLE_VIDEO_ID))).status, 200);
    });

    it('scopes a fault to one VideoId', async () => {
      emulator.setFault({ type: 'status', status: 500 }, { videoId: NORMAL_ID });
      assert.equal((await send(get(EXAMPLE_VIDEO_ID))).status, 200);
      assertError(await send(get(NORMAL_ID)), 500, 'InternalError');
      const batch = signV1({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfos', params: { VideoIds: `${EXAMPLE_VIDEO_ID},${NORMAL_ID}` } });
      assertError(await send(batch), 500, 'InternalError');
    });

    it('closes promptly while a request hangs', async () => {
      const other = await startEmulator();
      other.setFault({ type: 'hang' });
      const pending = send(signV1({ baseUrl: other.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfo', params: { VideoId: EXAMPLE_VIDEO_ID } }));
      pending.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await other.close();
      assert.ok(Date.now() - started < 1000);
      await assert.rejects(pending);
    });
  });

  describe('stats and the control API', () => {
    it('counts requests per action and VideoId, signature failures, and logs each request', async () => {
      await send(get(EXAMPLE_VIDEO_ID));
      await send(signV3({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfo', params: { VideoId: EXAMPLE_VIDEO_ID } }));
      await send(get(NORMAL_ID, {}, { ...DEFAULT_CREDENTIAL, accessKeySecret: 'wrong' }));
      await send(signV1({ baseUrl: emulator.url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfos', params: { VideoIds: `${EXAMPLE_VIDEO_ID},${BEIJING_ID}` } }));
      const stats = emulator.stats();
      assert.equal(stats.requests, 4);
      assert.deepEqual(stats.byAction, { GetVideoInfo: 3, GetVideoInfos: 1 });
      assert.deepEqual(stats.byVideoId, { [EXAMPLE_VIDEO_ID]: 3, [NORMAL_ID]: 1, [BEIJING_ID]: 1 });
      assert.equal(stats.signatureFailures, 1);
      assert.deepEqual(stats.log[0], { action: 'GetVideoInfo', regionId: 'cn-shanghai', videoIds: [EXAMPLE_VIDEO_ID], signatureVersion: 'v1', status: 200 });
      assert.equal(stats.log[1]?.signatureVersion, 'v3');
      assert.equal(stats.log[2]?.code, 'SignatureDoesNotMatch');
      emulator.resetStats();
      assert.equal(emulator.stats().requests, 0);
    });

    it('takes faults and gives stats over HTTP without a signature', async () => {
      const post = await fetch(`${emulator.url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fault: { type: 'status', status: 503 }, videoId: EXAMPLE_VIDEO_ID, times: 2 }),
      });
      assert.equal(post.status, 200);
      assertError(await send(get(EXAMPLE_VIDEO_ID)), 503, 'ServiceUnavailable');
      const bad = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ fault: { type: 'nope' } }) });
      assert.equal(bad.status, 400);
      assert.equal((await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' })).status, 200);
      assert.equal((await send(get(EXAMPLE_VIDEO_ID))).status, 200);
      const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { requests: number };
      assert.equal(stats.requests, 2);
      assert.equal((await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' })).status, 200);
      assert.equal(emulator.stats().requests, 0);
    });
  });

  describe('media', () => {
    function pngSize(bytes: Buffer): { width: number; height: number } {
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(bytes.toString('ascii', 12, 16), 'IHDR');
      const width = bytes.readUInt32BE(16);
      const height = bytes.readUInt32BE(20);
      // Decode the pixels: concatenated IDAT chunks inflate to one filter byte + RGB per row.
      const idat: Buffer[] = [];
      for (let offset = 8; offset < bytes.length; ) {
        const length = bytes.readUInt32BE(offset);
        if (bytes.toString('ascii', offset + 4, offset + 8) === 'IDAT') idat.push(bytes.subarray(offset + 8, offset + 8 + length));
        offset += 12 + length;
      }
      assert.equal(inflateSync(Buffer.concat(idat)).length, (width * 3 + 1) * height);
      return { width, height };
    }

    it('serves real PNG covers and snapshots with Content-Type and Content-Length', async () => {
      const seen = new Set<string>();
      for (const name of ['cover-example', 'cover-sunset', 'cover-forest', 'cover-ocean', 'cover-night', 'snapshot-1', 'snapshot-2', 'snapshot-3', 'snapshot-4']) {
        const response = await fetch(`${emulator.url}/media/${name}.png`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-type'), 'image/png');
        const bytes = Buffer.from(await response.arrayBuffer());
        assert.equal(response.headers.get('content-length'), String(bytes.length));
        assert.ok(bytes.length < 8 * 1024, `${name}: ${bytes.length} bytes`);
        assert.deepEqual(pngSize(bytes), { width: 160, height: 90 });
        seen.add(createHash('sha256').update(bytes).digest('hex'));
      }
      assert.equal(seen.size, 9, 'every image is different');
    });

    it('serves a ~3 MB PNG, a fake PNG and a 404', async () => {
      const large = await fetch(`${emulator.url}/media/large.png`);
      const bytes = Buffer.from(await large.arrayBuffer());
      assert.ok(bytes.length > 3_000_000, String(bytes.length));
      assert.equal(large.headers.get('content-length'), String(bytes.length));
      assert.deepEqual(pngSize(bytes), { width: 1024, height: 1024 });
      const broken = await fetch(`${emulator.url}/media/broken.png`);
      assert.equal(broken.headers.get('content-type'), 'image/png');
      assert.notEqual((await broken.arrayBuffer()).byteLength, 0);
      assert.equal((await fetch(`${emulator.url}/media/missing.png`)).status, 404);
      assert.equal(emulator.stats().requests, 0, 'media requests are not API requests');
    });
  });

  describe('command line', () => {
    it('prints exactly one line on stdout, serves, and exits on SIGTERM', async function () {
      this.timeout(15_000);
      const child = spawn('npm', ['run', '-s', 'emulator', '--', '--port', '0', '--access-key-id', 'LTAI5tCliAdded000000001', '--access-key-secret', 'cli-secret'], {
        detached: true, // its own process group: npm, sh, tsx and node stop together
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const lines: string[] = [];
      const stderr: string[] = [];
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
      const reader = createInterface({ input: child.stdout });
      reader.on('line', (line) => lines.push(line));
      const exited = once(child, 'exit');
      try {
        const [first] = (await once(reader, 'line')) as [string];
        const match = /^VOD emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(first);
        assert.ok(match, first);
        const url = match[1];
        assert.notEqual(match[2], '0');
        const request = signV1({ baseUrl: url, credential: DEFAULT_CREDENTIAL, action: 'GetVideoInfo', params: { VideoId: EXAMPLE_VIDEO_ID } });
        assert.equal(video(await send(request)).Title, EXAMPLE_VIDEO_TITLE);
        const added = signV3({ baseUrl: url, credential: { accessKeyId: 'LTAI5tCliAdded000000001', accessKeySecret: 'cli-secret' }, action: 'GetVideoInfo', params: { VideoId: EXAMPLE_VIDEO_ID } });
        assert.equal(video(await send(added)).Title, EXAMPLE_VIDEO_TITLE);
      } finally {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      }
      await exited;
      assert.deepEqual(lines, [lines[0]], `stdout: ${lines.join('\n')}`);
      const log = stderr.join('');
      assert.match(log, /GetVideoInfo region=cn-shanghai ids=9b73864d75f14e5f60d231e9001cd5f8 status=200 sig=v1/);
      assert.ok(!log.includes('cli-secret') && !log.includes(DEFAULT_ACCESS_KEY_SECRET), 'no secret in the log');
    });
  });
});
