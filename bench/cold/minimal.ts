// Cold start, the floor for a signed client: node:http and our V3 signer, the body JSON.parse'd and no
// more (no schema, no retries, no timeout). What any client built on Node's HTTP stack pays at least.
import { performance } from 'node:perf_hooks';
import { coldArgs, fail, report } from './args';

const started = performance.now();

function main(): void {
  const args = coldArgs();
  const http = require('node:http') as typeof import('node:http');
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
  const req = http.get(`${base.origin}/?${canonicalQuery(query)}`, { headers }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => {
      const body = JSON.parse(text) as { Video?: { Title?: string }; Code?: string };
      if (!body.Video) fail(new Error(`HTTP ${res.statusCode} ${body.Code ?? ''}`));
      report(started, loaded, body.Video.Title ?? '');
    });
  });
  req.on('error', fail);
}

main();
