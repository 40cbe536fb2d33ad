// The scripts the benchmarks run in fresh processes, built with esbuild into bench/.build/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { BENCH_DIR, BUILD_DIR, REPO_ROOT, ensureBuildDir } from './paths';

/** As in esbuild.js: node-fetch's web-streams-polyfill fallback is dead code on Node >= 16.5. */
const noStreamsPolyfill: esbuild.Plugin = {
  name: 'no-web-streams-polyfill',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/.*)?$/ }, () => ({ path: 'web-streams-polyfill', namespace: 'empty' }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({
      contents: 'throw new Error("web-streams-polyfill is not bundled: Node >= 16.5 has node:stream/web");',
      loader: 'js',
    }));
  },
};

const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface Built {
  file: string;
  bytes: number;
}

/**
 * `bundle`: one minified file with its dependencies, as dist/ is built (`node esbuild.js --production`).
 * Otherwise the script alone, which then requires its dependencies from node_modules as an npm user's would.
 */
export async function buildScript(entry: string, outName: string, options: { bundle: boolean; external?: string[] }): Promise<Built> {
  ensureBuildDir();
  const outfile = path.join(BUILD_DIR, outName);
  await esbuild.build({
    entryPoints: [path.join(BENCH_DIR, entry)],
    outfile,
    // Unbundled, the script's own helpers are still folded in; packages stay in node_modules.
    bundle: true,
    packages: options.bundle ? undefined : 'external',
    minify: options.bundle,
    plugins: options.bundle ? [noStreamsPolyfill] : [],
    external: options.external ?? [],
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
    define: { __VERSION__: JSON.stringify(version) },
  });
  return { file: outfile, bytes: fs.statSync(outfile).size };
}
