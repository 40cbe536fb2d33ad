// `npm run test:integration`: the integration suite inside a real VS Code (code-server 1.139.1 in
// headless Chromium), offline. Two runs: the main suite in a trusted workspace, and the restricted-mode
// suite in an untrusted one. Expects `node esbuild.js && node esbuild.js --tests` to have run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, checkPrerequisites, ensureCodeServer, runTestsInCodeServer } from '../runner/codeServer';

async function main(): Promise<number> {
  checkPrerequisites();
  await ensureCodeServer();
  // A fresh HOME: the developer's own ~/.aliyun and ~/.alibabacloud never leak into the suite.
  const home = mkdtempSync(path.join(tmpdir(), 'vod-it-home-'));
  const env = { HOME: home, VOD_TEST_ISOLATED_HOME: home, ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '', ALIBABA_CLOUD_PROFILE: '' };
  const grep = process.env.VOD_TEST_GREP;
  const runs = [
    { label: 'integration (trusted workspace)', workspace: 'test/integration/workspace', entry: 'out/test/integration/index.js', trustWorkspace: true },
    { label: 'integration (untrusted workspace)', workspace: 'test/integration/workspace-untrusted', entry: 'out/test/integration/untrusted.js', trustWorkspace: false },
  ];
  let passed = 0;
  let failed = 0;
  let exitCode = 0;
  const activation: number[] = [];
  try {
    for (const run of runs) {
      process.stdout.write(`\n=== ${run.label} ===\n`);
      const result = await runTestsInCodeServer({
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: path.join(REPO_ROOT, run.entry),
        workspace: path.join(REPO_ROOT, run.workspace),
        trustWorkspace: run.trustWorkspace,
        env,
        label: run.label,
        timeoutMs: 300_000,
        ...(grep ? { grep } : {}),
      });
      // A grep that matches nothing in one of the two runs is not a failure.
      if (grep && result.summary?.total === 0) continue;
      passed += result.summary?.passed ?? 0;
      failed += result.summary?.failed ?? (result.exitCode === 0 ? 0 : 1);
      if (result.activationMs !== undefined) activation.push(result.activationMs);
      if (result.exitCode !== 0) exitCode = result.exitCode;
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  if (activation.length) process.stdout.write(`\nactivate() took ${activation.map((a) => `${a.toFixed(2)} ms`).join(', ')} (inside VS Code 1.139.1)\n`);
  process.stdout.write(`integration: ${passed} passed, ${failed} failed\n`);
  return failed > 0 && exitCode === 0 ? 1 : exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`integration runner: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 125;
  },
);
