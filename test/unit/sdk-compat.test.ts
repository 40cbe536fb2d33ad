// The official Alibaba Cloud SDKs accept the emulator: if the emulator's signature checks drifted from
// the real service's, these clients would fail here. Each test also proves that a wrong secret fails,
// so a check that accepted everything would not pass either.
import assert from 'node:assert/strict';
import RPCClient from '@alicloud/pop-core';
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { EXAMPLE_VIDEO_ID, EXAMPLE_VIDEO_TITLE, NONEXISTENT_ID, NORMAL_ID } from '../emulator/fixtures';
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  type Emulator,
  type EmulatorStats,
  startEmulator,
  STS_CREDENTIAL,
} from '../emulator/server';

interface VideoInfoBody {
  RequestId: string;
  Video: { VideoId: string; Title: string };
}

interface VideoInfosBody {
  VideoList: { Video: { VideoId: string }[] };
  NonExistVideoIds: { VideoId: string[] };
}

/** Errors of both SDKs carry the service's Code in `code`. */
function hasCode(code: string): (error: unknown) => boolean {
  return (error) => error instanceof Error && 'code' in error && error.code === code;
}

function lastRequest(stats: EmulatorStats): EmulatorStats['log'][number] {
  const entry = stats.log.at(-1);
  assert.ok(entry, 'the emulator saw no request');
  return entry;
}

describe('SDK compatibility with the VOD emulator', function () {
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  describe('@alicloud/pop-core (signature V1)', () => {
    const client = (secret = DEFAULT_ACCESS_KEY_SECRET, accessKeyId = DEFAULT_ACCESS_KEY_ID, securityToken?: string): RPCClient =>
      new RPCClient({ endpoint: emulator.url, apiVersion: '2017-03-21', accessKeyId, accessKeySecret: secret, securityToken });

    it('looks up the example video with GET and with POST', async () => {
      const viaGet = await client().request<VideoInfoBody>('GetVideoInfo', { VideoId: EXAMPLE_VIDEO_ID, RegionId: 'cn-shanghai' });
      assert.equal(viaGet.Video.Title, EXAMPLE_VIDEO_TITLE);
      assert.deepEqual(lastRequest(emulator.stats()), {
        action: 'GetVideoInfo',
        regionId: 'cn-shanghai',
        videoIds: [EXAMPLE_VIDEO_ID],
        signatureVersion: 'v1',
        status: 200,
      });
      const viaPost = await client().request<VideoInfoBody>('GetVideoInfo', { VideoId: EXAMPLE_VIDEO_ID }, { method: 'POST' });
      assert.equal(viaPost.Video.Title, EXAMPLE_VIDEO_TITLE);
    });

    it('looks up with an STS token, and a batch', async () => {
      const sts = client(STS_CREDENTIAL.accessKeySecret, STS_CREDENTIAL.accessKeyId, STS_CREDENTIAL.securityToken);
      assert.equal((await sts.request<VideoInfoBody>('GetVideoInfo', { VideoId: EXAMPLE_VIDEO_ID })).Video.Title, EXAMPLE_VIDEO_TITLE);
      const batch = await client().request<VideoInfosBody>('GetVideoInfos', { VideoIds: `${EXAMPLE_VIDEO_ID},${NONEXISTENT_ID}` });
      assert.deepEqual(batch.VideoList.Video.map((v) => v.VideoId), [EXAMPLE_VIDEO_ID]);
      assert.deepEqual(batch.NonExistVideoIds.VideoId, [NONEXISTENT_ID]);
    });

    it('fails with SignatureDoesNotMatch when the secret is wrong', async () => {
      await assert.rejects(client('not-the-secret').request('GetVideoInfo', { VideoId: EXAMPLE_VIDEO_ID }), hasCode('SignatureDoesNotMatch'));
      assert.equal(emulator.stats().signatureFailures, 1);
    });
  });

  describe('@alicloud/openapi-client', () => {
    const config = (extra: Partial<$OpenApi.Config> = {}): $OpenApi.Config =>
      new $OpenApi.Config({
        accessKeyId: DEFAULT_ACCESS_KEY_ID,
        accessKeySecret: DEFAULT_ACCESS_KEY_SECRET,
        endpoint: `127.0.0.1:${emulator.port}`,
        protocol: 'http',
        regionId: 'cn-shanghai',
        ...extra,
      });

    // How the generated VOD SDK (@alicloud/vod20170321) calls GetVideoInfo.
    const params = (action: string, method: 'GET' | 'POST' = 'POST'): $OpenApi.Params =>
      new $OpenApi.Params({
        action,
        version: '2017-03-21',
        protocol: 'HTTP',
        pathname: '/',
        method,
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      });

    const query = (values: Record<string, string>): $OpenApi.OpenApiRequest =>
      new $OpenApi.OpenApiRequest({ query: OpenApiUtil.query(values) });

    // RuntimeOptions lives in @alicloud/tea-util, which is not a direct dependency; the client only reads
    // optional fields from it, so an object of the same shape does.
    const runtime: Parameters<OpenApi['callApi']>[2] = { autoretry: false, toMap: () => ({}) };

    it('signature V3: callApi looks up the example video with POST and with GET', async () => {
      for (const method of ['POST', 'GET'] as const) {
        const result = await new OpenApi(config()).callApi(params('GetVideoInfo', method), query({ VideoId: EXAMPLE_VIDEO_ID, RegionId: 'cn-shanghai' }), runtime);
        assert.equal(result.statusCode, 200);
        const body = result.body as VideoInfoBody;
        assert.equal(body.Video.Title, EXAMPLE_VIDEO_TITLE);
        assert.equal(lastRequest(emulator.stats()).signatureVersion, 'v3');
      }
    });

    it('signature V3: sends an STS token, and form body parameters covered by x-acs-content-sha256', async () => {
      const sts = new OpenApi(config({ accessKeyId: STS_CREDENTIAL.accessKeyId, accessKeySecret: STS_CREDENTIAL.accessKeySecret, securityToken: STS_CREDENTIAL.securityToken }));
      const one = await sts.callApi(params('GetVideoInfo'), query({ VideoId: EXAMPLE_VIDEO_ID }), runtime);
      assert.equal((one.body as VideoInfoBody).Video.Title, EXAMPLE_VIDEO_TITLE);
      const form = new $OpenApi.OpenApiRequest({ body: { VideoIds: `${EXAMPLE_VIDEO_ID},${NORMAL_ID}` } });
      const batch = await new OpenApi(config()).callApi(params('GetVideoInfos'), form, runtime);
      assert.deepEqual((batch.body as VideoInfosBody).VideoList.Video.map((v) => v.VideoId), [EXAMPLE_VIDEO_ID, NORMAL_ID]);
    });

    it('signature V1 through the same client (signatureAlgorithm v2, doRPCRequest)', async () => {
      const result = await new OpenApi(config({ signatureAlgorithm: 'v2' })).callApi(params('GetVideoInfo'), query({ VideoId: EXAMPLE_VIDEO_ID }), runtime);
      assert.equal((result.body as VideoInfoBody).Video.Title, EXAMPLE_VIDEO_TITLE);
      assert.equal(lastRequest(emulator.stats()).signatureVersion, 'v1');
    });

    it('fails with SignatureDoesNotMatch when the secret is wrong (V3 and V1)', async () => {
      const wrong = new OpenApi(config({ accessKeySecret: 'not-the-secret' }));
      await assert.rejects(wrong.callApi(params('GetVideoInfo'), query({ VideoId: EXAMPLE_VIDEO_ID }), runtime), hasCode('SignatureDoesNotMatch'));
      const wrongV1 = new OpenApi(config({ accessKeySecret: 'not-the-secret', signatureAlgorithm: 'v2' }));
      await assert.rejects(wrongV1.callApi(params('GetVideoInfo'), query({ VideoId: EXAMPLE_VIDEO_ID }), runtime), hasCode('SignatureDoesNotMatch'));
      assert.equal(emulator.stats().signatureFailures, 2);
    });

    it('reports InvalidVideo.NotFound from the wrong region with the RequestId', async () => {
      const error = await new OpenApi(config())
        .callApi(params('GetVideoInfo'), query({ VideoId: EXAMPLE_VIDEO_ID, RegionId: 'cn-beijing' }), runtime)
        .then(
          () => assert.fail('expected InvalidVideo.NotFound'),
          (reason: unknown) => reason,
        );
      assert.ok(hasCode('InvalidVideo.NotFound')(error), String(error));
      assert.match(String(error), /request id: [0-9A-F-]{36}/);
    });
  });
});
