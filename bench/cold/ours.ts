// Cold start, ours: load the client (bundled and minified, as dist/ ships it) and make one signed (V3)
// GetVideoInfo. Built by bench/lib/build.ts into bench/.build/cold-ours.js.
import { performance } from 'node:perf_hooks';
import { coldArgs, fail, report } from './args';

const started = performance.now();

async function main(): Promise<void> {
  const args = coldArgs();
  // require(), not a static import, so the time to load the module can be told apart from the call.
  const { VodClient } = require('../../src/vod/client') as typeof import('../../src/vod/client');
  const loaded = performance.now();
  const client = new VodClient({
    credentials: async () => ({ accessKeyId: args.accessKeyId, accessKeySecret: args.accessKeySecret, source: 'bench' }),
    endpoint: args.url,
    signatureVersion: 'v3',
    maxAttempts: 1,
  });
  const { video } = await client.getVideoInfo(args.videoId);
  report(started, loaded, video.title);
}

main().catch(fail);
