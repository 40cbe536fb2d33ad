// The second entry: the same extension in a workspace opened without trust
// (test/integration/workspace-untrusted), whose settings try to redirect signed requests.
import * as path from 'node:path';
import { runMochaInHost } from '../runner/hostMocha';

export function run(): Promise<void> {
  return runMochaInHost({ files: [path.join(__dirname, 'untrusted', 'untrusted.test.js')], timeoutMs: 30_000 });
}
