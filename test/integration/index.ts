// The integration suite's entry inside VS Code (extensionTestsPath): the main suite, in a trusted
// workspace (test/integration/workspace).
import * as path from 'node:path';
import { runMochaInHost } from '../runner/hostMocha';

export function run(): Promise<void> {
  const dir = path.join(__dirname, 'suite');
  return runMochaInHost({ files: ['hover', 'commands', 'panel', 'settings'].map((f) => path.join(dir, `${f}.test.js`)), timeoutMs: 30_000 });
}
