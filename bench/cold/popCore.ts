// Cold start, @alicloud/pop-core (signature V1, GET), configured as test/unit/sdk-compat.test.ts does.
import { performance } from 'node:perf_hooks';
import { coldArgs, fail, report } from './args';

const started = performance.now();

interface VideoInfoBody {
  Video: { VideoId: string; Title: string };
}

async function main(): Promise<void> {
  const args = coldArgs();
  const RPCClient = require('@alicloud/pop-core') as typeof import('@alicloud/pop-core');
  const loaded = performance.now();
  const client = new RPCClient({ endpoint: args.url, apiVersion: '2017-03-21', accessKeyId: args.accessKeyId, accessKeySecret: args.accessKeySecret });
  const body = await client.request<VideoInfoBody>('GetVideoInfo', { VideoId: args.videoId, RegionId: 'cn-shanghai' });
  report(started, loaded, body.Video.Title);
}

main().catch(fail);
