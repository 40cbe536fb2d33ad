// Shared by the cold-start scripts: what the parent passes, and the one JSON line each prints.
import { performance } from 'node:perf_hooks';

export interface ColdArgs {
  url: string;
  videoId: string;
  accessKeyId: string;
  accessKeySecret: string;
}

/** Milliseconds since the process began (performance.timeOrigin), so Node's own start-up is included. */
export interface ColdReport {
  /** When this script's first line ran. */
  started: number;
  /** After the client library was loaded. */
  loaded: number;
  /** After the first GetVideoInfo answered. */
  done: number;
  title: string;
}

export function coldArgs(): ColdArgs {
  const [url, videoId, accessKeyId, accessKeySecret] = process.argv.slice(2);
  if (!url || !videoId || !accessKeyId || !accessKeySecret) {
    process.stderr.write('usage: node <script> <emulator url> <video id> <access key id> <access key secret>\n');
    process.exit(2);
  }
  return { url, videoId, accessKeyId, accessKeySecret };
}

/** Prints the report and exits at once, so no idle keep-alive socket or timer is counted. */
export function report(started: number, loaded: number, title: string): never {
  const line: ColdReport = { started, loaded, done: performance.now(), title };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  process.exit(0);
}

export function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
