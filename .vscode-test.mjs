// The integration suite under @vscode/test-cli / @vscode/test-electron, for a machine with internet that
// can download a desktop VS Code: `npm run test:electron`. Offline, `npm run test:integration` runs the
// same compiled suite inside code-server instead. The suite starts the VOD emulator itself.
//
// The untrusted-workspace suite (out/test/integration/untrusted) runs only under code-server:
// @vscode/test-electron always passes --disable-workspace-trust, so a folder can never open untrusted here.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/integration/suite/*.test.js',
  workspaceFolder: 'test/integration/workspace',
  version: '1.90.0',
  mocha: { timeout: 30000 },
});
