// Cold start, the minimal client again but on node-fetch (as VodClient is) instead of node:http: with
// cold/minimal.ts it separates node-fetch's share of our cold start from our own code's.
import { performance } from 'node:perf_hooks';
import { coldArgs, fail, report } from './args';

const started = performance.now();

async function main(): Promise<void> {
  const args = coldArgs();
  const { default: fetch } = require('node-fetch') as typeof import('node-fetch');
  const { canonicalQuery, signAcs3Request } = require('../../src/vod/signing') as typeof import('../../src/vod/signing');
  const loaded = performance.now();
  const base = new URL(args.url);
  const query = { VideoId: args.videoId, RegionId: 'cn-shanghai' };
  const headers = signAcs3Request({
    method: 'GET',
    host: base.host,
    action: 'GetVideoInfo',
    version: '2017-03-21',
    query,
    key: { accessKeyId: args.accessKeyId, accessKeySecret: args.accessKeySecret },
  });
  const response = await fetch(`${base.origin}/?${canonicalQuery(query)}`, { headers });
  const body = JSON.parse(await response.text()) as { Video?: { Title?: string }; Code?: string };
  if (!body.Video) fail(new Error(`HTTP ${response.status} ${body.Code ?? ''}`));
  report(started, loaded, body.Video.Title ?? '');
}

main().catch(fail);
