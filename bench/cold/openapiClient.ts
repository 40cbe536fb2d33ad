// Cold start, @alicloud/openapi-client (signature V3): configured exactly as test/unit/sdk-compat.test.ts
// does, which is how the generated VOD SDK (@alicloud/vod20170321) calls GetVideoInfo.
import { performance } from 'node:perf_hooks';
import type OpenApi from '@alicloud/openapi-client';
import { coldArgs, fail, report } from './args';

const started = performance.now();

interface VideoInfoBody {
  Video: { VideoId: string; Title: string };
}

async function main(): Promise<void> {
  const args = coldArgs();
  const sdk = require('@alicloud/openapi-client') as typeof import('@alicloud/openapi-client');
  const loaded = performance.now();
  const port = new URL(args.url).port;
  const client = new sdk.default(
    new sdk.Config({ accessKeyId: args.accessKeyId, accessKeySecret: args.accessKeySecret, endpoint: `127.0.0.1:${port}`, protocol: 'http', regionId: 'cn-shanghai' }),
  );
  const params = new sdk.Params({
    action: 'GetVideoInfo',
    version: '2017-03-21',
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  // RuntimeOptions lives in @alicloud/tea-util; the client only reads optional fields from it.
  const runtime: Parameters<OpenApi['callApi']>[2] = { autoretry: false, toMap: () => ({}) };
  const request = new sdk.OpenApiRequest({ query: { VideoId: args.videoId, RegionId: 'cn-shanghai' } });
  const result = await client.callApi(params, request, runtime);
  report(started, loaded, (result.body as VideoInfoBody).Video.Title);
}

main().catch(fail);
